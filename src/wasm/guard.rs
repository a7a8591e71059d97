//! A door that survives misuse (docs/interface.md §Objects). wasm-bindgen's glue passes an
//! object's pointer to Rust on every method call; after `free()` that pointer is 0, and the
//! Rust side throws from inside the wasm ("null pointer passed to rust"), which leaves the
//! frame it had pushed on the wasm's shadow stack. Some 13,000 such calls exhaust it and
//! every object in the module fails. An object whose call trapped stays borrowed and fails
//! the same way.
//!
//! So at start-up each exported class's methods are wrapped in a `Proxy` whose `apply` trap
//! (this file, in Rust) checks `this` before the call reaches wasm-bindgen's glue: an object
//! of another class, a freed one or one whose earlier call failed gets a `PoolError`
//! (`object_freed`, `object_failed`) thrown from JavaScript, and wasm memory is not touched.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Proxy, Reflect, WeakSet};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::convert::{error_to_js, has_prototype, is_pool_error};
use crate::error::PoolError;

thread_local! {
    /// Objects a call failed on (a trap, not a refusal): every later call is refused.
    static FAILED: RefCell<Option<WeakSet>> = const { RefCell::new(None) };
}

/// Wraps every method of `prototype` (an exported class's) in the guard.
pub fn guard_methods(prototype: &Object) {
    let failed = FAILED.with(|cell| cell.borrow_mut().get_or_insert_with(WeakSet::new).clone());
    for name in Object::get_own_property_names(prototype).iter() {
        let Some(key) = name.as_string() else { continue };
        if matches!(key.as_str(), "constructor" | "free" | "__destroy_into_raw") {
            continue;
        }
        let Ok(method) = Reflect::get(prototype, &name) else { continue };
        if !method.is_function() {
            continue;
        }
        let handler = Object::new();
        let apply = guarded_apply(prototype.clone(), failed.clone());
        let _ = Reflect::set(&handler, &"apply".into(), &apply);
        let proxy = Proxy::new(&method, &handler);
        let _ = Reflect::set(prototype, &name, &proxy);
    }
}

/// The `apply` trap: `(target, this, args)`.
fn guarded_apply(prototype: Object, failed: WeakSet) -> JsValue {
    let trap = move |target: JsValue, this: JsValue, args: Array| -> Result<JsValue, JsValue> {
        if !has_prototype(&this, &prototype) {
            return Err(js_sys::TypeError::new(
                "a points-pool method was called on something that is not its object",
            )
            .into());
        }
        if Reflect::get(&this, &"__wbg_ptr".into()).ok().and_then(|ptr| ptr.as_f64()) == Some(0.0) {
            return Err(error_to_js(&PoolError::ObjectFreed));
        }
        let this_object: &Object = this.unchecked_ref();
        if failed.has(this_object) {
            return Err(error_to_js(&PoolError::ObjectFailed));
        }
        let method: &Function = target.unchecked_ref();
        Reflect::apply(method, &this, &args).inspect_err(|thrown| {
            if !is_pool_error(thrown) {
                failed.add(this_object);
            }
        })
    };
    Closure::<dyn Fn(JsValue, JsValue, Array) -> Result<JsValue, JsValue>>::new(trap).into_js_value()
}
