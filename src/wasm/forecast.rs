//! Forecasts at the door (docs/model.md §7): projections and Monte Carlo bands from a
//! snapshot or a bare pool state. Estimates under a stated scenario, never promises.

use wasm_bindgen::prelude::*;

use super::args::pool_arg;
use super::convert::{from_js, refused, to_js};
use super::guard;
use crate::error::PoolError;
use crate::forecast;
use crate::wire::{Input, MonteCarloDoc, OptionsDoc, ProjectionDoc, ScenarioDoc};

/// Projects a scenario from a snapshot or a bare state (docs/model.md §7). An estimate
/// under the stated scenario, never a promise.
#[wasm_bindgen(unchecked_return_type = "Projection")]
pub fn project(
    #[wasm_bindgen(js_name = "stateOrSnapshot", unchecked_param_type = "Snapshot | PoolStateInput | string")]
    state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
) -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    let (pool, scenario) = (pool_arg(&state).map_err(refused)?, scenario_arg(&scenario).map_err(refused)?);
    to_js(&ProjectionDoc::from(&forecast::project(&pool, &scenario).map_err(refused)?))
}

/// Seeded Monte Carlo around a scenario (docs/model.md §7): p10/p50/p90 bands a day. The
/// same seed gives the same numbers here and natively.
#[wasm_bindgen(js_name = monteCarlo, unchecked_return_type = "MonteCarlo")]
pub fn monte_carlo(
    #[wasm_bindgen(js_name = "stateOrSnapshot", unchecked_param_type = "Snapshot | PoolStateInput | string")]
    state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MonteCarloOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let _busy = guard::enter()?;
    let (pool, scenario) = (pool_arg(&state).map_err(refused)?, scenario_arg(&scenario).map_err(refused)?);
    let options = from_js::<OptionsDoc>(&options, Input::Options)
        .and_then(|options| options.into_options(scenario.days))
        .map_err(refused)?;
    let result = forecast::monte_carlo(&pool, &scenario, &options).map_err(refused)?;
    to_js(&MonteCarloDoc::from(&result))
}

fn scenario_arg(scenario: &JsValue) -> Result<crate::forecast::Scenario, PoolError> {
    from_js::<ScenarioDoc>(scenario, Input::Scenario)?.into_scenario()
}
