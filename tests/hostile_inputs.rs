#![cfg(not(target_arch = "wasm32"))]
//! Hostile input: every error code of docs/formats.md §4 reached, each refusal leaving the pool
//! byte-for-byte as it was.

mod common;
use common::{config, load, scenario, snapshot_text};

use std::collections::BTreeSet;

use points_pool::decimal::{parse_amount, parse_points};
use points_pool::error::ErrorCode;
use points_pool::{ledger, Pool, PoolError};
use serde_json::json;

/// The codes only the wasm door gives (its guard against freed, failed and foreign JavaScript
/// objects and calls made during another call, tested in tests/js/); the core can give every
/// other code of `ErrorCode::ALL`. A transparency log's `log_*` codes are each reached in
/// tests/tlog_*.rs and tests/wasm_tlog.rs.
const DOOR_ONLY: [ErrorCode; 4] =
    [ErrorCode::ObjectFreed, ErrorCode::ObjectFailed, ErrorCode::ForeignObject, ErrorCode::EngineBusy];

fn seeded_pool() -> Pool {
    let mut pool = Pool::default();
    pool.purchase("alice", parse_amount("100").unwrap()).unwrap();
    pool.purchase("bob", parse_amount("100").unwrap()).unwrap();
    pool
}

fn amount_cases() -> Vec<(String, &'static str)> {
    let mut cases: Vec<(String, &str)> = [
        ("1e5", "invalid_decimal"),
        ("1E5", "invalid_decimal"),
        ("1e-2", "invalid_decimal"),
        ("NaN", "invalid_decimal"),
        ("nan", "invalid_decimal"),
        ("Infinity", "invalid_decimal"),
        ("-Infinity", "invalid_decimal"),
        ("+1", "invalid_decimal"),
        ("1_000", "invalid_decimal"),
        ("1,000", "invalid_decimal"),
        ("1 000", "invalid_decimal"),
        (" 100", "invalid_decimal"),
        ("100 ", "invalid_decimal"),
        ("\t100", "invalid_decimal"),
        ("１００", "invalid_decimal"),
        ("¥100", "invalid_decimal"),
        ("100元", "invalid_decimal"),
        ("$5", "invalid_decimal"),
        (".5", "invalid_decimal"),
        ("5.", "invalid_decimal"),
        ("05", "invalid_decimal"),
        ("00", "invalid_decimal"),
        ("--5", "invalid_decimal"),
        ("-", "invalid_decimal"),
        ("", "invalid_decimal"),
        (".", "invalid_decimal"),
        ("1.2.3", "invalid_decimal"),
        ("0x10", "invalid_decimal"),
        ("1/2", "invalid_decimal"),
        ("½", "invalid_decimal"),
        ("٣", "invalid_decimal"),
        ("1\u{0}", "invalid_decimal"),
        ("10\n", "invalid_decimal"),
        ("1\u{200b}0", "invalid_decimal"),
        ("null", "invalid_decimal"),
        ("undefined", "invalid_decimal"),
        ("true", "invalid_decimal"),
        ("[100]", "invalid_decimal"),
        ("\"100\"", "invalid_decimal"),
        ("100;DROP TABLE", "invalid_decimal"),
        ("0", "amount_must_be_positive"),
        ("-0", "amount_must_be_positive"),
        ("0.000", "amount_must_be_positive"),
        ("-5", "amount_must_be_positive"),
        ("-0.01", "amount_must_be_positive"),
        ("10000000000000", "amount_too_large"),
        ("1000000000000.01", "amount_too_large"),
        ("99999999999999999999999999999", "amount_too_large"),
        ("1.12345678901", "too_many_decimals"),
        ("0.00000000001", "too_many_decimals"),
    ]
    .into_iter()
    .map(|(text, code)| (text.to_owned(), code))
    .collect();
    cases.push(("1".repeat(41), "invalid_decimal"));
    cases.push(("9".repeat(1_000_000), "invalid_decimal"));
    cases.push((format!("0.{}1", "0".repeat(30)), "too_many_decimals"));
    cases.push((format!("1.{}", "1".repeat(30)), "too_many_decimals"));
    cases.push((format!("0.{}", "1".repeat(29)), "too_many_decimals"));
    cases
}

