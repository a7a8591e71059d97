//! Reading decimals: the strict form every decimal crosses the door in (docs/formats.md §1),
//! and the friendly forms people type and apps export, which the engine alone normalizes.

use rust_decimal::Decimal;

use crate::error::{PoolError, Result};
use crate::limits::MAX_DECIMAL_CHARS;

/// Why a string is not a usable decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlainError {
    /// Not of the form `^-?(0|[1-9][0-9]*)(\.[0-9]+)?$` or longer than 40 characters.
    Syntax,
    /// Fits the form but has more than 28 integer digits.
    TooBig,
    /// Fits the form but has more than 28 significant decimals.
    TooPrecise,
}

/// Parses a decimal string of the strict form of docs/formats.md §1 exactly.
/// Trailing zeros after the point are dropped (`"1.50"` is 1.5).
pub fn parse_plain(text: &str) -> std::result::Result<Decimal, PlainError> {
    match parse_plain_digits(text) {
        // The fast reader holds 28 digits; a 29th fits rust_decimal's 96 bits sometimes
        // (every price this engine writes does), so let rust_decimal read those exactly.
        Err(too_long @ (PlainError::TooBig | PlainError::TooPrecise)) => {
            Decimal::from_str_exact(text).map(|value| value.normalize()).map_err(|_| too_long)
        }
        outcome => outcome,
    }
}

fn parse_plain_digits(text: &str) -> std::result::Result<Decimal, PlainError> {
    // One pass over the bytes that checks the form and reads the digits: this runs for every
    // amount typed and twice for every ledger row. Re-measured (issue 18) against checking the
    // form and then calling rust_decimal's `from_str_exact`, which the wasm carries anyway for
    // 29 digits: the replay of 200,000 rows as bytes runs at 1.92 M rows/s against 1.83
    // (median of 11, alternated in one Node process), ledger text with prices 1.27 against
    // 1.24; it costs the member's wasm 210 bytes gzipped (138,575 against 138,365). Kept, one
    // reader for both builds.
    let bytes = text.as_bytes();
    if bytes.len() > MAX_DECIMAL_CHARS {
        return Err(PlainError::Syntax);
    }
    let negative = matches!(bytes.first(), Some(b'-'));
    let mut index = usize::from(negative);
    let integer_start = index;
    let mut mantissa = Mantissa::default();
    while index < bytes.len() && bytes[index].is_ascii_digit() {
        mantissa.push(bytes[index] - b'0');
        index += 1;
    }
    let integer_digits = index - integer_start;
    let leading_zero = integer_digits > 1 && bytes[integer_start] == b'0';
    if integer_digits == 0 || leading_zero {
        return Err(PlainError::Syntax);
    }
    // Fraction digits up to the last non-zero one; zeros wait until a digit follows them.
    let (mut kept, mut pending_zeros) = (0, 0);
    if index < bytes.len() && bytes[index] == b'.' {
        index += 1;
        let fraction_start = index;
        while index < bytes.len() && bytes[index].is_ascii_digit() {
            match bytes[index] {
                b'0' => pending_zeros += 1,
                digit => {
                    for _ in 0..pending_zeros {
                        mantissa.push(0);
                    }
                    mantissa.push(digit - b'0');
                    kept += pending_zeros + 1;
                    pending_zeros = 0;
                }
            }
            index += 1;
        }
        if index == fraction_start {
            return Err(PlainError::Syntax);
        }
    }
    if index < bytes.len() {
        return Err(PlainError::Syntax);
    }
    if kept > 28 {
        return Err(PlainError::TooPrecise);
    }
    // A mantissa holds 28 digits: more is too big to keep exactly.
    if integer_digits > 28 || mantissa.digits > 28 {
        return Err(PlainError::TooBig);
    }
    let magnitude = mantissa.value() as i128;
    let signed = if negative { -magnitude } else { magnitude };
    let value = Decimal::try_from_i128_with_scale(signed, kept).map_err(|_| PlainError::TooBig)?;
    // "-0" is a negative zero; fold it so it prints as "0".
    Ok(if value.is_zero() { Decimal::ZERO } else { value })
}

/// The integer that significant digits spell, read in 64 bits while they fit (19
/// digits: every amount in practice, and much cheaper than 128 bits in wasm). Leading
/// zeros count for nothing; past 28 digits it only counts them.
#[derive(Default)]
struct Mantissa {
    small: u64,
    large: u128,
    digits: u32,
}

