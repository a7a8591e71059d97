#![cfg(not(target_arch = "wasm32"))]
//! docs/model.md §4: every ratio the engine rounds is rounded as its exact rational value
//! would be, checked against num-rational (the library) over values near and far from cuts.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use points_pool::model::exact_ratio::ratio_rounded;
use points_pool::model::{RoundingMode, RoundingRule};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn rational(value: Decimal) -> BigRational {
    BigRational::new(BigInt::from(value.mantissa()), BigInt::from(10u8).pow(value.scale()))
}

/// The library's answer: the exact rational rounded at `scale` by `mode`.
fn reference(value: &BigRational, scale: u32, mode: RoundingMode) -> BigRational {
    let unit = BigRational::new(BigInt::from(1u8), BigInt::from(10u8).pow(scale));
    let units = value / &unit;
    let toward_zero = units.trunc();
    let rest = (&units - &toward_zero).abs();
    let half = BigRational::new(BigInt::from(1u8), BigInt::from(2u8));
    let away =
        |n: BigRational| if value.is_negative() { n - BigInt::from(1u8) } else { n + BigInt::from(1u8) };
    let rounded = match mode {
        RoundingMode::Down => toward_zero,
        RoundingMode::HalfUp if rest >= half => away(toward_zero),
        RoundingMode::HalfEven if rest > half => away(toward_zero),
        RoundingMode::HalfEven
            if rest == half && !(toward_zero.to_integer() % BigInt::from(2u8)).is_zero() =>
        {
            away(toward_zero)
        }
        _ => toward_zero,
    };
    rounded * unit
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (1i64..=999_999_999_999, 0u32..=13).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn mode() -> impl Strategy<Value = RoundingMode> {
    prop_oneof![Just(RoundingMode::Down), Just(RoundingMode::HalfUp), Just(RoundingMode::HalfEven)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn ratios_round_as_their_exact_value(a in decimal(), b in decimal(), c in decimal(), scale in 0u32..=13, mode in mode(), exact_rule in any::<bool>()) {
        let rule = if exact_rule { None } else { Some(RoundingRule { scale: scale.min(12), mode }) };
        let (scale, mode) = rule.map_or((13, RoundingMode::Down), |rule| (rule.scale, rule.mode));
        let expected = reference(&(rational(a) * rational(b) / rational(c)), scale, mode);
        match ratio_rounded(rule, a, b, c, "test") {
            Ok(ours) => prop_assert_eq!(rational(ours), expected, "{} × {} / {} at {} {:?}", a, b, c, scale, mode),
            // Refused only when the rounded value has no decimal: its mantissa at the scale passes 2^96.
            Err(error) => {
                prop_assert_eq!(error.code(), "limit_exceeded");
                let mantissa = (expected * BigInt::from(10u8).pow(scale)).abs().to_integer();
                prop_assert!(mantissa > BigInt::from(Decimal::MAX.mantissa()), "{} × {} / {} refused but fits", a, b, c);
            }
        }
    }

    /// Near a cut: `c` is built so that `a × b / c` is a cut plus or minus a hair.
    #[test]
    fn values_a_hair_from_a_cut(target in 1i64..=9_999_999, scale in 0u32..=12, hair in -3i64..=3, mode in mode()) {
        let cut = Decimal::new(target, scale) + Decimal::new(5 * i64::from(mode != RoundingMode::Down), scale + 1);
        let (a, b) = (Decimal::ONE, Decimal::ONE);
        let c = Decimal::ONE / (cut + Decimal::new(hair, 27));
        let rule = Some(RoundingRule { scale, mode });
        let ours = ratio_rounded(rule, a, b, c, "test").unwrap();
        let expected = reference(&(rational(a) * rational(b) / rational(c)), scale, mode);
        prop_assert_eq!(rational(ours), expected, "1 / {} at {} {:?}", c, scale, mode);
    }
}
