//! A day of equal orders in closed form (docs/model.md §7), in floating point, for projections
//! and Monte Carlo runs that must not mint millions of orders one by one.
//!
//! In exact mode an order of contribution `c` and grant value `g` on a pool `P`, `S`
//! mints `g·S/P` points, so after `n` orders `P_n = P + n·c` and
//! `S_n = S · Π_{k<n} (1 + g / (P + k·c))` — a ratio of Gamma functions. We sum the
//! logarithm instead: the first terms one by one until `P + k·c ≥ 20·c`, the rest by
//! Euler–Maclaurin with three Bernoulli corrections, whose remainder is below 1e-13
//! there. Every logarithm is `log1p` of a small ratio and the integral is written
//! without cancellation, so the result agrees with the exact per-order simulation to
//! better than 1e-9 relative (tested on random scenarios in `tests/projection.rs`).
//!
//! `libm` supplies every transcendental function, natively and in the wasm alike, so
//! the same inputs give the same bits on both (Monte Carlo promises that).

use crate::decimal::{approximate, from_float};
use crate::error::{PoolError, Result};
use crate::forecast::days::{day_row, ProjectionDay};
use crate::forecast::scenario::Scenario;
use crate::limits::MAX_QUANTITY;
use crate::model::rules::approximate;
use crate::model::Pool;

/// Past this many contributions' worth of pool, the tail sum is done by Euler–Maclaurin.
const HEAD_UNTIL_POOL_IN_CONTRIBUTIONS: f64 = 20.0;

/// The quantities a projection follows, in CNY and points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FloatPool {
    pub pool: f64,
    pub supply: f64,
}

impl FloatPool {
    /// Price per point; `initial_price` when no points circulate.
    pub fn price(&self, initial_price: f64) -> f64 {
        approximate::price(self.pool, self.supply, initial_price)
    }

    /// `orders` orders, each contributing `contribution` and granting `grant` of value.
    pub fn buy(&mut self, orders: u64, contribution: f64, grant: f64, initial_price: f64) -> Result<()> {
        if orders == 0 {
            return Ok(());
        }
        let mut remaining = orders;
        if self.supply <= 0.0 {
            // The first points of an empty pool are minted at the initial price.
            self.supply = grant / initial_price;
            self.pool += contribution;
            remaining -= 1;
        }
        if self.pool <= 0.0 {
            return Err(PoolError::LimitExceeded { quantity: "points granted" });
        }
        let growth = log_growth(self.pool, remaining, contribution, grant);
        self.supply *= libm::exp(growth);
        self.pool += remaining as f64 * contribution;
        self.check()
    }

    /// `points` cashed out at today's price, `payout_rate` of their value paid.
    pub fn cash_out(&mut self, points: f64, payout_rate: f64) {
        if points <= 0.0 || self.supply <= 0.0 {
            return;
        }
        self.pool -= approximate::payout(points, self.pool, self.supply, payout_rate);
        self.supply = (self.supply - points).max(0.0);
    }

    /// The end of a day settled as the exact rules settle every operation (model.md §5).
    pub fn settle(&mut self, ceiling: f64) {
        (self.pool, self.supply) = approximate::settle(self.pool, self.supply, ceiling);
    }

    /// Past the limit, or not a number at all: refused like the exact engine would.
    fn check(&self) -> Result<()> {
        let within = |x: f64| x.is_finite() && x <= approximate(MAX_QUANTITY);
        if !within(self.pool) {
            return Err(PoolError::LimitExceeded { quantity: "pool" });
        }
        if !within(self.supply) {
            return Err(PoolError::LimitExceeded { quantity: "supply" });
        }
        Ok(())
    }
}

/// The scenario's parameters in floating point.
pub(crate) struct FloatScenario {
    pub contribution: f64,
    pub grant: f64,
    pub initial_price: f64,
    pub payout_rate: f64,
    pub points: f64,
    pub cap_left: Option<f64>,
    /// The most a point may carry (model.md §5).
    pub ceiling: f64,
}

impl FloatScenario {
    pub(crate) fn new(pool: &Pool, scenario: &Scenario) -> Result<FloatScenario> {
        let (config, rules) = (pool.config(), pool.rules());
        let (contribution, grant) = scenario.order_values(&rules)?;
        let cap_left = match scenario.spent {
            Some(spent) => rules.cap_left(spent, scenario.received.unwrap_or_default())?,
            None => None,
        }
        .map(approximate);
        Ok(FloatScenario {
            contribution: approximate(contribution),
            grant: approximate(grant),
            initial_price: approximate(config.initial_price),
            payout_rate: approximate(config.payout_rate),
            points: approximate(scenario.points),
            cap_left,
            ceiling: approximate(pool.ceiling()),
        })
    }

