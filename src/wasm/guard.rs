//! A door that survives misuse (docs/interface.md §Objects).
//!
//! wasm-bindgen's glue keeps each object's pointer in `__wbg_ptr` and hands it to wasm on every
//! call. Wasm then trusts it: a freed pointer (0) makes the Rust side throw from inside wasm,
//! leaving frames on the module's shadow stack (some 13,000 such calls left every object dead),
//! and a made-up one reads or writes memory that belongs to something else. So, at start-up,
//! for each exported class:
//!
//! - `__wbg_ptr` becomes an accessor on the prototype, backed by a registry of the objects the
//!   engine made. Only a pointer the engine has just allocated for an object it is handing to
//!   JavaScript (`handed`, checked against the allocation the global allocator saw) can be
//!   stored, once; 0 only by `free()`. Reading it on anything else throws `foreign_object`.
//! - every method, `free` included, is wrapped in a `Proxy` whose `apply` trap (in Rust) checks,
//!   before the glue runs, that `this` is the class's own live object (`foreign_object`,
//!   `object_freed`; `free()` on a freed object does nothing), that no earlier call trapped
//!   inside the engine (`object_failed`), and that no other engine call is running
//!   (`engine_busy`).
//! - `__wrap`, which the glue uses to make objects, can no longer be replaced.
//!
//! Constructors, static methods and free functions check that no call is running themselves
//! (`enter`). Arguments are read by `args.rs`. All of this is installed by `init()`: a method a
//! page took from a prototype before `init()` ran is not wrapped.

use std::cell::{Cell, RefCell};
use std::mem::{align_of, size_of};

use js_sys::{Array, Function, Object, Proxy, Reflect, WeakMap, WeakSet};
use wasm_bindgen::__rt::WasmRefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::convert::{error_to_js, is_pool_error};
use crate::error::PoolError;

thread_local! {
    /// Whether an engine call is running: one at a time.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// Whether `free()` is running, the one call that may store 0.
    static FREEING: Cell<bool> = const { Cell::new(false) };
    /// Whether the guards are installed (`start()` may be called again: it does nothing).
    static STARTED: Cell<bool> = const { Cell::new(false) };
    /// The offset of the object in the allocation the engine is about to hand to JavaScript.
    static HANDING: Cell<Option<usize>> = const { Cell::new(None) };
    /// Whether the next allocation is that object's, and where it was.
    static WATCHING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
    /// Objects a call trapped on: every later call is refused.
    static FAILED: RefCell<Option<WeakSet>> = const { RefCell::new(None) };
}

/// An engine call running; dropping it ends the call.
pub struct Busy(());

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.set(false);
    }
}

/// Starts an engine call of a constructor, a static method or a free function: refused while
/// another call runs (a progress callback, a getter or a Proxy trap calling back in).
pub fn enter() -> Result<Busy, JsValue> {
    if BUSY.replace(true) {
        return Err(error_to_js(&PoolError::EngineBusy));
    }
    Ok(Busy(()))
}

/// `value`, about to be handed to JavaScript as an object of its class: the allocation that
/// follows is its, and the glue's store of its pointer is the one `__wbg_ptr` accepts. Call it
/// last, once every other allocation is done.
pub fn handed<T>(value: T) -> T {
    // Rc's allocation holds two counts, then the value (WasmRefCell<T>) at its alignment.
    let offset = (2 * size_of::<usize>()).next_multiple_of(align_of::<WasmRefCell<T>>());
    HANDING.set(Some(offset));
    WATCHING.set(true);
    value
}

/// Called by the global allocator for every allocation (mod.rs): notes the one `handed` awaits.
pub(super) fn allocated(at: *mut u8) {
    if WATCHING.replace(false) {
        ALLOCATED.set(at as usize);
    }
}

/// Installs the guards on the class of `instance` (an object the engine just made, whose own
/// `__wbg_ptr` the accessor does not cover: it is left to the garbage collector).
pub fn guard_class(instance: &JsValue) -> Result<(), JsValue> {
    let prototype = Object::get_prototype_of(instance);
    let registry = WeakMap::new();
    install_handle(&prototype, &registry)?;
    let failed = FAILED.with(|cell| cell.borrow_mut().get_or_insert_with(WeakSet::new).clone());
    for name in Object::get_own_property_names(&prototype).iter() {
        let Some(key) = name.as_string() else { continue };
        if matches!(key.as_str(), "constructor" | "__destroy_into_raw") {
            continue;
        }
        let Ok(method) = Reflect::get(&prototype, &name) else { continue };
        if let Some(method) = method.dyn_ref::<Function>() {
            let trap = method_trap(registry.clone(), failed.clone(), key == "free");
            fix(&prototype, &name, &proxy(method, trap))?;
        }
    }
    let class = Reflect::get(&prototype, &"constructor".into())?;
    if let Some(class) = class.dyn_ref::<Object>() {
        // The glue's maker of objects from pointers.
        fix(class, &"__wrap".into(), &Reflect::get(class, &"__wrap".into())?)?;
    }
    Ok(())
}

/// Whether `start()` already ran; marks it run.
pub fn started() -> bool {
    STARTED.replace(true)
}

