//! 核对 / Check my points at the door (docs/formats.md §5).

use wasm_bindgen::prelude::*;

use wasm_bindgen::JsCast;

use super::convert::{config_arg, optional_money_arg, refused, to_js};
use super::{args, guard};
use crate::error::{LedgerProblem, PoolError};
use crate::limits::MAX_CHECK_BYTES;
use crate::wire;

/// 核对 / Check my points (docs/formats.md §5): a member's lines (CSV or JSON Lines) checked
/// against the rules of `config` at the prices the platform published; `currentPrice` (optional)
/// values the position now. A bad line throws `invalid_ledger` naming it.
#[wasm_bindgen(js_name = checkHistory, unchecked_return_type = "CheckReport")]
pub fn check_history(
    #[wasm_bindgen(unchecked_param_type = "Config | undefined")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] lines: JsValue,
    #[wasm_bindgen(js_name = "currentPrice", unchecked_param_type = "DecimalString | undefined")]
    current_price: JsValue,
) -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    let config = config_arg(&config).map_err(refused)?;
    let text = match lines.dyn_ref::<js_sys::JsString>() {
        // Measured before it is copied: a longer text is refused as the check would refuse it.
        Some(_) => args::short_string(&lines, MAX_CHECK_BYTES)
            .ok_or_else(|| refused(PoolError::LimitExceeded { quantity: "maxCheckBytes" }))?,
        None => {
            let reason = "the lines must be text".to_owned();
            let problem = LedgerProblem::NotText.into();
            return Err(refused(PoolError::InvalidLedger { line: 0, field: None, problem, reason }));
        }
    };
    let price = optional_money_arg("currentPrice", &current_price).map_err(refused)?;
    let report = crate::ledger::check_history(&config, &text, price).map_err(refused)?;
    to_js(&wire::CheckReportDoc::from(&report))
}
