#![cfg(not(target_arch = "wasm32"))]
//! Issue 21's smaller items on the native side: what the snapshot loader refuses (received past
//! the cap, points after an exit, ids that hide characters, an order count JavaScript cannot
//! write, prices outside what the rules keep), a residue written before the reserve, the history
//! check's amounts, and the bound on an audit's members.

mod common;
use common::{d, load, snapshot_text};

use points_pool::ledger::{check_history, Replay};
use points_pool::limits::{MAX_MEMBERS, MAX_ORDERS};
use points_pool::{Config, Pool};
use serde_json::{json, Value};

fn snapshot(members: Value, pool: &str, supply: &str) -> String {
    json!({"format": "points-pool/1", "pool": pool, "supply": supply, "orders": 1,
        "totals": {"contributed": pool, "paidOut": "0", "redeemed": "0"}, "members": members})
    .to_string()
}

fn refusal(text: &str) -> (String, Option<String>) {
    let error = load(text).unwrap_err();
    (error.code().to_owned(), error.field().map(str::to_owned))
}

#[test]
fn the_loader_refuses_what_the_rules_never_leave() {
    let member = |received: &str, exited: bool| json!({"points": "21", "spent": "100", "received": received, "exited": exited});
    let above_cap = snapshot(json!({"a": member("200.01", false)}), "30", "21");
    assert_eq!(refusal(&above_cap), ("invalid_snapshot".into(), Some("members.\"a\".received".into())));
    let exited_holding = snapshot(json!({"a": member("0", true)}), "30", "21");
    assert_eq!(refusal(&exited_holding), ("invalid_snapshot".into(), Some("members.\"a\".exited".into())));
    assert!(
        load(&snapshot(json!({"a": member("200", false)}), "30", "21")).is_ok(),
        "the cap itself is fine"
    );
    for id in ["a\u{202e}b", "a\u{200b}", "\u{feff}a", "a\u{2066}b\u{2069}", "a\u{ad}b"] {
        let text = snapshot(json!({ id: member("0", false) }), "30", "21");
        assert_eq!(refusal(&text), ("invalid_snapshot".into(), Some("members".into())), "{id:?}");
    }
}

#[test]
fn an_order_count_javascript_cannot_write_is_refused() {
    // Issue 21: orders = 2^53 loaded, and state() then threw forever.
    let count = |orders: u64| {
        json!({"format": "points-pool/1", "pool": "30", "supply": "21", "orders": orders,
            "totals": {"contributed": "30", "paidOut": "0", "redeemed": "0"}})
        .to_string()
    };
    assert_eq!(refusal(&count(1 << 53)), ("invalid_snapshot".into(), Some("orders".into())));
    let mut pool = load(&count(MAX_ORDERS)).unwrap();
    assert_eq!(pool.state().orders, (1 << 53) - 1);
    let error = pool.purchase("a", d("100")).unwrap_err();
    assert_eq!((error.code(), error.field()), ("limit_exceeded", Some("orders")));
}

#[test]
fn prices_outside_what_the_rules_keep_are_refused_and_a_residue_is_reserved() {
    let bare = |pool: &str, supply: &str| {
        points_pool::wire::pool_from_state_or_snapshot(json!({"pool": pool, "supply": supply}))
    };
    assert_eq!(bare("0.0000001", "1").unwrap_err().field(), Some("pool"), "below 10^-6 a point");
    assert_eq!(bare("1000", "0.0000000000001").unwrap_err().field(), Some("pool"), "past the ceiling");
    // Written before the reserve: a pool with no points is what the rules now set aside.
    let legacy = load(&snapshot(json!({}), "6.35", "0")).unwrap();
    let state = legacy.state();
    assert_eq!((state.pool, state.totals.reserved, state.price), (d("0"), d("6.35"), d("1")));
    legacy.check_invariants().unwrap();
    assert_eq!(load(&snapshot_text(&legacy)).unwrap(), legacy, "and it round-trips");
}

#[test]
fn the_history_check_takes_amounts_as_the_pool_does() {
    // Issue 21: amounts above 10^12 and with 28 decimals were checked.
    let config = Config::default();
    for (line, problem) in [
        ("purchase,1000000000001,1,210000000000.21", "amount_too_large"),
        (&format!("purchase,1.{},1,21", "1".repeat(27)) as &str, "too_many_decimals"),
        ("withdraw,0.00000000000001,1,0", "too_many_decimals"),
        ("purchase,100,10000000000000000,0", "limit_exceeded"),
    ] {
        let error = check_history(&config, line, None).unwrap_err();
        assert_eq!(
            (error.code(), error.line(), error.problem()),
            ("invalid_ledger", Some(1), Some(problem)),
            "{line}"
        );
    }
}

#[test]
fn an_audit_holds_at_most_max_members() {
    // Issue 21: 6,000,000 distinct ids took 1.9 GB, with nothing to stop them before wasm32's 4 GB.
    let mut replay = Replay::new(Pool::default());
    let mut piece = String::new();
    for row in 1..=MAX_MEMBERS + 1 {
        piece.push_str(&format!("{row},purchase,m{row},1\n"));
        if piece.len() > 1 << 20 || row == MAX_MEMBERS + 1 {
            if let Err(error) = replay.feed(piece.as_bytes()) {
                assert_eq!((error.code(), error.line()), ("invalid_ledger", Some(MAX_MEMBERS as u64 + 1)));
                assert_eq!(error.problem(), Some("limit_exceeded"));
                return;
            }
            piece.clear();
        }
    }
    panic!("{} distinct members were taken", MAX_MEMBERS + 1);
}

#[test]
fn nesting_deeper_than_max_nesting_is_refused_not_a_crash() {
    use points_pool::limits::MAX_NESTING;
    for depth in [MAX_NESTING + 1, 100_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let snapshot =
            format!(r#"{{"format":"points-pool/1","pool":"0","supply":"0","orders":0,"totals":{deep}}}"#);
        assert_eq!(load(&snapshot).unwrap_err().code(), "invalid_snapshot", "{depth}");
    }
    // A ledger line holds at most 64 KB: 10,000 levels fit in it.
    for depth in [MAX_NESTING + 1, 10_000] {
        let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let row = format!(r#"{{"seq":1,"type":"purchase","member":"a","value":{deep}}}"#);
        let error = points_pool::ledger::replay(&mut Pool::default(), &row).unwrap_err();
        assert_eq!((error.code(), error.problem()), ("invalid_ledger", Some("not_a_row")));
    }
}

#[test]
fn a_field_left_out_is_named() {
    let named = |text: &str| {
        let error = points_pool::wire::pool_from_state_or_snapshot_text(text).unwrap_err();
        (error.code().to_owned(), error.field().map(str::to_owned))
    };
    let refused = |field: &str| ("invalid_snapshot".to_owned(), Some(field.to_owned()));
    assert_eq!(named(r#"{"supply": "100"}"#), refused("pool"));
    assert_eq!(named(r#"{"pool": "3000"}"#), refused("supply"));
    let nested = r#"{"pool": "1", "supply": "1", "config": {"rounding": {"points": {"scale": 2}}}}"#;
    assert_eq!(named(nested), refused("config.rounding.points.mode"));
}
