//! The published parameters of a pool (SPEC §2), their defaults and their validation.

use crate::json::{Json, Object, ObjectWriter, ToJson};
use rust_decimal::Decimal;

use crate::decimal::{self, parse_plain};
use crate::error::{PoolError, Result};
use crate::rounding::{Rounding, RoundingMode, RoundingRule};

/// The parameters every figure is computed from. Defaults are the seed document's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Share of each purchase that enters the pool.
    pub pool_rate: Decimal,
    /// Share of that contribution minted as points value.
    pub grant_rate: Decimal,
    /// Price of a point while none circulate, CNY per point.
    pub initial_price: Decimal,
    /// Share of a cash-out's gross value paid; the rest stays in the pool.
    pub payout_rate: Decimal,
    /// Share of gross value credited when points buy goods.
    pub redeem_rate: Decimal,
    /// Cap on `received` as a multiple of `spent` (两倍出局); `None` = no cap.
    pub exit_multiple: Option<Decimal>,
    /// Per-quantity rounding; `None` = exact.
    pub rounding: Option<Rounding>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            pool_rate: Decimal::new(30, 2),
            grant_rate: Decimal::new(70, 2),
            initial_price: Decimal::ONE,
            payout_rate: Decimal::new(80, 2),
            redeem_rate: Decimal::ONE,
            exit_multiple: Some(Decimal::TWO),
            rounding: None,
        }
    }
}

const FIELDS: [&str; 7] =
    ["poolRate", "grantRate", "initialPrice", "payoutRate", "redeemRate", "exitMultiple", "rounding"];

impl Config {
    /// Reads a config object: missing fields take their defaults; an unknown field, a
    /// number instead of a decimal string, or a value out of range names the field.
    /// `null` gives the defaults.
    pub fn from_json(value: &Json) -> Result<Config> {
        let object = match value {
            Json::Null => return Ok(Config::default()),
            Json::Object(object) => object,
            _ => return Err(PoolError::config("config", "must be an object")),
        };
        if let Some(unknown) = object.unknown_key(&FIELDS) {
            return Err(PoolError::config(unknown, "unknown field"));
        }
        let defaults = Config::default();
        let rate = |field, default| bounded(object, field, default, &RATE);
        let config = Config {
            pool_rate: rate("poolRate", defaults.pool_rate)?,
            grant_rate: rate("grantRate", defaults.grant_rate)?,
            payout_rate: rate("payoutRate", defaults.payout_rate)?,
            redeem_rate: rate("redeemRate", defaults.redeem_rate)?,
            initial_price: bounded(object, "initialPrice", defaults.initial_price, &INITIAL_PRICE)?,
            exit_multiple: match object.get("exitMultiple") {
                Some(Json::Null) => None,
                _ => Some(bounded(object, "exitMultiple", Decimal::TWO, &EXIT_MULTIPLE)?),
            },
            rounding: match object.get("rounding") {
                None | Some(Json::Null) => None,
                Some(value) => Some(rounding_from_json(value)?),
            },
        };
        Ok(config)
    }

    /// The scale accumulated money amounts end up with.
    pub fn money_scale(&self) -> u32 {
        crate::rounding::accumulated_scale(self.rounding.and_then(|r| r.money))
    }

    /// The scale accumulated point counts end up with.
    pub fn points_scale(&self) -> u32 {
        crate::rounding::accumulated_scale(self.rounding.and_then(|r| r.points))
    }

    /// Decimals allowed in a purchase amount (SPEC §4).
    pub fn amount_decimals(&self) -> u32 {
        self.rounding.and_then(|r| r.money).map_or(decimal::DEFAULT_AMOUNT_DECIMALS, |rule| rule.scale)
    }

    /// The rounding in force, the empty one in exact mode.
    pub fn rounding_or_exact(&self) -> Rounding {
        self.rounding.unwrap_or_default()
    }
}

impl ToJson for Config {
    /// Every field, as a snapshot carries it.
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .decimal("poolRate", self.pool_rate)
            .decimal("grantRate", self.grant_rate)
            .decimal("initialPrice", self.initial_price)
            .decimal("payoutRate", self.payout_rate)
            .decimal("redeemRate", self.redeem_rate)
            .optional_decimal("exitMultiple", self.exit_multiple);
        match &self.rounding {
            Some(rounding) => object.value("rounding", rounding),
            None => object.null("rounding"),
        };
    }
}

/// The range a decimal field must fall in.
struct Bounds {
    /// Exclusive lower bound when `above`, inclusive otherwise.
    low: Decimal,
    above: bool,
    high: Decimal,
    allowed: &'static str,
}

const RATE: Bounds = Bounds { low: Decimal::ZERO, above: true, high: Decimal::ONE, allowed: "0 < x ≤ 1" };
const INITIAL_PRICE: Bounds = Bounds {
    low: Decimal::ZERO,
    above: true,
    high: Decimal::from_parts(1_000_000, 0, 0, false, 0),
    allowed: "0 < x ≤ 1000000",
};
const EXIT_MULTIPLE: Bounds =
    Bounds {
        low: Decimal::ONE, above: false, high: Decimal::ONE_HUNDRED, allowed: "null, or 1 ≤ x ≤ 100"
    };

/// A decimal field within its bounds, or `default` when absent. One function for every
/// field keeps the checks (and the wasm) small.
#[inline(never)]
fn bounded(object: &Object, field: &str, default: Decimal, bounds: &Bounds) -> Result<Decimal> {
    let Some(value) = object.get(field) else { return Ok(default) };
    let number = decimal_field(field, value)?;
    let above_low = if bounds.above { number > bounds.low } else { number >= bounds.low };
    in_range(field, number, above_low && number <= bounds.high, bounds.allowed)
}