#[test]
fn hostile_amounts_give_their_code_and_change_nothing() {
    let cases = amount_cases();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let mut pool = seeded_pool();
    let before = snapshot_text(&pool);
    for (text, code) in &cases {
        let error = parse_amount(text).and_then(|amount| pool.purchase("carol", amount)).unwrap_err();
        let shown: String = text.chars().take(30).collect();
        assert_eq!(error.code(), *code, "amount {shown:?}: {error}");
        assert_eq!(snapshot_text(&pool), before, "amount {shown:?} changed the pool");
    }
}

#[test]
fn hostile_points_and_members_give_their_code_and_change_nothing() {
    let mut pool = seeded_pool();
    let before = snapshot_text(&pool);
    let cases = [
        ("alice", "1e1", "invalid_decimal"),
        ("alice", "0", "points_must_be_positive"),
        ("alice", "-1", "points_must_be_positive"),
        ("alice", "21.0000000000001", "insufficient_points"),
        ("alice", "0.00000000000001", "too_many_decimals"),
        ("alice", "99999999999999999999999999999", "limit_exceeded"),
        ("nobody", "1", "unknown_member"),
        ("", "1", "invalid_member_id"),
        ("a\u{7}b", "1", "invalid_member_id"),
        ("line\nbreak", "1", "invalid_member_id"),
        (&"x".repeat(65), "1", "invalid_member_id"),
    ];
    for (member, text, code) in cases {
        let error = parse_points(text).and_then(|points| pool.withdraw(member, points)).unwrap_err();
        assert_eq!(error.code(), code, "withdraw {member:?} {text:?}: {error}");
        assert_eq!(snapshot_text(&pool), before);
    }
    assert_eq!(
        pool.purchase(&"长".repeat(65), parse_amount("1").unwrap()).unwrap_err().code(),
        "invalid_member_id"
    );
    assert!(pool.purchase(&"长".repeat(64), parse_amount("1").unwrap()).is_ok(), "64 characters are fine");
}

