//! The exact per-order projection: every order minted one after another with the model's
//! own rules and rounding. Rounded pools are projected this way, and it is the reference
//! the closed form is tested against.

use rust_decimal::Decimal;

use crate::decimal::{difference, sum};
use crate::error::Result;
use crate::forecast::days::{day_row, ProjectionDay};
use crate::forecast::scenario::Scenario;
use crate::model::exact_ratio::product_rounded;
use crate::model::rules::Holder;
use crate::model::Pool;

/// The exact per-order simulation: every order minted one after another with the model's
/// rules. It is the reference a faster projection is tested against.
pub fn project_exact(pool: &Pool, scenario: &Scenario) -> Result<Vec<ProjectionDay>> {
    let (config, rules) = (pool.config(), pool.rules());
    let points_rule = config.rounding_or_exact().points;
    let state = pool.state();
    let (mut pool_cny, mut supply) = (state.pool, state.supply);
    let (contribution, grant_value) = scenario.order_values(&rules)?;
    let mut days = Vec::with_capacity(scenario.days as usize + 1);
    days.push(day_row(pool, scenario, 0, pool_cny, supply)?);
    for day in 1..=scenario.days {
        for _ in 0..scenario.orders_on(day)? {
            let points = rules.points_for(grant_value, rules.balances(pool_cny, supply)?)?;
            pool_cny = sum(pool_cny, contribution, "pool")?;
            supply = sum(supply, points, "supply")?;
        }
        // The other members cash out a share of their points, uncapped (their spending is unknown).
        let others = difference(supply, scenario.points)?.max(Decimal::ZERO);
        let cashed =
            product_rounded(points_rule, scenario.withdraw_rate_on(day), others, "points cashed out")?;
        if !cashed.is_zero() {
            let basis = rules.balances(pool_cny, supply)?;
            let paid = rules.cash_out(config.payout_rate, cashed, &Holder::uncapped(cashed), basis)?.payout;
            pool_cny = difference(pool_cny, paid)?;
            supply = difference(supply, cashed)?;
        }
        days.push(day_row(pool, scenario, day, pool_cny, supply)?);
    }
    Ok(days)
}
