//! Projections (docs/model.md §7): what the pool and a member's points would be worth if
//! the future went as a scenario states. An estimate, never a promise. This module only
//! chooses: exact pools are projected with one closed-form step a day (`closed_form`);
//! rounded pools order by order with the engine's own arithmetic (`exact`), which is also
//! the reference the closed form is tested against. The rows and the cap are `days`'.

use crate::error::Result;
use crate::forecast::closed_form::closed_form_days;
use crate::forecast::days::{settle, Method, Projection};
use crate::forecast::exact::project_per_order;
use crate::forecast::scenario::Scenario;
use crate::limits::MAX_PROJECTION_STEPS;
use crate::model::Pool;

/// Projects `scenario` from the pool's state: in closed form for an exact pool, order by
/// order for a rounded one (whose per-order cuts a closed form would not follow).
pub fn project(pool: &Pool, scenario: &Scenario) -> Result<Projection> {
    let (mut days, method) = if pool.config().rounding.is_some() {
        (project_per_order(pool, scenario, MAX_PROJECTION_STEPS)?, Method::PerOrder)
    } else {
        (closed_form_days(pool, scenario)?, Method::ClosedForm)
    };
    let (break_even_day, exit_day) = settle(pool, scenario, &mut days)?;
    Ok(Projection { days, method, break_even_day, exit_day, wave_withdraw_rate: scenario.wave_withdraw_rate })
}
