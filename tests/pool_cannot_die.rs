#![cfg(not(target_arch = "wasm32"))]
//! docs/model.md §5, "A pool that cannot die": no sequence of accepted operations prices a
//! point at 0 with points out, locks purchases, mints no points for money taken, or lets a
//! purchase followed at once by a cash-out return more than was spent. Issue 21's reproductions
//! one by one, then the same promises over random configs (every rounding mode at scales 0–12,
//! caps none, 1, 2 and 100, rates at their bounds) and random sequences that reach for dust.

mod common;
use common::{config, d, pool_with};

use points_pool::{CashOutKind, Config, Pool};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// What a new member who buys `amount` and cashes every point out at once gets back, in cash and
/// in goods (the larger of the two). `None` when the purchase is refused.
fn buy_and_leave(pool: &Pool, amount: Decimal) -> Option<Decimal> {
    let mut copy = pool.clone();
    let receipt = copy.purchase("newcomer", amount).ok()?;
    let cash = copy.clone().withdraw("newcomer", receipt.points_granted).map(|r| r.payout);
    let goods = copy.redeem("newcomer", receipt.points_granted).map(|r| r.payout);
    Some(cash.unwrap_or_default().max(goods.unwrap_or_default()))
}

#[test]
fn rounding_never_prices_a_point_at_zero() {
    // Issue 21: points rounded half up, price cut to whole yuan: ¥1.5 minted 2 points at price 0,
    // and every later purchase was refused.
    let mut pool = pool_with(json!({"poolRate": "1", "grantRate": "1",
        "rounding": {"points": {"scale": 0, "mode": "halfUp"}, "price": {"scale": 0, "mode": "down"}}}));
    let receipt = pool.purchase("a", d("1.5")).unwrap();
    assert_eq!(receipt.points_granted, d("1"), "no more points than ¥1.5 buys at price 1");
    assert!(receipt.price_after > Decimal::ZERO);
    assert!(pool.purchase("b", d("10")).is_ok(), "purchases go on");
    assert!(buy_and_leave(&pool, d("1.5")).unwrap() <= d("1.5"));
    pool.check_invariants().unwrap();
}

#[test]
fn a_residue_is_not_handed_to_dust() {
    // Issue 21: with no cap alice and bob buy ¥100 and cash out everything (pool ¥6.35, no
    // points); a ¥0.0000000001 purchase owned the whole residue and cashed out ¥5.08.
    let mut pool = pool_with(json!({"exitMultiple": null}));
    for member in ["alice", "bob"] {
        pool.purchase(member, d("100")).unwrap();
    }
    for member in ["alice", "bob"] {
        let points = pool.member(member).unwrap().points;
        pool.withdraw(member, points).unwrap();
    }
    assert_eq!((pool.state().pool, pool.state().supply), (d("0"), d("0")), "the residue is set aside");
    let dust = d("0.0000000001");
    assert!(buy_and_leave(&pool, dust).unwrap() <= dust, "the dust takes out no more than it paid");
    pool.check_invariants().unwrap();
}

#[test]
fn an_exit_that_leaves_money_without_points_does_not_lock_the_pool() {
    // Issue 21's shape: an exit at the cap burns the last points and leaves money behind; a
    // ¥0.00000000501 purchase then priced a point at 10^17 and more, a large purchase was granted
    // 0 points, and a ¥2.25 purchase was refused limit_exceeded.
    let mut pool = pool_with(json!({"poolRate": "1", "grantRate": "0.1", "exitMultiple": "2"}));
    pool.purchase("a", d("100")).unwrap();
    pool.purchase("b", d("1000000000")).unwrap();
    let b_points = pool.member("b").unwrap().points;
    pool.withdraw("b", b_points).unwrap();
    let exit = pool.withdraw("a", d("1")).unwrap();
    assert!(exit.exited && exit.supply.is_zero(), "{exit:?}");
    assert!(pool.state().totals.reserved > d("100000000"), "the money no point carries is set aside");
    let dust = pool.purchase("dust", d("0.0000000001")).unwrap();
    assert!(dust.price_after < d("100"), "price {}", dust.price_after);
    let large = pool.purchase("large", d("19681226.10")).unwrap();
    assert!(large.points_granted > Decimal::ZERO);
    assert!(pool.purchase("small", d("2.25")).is_ok());
    pool.check_invariants().unwrap();
}

#[test]
fn points_left_as_dust_carry_no_more_than_the_ceiling() {
    // The same with a hair of points left: they would carry everything; past the ceiling the
    // rest is set aside and the largest purchase still mints.
    let mut pool = pool_with(json!({"poolRate": "1", "grantRate": "0.1", "exitMultiple": null}));
    pool.purchase("dust", d("0.000000001")).unwrap();
    pool.purchase("b", d("1000000000")).unwrap();
    let b_points = pool.member("b").unwrap().points;
    let receipt = pool.withdraw("b", b_points).unwrap();
    assert!(receipt.reserved > Decimal::ZERO, "{receipt:?}");
    assert_eq!(pool.price(), pool.ceiling());
    assert!(pool.quote_purchase(d("1000000000000")).unwrap().points_granted > Decimal::ZERO);
    pool.check_invariants().unwrap();
}

