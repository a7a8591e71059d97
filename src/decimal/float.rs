//! Decimals as floats and back, for forecasts (docs/model.md §7): a closed form or a Monte
//! Carlo run works in `f64` and reports 12 significant digits, the accuracy it promises.

use rust_decimal::Decimal;

/// A float as a decimal of 12 significant digits: the accuracy a closed form promises,
/// and no more. By hand: rust_decimal's `from_f64` and `round_sf` instead make the member's
/// wasm 1,537 bytes larger gzipped (140,112 against 138,575, `gzip -9`, re-measured for issue 18).
pub fn from_float(value: f64) -> Decimal {
    if !value.is_finite() || value == 0.0 {
        return Decimal::ZERO;
    }
    let mut exponent = 0i32;
    let mut magnitude = value.abs();
    while magnitude >= 1e12 {
        magnitude /= 10.0;
        exponent += 1;
    }
    while magnitude < 1e11 {
        magnitude *= 10.0;
        exponent -= 1;
    }
    // 12 digits in `magnitude`, rounded half to even by the float rounding itself.
    let digits = libm::rint(magnitude) as i64 * if value < 0.0 { -1 } else { 1 };
    let decimal = if exponent >= 0 {
        super::product(Decimal::from(digits), Decimal::from(10i64.pow(exponent.min(18) as u32)))
            .unwrap_or_default()
    } else if -exponent <= 28 {
        Decimal::try_new(digits, (-exponent) as u32).unwrap_or_default()
    } else {
        // Below 28 decimals: keep the digits that fit, rounded half to even, not a wrong scale.
        let drop = (-exponent - 28) as u32;
        if drop > 12 {
            return Decimal::ZERO;
        }
        let unit = 10i64.pow(drop);
        let (quotient, remainder) = (digits / unit, (digits % unit).abs() * 2);
        let up = remainder > unit || (remainder == unit && quotient % 2 != 0);
        let kept = if up { quotient + digits.signum() } else { quotient };
        Decimal::try_new(kept, 28).unwrap_or_default()
    };
    decimal.normalize()
}

/// A decimal as a float: mantissa over a power of ten (within an ulp or two; rust_decimal's
/// `to_f64` is exact to the last bit and larger in the wasm).
pub fn approximate(value: Decimal) -> f64 {
    value.mantissa() as f64 / 10f64.powi(value.scale() as i32)
}
