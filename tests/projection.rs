#![cfg(not(target_arch = "wasm32"))]
//! docs/model.md §7 scenarios through the exact per-order simulation, and the holder's view
//! a member's calculator shows.

mod common;
use common::d;

use points_pool::decimal::parse_amount;
use points_pool::forecast::{project, Method, Scenario};
use points_pool::{wire, Pool};
use rust_decimal::Decimal;
use serde_json::json;

fn seed_pool() -> Pool {
    let mut pool = Pool::default();
    for n in 1..=100 {
        pool.purchase(&format!("m{n}"), parse_amount("100").unwrap()).unwrap();
    }
    pool
}

fn scenario(value: serde_json::Value) -> Scenario {
    common::scenario(value).unwrap()
}

#[test]
fn day_zero_is_now_and_orders_raise_the_price() {
    let pool = seed_pool();
    let rows = project(
        &pool,
        &scenario(json!({"days": 30, "ordersPerDay": 10, "averageOrder": "100", "points": "21"})),
    )
    .unwrap()
    .days;
    assert_eq!(rows.len(), 31);
    assert_eq!((rows[0].day, rows[0].price), (0, pool.price()));
    assert_eq!(rows[0].value, pool.member("m1").unwrap().value);
    assert!(rows.windows(2).all(|w| w[1].price > w[0].price), "price rises every day with orders");
    // Ten orders a day for 30 days are the 101st to 400th orders of the seed's pool.
    let mut by_hand = seed_pool();
    for n in 101..=400 {
        by_hand.purchase(&format!("m{n}"), parse_amount("100").unwrap()).unwrap();
    }
    assert!(close(rows[30].price, by_hand.price()), "{} vs {}", rows[30].price, by_hand.price());
    assert!(close(rows[30].supply, by_hand.state().supply));
}

/// Within the 1e-9 relative a closed-form projection promises.
fn close(a: Decimal, b: Decimal) -> bool {
    let gap = (a - b).abs();
    gap <= b.abs() * Decimal::new(1, 9)
}

#[test]
fn orders_stop_and_a_withdrawal_wave_are_shown() {
    let pool = seed_pool();
    let stopped = project(
        &pool,
        &scenario(json!({"days": 10, "ordersPerDay": 0, "averageOrder": "100", "points": "21"})),
    )
    .unwrap()
    .days;
    assert!(stopped.iter().all(|row| close(row.value, stopped[0].value)), "no orders, no gain");
    let wave = scenario(json!({"days": 10, "ordersPerDay": 0, "averageOrder": "100", "points": "21",
                               "withdrawRate": "0", "waveWithdrawRate": "0.5"}));
    let rows = project(&pool, &wave).unwrap().days;
    assert!(rows[1].supply < rows[0].supply, "half the others' points are cashed out on day 1");
    assert!(rows[1].price > rows[0].price, "their 20% stays behind");
    assert_eq!(rows[2].supply, rows[1].supply, "the wave is one day");
}

#[test]
fn the_cap_cuts_the_projected_cash_out_and_marks_the_exit() {
    let pool = seed_pool();
    let stated = scenario(json!({"days": 365, "ordersPerDay": 100, "averageOrder": "100", "points": "21",
                                  "spent": "100", "received": "0"}));
    let projection = project(&pool, &stated).unwrap();
    let cap = d("200");
    let exit = projection.exit_day.expect("a year of orders takes this member to the cap");
    for row in &projection.days {
        assert!(row.cash_out_value <= cap, "day {}: {} pays more than the cap", row.day, row.cash_out_value);
        assert_eq!(row.cap_left, Some(cap - row.cash_out_value), "day {}", row.day);
        let uncapped = row.value * d("0.8");
        if row.day >= exit {
            assert_eq!((row.cash_out_value, row.cap_left), (cap, Some(Decimal::ZERO)), "day {}", row.day);
            assert!(
                close(row.forfeited, uncapped - cap),
                "day {}: forfeits what lies above the cap",
                row.day
            );
        } else {
            assert_eq!(row.forfeited, Decimal::ZERO, "day {}", row.day);
            assert!(row.cash_out_value < cap);
        }
    }
    assert!(projection.days[365].value > d("400"), "the points are worth far more than the cap pays");
    let break_even = projection.break_even_day.expect("the member breaks even before the exit");
    assert!(break_even < exit);
    assert!(projection.days[break_even as usize].cash_out_value >= d("100"));
    assert!(projection.days[break_even as usize - 1].cash_out_value < d("100"));
    // What was received counts: having received 90 of 100, the member is even at once.
    let ahead = scenario(json!({"days": 5, "ordersPerDay": 0, "averageOrder": "100", "points": "21",
                                "spent": "100", "received": "90"}));
    assert_eq!(project(&pool, &ahead).unwrap().break_even_day, Some(0));
    // Without spending there is no cap to apply and no day to find.
    let unknown = scenario(json!({"days": 5, "ordersPerDay": 100, "averageOrder": "100", "points": "21"}));
    let projection = project(&pool, &unknown).unwrap();
    assert_eq!((projection.break_even_day, projection.exit_day), (None, None));
    assert!(projection.days.iter().all(|row| row.cap_left.is_none()));
}

