#![cfg(not(target_arch = "wasm32"))]
//! docs/formats.md §3: replaying and auditing published ledgers.

mod common;
use common::{d, pool_with, snapshot_text};

use points_pool::ledger::{self, Replay};
use points_pool::limits::{MAX_LEDGER_LINE_BYTES, MAX_LISTED_MISMATCHES};
use points_pool::{Pool, PoolError};
use rust_decimal::Decimal;
use serde_json::json;

fn rounded_seed_pool() -> Pool {
    pool_with(
        json!({"rounding": {"price": {"scale": 2, "mode": "down"}, "points": {"scale": 2, "mode": "down"}}}),
    )
}

#[test]
fn the_seed_ledger_replays_and_its_prices_pass() {
    let text = "seq,type,member,value,priceAfter\n1,purchase,A,100,1.42\n2,purchase,B,100,1.67\n3,purchase,C,300,2.04\n";
    let mut pool = rounded_seed_pool();
    let report = ledger::replay(&mut pool, text).unwrap();
    assert_eq!((report.receipts, report.checked, report.mismatches), (3, 3, 0));
    assert_eq!(report.first_mismatch(), None);
    assert_eq!(pool.state().supply, d("73.50"));
}

#[test]
fn truncating_and_rounding_publishers_both_pass_and_wrong_prices_are_found() {
    // Exact price after A and B is 60 / 35.7 = 1.68067…
    let text = "1,purchase,A,100,1.4285\n2,purchase,B,100,1.6807\n3,purchase,C,100,1.8574\n4,purchase,D,100,2.0288\n";
    let mut pool = Pool::default();
    let report = ledger::replay(&mut pool, text).unwrap();
    assert_eq!((report.receipts, report.checked, report.mismatches), (4, 4, 2));
    assert_eq!(report.listed.len(), 2, "every mismatch is listed, not only the first");
    let first = report.first_mismatch().unwrap();
    assert_eq!((first.seq, first.line, first.published.as_str()), (3, 3, "1.8574"));
    assert_eq!(first.computed_at_scale, d("1.8674"));
    assert_eq!(first.difference, d("1.8574") - first.computed);
    assert_eq!(report.listed[1].seq, 4);
}

#[test]
fn the_mismatch_list_stops_at_its_limit_but_the_count_goes_on() {
    let extra = 5;
    let rows = MAX_LISTED_MISMATCHES as u64 + extra;
    let mut text = String::new();
    for seq in 1..=rows {
        text.push_str(&format!("{seq},purchase,m,1,999\n"));
    }
    let report = ledger::replay(&mut Pool::default(), &text).unwrap();
    assert_eq!(report.mismatches, rows);
    assert_eq!(report.listed.len(), MAX_LISTED_MISMATCHES);
    assert!(report.list_is_cut());
}

#[test]
fn json_lines_and_csv_give_the_same_pool() {
    let csv = "1,purchase,\"Li, Wei\",100\n2,purchase,\"say \"\"hi\"\"\",50.5,\n3,withdraw,\"Li, Wei\",10\n4,redeem,\"say \"\"hi\"\"\",1\n";
    let jsonl = [
        json!({"seq": 1, "type": "purchase", "member": "Li, Wei", "value": "100"}),
        json!({"seq": 2, "type": "purchase", "member": "say \"hi\"", "value": "50.5", "priceAfter": null}),
        json!({"seq": 3, "type": "withdraw", "member": "Li, Wei", "value": "10"}),
        json!({"seq": 4, "type": "redeem", "member": "say \"hi\"", "value": "1"}),
    ]
    .map(|row| row.to_string())
    .join("\r\n");
    let (mut from_csv, mut from_jsonl) = (Pool::default(), Pool::default());
    assert_eq!(ledger::replay(&mut from_csv, csv).unwrap().receipts, 4);
    assert_eq!(ledger::replay(&mut from_jsonl, &jsonl).unwrap().receipts, 4);
    assert_eq!(from_csv, from_jsonl);
    assert_eq!(from_csv.member("Li, Wei").unwrap().points, d("11"));
}