/// `__wbg_ptr` as an accessor over `registry` (object → pointer, 0 once freed).
fn install_handle(prototype: &Object, registry: &WeakMap) -> Result<(), JsValue> {
    let read = registry.clone();
    let get = move |_: JsValue, this: JsValue, _: Array| -> Result<JsValue, JsValue> {
        let pointer = read.get(this.unchecked_ref());
        if pointer.is_undefined() {
            return Err(error_to_js(&PoolError::ForeignObject));
        }
        Ok(pointer)
    };
    let write = registry.clone();
    let set = move |_: JsValue, this: JsValue, args: Array| -> Result<JsValue, JsValue> {
        let Some(object) = this.dyn_ref::<Object>() else {
            return Err(error_to_js(&PoolError::ForeignObject));
        };
        let pointer = args.get(0).as_f64().unwrap_or(f64::NAN);
        let known = !write.get(object).is_undefined();
        let stored = if pointer == 0.0 { known && FREEING.get() } else { !known && expected(pointer) };
        if !stored {
            return Err(error_to_js(&PoolError::ForeignObject));
        }
        write.set(object, &JsValue::from_f64(pointer));
        Ok(JsValue::UNDEFINED)
    };
    let accessor = Object::new();
    Reflect::set(&accessor, &"get".into(), &proxy(&anchor(), trap(get)))?;
    Reflect::set(&accessor, &"set".into(), &proxy(&anchor(), trap(set)))?;
    Reflect::set(&accessor, &"configurable".into(), &JsValue::FALSE)?;
    Reflect::define_property(prototype, &"__wbg_ptr".into(), &accessor)?;
    Ok(())
}

/// Whether `pointer` is the object `handed` announced (once).
fn expected(pointer: f64) -> bool {
    let Some(offset) = HANDING.take() else { return false };
    let at = ALLOCATED.replace(0);
    at != 0 && pointer == (at + offset) as f64
}

/// The `apply` trap of a method: `(target, this, args)`.
fn method_trap(registry: WeakMap, failed: WeakSet, is_free: bool) -> JsValue {
    trap(move |target: JsValue, this: JsValue, args: Array| -> Result<JsValue, JsValue> {
        if BUSY.get() {
            return Err(error_to_js(&PoolError::EngineBusy));
        }
        let Some(object) = this.dyn_ref::<Object>() else {
            return Err(error_to_js(&PoolError::ForeignObject));
        };
        let pointer = registry.get(object);
        // Its own `__wbg_ptr` (a data property or accessor a page defined) would hide the registry's.
        let read =
            Reflect::get(object, &"__wbg_ptr".into()).map_err(|_| error_to_js(&PoolError::ForeignObject))?;
        if pointer.is_undefined() || read.as_f64() != pointer.as_f64() {
            return Err(error_to_js(&PoolError::ForeignObject));
        }
        let gone = pointer.as_f64() == Some(0.0);
        if is_free && (gone || failed.has(object)) {
            // Freeing twice, or an object whose call trapped (its memory may be held): nothing to do.
            return Ok(JsValue::UNDEFINED);
        }
        if gone {
            return Err(error_to_js(&PoolError::ObjectFreed));
        }
        if failed.has(object) {
            return Err(error_to_js(&PoolError::ObjectFailed));
        }
        BUSY.set(true);
        FREEING.set(is_free);
        let method: &Function = target.unchecked_ref();
        let outcome = Reflect::apply(method, &this, &args);
        FREEING.set(false);
        BUSY.set(false);
        if outcome.as_ref().is_err_and(|thrown| !is_pool_error(thrown)) {
            failed.add(object);
        }
        outcome
    })
}

/// Sets `object[key]` for good: neither writable nor configurable, so a page cannot put an
/// unguarded function (or its own `__wrap`) in its place.
fn fix(object: &Object, key: &JsValue, value: &JsValue) -> Result<(), JsValue> {
    let descriptor = Object::new();
    Reflect::set(&descriptor, &"value".into(), value)?;
    Reflect::set(&descriptor, &"writable".into(), &JsValue::FALSE)?;
    Reflect::set(&descriptor, &"configurable".into(), &JsValue::FALSE)?;
    Reflect::define_property(object, key, &descriptor)?;
    Ok(())
}

type Trap = dyn Fn(JsValue, JsValue, Array) -> Result<JsValue, JsValue>;

/// A Rust function as a Proxy's `apply` trap, which receives `this` (a closure alone does not).
fn trap(apply: impl Fn(JsValue, JsValue, Array) -> Result<JsValue, JsValue> + 'static) -> JsValue {
    Closure::<Trap>::new(apply).into_js_value()
}

/// `target` called through `apply`.
fn proxy(target: &Function, apply: JsValue) -> JsValue {
    let handler = Object::new();
    // Setting a property on a fresh object cannot fail.
    let _ = Reflect::set(&handler, &"apply".into(), &apply);
    Proxy::new(target, &handler).into()
}

/// A function for a Proxy to stand in front of (never called: the trap answers).
fn anchor() -> Function {
    Object::new().constructor()
}
