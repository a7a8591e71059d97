//! What a member types, read at the door by the engine's one friendly reading (docs/formats.md
//! §1), and the member's own pool from the attributes a merchant wrote: no page keeps a second
//! reader of numbers or of the bare-state rule.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::args::short_string;
use super::convert::{optional_money_arg, refused, to_js};
use super::guard;
use crate::decimal::{friendly_plain, parse_plain, PlainError};
use crate::error::PoolError;
use crate::limits::MAX_DECIMAL_CHARS;
use crate::wire::DecimalString;

/// The plain decimal a number typed as people type it stands for (`１００元`, `¥1,000.50`,
/// `1 000,5` refused, `99.` read as 99): formats.md §1's friendly forms, read by the engine.
/// Throws `invalid_decimal` naming `field` (`amount`, `points`, `spent` or `received`; else
/// `value`) when the text is no number at all; a number too big or too precise is returned
/// as written, for the call that uses it to refuse with its own code.
#[wasm_bindgen(js_name = friendlyDecimal, unchecked_return_type = "DecimalString")]
pub fn friendly_decimal(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"amount\" | \"points\" | \"spent\" | \"received\" | undefined")]
    field: JsValue,
) -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    // Room for what people type around a number (¥, 元, separators, spaces) before it is read.
    let typed_most = 2 * MAX_DECIMAL_CHARS;
    let field = match short_string(&field, 16).as_deref() {
        Some("amount") => "amount",
        Some("points") => "points",
        Some("spent") => "spent",
        Some("received") => "received",
        _ => "value",
    };
    let typed = short_string(&text, typed_most).unwrap_or_default();
    let refusal = || refused(PoolError::InvalidDecimal { field, found: crate::error::quote(&typed) });
    let plain = friendly_plain(&typed).ok_or_else(refusal)?;
    match parse_plain(&plain) {
        Err(PlainError::Syntax) => Err(refusal()),
        _ => Ok(JsValue::from_str(&plain)),
    }
}

/// Where a purchase's money goes, in the buyer's own money (docs/model.md §3).
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PurchaseSplit {
    /// What the buyer paid.
    pub amount: DecimalString,
    /// What the merchant keeps: the amount less the contribution.
    pub merchant: DecimalString,
    /// What went into the pool (`poolRate` of the amount).
    pub contribution: DecimalString,
    /// What the buyer's new points are worth at the price after the purchase.
    pub yours: DecimalString,
    /// The rest of the contribution: it raises the price of every earlier holder's points.
    pub earlier: DecimalString,
}

/// Splits a purchase's `amount` by its receipt's `contribution` and the `value` of the points
/// granted (the member's view after it): what the merchant keeps, what is the buyer's, and
/// what backs the points of earlier holders. Exact: the three parts add up to the amount.
#[wasm_bindgen(js_name = purchaseSplit, unchecked_return_type = "PurchaseSplit")]
pub fn purchase_split(
    #[wasm_bindgen(unchecked_param_type = "DecimalString")] amount: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalString")] contribution: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalString")] value: JsValue,
) -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    let read = |field: &'static str, value: &JsValue| {
        optional_money_arg(field, value)?
            .ok_or(PoolError::InvalidDecimal { field, found: "(nothing)".to_owned() })
    };
    let split = (|| -> Result<PurchaseSplit, PoolError> {
        let (amount, contribution, value) =
            (read("amount", &amount)?, read("contribution", &contribution)?, read("value", &value)?);
        let split = crate::model::PurchaseSplit::of(amount, contribution, value)?;
        Ok(PurchaseSplit {
            amount: amount.into(),
            merchant: split.merchant.into(),
            contribution: contribution.into(),
            yours: value.into(),
            earlier: split.earlier.into(),
        })
    })()
    .map_err(refused)?;
    to_js(&split)
}
