//! Arguments a page hands the door, read so that nothing in them can hurt the module
//! (docs/interface.md §Objects). A JavaScript exception thrown while wasm frames are on the
//! stack unwinds them without restoring the module's shadow stack: some hundreds of throwing
//! getters or Proxies used to leave every object dead. So the door never touches an argument
//! through an import that can throw:
//!
//! - an object (a config, a scenario, options, a snapshot or state) is turned into JSON text by
//!   `JSON.stringify` called through a catching import: a getter or Proxy trap that throws, a
//!   cycle, a BigInt or a nesting too deep for the JavaScript stack becomes a refusal, and the
//!   text is read by serde_json, whose reader refuses nesting past 128 levels
//!   (`MAX_NESTING`) before Rust's stack could overflow. Getters run once; functions and
//!   symbols read as `JSON.stringify` reads them, left out like `undefined`;
//! - a string is measured (`length`, no getter) before it is copied into wasm memory;
//! - bytes are taken only from a genuine `Uint8Array` (`ArrayBuffer.isView`, which a Proxy
//!   fails), measured before they are copied.

use js_sys::{Array, JsString, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::error::PoolError;
use crate::limits::{MAX_ARGUMENT_BYTES, MAX_SNAPSHOT_BYTES};
use crate::model::Pool;
use crate::wire::Input;

/// A snapshot or a bare state, object or JSON text (`PointsPool.fromState` reads it too).
pub fn pool_arg(state: &JsValue) -> Result<Pool, PoolError> {
    let text = match snapshot_text(state) {
        Some(text) => text?,
        None if Array::is_array(state) => return Err(Input::Snapshot.refusal("", "must be an object")),
        None => json_text(state, Input::Snapshot)?,
    };
    // A snapshot has `format` (even `null`); a bare state has not.
    crate::wire::pool_from_state_or_snapshot_text(&text)
}

/// An object argument as JSON text, read safely (see above).
pub fn json_text(value: &JsValue, input: Input) -> Result<String, PoolError> {
    if !value.is_object() {
        return Err(input.refusal("", "must be an object"));
    }
    let text = JSON::stringify(value).map_err(|thrown| input.refusal("", unreadable(&thrown)))?;
    let most = match input {
        Input::Snapshot => MAX_SNAPSHOT_BYTES,
        Input::Config | Input::Scenario | Input::Options => MAX_ARGUMENT_BYTES,
    };
    string_within(&text, most).ok_or_else(|| too_large(input))
}

/// Snapshot or state text as the page handed it: at most `MAX_SNAPSHOT_BYTES`.
pub fn snapshot_text(value: &JsValue) -> Option<Result<String, PoolError>> {
    let text = value.dyn_ref::<JsString>()?;
    Some(string_within(text, MAX_SNAPSHOT_BYTES).ok_or_else(|| too_large(Input::Snapshot)))
}

/// A string argument of at most `most` UTF-16 units, copied into wasm memory; `None` when the
/// value is not a string or is longer.
pub fn short_string(value: &JsValue, most: usize) -> Option<String> {
    string_within(value.dyn_ref::<JsString>()?, most)
}

/// `text` when it has at most `most` UTF-16 units (read before it is copied: a string of a
/// hundred million characters is refused without being encoded).
fn string_within(text: &JsString, most: usize) -> Option<String> {
    (text.length() as usize <= most).then(|| String::from(text))
}

/// The bytes of a genuine `Uint8Array` of at most `MAX_PIECE_BYTES`, copied into `buffer`;
/// `Ok(false)` when the value is not one. (The operator's ledgers and the log's files take bytes.)
#[cfg(any(feature = "operator", feature = "log-check"))]
pub fn bytes_into(value: &JsValue, buffer: &mut Vec<u8>) -> Result<bool, PoolError> {
    // `ArrayBuffer.isView` is false for a Proxy of a typed array, whose `length` could throw.
    if !js_sys::ArrayBuffer::is_view(value) {
        return Ok(false);
    }
    let Some(array) = value.dyn_ref::<js_sys::Uint8Array>() else { return Ok(false) };
    let length = array.length() as usize;
    if length > crate::limits::MAX_PIECE_BYTES {
        return Err(PoolError::LimitExceeded { quantity: "maxPieceBytes" });
    }
    buffer.clear();
    buffer.resize(length, 0);
    array.copy_to(buffer);
    Ok(true)
}

/// What a refusal says of an argument that could not be read.
fn unreadable(thrown: &JsValue) -> String {
    let name = thrown.dyn_ref::<js_sys::Error>().map(|error| String::from(error.name()));
    format!("cannot be read as JSON ({})", name.unwrap_or_else(|| "a value was thrown".to_owned()))
}

/// A text past its limit, naming the limit as `limits()` does.
fn too_large(input: Input) -> PoolError {
    let quantity = match input {
        Input::Snapshot => "maxSnapshotBytes",
        Input::Config | Input::Scenario | Input::Options => "maxArgumentBytes",
    };
    PoolError::LimitExceeded { quantity }
}
