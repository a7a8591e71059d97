#![cfg(all(feature = "log-check", target_arch = "wasm32"))]
//! The log's door under Node (`wasm-pack test --node -- --test wasm_tlog`): the member's check
//! and full verification driven as a page drives them, on the logs in tests/fixtures/tlog (the
//! publisher's own output, tests/tlog_fixtures.rs), and each refusal's `code`, `entry` and
//! `field` (never its English).

use std::collections::BTreeMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use js_sys::{Error, Reflect, Uint8Array, JSON};
#[cfg(feature = "operator")]
use points_pool::wasm::tlog::LogAudit;
use points_pool::wasm::tlog::{member_row_tag, LogCheck};
use points_pool::wasm::tlog_lines::LogLines;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

type Log = BTreeMap<String, Vec<u8>>;

fn log(text: &str) -> Log {
    text.lines()
        .map(|line| {
            let (path, bytes) = line.split_once('\t').unwrap();
            (path.to_owned(), STANDARD.decode(bytes).unwrap())
        })
        .collect()
}

fn base() -> Log {
    log(include_str!("fixtures/tlog/base.txt"))
}
fn grown() -> Log {
    log(include_str!("fixtures/tlog/grown.txt"))
}
fn fork() -> Log {
    log(include_str!("fixtures/tlog/fork.txt"))
}
fn other() -> Log {
    log(include_str!("fixtures/tlog/other.txt"))
}

fn checkpoint(log: &Log) -> String {
    String::from_utf8(log["checkpoint"].clone()).unwrap()
}

/// The fixtures' verifier key (tests/tlog_support: seed [7; 32]).
fn key() -> String {
    points_pool::tlog::note::VerifierKey::text_of(
        "pool.example/log",
        ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key().as_bytes(),
    )
}

fn rust(value: JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(&value).unwrap())).unwrap()
}

/// `code`, `entry` and `field` of a thrown PoolError.
fn refusal(thrown: JsValue) -> (String, Value, Value) {
    let error: Error = thrown.dyn_into().expect("a JS Error");
    assert_eq!(String::from(error.name()), "PoolError");
    let get = |name: &str| {
        let value = Reflect::get(&error, &name.into()).unwrap();
        if value.is_undefined() {
            Value::Null
        } else {
            rust(value)
        }
    };
    (get("code").as_str().unwrap().to_owned(), get("entry"), get("field"))
}

/// The member's check as the element runs it: every path the plan names, fetched from `log`.
fn check(log: &Log, previous: Option<&str>) -> Result<Value, JsValue> {
    let mut check = LogCheck::new(key().into(), JsValue::UNDEFINED)?;
    let plan =
        rust(check.checkpoint(checkpoint(log).into(), previous.map_or(JsValue::UNDEFINED, JsValue::from))?);
    for path in plan["paths"].as_array().unwrap() {
        let path = path.as_str().unwrap();
        if let Some(bytes) = log.get(path) {
            check.tile(path.into(), Uint8Array::from(&bytes[..]).into())?;
        }
    }
    check.result().map(rust)
}

#[wasm_bindgen_test]
fn the_members_check_gives_the_logs_last_state() {
    let verified = check(&base(), None).unwrap();
    assert_eq!(verified["size"], 302);
    assert_eq!(verified["entry"], 301);
    assert_eq!(verified["lastSeq"], 3000);
    assert_eq!(verified["extends"], 0);
    assert_eq!(verified["origin"], "pool.example/log");
    assert_eq!(verified["fingerprint"].as_str().unwrap().len(), 16);
    assert_eq!(verified["config"]["exitMultiple"], "2");
    assert!(verified["state"]["price"].as_str().unwrap().parse::<f64>().unwrap() > 1.0);
    let mut planned = LogCheck::new(key().into(), JsValue::UNDEFINED).unwrap();
    let plan = rust(planned.checkpoint(checkpoint(&grown()).into(), checkpoint(&base()).into()).unwrap());
    assert!(plan["paths"].as_array().unwrap().len() <= 6, "{plan}");
    let grown_verified = check(&grown(), Some(&checkpoint(&base()))).unwrap();
    assert_eq!((grown_verified["extends"].clone(), grown_verified["size"].clone()), (302.into(), 353.into()));
}

#[wasm_bindgen_test]
fn rollbacks_forks_and_rewritten_history_are_refused() {
    let code = |result: Result<Value, JsValue>| refusal(result.expect_err("should be refused")).0;
    assert_eq!(code(check(&base(), Some(&checkpoint(&grown())))), "log_rollback");
    assert_eq!(code(check(&fork(), Some(&checkpoint(&base())))), "log_fork");
    assert_eq!(code(check(&other(), Some(&checkpoint(&base())))), "log_inconsistent");
    check(&base(), Some(&checkpoint(&base()))).expect("the same checkpoint again");
}

