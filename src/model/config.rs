//! The published parameters of a pool (docs/model.md §2), their defaults and their ranges.

use rust_decimal::Decimal;

use crate::decimal;
use crate::error::{PoolError, Result};
use crate::limits::{
    DEFAULT_AMOUNT_DECIMALS, MAX_EXIT_MULTIPLE, MAX_INITIAL_PRICE, MAX_ROUNDING_SCALE, MIN_EXIT_MULTIPLE,
};
use crate::model::rounding::{self, Rounding};
#[cfg(test)]
use crate::model::rounding::{RoundingMode, RoundingRule};

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

impl Config {
    /// Checks every field against its range (docs/model.md §2); a refusal names the field
    /// as a config object spells it. `validate` (in rules/backing.rs) adds that the pool can live.
    pub(crate) fn validate_fields(&self) -> Result<()> {
        let rates = [
            ("poolRate", self.pool_rate),
            ("grantRate", self.grant_rate),
            ("payoutRate", self.payout_rate),
            ("redeemRate", self.redeem_rate),
        ];
        for (field, rate) in rates {
            check(field, rate, &RATE)?;
        }
        check("initialPrice", self.initial_price, &INITIAL_PRICE)?;
        if let Some(multiple) = self.exit_multiple {
            check("exitMultiple", multiple, &EXIT_MULTIPLE)?;
        }
        if let Some(rounding) = &self.rounding {
            for (name, rule) in
                [("money", rounding.money), ("points", rounding.points), ("price", rounding.price)]
            {
                if rule.is_some_and(|rule| rule.scale > MAX_ROUNDING_SCALE) {
                    let field = format!("rounding.{name}.scale");
                    let reason = format!("must be a whole number from 0 to {MAX_ROUNDING_SCALE}");
                    return Err(PoolError::config(field, reason));
                }
            }
            // A price below one unit of its rounding could round to 0, and then no purchase
            // could be priced (model.md §4). From one unit up, purchases never take the price
            // below the rounded price, and cash-outs pay at most the points' share of the pool.
            if let Some(rule) = rounding.price {
                if self.initial_price < Decimal::new(1, rule.scale) {
                    return Err(PoolError::config(
                        "initialPrice",
                        format!("must be at least one unit of the price rounding (10^-{})", rule.scale),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The scale accumulated money amounts end up with.
    pub fn money_scale(&self) -> u32 {
        rounding::accumulated_scale(self.rounding.and_then(|r| r.money))
    }

    /// The scale accumulated point counts end up with.
    pub fn points_scale(&self) -> u32 {
        rounding::accumulated_scale(self.rounding.and_then(|r| r.points))
    }

    /// Decimals allowed in a purchase amount (docs/model.md §4).
    pub fn amount_decimals(&self) -> u32 {
        self.rounding.and_then(|r| r.money).map_or(DEFAULT_AMOUNT_DECIMALS, |rule| rule.scale)
    }

    /// The rounding in force, the empty one in exact mode.
    pub fn rounding_or_exact(&self) -> Rounding {
        self.rounding.unwrap_or_default()
    }
}

/// The range a decimal field must fall in.
struct Bounds {
    /// Exclusive lower bound when `above`, inclusive otherwise.
    low: Decimal,
    above: bool,
    high: Decimal,
}

const RATE: Bounds = Bounds { low: Decimal::ZERO, above: true, high: Decimal::ONE };
const INITIAL_PRICE: Bounds = Bounds { low: Decimal::ZERO, above: true, high: MAX_INITIAL_PRICE };
const EXIT_MULTIPLE: Bounds = Bounds { low: MIN_EXIT_MULTIPLE, above: false, high: MAX_EXIT_MULTIPLE };

fn check(field: &str, value: Decimal, bounds: &Bounds) -> Result<()> {
    let above_low = if bounds.above { value > bounds.low } else { value >= bounds.low };
    if above_low && value <= bounds.high {
        return Ok(());
    }
    let (shown, low, high) = (decimal::to_plain_string(value), bounds.low, bounds.high);
    let relation = if bounds.above { "<" } else { "≤" };
    Err(PoolError::config(field, format!("{shown} is out of range ({low} {relation} x ≤ {high})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_seed_documents_and_valid() {
        let config = Config::default();
        assert_eq!(config.pool_rate, Decimal::new(30, 2));
        assert_eq!(config.exit_multiple, Some(Decimal::TWO));
        assert_eq!(config.validate(), Ok(()));
    }

    #[test]
    fn every_out_of_range_field_is_named() {
        type Change = fn(&mut Config);
        let cases: [(Change, &str); 6] = [
            (|c| c.pool_rate = Decimal::ZERO, "poolRate"),
            (|c| c.grant_rate = Decimal::new(101, 2), "grantRate"),
            (|c| c.payout_rate = Decimal::new(-8, 1), "payoutRate"),
            (|c| c.initial_price = Decimal::new(100_000_001, 2), "initialPrice"),
            (|c| c.exit_multiple = Some(Decimal::new(5, 1)), "exitMultiple"),
            (
                |c| {
                    let rule = RoundingRule { scale: 13, mode: RoundingMode::Down };
                    c.rounding = Some(Rounding { money: Some(rule), ..Rounding::default() })
                },
                "rounding.money.scale",
            ),
        ];
        for (change, field) in cases {
            let mut config = Config::default();
            change(&mut config);
            let error = config.validate().unwrap_err();
            assert_eq!((error.code(), error.field()), ("invalid_config", Some(field)));
        }
    }
}
