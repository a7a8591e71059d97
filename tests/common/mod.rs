//! Helpers shared by the native test files.
#![allow(dead_code)]

use points_pool::Json;

/// A test's `serde_json` value as the engine's JSON.
pub fn j(value: &serde_json::Value) -> Json {
    Json::parse(&value.to_string()).expect("serde_json writes valid JSON")
}
