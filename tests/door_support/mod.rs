//! Helpers the door's tests share: JSON in and out of JS values, and the properties of a
//! thrown `PoolError` (never its English message).
#![allow(dead_code)]

use js_sys::{Error, Reflect, JSON};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

pub fn js(value: Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap()
}

pub fn rust(value: JsValue) -> Value {
    let text: String = JSON::stringify(&value).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

pub fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// The `code` of a thrown PoolError, after checking it is one.
pub fn code_of(thrown: JsValue) -> String {
    let error: Error = thrown.dyn_into().expect("a JS Error");
    assert_eq!(String::from(error.name()), "PoolError");
    assert!(!String::from(error.message()).is_empty());
    assert!(!String::from(error.message()).starts_with("Error:"), "no doubled prefix");
    Reflect::get(&error, &s("code")).unwrap().as_string().unwrap()
}

pub fn refused<T>(result: Result<T, JsValue>) -> String {
    match result {
        Ok(_) => panic!("should throw"),
        Err(thrown) => code_of(thrown),
    }
}

/// A property of a thrown PoolError (`field`, `line`, `problem`) as JSON.
pub fn property(result: Result<impl Sized, JsValue>, name: &str) -> Value {
    let Err(thrown) = result else { panic!("should throw") };
    let value = Reflect::get(&thrown, &s(name)).unwrap();
    if value.is_undefined() {
        Value::Null
    } else {
        rust(value)
    }
}