#[test]
fn a_projection_says_which_wave_it_used() {
    let pool = seed_pool();
    let base = json!({"days": 5, "ordersPerDay": 10, "averageOrder": "100", "points": "21"});
    assert_eq!(project(&pool, &scenario(base.clone())).unwrap().wave_withdraw_rate, None);
    let mut stressed = base.clone();
    stressed["stress"] = json!("withdrawalWave");
    assert_eq!(project(&pool, &scenario(stressed.clone())).unwrap().wave_withdraw_rate, Some(d("0.3")));
    stressed["waveWithdrawRate"] = json!("0.5");
    assert_eq!(
        project(&pool, &scenario(stressed)).unwrap().wave_withdraw_rate,
        Some(d("0.5")),
        "a higher stated wave stays"
    );
}

#[test]
fn tiny_prices_keep_their_digits_at_any_scale() {
    let pool = common::pool_with(json!({"initialPrice": "0.000001"}));
    let flat = scenario(json!({"days": 2, "ordersPerDay": 0, "averageOrder": "100"}));
    let days = project(&pool, &flat).unwrap().days;
    assert!(days.iter().all(|row| row.price == d("0.000001")), "{days:?}");
}

mod closed_form_against_the_exact_simulation {
    use super::*;
    use points_pool::forecast::exact::project_exact;
    use proptest::prelude::*;

