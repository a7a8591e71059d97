//! A decimal as it crosses the door: a string of the strict form of docs/formats.md §1,
//! written normalized. Not rust_decimal's `serde::str`: its reader also takes `"1e5"`,
//! `"1_000"` and (as an option) `""`, and its writer keeps trailing zeros (`"80.0"`).
//! `tests/fast_paths.rs` checks that both read every strict string to the same value.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::decimal::{parse_plain, to_plain_string};

/// A decimal string at the door.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecimalString(pub Decimal);

impl From<Decimal> for DecimalString {
    fn from(value: Decimal) -> Self {
        DecimalString(value)
    }
}

impl Serialize for DecimalString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&to_plain_string(self.0))
    }
}

impl<'de> Deserialize<'de> for DecimalString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = DecimalString;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a decimal string such as \"0.30\" (not a number)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DecimalString, E> {
        parse_plain(text).map(DecimalString).map_err(|_| {
            E::custom(format_args!(
                "{} is not a plain decimal string (digits, an optional leading '-' and '.', at most 40 characters)",
                crate::error::quote(text)
            ))
        })
    }
}
