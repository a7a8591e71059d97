#![cfg(not(target_arch = "wasm32"))]
//! docs/formats.md §3: `\n`, `\r\n` and a bare `\r` end a line alike in every reader (a ledger
//! replayed whole or fed in pieces cut anywhere, a member's history), and a report that checked
//! nothing says so.

mod common;
use common::snapshot_text;

use points_pool::ledger::{check_history, replay, Finding, Replay};
use points_pool::{Config, Pool, PoolError};

const ENDINGS: [&str; 3] = ["\n", "\r\n", "\r"];

/// A ledger of `rows` purchases whose published prices are all wrong but the first.
fn wrong_prices(rows: usize, ending: &str) -> String {
    let mut text = format!("seq,type,member,value,priceAfter{ending}");
    for seq in 1..=rows {
        let price = if seq == 1 { "1.4285" } else { "9.99" };
        text.push_str(&format!("{seq},purchase,m{seq},100,{price}{ending}"));
    }
    text
}

/// Feeds `text` cut at `cuts`, then finishes: the pool after, the report or the refusal.
fn fed(text: &str, cuts: &[usize]) -> (String, Result<points_pool::ledger::AuditReport, PoolError>) {
    let mut replay = Replay::new(Pool::default());
    let mut start = 0;
    let mut outcome = Ok(());
    for &cut in cuts.iter().chain([&text.len()]) {
        outcome = outcome.and_then(|()| replay.feed(&text.as_bytes()[start..cut]));
        start = cut;
    }
    let report = outcome.and_then(|()| replay.finish());
    (snapshot_text(replay.pool()), report)
}

#[test]
fn a_ledger_with_bare_carriage_returns_is_read_line_by_line() {
    // Issue 21: 500 rows ended by `\r`, 499 of them with a wrong price, checked 0 prices.
    for ending in ENDINGS {
        let mut pool = Pool::default();
        let report = replay(&mut pool, &wrong_prices(500, ending)).unwrap();
        assert_eq!((report.receipts, report.checked, report.mismatches), (500, 500, 499), "{ending:?}");
        assert_eq!(report.listed[0].line, 3, "{ending:?}: lines are counted the same");
    }
}

#[test]
fn every_ending_and_every_cut_gives_the_same_pool_and_report() {
    let reference = fed(&wrong_prices(6, "\n"), &[]);
    for ending in ENDINGS {
        let text = wrong_prices(6, ending);
        for cut in 0..=text.len() {
            assert_eq!(fed(&text, &[cut]), reference, "{ending:?} cut at {cut}");
        }
        // Every line end cut from its line: a `\r` ending one piece, its `\n` opening the next.
        let ends: Vec<usize> = text.match_indices(['\r', '\n']).map(|(at, _)| at + 1).collect();
        assert_eq!(fed(&text, &ends), reference, "{ending:?} cut after every end");
    }
}

#[test]
fn a_refused_row_is_named_by_the_same_line_whatever_the_ending() {
    for ending in ENDINGS {
        let text = format!("1,purchase,A,100{ending}{ending}2,purchase,B,abc{ending}");
        let error = replay(&mut Pool::default(), &text).unwrap_err();
        assert_eq!((error.code(), error.line(), error.field()), ("invalid_ledger", Some(3), Some("value")));
    }
}

#[test]
fn a_history_with_bare_carriage_returns_is_checked_line_by_line() {
    // Issue 21: this checked 0 lines.
    let text = "type,value,price,result\rpurchase,100,1,21\rpurchase,100,1,1\r";
    let report = check_history(&Config::default(), text, None).unwrap();
    assert_eq!(report.lines.len(), 2);
    assert_eq!((report.lines[1].line, report.totals.purchases_short), (3, 1));
    assert_eq!(report.finding(), Finding::Disagreements);
    for ending in ENDINGS {
        let lines = format!("purchase,100,1,21{ending}withdraw,10,2,16{ending}");
        let report = check_history(&Config::default(), &lines, None).unwrap();
        assert_eq!((report.lines.len(), report.finding()), (2, Finding::AllAgree), "{ending:?}");
    }
}

#[test]
fn a_report_that_checked_nothing_says_so() {
    let mut pool = Pool::default();
    let without_prices = replay(&mut pool, "1,purchase,A,100\r2,purchase,B,100\r").unwrap();
    assert_eq!((without_prices.receipts, without_prices.checked), (2, 0));
    assert_eq!(without_prices.finding(), Finding::NothingChecked);
    let all_follow = replay(&mut Pool::default(), "1,purchase,A,100,1.4285\n").unwrap();
    assert_eq!(all_follow.finding(), Finding::AllAgree);
    for empty in ["", "\r\n\r\n", "type,value,price,result\r"] {
        let report = check_history(&Config::default(), empty, None).unwrap();
        assert_eq!(report.finding(), Finding::NothingChecked, "{empty:?}");
    }
}
