#![cfg(not(target_arch = "wasm32"))]
//! The hot path reads decimals and member ids byte by byte; these properties hold the
//! fast readers to the plain definitions they replace.

use points_pool::decimal::{parse_plain, PlainError};
use points_pool::pool::validate_member_id;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn member_ids_are_checked_as_characters(id in "\\PC{0,3}[\\x00-\\x1f\\x7f-\\u{a0}]?\\PC{0,70}") {
        let count = id.chars().count();
        let expected = (1..=64).contains(&count) && !id.chars().any(char::is_control);
        prop_assert_eq!(validate_member_id(&id).is_ok(), expected, "{:?}", id);
    }

    #[test]
    fn decimals_read_by_hand_equal_rust_decimals_reading(
        text in "-?(0|[1-9][0-9]{0,30})(\\.[0-9]{1,30})?"
    ) {
        match parse_plain(&text) {
            Ok(value) => {
                // rust_decimal reads the text without its trailing fraction zeros ("1.50" is 1.5).
                let trimmed = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
                let reference = Decimal::from_str_exact(trimmed).unwrap();
                prop_assert_eq!(value, reference);
                if !reference.is_zero() {
                    prop_assert_eq!(value.to_string(), reference.normalize().to_string());
                }
            }
            Err(PlainError::Syntax) => prop_assert!(text.len() > 40, "{} refused", text),
            Err(_) => {
                // Past 28 digits in all: rust_decimal could only round it.
                let digits = text.trim_start_matches('-').replace('.', "");
                let trimmed = digits.trim_end_matches('0');
                prop_assert!(trimmed.len() > 28 || digits.len() > 28, "{} refused", text);
            }
        }
    }
}

#[test]
fn the_largest_and_smallest_decimals_read_exactly() {
    let nines = "9".repeat(28);
    assert_eq!(parse_plain(&nines).unwrap(), Decimal::from_str(&nines).unwrap());
    assert_eq!(parse_plain(&format!("-0.{}1", "0".repeat(27))).unwrap(), Decimal::new(-1, 28));
    assert_eq!(parse_plain("-0").unwrap().to_string(), "0");
    assert_eq!(parse_plain("1.500").unwrap().to_string(), "1.5");
    assert_eq!(parse_plain(&"9".repeat(29)), Err(PlainError::TooBig));
    assert_eq!(parse_plain(&format!("1.{}", "1".repeat(28))), Err(PlainError::TooBig));
    assert_eq!(parse_plain(&format!("0.{}1", "0".repeat(28))), Err(PlainError::TooPrecise));
}

proptest! {
    #[test]
    fn the_limit_read_off_the_mantissa_is_the_comparison(mantissa in 0i128..=10i128.pow(28), scale in 0u32..=28, add in 0i64..3) {
        let value = Decimal::from_i128_with_scale(mantissa, scale);
        let near_limit = points_pool::decimal::MAX_QUANTITY - Decimal::new(1, 0) + Decimal::new(add, 0);
        for candidate in [value, near_limit] {
            let summed = points_pool::decimal::sum(candidate, Decimal::ZERO, "test");
            prop_assert_eq!(summed.is_ok(), candidate <= points_pool::decimal::MAX_QUANTITY, "{}", candidate);
        }
    }
}

proptest! {
    #[test]
    fn powers_of_ten_compared_without_rescaling(mantissa in -10i128.pow(28)..=10i128.pow(28), scale in 0u32..=28, exponent in 0u32..=20) {
        let value = Decimal::from_i128_with_scale(mantissa, scale);
        let limit = Decimal::from_i128_with_scale(10i128.pow(exponent), 0);
        prop_assert_eq!(points_pool::decimal::at_most_power_of_ten(value, exponent), value <= limit, "{} vs 10^{}", value, exponent);
    }
}

/// SPEC §9's pattern, written plainly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
fn plain_form(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(integer) && (integer == "0" || !integer.starts_with('0')) && fraction.is_none_or(digits)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn the_hand_reader_refuses_exactly_what_the_pattern_refuses(text in "[-0-9.+e ]{0,8}") {
        let refused = parse_plain(&text) == Err(PlainError::Syntax);
        prop_assert_eq!(refused, !plain_form(&text), "{:?}", text);
    }

    #[test]
    fn truncation_gives_rust_decimals_bits(mantissa in -(2i128.pow(96) - 1)..2i128.pow(96), scale in 0u32..=28, to in 0u32..=28) {
        let value = Decimal::from_i128_with_scale(mantissa, scale);
        let ours = points_pool::rounding::toward_zero(value, to);
        let theirs = value.round_dp_with_strategy(to, rust_decimal::RoundingStrategy::ToZero);
        prop_assert_eq!(ours.unpack(), theirs.unpack(), "{} to {} decimals", value, to);
    }

    #[test]
    fn decimals_are_written_as_rust_decimal_writes_them_normalized(
        mantissa in prop_oneof![
            -(2i128.pow(96) - 1)..2i128.pow(96),
            -10i128.pow(6)..10i128.pow(6),
            (0u32..=28).prop_map(|exponent| 10i128.pow(exponent)),
        ],
        scale in 0u32..=28,
    ) {
        let value = Decimal::from_i128_with_scale(mantissa, scale);
        let normalized = value.normalize();
        let expected = if normalized.is_zero() { "0".to_owned() } else { normalized.to_string() };
        prop_assert_eq!(points_pool::decimal::to_plain_string(value), expected);
    }
}