impl Mantissa {
    fn push(&mut self, digit: u8) {
        if self.digits == 0 && digit == 0 {
            return;
        }
        match self.digits {
            0..=18 => self.small = self.small * 10 + u64::from(digit),
            19..=27 => {
                let so_far = if self.digits == 19 { u128::from(self.small) } else { self.large };
                self.large = so_far * 10 + u128::from(digit);
            }
            _ => {}
        }
        self.digits += 1;
    }

    fn value(&self) -> u128 {
        if self.digits <= 19 {
            u128::from(self.small)
        } else {
            self.large
        }
    }
}

/// A decimal as people type it or apps export it, mapping every failure to `invalid_decimal`
/// naming the field: see [`friendly_plain`] for what is accepted. `"1,5"` is refused, not read as 15.
pub fn parse_friendly(field: &'static str, text: &str) -> Result<Decimal> {
    let plain = friendly_plain(text).ok_or_else(|| invalid_decimal(field, text))?;
    parse_plain(&plain).map_err(|_| invalid_decimal(field, text))
}

/// Currency signs and words a friendly number may start with, matched without regard to
/// ASCII case (`RMB`, `rmb`, `Rmb`).
const PREFIXES: [&str; 5] = ["¥", "￥", "RMB", "CNY", "人民币"];
/// And end with.
const SUFFIXES: [&str; 5] = ["元", "块", "RMB", "CNY", "人民币"];
/// What may group thousands: `,` `，` `_` `'`, between groups of three digits only.
const SEPARATORS: [char; 3] = [',', '_', '\''];

/// The plain decimal text a friendly number stands for (trailing zeros kept), or `None` when its
/// separators are not thousands separators. The engine's one reading of friendly numbers
/// (the element calls it at the door, the history check for every column): full-width digits,
/// point and minus (１００．５, －５), every kind of space (NBSP and U+3000 included), a leading
/// `¥`/`￥`/`RMB`/`CNY`/`人民币` (after a minus sign or before it) or a trailing `元`/`块`/`RMB`/`CNY`,
/// thousands separators between groups of three digits, and a point with nothing after it
/// (`99.`, what a box holds on the way to `99.5`) or before it (`.5`). What remains must be a
/// plain decimal, which the caller checks.
pub fn friendly_plain(text: &str) -> Option<String> {
    let mut plain = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '０'..='９' => plain.push(char::from(b'0' + (character as u32 - '０' as u32) as u8)),
            '．' | '。' => plain.push('.'),
            '，' => plain.push(','),
            '－' | '−' => plain.push('-'),
            space if space.is_whitespace() => {}
            other => plain.push(other),
        }
    }
    // A minus sign before the currency (`-¥5.00`, as Intl writes it) or after it (`¥-5`).
    let (mut negative, mut trimmed) =
        plain.strip_prefix('-').map_or((false, plain.as_str()), |rest| (true, rest));
    trimmed = strip_word(trimmed, &PREFIXES, true);
    if !negative {
        (negative, trimmed) = trimmed.strip_prefix('-').map_or((false, trimmed), |rest| (true, rest));
    }
    trimmed = strip_word(trimmed, &SUFFIXES, false);
    let (integer, fraction) = trimmed.split_once('.').map_or((trimmed, None), |(i, f)| (i, Some(f)));
    if fraction.is_some_and(|f| f.contains(SEPARATORS)) {
        return None;
    }
    let mut joined = String::from(if negative { "-" } else { "" });
    if integer.contains(SEPARATORS) {
        let groups: Vec<&str> = integer.split(SEPARATORS).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|group| group.len() != 3) {
            return None;
        }
        joined.extend(groups);
    } else if integer.is_empty() && fraction.is_some_and(|f| !f.is_empty()) {
        joined.push('0');
    } else {
        joined.push_str(integer);
    }
    if let Some(fraction) = fraction.filter(|f| !f.is_empty()) {
        joined.push('.');
        joined.push_str(fraction);
    }
    Some(joined)
}

/// `text` without the first of `words` it starts (or ends) with, ASCII case ignored.
fn strip_word<'a>(text: &'a str, words: &[&str], prefix: bool) -> &'a str {
    for word in words {
        let Some(at) = (if prefix { Some(word.len()) } else { text.len().checked_sub(word.len()) }) else {
            continue;
        };
        if !text.is_char_boundary(at) {
            continue;
        }
        let (head, tail) = text.split_at(at);
        if (if prefix { head } else { tail }).eq_ignore_ascii_case(word) {
            return if prefix { tail } else { head };
        }
    }
    text
}