    fn relative_gap(closed: Decimal, exact: Decimal) -> f64 {
        let (a, b) = (closed.to_string().parse::<f64>().unwrap(), exact.to_string().parse::<f64>().unwrap());
        if b == 0.0 {
            a.abs()
        } else {
            ((a - b) / b).abs()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn agrees_to_1e_9_relative(
            buyers in 0u32..40,
            days in 1u32..40,
            orders_per_day in 0u32..400,
            average_cents in 100u32..500_000,
            growth_permille in -50i32..50,
            withdraw_permille in 0u32..100,
            wave in proptest::option::of(0u32..1000),
            points_cents in 0u32..5_000,
        ) {
            let mut pool = Pool::default();
            for n in 0..buyers {
                pool.purchase(&format!("m{n}"), Decimal::from(10 + n * 37)).unwrap();
            }
            let mut scenario = json!({
                "days": days, "ordersPerDay": orders_per_day,
                "averageOrder": Decimal::new(i64::from(average_cents), 2).to_string(),
                "orderGrowth": Decimal::new(i64::from(growth_permille), 3).to_string(),
                "withdrawRate": Decimal::new(i64::from(withdraw_permille), 3).to_string(),
                "points": Decimal::new(i64::from(points_cents), 2).min(pool.state().supply).to_string(),
                "spent": "100",
            });
            if let Some(wave) = wave {
                scenario["waveWithdrawRate"] = json!(Decimal::new(i64::from(wave), 3).to_string());
            }
            let scenario = common::scenario(scenario).unwrap();
            let closed = project(&pool, &scenario).unwrap();
            prop_assert_eq!(closed.method, Method::ClosedForm);
            let exact = project_exact(&pool, &scenario).unwrap();
            for (c, e) in closed.days.iter().zip(&exact) {
                for (what, a, b) in [("price", c.price, e.price), ("pool", c.pool, e.pool), ("supply", c.supply, e.supply), ("value", c.value, e.value)] {
                    let gap = relative_gap(a, b);
                    prop_assert!(gap <= 1e-9, "day {} {}: closed {} exact {} gap {:e}", c.day, what, a, b, gap);
                }
            }
        }
    }

    #[test]
    fn a_year_at_ten_thousand_orders_a_day() {
        let pool = seed_pool();
        let scenario = scenario(
            json!({"days": 365, "ordersPerDay": 10_000, "averageOrder": "100", "points": "21", "withdrawRate": "0.01"}),
        );
        let closed = project(&pool, &scenario).unwrap().days;
        let exact = project_exact(&pool, &scenario).unwrap();
        let worst =
            closed.iter().zip(&exact).map(|(c, e)| relative_gap(c.price, e.price)).fold(0.0, f64::max);
        println!("365 days × 10,000 orders: worst price gap {worst:e}");
        assert!(worst <= 1e-9, "{worst:e}");
    }

    #[test]
    fn rounded_pools_project_order_by_order() {
        let config = json!({"rounding": {"points": {"scale": 2, "mode": "down"}}});
        let mut pool = common::pool_with(config);
        pool.purchase("A", Decimal::from(100)).unwrap();
        let scenario = scenario(json!({"days": 3, "ordersPerDay": 5, "averageOrder": "100"}));
        let projection = project(&pool, &scenario).unwrap();
        assert_eq!(projection.method, Method::PerOrder);
        assert_eq!(projection.days, project_exact(&pool, &scenario).unwrap());
    }
}

#[test]
fn stress_presets_change_one_thing_each() {
    let base = json!({"days": 60, "ordersPerDay": 50, "averageOrder": "100", "orderGrowth": "0.01",
        "withdrawRate": "0.01", "points": "21", "spent": "100"});
    let stated = scenario(base.clone());
    let stressed = |name: &str| {
        let mut value = base.clone();
        value["stress"] = json!(name);
        scenario(value)
    };
    assert_eq!(stressed("ordersStop"), Scenario { orders_per_day: Decimal::ZERO, ..stated.clone() });
    assert_eq!(
        stressed("withdrawalWave"),
        Scenario { wave_withdraw_rate: Some(d("0.30")), ..stated.clone() }
    );
    assert_eq!(stressed("growthHalves"), Scenario { order_growth: d("0.005"), ..stated.clone() });
    assert_eq!(stressed("negativeGrowth"), Scenario { order_growth: d("-0.02"), ..stated.clone() });
    let mut unknown = base.clone();
    unknown["stress"] = json!("ordersHalve");
    let error = common::scenario(unknown).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_scenario", Some("stress")));

    // Fewer orders leave the member with less after 60 days than the stated scenario.
    let pool = seed_pool();
    let last = |s: &Scenario| project(&pool, s).unwrap().days[60].value;
    for name in ["ordersStop", "growthHalves", "negativeGrowth"] {
        assert!(last(&stressed(name)) < last(&stated), "{name} is a stress");
    }
    // A wave drains the pool (a point's price still rises: 20% of each cash-out stays).
    let (wave, calm) =
        (project(&pool, &stressed("withdrawalWave")).unwrap(), project(&pool, &stated).unwrap());
    assert!(
        wave.days[1].pool < calm.days[1].pool * d("0.8"),
        "{} vs {}",
        wave.days[1].pool,
        calm.days[1].pool
    );
    assert!(wave.days[1].price >= calm.days[1].price);
    // With no orders the price never rises; only cash-outs' 20% cut lifts it.
    let flat = project(
        &pool,
        &scenario(json!({"days": 5, "ordersPerDay": 0, "averageOrder": "100",
        "stress": "ordersStop"})),
    )
    .unwrap();
    assert!(flat.days.iter().all(|row| row.price == pool.price()), "{:?} vs {}", flat.days, pool.price());
}

#[test]
fn a_bare_pool_state_projects_like_its_public_snapshot() {
    let pool = seed_pool();
    let stated = scenario(json!({"days": 30, "ordersPerDay": 10, "averageOrder": "100", "points": "21"}));
    let from_snapshot = wire::snapshot_from_text(&wire::public_snapshot_to_text(&pool)).unwrap();
    let state = wire::to_text(&wire::PoolStateDoc::from(&pool.state()));
    let from_state = wire::pool_from_state_or_snapshot_text(&state).unwrap();
    assert_eq!(project(&from_state, &stated).unwrap(), project(&from_snapshot, &stated).unwrap());
    // The member's element passes just the published pool and supply.
    let bare = wire::pool_from_state_or_snapshot(json!({"pool": "3000", "supply": "579.93"})).unwrap();
    assert_eq!(bare.state().pool, d("3000"));
    for bad in [json!({"pool": "3000"}), json!({"pool": "3000", "supply": "1", "colour": "red"}), json!([1])]
    {
        assert_eq!(
            wire::pool_from_state_or_snapshot(bad.clone()).unwrap_err().code(),
            "invalid_snapshot",
            "{bad}"
        );
    }
}