#[wasm_bindgen_test]
fn tampered_files_keys_and_notes_are_refused_with_their_codes() {
    let mut edited = base();
    let bundle = edited.get_mut("tile/entries/001.p/46").unwrap();
    let at = bundle.len() - 60;
    bundle[at] ^= 1;
    assert_eq!(refusal(check(&edited, None).unwrap_err()).0, "log_bad_proof");

    let mut truncated = base();
    truncated.get_mut("tile/0/001.p/46").unwrap().pop();
    let (code, _, field) = refusal(check(&truncated, None).unwrap_err());
    assert_eq!((code.as_str(), field), ("log_bad_tile", Value::from("tile/0/001.p/46")));

    let mut missing = base();
    missing.remove("tile/1/000.p/1");
    let (code, _, field) = refusal(check(&missing, None).unwrap_err());
    assert_eq!((code.as_str(), field), ("log_missing_tile", Value::from("tile/1/000.p/1")));

    let mut malformed = base();
    malformed.insert("checkpoint".into(), b"pool.example/log\n302\n".to_vec());
    assert_eq!(refusal(check(&malformed, None).unwrap_err()).0, "log_malformed_note");

    let other_key = points_pool::tlog::note::VerifierKey::text_of(
        "pool.example/log",
        &[
            0x3b, 0x6a, 0x27, 0xbc, 0xce, 0xb6, 0xa4, 0x2d, 0x62, 0xa3, 0xa8, 0xd0, 0x2a, 0x6f, 0x0d, 0x73,
            0x65, 0x32, 0x15, 0x77, 0x1d, 0xe2, 0x43, 0xa6, 0x3a, 0xc0, 0x48, 0xa1, 0x8b, 0x59, 0xda, 0x29,
        ],
    );
    let mut wrong = LogCheck::new(other_key.into(), JsValue::UNDEFINED).unwrap();
    let base_checkpoint = || JsValue::from(checkpoint(&base()));
    assert_eq!(
        refusal(wrong.checkpoint(base_checkpoint(), JsValue::UNDEFINED).unwrap_err()).0,
        "log_wrong_key"
    );
    let mut elsewhere = LogCheck::new(key().into(), "elsewhere.example/log".into()).unwrap();
    let refused = elsewhere.checkpoint(base_checkpoint(), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(refusal(refused).0, "log_wrong_origin");
    assert_eq!(
        refusal(LogCheck::new("not a key".into(), JsValue::UNDEFINED).err().unwrap()).0,
        "log_bad_key"
    );

    let witness =
        "\u{2014} witness.example/w1 AAAAAQ7T7vgwhTKGPqP8Aua7gNpbcXm0g5Hj0u2Lt6KYQJQTR4sZzvUdYqJCtsIDTQ==\n";
    let mut cosigned = base();
    cosigned.insert("checkpoint".into(), format!("{}{witness}", checkpoint(&base())).into_bytes());
    check(&cosigned, None).expect("an unknown cosignature is ignored");
}

/// The full build's full verification (verify.html); the member's build leaves it out.
#[cfg(feature = "operator")]
#[wasm_bindgen_test]
fn full_verification_in_pieces() {
    let log = grown();
    let mut audit = LogAudit::new(key().into(), JsValue::UNDEFINED).unwrap();
    let files = audit.checkpoint(checkpoint(&log).into()).unwrap();
    let mut fed = 0;
    while let Some(path) = audit.next_path().unwrap() {
        let progress =
            rust(audit.feed(path.clone().into(), Uint8Array::from(&log[&path][..]).into()).unwrap());
        fed += 1;
        assert_eq!(progress["filesDone"], fed);
    }
    assert_eq!(fed, files);
    let report = rust(audit.finish().unwrap());
    assert_eq!((report["rows"].clone(), report["size"].clone()), (350.into(), 353.into()));
    assert_eq!(report["fingerprint"], check(&log, None).unwrap()["fingerprint"]);

    let mut edited = log.clone();
    let bundle = edited.get_mut("tile/entries/000").unwrap();
    bundle[100] ^= 1;
    let mut audit = LogAudit::new(key().into(), JsValue::UNDEFINED).unwrap();
    audit.checkpoint(checkpoint(&edited).into()).unwrap();
    while let Some(path) = audit.next_path().unwrap() {
        audit.feed(path.clone().into(), Uint8Array::from(&edited[&path][..]).into()).unwrap();
    }
    assert_eq!(refusal(audit.finish().unwrap_err()).0, "log_bad_proof");
}

#[wasm_bindgen_test]
fn a_members_tags_are_computed_here_as_the_publisher_does() {
    let secret = points_pool::tlog::tag::member_secret(&[42; 32], "m3");
    let hex = points_pool::tlog::hash::to_hex(&secret);
    let tag = member_row_tag(hex.clone().into(), "pool.example/log".into(), 30.0).unwrap();
    assert_eq!(tag, points_pool::tlog::tag::row_tag(&secret, "pool.example/log", 30));
    assert_eq!(refusal(member_row_tag("xyz".into(), "o".into(), 1.0).unwrap_err()).0, "log_bad_key");
    assert_eq!(refusal(member_row_tag(hex.into(), "o".into(), 1.5).unwrap_err()).0, "log_bad_entry");
}

/// The fixture's row entries: (entry, seq, text, tag).
fn rows(log: &Log) -> Vec<(u64, u64, String, String)> {
    use points_pool::tlog::entry::{parse, Entry};
    use points_pool::tlog::tile::{TileId, TileKind};
    let size = 302;
    let mut all = Vec::new();
    for index in 0..2 {
        let tile = TileId::in_tree(TileKind::Entries, index, size).unwrap();
        all.extend(points_pool::tlog::bundle::split(&tile, &log[&tile.path()]).unwrap());
    }
    all.iter()
        .enumerate()
        .filter_map(|(at, bytes)| match parse(at as u64, bytes).unwrap() {
            Entry::Row(row) => {
                Some((at as u64, row.seq, String::from_utf8(bytes.clone()).unwrap(), row.tag.to_owned()))
            }
            _ => None,
        })
        .collect()
}

/// `lines` of the member whose secret is `secret`, against `log`, as check-log.js runs it.
fn lines_report(log: &Log, secret: &str, lines: &str) -> Result<Value, JsValue> {
    let mut check = LogCheck::new(key().into(), JsValue::UNDEFINED)?;
    let plan = rust(check.checkpoint(checkpoint(log).into(), JsValue::UNDEFINED)?);
    for path in plan["paths"].as_array().unwrap() {
        let path = path.as_str().unwrap();
        check.tile(path.into(), Uint8Array::from(&log[path][..]).into())?;
    }
    check.result()?;
    let mut search: LogLines = check.lines(secret.into(), lines.into())?;
    loop {
        let paths = search.next_paths()?;
        if paths.is_empty() {
            break;
        }
        for path in paths {
            if let Some(bytes) = log.get(&path) {
                search.tile(path.into(), Uint8Array::from(&bytes[..]).into())?;
            }
        }
    }
    search.report().map(rust)
}

#[wasm_bindgen_test]
fn a_members_lines_are_included_missing_or_different_against_the_log() {
    let secret = points_pool::tlog::tag::member_secret(&[42; 32], "m3");
    let hex = points_pool::tlog::hash::to_hex(&secret);
    let all = rows(&base());
    let mine: Vec<_> = all
        .iter()
        .filter(|row| row.3 == points_pool::tlog::tag::row_tag(&secret, "pool.example/log", row.1))
        .collect();
    let line = |row: &(u64, u64, String, String), result: Option<&str>| {
        let fields: Vec<&str> = row.2.trim_end().split(' ').collect();
        format!("{},{},{},1,{}", row.1, fields[2], fields[3], result.unwrap_or(fields[4]))
    };
    let first = *mine.first().unwrap();
    // In the first bundle: the search fetches it, and the tiles that prove it.
    let theirs = all.iter().find(|row| !mine.contains(row)).unwrap();
    let text = format!(
        "seq,type,value,price,result\n{}\n{}\n{}\n15,purchase,100,1,40\n",
        line(first, None),
        line(first, Some("12345")),
        line(theirs, None)
    );
    let report = lines_report(&base(), &hex, &text).unwrap();
    let verdicts: Vec<(Value, Value, Value)> = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| (line["verdict"].clone(), line["entry"].clone(), line["fields"].clone()))
        .collect();
    assert_eq!(
        verdicts,
        vec![
            ("included".into(), first.0.into(), serde_json::json!([])),
            ("different".into(), first.0.into(), serde_json::json!(["result"])),
            ("missing".into(), theirs.0.into(), serde_json::json!(["tag"])),
            ("missing".into(), Value::Null, serde_json::json!([])),
        ]
    );
    assert_eq!(report["lines"][1]["published"], Value::from(first.2.clone()));
    assert_eq!(
        (report["included"].clone(), report["missing"].clone(), report["different"].clone()),
        (1.into(), 2.into(), 1.into())
    );

    // A bundle served edited is refused, never read as the member's rows.
    let mut edited = base();
    edited.get_mut("tile/entries/000").unwrap()[40] ^= 1;
    let only_first = format!("seq,type,value,price,result\n{}\n", line(first, None));
    let mut check = LogCheck::new(key().into(), JsValue::UNDEFINED).unwrap();
    let plan = rust(check.checkpoint(checkpoint(&base()).into(), JsValue::UNDEFINED).unwrap());
    for path in plan["paths"].as_array().unwrap() {
        let path = path.as_str().unwrap();
        check.tile(path.into(), Uint8Array::from(&base()[path][..]).into()).unwrap();
    }
    check.result().unwrap();
    let mut search = check.lines(hex.clone().into(), only_first.clone().into()).unwrap();
    for path in search.next_paths().unwrap() {
        search.tile(path.clone().into(), Uint8Array::from(&edited[&path][..]).into()).unwrap();
    }
    assert_eq!(refusal(search.next_paths().unwrap_err()).0, "log_bad_proof");
    assert_eq!(refusal(lines_report(&base(), "xyz", &only_first).unwrap_err()).0, "log_bad_key");
}
