//! The pool as a whole, as `state()` reports it.

use rust_decimal::Decimal;

/// Running totals, for the conservation check `contributed = pool + paidOut + redeemed`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub contributed: Decimal,
    pub paid_out: Decimal,
    pub redeemed: Decimal,
}

/// The pool's balances and counters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolState {
    pub pool: Decimal,
    pub supply: Decimal,
    pub price: Decimal,
    pub orders: u64,
    pub totals: Totals,
}
