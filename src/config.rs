//! The published parameters of a pool (SPEC §2), their defaults and their validation.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::decimal::{self, parse_plain};
use crate::error::{PoolError, Result};
use crate::rounding::{Rounding, RoundingMode, RoundingRule};

/// The parameters every figure is computed from. Defaults are the seed document's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Share of each purchase that enters the pool.
    #[serde(with = "decimal::plain")]
    pub pool_rate: Decimal,
    /// Share of that contribution minted as points value.
    #[serde(with = "decimal::plain")]
    pub grant_rate: Decimal,
    /// Price of a point while none circulate, CNY per point.
    #[serde(with = "decimal::plain")]
    pub initial_price: Decimal,
    /// Share of a cash-out's gross value paid; the rest stays in the pool.
    #[serde(with = "decimal::plain")]
    pub payout_rate: Decimal,
    /// Share of gross value credited when points buy goods.
    #[serde(with = "decimal::plain")]
    pub redeem_rate: Decimal,
    /// Cap on `received` as a multiple of `spent` (两倍出局); `None` = no cap.
    #[serde(with = "decimal::plain_option")]
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
    pub fn from_json(value: &Value) -> Result<Config> {
        let object = match value {
            Value::Null => return Ok(Config::default()),
            Value::Object(object) => object,
            _ => return Err(PoolError::config("config", "must be an object")),
        };
        if let Some(unknown) = object.keys().find(|key| !FIELDS.contains(&key.as_str())) {
            return Err(PoolError::config(unknown.as_str(), "unknown field"));
        }
        let defaults = Config::default();
        let rate = |field: &str, default: Decimal| -> Result<Decimal> {
            match object.get(field) {
                None => Ok(default),
                Some(value) => {
                    let rate = decimal_field(field, value)?;
                    in_range(field, rate, rate > Decimal::ZERO && rate <= Decimal::ONE, "0 < x ≤ 1")
                }
            }
        };
        let config = Config {
            pool_rate: rate("poolRate", defaults.pool_rate)?,
            grant_rate: rate("grantRate", defaults.grant_rate)?,
            payout_rate: rate("payoutRate", defaults.payout_rate)?,
            redeem_rate: rate("redeemRate", defaults.redeem_rate)?,
            initial_price: match object.get("initialPrice") {
                None => defaults.initial_price,
                Some(value) => {
                    let price = decimal_field("initialPrice", value)?;
                    let ok = price > Decimal::ZERO && price <= Decimal::from(1_000_000);
                    in_range("initialPrice", price, ok, "0 < x ≤ 1000000")?
                }
            },
            exit_multiple: match object.get("exitMultiple") {
                None => defaults.exit_multiple,
                Some(Value::Null) => None,
                Some(value) => {
                    let multiple = decimal_field("exitMultiple", value)?;
                    let ok = multiple >= Decimal::ONE && multiple <= Decimal::ONE_HUNDRED;
                    Some(in_range("exitMultiple", multiple, ok, "null, or 1 ≤ x ≤ 100")?)
                }
            },
            rounding: match object.get("rounding") {
                None | Some(Value::Null) => None,
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

fn decimal_field(field: &str, value: &Value) -> Result<Decimal> {
    let Value::String(text) = value else {
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

fn rounding_from_json(value: &Value) -> Result<Rounding> {
    let Value::Object(object) = value else {
        return Err(PoolError::config("rounding", "must be null or an object"));
    };
    if let Some(unknown) = object.keys().find(|key| !["money", "points", "price"].contains(&key.as_str())) {
        return Err(PoolError::config(format!("rounding.{unknown}"), "unknown field"));
    }
    Ok(Rounding {
        money: rule_from_json("rounding.money", object)?,
        points: rule_from_json("rounding.points", object)?,
        price: rule_from_json("rounding.price", object)?,
    })
}

fn rule_from_json(field: &str, parent: &Map<String, Value>) -> Result<Option<RoundingRule>> {
    let key = field.rsplit('.').next().unwrap_or(field);
    let object = match parent.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(object)) => object,
        Some(_) => return Err(PoolError::config(field, "must be null or { scale, mode }")),
    };
    if let Some(unknown) = object.keys().find(|key| !["scale", "mode"].contains(&key.as_str())) {
        return Err(PoolError::config(format!("{field}.{unknown}"), "unknown field"));
    }
    let scale = object
        .get("scale")
        .and_then(Value::as_u64)
        .filter(|scale| *scale <= u64::from(RoundingRule::MAX_SCALE))
        .ok_or_else(|| PoolError::config(format!("{field}.scale"), "must be a whole number from 0 to 12"))?;
    let mode = match object.get("mode").and_then(Value::as_str) {
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

    fn field_of(result: Result<Config>) -> String {
        match result {
            Err(PoolError::InvalidConfig { field, .. }) => field,
            other => panic!("expected invalid_config, got {other:?}"),
        }
    }

    #[test]
    fn missing_fields_take_the_seed_defaults() {
        assert_eq!(Config::from_json(&json!({})).unwrap(), Config::default());
        assert_eq!(Config::from_json(&Value::Null).unwrap(), Config::default());
        let config = Config::from_json(&json!({"poolRate": "0.5", "exitMultiple": null})).unwrap();
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
            assert_eq!(field_of(Config::from_json(&input)), field, "{input}");
        }
    }

    #[test]
    fn serializes_every_field_for_snapshots() {
        let config =
            Config::from_json(&json!({"rounding": {"price": {"scale": 2, "mode": "down"}}})).unwrap();
        let text = serde_json::to_string(&config).unwrap();
        assert_eq!(
            text,
            r#"{"poolRate":"0.3","grantRate":"0.7","initialPrice":"1","payoutRate":"0.8","redeemRate":"1","exitMultiple":"2","rounding":{"price":{"scale":2,"mode":"down"}}}"#
        );
        let back = Config::from_json(&serde_json::from_str(&text).unwrap()).unwrap();
        assert_eq!(back, config);
    }
}
