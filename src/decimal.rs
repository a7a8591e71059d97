//! Strict decimal strings (SPEC §9), the engine's limits, and the normalized
//! string form every decimal leaves the engine in.

use rust_decimal::Decimal;

use crate::error::{PoolError, Result};

// Checked arithmetic, in one place. Each is one function (never inlined): rust_decimal's
// operations are large, and inlined at every call site they cost the wasm kilobytes.
// Hot-path code here and in the ledger reader is written with `match` and index loops
// rather than `ok_or`, `position` or `enumerate`: our crate is built at opt-level "z",
// which leaves such small generic helpers as calls (profiled: 16% of a wasm replay).

/// `a + b`, refused past the limit of 10^15 so that every sum stays exact.
pub fn sum(a: Decimal, b: Decimal, quantity: &'static str) -> Result<Decimal> {
    match add(a, b) {
        Some(total) if within_limit(&total) => Ok(total),
        _ => Err(PoolError::LimitExceeded { quantity }),
    }
}

/// `value ≤ 10^15`, read off the mantissa and scale: `value ≤ MAX_QUANTITY` would rescale
/// both sides on every sum of the hot path.
fn within_limit(value: &Decimal) -> bool {
    at_most_power_of_ten(*value, 15)
}

/// `value ≤ 10^exponent` without rescaling: the mantissa against 10^(exponent + scale).
pub fn at_most_power_of_ten(value: Decimal, exponent: u32) -> bool {
    let parts = value.unpack();
    let shifted = (exponent + parts.scale) as usize;
    if parts.negative || shifted >= POWERS_OF_TEN.len() {
        return true;
    }
    // The 96-bit mantissa as (high 32, low 64) bits: no 128-bit arithmetic, which wasm lacks.
    let limit = POWERS_OF_TEN[shifted];
    let low = (u64::from(parts.mid) << 32) | u64::from(parts.lo);
    (parts.hi, low) <= ((limit >> 64) as u32, limit as u64)
}

/// 10^0 … 10^28; a mantissa (below 2^96) is always under 10^29.
const POWERS_OF_TEN: [u128; 29] = {
    let mut table = [1u128; 29];
    let mut index = 1;
    while index < 29 {
        table[index] = table[index - 1] * 10;
        index += 1;
    }
    table
};

/// `a − b`: the same addition with `b`'s sign flipped, so the wasm holds one adder.
pub fn difference(a: Decimal, b: Decimal) -> Result<Decimal> {
    match add(a, -b) {
        Some(difference) => Ok(difference),
        None => Err(PoolError::LimitExceeded { quantity: "difference" }),
    }
}

#[inline(never)]
fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// `a × b` (rust_decimal keeps 28 significant digits of a product too long to hold).
#[inline(never)]
pub fn product(a: Decimal, b: Decimal) -> Result<Decimal> {
    match a.checked_mul(b) {
        Some(product) => Ok(product),
        None => Err(PoolError::LimitExceeded { quantity: "product" }),
    }
}

/// `a ÷ b` to 28 significant digits; a zero or tiny divisor is refused as `quantity` past the limit.
#[inline(never)]
pub fn quotient(a: Decimal, b: Decimal, quantity: &'static str) -> Result<Decimal> {
    match a.checked_div(b) {
        Some(quotient) => Ok(quotient),
        None => Err(PoolError::LimitExceeded { quantity }),
    }
}

/// The longest decimal string accepted.
pub const MAX_DECIMAL_CHARS: usize = 40;
/// The largest purchase amount, in CNY.
pub const MAX_AMOUNT_CNY: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0); // 10^12
/// `MAX_AMOUNT_CNY` as a power of ten.
pub const MAX_AMOUNT_EXPONENT: u32 = 12;
/// The largest pool, supply, member balance or running total.
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0); // 10^15
/// Decimals kept for every accumulated quantity (money and points) when no rounding
/// entry is set. 10^15 at 13 decimals is a 28-digit mantissa, so every sum of such
/// quantities below the limits is exact: the members' points add up to the supply and
/// money is conserved to the last digit.
pub const EXACT_SCALE: u32 = 13;
/// Decimals allowed in an amount when money rounding is not set.
pub const DEFAULT_AMOUNT_DECIMALS: u32 = 10;

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

