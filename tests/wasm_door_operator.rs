#![cfg(all(target_arch = "wasm32", feature = "operator"))]
//! The operator's exports at the door (the full build only): ledger replays and audits fed
//! as text or bytes.

use points_pool::wasm::{LedgerAudit, PointsPool};
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

mod door_support;
use door_support::{property, refused, rust, s};

#[wasm_bindgen_test]
fn a_refused_replay_leaves_the_snapshot_unchanged() {
    let mut pool = PointsPool::new(None).unwrap();
    pool.purchase(s("A"), s("100")).unwrap();
    let before = rust(pool.snapshot().unwrap());
    assert_eq!(refused(pool.replay(s("1,purchase,C,10\n2,withdraw,C,999\n"))), "invalid_ledger");
    assert_eq!(rust(pool.snapshot().unwrap()), before);
}

#[wasm_bindgen_test]
fn a_ledger_is_audited_through_js() {
    let mut pool = PointsPool::new(None).unwrap();
    let report = rust(
        pool.replay(s("seq,type,member,value,priceAfter\n1,purchase,A,100,1.4285\n2,purchase,B,100,1.5\n"))
            .unwrap(),
    );
    let mismatch = json!({"seq": 2, "line": 3, "published": "1.5", "computed": "1.6806722689075630252100840336",
                          "computedAtScale": "1.6", "difference": "-0.1806722689075630252100840336"});
    assert_eq!(
        report,
        json!({"receipts": 2, "checked": 2, "mismatches": 1, "finding": "disagreements", "firstMismatch": mismatch,
               "mismatchList": [mismatch], "mismatchListCut": false})
    );
    assert_eq!(refused(pool.replay(JsValue::from_f64(1.0))), "invalid_ledger");
    let bytes = js_sys::Uint8Array::from("1,purchase,C,10\n".as_bytes());
    assert_eq!(rust(pool.replay(bytes.into()).unwrap())["receipts"], json!(1));
}

#[wasm_bindgen_test]
fn a_ledger_is_audited_in_chunks_through_js() {
    let start = PointsPool::new(None).unwrap();
    let mut audit = start.audit();
    let first =
        rust(audit.feed(s("seq,type,member,value,priceAfter\n1,purchase,A,100,1.4285\n2,purch")).unwrap());
    assert_eq!(first["receipts"], json!(1));
    rust(audit.feed(s("ase,B,100,1.5\n3,purchase,C,50")).unwrap());
    let report = rust(audit.finish().unwrap());
    assert_eq!((report["receipts"].clone(), report["mismatches"].clone()), (json!(3), json!(1)));
    assert_eq!(report["firstMismatch"]["seq"], json!(2));
    assert_eq!(rust(audit.pool().state().unwrap())["orders"], json!(3));
    assert_eq!(rust(start.state().unwrap())["orders"], json!(0), "the starting pool is untouched");

    let mut bad = LedgerAudit::new(None).unwrap();
    bad.feed(s("1,purchase,A,100\n")).unwrap();
    let thrown = bad.feed(s("2,purchase,B,ten\n"));
    assert_eq!(
        (property(thrown, "line"), property(bad.feed(s("")), "field"), property(bad.finish(), "problem")),
        (json!(2), json!("value"), json!("invalid_decimal")),
        "the audit stopped at the bad row, and says so on every later call"
    );
}

#[wasm_bindgen_test]
fn ledger_bytes_are_decoded_across_pieces_and_long_lines_refused() {
    let text = "1,purchase,李伟,100\n2,purchase,王芳,50\n".as_bytes();
    for cut in 1..text.len() {
        let mut audit = LedgerAudit::new(None).unwrap();
        audit.feed(js_sys::Uint8Array::from(&text[..cut]).into()).unwrap();
        audit.feed(js_sys::Uint8Array::from(&text[cut..]).into()).unwrap();
        assert_eq!(rust(audit.finish().unwrap())["receipts"], json!(2), "cut at byte {cut}");
    }
    let mut audit = LedgerAudit::new(None).unwrap();
    let piece: JsValue = js_sys::Uint8Array::from(&[b'7'; 16 * 1024][..]).into();
    let mut outcome = Ok(JsValue::UNDEFINED);
    for _ in 0..5 {
        outcome = audit.feed(piece.clone());
        if outcome.is_err() {
            break;
        }
    }
    assert_eq!(property(outcome, "problem"), json!("line_too_long"));
    assert_eq!(property(audit.feed(s("")), "line"), json!(1));
    assert_eq!(refused(audit.feed(JsValue::from_f64(1.0))), "invalid_ledger");
}
