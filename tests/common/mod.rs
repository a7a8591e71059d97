//! Helpers shared by the native test files.
#![allow(dead_code)]

use points_pool::forecast::{MonteCarloOptions, Scenario};
use points_pool::{wire, Config, Pool, Result};
use rust_decimal::Decimal;

/// A config from a `json!` value, as the door reads one.
pub fn config(value: serde_json::Value) -> Result<Config> {
    wire::config_from_value(value)
}

/// A scenario from a `json!` value, as the door reads one.
pub fn scenario(value: serde_json::Value) -> Result<Scenario> {
    wire::scenario_from_value(value)
}

/// Monte Carlo options from a `json!` value.
pub fn options(value: serde_json::Value, days: u32) -> Result<MonteCarloOptions> {
    wire::options_from_value(value, days)
}

/// A pool with the config of a `json!` value.
pub fn pool_with(value: serde_json::Value) -> Pool {
    Pool::new(config(value).expect("a valid test config"))
}

/// The snapshot of `pool` as JSON text.
pub fn snapshot_text(pool: &Pool) -> String {
    wire::snapshot_to_text(pool)
}

/// A pool loaded from snapshot text.
pub fn load(text: &str) -> Result<Pool> {
    wire::snapshot_from_text(text)
}

pub fn d(text: &str) -> Decimal {
    text.parse().expect("a decimal literal")
}
