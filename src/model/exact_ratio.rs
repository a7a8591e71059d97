//! Rounding of exact ratios (docs/model.md §4): `a × b / c` rounded by a named rule, of the
//! exact rational value, never of a rounded 28-digit intermediate. A 28-digit quotient can
//! land on the wrong side of a cut (2.78849999… for an exact 2.7885), and a member who later
//! cashes out what the exact rules say they hold would be refused.
//!
//! The fast path is rust_decimal's own product and quotient: used when it was exact (checked
//! by multiplying back), or when it lies far enough from every cut that its tiny error cannot
//! cross one. Otherwise the value is worked out with big integers (num-bigint).

use num_bigint::BigUint;
use num_integer::Integer;
use rust_decimal::Decimal;

use crate::decimal::{product, quotient};
use crate::error::{PoolError, Result};
use crate::limits::EXACT_SCALE;
use crate::model::rounding::{RoundingMode, RoundingRule};

/// The rule an absent entry means: toward zero at [`EXACT_SCALE`] decimals.
const EXACT: RoundingRule = RoundingRule { scale: EXACT_SCALE, mode: RoundingMode::Down };

/// How far, in units of the approximate quotient's last digit, the exact value may lie from
/// it: a product rounded to 28 digits, then a quotient rounded to 28 digits, are each within
/// half a unit; a thousand units is a wide margin.
const MARGIN_UNITS: u128 = 1_000;

/// `a × b` rounded by `rule` (an absent rule: the exact mode's cut at 13 decimals).
pub fn product_rounded(
    rule: Option<RoundingRule>,
    a: Decimal,
    b: Decimal,
    quantity: &'static str,
) -> Result<Decimal> {
    ratio_rounded(rule, a, b, Decimal::ONE, quantity)
}

/// `a × b / c` (c ≠ 0) rounded by `rule` (an absent rule: the exact mode's cut at 13 decimals).
pub fn ratio_rounded(
    rule: Option<RoundingRule>,
    a: Decimal,
    b: Decimal,
    c: Decimal,
    quantity: &'static str,
) -> Result<Decimal> {
    let rule = rule.unwrap_or(EXACT);
    let approximate = product(a, b)?;
    // rust_decimal keeps every digit of a product that fits, at the sum of the scales.
    let mut exact = approximate.scale() == a.scale() + b.scale();
    let approximate = if c == Decimal::ONE {
        approximate
    } else {
        let divided = quotient(approximate, c, quantity)?;
        // Exact when multiplying back gives the dividend with every digit kept. A quotient that
        // used all 28 decimals or 28 digits is taken as inexact without the (costly) check: the
        // cut test below is right for an exact value too, so this only ever costs speed.
        let short = divided.scale() < 28 && divided.mantissa().unsigned_abs() < 10u128.pow(27);
        exact = exact
            && short
            && divided
                .checked_mul(c)
                .is_some_and(|back| back == approximate && back.scale() == divided.scale() + c.scale());
        divided
    };
    if exact || far_from_every_cut(rule, approximate) {
        return Ok(rule.apply(approximate));
    }
    exactly(rule, a, b, c).ok_or(PoolError::LimitExceeded { quantity })
}

/// Whether `value`, within [`MARGIN_UNITS`] of its last digit of the exact value, rounds the
/// same wherever in that range the exact value lies. Integer arithmetic on the digits beyond
/// the rule's scale: they must keep clear of a cut (all zeros, for `down`, or a half, for the
/// half modes) by the margin.
fn far_from_every_cut(rule: RoundingRule, value: Decimal) -> bool {
    let Some(extra) = value.scale().checked_sub(rule.scale).filter(|extra| *extra >= 5) else {
        return false;
    };
    let unit = 10u128.pow(extra);
    let beyond = value.mantissa().unsigned_abs() % unit;
    match rule.mode {
        RoundingMode::Down => beyond > MARGIN_UNITS && unit - beyond > MARGIN_UNITS,
        RoundingMode::HalfUp | RoundingMode::HalfEven => beyond.abs_diff(unit / 2) > MARGIN_UNITS,
    }
}

/// The same with big integers: `|a|·|b|·10^(sc+s) / (|c|·10^(sa+sb))`, rounded by the mode,
/// the sign put back. `None` when the result does not fit a decimal.
fn exactly(rule: RoundingRule, a: Decimal, b: Decimal, c: Decimal) -> Option<Decimal> {
    let magnitude = |value: Decimal| BigUint::from(value.mantissa().unsigned_abs());
    let ten = BigUint::from(10u8);
    let numerator = magnitude(a) * magnitude(b) * ten.pow(c.scale() + rule.scale);
    let denominator = magnitude(c) * ten.pow(a.scale() + b.scale());
    let (mut whole, remainder) = numerator.div_rem(&denominator);
    let twice = remainder * 2u8;
    let up = match rule.mode {
        RoundingMode::Down => false,
        RoundingMode::HalfUp => twice >= denominator,
        RoundingMode::HalfEven => twice > denominator || (twice == denominator && whole.is_odd()),
    };
    if up {
        whole += 1u8;
    }
    let mantissa = i128::try_from(whole).ok()?;
    let negative = a.is_sign_negative() ^ b.is_sign_negative() ^ c.is_sign_negative();
    let signed = if negative && mantissa != 0 { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(signed, rule.scale).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn a_quotient_just_below_a_cut_is_cut_where_the_exact_value_is() {
        // 2.7885 exactly, as 7 × 0.3983571428… / 1: built from a quotient whose 28 digits fall short.
        let third = d("1") / d("3");
        assert!(third * d("3") < d("1"), "rust_decimal's third is short");
        assert_eq!(ratio_rounded(None, d("1"), d("1"), third, "test").unwrap(), d("3"));
        assert_eq!(ratio_rounded(None, d("2.7885"), d("3"), d("3"), "test").unwrap(), d("2.7885"));
        let rule = Some(RoundingRule { scale: 2, mode: RoundingMode::HalfUp });
        assert_eq!(ratio_rounded(rule, d("1"), d("0.125"), d("1"), "test").unwrap(), d("0.13"));
        let even = Some(RoundingRule { scale: 2, mode: RoundingMode::HalfEven });
        assert_eq!(ratio_rounded(even, d("1"), d("0.125"), d("1"), "test").unwrap(), d("0.12"));
    }
}
