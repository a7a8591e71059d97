//! Named rounding (docs/model.md §4). rust_decimal's `round()` is banker's rounding; we never
//! call it. Every rounding here says its strategy.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::decimal;
use crate::limits::EXACT_SCALE;

/// How a quantity is rounded to its scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundingMode {
    /// Toward zero (截断), what PHP bcmath platforms do.
    Down,
    /// Half away from zero (四舍五入).
    HalfUp,
    /// Half to even (banker's).
    HalfEven,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }

    /// The name a config object uses.
    pub fn name(self) -> &'static str {
        match self {
            RoundingMode::Down => "down",
            RoundingMode::HalfUp => "halfUp",
            RoundingMode::HalfEven => "halfEven",
        }
    }

    /// The mode a config object names, if any.
    pub fn from_name(name: &str) -> Option<RoundingMode> {
        [RoundingMode::Down, RoundingMode::HalfUp, RoundingMode::HalfEven]
            .into_iter()
            .find(|mode| mode.name() == name)
    }
}

/// One entry of `rounding`: a scale of 0 to 12 decimals and a mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundingRule {
    pub scale: u32,
    pub mode: RoundingMode,
}

impl RoundingRule {
    pub fn apply(self, value: Decimal) -> Decimal {
        match self.mode {
            RoundingMode::Down => toward_zero(value, self.scale),
            mode => value.round_dp_with_strategy(self.scale, mode.strategy()),
        }
    }
}

/// The three optional entries. An absent entry keeps the quantity exact to
/// [`EXACT_SCALE`] decimals (toward zero past that), which is the identity for every
/// amount of at most 10 decimals times rates of at most 3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rounding {
    pub money: Option<RoundingRule>,
    pub points: Option<RoundingRule>,
    pub price: Option<RoundingRule>,
}

/// Rounds a money amount (CNY) per the money rule.
pub fn money(rounding: &Rounding, value: Decimal) -> Decimal {
    accumulate(rounding.money, value)
}

/// Rounds a point count per the points rule.
pub fn points(rounding: &Rounding, value: Decimal) -> Decimal {
    accumulate(rounding.points, value)
}

/// Rounds a price per the price rule; an absent rule leaves the quotient's 28 digits.
pub fn price(rounding: &Rounding, value: Decimal) -> Decimal {
    rounding.price.map_or(value, |rule| rule.apply(value))
}

/// Truncates toward zero to `scale` decimals: used where rounding up could break a
/// promise (the exit cap, the pool's balance).
pub fn toward_zero(value: Decimal, scale: u32) -> Decimal {
    // Most values already fit (an amount times a rate): skip rust_decimal's general path.
    if value.scale() <= scale {
        return value;
    }
    truncate(value, scale)
}

/// `round_dp_with_strategy(scale, ToZero)` for a value with more decimals than `scale`,
/// to the same bits: the mantissa divided by 10^(its scale − `scale`), the sign kept.
/// rust_decimal's general path also works out the discarded digits for the rounding
/// modes that need them; truncating a point count runs for every purchase.
fn truncate(value: Decimal, scale: u32) -> Decimal {
    let parts = value.unpack();
    let mut limbs = [parts.hi, parts.mid, parts.lo];
    let mut drop = parts.scale - scale;
    while drop > 0 {
        // At most 10^9 at a time, so that a remainder and the next limb fit in 64 bits.
        let step = drop.min(9);
        decimal::divide_limbs(&mut limbs, 10u32.pow(step));
        drop -= step;
    }
    let [hi, mid, lo] = limbs;
    Decimal::from_parts(lo, mid, hi, parts.negative, scale)
}

/// The scale an accumulated quantity ends up with under `rule`.
pub fn accumulated_scale(rule: Option<RoundingRule>) -> u32 {
    rule.map_or(EXACT_SCALE, |rule| rule.scale)
}

fn accumulate(rule: Option<RoundingRule>, value: Decimal) -> Decimal {
    match rule {
        Some(rule) => rule.apply(value),
        None => toward_zero(value, EXACT_SCALE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn each_mode_rounds_as_named() {
        let cases = [
            ("2.345", RoundingMode::Down, "2.34"),
            ("2.345", RoundingMode::HalfUp, "2.35"),
            ("2.345", RoundingMode::HalfEven, "2.34"),
            ("2.355", RoundingMode::HalfEven, "2.36"),
            ("-2.345", RoundingMode::Down, "-2.34"),
            ("-2.345", RoundingMode::HalfUp, "-2.35"),
            ("1.429", RoundingMode::Down, "1.42"),
        ];
        for (input, mode, expected) in cases {
            let rule = RoundingRule { scale: 2, mode };
            assert_eq!(rule.apply(d(input)), d(expected), "{input} {mode:?}");
        }
    }

    #[test]
    fn absent_rule_is_exact_to_thirteen_decimals() {
        let none = Rounding::default();
        assert_eq!(money(&none, d("30.123")), d("30.123"));
        assert_eq!(points(&none, d("0.12345678901234567")), d("0.1234567890123"));
        assert_eq!(price(&none, d("1.4285714285714285714285714286")), d("1.4285714285714285714285714286"));
    }
}
