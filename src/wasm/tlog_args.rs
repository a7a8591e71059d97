//! The log door's arguments and refusals (docs/interface.md §Logs), shared by `LogCheck`,
//! `LogAudit` and `LogLines`: texts and files measured before they are copied (args.rs), and a
//! refusal that names the log's entry where there is one.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use super::args::{bytes_into, short_string};
use super::convert::error_to_js;
use crate::error::{ErrorCode, PoolError};
use crate::limits::MAX_ARGUMENT_BYTES;
use crate::tlog::code::refuse_field;

/// A text argument (a key, an origin, a checkpoint, a path, a secret): a string of at most
/// `MAX_ARGUMENT_BYTES` UTF-16 units, measured before it is copied (args.rs); else `code`.
pub(super) fn text(value: &JsValue, code: ErrorCode, field: &str) -> Result<String, JsValue> {
    short_string(value, MAX_ARGUMENT_BYTES)
        .ok_or_else(|| refused(refuse_field(code, field, "must be a string of at most 64 KB")))
}

/// An optional text argument: `undefined` or `null` is none.
pub(super) fn optional_text(
    value: &JsValue,
    code: ErrorCode,
    field: &str,
) -> Result<Option<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    text(value, code, field).map(Some)
}

/// The bytes of a file: a genuine `Uint8Array` (args.rs), copied into `buffer`.
pub(super) fn file_bytes<'a>(value: &JsValue, buffer: &'a mut Vec<u8>) -> Result<&'a [u8], JsValue> {
    match bytes_into(value, buffer).map_err(refused)? {
        true => Ok(buffer),
        false => Err(refused(refuse_field(ErrorCode::LogBadTile, "bytes", "a file is a Uint8Array"))),
    }
}

/// A fetched file handed to `tile()`: its path (a string) and its bytes (a Uint8Array, copied
/// into `buffer`).
pub(super) fn tile_args<'a>(
    path: &JsValue,
    bytes: &JsValue,
    buffer: &'a mut Vec<u8>,
) -> Result<(String, &'a [u8]), JsValue> {
    Ok((text(path, ErrorCode::LogBadTile, "path")?, file_bytes(bytes, buffer)?))
}

/// A log refusal as a JS `PoolError`, with `entry` where one is named.
pub(super) fn refused(error: PoolError) -> JsValue {
    let value = error_to_js(&error);
    if let Some(entry) = error.entry() {
        let _ = Reflect::set(&value, &"entry".into(), &JsValue::from_f64(entry as f64));
    }
    value
}
