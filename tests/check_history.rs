#![cfg(not(target_arch = "wasm32"))]
//! docs/formats.md §5, 核对 / Check my points: a member's own lines checked against the rules
//! at the prices the platform published.

mod common;
use common::{config, d};

use points_pool::ledger::{check_history, LineKind};
use points_pool::model::rules::Verdict;
use points_pool::{Config, Pool};
use rust_decimal::Decimal;
use serde_json::json;

fn rounded() -> Config {
    config(
        json!({"rounding": {"price": {"scale": 2, "mode": "down"}, "points": {"scale": 2, "mode": "down"}}}),
    )
    .unwrap()
}

/// `(line, field, problem)` of a refusal.
fn refusal(config: &Config, text: &str) -> (Option<u64>, Option<String>, Option<String>) {
    let error = check_history(config, text, None).unwrap_err();
    assert_eq!(error.code(), "invalid_ledger");
    (error.line(), error.field().map(str::to_owned), error.problem().map(str::to_owned))
}

#[test]
fn the_seeds_worked_examples_check_ok_exactly_and_rounded() {
    // Exact mode: each purchase at the price before it, as the engine publishes it.
    let mut pool = Pool::default();
    let mut text = String::from("type,value,price,result\n");
    for member in ["A", "B", "C", "D"] {
        let receipt = pool.purchase(member, d("100")).unwrap();
        text.push_str(&format!("purchase,100,{},{}\n", receipt.price_before, receipt.points_granted));
    }
    let report = check_history(&Config::default(), &text, None).unwrap();
    assert_eq!(report.lines.len(), 4);
    assert!(report.lines.iter().all(|line| line.verdict == Verdict::Ok), "{:?}", report.lines);
    assert_eq!(report.position.points, d("59.4405"));
    assert_eq!(report.position.cap_left, Some(d("800")));
    // The seed's first example with its 2-decimal rounding: A 21.00 at 1, B 14.78 at 1.42, C 37.72 at 1.67.
    let seed = "purchase,100,1,21.00\npurchase,100,1.42,14.78\npurchase,300,1.67,37.72\n";
    let report = check_history(&rounded(), seed, Some(d("2.04"))).unwrap();
    assert!(report.lines.iter().all(|line| line.verdict == Verdict::Ok), "{:?}", report.lines);
    assert_eq!(report.position.points, d("73.50"));
    assert_eq!(report.position.value, Some(d("149.94")), "73.50 points at 2.04");
}

#[test]
fn a_short_grant_and_an_over_cut_cash_out_are_found_with_their_difference() {
    let text =
        "purchase,100,1,21.00\npurchase,100,1.42,14.70\nwithdraw,10,2.04,15.00\nwithdraw,1,2.04,1.63\n";
    let report = check_history(&rounded(), text, Some(d("2.04"))).unwrap();
    let verdicts: Vec<_> = report.lines.iter().map(|line| line.verdict).collect();
    // Money has no rounding rule here (13 decimals): 1.63 for 1.632 is short, whatever the app shows.
    assert_eq!(verdicts, [Verdict::Ok, Verdict::Short, Verdict::Short, Verdict::Short]);
    let short_grant = &report.lines[1];
    assert_eq!((short_grant.expected, short_grant.difference), (d("14.78"), d("-0.08")));
    let over_cut = &report.lines[2];
    assert_eq!(
        (over_cut.kind, over_cut.expected, over_cut.difference),
        (LineKind::Withdraw, d("16.32"), d("-1.32"))
    );
    assert_eq!((report.totals.purchases_short, report.totals.cash_outs_short), (1, 2));
    assert_eq!((report.totals.points_short, report.totals.money_short), (d("0.08"), d("1.322")));
    assert_eq!(report.position.points_short_value, Some(d("0.1632")));
    assert_eq!(report.position.received, d("16.63"));
    let over = check_history(&rounded(), "purchase,100,1,22.00\n", None).unwrap();
    assert_eq!((over.lines[0].verdict, over.lines[0].difference), (Verdict::Over, d("1")));
}