    /// The member's value and (uncapped) cash-out value at the pool's price.
    pub(crate) fn position(&self, pool: &FloatPool) -> (f64, f64) {
        let value = self.points * pool.price(self.initial_price);
        (value, approximate::payout(self.points, pool.pool, pool.supply, self.payout_rate))
    }
}

/// `ln Π_{k<n} (1 + g / (P + k·c))`.
pub fn log_growth(pool: f64, orders: u64, contribution: f64, grant: f64) -> f64 {
    let term = |k: f64| libm::log1p(grant / (pool + k * contribution));
    let head_end =
        ((HEAD_UNTIL_POOL_IN_CONTRIBUTIONS - pool / contribution).ceil().max(0.0) as u64).min(orders);
    let mut sum = 0.0;
    for k in 0..head_end {
        sum += term(k as f64);
    }
    if head_end == orders {
        return sum;
    }
    sum + euler_maclaurin_tail(pool + head_end as f64 * contribution, orders - head_end, contribution, grant)
}

/// `Σ_{k<n} ln(1 + g/(u + k·c))` for `u ≥ 20·c`.
fn euler_maclaurin_tail(start: f64, orders: u64, c: f64, g: f64) -> f64 {
    let end = start + orders as f64 * c;
    // ∫ ln(1 + g/u) du = u·ln(1 + g/u) + g·ln(u + g), written so nothing cancels.
    let integral = (end * libm::log1p(g / end) - start * libm::log1p(g / start)
        + g * libm::log1p((end - start) / (start + g)))
        / c;
    let h = |u: f64| libm::log1p(g / u);
    // Odd derivatives of h along k: d/dk ln(u) = c/u, and so on.
    let derivative =
        |u: f64, order: i32, factor: f64| factor * (c / (u + g)).powi(order) - factor * (c / u).powi(order);
    let corrections = [(1, 1.0, 1.0 / 12.0), (3, 2.0, -1.0 / 720.0), (5, 24.0, 1.0 / 30_240.0)];
    let mut sum = integral + (h(start) - h(end)) / 2.0;
    for (order, factor, weight) in corrections {
        sum += weight * (derivative(end, order, factor) - derivative(start, order, factor));
    }
    sum
}

/// Each day of equal orders as one closed-form step (exact mode: within 1e-9 relative
/// of `project_exact`).
pub(crate) fn closed_form_days(pool: &Pool, scenario: &Scenario) -> Result<Vec<ProjectionDay>> {
    let params = FloatScenario::new(pool, scenario)?;
    let state = pool.state();
    let mut float_pool = FloatPool { pool: approximate(state.pool), supply: approximate(state.supply) };
    let mut days = Vec::with_capacity(scenario.days as usize + 1);
    days.push(day_row(pool, scenario, 0, state.pool, state.supply)?);
    for day in 1..=scenario.days {
        let (orders, withdraw_rate) = (scenario.orders_on(day)?, scenario.withdraw_rate_on(day));
        if orders == 0 && withdraw_rate.is_zero() {
            // Nothing happens that day: the row stays exactly as it was.
            let unchanged = ProjectionDay { day, ..days[days.len() - 1].clone() };
            days.push(unchanged);
            continue;
        }
        float_pool.buy(orders, params.contribution, params.grant, params.initial_price)?;
        let others = (float_pool.supply - params.points).max(0.0);
        float_pool.cash_out(approximate(withdraw_rate) * others, params.payout_rate);
        float_pool.settle(params.ceiling);
        let (value, cash_out) = params.position(&float_pool);
        days.push(ProjectionDay::uncapped(
            day,
            from_float(float_pool.price(params.initial_price)),
            from_float(float_pool.pool),
            from_float(float_pool.supply),
            from_float(value),
            from_float(cash_out),
        ));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_hand(pool: f64, orders: u64, c: f64, g: f64) -> f64 {
        (0..orders).map(|k| libm::log1p(g / (pool + k as f64 * c))).sum()
    }

    #[test]
    fn the_tail_sum_matches_adding_every_term() {
        for (pool, orders, c, g) in
            [(30.0, 10_000, 30.0, 21.0), (1e6, 5_000, 3.0, 2.1), (90.0, 100_000, 0.3, 0.21)]
        {
            let (closed, summed) = (log_growth(pool, orders, c, g), by_hand(pool, orders, c, g));
            assert!(((closed - summed) / summed).abs() < 1e-12, "{pool} {orders}: {closed} vs {summed}");
        }
    }
}
