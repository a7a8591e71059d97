//! The door's types (docs/interface.md): what crosses between the engine and JavaScript or
//! JSON text. Every type here is serde-derived (camelCase, unknown fields refused, every
//! decimal a string) and converts to or from a core type; no rule of the model lives here,
//! only the shape of the data. The wasm door (`crate::wasm`) moves these across with
//! serde-wasm-bindgen; native code reads and writes snapshot text with serde_json.
//!
//! Reading goes through `path.rs`, so a refusal names the field that was wrong
//! (`rounding.money.scale`, `members."alice".points`).

mod check;
mod config;
mod decimal;
mod forecast;
mod ledger;
mod limits;
mod names;
mod path;
mod population;
mod receipts;
mod snapshot;

pub use check::{CheckPositionDoc, CheckReportDoc, CheckTotalsDoc, CheckedLineDoc};
pub use config::{ConfigDoc, RoundingDoc, RuleDoc};
pub use decimal::DecimalString;
pub use forecast::{
    BandDayDoc, BandDoc, MonteCarloDoc, OptionsDoc, OrdersPerDay, ProjectionDayDoc, ProjectionDoc,
    ScenarioDoc,
};
pub use ledger::{AuditProgressDoc, AuditReportDoc, MismatchDoc};
pub use limits::LimitsDoc;
pub use names::{
    BreakEvenDoc, CapDoc, ErrorCodeDoc, ErrorCodesDoc, FindingDoc, LedgerProblemDoc, LineKindDoc, MethodDoc,
    VerdictDoc,
};
pub use population::{population_options_from_value, FlowsDoc, PopulationDoc, PopulationOptionsDoc};
pub use receipts::{CashOutReceiptDoc, MemberViewDoc, PoolStateDoc, PurchaseReceiptDoc, TotalsDoc};
pub use snapshot::{MemberDoc, MembersDoc, SnapshotDoc, StateDoc, FORMAT};

use serde::de::DeserializeOwned;

use crate::error::{shorten_quotes, PoolError, Result};
use crate::limits::MAX_QUOTED_CHARS;
use crate::model::Pool;

/// What an input is, which decides the error code a refusal carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Config,
    Scenario,
    Options,
    Snapshot,
}

impl Input {
    /// The refusal for `field` (empty: the input as a whole).
    pub fn refusal(self, field: &str, reason: impl Into<String>) -> PoolError {
        let reason = reason.into();
        match self {
            Input::Config => PoolError::config(if field.is_empty() { "config" } else { field }, reason),
            Input::Scenario => PoolError::scenario(if field.is_empty() { "scenario" } else { field }, reason),
            Input::Options => {
                let field = if field.is_empty() { "options".to_owned() } else { format!("options.{field}") };
                PoolError::scenario(field, reason)
            }
            Input::Snapshot if field.is_empty() => PoolError::snapshot(reason),
            Input::Snapshot => PoolError::snapshot_field(field, reason),
        }
    }
}

/// Reads `T` from a JSON value (native callers and tests; the wasm door reads JavaScript
/// values with [`from_deserializer`]). The value must be an object: serde would also take an
/// array for a struct.
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, input: Input) -> Result<T> {
    if !value.is_object() {
        return Err(input.refusal("", "must be an object"));
    }
    from_deserializer(value, input, |error| error.to_string())
}

/// Reads `T` from JSON text.
pub fn from_text<T: DeserializeOwned>(text: &str, input: Input) -> Result<T> {
    if !text.trim_start().starts_with('{') {
        return Err(input.refusal("", "must be a JSON object"));
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let value = from_deserializer(&mut reader, input, |error| error.to_string())?;
    reader.end().map_err(|error| input.refusal("", shorten_quotes(&error.to_string())))?;
    Ok(value)
}

/// The field serde's "missing field `name`" message names, if it is one.
fn missing_field(message: &str) -> Option<&str> {
    let (_, rest) = message.split_once("missing field `")?;
    rest.split_once('`').map(|(name, _)| name)
}

/// Reads `T` from any deserializer of an object (the caller checks that it is one), a
/// refusal naming the field at fault (path.rs); `message` gives a failure's English text.
pub fn from_deserializer<'de, T, D>(
    deserializer: D,
    input: Input,
    message: impl Fn(D::Error) -> String,
) -> Result<T>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    let trail = path::Trail::default();
    path::deserialize(deserializer, &trail).map_err(|error| {
        let reason = message(error);
        let mut keys = trail.into_keys();
        // A field left out is named like a field at fault: the refusal says which one.
        keys.extend(missing_field(&reason).map(str::to_owned));
        input.refusal(&field_path(keys), shorten_quotes(&reason))
    })
}

