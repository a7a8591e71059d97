//! The same rules in floating point, for forecasts that must not mint millions of orders one
//! by one (docs/model.md §7): a closed form and Monte Carlo runs. Approximations of the exact
//! rules beside them, tested against the exact per-order projection (1e-9 relative).

/// CNY per point: `P / S` while points circulate, `initial_price` when none do.
pub fn price(pool_cny: f64, supply: f64, initial_price: f64) -> f64 {
    if supply > 0.0 {
        pool_cny / supply
    } else {
        initial_price
    }
}

/// What cashing out `points` pays at `rate`: their value at the price times the rate, never
/// more than the pool holds.
pub fn payout(points: f64, pool_cny: f64, supply: f64, rate: f64) -> f64 {
    if points <= 0.0 || supply <= 0.0 {
        return 0.0;
    }
    (points * pool_cny / supply * rate).min(pool_cny)
}

/// The part of a cash-out the exit cap pays.
pub fn apply_cap(cash_out: f64, cap_left: Option<f64>) -> f64 {
    cap_left.map_or(cash_out, |left| cash_out.min(left))
}

/// The balances after an operation as the exact rules settle them (model.md §5): no points left,
/// no pool (it goes to the reserve); a pool past `ceiling` per point keeps `ceiling × supply`.
pub fn settle(pool_cny: f64, supply: f64, ceiling: f64) -> (f64, f64) {
    if supply <= 0.0 {
        return (0.0, 0.0);
    }
    (pool_cny.min(ceiling * supply), supply)
}
