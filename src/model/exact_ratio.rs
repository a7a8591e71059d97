//! Rounding of exact ratios (docs/model.md §4): `a × b / c` rounded by a named rule, of the
//! exact rational value, never of a rounded 28-digit intermediate. A 28-digit quotient can
//! land on the wrong side of a cut (2.78849999… for an exact 2.7885), and a member who later
//! cashes out what the exact rules say they hold would be refused.
//!
//! The fast path is rust_decimal's own product and quotient: used when it was exact (checked
//! by multiplying back), or when it lies far enough from every cut that its tiny error cannot
//! cross one. Otherwise the value is worked out in fixed-width integers ([`Wide`]).
//! Re-measured for issue 18: without the fast path the replay of 200,000 rows as bytes falls
//! from 1.80 to 0.27 M rows/s (ledger text with prices 1.22 to 0.25); it costs the member's
//! wasm 1,729 bytes gzipped (138,575 against 136,846). Kept.

use std::cmp::Ordering;

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

/// The same in wide integers: `|a|·|b|·10^(sc+s) / (|c|·10^(sa+sb))`, rounded by the mode,
/// the sign put back. `None` when the result does not fit a decimal.
fn exactly(rule: RoundingRule, a: Decimal, b: Decimal, c: Decimal) -> Option<Decimal> {
    // Every scale is at most 28; a rule past 28 decimals cannot be kept in a decimal anyway.
    if rule.scale > 28 {
        return None;
    }
    let magnitude = |value: Decimal| value.mantissa().unsigned_abs();
    let numerator = Wide::from(magnitude(a)).times(magnitude(b)).times_ten_to(c.scale() + rule.scale);
    let denominator = Wide::from(magnitude(c)).times_ten_to(a.scale() + b.scale());
    let (mut whole, remainder) = numerator.divided_by(&denominator)?;
    let twice = remainder.doubled();
    let up = match rule.mode {
        RoundingMode::Down => false,
        RoundingMode::HalfUp => twice >= denominator,
        RoundingMode::HalfEven => twice > denominator || (twice == denominator && whole % 2 == 1),
    };
    if up {
        whole += 1;
    }
    let mantissa = i128::try_from(whole).ok()?;
    let negative = a.is_sign_negative() ^ b.is_sign_negative() ^ c.is_sign_negative();
    let signed = if negative && mantissa != 0 { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(signed, rule.scale).ok()
}

/// An unsigned integer of 7 × 64 = 448 bits, least significant limb first: wide enough for
/// `|a|·|b|·10^56` (below 2^379) and for a divisor below 2^283 shifted by 127 bits. It
/// replaced num-bigint (`against_num_bigint` below checks it against it): the member's wasm went
/// from 167,883 to 158,754 bytes gzipped (`gzip -9`, www/pkg-member after `make build`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide([u64; 7]);

impl From<u128> for Wide {
    fn from(value: u128) -> Wide {
        Wide([value as u64, (value >> 64) as u64, 0, 0, 0, 0, 0])
    }
}

impl Wide {
    /// `self × factor`; the caller keeps the product below 2^448.
    fn times_small(&self, factor: u64) -> Wide {
        let mut product = [0u64; 7];
        let mut carry = 0u128;
        for (limb, out) in self.0.iter().zip(product.iter_mut()) {
            let step = u128::from(*limb) * u128::from(factor) + carry;
            *out = step as u64;
            carry = step >> 64;
        }
        debug_assert_eq!(carry, 0, "a product past 448 bits");
        Wide(product)
    }

    fn times(&self, factor: u128) -> Wide {
        let low = self.times_small(factor as u64);
        let high = self.times_small((factor >> 64) as u64).shifted_left(64);
        low.plus(&high)
    }

    fn times_ten_to(&self, mut exponent: u32) -> Wide {
        let mut value = *self;
        while exponent > 0 {
            let step = exponent.min(19);
            value = value.times_small(10u64.pow(step));
            exponent -= step;
        }
        value
    }

    fn plus(&self, other: &Wide) -> Wide {
        let mut sum = [0u64; 7];
        let mut carry = false;
        for (index, out) in sum.iter_mut().enumerate() {
            let (step, first) = self.0[index].overflowing_add(other.0[index]);
            let (step, second) = step.overflowing_add(u64::from(carry));
            *out = step;
            carry = first || second;
        }
        Wide(sum)
    }

    /// `self − other`, for `self ≥ other`.
    fn minus(&self, other: &Wide) -> Wide {
        let mut difference = [0u64; 7];
        let mut borrow = false;
        for (index, out) in difference.iter_mut().enumerate() {
            let (step, first) = self.0[index].overflowing_sub(other.0[index]);
            let (step, second) = step.overflowing_sub(u64::from(borrow));
            *out = step;
            borrow = first || second;
        }
        Wide(difference)
    }

    fn shifted_left(&self, bits: u32) -> Wide {
        let (limbs, bits) = ((bits / 64) as usize, bits % 64);
        let mut shifted = [0u64; 7];
        for (index, out) in shifted.iter_mut().enumerate().skip(limbs) {
            let from = index - limbs;
            *out = self.0[from] << bits;
            if bits > 0 && from > 0 {
                *out |= self.0[from - 1] >> (64 - bits);
            }
        }
        Wide(shifted)
    }

    fn doubled(&self) -> Wide {
        self.shifted_left(1)
    }

    /// The quotient and remainder, or `None` when the quotient is 2^127 or more (or the
    /// divisor is 0): restoring division, one quotient bit a step.
    fn divided_by(&self, divisor: &Wide) -> Option<(u128, Wide)> {
        if *self >= divisor.shifted_left(127) {
            return None;
        }
        let (mut quotient, mut remainder) = (0u128, *self);
        for bit in (0..127).rev() {
            let part = divisor.shifted_left(bit);
            if remainder >= part {
                remainder = remainder.minus(&part);
                quotient |= 1 << bit;
            }
        }
        Some((quotient, remainder))
    }
}

impl PartialOrd for Wide {
    fn partial_cmp(&self, other: &Wide) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Wide {
    fn cmp(&self, other: &Wide) -> Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }
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

/// [`Wide`] against num-bigint, the library it replaced (a native dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod against_num_bigint {
    use super::*;
    use proptest::prelude::*;

    /// num-bigint's answer, as `exactly` computed it before [`Wide`].
    fn with_big_integers(rule: RoundingRule, a: Decimal, b: Decimal, c: Decimal) -> Option<Decimal> {
        use num_bigint::BigUint;
        use num_integer::Integer;
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

    fn decimal() -> impl Strategy<Value = Decimal> {
        let mantissa = prop_oneof![1i128..1_000, 1i128..1 << 64, 1i128..(1 << 96)];
        (mantissa, 0u32..=28, any::<bool>()).prop_map(|(mantissa, scale, negative)| {
            Decimal::from_i128_with_scale(if negative { -mantissa } else { mantissa }, scale)
        })
    }

    fn rule() -> impl Strategy<Value = RoundingRule> {
        let mode =
            prop_oneof![Just(RoundingMode::Down), Just(RoundingMode::HalfUp), Just(RoundingMode::HalfEven)];
        (0u32..=28, mode).prop_map(|(scale, mode)| RoundingRule { scale, mode })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Full-range mantissas and every scale: the same digits as num-bigint, or both refuse.
        #[test]
        fn wide_integers_round_as_num_bigint_does(rule in rule(), a in decimal(), b in decimal(), c in decimal()) {
            prop_assert_eq!(exactly(rule, a, b, c), with_big_integers(rule, a, b, c), "{} × {} / {} {:?}", a, b, c, rule);
        }

        /// Exact halves and quotients that are whole numbers: the ties each mode decides.
        #[test]
        fn ties_round_as_num_bigint_does(rule in rule(), a in decimal(), twice in any::<bool>()) {
            let c = if twice { Decimal::TWO } else { Decimal::ONE };
            prop_assert_eq!(exactly(rule, a, Decimal::ONE, c), with_big_integers(rule, a, Decimal::ONE, c));
        }
    }
}
