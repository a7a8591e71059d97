//! Moving values across the door: JavaScript values to the door's serde types and back
//! with serde-wasm-bindgen, arguments checked for their kind, and engine errors as
//! `PoolError`s (docs/interface.md §Errors).

use js_sys::{Array, Error, JsString, Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::decimal::{parse_amount, parse_points};
use crate::error::PoolError;
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

/// A JavaScript object as a door type, read straight from the value by serde-wasm-bindgen's
/// deserializer through `wire::from_deserializer`, which reads every struct as a map so the
/// door type's `deny_unknown_fields` sees every key (serde-wasm-bindgen's own struct reader
/// looks up the struct's fields alone) and names the field at fault. Each object became a
/// `serde_json::Value` first before (path.rs has what dropping that step saved).
pub fn from_js<T: DeserializeOwned>(value: &JsValue, input: Input) -> Result<T, PoolError> {
    // serde_json::Value took an array for an object; a struct read as a map would not.
    if !value.is_object() || Array::is_array(value) {
        return Err(input.refusal("", "must be an object"));
    }
    let value = match input {
        Input::Config => without_undefined(value),
        Input::Snapshot => with_config_without_undefined(value),
        Input::Scenario | Input::Options => value.clone(),
    };
    wire::from_deserializer(serde_wasm_bindgen::Deserializer::from(value), input, message)
}

/// The text of a serde-wasm-bindgen error (a JS `Error`), without the "Error: " that
/// `String(error)` puts before it.
fn message(error: serde_wasm_bindgen::Error) -> String {
    let error = JsValue::from(error);
    match error.dyn_ref::<Error>() {
        Some(error) => String::from(error.message()),
        None => format!("{error:?}"),
    }
}

/// A shallow copy of a config without the keys that are `undefined`: `{ exitMultiple:
/// undefined }` means the field was left out (the default cap), not `null` (no cap), as
/// `JSON.stringify` would have it.
fn without_undefined(value: &JsValue) -> JsValue {
    let object: &Object = value.unchecked_ref();
    let copy = Object::new();
    for key in Object::keys(object) {
        let field = Reflect::get(object, &key).unwrap_or(JsValue::UNDEFINED);
        if !field.is_undefined() {
            let _ = Reflect::set(&copy, &key, &field);
        }
    }
    copy.into()
}

/// A snapshot or pool state whose `config`, when it is a plain object, is read as a config is.
fn with_config_without_undefined(value: &JsValue) -> JsValue {
    let key = JsValue::from_str("config");
    let object: &Object = value.unchecked_ref();
    match Reflect::get(object, &key) {
        Ok(config) if config.is_object() && !Array::is_array(&config) => {
            let copy = Object::assign(&Object::new(), object);
            let _ = Reflect::set(&copy, &key, &without_undefined(&config));
            copy.into()
        }
        _ => value.clone(),
    }
}

/// Whether `value` is an object with its own property `key` (`Object.hasOwn`, which older
/// WebViews lack; a descriptor works on objects without a prototype too).
pub fn has_own(value: &JsValue, key: &str) -> bool {
    value.is_object()
        && Reflect::get_own_property_descriptor(value.unchecked_ref::<Object>(), &JsValue::from_str(key))
            .is_ok_and(|descriptor| !descriptor.is_undefined())
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
    match value.dyn_ref::<JsString>() {
        Some(text) if text.is_valid_utf16() => Ok(String::from(text)),
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
    value.as_string().ok_or_else(|| {
        let found = if value.as_f64().is_some() { "(a JS number)" } else { "(not a string)" };
        PoolError::InvalidDecimal { field, found: found.to_owned() }
    })
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

/// `Object.prototype.isPrototypeOf`, for the guard's check that `this` is of the class.
pub fn has_prototype(value: &JsValue, prototype: &Object) -> bool {
    value.is_object() && prototype.is_prototype_of(value)
}
