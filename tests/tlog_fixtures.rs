#![cfg(not(target_arch = "wasm32"))]
//! The logs the wasm door tests read (tests/fixtures/tlog/*.txt, one `path<TAB>base64` line per
//! file): made here by the publisher, so they are what it writes today. A format change fails
//! this test; `UPDATE_FIXTURES=1 cargo test --test tlog_fixtures` writes them anew.

mod tlog_support;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use tlog_support::*;

/// base: 300 rows; grown: the same and 50 more; fork: another 300 rows (same size, other
/// root); other: another history longer than base.
fn fixtures() -> Vec<(&'static str, MemoryLog)> {
    let base = published(&ledger(300, 11));
    let mut grown = base.clone();
    publish_into(&mut grown, &ledger(350, 11)).unwrap();
    let fork = published(&ledger(300, 12));
    let mut other = fork.clone();
    publish_into(&mut other, &ledger(350, 12)).unwrap();
    vec![("base", base), ("grown", grown), ("fork", fork), ("other", other)]
}

fn text(log: &MemoryLog) -> String {
    log.0.iter().map(|(path, bytes)| format!("{path}\t{}\n", STANDARD.encode(bytes))).collect()
}

#[test]
fn the_wasm_fixtures_are_what_the_publisher_writes() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tlog");
    for (name, log) in fixtures() {
        let path = folder.join(format!("{name}.txt"));
        if std::env::var_os("UPDATE_FIXTURES").is_some() {
            std::fs::write(&path, text(&log)).unwrap();
        }
        let kept = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            kept == text(&log),
            "{} is stale: run UPDATE_FIXTURES=1 cargo test --test tlog_fixtures",
            path.display()
        );
    }
}
