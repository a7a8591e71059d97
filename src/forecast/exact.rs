//! The exact per-order projection: every order minted one after another with the model's
//! own rules and rounding. Rounded pools are projected this way, and it is the reference
//! the closed form is tested against.
//!
//! Orders of a day are equal, so a run of orders that mint the same points can be applied at
//! once: the pool's ratio moves monotonically through a run (toward `contribution / points`),
//! and the points an order mints and whether the ceiling binds are monotone functions of that
//! ratio, so the orders of a run are those up to the first one that would mint otherwise, found
//! by galloping and bisection. The result is the per-order simulation's to the last digit; the
//! work is the number of distinct (price, points) steps, bounded by `MAX_PROJECTION_STEPS`.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::decimal::{difference, product, sum};
use crate::error::{PoolError, Result};
use crate::forecast::days::{day_row, ProjectionDay};
use crate::forecast::scenario::{scenario_error, Scenario};
use crate::limits::MAX_QUANTITY;
use crate::model::exact_ratio::product_rounded;
use crate::model::rules::{Holder, Rules};
use crate::model::Pool;

/// The exact per-order simulation: every order minted one after another with the model's
/// rules. It is the reference the closed form is tested against, and has no work limit.
pub fn project_exact(pool: &Pool, scenario: &Scenario) -> Result<Vec<ProjectionDay>> {
    project_per_order(pool, scenario, u64::MAX)
}

/// The same within `max_steps` mints (`limit_exceeded` naming `maxProjectionSteps` past them):
/// what `project` uses for a rounded pool.
pub fn project_per_order(pool: &Pool, scenario: &Scenario, max_steps: u64) -> Result<Vec<ProjectionDay>> {
    let (config, rules) = (pool.config(), pool.rules());
    let points_rule = config.rounding_or_exact().points;
    let state = pool.state();
    let mut orders = Orders {
        rules,
        ceiling: pool.ceiling(),
        values: scenario.order_values(&rules)?,
        steps: 0,
        max_steps,
        run: 1,
        memo: None,
        ceiling_near: true,
    };
    let mut balances = (state.pool, state.supply);
    let mut days = Vec::with_capacity(scenario.days as usize + 1);
    days.push(day_row(pool, scenario, 0, balances.0, balances.1)?);
    for day in 1..=scenario.days {
        balances = orders.buy(balances, scenario.orders_on(day)?, day)?;
        // The other members cash out a share of their points, uncapped (their spending is unknown).
        let (pool_cny, supply) = balances;
        let others = difference(supply, scenario.points)?.max(Decimal::ZERO);
        let cashed =
            product_rounded(points_rule, scenario.withdraw_rate_on(day), others, "points cashed out")?;
        if !cashed.is_zero() {
            let basis = rules.balances(pool_cny, supply)?;
            let paid = rules.cash_out(config.payout_rate, cashed, &Holder::uncapped(cashed), basis)?.payout;
            // A cash-out that would pay nothing is refused by the pool (payout_too_small): nothing burns.
            if !paid.is_zero() {
                let settled =
                    rules.settle(difference(pool_cny, paid)?, difference(supply, cashed)?, orders.ceiling)?;
                balances = (settled.pool, settled.supply);
            }
        }
        days.push(day_row(pool, scenario, day, balances.0, balances.1)?);
    }
    Ok(days)
}

/// A day's equal orders, applied run by run.
struct Orders<'a> {
    rules: Rules<'a>,
    ceiling: Decimal,
    /// What one order contributes and grants.
    values: (Decimal, Decimal),
    /// Mints worked out so far, against `max_steps`.
    steps: u64,
    max_steps: u64,
    /// The last mint worked out, and on which balances: a run of one order asks for it twice.
    memo: Option<((Decimal, Decimal), Decimal)>,
    /// Whether the current run could reach the ceiling.
    ceiling_near: bool,
    /// The length of the last run: where the next search starts.
    run: u64,
}

