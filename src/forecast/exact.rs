//! The exact per-order projection: every order minted one after another with the engine's
//! own arithmetic and rounding. Rounded pools are projected this way, and it is the
//! reference the closed form is tested against.

use rust_decimal::Decimal;

use crate::decimal::{difference, product as mul, sum};
use crate::error::Result;
use crate::forecast::projection::ProjectionDay;
use crate::forecast::scenario::Scenario;
use crate::model::exact_ratio::product_rounded;
use crate::model::{rounding, Pool};

/// The exact per-order simulation: every order minted one after another with the
/// engine's own arithmetic. It is the reference a faster projection is tested against.
pub fn project_exact(pool: &Pool, scenario: &Scenario) -> Result<Vec<ProjectionDay>> {
    let config = pool.config();
    let rounding = config.rounding_or_exact();
    let state = pool.state();
    let (mut pool_cny, mut supply) = (state.pool, state.supply);
    let (contribution, grant_value) = scenario.order_values(pool)?;
    let mut days = Vec::with_capacity(scenario.days as usize + 1);
    days.push(day_row(pool, scenario, 0, pool_cny, supply)?);
    for day in 1..=scenario.days {
        for _ in 0..scenario.orders_on(day)? {
            let price = pool.price_for(pool_cny, supply)?;
            let points = pool.points_worth_at(grant_value, pool_cny, supply, price)?;
            pool_cny = sum(pool_cny, contribution, "pool")?;
            supply = sum(supply, points, "supply")?;
        }
        let others = difference(supply, scenario.points)?.max(Decimal::ZERO);
        let cashed = rounding::points(&rounding, mul(scenario.withdraw_rate_on(day), others)?);
        if !cashed.is_zero() {
            let price = pool.price_for(pool_cny, supply)?;
            let gross = pool.value_at(cashed, pool_cny, supply, price)?;
            let share = pool.share_at(cashed, pool_cny, supply)?;
            let paid = product_rounded(rounding.money, gross, config.payout_rate, "cash-out")?.min(share);
            pool_cny = difference(pool_cny, paid)?;
            supply = difference(supply, cashed)?;
        }
        days.push(day_row(pool, scenario, day, pool_cny, supply)?);
    }
    Ok(days)
}

pub(crate) fn day_row(
    pool: &Pool,
    scenario: &Scenario,
    day: u32,
    pool_cny: Decimal,
    supply: Decimal,
) -> Result<ProjectionDay> {
    let config = pool.config();
    let rounding = config.rounding_or_exact();
    let price = pool.price_for(pool_cny, supply)?;
    let value = pool.value_at(scenario.points, pool_cny, supply, price)?;
    // Uncapped here; `projection::settle` applies the cap to every row alike.
    let cash_out_value = product_rounded(rounding.money, value, config.payout_rate, "cash-out")?
        .min(pool.share_at(scenario.points, pool_cny, supply)?);
    Ok(ProjectionDay::uncapped(day, price, pool_cny, supply, value, cash_out_value))
}
