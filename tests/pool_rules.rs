#![cfg(not(target_arch = "wasm32"))]
//! The rules of docs/model.md §3 case by case: cash-outs, goods, the exit cap, re-entry,
//! the residue, quotes; and the snapshot formats of §8.

mod common;
use common::{d, load, pool_with, snapshot_text};

use points_pool::{wire, Pool};
use rust_decimal::Decimal;
use serde_json::json;

#[test]
fn a_cash_out_pays_eighty_percent_and_leaves_twenty_in_the_pool() {
    let mut pool = Pool::default();
    pool.purchase("A", d("100")).unwrap();
    pool.purchase("B", d("100")).unwrap();
    let price = pool.price();
    let receipt = pool.withdraw("A", d("10")).unwrap();
    let expected_gross = d("16.8067226890756"); // 600 / 35.7, to 13 decimals toward zero
    assert_eq!(receipt.gross, expected_gross);
    assert_eq!(receipt.payout, d("13.4453781512604"));
    assert_eq!(receipt.retained, receipt.gross - receipt.payout);
    assert_eq!(receipt.burned, d("10"));
    assert!(!receipt.exited);
    assert!(receipt.price_after > price, "the 20% left behind raises the price");
    assert_eq!(pool.member("A").unwrap().received, receipt.payout);
    assert_eq!(pool.state().totals.paid_out, receipt.payout);
    pool.check_invariants().unwrap();
}

#[test]
fn goods_count_toward_the_cap_like_cash() {
    let mut pool = pool_with(json!({"redeemRate": "1"}));
    pool.purchase("A", d("100")).unwrap();
    let receipt = pool.redeem("A", d("1")).unwrap();
    assert_eq!(receipt.payout, receipt.gross, "goods are credited at 100%");
    assert_eq!(pool.state().totals.redeemed, receipt.payout);
    assert_eq!(pool.member("A").unwrap().received, receipt.payout);
}

#[test]
fn the_cap_pays_what_is_left_of_it_and_takes_every_point() {
    // Cap 1× so one early buyer reaches it quickly: A spends 100 and may receive 100.
    let mut pool =
        pool_with(json!({"exitMultiple": "1", "poolRate": "1", "grantRate": "0.5", "payoutRate": "1"}));
    pool.purchase("A", d("100")).unwrap();
    for i in 0..50 {
        pool.purchase(&format!("b{i}"), d("100")).unwrap();
    }
    let before = pool.member("A").unwrap();
    assert_eq!(before.cap_left, Some(d("100")));
    assert_eq!(before.cash_out_value, d("100"), "the member view shows the capped payout");
    assert!(before.value > d("100"));
    let receipt = pool.withdraw("A", d("10")).unwrap();
    assert!(receipt.exited);
    assert_eq!(receipt.payout, d("100"));
    assert_eq!(receipt.burned, d("50"), "every point is burned, not just the 10 asked for");
    assert!(receipt.retained > Decimal::ZERO, "the forfeited value stays in the pool");
    let after = pool.member("A").unwrap();
    assert_eq!(
        (after.points, after.received, after.cap_left, after.exited),
        (d("0"), d("100"), Some(d("0")), true)
    );
    assert_eq!(pool.withdraw("A", d("1")).unwrap_err().code(), "insufficient_points");
    // Buying again makes A active; the cap counts all spending and all receipts.
    pool.purchase("A", d("100")).unwrap();
    let again = pool.member("A").unwrap();
    assert!(!again.exited);
    assert_eq!(again.cap_left, Some(d("100")));
    pool.check_invariants().unwrap();
}

#[test]
fn without_a_cap_a_member_keeps_cashing_out() {
    let mut pool = pool_with(json!({"exitMultiple": null}));
    pool.purchase("A", d("100")).unwrap();
    assert_eq!(pool.member("A").unwrap().cap_left, None);
    let receipt = pool.withdraw("A", d("21")).unwrap();
    assert!(!receipt.exited);
}

#[test]
fn burning_the_last_points_sets_the_residue_aside_and_returns_to_the_initial_price() {
    let mut pool = Pool::default();
    pool.purchase("A", d("100")).unwrap();
    let receipt = pool.withdraw("A", d("21")).unwrap();
    assert_eq!(receipt.payout, d("24"), "21 points × 30/21 × 0.8");
    assert_eq!(receipt.reserved, d("6"), "no point is left to carry the cut");
    let state = pool.state();
    assert_eq!(
        (state.pool, state.supply, state.price, state.totals.reserved),
        (d("0"), d("0"), d("1"), d("6"))
    );
    // The next buyer's points carry their own contribution only (model.md §5).
    let next = pool.purchase("B", d("100")).unwrap();
    assert_eq!((next.points_granted, next.pool, next.reserved), (d("21"), d("30"), d("0")));
    assert_eq!(next.price_after, d("30") / d("21"));
    pool.check_invariants().unwrap();
}