/// Whether a key can stand in a field path unquoted: a short ASCII name.
fn is_name(key: &str) -> bool {
    key.len() <= MAX_QUOTED_CHARS && key.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// The keys leading to a failure, as the field a refusal names: `a.b.c`; a key that is not a
/// plain name (a member id such as `李伟` or `a.b`) quoted and cut to 64 characters.
fn field_path(keys: Vec<String>) -> String {
    let mut field = String::new();
    for key in keys {
        if !field.is_empty() {
            field.push('.');
        }
        field.push_str(&if is_name(&key) { key } else { crate::error::quote(&key) });
    }
    field
}

/// Loads a snapshot from JSON text (docs/formats.md §2).
pub fn snapshot_from_text(text: &str) -> Result<Pool> {
    from_text::<SnapshotDoc>(text, Input::Snapshot)?.into_pool()
}

/// The snapshot of `pool` as compact JSON text; loading it gives the same pool and writing
/// that again gives the same bytes.
pub fn snapshot_to_text(pool: &Pool) -> String {
    to_text(&SnapshotDoc::of(pool))
}

/// The public snapshot (no members) of `pool` as compact JSON text.
pub fn public_snapshot_to_text(pool: &Pool) -> String {
    to_text(&SnapshotDoc::public_of(pool))
}

/// A door type as compact JSON text. Every door type is plain data, so writing cannot fail.
pub fn to_text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Loads what a projection starts from: a snapshot (it has `format`) or a bare pool state.
pub fn pool_from_state_or_snapshot(value: serde_json::Value) -> Result<Pool> {
    if value.get("format").is_some() {
        from_value::<SnapshotDoc>(value, Input::Snapshot)?.into_pool()
    } else {
        from_value::<StateDoc>(value, Input::Snapshot)?.into_pool()
    }
}

/// The same, from JSON text: a first pass only looks for `format` (without building a
/// `serde_json::Value`, whose map the member's wasm would otherwise carry).
pub fn pool_from_state_or_snapshot_text(text: &str) -> Result<Pool> {
    #[derive(serde::Deserialize)]
    struct Probe {
        /// Present, even as `null`: then it is a snapshot (whose format is refused).
        #[serde(default, deserialize_with = "present")]
        format: Option<Option<serde::de::IgnoredAny>>,
    }
    let probe: Probe = serde_json::from_str(text)
        .map_err(|error| Input::Snapshot.refusal("", shorten_quotes(&format!("not JSON: {error}"))))?;
    if probe.format.is_some() {
        from_text::<SnapshotDoc>(text, Input::Snapshot)?.into_pool()
    } else {
        from_text::<StateDoc>(text, Input::Snapshot)?.into_pool()
    }
}

/// `Option<Option<T>>` that tells a field left out (`None`) from one given as `null`
/// (`Some(None)`): `exitMultiple: null` means no cap, a missing one the default cap.
fn present<'de, T, D>(deserializer: D) -> std::result::Result<Option<Option<T>>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    serde::Deserialize::deserialize(deserializer).map(Some)
}

/// A config from a JSON value (native callers and tests; the door reads JavaScript objects).
pub fn config_from_value(value: serde_json::Value) -> Result<crate::model::Config> {
    from_value::<ConfigDoc>(value, Input::Config)?.into_config()
}

/// A scenario from a JSON value, the stress preset applied.
pub fn scenario_from_value(value: serde_json::Value) -> Result<crate::forecast::Scenario> {
    from_value::<ScenarioDoc>(value, Input::Scenario)?.into_scenario()
}

/// Monte Carlo options from a JSON value, for a scenario of `days` days.
pub fn options_from_value(value: serde_json::Value, days: u32) -> Result<crate::forecast::MonteCarloOptions> {
    from_value::<OptionsDoc>(value, Input::Options)?.into_options(days)
}
