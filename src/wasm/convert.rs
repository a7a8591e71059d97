//! Moving values across the door: JavaScript values to the door's serde types and back
//! with serde-wasm-bindgen, arguments checked for their kind, and engine errors as
//! `PoolError`s (docs/interface.md §Errors).

use js_sys::{Array, Error, JsString, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::args;
use crate::decimal::{parse_amount, parse_points};
use crate::error::PoolError;
use crate::limits::{MAX_DECIMAL_CHARS, MAX_MEMBER_ID_CHARS};
use crate::wire::{self, Input};
use rust_decimal::Decimal;

/// The one serializer: maps as plain objects, `None` as `null`.
const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);

/// A door type as a JavaScript value.
pub fn to_js(value: &impl Serialize) -> Result<JsValue, JsValue> {
    value.serialize(&SERIALIZER).map_err(|error| {
        let reason = format!("cannot write the result: {error}");
        error_to_js(&PoolError::InvalidSnapshot { field: None, reason })
    })
}

/// A JavaScript object as a door type: its JSON text, taken safely (args.rs: a throwing getter
/// or Proxy, a cycle, nesting past `MAX_NESTING` are refusals, never a crash), read by serde_json
/// through `wire::from_text`, which reads every struct as a map (unknown keys are refused at
/// every depth) and names the field at fault. `{ exitMultiple: undefined }` reads as the field
/// left out (the default cap), not `null` (no cap), as in `JSON.stringify`.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, input: Input) -> Result<T, PoolError> {
    if Array::is_array(value) {
        return Err(input.refusal("", "must be an object"));
    }
    wire::from_text(&args::json_text(value, input)?, input)
}

/// A door type as a plain JavaScript object made by `JSON.parse`, which keeps every key an own
/// property (a member id `"__proto__"` included: setting such a key would set the prototype).
pub fn to_js_via_json(value: &impl Serialize) -> Result<JsValue, JsValue> {
    JSON::parse(&wire::to_text(value))
}

/// An optional config argument: `undefined` or `null` gives the seed's defaults.
pub fn config_arg(value: &JsValue) -> Result<crate::model::Config, PoolError> {
    if value.is_undefined() || value.is_null() {
        return Ok(crate::model::Config::default());
    }
    from_js::<wire::ConfigDoc>(value, Input::Config)?.into_config()
}

/// A member id: a string of valid Unicode. JavaScript strings may hold lone surrogates,
/// which the conversion to Rust would replace with U+FFFD, merging distinct ids.
pub fn member_arg(value: &JsValue) -> Result<String, PoolError> {
    // A character is at most two UTF-16 units: a longer string is refused before it is read.
    match value.dyn_ref::<JsString>() {
        Some(text) if text.length() as usize <= 2 * MAX_MEMBER_ID_CHARS && text.is_valid_utf16() => {
            Ok(String::from(text))
        }
        _ => Err(PoolError::InvalidMemberId),
    }
}

/// A purchase amount: a decimal string (a JS number is refused, never read through a float).
pub fn amount_arg(value: &JsValue) -> Result<Decimal, PoolError> {
    parse_amount(&decimal_text("amount", value)?)
}

/// A point count: a decimal string.
pub fn points_arg(value: &JsValue) -> Result<Decimal, PoolError> {
    parse_points(&decimal_text("points", value)?)
}

/// An optional money amount (`spent`, `received`): a decimal string, or `undefined`/`null`.
pub fn optional_money_arg(field: &'static str, value: &JsValue) -> Result<Option<Decimal>, PoolError> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    decimal_arg(field, value).map(Some)
}

/// Any decimal argument (a sweep's bounds): a decimal string of the strict form.
pub fn decimal_arg(field: &'static str, value: &JsValue) -> Result<Decimal, PoolError> {
    crate::decimal::parse_field(field, &decimal_text(field, value)?)
}

/// A decimal must arrive as a string: `100` (a JS number) is refused like `"1e2"`.
fn decimal_text(field: &'static str, value: &JsValue) -> Result<String, PoolError> {
    let found = match value.dyn_ref::<JsString>() {
        // A longer string is no decimal: refused before it is copied into wasm memory.
        Some(_) => match args::short_string(value, MAX_DECIMAL_CHARS) {
            Some(text) => return Ok(text),
            None => "(a string longer than 40 characters)",
        },
        None if value.as_f64().is_some() => "(a JS number)",
        None => "(not a string)",
    };
    Err(PoolError::InvalidDecimal { field, found: found.to_owned() })
}

/// A JS `Error` with `name = "PoolError"`, the stable `code`, and `field`, `line` and
/// `reason` where they apply.
pub fn error_to_js(error: &PoolError) -> JsValue {
    let js_error = Error::new(&error.to_string());
    js_error.set_name("PoolError");
    let set = |key: &str, value: JsValue| {
        // Setting a property on a fresh Error object cannot fail.
        let _ = Reflect::set(&js_error, &JsValue::from_str(key), &value);
    };
    set("code", JsValue::from_str(error.code()));
    if let Some(field) = error.field() {
        set("field", JsValue::from_str(field));
    }
    if let Some(line) = error.line() {
        set("line", JsValue::from_f64(line as f64));
    }
    if let Some(problem) = error.problem() {
        set("problem", JsValue::from_str(problem));
    }
    if let Some(reason) = error.reason() {
        set("reason", JsValue::from_str(&reason));
    }
    js_error.into()
}

/// The error of a failed conversion or engine call, for `?` in the exports.
pub fn refused(error: PoolError) -> JsValue {
    error_to_js(&error)
}

/// Whether `value` is a `PoolError` this door threw.
pub fn is_pool_error(value: &JsValue) -> bool {
    value.dyn_ref::<Error>().is_some_and(|error| error.name() == "PoolError")
}