#[test]
fn quotes_change_nothing_and_match_the_real_thing() {
    let mut pool = Pool::default();
    pool.purchase("A", d("100")).unwrap();
    let before = pool.clone();
    let quote = pool.quote_purchase(d("250.5")).unwrap();
    let withdrawal = pool.quote_cash_out(points_pool::CashOutKind::Withdraw, "A", d("3")).unwrap();
    assert_eq!(pool, before);
    assert_eq!(pool.purchase("B", d("250.5")).unwrap(), quote);
    let mut other = before.clone();
    assert_eq!(other.withdraw("A", d("3")).unwrap(), withdrawal);
}

#[test]
fn rounding_applies_to_each_quantity_as_named() {
    let mut pool = pool_with(json!({"rounding": {
        "money": {"scale": 2, "mode": "halfUp"},
        "points": {"scale": 2, "mode": "down"},
        "price": {"scale": 4, "mode": "halfEven"}
    }}));
    let a = pool.purchase("A", d("33.33")).unwrap();
    assert_eq!(a.contribution, d("10.00")); // 9.999 half-up
    assert_eq!(a.grant_value, d("7.00"));
    assert_eq!(a.points_granted, d("7.00"));
    let b = pool.purchase("B", d("10")).unwrap();
    assert_eq!(b.price_before, d("1.4286"));
    assert_eq!(b.points_granted, d("1.46")); // 2.1 / 1.4286 = 1.46997…, down
    assert_eq!(pool.purchase("C", d("1.005")).unwrap_err().code(), "too_many_decimals");
    assert_eq!(pool.withdraw("A", d("0.001")).unwrap_err().code(), "too_many_decimals");
}

