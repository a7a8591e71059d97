//! Decimals: checked arithmetic, the normalized string form every decimal leaves the engine
//! in, reading them (`parse`: strict and friendly) and their float approximations (`float`,
//! for forecasts).

mod float;
mod parse;

pub use float::{approximate, from_float};
pub use parse::{
    friendly_plain, parse_amount, parse_field, parse_friendly, parse_plain, parse_points, PlainError,
};

use rust_decimal::Decimal;

use crate::error::{PoolError, Result};
use crate::limits::MAX_QUANTITY_EXPONENT;

// Checked arithmetic, in one place: every operation that can overflow maps to an error.

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
    at_most_power_of_ten(*value, MAX_QUANTITY_EXPONENT)
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

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// `a × b` (rust_decimal keeps 28 significant digits of a product too long to hold).
pub fn product(a: Decimal, b: Decimal) -> Result<Decimal> {
    match a.checked_mul(b) {
        Some(product) => Ok(product),
        None => Err(PoolError::LimitExceeded { quantity: "product" }),
    }
}

/// `a ÷ b` to 28 significant digits; a zero or tiny divisor is refused as `quantity` past the limit.
pub fn quotient(a: Decimal, b: Decimal, quantity: &'static str) -> Result<Decimal> {
    match a.checked_div(b) {
        Some(quotient) => Ok(quotient),
        None => Err(PoolError::LimitExceeded { quantity }),
    }
}

/// Decimals after the point once trailing zeros are dropped.
pub fn significant_scale(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// The one string form decimals leave the engine in: no trailing zeros, no `-0`.
pub fn to_plain_string(value: Decimal) -> String {
    if value.is_zero() {
        return "0".to_owned();
    }
    value.normalize().to_string()
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
        use crate::limits::{MAX_AMOUNT_CNY, MAX_AMOUNT_EXPONENT, MAX_QUANTITY};
        assert_eq!(MAX_AMOUNT_CNY.to_string(), "1000000000000");
        assert_eq!(MAX_QUANTITY.to_string(), format!("1{}", "0".repeat(MAX_QUANTITY_EXPONENT as usize)));
        assert_eq!(MAX_AMOUNT_CNY, Decimal::from(10u64.pow(MAX_AMOUNT_EXPONENT)));
    }
}
