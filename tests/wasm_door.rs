#![cfg(target_arch = "wasm32")]
//! The JavaScript door under Node (`wasm-pack test --node -- --test wasm_door`): every
//! export driven with real JS values, results decoded and compared whole, errors
//! checked for `name`, `code`, `field` and `line` (never for their English text).

use js_sys::{Object, Reflect};
use points_pool::wasm::{version, PointsPool};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

mod door_support;
use door_support::{js, property, refused, rust, s};

#[wasm_bindgen_test]
fn the_seed_table_through_js() {
    let mut pool = PointsPool::new(None).unwrap();
    let expected =
        [("A", "21", "35.7"), ("B", "14.7", "35.7"), ("C", "12.495", "48.195"), ("D", "11.2455", "59.4405")];
    let first = rust(pool.purchase(s("A"), s("100")).unwrap());
    assert_eq!(
        first,
        json!({
            "memberId": "A", "amount": "100", "contribution": "30", "grantValue": "21", "priceBefore": "1",
            "pointsGranted": "21", "priceAfter": "1.4285714285714285714285714286", "pool": "30", "supply": "21",
            "reserved": "0"
        })
    );
    for (member, granted, supply) in &expected[1..] {
        let receipt = rust(pool.purchase(s(member), s("100")).unwrap());
        assert_eq!(receipt["pointsGranted"], json!(granted), "{member}");
        assert_eq!(receipt["supply"], json!(supply), "{member}");
        assert_eq!(receipt["memberId"], json!(member));
    }
    let state = rust(pool.state().unwrap());
    assert_eq!(state["orders"], json!(4));
    assert_eq!(
        state["totals"],
        json!({"contributed": "120", "paidOut": "0", "redeemed": "0", "reserved": "0"})
    );
    assert!(state["price"].as_str().unwrap().starts_with("2.0188"));
}

#[wasm_bindgen_test]
fn the_rounded_seed_example_through_js() {
    let config =
        json!({"rounding": {"price": {"scale": 2, "mode": "down"}, "points": {"scale": 2, "mode": "down"}}});
    let mut pool = PointsPool::new(Some(js(config))).unwrap();
    pool.purchase(s("A"), s("100")).unwrap();
    pool.purchase(s("B"), s("100")).unwrap();
    let c = rust(pool.purchase(s("C"), s("300")).unwrap());
    assert_eq!(
        (c["pointsGranted"].clone(), c["supply"].clone(), c["priceAfter"].clone()),
        (json!("37.72"), json!("73.5"), json!("2.04"))
    );
}

#[wasm_bindgen_test]
fn cash_outs_goods_quotes_and_the_member_view() {
    let mut pool = PointsPool::new(Some(JsValue::NULL)).unwrap();
    pool.purchase(s("A"), s("100")).unwrap();
    pool.purchase(s("B"), s("100")).unwrap();
    let quote = rust(pool.quote_withdrawal(s("A"), s("10")).unwrap());
    let receipt = rust(pool.withdraw(s("A"), s("10")).unwrap());
    let mut expected = quote.clone();
    expected["memberId"] = json!("A");
    assert_eq!(receipt, expected);
    assert_eq!(receipt["payout"], json!("13.4453781512604"));
    assert_eq!(receipt["exited"], json!(false));
    let goods = rust(pool.redeem(s("B"), s("1")).unwrap());
    assert_eq!(goods["payout"], goods["gross"]);
    let quoted_goods = rust(pool.quote_redemption(s("B"), s("1")).unwrap());
    assert!(quoted_goods.get("memberId").is_none());
    let member = rust(pool.member(s("A")).unwrap());
    assert_eq!(member["points"], json!("11"));
    assert_eq!(member["received"], json!("13.4453781512604"));
    assert_eq!(member["capLeft"], json!("186.5546218487396"));
    assert_eq!(member["exited"], json!(false));
    let purchase_quote = rust(pool.quote_purchase(s("50")).unwrap());
    assert!(purchase_quote.get("memberId").is_none());
    assert_eq!(purchase_quote["contribution"], json!("15"));
    assert_eq!(rust(pool.config().unwrap())["exitMultiple"], json!("2"));
}

