//! The decimal arithmetic of an exact-mode purchase and nothing else: no parsing, no
//! member look-up, no strings. Its cost in wasm against its cost natively bounds how
//! close the engine's wasm replay can come to its native replay while every result is
//! rust_decimal's (SPEC §4).

use rust_decimal::{Decimal, RoundingStrategy};
use std::hint::black_box;

/// Points keep 13 decimals in exact mode (the engine's `EXACT_SCALE`).
const EXACT_SCALE: u32 = 13;

/// `purchases` purchases of 11.01, 12.02, … 110.00 (the generated ledger's amounts) from
/// the seed's first purchase: the same multiplications, divisions, roundings and sums
/// as `Pool::purchase` in exact mode. Returns the last price's scale so nothing is
/// optimized away.
#[no_mangle]
pub extern "C" fn purchases(count: u32) -> u32 {
    let pool_rate = Decimal::new(30, 2);
    let grant_rate = Decimal::new(70, 2);
    let mut pool = Decimal::new(30, 0);
    let mut supply = Decimal::new(21, 0);
    let mut price = Decimal::ONE;
    for n in 0..count {
        let step = i64::from(n % 100) + 1;
        let amount = black_box(Decimal::new(step * 1000 + step * 10 + step % 10, 2));
        let contribution = amount.checked_mul(pool_rate).unwrap();
        let grant = contribution.checked_mul(grant_rate).unwrap();
        let points = grant.checked_mul(supply).unwrap().checked_div(pool).unwrap();
        let points = points.round_dp_with_strategy(EXACT_SCALE, RoundingStrategy::ToZero);
        pool = pool.checked_add(contribution).unwrap();
        supply = supply.checked_add(points).unwrap();
        price = pool.checked_div(supply).unwrap();
    }
    price.scale()
}