#[test]
fn money_for_no_points_is_refused() {
    let mut pool = pool_with(json!({"rounding": {"points": {"scale": 0, "mode": "down"}}}));
    let before = pool.clone();
    let error = pool.purchase("a", d("1")).unwrap_err();
    assert_eq!((error.code(), error.field()), ("amount_too_small", Some("amount")));
    assert_eq!(pool, before);
    assert_eq!(pool.purchase("a", d("5")).unwrap().points_granted, d("1"));
}

#[test]
fn points_for_no_money_are_refused_below_the_cap() {
    // Money cut to 2 decimals: 0.001 points are worth less than ¥0.01.
    let mut pool = pool_with(json!({"rounding": {"money": {"scale": 2, "mode": "down"}}}));
    pool.purchase("a", d("100")).unwrap();
    let before = pool.clone();
    let error = pool.withdraw("a", d("0.001")).unwrap_err();
    assert_eq!((error.code(), error.field()), ("payout_too_small", Some("points")));
    let error = pool.redeem("a", d("0.001")).unwrap_err();
    assert_eq!((error.code(), error.field()), ("payout_too_small", Some("points")));
    assert_eq!(pool, before);
    assert!(pool.withdraw("a", d("1")).unwrap().payout > Decimal::ZERO);
    // A rate so small that nothing is paid at all, exact arithmetic.
    let mut tiny = pool_with(json!({"payoutRate": "0.0000000000000000000000000001"}));
    tiny.purchase("a", d("100")).unwrap();
    let held = tiny.member("a").unwrap().points;
    assert_eq!(tiny.withdraw("a", held).unwrap_err().code(), "payout_too_small");
    assert_eq!(tiny.member("a").unwrap().points, held, "nothing burned");
}

#[test]
fn at_the_cap_every_point_goes_even_for_nothing() {
    // A member already paid their cap (a snapshot can say so): a cash-out is the exit, which pays
    // what is left of the cap (nothing) and burns every point, as the cap's rule says.
    let snapshot = json!({
        "format": "points-pool/1", "pool": "100", "supply": "10", "orders": 1,
        "totals": {"contributed": "300", "paidOut": "200", "redeemed": "0"},
        "members": {"a": {"points": "10", "spent": "100", "received": "200", "exited": false}},
    });
    let mut pool = points_pool::wire::snapshot_from_text(&snapshot.to_string()).unwrap();
    let receipt = pool.withdraw("a", d("1")).unwrap();
    assert_eq!((receipt.payout, receipt.burned, receipt.exited), (Decimal::ZERO, d("10"), true));
}

#[test]
fn configs_that_could_only_refuse_purchases_are_refused() {
    for (value, field) in [
        (json!({"initialPrice": "0.0000000000000000000000000001"}), "initialPrice"),
        (json!({"initialPrice": "0.0000009"}), "initialPrice"),
        (
            json!({"poolRate": "0.0000000001", "grantRate": "0.0000000001",
            "rounding": {"points": {"scale": 0, "mode": "down"}}}),
            "initialPrice",
        ),
    ] {
        let error = config(value.clone()).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_config", Some(field)), "{value}");
    }
    assert!(config(json!({"initialPrice": "0.000001"})).is_ok());
}

// Random configs and sequences.

const RATES: [&str; 7] = ["0.000001", "0.01", "0.3", "0.7", "0.8", "0.999999", "1"];
const CAPS: [Option<&str>; 4] = [None, Some("1"), Some("2"), Some("100")];
const MODES: [&str; 3] = ["down", "halfUp", "halfEven"];

fn rule() -> impl Strategy<Value = Value> {
    (0u32..=12, 0usize..3).prop_map(|(scale, mode)| json!({"scale": scale, "mode": MODES[mode]}))
}

fn any_config() -> impl Strategy<Value = Value> {
    let rounding = prop_oneof![
        Just(Value::Null),
        (proptest::option::of(rule()), proptest::option::of(rule()), proptest::option::of(rule()))
            .prop_map(|(money, points, price)| json!({"money": money, "points": points, "price": price})),
    ];
    let rate = || 0usize..RATES.len();
    let prices = prop_oneof![Just("0.000001"), Just("0.01"), Just("1"), Just("3.7"), Just("1000000")];
    (rate(), rate(), rate(), rate(), 0usize..CAPS.len(), prices, rounding).prop_map(
        |(pool, grant, payout, redeem, cap, price, rounding)| {
            json!({"poolRate": RATES[pool], "grantRate": RATES[grant], "payoutRate": RATES[payout],
                "redeemRate": RATES[redeem], "exitMultiple": CAPS[cap], "initialPrice": price,
                "rounding": rounding})
        },
    )
}