#[test]
fn a_cash_out_past_the_cap_is_checked_as_an_exit() {
    // Spent 10 (cap 20): 2.1 points at 12 would pay 20.16, so the rules pay 20 and end it.
    let text = "purchase,10,1,2.1\nwithdraw,1,5,20\n";
    let report = check_history(&Config::default(), text, None).unwrap();
    let under = &report.lines[1];
    assert!(!under.exits);
    assert_eq!(
        (under.expected, under.verdict),
        (d("4"), Verdict::Over),
        "1 point at 5 pays 4, under the cap"
    );
    let text = "purchase,10,1,2.1\nwithdraw,2.1,12,20\n";
    let exit = &check_history(&Config::default(), text, None).unwrap().lines[1];
    assert_eq!((exit.exits, exit.expected, exit.verdict), (true, d("20"), Verdict::Ok));
}

#[test]
fn friendly_numbers_headers_notes_and_json_lines_are_read() {
    let csv = "note,type,price,value,result\n2026-11-01 订单 1,消费,１,￥１００元,\"21\"\n\"2026-11-02, 提现\",提现,1.5,10,12\n";
    let report = check_history(&Config::default(), csv, None).unwrap();
    assert_eq!(report.lines.len(), 2);
    assert_eq!((report.lines[0].value, report.lines[0].note.as_str()), (d("100"), "2026-11-01 订单 1"));
    assert_eq!(report.lines[1].verdict, Verdict::Ok);
    let jsonl = [
        json!({"type": "purchase", "value": "100", "price": "1", "result": "21"}),
        json!({"type": "redeem", "value": "10", "price": "1.5", "result": "15", "note": "goods"}),
    ]
    .map(|line| line.to_string())
    .join("\r\n");
    let report = check_history(&Config::default(), &jsonl, None).unwrap();
    assert_eq!(report.lines.iter().map(|line| line.verdict).collect::<Vec<_>>(), [Verdict::Ok, Verdict::Ok]);
}

#[test]
fn bad_lines_are_refused_by_line_number_and_the_price_is_never_guessed() {
    let config = Config::default();
    let own = |line: u64, field: Option<&str>, problem: &str| {
        (Some(line), field.map(str::to_owned), Some(problem.to_owned()))
    };
    assert_eq!(
        refusal(&config, "purchase,100,1,21\npurchase,100,,14.7\n"),
        own(2, Some("price"), "missing_price")
    );
    assert_eq!(refusal(&config, "purchase,100,1,21\nsell,1,1,1\n"), own(2, Some("type"), "unknown_type"));
    assert_eq!(refusal(&config, "\n\npurchase,abc,1,21\n"), own(3, Some("value"), "invalid_decimal"));
    assert_eq!(refusal(&config, "purchase,100,1,21,note,extra\n"), own(1, None, "too_many_fields"));
    assert_eq!(
        refusal(&config, "purchase,100,1,21\nwithdraw,22,2,30\n"),
        own(2, Some("value"), "insufficient_points")
    );
    assert_eq!(refusal(&config, "purchase,-100,1,21\n"), own(1, Some("value"), "amount_must_be_positive"));
    assert_eq!(refusal(&config, "type,amount,cost,result\n"), own(1, None, "bad_header"));
    assert_eq!(refusal(&config, "type,value,price\n"), own(1, None, "bad_header"));
    assert_eq!(
        refusal(&config, "{\"type\":\"purchase\",\"value\":100,\"price\":1}\n"),
        own(1, Some("result"), "missing_fields")
    );
    assert_eq!(refusal(&config, "{\"type\":\"purchase\",\"value\":true}\n"), own(1, None, "not_a_row"));
    assert_eq!(
        refusal(&config, "{\"type\":\"purchase\",\"value\":1e2,\"price\":1,\"result\":21}\n"),
        own(1, Some("value"), "invalid_decimal")
    );
    let huge = format!("purchase,{},1,1\n", "9".repeat(70_000));
    assert_eq!(refusal(&config, &huge), own(1, None, "line_too_long"));
    let error = check_history(&config, "purchase,100,1,21\n", Some(Decimal::ZERO)).unwrap_err();
    assert_eq!((error.code(), error.field()), ("amount_must_be_positive", Some("currentPrice")));
}

