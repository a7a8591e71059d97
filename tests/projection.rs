#![cfg(not(target_arch = "wasm32"))]
//! SPEC §7 scenarios through the exact per-order simulation, and the holder's view
//! a member's calculator shows.

mod common;
use common::j;

use points_pool::pool::parse_amount;
use points_pool::projection::{project, Scenario};
use points_pool::Pool;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn seed_pool() -> Pool {
    let mut pool = Pool::default();
    for n in 1..=100 {
        pool.purchase(&format!("m{n}"), parse_amount("100").unwrap()).unwrap();
    }
    pool
}

fn scenario(value: serde_json::Value) -> Scenario {
    Scenario::from_json(&j(&value)).unwrap()
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
    assert_eq!(rows[30].price, by_hand.price());
    assert_eq!(rows[30].supply, by_hand.state().supply);
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
    assert!(stopped.iter().all(|row| row.value == stopped[0].value), "no orders, no gain");
    let wave = scenario(json!({"days": 10, "ordersPerDay": 0, "averageOrder": "100", "points": "21",
                               "withdrawRate": "0", "waveWithdrawRate": "0.5"}));
    let rows = project(&pool, &wave).unwrap().days;
    assert!(rows[1].supply < rows[0].supply, "half the others' points are cashed out on day 1");
    assert!(rows[1].price > rows[0].price, "their 20% stays behind");
    assert_eq!(rows[2].supply, rows[1].supply, "the wave is one day");
}

#[test]
fn the_cap_cuts_the_projected_cash_out() {
    let pool = seed_pool();
    let rows = project(
        &pool,
        &scenario(
            json!({"days": 5, "ordersPerDay": 1000, "averageOrder": "100", "points": "21", "spent": "10"}),
        ),
    )
    .unwrap()
    .days;
    assert!(rows.iter().all(|row| row.cash_out_value <= d("20")), "2 × 10 spent");
}

#[test]
fn a_holding_is_valued_like_a_member() {
    let pool = seed_pool();
    let member = pool.member("m1").unwrap();
    let holding = pool.holding(member.points, Some(member.spent), member.received).unwrap();
    assert_eq!(holding, member);
    let multiple = member.break_even_multiple.unwrap();
    assert!(multiple > Decimal::ONE, "a first buyer still needs the price to rise: {multiple}");
    assert_eq!(pool.holding(d("1000000"), None, d("0")).unwrap_err().code(), "insufficient_points");
    assert_eq!(pool.holding(d("1"), Some(d("-1")), d("0")).unwrap_err().code(), "amount_must_be_positive");
    let unknown_spending = pool.holding(d("21"), None, d("0")).unwrap();
    assert_eq!((unknown_spending.break_even_multiple, unknown_spending.cap_left), (None, None));
    assert_eq!(unknown_spending.cash_out_value, member.cash_out_value, "no cap without spending");
}
