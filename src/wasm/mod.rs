//! The one door to JavaScript (docs/interface.md). Each export decodes its arguments into
//! the door's serde types (`crate::wire`) with serde-wasm-bindgen, calls the core, and
//! encodes the result; no rule of the model lives here. Every decimal crosses as a string,
//! both ways; a JS number where a decimal belongs is refused, never read through a float.
//!
//! Two builds share this door: the member's (what `<points-calculator>` calls: `pool`,
//! `input`, `forecast`, `check`) and the full one, which adds the `operator` feature's exports.

mod args;
#[cfg(feature = "check")]
mod check;
mod convert;
#[cfg(feature = "forecasts")]
mod forecast;
mod guard;
mod input;
#[cfg(feature = "operator")]
mod operator;
#[cfg(feature = "operator")]
mod pieces;
mod pool;
#[cfg(feature = "log-check")]
pub mod tlog;
#[cfg(feature = "log-check")]
mod tlog_args;
#[cfg(feature = "log-check")]
pub mod tlog_lines;

use wasm_bindgen::prelude::*;

use crate::model::Pool;
#[cfg(feature = "check")]
pub use check::check_history;
#[cfg(feature = "forecasts")]
pub use forecast::{monte_carlo, project};
pub use input::{friendly_decimal, purchase_split};
#[cfg(feature = "operator")]
pub use operator::{simulate_population, sweep_values, LedgerAudit};
pub use pool::PointsPool;

/// The wasm's allocator: talc. Re-measured against the default dlmalloc (issue 18): the member's
/// wasm 2,486 bytes smaller gzipped (138,575 against 141,061), the full one 2,073; the replay
/// as fast within the machine's noise (1.78–1.91 against 1.67–1.88 M rows/s).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: Watched = Watched(talc::wasm::new_wasm_dynamic_allocator());

/// talc, telling the guard where each allocation is: it waits for the one of an object it is
/// about to hand to JavaScript (guard.rs).
struct Watched(talc::wasm::WasmDynamicTalc);

// SAFETY: every call is talc's own; the guard only notes the address talc returned.
unsafe impl std::alloc::GlobalAlloc for Watched {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let at = self.0.alloc(layout);
        guard::allocated(at);
        at
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let at = self.0.alloc_zeroed(layout);
        guard::allocated(at);
        at
    }

    unsafe fn dealloc(&self, at: *mut u8, layout: std::alloc::Layout) {
        self.0.dealloc(at, layout)
    }

    unsafe fn realloc(&self, at: *mut u8, layout: std::alloc::Layout, size: usize) -> *mut u8 {
        self.0.realloc(at, layout, size)
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A decimal number written as a string: `^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`, at most 40 characters. */
export type DecimalString = string;
/** What every method throws: `name === "PoolError"`, a stable `code`; `field`, `line`, `problem` and `reason` where they apply. */
export interface PoolError extends Error {
  name: "PoolError"; code: PoolErrorCode; field?: string; line?: number;
  /** For `invalid_ledger`: what was wrong with the row, an engine code or one of the ledger's own. */
  problem?: PoolErrorCode | LedgerProblem;
  reason?: string;
}
"#;

/// Installs the guards on every exported class (guard.rs), once: `init()` calls it, and a page
/// that calls it again changes nothing.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    if guard::started() {
        return Ok(());
    }
    guard::guard_class(&JsValue::from(PointsPool { inner: Pool::default() }))?;
    // The first object handed under the guard proves that its check finds what the glue stores.
    let _checked = JsValue::from(guard::handed(PointsPool { inner: Pool::default() }));
    #[cfg(feature = "log-check")]
    tlog::guard()?;
    #[cfg(feature = "operator")]
    operator::guard()?;
    Ok(())
}

/// Every limit the engine enforces (docs/model.md, Limits), for pages to read rather than retype.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    convert::to_js(&crate::wire::LimitsDoc::all())
}

/// Every error code and ledger problem the engine can throw, for pages' catalogues of text.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCodes")]
pub fn error_codes() -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    convert::to_js(&crate::wire::ErrorCodesDoc::all())
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> Result<String, JsValue> {
    let _busy = guard::enter()?;
    Ok(crate::VERSION.to_owned())
}