#[wasm_bindgen_test]
fn every_error_code_reaches_js_with_name_and_code() {
    let mut pool = PointsPool::new(None).unwrap();
    pool.purchase(s("A"), s("100")).unwrap();
    let near_limit = json!({
        "format": "points-pool/1", "pool": "999999999999999", "supply": "1", "orders": 1,
        "totals": {"contributed": "999999999999999", "paidOut": "0", "redeemed": "0"}
    });
    let full = PointsPool::from_snapshot(js(near_limit)).unwrap();
    let whole_points = json!({"rounding": {"points": {"scale": 0, "mode": "down"}}});
    let whole = PointsPool::new(Some(js(whole_points))).unwrap();
    let cents = json!({"rounding": {"money": {"scale": 2, "mode": "down"}}});
    let mut cents = PointsPool::new(Some(js(cents))).unwrap();
    cents.purchase(s("A"), s("100")).unwrap();
    let no_history = JsValue::UNDEFINED;
    let cases: Vec<Result<JsValue, JsValue>> = vec![
        pool.quote_purchase(s("1e3")),
        pool.quote_purchase(s("0")),
        pool.quote_purchase(s("10000000000000")),
        pool.quote_purchase(s("1.12345678901")),
        pool.quote_withdrawal(s("A"), s("0")),
        pool.quote_withdrawal(s("A"), s("22")),
        pool.quote_withdrawal(s("nobody"), s("1")),
        pool.member(s("")),
        pool.member(JsValue::from_f64(7.0)),
        pool.holding(s("1"), s("100"), s("201")),
        points_pool::wasm::check_history(no_history.clone(), s("purchase,abc,1,1"), no_history.clone()),
        PointsPool::new(Some(js(json!({"poolRate": "2"})))).map(JsValue::from),
        PointsPool::from_snapshot(js(json!({"format": "x"}))).map(JsValue::from),
        points_pool::wasm::project(pool.public_snapshot().unwrap(), js(json!({"days": 0}))),
        full.quote_purchase(s("1000000000000")),
        whole.quote_purchase(s("1")),
        cents.quote_withdrawal(s("A"), s("0.001")),
        cents.holding(s("-1"), s("100"), s("0")),
    ];
    let reached: Vec<String> = cases.into_iter().map(refused).collect();
    // Every code the engine lists, but the guard's (a freed, failed or foreign JS object, a call
    // during another call), which only JavaScript can reach (tests/js/guard.test.mjs), and a
    // log's, reached in tests/wasm_tlog.rs.
    let codes = rust(points_pool::wasm::error_codes().unwrap())["codes"].clone();
    for code in codes.as_array().unwrap().iter().map(|code| code.as_str().unwrap()) {
        let guard_only = ["object_freed", "object_failed", "foreign_object", "engine_busy"].contains(&code);
        if !guard_only && !code.starts_with("log_") {
            assert!(reached.iter().any(|seen| seen == code), "{code} never reached through JS");
        }
    }
}

