#![cfg(not(target_arch = "wasm32"))]
//! SPEC §7's Monte Carlo: seeded, banded, and with no variance exactly the projection.

mod common;
use common::j;

use points_pool::json::ToJson;
use points_pool::monte_carlo::{monte_carlo, MonteCarloOptions};
use points_pool::pool::parse_amount;
use points_pool::projection::{project_closed_form, Scenario};
use points_pool::Pool;
use serde_json::json;

fn seed_pool() -> Pool {
    let mut pool = Pool::default();
    for n in 1..=100 {
        pool.purchase(&format!("m{n}"), parse_amount("100").unwrap()).unwrap();
    }
    pool
}

fn scenario() -> Scenario {
    Scenario::from_json(&j(&json!({
        "days": 60, "ordersPerDay": 50, "averageOrder": "100", "orderGrowth": "0.01",
        "withdrawRate": "0.02", "points": "21", "spent": "100"
    })))
    .unwrap()
}

fn options(value: serde_json::Value) -> MonteCarloOptions {
    MonteCarloOptions::from_json(&j(&value), 60).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_numbers_and_another_seed_others() {
    let pool = seed_pool();
    let first = monte_carlo(&pool, &scenario(), &options(json!({"runs": 200, "seed": 42}))).unwrap();
    let again = monte_carlo(&pool, &scenario(), &options(json!({"runs": 200, "seed": 42}))).unwrap();
    let other = monte_carlo(&pool, &scenario(), &options(json!({"runs": 200, "seed": 43}))).unwrap();
    assert_eq!(first.to_json(), again.to_json());
    assert_ne!(first.to_json(), other.to_json());
}

#[test]
fn bands_are_ordered_and_spread_out() {
    let result = monte_carlo(&seed_pool(), &scenario(), &options(json!({"runs": 500, "seed": 7}))).unwrap();
    assert_eq!(result.days.len(), 61);
    for day in &result.days {
        for band in [day.price, day.value, day.cash_out_value] {
            assert!(band.p10 <= band.p50 && band.p50 <= band.p90, "day {}: {band:?}", day.day);
        }
    }
    let last = result.days[60].price;
    assert!(last.p90 > last.p10, "random runs spread: {last:?}");
    let share = result.reaches_spent.unwrap();
    assert!((0.0..=1.0).contains(&share));
    println!("60 days, 500 runs: price p10 {:.4} p50 {:.4} p90 {:.4}; cash-out reached the ¥100 spent in {:.0}% of runs", last.p10, last.p50, last.p90, share * 100.0);
}

#[test]
fn with_no_variance_every_run_is_the_projection() {
    let pool = seed_pool();
    let quiet = json!({"runs": 3, "seed": 1, "orderSizeCv": "0", "withdrawCv": "0", "randomCounts": false});
    let result = monte_carlo(&pool, &scenario(), &options(quiet)).unwrap();
    let projection = project_closed_form(&pool, &scenario()).unwrap().days;
    for (band, row) in result.days.iter().zip(&projection).skip(1) {
        let price = row.price.to_string().parse::<f64>().unwrap();
        assert!(band.price.p10 == band.price.p90, "no spread without variance");
        assert!(
            ((band.price.p50 - price) / price).abs() < 1e-11,
            "day {}: {} vs {price}",
            row.day,
            band.price.p50
        );
    }
}

#[test]
fn limits_are_refused_as_invalid_scenarios() {
    for (value, days) in [
        (json!({"runs": 0, "seed": 1}), 10),
        (json!({"runs": 10_001, "seed": 1}), 10),
        (json!({"runs": 10_000, "seed": 1}), 365),
        (json!({"runs": 10, "seed": -1}), 10),
        (json!({"runs": 10, "seed": 1, "orderSizeCv": 0.5}), 10),
        (json!({"runs": 10, "seed": 1, "spread": "1"}), 10),
    ] {
        let error = MonteCarloOptions::from_json(&j(&value), days).unwrap_err();
        assert_eq!(error.code(), "invalid_scenario", "{value}");
    }
}
