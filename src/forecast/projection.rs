//! Projections (docs/model.md §7): what the pool and a member's points would be worth if
//! the future went as a scenario states. An estimate, never a promise. Exact pools are
//! projected with one closed-form step a day (`closed_form`); rounded pools order by order
//! with the engine's own arithmetic (`exact`), which is also the reference the closed form
//! is tested against.

use rust_decimal::Decimal;

use crate::decimal::{approximate, difference};
use crate::error::Result;
use crate::forecast::closed_form::closed_form_days;
use crate::forecast::closed_form::FloatPool;
use crate::forecast::exact::project_exact;
use crate::forecast::scenario::Scenario;
use crate::model::{cap, Pool};

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

/// The scenario's parameters in floating point.
pub(crate) struct FloatScenario {
    pub contribution: f64,
    pub grant: f64,
    pub initial_price: f64,
    pub payout_rate: f64,
    pub points: f64,
    pub cap_left: Option<f64>,
}

impl FloatScenario {
    pub(crate) fn new(pool: &Pool, scenario: &Scenario) -> Result<FloatScenario> {
        let config = pool.config();
        let (contribution, grant) = scenario.order_values(pool)?;
        let cap_left = match scenario.spent {
            Some(spent) => cap::cap_left(config, spent, scenario.received.unwrap_or_default())?,
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
        })
    }

    /// The member's value and cash-out value at the pool's price.
    pub(crate) fn position(&self, pool: &FloatPool) -> (f64, f64) {
        let value = self.points * pool.price(self.initial_price);
        (value, value * self.payout_rate)
    }
}

/// How a projection was computed, for the reader of the numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// One closed-form step per day of equal orders, within 1e-9 relative of the per-order simulation.
    ClosedForm,
    /// Every order minted one after another with the engine's own arithmetic.
    PerOrder,
}

impl Method {
    /// The name a projection reports.
    pub fn name(self) -> &'static str {
        match self {
            Method::ClosedForm => "closedForm",
            Method::PerOrder => "perOrder",
        }
    }
}

/// Projects `scenario` from the pool's state: in closed form for an exact pool, order by
/// order for a rounded one (whose per-order cuts a closed form would not follow).
pub fn project(pool: &Pool, scenario: &Scenario) -> Result<Projection> {
    let (mut days, method) = if pool.config().rounding.is_some() {
        (project_exact(pool, scenario)?, Method::PerOrder)
    } else {
        (closed_form_days(pool, scenario)?, Method::ClosedForm)
    };
    let (break_even_day, exit_day) = settle(pool, scenario, &mut days)?;
    Ok(Projection { days, method, break_even_day, exit_day, wave_withdraw_rate: scenario.wave_withdraw_rate })
}

/// Applies the exit cap to every row (model::cap, the rule's one home) and finds the days
/// the member breaks even and would exit.
fn settle(
    pool: &Pool,
    scenario: &Scenario,
    days: &mut [ProjectionDay],
) -> Result<(Option<u32>, Option<u32>)> {
    let config = pool.config();
    let received = scenario.received.unwrap_or_default();
    let cap_left = match scenario.spent {
        Some(spent) => cap::cap_left(config, spent, received)?,
        None => None,
    };
    let rest = scenario.spent.map(|spent| difference(spent, received)).transpose()?;
    let (mut break_even_day, mut exit_day) = (None, None);
    for row in days.iter_mut() {
        let uncapped = row.cash_out_value;
        let (paid, exits) = cap::apply(config, uncapped, cap_left);
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