/// An amount of one of twelve magnitudes, within the decimals the pool accepts.
fn amount(draw: u64, config: &Config) -> Decimal {
    let magnitude = (draw % 23) as i64 - 10;
    let digits = Decimal::from((draw >> 8) % 900 + 100) / Decimal::ONE_HUNDRED;
    let value = if magnitude >= 0 {
        digits * Decimal::from(10u64.pow(magnitude as u32))
    } else {
        digits / Decimal::from(10u64.pow((-magnitude) as u32))
    };
    value.trunc_with_scale(config.amount_decimals()).min(d("1000000000000"))
}

/// Points to cash out: all, all but one unit, or a share, of what `member` holds.
fn points(draw: u64, held: Decimal, config: &Config) -> Decimal {
    let unit = Decimal::new(1, config.points_scale());
    match draw % 4 {
        0 => held,
        1 => (held - unit).max(unit),
        _ => (held * Decimal::new((draw >> 8) as i64 % 999 + 1, 3)).trunc_with_scale(config.points_scale()),
    }
}

/// Every promise after one operation: the invariants, a price above 0, purchases open (the
/// largest one mints), and a newcomer's purchase and cash-out returning no more than was paid.
fn check_promises(pool: &Pool, step: usize) {
    pool.check_invariants().unwrap_or_else(|broken| panic!("step {step}: {broken}"));
    assert!(pool.price() > Decimal::ZERO, "step {step}: price 0");
    match pool.quote_purchase(d("1000000000000")) {
        Ok(receipt) => assert!(receipt.points_granted > Decimal::ZERO),
        Err(error) => assert_eq!(error.code(), "limit_exceeded", "step {step}: locked: {error}"),
    }
    for amount in [d("100"), d("0.01"), d("1000000")] {
        if let Some(back) = buy_and_leave(pool, amount) {
            assert!(back <= amount, "step {step}: paid {amount}, took out {back}");
        }
    }
}

fn run(config: Config, seed: u64, operations: usize) {
    let mut pool = Pool::new(config.clone());
    let mut random = seed;
    let mut next = || {
        random = random.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        random >> 11
    };
    let members = ["a", "b", "c", "d", "e"];
    for step in 0..operations {
        let (member, draw) = (members[(next() % 5) as usize], next());
        let price_before = (pool.price(), !pool.state().supply.is_zero());
        let held = pool.member(member).map(|view| view.points).unwrap_or_default();
        if held.is_zero() || draw % 3 == 0 {
            if let Ok(receipt) = pool.purchase(member, amount(next(), &config)) {
                assert!(receipt.points_granted > Decimal::ZERO, "step {step}: money taken for no points");
            }
        } else {
            let kind = if draw % 2 == 0 { CashOutKind::Withdraw } else { CashOutKind::Redeem };
            let _ = pool.cash_out(kind, member, points(next(), held, &config));
        }
        if price_before.1 && !pool.state().supply.is_zero() {
            let (after, state) = (pool.price(), pool.state());
            assert!(
                after >= price_before.0,
                "step {step}: the price fell from {} to {after} ({state:?}, ceiling {}, {config:?})",
                price_before.0,
                pool.ceiling()
            );
        }
        check_promises(&pool, step);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_kills_the_pool(value in any_config(), seed in any::<u64>()) {
        // Configs whose largest purchase could mint nothing are refused up front (tested above).
        let Ok(config) = config(value) else { return Ok(()) };
        run(config, seed, 60);
    }
}

#[test]
fn a_snapshot_priced_below_the_initial_price_is_refused() {
    // Invariant 7 (model.md §5): while points circulate P / S is at least the initial price.
    let below = json!({
        "format": "points-pool/1", "pool": "0.5", "supply": "1", "orders": 1,
        "totals": {"contributed": "0.5", "paidOut": "0", "redeemed": "0"},
    });
    let error = points_pool::wire::snapshot_from_text(&below.to_string()).unwrap_err();
    assert_eq!((error.code(), error.field()), ("invalid_snapshot", Some("pool")));
    let at = json!({
        "format": "points-pool/1", "pool": "1", "supply": "1", "orders": 1,
        "totals": {"contributed": "1", "paidOut": "0", "redeemed": "0"},
    });
    assert!(points_pool::wire::snapshot_from_text(&at.to_string()).is_ok(), "at the initial price");
}

#[test]
fn a_pool_the_rules_made_under_a_price_rule_loads_again() {
    // A price rule mints at the rounded price: with 1.5 published as 1 the ratio drifts below the
    // initial price, which invariant 7 allows only without a rule; the state must still load.
    let mut pool = pool_with(json!({
        "grantRate": "0.9", "initialPrice": "1.5",
        "rounding": {"price": {"scale": 0, "mode": "down"}},
    }));
    for n in 0..20 {
        pool.purchase(&format!("m{n}"), d("100")).unwrap();
    }
    let text = points_pool::wire::snapshot_to_text(&pool);
    let again = points_pool::wire::snapshot_from_text(&text).unwrap();
    assert_eq!(again, pool);
}
