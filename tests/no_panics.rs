#![cfg(not(target_arch = "wasm32"))]
//! Fuzzing without nightly: arbitrary bytes and near-valid text into every reader
//! (decimals, snapshots, ledgers, configs, scenarios). Nothing may panic, and a
//! refused ledger leaves the pool as it was.

mod common;

use points_pool::decimal::{parse_amount, parse_points};
use points_pool::{ledger, wire, Pool};
use proptest::prelude::*;

/// Text that is mostly the alphabet of our formats, so the readers get past their
/// first check and deep into their branches.
fn format_text() -> impl Strategy<Value = String> {
    let atoms = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("\"".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("\n".to_owned()),
        Just("-".to_owned()),
        Just(".".to_owned()),
        Just("0".to_owned()),
        Just("9".to_owned()),
        Just("purchase".to_owned()),
        Just("withdraw".to_owned()),
        Just("redeem".to_owned()),
        Just("\"format\":\"points-pool/1\"".to_owned()),
        Just("\"pool\"".to_owned()),
        Just("\"supply\"".to_owned()),
        Just("\"members\"".to_owned()),
        Just("\"totals\"".to_owned()),
        Just("seq,type,member,value,priceAfter".to_owned()),
        Just("1,purchase,a,100,1.4".to_owned()),
        "[ -~]{0,8}",
        "\\PC{0,4}",
    ];
    proptest::collection::vec(atoms, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    // PROPTEST_CASES raises the count for a longer fuzzing run; 2,000 is the floor.
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases.max(2_000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decimal_readers_never_panic(text in prop_oneof![format_text(), "\\PC{0,50}", "[-0-9.]{0,45}"]) {
        let _ = parse_amount(&text);
        let _ = parse_points(&text);
        if let Ok(amount) = parse_amount(&text) {
            let _ = Pool::default().purchase("fuzz", amount);
        }
    }

    #[test]
    fn snapshot_loading_never_panics(text in format_text(), bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = wire::snapshot_from_text(&text);
        let _ = wire::snapshot_from_text(&String::from_utf8_lossy(&bytes));
        let _ = wire::pool_from_state_or_snapshot_text(&text);
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
            let _ = common::config(value.clone());
            let _ = common::scenario(value.clone());
            let _ = common::options(value, 30);
        }
    }

    #[test]
    fn ledger_replay_never_panics_and_a_refusal_changes_nothing(text in format_text()) {
        let mut pool = Pool::default();
        pool.purchase("a", parse_amount("100").unwrap()).unwrap();
        let before = pool.clone();
        if ledger::replay(&mut pool, &text).is_err() {
            prop_assert!(pool == before);
        }
        let _ = ledger::replay_reader(&mut Pool::default(), std::io::Cursor::new(text.as_bytes()));
    }
}