#[wasm_bindgen_test]
fn js_numbers_are_refused_where_decimals_belong() {
    let mut pool = PointsPool::new(None).unwrap();
    assert_eq!(refused(pool.purchase(s("A"), JsValue::from_f64(100.0))), "invalid_decimal");
    assert_eq!(refused(pool.quote_purchase(JsValue::from_f64(0.1))), "invalid_decimal");
    pool.purchase(s("A"), s("100")).unwrap();
    assert_eq!(refused(pool.withdraw(s("A"), JsValue::from_f64(1.0))), "invalid_decimal");
    assert_eq!(refused(PointsPool::new(Some(js(json!({"poolRate": 0.3}))))), "invalid_config");
    assert_eq!(property(PointsPool::new(Some(js(json!({"poolRate": 0.3})))), "field"), json!("poolRate"));
    assert_eq!(refused(PointsPool::new(Some(js(json!({"payoutrate": "0.8"}))))), "invalid_config");
    let nested = json!({"rounding": {"money": {"scale": "2", "mode": "down"}}});
    assert_eq!(property(PointsPool::new(Some(js(nested))), "field"), json!("rounding.money.scale"));
    let scenario = json!({"days": 3, "ordersPerDay": 1, "averageOrder": 100});
    let public = PointsPool::new(None).unwrap().public_snapshot().unwrap();
    assert_eq!(property(points_pool::wasm::project(public, js(scenario)), "field"), json!("averageOrder"));
}

#[wasm_bindgen_test]
fn a_failed_call_leaves_the_snapshot_unchanged() {
    let mut pool = PointsPool::new(None).unwrap();
    pool.purchase(s("A"), s("100")).unwrap();
    pool.purchase(s("B"), s("55.5")).unwrap();
    let before = rust(pool.snapshot().unwrap());
    let _ = pool.purchase(s("C"), s("-1"));
    let _ = pool.withdraw(s("A"), s("1000"));
    let _ = pool.redeem(s("Z"), s("1"));
    assert_eq!(rust(pool.snapshot().unwrap()), before);
}

