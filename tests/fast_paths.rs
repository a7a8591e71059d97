#![cfg(not(target_arch = "wasm32"))]
//! The hot path reads decimals and member ids byte by byte; these properties hold the
//! fast readers to the plain definitions they replace.

use points_pool::decimal::{parse_plain, PlainError};
use points_pool::model::{hidden, validate_member_id};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn member_ids_are_checked_as_characters(
        id in "\\PC{0,3}[\\x00-\\x1f\\x7f-\\u{a0}]?\\PC{0,3}[\\u{ad}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{feff}]?\\PC{0,70}"
    ) {
        let count = id.chars().count();
        let visible = !id.chars().any(|c| c.is_control() || hidden(c));
        let expected = (1..=64).contains(&count) && visible;
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
    // 29 digits are read when rust_decimal's 96 bits hold them (every price the engine writes).
    let price = "1.4285714285714285714285714286";
    assert_eq!(parse_plain(price).unwrap(), Decimal::from_str(price).unwrap());
    assert_eq!(parse_plain(&format!("9.{}", "9".repeat(28))), Err(PlainError::TooBig));
    assert_eq!(parse_plain(&format!("0.{}1", "0".repeat(28))), Err(PlainError::TooPrecise));
}

proptest! {
    #[test]
    fn the_limit_read_off_the_mantissa_is_the_comparison(mantissa in 0i128..=10i128.pow(28), scale in 0u32..=28, add in 0i64..3) {
        let value = Decimal::from_i128_with_scale(mantissa, scale);
        let near_limit = points_pool::limits::MAX_QUANTITY - Decimal::new(1, 0) + Decimal::new(add, 0);
        for candidate in [value, near_limit] {
            let summed = points_pool::decimal::sum(candidate, Decimal::ZERO, "test");
            prop_assert_eq!(summed.is_ok(), candidate <= points_pool::limits::MAX_QUANTITY, "{}", candidate);
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

/// docs/formats.md §1's pattern, written plainly: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
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
        let ours = points_pool::model::rounding::toward_zero(value, to);
        let theirs = value.round_dp_with_strategy(to, rust_decimal::RoundingStrategy::ToZero);
        prop_assert_eq!(ours.unpack(), theirs.unpack(), "{} to {} decimals", value, to);
    }

    /// The hand reader is kept because it is faster on the replay's hot path (measured in
    /// `make bench`); on every text in plain form it must give rust_decimal's own value.
    #[test]
    fn the_hand_reader_reads_what_rust_decimal_reads(
        negative in any::<bool>(),
        integer in prop_oneof!["0", "[1-9][0-9]{0,11}"],
        fraction in proptest::option::of("[0-9]{1,26}"), // at most 40 characters in all
    ) {
        let text = format!("{}{integer}{}", if negative { "-" } else { "" }, fraction.map(|f| format!(".{f}")).unwrap_or_default());
        match (parse_plain(&text), Decimal::from_str_exact(&text)) {
            // Trailing zeros are dropped (they carry no value), so the bits are rust_decimal's normalized.
            (Ok(ours), Ok(theirs)) => prop_assert_eq!(ours.unpack(), theirs.normalize().unpack(), "{}", text),
            // Ours holds 28 digits; rust_decimal sometimes 29.
            (Err(PlainError::TooPrecise | PlainError::TooBig), _) => {
                prop_assert!(text.bytes().filter(u8::is_ascii_digit).count() > 28, "{}", text);
            }
            // rust_decimal refuses 29+ digits even when the last are zeros; we drop them first.
            (Ok(ours), Err(_)) => {
                let trimmed = text.trim_end_matches('0').trim_end_matches('.');
                prop_assert_eq!(ours, Decimal::from_str_exact(trimmed).unwrap(), "{}", text);
            }
            (ours, theirs) => prop_assert!(false, "{:?}: ours {:?}, rust_decimal {:?}", text, ours, theirs),
        }
    }
}
