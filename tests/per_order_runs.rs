#![cfg(not(target_arch = "wasm32"))]
//! The per-order projection of a rounded pool applies runs of equal orders at once
//! (src/forecast/exact.rs): it must give exactly what minting every order one after another
//! gives, day by day, under every rounding; and its work is bounded (`maxProjectionSteps`).

mod common;
use common::{config, d, scenario};

use points_pool::forecast::exact::{project_exact, project_per_order};
use points_pool::forecast::{project, Method, Scenario};
use points_pool::model::exact_ratio::product_rounded;
use points_pool::model::rules::Holder;
use points_pool::Pool;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

/// Every order minted one after another, as the pool mints them, then the day's cash-outs: the
/// plainest reading of docs/model.md §7 (the day's rows compared by price, pool and supply).
fn one_by_one(pool: &Pool, scenario: &Scenario) -> Vec<(Decimal, Decimal, Decimal)> {
    let (config, rules) = (pool.config(), pool.rules());
    let contribution = rules.contribution(scenario.average_order_cny).unwrap();
    let grant = rules.grant_value(contribution).unwrap();
    let (mut pool_cny, mut supply) = (pool.state().pool, pool.state().supply);
    let mut rows = vec![(pool.price(), pool_cny, supply)];
    for day in 1..=scenario.days {
        for _ in 0..scenario.orders_on(day).unwrap() {
            let points = rules.mint(contribution, grant, rules.balances(pool_cny, supply).unwrap()).unwrap();
            assert!(!points.is_zero());
            let settled = rules.settle(pool_cny + contribution, supply + points, pool.ceiling()).unwrap();
            (pool_cny, supply) = (settled.pool, settled.supply);
        }
        let others = (supply - scenario.points).max(Decimal::ZERO);
        let rule = config.rounding_or_exact().points;
        let cashed = product_rounded(rule, scenario.withdraw_rate_on(day), others, "points").unwrap();
        if !cashed.is_zero() {
            let basis = rules.balances(pool_cny, supply).unwrap();
            let paid =
                rules.cash_out(config.payout_rate, cashed, &Holder::uncapped(cashed), basis).unwrap().payout;
            // A cash-out that pays nothing is refused (model.md §5): nothing burns.
            if !paid.is_zero() {
                let settled = rules.settle(pool_cny - paid, supply - cashed, pool.ceiling()).unwrap();
                (pool_cny, supply) = (settled.pool, settled.supply);
            }
        }
        rows.push((rules.price(pool_cny, supply).unwrap(), pool_cny, supply));
    }
    rows
}

fn rule() -> impl Strategy<Value = serde_json::Value> {
    (0u32..=6, prop_oneof!["down", "halfUp", "halfEven"])
        .prop_map(|(scale, mode)| json!({"scale": scale, "mode": mode}))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn runs_of_orders_give_what_one_by_one_gives(
        money in proptest::option::of(rule()),
        points in proptest::option::of(rule()),
        price in proptest::option::of(rule()),
        grant in prop_oneof![Just("0.7"), Just("1"), Just("0.05")],
        orders in 0u32..400,
        average in prop_oneof![Just("100"), Just("3"), Just("25000")],
        withdraw in prop_oneof![Just("0"), Just("0.05"), Just("1")],
        seed_orders in 1u32..5,
    ) {
        let value = json!({"grantRate": grant, "rounding": {"money": money, "points": points, "price": price}});
        let Ok(config) = config(value) else { return Ok(()) };
        let mut pool = Pool::new(config);
        for n in 0..seed_orders {
            let _ = pool.purchase(&format!("m{n}"), d("100"));
        }
        let scenario = scenario(json!({"days": 4, "ordersPerDay": orders, "averageOrder": average,
            "withdrawRate": withdraw, "points": "0"})).unwrap();
        let Ok(runs) = project_exact(&pool, &scenario) else { return Ok(()) };
        let rows: Vec<_> = runs.iter().map(|row| (row.price, row.pool, row.supply)).collect();
        prop_assert_eq!(rows, one_by_one(&pool, &scenario));
    }
}

#[test]
fn a_rounded_pool_projects_ten_million_orders_a_day_within_its_steps() {
    // Issue 21: `project(rounded, {days: 3650, ordersPerDay: 10^7})` ran about three hours.
    let rounding =
        json!({"rounding": {"price": {"scale": 2, "mode": "down"}, "points": {"scale": 2, "mode": "down"}}});
    let mut pool = Pool::new(config(rounding).unwrap());
    pool.purchase("A", d("100")).unwrap();
    let year =
        scenario(json!({"days": 3650, "ordersPerDay": 10_000_000, "averageOrder": "1000", "points": "21"}))
            .unwrap();
    let started = std::time::Instant::now();
    let projection = project(&pool, &year).unwrap();
    println!("3650 days x 10^7 orders, rounded: {:?}", started.elapsed());
    assert_eq!(projection.method, Method::PerOrder);
    assert_eq!(projection.days[3650].pool, pool.state().pool + d("300") * d("36500000000"));
    // At ¥100 the price passes what one order's grant buys (0.01 points) within the ten years:
    // the pool would refuse those orders, and the projection says so.
    let small = scenario(json!({"days": 3650, "ordersPerDay": 10_000_000, "averageOrder": "100"})).unwrap();
    let error = project(&pool, &small).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_scenario", Some("averageOrder")));
    // Pools whose points change with every order are refused past the steps, not worked on for hours.
    let money_only = json!({"rounding": {"money": {"scale": 2, "mode": "down"}}});
    let pool = Pool::new(config(money_only).unwrap());
    let error = project_per_order(&pool, &year, 10_000).unwrap_err();
    assert_eq!((error.code(), error.field()), ("limit_exceeded", Some("maxProjectionSteps")));
}
