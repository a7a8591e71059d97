//! The pool as a whole, as `state()` reports it.

use rust_decimal::Decimal;

/// Running totals, for the conservation check `contributed = pool + paidOut + redeemed + reserved`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub contributed: Decimal,
    pub paid_out: Decimal,
    pub redeemed: Decimal,
    /// Money set aside in the reserve, which no point carries (docs/model.md §5): the pool left
    /// when the last points were burned, and what points could not carry past the ceiling.
    pub reserved: Decimal,
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