impl Orders<'_> {
    /// `count` orders on `balances`, as the pool would apply them one by one.
    fn buy(
        &mut self,
        mut balances: (Decimal, Decimal),
        mut count: u64,
        day: u32,
    ) -> Result<(Decimal, Decimal)> {
        while count > 0 {
            let points = self.mint(balances)?;
            if points.is_zero() {
                let reason = format!("an order of this size mints no points at day {day}'s price");
                return Err(scenario_error("averageOrder", &reason));
            }
            let run = self.run_length(balances, points, count)?;
            if run == 0 {
                // The first order meets the ceiling or a limit: it is applied on its own, as the
                // pool would apply (or refuse) it.
                let (pool_cny, supply) =
                    (sum(balances.0, self.values.0, "pool")?, sum(balances.1, points, "supply")?);
                let settled = self.rules.settle(pool_cny, supply, self.ceiling)?;
                balances = (settled.pool, settled.supply);
                count -= 1;
                continue;
            }
            balances =
                self.after(balances, points, run).ok_or(PoolError::LimitExceeded { quantity: "pool" })?;
            self.run = run;
            count -= run;
        }
        Ok(balances)
    }

    /// The points one order mints on these balances (one step of work).
    fn mint(&mut self, balances: (Decimal, Decimal)) -> Result<Decimal> {
        if let Some((seen, points)) = self.memo.filter(|(seen, _)| *seen == balances) {
            debug_assert_eq!(seen, balances);
            return Ok(points);
        }
        self.steps += 1;
        if self.steps > self.max_steps {
            return Err(PoolError::LimitExceeded { quantity: "maxProjectionSteps" });
        }
        let (contribution, grant_value) = self.values;
        let points =
            self.rules.mint(contribution, grant_value, self.rules.balances(balances.0, balances.1)?)?;
        self.memo = Some((balances, points));
        Ok(points)
    }

    /// How many of `count` orders from `balances` mint `points` each without meeting the
    /// ceiling: the largest `k` for which order `k` (1-based) still does.
    fn run_length(&mut self, balances: (Decimal, Decimal), points: Decimal, count: u64) -> Result<u64> {
        let most = count.min(self.within_limits(balances, points));
        // The ceiling is tested order by order only where the largest pool the run could reach
        // might pass it at the smallest supply it starts from.
        let reach = self.after(balances, points, most).map_or(MAX_QUANTITY, |(pool_cny, _)| pool_cny);
        let backing = self.ceiling.checked_mul(balances.1);
        self.ceiling_near = backing.is_none_or(|backing| reach > backing);
        if most == 0 || !self.keeps(balances, points, 1)? {
            return Ok(0);
        }
        // Gallop from the last run's length, then bisect between a length that keeps and one that
        // does not.
        let (mut kept, mut broken) = (1, None);
        let first = self.run.clamp(1, most);
        if first > 1 {
            if self.keeps(balances, points, first)? {
                kept = first;
            } else {
                broken = Some(first);
            }
        }
        while broken.is_none() && kept < most {
            let next = kept.saturating_mul(2).min(most);
            if self.keeps(balances, points, next)? {
                kept = next;
            } else {
                broken = Some(next);
            }
        }
        while let Some(bad) = broken.filter(|bad| bad - kept > 1) {
            let middle = kept + (bad - kept) / 2;
            if self.keeps(balances, points, middle)? {
                kept = middle;
            } else {
                broken = Some(middle);
            }
        }
        Ok(kept)
    }

    /// Whether order `k` of a run still mints `points` and leaves the pool within the ceiling.
    fn keeps(&mut self, balances: (Decimal, Decimal), points: Decimal, k: u64) -> Result<bool> {
        let (Some(before), Some(after)) =
            (self.after(balances, points, k - 1), self.after(balances, points, k))
        else {
            return Ok(false);
        };
        if self.ceiling_near && self.rules.settle(after.0, after.1, self.ceiling)?.reserved > Decimal::ZERO {
            return Ok(false);
        }
        Ok(self.mint(before)? == points)
    }

    /// The balances after `k` orders of `points` each, `None` past a limit.
    fn after(
        &self,
        (pool_cny, supply): (Decimal, Decimal),
        points: Decimal,
        k: u64,
    ) -> Option<(Decimal, Decimal)> {
        let k = Decimal::from(k);
        let pool_cny = sum(pool_cny, product(k, self.values.0).ok()?, "pool").ok()?;
        let supply = sum(supply, product(k, points).ok()?, "supply").ok()?;
        Some((pool_cny, supply))
    }

    /// How many orders fit under the limits of 10^15 (a run stops before a limit; the order that
    /// passes it is refused as the pool would refuse it).
    fn within_limits(&self, (pool_cny, supply): (Decimal, Decimal), points: Decimal) -> u64 {
        let fit = |room: Decimal, each: Decimal| -> u64 {
            let count = difference(MAX_QUANTITY, room).ok().and_then(|left| left.checked_div(each));
            count.and_then(|count| count.floor().to_u64()).unwrap_or(0)
        };
        fit(pool_cny, self.values.0).min(fit(supply, points))
    }
}