/// `(line, field, problem)` of an `invalid_ledger`.
fn where_and_what(error: &PoolError) -> (Option<u64>, Option<&str>, Option<&str>) {
    assert_eq!(error.code(), "invalid_ledger", "{error:?}");
    (error.line(), error.field(), error.problem())
}

#[test]
fn a_bad_row_names_its_line_field_and_problem_and_puts_the_pool_back() {
    let cases: [(&str, u64, Option<&str>, &str); 14] = [
        ("1,purchase,A,100\n2,purchase,B,abc\n", 2, Some("value"), "invalid_decimal"),
        ("1,purchase,A,100\n\n3,withdraw,A,22\n", 3, Some("value"), "insufficient_points"),
        ("1,purchase,A,100\n2,sell,A,1\n", 2, Some("type"), "unknown_type"),
        ("1,purchase,A,100\n1,purchase,B,1\n", 2, Some("seq"), "seq_not_increasing"),
        ("1,purchase,A\n", 1, None, "missing_fields"),
        ("x,purchase,A,1\n", 1, Some("seq"), "not_a_whole_number"),
        ("1,purchase,A,100,1.4x\n", 1, Some("priceAfter"), "invalid_decimal"),
        ("1,purchase,A,1,2,3\n", 1, None, "too_many_fields"),
        ("1,purchase,\"A,1\n", 1, None, "unterminated_quote"),
        ("seq,kind,member,value\n", 1, None, "bad_header"),
        ("{\"seq\":1,\"type\":\"purchase\",\"member\":\"A\",\"value\":100}\n", 1, None, "not_a_row"),
        (
            "{\"seq\":1,\"type\":\"purchase\",\"member\":\"A\",\"value\":\"1\",\"x\":1}\n",
            1,
            None,
            "not_a_row",
        ),
        ("1,purchase,,100\n", 1, Some("member"), "invalid_member_id"),
        ("1,withdraw,nobody,1\n", 1, Some("member"), "unknown_member"),
    ];
    for (text, line, field, problem) in cases {
        let mut pool = Pool::default();
        pool.purchase("Z", d("10")).unwrap();
        let before = pool.clone();
        let error = ledger::replay(&mut pool, text).unwrap_err();
        assert_eq!(where_and_what(&error), (Some(line), field, Some(problem)), "{text:?}");
        assert_eq!(pool, before, "{text:?} left the pool changed");
    }
}

#[test]
fn bytes_that_are_not_utf8_are_refused_by_line() {
    let mut replay = Replay::new(Pool::default());
    replay.feed(b"1,purchase,A,100\n").unwrap();
    let error = replay.feed(b"2,purchase,\xff\xfe,100\n").unwrap_err();
    assert_eq!(where_and_what(&error), (Some(2), None, Some("not_utf8")));
}

#[test]
fn a_character_cut_between_pieces_is_joined_before_decoding() {
    let text = "1,purchase,李伟,100\n2,purchase,王芳,50\n".as_bytes();
    for cut in 1..text.len() {
        let mut replay = Replay::new(Pool::default());
        replay.feed(&text[..cut]).unwrap();
        replay.feed(&text[cut..]).unwrap();
        assert_eq!(replay.finish().unwrap().receipts, 2, "cut at byte {cut}");
        assert_eq!(replay.pool().member("李伟").unwrap().spent, d("100"));
    }
}

#[test]
fn a_line_over_64_kb_is_refused_by_number_without_keeping_it() {
    // Arrives in pieces with no line break: refused as soon as it passes the limit.
    let mut replay = Replay::new(Pool::default());
    replay.feed(b"1,purchase,A,100\n").unwrap();
    let piece = vec![b'9'; 4096];
    let mut outcome = Ok(());
    let mut fed = 0;
    while outcome.is_ok() && fed <= MAX_LEDGER_LINE_BYTES + piece.len() {
        outcome = replay.feed(&piece);
        fed += piece.len();
    }
    let error = outcome.unwrap_err();
    assert_eq!(where_and_what(&error), (Some(2), None, Some("line_too_long")));
    assert!(fed <= MAX_LEDGER_LINE_BYTES + piece.len(), "refused once past the limit");
    assert_eq!(replay.pool(), &Pool::default(), "restored");
    // A line exactly at the limit is still read (and refused for what it says, not its length).
    let mut at_limit = format!("1,purchase,A,{}", "1".repeat(MAX_LEDGER_LINE_BYTES - 13)).into_bytes();
    assert_eq!(at_limit.len(), MAX_LEDGER_LINE_BYTES);
    at_limit.push(b'\n');
    let error = ledger::replay(&mut Pool::default(), std::str::from_utf8(&at_limit).unwrap()).unwrap_err();
    assert_eq!(where_and_what(&error), (Some(1), Some("value"), Some("invalid_decimal")));
}