fn decimal_field(field: &str, value: &Json) -> Result<Decimal> {
    let Json::String(text) = value else {
        return Err(PoolError::config(field, "must be a decimal string such as \"0.30\", not a number"));
    };
    parse_plain(text)
        .map_err(|_| PoolError::config(field, format!("\"{text}\" is not a plain decimal string")))
}

fn in_range(field: &str, value: Decimal, ok: bool, allowed: &str) -> Result<Decimal> {
    if ok {
        Ok(value)
    } else {
        Err(PoolError::config(
            field,
            format!("{} is out of range ({allowed})", decimal::to_plain_string(value)),
        ))
    }
}

fn rounding_from_json(value: &Json) -> Result<Rounding> {
    let Json::Object(object) = value else {
        return Err(PoolError::config("rounding", "must be null or an object"));
    };
    if let Some(unknown) = object.unknown_key(&["money", "points", "price"]) {
        return Err(PoolError::config(format!("rounding.{unknown}"), "unknown field"));
    }
    Ok(Rounding {
        money: rule_from_json("rounding.money", object.get("money"))?,
        points: rule_from_json("rounding.points", object.get("points"))?,
        price: rule_from_json("rounding.price", object.get("price"))?,
    })
}

fn rule_from_json(field: &str, entry: Option<&Json>) -> Result<Option<RoundingRule>> {
    let object = match entry {
        None | Some(Json::Null) => return Ok(None),
        Some(Json::Object(object)) => object,
        Some(_) => return Err(PoolError::config(field, "must be null or { scale, mode }")),
    };
    if let Some(unknown) = object.unknown_key(&["scale", "mode"]) {
        return Err(PoolError::config(format!("{field}.{unknown}"), "unknown field"));
    }
    let scale = object
        .get("scale")
        .and_then(Json::as_u64)
        .filter(|scale| *scale <= u64::from(RoundingRule::MAX_SCALE))
        .ok_or_else(|| PoolError::config(format!("{field}.scale"), "must be a whole number from 0 to 12"))?;
    let mode = match object.get("mode").and_then(Json::as_str) {
        Some("down") => RoundingMode::Down,
        Some("halfUp") => RoundingMode::HalfUp,
        Some("halfEven") => RoundingMode::HalfEven,
        _ => {
            return Err(PoolError::config(
                format!("{field}.mode"),
                "must be \"down\", \"halfUp\" or \"halfEven\"",
            ))
        }
    };
    Ok(Some(RoundingRule { scale: scale as u32, mode }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A test's `json!` value as the engine's JSON.
    fn j(value: serde_json::Value) -> Json {
        Json::parse(&value.to_string()).unwrap()
    }

    fn field_of(result: Result<Config>) -> String {
        match result {
            Err(PoolError::InvalidConfig { field, .. }) => field,
            other => panic!("expected invalid_config, got {other:?}"),
        }
    }

    #[test]
    fn missing_fields_take_the_seed_defaults() {
        assert_eq!(Config::from_json(&j(json!({}))).unwrap(), Config::default());
        assert_eq!(Config::from_json(&Json::Null).unwrap(), Config::default());
        let config = Config::from_json(&j(json!({"poolRate": "0.5", "exitMultiple": null}))).unwrap();
        assert_eq!(config.pool_rate, Decimal::new(5, 1));
        assert_eq!(config.exit_multiple, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let cases = [
            (json!({"poolrate": "0.3"}), "poolrate"),
            (json!({"poolRate": 0.3}), "poolRate"),
            (json!({"poolRate": "0"}), "poolRate"),
            (json!({"grantRate": "1.01"}), "grantRate"),
            (json!({"payoutRate": "-0.8"}), "payoutRate"),
            (json!({"redeemRate": "1e0"}), "redeemRate"),
            (json!({"initialPrice": "1000000.01"}), "initialPrice"),
            (json!({"exitMultiple": "0.5"}), "exitMultiple"),
            (json!({"exitMultiple": 2}), "exitMultiple"),
            (json!({"rounding": "down"}), "rounding"),
            (json!({"rounding": {"cents": null}}), "rounding.cents"),
            (json!({"rounding": {"money": {"scale": 13, "mode": "down"}}}), "rounding.money.scale"),
            (json!({"rounding": {"price": {"scale": 2, "mode": "up"}}}), "rounding.price.mode"),
            (json!({"rounding": {"points": {"scale": 2, "mode": "down", "x": 1}}}), "rounding.points.x"),
            (json!([1]), "config"),
        ];
        for (input, field) in cases {
            assert_eq!(field_of(Config::from_json(&j(input.clone()))), field, "{input}");
        }
    }

    #[test]
    fn serializes_every_field_for_snapshots() {
        let config =
            Config::from_json(&j(json!({"rounding": {"price": {"scale": 2, "mode": "down"}}}))).unwrap();
        let text = config.to_json();
        assert_eq!(
            text,
            r#"{"poolRate":"0.3","grantRate":"0.7","initialPrice":"1","payoutRate":"0.8","redeemRate":"1","exitMultiple":"2","rounding":{"price":{"scale":2,"mode":"down"}}}"#
        );
        let back = Config::from_json(&Json::parse(&text).unwrap()).unwrap();
        assert_eq!(back, config);
    }
}