/// Every code of docs/formats.md §4 is reachable, from the surface where a user would meet it.
#[test]
fn every_error_code_is_reached() {
    let mut reached = BTreeSet::new();
    let mut note = |result: Result<(), PoolError>| {
        reached.insert(result.expect_err("each probe must be refused").code());
    };
    for (text, _) in amount_cases() {
        note(parse_amount(&text).and_then(|amount| seeded_pool().purchase("carol", amount)).map(drop));
    }
    let mut pool = seeded_pool();
    note(pool.withdraw("alice", parse_points("0").unwrap_or_default()).map(drop));
    note(pool.withdraw("alice", parse_points("22").unwrap()).map(drop));
    note(pool.withdraw("nobody", parse_points("1").unwrap()).map(drop));
    note(pool.member("").map(drop));
    note(
        pool.holding(
            parse_points("1").unwrap(),
            Some(parse_amount("100").unwrap()),
            parse_amount("201").unwrap(),
        )
        .map(drop),
    );
    note(config(json!({"poolRate": 0.3})).map(drop));
    note(load(r#"{"format":"other"}"#).map(drop));
    note(scenario(json!({"days": 0, "ordersPerDay": 10, "averageOrder": "100"})).map(drop));
    note(ledger::replay(&mut pool, "1,purchase,A,abc").map(drop));
    let near_limit = json!({
        "format": "points-pool/1", "pool": "999999999999999", "supply": "1", "orders": 1,
        "totals": {"contributed": "999999999999999", "paidOut": "0", "redeemed": "0"}
    });
    let mut full: Pool = load(&near_limit.to_string()).unwrap();
    note(full.purchase("carol", parse_amount("1000000000000").unwrap()).map(drop));
    let whole_points = json!({"rounding": {"points": {"scale": 0, "mode": "down"}}});
    let mut whole = Pool::new(config(whole_points).unwrap());
    note(whole.purchase("carol", parse_amount("1").unwrap()).map(drop));
    let cents = json!({"rounding": {"money": {"scale": 2, "mode": "down"}}});
    let mut cents = Pool::new(config(cents).unwrap());
    cents.purchase("carol", parse_amount("100").unwrap()).unwrap();
    note(cents.withdraw("carol", parse_points("0.001").unwrap()).map(drop));
    note(
        cents
            .holding(
                rust_decimal::Decimal::ONE,
                Some(rust_decimal::Decimal::NEGATIVE_ONE),
                rust_decimal::Decimal::ZERO,
            )
            .map(drop),
    );
    let core_codes =
        ErrorCode::ALL.iter().filter(|code| !DOOR_ONLY.contains(code) && !code.name().starts_with("log_"));
    let missing: Vec<_> = core_codes.filter(|code| !reached.contains(code.name())).collect();
    assert!(missing.is_empty(), "never reached: {missing:?}");
}

#[test]
fn scenarios_are_checked_field_by_field() {
    let base = json!({"days": 30, "ordersPerDay": 100, "averageOrder": "100", "orderGrowth": "0.01", "withdrawRate": "0.02"});
    scenario(base.clone()).unwrap();
    let cases = [
        ("days", json!(3651)),
        ("days", json!("30")),
        ("days", json!(2.5)),
        ("ordersPerDay", json!(-1)),
        ("ordersPerDay", json!(1.5)),
        ("averageOrder", json!(100)),
        ("averageOrder", json!("0")),
        ("orderGrowth", json!("-1")),
        ("orderGrowth", json!("1.5")),
        ("withdrawRate", json!("1.01")),
        ("waveWithdrawRate", json!("x")),
        ("points", json!("-3")),
        ("stress", json!("meteor")),
        ("surprise", json!(1)),
    ];
    for (field, value) in cases {
        let mut bad = base.clone();
        bad[field] = value;
        let error = scenario(bad).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_scenario", Some(field)), "{error}");
    }
    let mut missing = base.clone();
    missing.as_object_mut().unwrap().remove("averageOrder");
    assert_eq!(scenario(missing).unwrap_err().field(), Some("averageOrder"));
}

#[test]
fn configs_are_checked_field_by_field() {
    let cases = [
        (json!({"poolrate": "0.3"}), "poolrate"),
        (json!({"poolRate": 0.3}), "poolRate"),
        (json!({"poolRate": "0"}), "poolRate"),
        (json!({"grantRate": "1.01"}), "grantRate"),
        (json!({"payoutRate": "-0.8"}), "payoutRate"),
        (json!({"redeemRate": "1e0"}), "redeemRate"),
        (json!({"initialPrice": "1000000.01"}), "initialPrice"),
        (json!({"exitMultiple": "0.5"}), "exitMultiple"),
        (json!({"exitMultiple": 2}), "exitMultiple"),
        (json!({"rounding": "down"}), "rounding"),
        (json!({"rounding": {"cents": null}}), "rounding.cents"),
        (json!({"rounding": {"money": {"scale": 13, "mode": "down"}}}), "rounding.money.scale"),
        (json!({"rounding": {"money": {"scale": -1, "mode": "down"}}}), "rounding.money.scale"),
        (json!({"rounding": {"price": {"scale": 2, "mode": "up"}}}), "rounding.price.mode"),
        (json!({"rounding": {"points": {"scale": 2, "mode": "down", "x": 1}}}), "rounding.points.x"),
        (json!([1]), "config"),
    ];
    for (input, field) in cases {
        let error = config(input.clone()).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_config", Some(field)), "{input}: {error}");
    }
    assert_eq!(config(json!({"exitMultiple": null})).unwrap().exit_multiple, None);
    assert_eq!(config(json!({})).unwrap(), points_pool::Config::default());
}

#[test]
fn no_error_quotes_more_than_sixty_four_characters_of_its_input() {
    let huge = "9".repeat(5_000_000);
    let probes = [
        config(json!({"poolRate": huge})).unwrap_err(),
        config(json!({ huge.clone(): "1" })).unwrap_err(),
        scenario(json!({"days": 1, "ordersPerDay": 1, "averageOrder": huge})).unwrap_err(),
        load(&format!(r#"{{"format":"{huge}"}}"#)).unwrap_err(),
        load(&format!(r#"{{"format":"points-pool/1","pool":"{huge}"}}"#)).unwrap_err(),
        parse_amount(&huge).unwrap_err(),
        ledger::replay(&mut Pool::default(), &format!("1,purchase,{huge},1")).unwrap_err(),
        ledger::replay(&mut Pool::default(), &format!("1,{huge},A,1")).unwrap_err(),
    ];
    for error in probes {
        let longest = error.to_string().len().max(error.field().map_or(0, str::len));
        assert!(longest < 400, "{}: {} characters", error.code(), longest);
    }
}