#[test]
fn a_ledger_streams_from_a_reader() {
    let mut text = String::from("\u{feff}seq,type,member,value\n");
    for seq in 1..=2_000 {
        text.push_str(&format!("{seq},purchase,m{},{}\n", seq % 97, 10 + seq % 13));
    }
    let mut from_reader = Pool::default();
    let report = ledger::replay_reader(&mut from_reader, std::io::Cursor::new(text.as_bytes())).unwrap();
    assert_eq!(report.receipts, 2_000);
    let mut from_text = Pool::default();
    ledger::replay(&mut from_text, &text).unwrap();
    assert_eq!(from_reader, from_text);
    from_reader.check_invariants().unwrap();
}

/// A ledger of mixed rows, CRLF line breaks, member names in Chinese and one wrong price.
fn mixed_ledger() -> String {
    let mut lines = vec!["seq,type,member,value,priceAfter".to_owned()];
    let mut pool = Pool::default();
    for seq in 1..=60u64 {
        let member = format!("会员{}", seq % 7);
        let withdrawn = if seq % 4 == 0 {
            pool.withdraw(&member, Decimal::new(5, 1))
                .map(|r| ("withdraw", "0.5".to_owned(), r.price_after))
                .ok()
        } else {
            None
        };
        let (kind, value, price) = withdrawn.unwrap_or_else(|| {
            let amount = format!("{}.{:02}", 10 + seq * 3, seq % 100);
            let price = pool.purchase(&member, d(&amount)).unwrap().price_after;
            ("purchase", amount, price)
        });
        let published = if seq == 41 { "9.9999".to_owned() } else { price.round_dp(6).to_string() };
        lines.push(format!("{seq},{kind},{member},{value},{published}"));
    }
    lines.join("\r\n")
}

#[test]
fn a_ledger_fed_in_pieces_of_any_size_gives_the_same_report_and_pool() {
    let text = mixed_ledger();
    let mut whole = Pool::default();
    let expected = ledger::replay(&mut whole, &text).unwrap();
    assert_eq!((expected.receipts, expected.mismatches), (60, 1));
    assert_eq!(expected.first_mismatch().unwrap().seq, 41);
    for size in [1, 2, 3, 7, 64, 1000] {
        let mut replay = Replay::new(Pool::default());
        // Pieces cut anywhere, through the middle of characters too.
        for piece in text.as_bytes().chunks(size) {
            replay.feed(piece).unwrap();
            assert!(replay.report().receipts <= 60);
        }
        assert_eq!(replay.finish().unwrap(), expected, "pieces of {size} bytes");
        assert_eq!(snapshot_text(replay.pool()), snapshot_text(&whole), "pieces of {size} bytes");
    }
}

#[test]
fn a_refused_piece_restores_the_pool_and_stops_the_replay() {
    let mut replay = Replay::new(Pool::default());
    replay.feed(b"1,purchase,A,100\n2,purchase,B,").unwrap();
    assert_eq!(replay.report().receipts, 1);
    let error = replay.feed(b"abc\n3,purchase,C,100\n").unwrap_err();
    assert_eq!(where_and_what(&error), (Some(2), Some("value"), Some("invalid_decimal")));
    assert_eq!(snapshot_text(replay.pool()), snapshot_text(&Pool::default()), "restored");
    assert_eq!(replay.feed(b"4,purchase,D,1\n").unwrap_err(), error, "stopped");
    assert_eq!(replay.finish().unwrap_err(), error);
}
