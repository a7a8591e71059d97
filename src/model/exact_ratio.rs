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

/// A bound on the error of a product and a quotient of rust_decimal's (each within half a unit
/// of its 28th significant digit or its 28th decimal), with a wide safety factor.
fn error_bound(value: Decimal) -> Decimal {
    let relative = Decimal::from_i128_with_scale(1, 25);
    let absolute = Decimal::from_i128_with_scale(1, 27);
    value.abs().checked_mul(relative).unwrap_or(Decimal::MAX).saturating_add(absolute)
}

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
    let mut exact = approximate.scale() == a.scale() + b.scale();
    let approximate = if c == Decimal::ONE {
        approximate
    } else {
        let divided = quotient(approximate, c, quantity)?;
        exact = exact
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

/// Whether `value`, known to within `error_bound(value)`, rounds the same wherever in that
/// range the exact value lies: its distance to the nearest cut (a multiple of the rule's unit
/// for `down`, a midpoint for the half modes) is larger than the bound.
fn far_from_every_cut(rule: RoundingRule, value: Decimal) -> bool {
    let bound = error_bound(value);
    let unit = Decimal::from_i128_with_scale(1, rule.scale);
    let kept = crate::model::rounding::toward_zero(value, rule.scale);
    let below = (value - kept).abs();
    let distance = match rule.mode {
        RoundingMode::Down => below.min(unit - below),
        RoundingMode::HalfUp | RoundingMode::HalfEven => {
            let half = unit / Decimal::TWO;
            (below - half).abs()
        }
    };
    // A value past 28 digits at this scale cannot show its distance: work it out exactly.
    value.scale() >= rule.scale && distance > bound
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