#[test]
fn full_width_results_keep_their_decimals_and_commas_must_group_thousands() {
    // "２１．００" has two decimals: a grant 0.5 short is short, not within a unit of "21".
    let short = check_history(&rounded(), "purchase,100,1,２０．５０\n", None).unwrap();
    assert_eq!(short.lines[0].verdict, Verdict::Short);
    let fine = check_history(&rounded(), "purchase,\"1,000\",1,２１０。００\n", None).unwrap();
    assert_eq!((fine.lines[0].value, fine.lines[0].verdict), (d("1000"), Verdict::Ok));
    let error = check_history(&rounded(), "purchase,\"1,5\",1,21\n", None).unwrap_err();
    assert_eq!(
        (error.line(), error.field(), error.problem()),
        (Some(1), Some("value"), Some("invalid_decimal"))
    );
}

#[test]
fn lines_after_an_exit_are_checked_not_refused() {
    // The third line reaches the cap exactly (an exit by the rules); the platform kept paying.
    let text = "purchase,100,1,21\nwithdraw,10,20,160\nwithdraw,5,10,40\nwithdraw,6,10,48\n";
    let report = check_history(&Config::default(), text, None).unwrap();
    assert!(report.lines[2].exits);
    let after = &report.lines[3];
    assert_eq!((after.expected, after.verdict), (Decimal::ZERO, Verdict::Over));
    assert!(report.position.exited);
}

#[test]
fn the_formats_members_paste_are_read() {
    // Each history the same three lines (a purchase of ¥1,299 at 1, a withdrawal of 10 at 2 that
    // pays 16, a redemption), written as apps, Excel, WPS and people write them.
    let rules = |text: &str| {
        let report =
            check_history(&Config::default(), text, None).unwrap_or_else(|error| panic!("{text:?}: {error}"));
        report
            .lines
            .iter()
            .map(|line| (line.kind, line.value, line.published, line.verdict))
            .collect::<Vec<_>>()
    };
    let expected = vec![
        (LineKind::Purchase, d("1299"), d("272.79"), Verdict::Ok),
        (LineKind::Withdraw, d("10"), d("16"), Verdict::Ok),
        (LineKind::Redeem, d("1"), d("2"), Verdict::Ok),
    ];
    let histories = [
        // A Chinese header, a unit in brackets, a column the check does not need.
        "类型,金额（元）,积分价格,到账,日期,序号\n消费,\"1,299.00\",1,272.79,2026-11-01,1\n提现,10,2,16,2026-11-02,2\n兑换,1,2,2,2026-11-03,3\n",
        // Tab-separated, as Excel and WPS copy cells; unquoted ¥1,299.00 inside.
        "类型\t金额\t价格\t结果\t备注\n消费\t¥1,299.00\t1\t272.79\t订单 1\n提现\t10\t2\t16\t\n兑换\t1\t2\t2\t\n",
        // `;`, as spreadsheets in many locales save CSV.
        "type;value;price;result\n消费;¥1,299.00;1;272.79\n提现;10;2;16\n兑换;1;2;2\n",
        // Commas with the amount's thousands separators unquoted after ¥: only a number fits there.
        "消费,¥1,299.00,1,272.79\n提现,10,2,¥16.00\n兑换,1,2,2元\n",
        // JSON Lines with numbers (read as the decimals they spell, never through a float) and Chinese keys.
        "{\"type\":\"消费\",\"value\":1299,\"price\":1,\"result\":272.79}\n{\"类型\":\"提现\",\"金额\":10,\"价格\":\"2\",\"到账\":16}\n{\"type\":\"redeem\",\"value\":\"1\",\"price\":2,\"result\":2,\"note\":12345678901234567890}\n",
    ];
    for history in histories {
        assert_eq!(rules(history), expected, "{history:?}");
    }
    // What cannot be read says why: two ways to read a line's thousands, a header with a stranger.
    let two = refusal(&Config::default(), "消费,1,299.00,1,272.79,订单 1\n");
    assert_eq!(two, (Some(1), None, Some("too_many_fields".to_owned())));
    let stranger = refusal(&Config::default(), "类型,金额,价格,到账,颜色\n");
    assert_eq!(stranger, (Some(1), None, Some("bad_header".to_owned())));
}
