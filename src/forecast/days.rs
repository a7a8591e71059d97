//! A projection's rows (docs/model.md §7): the day's balances and what the member's points
//! are worth and would pay, computed from the balances by the model's rules and put under
//! the exit cap. Both projection methods (`exact`, `closed_form`) fill these rows.

use rust_decimal::Decimal;

use crate::decimal::difference;
use crate::error::Result;
use crate::forecast::scenario::Scenario;
use crate::model::rules::Holder;
use crate::model::Pool;

/// One day of a projection; day 0 is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectionDay {
    pub day: u32,
    pub price: Decimal,
    pub pool: Decimal,
    pub supply: Decimal,
    /// `points × price`: what the points are worth, not what they pay.
    pub value: Decimal,
    /// What cashing out every point that day would pay: after the cut, and under the cap.
    pub cash_out_value: Decimal,
    /// What the cap would still allow after that cash-out; `None` without a cap or spending.
    pub cap_left: Option<Decimal>,
    /// The part of that day's cash-out the cap would not pay.
    pub forfeited: Decimal,
}

impl ProjectionDay {
    /// A row before the cap is applied (`settle` applies it).
    pub(crate) fn uncapped(
        day: u32,
        price: Decimal,
        pool: Decimal,
        supply: Decimal,
        value: Decimal,
        cash_out_value: Decimal,
    ) -> Self {
        ProjectionDay {
            day,
            price,
            pool,
            supply,
            value,
            cash_out_value,
            cap_left: None,
            forfeited: Decimal::ZERO,
        }
    }
}

/// A projection: a row for now and one for each day of the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    pub days: Vec<ProjectionDay>,
    /// How the rows were computed, for the reader of the numbers.
    pub method: Method,
    /// The first day on which what was received plus a cash-out covers what was spent;
    /// `None` when no day in the scenario does (or spending is unknown).
    pub break_even_day: Option<u32>,
    /// The first day on which a cash-out reaches the cap (the member would exit).
    pub exit_day: Option<u32>,
    /// The one-day withdrawal wave the scenario used (after a stress preset), if any.
    pub wave_withdraw_rate: Option<Decimal>,
}

/// How a projection was computed, for the reader of the numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// One closed-form step per day of equal orders, within 1e-9 relative of the per-order simulation.
    ClosedForm,
    /// Every order minted one after another with the engine's own arithmetic.
    PerOrder,
}

/// The exact row of `day` from balances: the price, and the member's value and cash-out by the
/// rules (the cash-out under the burned points' share, not yet under the cap: `settle` applies
/// the cap to every row alike).
pub(crate) fn day_row(
    pool: &Pool,
    scenario: &Scenario,
    day: u32,
    pool_cny: Decimal,
    supply: Decimal,
) -> Result<ProjectionDay> {
    let rules = pool.rules();
    let basis = rules.balances(pool_cny, supply)?;
    let points = scenario.points;
    let value = rules.gross(points, basis)?;
    let cash_out = rules.cash_out(rules.config().payout_rate, points, &Holder::uncapped(points), basis)?;
    Ok(ProjectionDay::uncapped(day, basis.price(), pool_cny, supply, value, cash_out.payout))
}

/// Applies the exit cap to every row (model::cap, the rule's one home) and finds the days
/// the member breaks even and would exit.
pub(crate) fn settle(
    pool: &Pool,
    scenario: &Scenario,
    days: &mut [ProjectionDay],
) -> Result<(Option<u32>, Option<u32>)> {
    let rules = pool.rules();
    let received = scenario.received.unwrap_or_default();
    let cap_left = match scenario.spent {
        Some(spent) => rules.cap_left(spent, received)?,
        None => None,
    };
    let rest = scenario.spent.map(|spent| difference(spent, received)).transpose()?;
    let (mut break_even_day, mut exit_day) = (None, None);
    for row in days.iter_mut() {
        let uncapped = row.cash_out_value;
        let (paid, exits) = rules.apply_cap(uncapped, cap_left);
        row.cash_out_value = paid;
        row.forfeited = if paid < uncapped { difference(uncapped, paid)? } else { Decimal::ZERO };
        row.cap_left = cap_left.map(|left| difference(left, paid)).transpose()?;
        if exits && !scenario.points.is_zero() {
            exit_day = exit_day.or(Some(row.day));
        }
        if rest.is_some_and(|rest| paid >= rest) {
            break_even_day = break_even_day.or(Some(row.day));
        }
    }
    Ok((break_even_day, exit_day))
}