#[test]
fn snapshots_round_trip_byte_for_byte() {
    let mut pool = pool_with(json!({"rounding": {"price": {"scale": 2, "mode": "down"}}}));
    for (i, amount) in ["100", "100", "300", "12.5"].iter().enumerate() {
        pool.purchase(&format!("m{i}"), d(amount)).unwrap();
    }
    pool.withdraw("m0", d("5")).unwrap();
    pool.redeem("m1", d("1.5")).unwrap();
    let saved = snapshot_text(&pool);
    let loaded = load(&saved).unwrap();
    assert_eq!(loaded, pool);
    assert_eq!(snapshot_text(&loaded), saved);
    assert!(saved.starts_with(r#"{"format":"points-pool/1","config":{"poolRate":"0.3""#), "{saved}");
}

#[test]
fn a_public_snapshot_loads_and_stays_public() {
    let mut pool = Pool::default();
    pool.purchase("A", d("100")).unwrap();
    pool.purchase("B", d("100")).unwrap();
    let public = wire::public_snapshot_to_text(&pool);
    assert!(!public.contains("members"));
    let mut loaded = load(&public).unwrap();
    assert_eq!(loaded.price(), pool.price());
    assert_eq!(loaded.quote_purchase(d("100")).unwrap(), pool.quote_purchase(d("100")).unwrap());
    loaded.purchase("C", d("100")).unwrap();
    loaded.check_invariants().unwrap();
    assert!(
        !snapshot_text(&loaded).contains("members"),
        "a pool that does not know every holder stays public"
    );
}

#[test]
fn every_bad_snapshot_is_refused_naming_what_is_wrong() {
    let good = json!({
        "format": "points-pool/1", "config": {}, "pool": "60", "supply": "35.7", "orders": 2,
        "totals": {"contributed": "60", "paidOut": "0", "redeemed": "0"},
        "members": {"A": {"points": "21", "spent": "100", "received": "0", "exited": false},
                    "B": {"points": "14.7", "spent": "100", "received": "0", "exited": false}}
    });
    load(&good.to_string()).unwrap();
    let cases: [(&str, serde_json::Value, &str); 14] = [
        ("format", json!("points-pool/2"), "format"),
        ("pool", json!("6O"), "pool"),
        ("pool", json!(60), "pool"),
        ("supply", json!("-35.7"), "supply"),
        ("supply", json!("35.8"), "supply"),
        ("totals", json!({"contributed": "61", "paidOut": "0", "redeemed": "0"}), "totals"),
        ("totals", json!({"contributed": "60", "paidOut": "0"}), "totals.redeemed"),
        ("config", json!({"poolRate": "2"}), "config.poolRate"),
        ("config", json!({"rounding": {"money": {"scale": 2, "mode": "up"}}}), "config.rounding.money.mode"),
        ("orders", json!(-1), "orders"),
        ("orders", json!(9_007_199_254_740_993u64), "orders"),
        ("members", json!({"": {"points": "0", "spent": "0", "received": "0", "exited": false}}), "members"),
        (
            "members",
            json!({"A": {"points": "35.7", "spent": "1", "received": "0", "exited": "no"}}),
            "members.A.exited",
        ),
        ("extra", json!(1), "extra"),
    ];
    for (key, value, field) in cases {
        let mut bad = good.clone();
        bad[key] = value;
        let error = load(&bad.to_string()).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_snapshot", Some(field)), "{key}: {error}");
    }
    let mut empty_supply = good.clone();
    empty_supply["supply"] = json!("0");
    let error = load(&empty_supply.to_string()).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_snapshot", Some("supply")));
    assert_eq!(load("{").unwrap_err().code(), "invalid_snapshot");
    assert_eq!(load("[]").unwrap_err().code(), "invalid_snapshot");
}

#[test]
fn a_member_listed_twice_is_refused_and_a_big_snapshot_loads_in_one_pass() {
    let members: String = (0..50_000)
        .map(|i| format!(r#""m{i}":{{"points":"1","spent":"1","received":"0","exited":false}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let text = |members: &str, supply: u32| {
        format!(
            r#"{{"format":"points-pool/1","pool":"{supply}","supply":"{supply}","orders":0,
            "totals":{{"contributed":"{supply}","paidOut":"0","redeemed":"0"}},"members":{{{members}}}}}"#
        )
    };
    assert_eq!(load(&text(&members, 50_000)).unwrap().member_count(), 50_000);
    let twice = format!(r#"{members},"m7":{{"points":"1","spent":"1","received":"0","exited":false}}"#);
    let error = load(&text(&twice, 50_001)).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_snapshot", Some("members")));
}

#[test]
fn a_bare_state_that_contradicts_itself_is_refused() {
    let state = |value: serde_json::Value| wire::pool_from_state_or_snapshot(value);
    let price = state(json!({"pool": "30", "supply": "21"})).unwrap().price();
    assert_eq!(
        state(json!({"pool": "30", "supply": "21", "price": points_pool::decimal::to_plain_string(price)}))
            .unwrap()
            .price(),
        price
    );
    let claimed = state(json!({"pool": "30", "supply": "21", "price": "1.5"})).unwrap_err();
    assert_eq!((claimed.code(), claimed.field()), ("invalid_snapshot", Some("price")));
    let empty = state(json!({"pool": "0", "supply": "21"})).unwrap_err();
    assert_eq!((empty.code(), empty.field()), ("invalid_snapshot", Some("pool")));
    let _: Pool = state(json!({"pool": "0", "supply": "0"})).unwrap();
}

/// Pools that rounding could kill (docs/model.md §4): a price that rounds up must not let a
/// cash-out drain the pool while points remain, and a price must never round to 0.
#[test]
fn rounding_cannot_drain_the_pool_or_zero_the_price() {
    // 19 CNY behind 10 points: the price 1.9 rounds up to 2, so 9.58 points "are worth" 19.16.
    let snapshot = json!({
        "format": "points-pool/1",
        "config": {"rounding": {"price": {"scale": 0, "mode": "halfUp"}}},
        "pool": "19", "supply": "10", "orders": 2,
        "totals": {"contributed": "19", "paidOut": "0", "redeemed": "0"},
        "members": {
            "big": {"points": "9.58", "spent": "50", "received": "0", "exited": false},
            "small": {"points": "0.42", "spent": "13", "received": "0", "exited": false}
        }
    });
    let mut pool = load(&snapshot.to_string()).unwrap();
    let receipt = pool.redeem("big", d("9.58")).unwrap();
    assert_eq!(receipt.payout, d("18.202"), "at most the points' share of the pool, 19 × 9.58 / 10");
    assert!(pool.state().pool > Decimal::ZERO, "the last 0.42 points keep their backing");
    assert!(pool.member("small").unwrap().cash_out_value > Decimal::ZERO);
    pool.purchase("after", d("100")).expect("the pool still prices a purchase");
    pool.check_invariants().unwrap();
    let error =
        common::config(json!({"initialPrice": "0.01", "rounding": {"price": {"scale": 0, "mode": "down"}}}))
            .unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_config", Some("initialPrice")));
    common::config(json!({"initialPrice": "1", "rounding": {"price": {"scale": 0, "mode": "down"}}}))
        .unwrap();
}
