//! 核对 / Check my points at the door (docs/formats.md §5).

use wasm_bindgen::prelude::*;

use super::convert::{config_arg, optional_money_arg, refused, to_js};
use crate::error::{LedgerProblem, PoolError};
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
    let config = config_arg(&config).map_err(refused)?;
    let text = lines.as_string().ok_or_else(|| {
        let reason = "the lines must be text".to_owned();
        refused(PoolError::InvalidLedger {
            line: 0,
            field: None,
            problem: LedgerProblem::NotText.into(),
            reason,
        })
    })?;
    let price = optional_money_arg("currentPrice", &current_price).map_err(refused)?;
    let report = crate::ledger::check_history(&config, &text, price).map_err(refused)?;
    to_js(&wire::CheckReportDoc::from(&report))
}