/// Parses a decimal string of the strict form of SPEC §9 exactly.
/// Trailing zeros after the point are dropped (`"1.50"` is 1.5).
pub fn parse_plain(text: &str) -> std::result::Result<Decimal, PlainError> {
    // One pass over the bytes that checks the form and reads the digits (rust_decimal's
    // own parser would read them again, and it is several KB of the wasm): this runs for
    // every amount typed and twice for every ledger row.
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

/// Parses a decimal field, mapping every failure to `invalid_decimal` naming the field.
pub fn parse_field(field: &'static str, text: &str) -> Result<Decimal> {
    parse_plain(text).map_err(|_| invalid_decimal(field, text))
}

pub(crate) fn invalid_decimal(field: &'static str, text: &str) -> PoolError {
    PoolError::InvalidDecimal { field, found: text.chars().take(64).collect() }
}

/// Decimals after the point once trailing zeros are dropped.
pub fn significant_scale(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// The one string form decimals leave the engine in: no trailing zeros, no `-0`.
/// Written from the mantissa's digits here rather than by rust_decimal's `Display`,
/// which with `normalize` is about 1.5 KB of the wasm (property-tested to the same text).
pub fn to_plain_string(value: Decimal) -> String {
    let parts = value.unpack();
    let mut limbs = [parts.hi, parts.mid, parts.lo];
    // Digits, least significant first, nine per division: a 96-bit mantissa has at most
    // 29 digits, so four divisions at most.
    let mut digits = [0u8; 36];
    let mut count = 0;
    while limbs != [0, 0, 0] {
        let mut chunk = divide_limbs(&mut limbs, 1_000_000_000);
        for _ in 0..9 {
            digits[count] = (chunk % 10) as u8;
            chunk /= 10;
            count += 1;
        }
    }
    while count > 0 && digits[count - 1] == 0 {
        count -= 1;
    }
    if count == 0 {
        return "0".to_owned();
    }
    // Trailing zeros after the point are dropped, and the decimals with them.
    let (mut lowest, mut decimals) = (0, parts.scale as usize);
    while decimals > 0 && digits[lowest] == 0 {
        lowest += 1;
        decimals -= 1;
    }
    let written = &digits[lowest..count];
    // Sign, "0.", up to 28 zeros, up to 29 digits and a point: at most 61 bytes.
    let mut text = [0u8; 64];
    let mut length = 0;
    let mut put = |byte: u8| {
        text[length] = byte;
        length += 1;
    };
    if parts.negative {
        put(b'-');
    }
    if written.len() <= decimals {
        put(b'0');
        put(b'.');
        for _ in written.len()..decimals {
            put(b'0');
        }
    }
    let mut position = written.len();
    while position > 0 {
        position -= 1;
        if position + 1 == decimals && written.len() > decimals {
            put(b'.');
        }
        put(b'0' + written[position]);
    }
    // Only ASCII was written, so this never falls back.
    std::str::from_utf8(&text[..length]).unwrap_or_default().to_owned()
}

/// Divides a 96-bit mantissa (most significant limb first) by `divisor` in place and
/// gives the remainder: 32 bits at a time, so every step fits in 64 bits.
pub(crate) fn divide_limbs(limbs: &mut [u32; 3], divisor: u32) -> u32 {
    let mut remainder = 0u64;
    for limb in limbs.iter_mut() {
        let dividend = (remainder << 32) | u64::from(*limb);
        *limb = (dividend / u64::from(divisor)) as u32;
        remainder = dividend % u64::from(divisor);
    }
    remainder as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_the_powers_of_ten_they_claim() {
        assert_eq!(MAX_AMOUNT_CNY.to_string(), "1000000000000");
        assert_eq!(MAX_QUANTITY.to_string(), "1000000000000000");
    }

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
}
