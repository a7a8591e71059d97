//! Times the slowest work a projection or a population may do natively (bench/slowest.mjs times
//! it in WebAssembly): `cargo run --release --example work_probe`.
use std::time::Instant;

use points_pool::forecast::exact::project_per_order;
use points_pool::forecast::simulate_population;
use points_pool::limits::MAX_PROJECTION_STEPS;
use points_pool::wire::{config_from_value, population_options_from_value, scenario_from_value};
use points_pool::Pool;
use serde_json::json;

fn main() {
    let money_only = config_from_value(json!({"rounding": {"money": {"scale": 2, "mode": "down"}}})).unwrap();
    let year = scenario_from_value(json!({"days": 3650, "ordersPerDay": 10_000_000, "averageOrder": "100"}))
        .unwrap();
    let started = Instant::now();
    let outcome = project_per_order(&Pool::new(money_only), &year, MAX_PROJECTION_STEPS);
    println!("per-order projection to the step limit: {:?} ({:?})", started.elapsed(), outcome.err());
    let options = population_options_from_value(
        json!({"orders": 200_000, "days": 3650, "repeatShare": "0.2", "chance": "1", "seed": 1}),
    )
    .unwrap();
    let started = Instant::now();
    let population = simulate_population(config_from_value(json!({})).unwrap(), &options, |_| {}).unwrap();
    println!(
        "population 200,000 × 3650, chance 1: {:?} ({} cash-outs)",
        started.elapsed(),
        population.cash_outs
    );
}
