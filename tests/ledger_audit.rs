#![cfg(not(target_arch = "wasm32"))]
//! SPEC §8: replaying and auditing published ledgers.

mod common;
use common::j;

use points_pool::{Config, Pool, PoolError};
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn rounded_seed_pool() -> Pool {
    let rounding =
        json!({"rounding": {"price": {"scale": 2, "mode": "down"}, "points": {"scale": 2, "mode": "down"}}});
    Pool::new(Config::from_json(&j(&rounding)).unwrap())
}

#[test]
fn the_seed_ledger_replays_and_its_prices_pass() {
    let ledger = "seq,type,member,value,priceAfter\n1,purchase,A,100,1.42\n2,purchase,B,100,1.67\n3,purchase,C,300,2.04\n";
    let mut pool = rounded_seed_pool();
    let report = pool.replay(ledger).unwrap();
    assert_eq!((report.receipts, report.checked, report.mismatches), (3, 3, 0));
    assert_eq!(report.first_mismatch, None);
    assert_eq!(pool.state().supply, d("73.50"));
}

#[test]
fn truncating_and_rounding_publishers_both_pass_and_wrong_prices_are_found() {
    // Exact price after A and B is 60 / 35.7 = 1.68067…
    let ledger = "1,purchase,A,100,1.4285\n2,purchase,B,100,1.6807\n3,purchase,C,100,1.8574\n4,purchase,D,100,2.0288\n";
    let mut pool = Pool::default();
    let report = pool.replay(ledger).unwrap();
    assert_eq!((report.receipts, report.checked, report.mismatches), (4, 4, 2));
    let first = report.first_mismatch.unwrap();
    assert_eq!((first.seq, first.published.as_str()), (3, "1.8574"));
    assert!(first.computed.starts_with("1.8674"), "{}", first.computed);
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
    assert_eq!(from_csv.replay(csv).unwrap().receipts, 4);
    assert_eq!(from_jsonl.replay(&jsonl).unwrap().receipts, 4);
    assert_eq!(from_csv, from_jsonl);
    assert_eq!(from_csv.member("Li, Wei").unwrap().points, d("11"));
}

#[test]
fn a_bad_row_names_its_line_and_puts_the_pool_back() {
    let cases = [
        ("1,purchase,A,100\n2,purchase,B,abc\n", 2, "invalid_decimal"),
        ("1,purchase,A,100\n\n3,withdraw,A,22\n", 3, "insufficient_points"),
        ("1,purchase,A,100\n2,sell,A,1\n", 2, "type must be"),
        ("1,purchase,A,100\n1,purchase,B,1\n", 2, "does not follow"),
        ("1,purchase,A\n", 1, "a row needs"),
        ("x,purchase,A,1\n", 1, "seq must be a whole number"),
        ("1,purchase,A,100,1.4x\n", 1, "priceAfter"),
        ("1,purchase,A,1,2,3\n", 1, "too many fields"),
        ("seq,kind,member,value\n", 1, "header"),
        ("{\"seq\":1,\"type\":\"purchase\",\"member\":\"A\",\"value\":100}\n", 1, "value must be a string"),
        ("{\"seq\":1,\"type\":\"purchase\",\"member\":\"A\",\"value\":\"1\",\"x\":1}\n", 1, "unknown field"),
        ("1,purchase,,100\n", 1, "invalid_member_id"),
        ("1,withdraw,nobody,1\n", 1, "unknown_member"),
    ];
    for (ledger, line, reason) in cases {
        let mut pool = Pool::default();
        pool.purchase("Z", d("10")).unwrap();
        let before = pool.clone();
        match pool.replay(ledger) {
            Err(PoolError::InvalidLedger { line: got, reason: why }) => {
                assert_eq!(got, line, "{ledger:?}: {why}");
                assert!(why.contains(reason), "{ledger:?}: {why}");
            }
            other => panic!("{ledger:?}: expected invalid_ledger, got {other:?}"),
        }
        assert_eq!(pool, before, "{ledger:?} left the pool changed");
    }
}

#[test]
fn a_ledger_streams_from_a_reader() {
    let mut text = String::from("\u{feff}seq,type,member,value\n");
    for seq in 1..=2_000 {
        text.push_str(&format!("{seq},purchase,m{},{}\n", seq % 97, 10 + seq % 13));
    }
    let mut from_reader = Pool::default();
    let report = from_reader.replay_reader(std::io::Cursor::new(text.as_bytes())).unwrap();
    assert_eq!(report.receipts, 2_000);
    let mut from_text = Pool::default();
    from_text.replay(&text).unwrap();
    assert_eq!(from_reader, from_text);
    from_reader.check_invariants().unwrap();
}

/// A ledger of mixed rows, CRLF line breaks and one wrong price, for the chunked reader.
fn mixed_ledger() -> String {
    let mut lines = vec!["seq,type,member,value,priceAfter".to_owned()];
    let mut pool = Pool::default();
    for seq in 1..=60u64 {
        let member = format!("m{}", seq % 7);
        let receipt = if seq % 4 == 0 {
            let points = Decimal::new(5, 1);
            (pool.withdraw(&member, points).map(|r| ("withdraw", "0.5".to_owned(), r.price_after))).ok()
        } else {
            None
        };
        let (kind, value, price) = receipt.unwrap_or_else(|| {
            let amount = format!("{}.{:02}", 10 + seq * 3, seq % 100);
            let price = pool.purchase(&member, Decimal::from_str(&amount).unwrap()).unwrap().price_after;
            ("purchase", amount, price)
        });
        let published = if seq == 41 { "9.9999".to_owned() } else { price.round_dp(6).to_string() };
        lines.push(format!("{seq},{kind},{member},{value},{published}"));
    }
    lines.join("\r\n")
}

#[test]
fn a_ledger_fed_in_chunks_of_any_size_gives_the_same_report_and_pool() {
    let ledger = mixed_ledger();
    let mut whole = Pool::default();
    let expected = whole.replay(&ledger).unwrap();
    assert_eq!((expected.receipts, expected.mismatches), (60, 1));
    assert_eq!(expected.first_mismatch.as_ref().unwrap().seq, 41);
    for size in [1, 2, 3, 7, 64, 1000] {
        let mut replay = points_pool::ledger::Replay::new(Pool::default());
        let bytes = ledger.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            // Cut at a character boundary, as a streaming UTF-8 decoder does.
            let mut end = (start + size).min(bytes.len());
            while !ledger.is_char_boundary(end) {
                end += 1;
            }
            replay.feed(&ledger[start..end]).unwrap();
            assert!(replay.report().receipts <= 60);
            start = end;
        }
        assert_eq!(replay.finish().unwrap(), expected, "chunks of {size} bytes");
        assert_eq!(replay.pool().snapshot_json(), whole.snapshot_json(), "chunks of {size} bytes");
    }
}

#[test]
fn a_refused_chunk_restores_the_pool_and_stops_the_replay() {
    let mut replay = points_pool::ledger::Replay::new(Pool::default());
    replay.feed("1,purchase,A,100\n2,purchase,B,").unwrap();
    assert_eq!(replay.report().receipts, 1);
    let error = replay.feed("abc\n3,purchase,C,100\n").unwrap_err();
    assert_eq!(error.code(), "invalid_ledger");
    assert!(error.to_string().contains("line 2"), "{error}");
    assert_eq!(replay.pool().snapshot_json(), Pool::default().snapshot_json(), "restored");
    assert_eq!(replay.feed("4,purchase,D,1\n").unwrap_err(), error, "stopped");
    assert_eq!(replay.finish().unwrap_err(), error);
}
