#![cfg(not(target_arch = "wasm32"))]
//! docs/model.md §3: what a member's view says about break-even and the exit cap, counting
//! what the member already received, with the cut and the forfeit of a cash-out now.

mod common;
use common::{d, pool_with};

use points_pool::model::{BreakEven, CapStatus};
use points_pool::Pool;
use rust_decimal::Decimal;
use serde_json::json;

/// The demo shop: 100 orders of ¥100.
fn shop() -> Pool {
    let mut pool = Pool::default();
    for n in 1..=100 {
        pool.purchase(&format!("m{n}"), d("100")).unwrap();
    }
    pool
}

#[test]
fn break_even_counts_what_was_received() {
    let pool = shop();
    // 21 points, spent 100 and received 90: the last 10 are covered by a cash-out now.
    let ahead = pool.holding(d("21"), Some(d("100")), d("90")).unwrap();
    assert!(ahead.cash_out_value >= d("10"), "{}", ahead.cash_out_value);
    assert_eq!(ahead.break_even, BreakEven::CashOutNow);
    let paid_back = pool.holding(d("21"), Some(d("100")), d("100")).unwrap();
    assert_eq!(paid_back.break_even, BreakEven::Received);
    // Received nothing yet: the price must rise, by exactly the missing factor.
    let waiting = pool.holding(d("21"), Some(d("100")), d("0")).unwrap();
    let BreakEven::Rise(multiple) = waiting.break_even else { panic!("{:?}", waiting.break_even) };
    assert!(multiple > Decimal::ONE);
    let uncapped = (waiting.value * d("0.8")).round_dp(13);
    assert!((multiple * uncapped - d("100")).abs() < d("0.000001"), "{multiple} × {uncapped}");
    assert_eq!(pool.holding(d("0"), Some(d("100")), d("0")).unwrap().break_even, BreakEven::Never);
    assert_eq!(pool.holding(d("21"), None, d("0")).unwrap().break_even, BreakEven::Unknown);
}

#[test]
fn the_cap_status_says_none_unknown_rise_or_at_cap() {
    let pool = shop();
    assert_eq!(pool.holding(d("21"), None, d("0")).unwrap().cap, CapStatus::Unknown, "the pool has a cap");
    let mut uncapped = pool_with(json!({"exitMultiple": null}));
    uncapped.purchase("a", d("100")).unwrap();
    assert_eq!(uncapped.holding(d("21"), Some(d("100")), d("0")).unwrap().cap, CapStatus::NoCap);
    let far = pool.holding(d("21"), Some(d("100")), d("0")).unwrap();
    let CapStatus::Rise(multiple) = far.cap else { panic!("{:?}", far.cap) };
    assert!(multiple > Decimal::ONE);
    assert_eq!((far.forfeited_now, far.cap_left), (Decimal::ZERO, Some(d("200"))));
    // Spent 10 and holding 21 points worth far more than the ¥20 cap.
    let capped = pool.holding(d("21"), Some(d("10")), d("0")).unwrap();
    assert_eq!((capped.cap, capped.cash_out_value), (CapStatus::AtCap, d("20")));
    assert!(capped.forfeited_now > Decimal::ZERO);
    assert_eq!(
        capped.cut_now + capped.forfeited_now + capped.cash_out_value,
        capped.value,
        "every yuan of value accounted"
    );
    assert_eq!(pool.holding(d("0"), Some(d("10")), d("20")).unwrap().cap, CapStatus::AtCap, "nothing left");
    assert_eq!(pool.holding(d("0"), Some(d("10")), d("5")).unwrap().cap, CapStatus::Never);
}

#[test]
fn received_above_the_cap_is_refused() {
    let pool = shop();
    let error = pool.holding(d("1"), Some(d("100")), d("200.01")).unwrap_err();
    assert_eq!((error.code(), error.field()), ("received_above_cap", Some("received")));
    assert!(pool.holding(d("1"), Some(d("100")), d("200")).is_ok(), "exactly the cap is possible");
    let uncapped = pool_with(json!({"exitMultiple": null}));
    assert!(uncapped.holding(d("0"), Some(d("100")), d("1000")).is_ok(), "no cap, no limit");
}

#[test]
fn a_cash_out_receipt_splits_what_stays_into_cut_and_forfeit() {
    let mut pool = shop();
    let small = pool.withdraw("m1", d("1")).unwrap();
    assert_eq!((small.cut, small.forfeited), (small.retained, Decimal::ZERO));
    assert_eq!(small.cut, small.gross - small.payout);
    // A member capped at ¥1: the exit pays what is left and forfeits every other point.
    let mut capped = pool_with(json!({"exitMultiple": "1", "poolRate": "1", "grantRate": "0.3"}));
    capped.purchase("early", d("1")).unwrap();
    for n in 0..50 {
        capped.purchase(&format!("later{n}"), d("100")).unwrap();
    }
    let exit = capped.withdraw("early", d("0.1")).unwrap();
    assert!(exit.exited);
    assert_eq!(exit.payout, d("1"));
    assert!(exit.forfeited > Decimal::ZERO);
    assert_eq!(exit.cut + exit.forfeited, exit.retained);
    assert_eq!(exit.cut, exit.gross - (exit.gross * d("0.8")).round_dp(13));
}

#[test]
fn below_the_cap_nothing_is_called_forfeited() {
    // A price rounded up past P/S: the points' share of the pool limits the cash-out, with no cap.
    let snapshot = json!({
        "format": "points-pool/1",
        "config": {"payoutRate": "1", "exitMultiple": null, "rounding": {"price": {"scale": 2, "mode": "halfUp"}}},
        "pool": "200", "supply": "30", "orders": 1,
        "totals": {"contributed": "200", "paidOut": "0", "redeemed": "0"},
        "members": {"a": {"points": "30", "spent": "700", "received": "0", "exited": false}}
    });
    let pool = common::load(&snapshot.to_string()).unwrap();
    let view = pool.member("a").unwrap();
    assert_eq!(
        (view.cash_out_value, view.forfeited_now, view.cap),
        (d("200"), Decimal::ZERO, CapStatus::NoCap)
    );
    assert_eq!(view.cut_now + view.cash_out_value, view.value);
}