#[wasm_bindgen_test]
fn snapshots_round_trip_through_js() {
    let mut pool = PointsPool::new(Some(js(json!({"exitMultiple": null})))).unwrap();
    pool.purchase(s("甲"), s("100")).unwrap();
    pool.purchase(s("乙"), s("300")).unwrap();
    pool.withdraw(s("甲"), s("5")).unwrap();
    let snapshot = pool.snapshot().unwrap();
    assert!(
        Reflect::get(&snapshot, &s("members")).unwrap().is_instance_of::<Object>(),
        "members is a plain object"
    );
    let loaded = PointsPool::from_snapshot(snapshot.clone()).unwrap();
    assert_eq!(rust(loaded.snapshot().unwrap()), rust(snapshot.clone()));
    let as_text = js_sys::JSON::stringify(&snapshot).unwrap();
    let from_text = PointsPool::from_snapshot(as_text.into()).unwrap();
    assert_eq!(rust(from_text.snapshot().unwrap()), rust(snapshot));
    let public = rust(pool.public_snapshot().unwrap());
    assert!(public.get("members").is_none());
    assert_eq!(public["config"]["exitMultiple"], Value::Null);
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(version().unwrap(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn project_and_holding_through_js() {
    let mut pool = PointsPool::new(None).unwrap();
    for n in 0..100 {
        pool.purchase(s(&format!("m{n}")), s("100")).unwrap();
    }
    let public = pool.public_snapshot().unwrap();
    let scenario =
        json!({"days": 7, "ordersPerDay": 10, "averageOrder": "100", "points": "21", "spent": "100"});
    let projection = rust(points_pool::wasm::project(public.clone(), js(scenario.clone())).unwrap());
    assert_eq!(projection["days"].as_array().unwrap().len(), 8);
    assert_eq!(projection["days"][0]["price"], rust(pool.state().unwrap())["price"]);
    assert_eq!(projection["method"], json!("closedForm"));
    let options = js(json!({"runs": 50, "seed": 7}));
    let bands = rust(points_pool::wasm::monte_carlo(public.clone(), js(scenario.clone()), options).unwrap());
    assert_eq!((bands["runs"].clone(), bands["days"].as_array().unwrap().len()), (json!(50), 8));
    assert_eq!(bands["days"][0]["price"]["p10"], bands["days"][0]["price"]["p90"], "day 0 is now");
    let too_many = js(json!({"runs": 10001, "seed": 7}));
    assert_eq!(
        refused(points_pool::wasm::monte_carlo(public.clone(), js(scenario.clone()), too_many)),
        "invalid_scenario"
    );
    let bad = json!({"days": 0, "ordersPerDay": 10, "averageOrder": "100"});
    assert_eq!(refused(points_pool::wasm::project(public.clone(), js(bad))), "invalid_scenario");
    assert_eq!(
        refused(points_pool::wasm::project(js(json!({"format": "x"})), js(json!({})))),
        "invalid_snapshot"
    );
    let loaded = PointsPool::from_snapshot(public).unwrap();
    let holding = rust(loaded.holding(s("21"), s("100"), JsValue::UNDEFINED).unwrap());
    assert_eq!(holding["value"], rust(pool.member(s("m0")).unwrap())["value"]);
    assert!(holding["breakEvenMultiple"].is_string());
    // JSON escapes give JavaScript strings with lone surrogates, which Rust strings cannot hold.
    let surrogates = [r#""a\ud800""#, r#""a\udc00""#].map(|id| js_sys::JSON::parse(id).unwrap());
    for id in surrogates {
        assert_eq!(refused(pool.member(id)), "invalid_member_id", "a lone surrogate is not an id");
    }
    let unknown = rust(loaded.holding(s("21"), JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap());
    assert_eq!(unknown["capLeft"], Value::Null);
    assert_eq!(
        refused(loaded.holding(JsValue::from_f64(21.0), JsValue::UNDEFINED, JsValue::UNDEFINED)),
        "invalid_decimal"
    );
}

#[wasm_bindgen_test]
fn friendly_input_is_read_by_the_engine_at_the_door() {
    use points_pool::wasm::friendly_decimal;
    let plain = |text: &str| friendly_decimal(s(text), s("amount")).map(|value| value.as_string().unwrap());
    for (typed, expected) in
        [("１００元", "100"), ("¥1,000.50", "1000.50"), ("1\u{a0}000", "1000"), ("Rmb 5", "5"), ("99.", "99")]
    {
        assert_eq!(plain(typed).unwrap(), expected, "{typed:?}");
    }
    // Too big or too precise comes back as written: the call that uses it names its own code.
    assert_eq!(plain("10000000000000").unwrap(), "10000000000000");
    for typed in ["abc", "1,5", "", "."] {
        let result = friendly_decimal(s(typed), s("spent"));
        assert_eq!(property(result, "field"), json!("spent"), "{typed:?}");
        assert_eq!(refused(friendly_decimal(s(typed), JsValue::UNDEFINED)), "invalid_decimal");
    }
}

#[wasm_bindgen_test]
fn a_bare_state_is_a_pool_and_what_is_wrong_with_it_is_said() {
    let pool = PointsPool::from_state(js(
        json!({"pool": "3000", "supply": "579.93", "config": {"payoutRate": "0.7"}}),
    ))
    .unwrap();
    assert_eq!(rust(pool.state().unwrap())["pool"], json!("3000"));
    assert_eq!(rust(pool.config().unwrap())["payoutRate"], json!("0.7"));
    // What an embed without its pool (or with a misspelled attribute) gives: the engine's refusal.
    for (state, field) in [
        (json!({"pool": "abc", "supply": "100"}), json!("pool")),
        (json!({"pool": "3000", "supply": null}), json!("supply")),
        (json!({"pool": "3000", "suply": "100"}), json!("suply")),
        (json!({"pool": "3000", "supply": "1", "config": {"payoutRate": "2"}}), json!("config.payoutRate")),
        (json!({"supply": "100"}), json!("pool")),
        (json!({"pool": "0", "supply": "100"}), json!("pool")),
    ] {
        assert_eq!(refused(PointsPool::from_state(js(state.clone()))), "invalid_snapshot", "{state}");
        assert_eq!(property(PointsPool::from_state(js(state.clone())), "field"), field, "{state}");
    }
}

#[wasm_bindgen_test]
fn limits_reach_javascript() {
    let limits = rust(points_pool::wasm::limits().unwrap());
    assert_eq!(limits["maxAmount"], json!("1000000000000"));
    assert_eq!(limits["maxOrders"], json!(9_007_199_254_740_991u64), "2^53 − 1, exactly");
    assert_eq!(limits["maxCheckLines"], json!(100_000));
}

#[wasm_bindgen_test]
fn a_purchase_split_adds_up_to_the_amount() {
    use points_pool::wasm::purchase_split;
    let split = rust(purchase_split(s("100"), s("30"), s("21.0594")).unwrap());
    assert_eq!(
        split,
        json!({"amount": "100", "merchant": "70", "contribution": "30", "yours": "21.0594", "earlier": "8.9406"})
    );
    assert_eq!(refused(purchase_split(JsValue::from_f64(100.0), s("30"), s("21"))), "invalid_decimal");
}

#[wasm_bindgen_test]
fn objects_are_read_whole_with_the_field_at_fault_named() {
    // Unknown keys are refused at every depth, naming the key; a member id is quoted.
    let nested = json!({"rounding": {"points": {"scale": 2, "mode": "down", "x": 1}}});
    assert_eq!(property(PointsPool::new(Some(js(nested))), "field"), json!("rounding.points.x"));
    let mut pool = PointsPool::new(None).unwrap();
    pool.purchase(s("李伟"), s("100")).unwrap();
    let mut snapshot = rust(pool.snapshot().unwrap());
    snapshot["members"]["李伟"]["exited"] = json!("no");
    assert_eq!(
        property(PointsPool::from_snapshot(js(snapshot.clone())), "field"),
        json!("members.\"李伟\".exited")
    );
    snapshot["members"]["李伟"]["exited"] = json!(false);
    snapshot["members"]["李伟"]["colour"] = json!("red");
    assert_eq!(property(PointsPool::from_snapshot(js(snapshot)), "field"), json!("members.\"李伟\".colour"));
    // An array is not an object, at the top or inside.
    assert_eq!(refused(PointsPool::new(Some(js(json!([1]))))), "invalid_config");
    let as_array = json!({"rounding": {"money": [2, "down"]}});
    assert_eq!(property(PointsPool::new(Some(js(as_array))), "field"), json!("rounding.money"));
    // `undefined` in a config is a field left out (the default cap); `null` is no cap.
    let left_out = Object::new();
    Reflect::set(&left_out, &s("exitMultiple"), &JsValue::UNDEFINED).unwrap();
    let config = |pool: PointsPool| rust(pool.config().unwrap())["exitMultiple"].clone();
    assert_eq!(config(PointsPool::new(Some(left_out.clone().into())).unwrap()), json!("2"));
    assert_eq!(config(PointsPool::new(Some(js(json!({"exitMultiple": null})))).unwrap()), Value::Null);
    let mut public = rust(pool.public_snapshot().unwrap());
    public["config"] = json!({});
    let snapshot = js(public);
    Reflect::set(&snapshot, &s("config"), &left_out).unwrap();
    assert_eq!(config(PointsPool::from_snapshot(snapshot.clone()).unwrap()), json!("2"));
    // A bare state for a projection: its config read the same way; `format` makes it a snapshot.
    let state = js(json!({"pool": "3000", "supply": "579.93"}));
    Reflect::set(&state, &s("config"), &left_out).unwrap();
    let scenario =
        js(json!({"days": 3, "ordersPerDay": 1, "averageOrder": "100", "points": "21", "spent": "100"}));
    let capped = rust(points_pool::wasm::project(state.clone(), scenario.clone()).unwrap());
    assert!(capped["days"][0]["capLeft"].is_string(), "the default cap applies");
    Reflect::set(&state, &s("format"), &JsValue::NULL).unwrap();
    assert_eq!(property(points_pool::wasm::project(state, scenario), "field"), json!("format"));
}