pub fn parse_field(field: &'static str, text: &str) -> Result<Decimal> {
    parse_plain(text).map_err(|_| invalid_decimal(field, text))
}

fn invalid_decimal(field: &'static str, text: &str) -> PoolError {
    PoolError::InvalidDecimal { field, found: crate::error::quote(text) }
}

/// Reads a purchase amount typed as a strict decimal string.
pub fn parse_amount(text: &str) -> Result<Decimal> {
    match parse_plain(text) {
        Ok(amount) => Ok(amount),
        Err(PlainError::Syntax) => Err(invalid_decimal("amount", text)),
        Err(PlainError::TooBig) if text.starts_with('-') => {
            Err(PoolError::AmountMustBePositive { field: "amount" })
        }
        Err(PlainError::TooBig) => Err(PoolError::AmountTooLarge),
        Err(PlainError::TooPrecise) => Err(PoolError::TooManyDecimals { field: "amount", max: 28 }),
    }
}

/// Reads a point count typed as a strict decimal string.
pub fn parse_points(text: &str) -> Result<Decimal> {
    match parse_plain(text) {
        Ok(points) => Ok(points),
        Err(PlainError::Syntax) => Err(invalid_decimal("points", text)),
        Err(PlainError::TooBig) if text.starts_with('-') => Err(PoolError::PointsMustBePositive),
        Err(PlainError::TooBig) => Err(PoolError::LimitExceeded { quantity: "points" }),
        Err(PlainError::TooPrecise) => Err(PoolError::TooManyDecimals { field: "points", max: 28 }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::to_plain_string;

    #[test]
    fn accepts_exactly_the_plain_form() {
        let good = ["0", "-0", "1", "10", "0.5", "1.50", "-2.25", "123456789012.0000000001"];
        for text in good {
            assert!(parse_plain(text).is_ok(), "{text} should parse");
        }
        let bad =
            ["", "-", ".5", "5.", "01", "+1", "1e5", "1_000", "1,000", " 1", "1 ", "NaN", "--1", "1.2.3"];
        for text in bad {
            assert_eq!(parse_plain(text), Err(PlainError::Syntax), "{text} should be refused");
        }
    }

    #[test]
    fn drops_trailing_zeros_and_negative_zero() {
        assert_eq!(to_plain_string(parse_plain("1.500").unwrap()), "1.5");
        assert_eq!(to_plain_string(parse_plain("-0.000").unwrap()), "0");
        assert_eq!(to_plain_string(Decimal::new(800, 1)), "80");
    }

    #[test]
    fn refuses_what_does_not_fit_rather_than_rounding() {
        assert_eq!(parse_plain(&"9".repeat(29)), Err(PlainError::TooBig));
        let precise = format!("0.{}", "1".repeat(29));
        assert_eq!(parse_plain(&precise), Err(PlainError::TooPrecise));
        assert_eq!(parse_plain(&"1".repeat(41)), Err(PlainError::Syntax));
    }

    #[test]
    fn friendly_numbers_are_read_as_people_write_them() {
        let cases = [
            ("１００元", "100"),
            ("¥1,000.50", "1000.50"),
            ("￥1，000.50", "1000.50"),
            ("1\u{a0}000.5", "1000.5"),
            ("1\u{202f}000.5", "1000.5"),
            ("\u{3000}１０００．５ ", "1000.5"),
            ("Rmb 12", "12"),
            ("12 cny", "12"),
            ("人民币12", "12"),
            ("-¥5.00", "-5.00"),
            ("¥-5", "-5"),
            ("－５", "-5"),
            ("99.", "99"),
            (".5", "0.5"),
            ("1'234", "1234"),
        ];
        for (text, plain) in cases {
            assert_eq!(friendly_plain(text).as_deref(), Some(plain), "{text:?}");
        }
        for text in ["1,5", "12,34.5", "1.000,5", "1,0000"] {
            assert_eq!(friendly_plain(text), None, "{text:?}");
        }
        assert!(parse_friendly("amount", "abc").is_err());
        assert!(parse_friendly("amount", ".").is_err(), "a point alone is no number");
        assert!(parse_friendly("amount", "").is_err());
    }
}
