//! The one door to JavaScript (docs/interface.md). Each export decodes its arguments into
//! the door's serde types (`crate::wire`) with serde-wasm-bindgen, calls the core, and
//! encodes the result; no rule of the model lives here. Every decimal crosses as a string,
//! both ways; a JS number where a decimal belongs is refused, never read through a float.
//!
//! Two builds share this door: the member's (what `<points-calculator>` calls: `pool`,
//! `forecast`, `check`) and the full one, which adds the `operator` feature's exports.

mod check;
mod convert;
mod forecast;
mod guard;
#[cfg(feature = "operator")]
mod operator;
mod pool;
pub mod tlog;

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::model::Pool;
pub use check::check_history;
pub use forecast::{monte_carlo, project};
#[cfg(feature = "operator")]
pub use operator::{simulate_population, sweep_values, LedgerAudit};
pub use pool::PointsPool;

/// The wasm's allocator: talc. Re-measured against the default dlmalloc (issue 18): the member's
/// wasm 2,486 bytes smaller gzipped (138,575 against 141,061), the full one 2,073; the replay
/// as fast within the machine's noise (1.78–1.91 against 1.67–1.88 M rows/s).
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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

/// Guards every exported class's methods against freed and failed objects (guard.rs).
#[wasm_bindgen(start)]
pub fn start() {
    let pool = JsValue::from(PointsPool { inner: Pool::default() });
    guard::guard_methods(&Object::get_prototype_of(&pool));
    tlog::guard();
    #[cfg(feature = "operator")]
    operator::guard();
}

/// Every limit the engine enforces (docs/model.md, Limits), for pages to read rather than retype.
#[wasm_bindgen(unchecked_return_type = "Limits")]
pub fn limits() -> Result<JsValue, JsValue> {
    convert::to_js(&crate::wire::LimitsDoc::all())
}

/// Every error code and ledger problem the engine can throw, for pages' catalogues of text.
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCodes")]
pub fn error_codes() -> Result<JsValue, JsValue> {
    convert::to_js(&crate::wire::ErrorCodesDoc::all())
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}
