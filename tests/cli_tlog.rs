//! The `points-pool` command line run as a user runs it, on temporary folders: exit status
//! 0 / 1 / 2, `--json` codes and fields (never English), publishing twice changing nothing,
//! a changed published row refused by name, and verification of a folder and of a URL served
//! from the loopback address.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_points-pool");

struct Run {
    status: i32,
    json: Value,
}

fn run(args: &[&str]) -> Run {
    let output = Command::new(BIN).arg("--json").args(args).output().expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(stdout.trim()).unwrap_or(Value::Null);
    Run { status: output.status.code().unwrap_or(-1), json }
}

/// A fresh folder under the target directory.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every file of a folder, path and bytes, sorted.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

fn ledger(rows: usize) -> String {
    let mut text = String::from("seq,type,member,value\n");
    for seq in 1..=rows {
        if seq % 5 == 0 {
            text.push_str(&format!("{seq},withdraw,m{},1\n", (seq - 1) % 7));
        } else {
            text.push_str(&format!("{seq},purchase,m{},{}\n", seq % 7, 50 + seq % 90));
        }
    }
    text
}

/// Keys and a published log of `rows` rows.
fn setup(name: &str, rows: usize) -> (PathBuf, PathBuf, PathBuf) {
    let dir = folder(name);
    let keys = dir.join("keys");
    assert_eq!(run(&["keygen", "--name", "shop.example/points", "--out", s(&keys)]).status, 0);
    let ledger_file = dir.join("ledger.csv");
    std::fs::write(&ledger_file, ledger(rows)).unwrap();
    let log = dir.join("log");
    let published = publish(&ledger_file, &log, &keys);
    assert_eq!(published.status, 0, "{:?}", published.json);
    (keys, ledger_file, log)
}

fn publish(ledger: &Path, log: &Path, keys: &Path) -> Run {
    let key = keys.join("log.key");
    let secret = keys.join("tag.secret");
    run(&["publish", s(ledger), "--log", s(log), "--key", s(&key), "--tag-secret", s(&secret)])
}

#[test]
fn publish_twice_changes_nothing_and_verify_passes() {
    let (keys, ledger_file, log) = setup("twice", 600);
    let before = contents(&log);
    let again = publish(&ledger_file, &log, &keys);
    assert_eq!(
        (again.status, &again.json["rowsAdded"], &again.json["filesWritten"]),
        (0, &Value::from(0), &Value::from(0))
    );
    assert_eq!(contents(&log), before, "byte for byte");
    let verified = run(&["verify", s(&log), "--key", s(&keys.join("log.vkey"))]);
    assert_eq!(
        (verified.status, &verified.json["rows"], &verified.json["size"]),
        (0, &Value::from(600), &Value::from(602))
    );
    assert!(keys.join("log.key").exists());
    assert_eq!(
        run(&["keygen", "--name", "shop.example/points", "--out", s(&keys)]).status,
        2,
        "keys are never overwritten"
    );
}

#[test]
fn a_changed_published_row_is_refused_by_name_and_nothing_is_rewritten() {
    let (keys, ledger_file, log) = setup("changed", 300);
    let before = contents(&log);
    let changed = ledger(300).replace("\n7,purchase,m0,57\n", "\n7,purchase,m0,58\n");
    assert_ne!(changed, ledger(300));
    std::fs::write(&ledger_file, changed).unwrap();
    let refused = publish(&ledger_file, &log, &keys);
    assert_eq!(refused.status, 1);
    assert_eq!(refused.json["code"], "log_published_row_changed");
    assert_eq!((&refused.json["entry"], &refused.json["field"]), (&Value::from(7), &Value::from("value")));
    assert_eq!(contents(&log), before);

    std::fs::write(&ledger_file, ledger(300) + "301,withdraw,nobody,1\n").unwrap();
    let bad_row = publish(&ledger_file, &log, &keys);
    assert_eq!(
        (bad_row.status, &bad_row.json["code"], &bad_row.json["line"]),
        (1, &Value::from("invalid_ledger"), &Value::from(302))
    );
    assert_eq!(bad_row.json["field"], "member");
    assert_eq!(contents(&log), before);

    let no_key = run(&[
        "publish",
        s(&ledger_file),
        "--log",
        s(&log),
        "--key",
        "/nonexistent",
        "--tag-secret",
        s(&keys.join("tag.secret")),
    ]);
    assert_eq!(no_key.status, 2);
}

#[test]
fn verify_finds_a_tampered_log_and_audit_a_wrong_price() {
    let (keys, ledger_file, log) = setup("tampered", 300);
    let bundle = log.join("tile/entries/000");
    let mut bytes = std::fs::read(&bundle).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    std::fs::write(&bundle, bytes).unwrap();
    let verified = run(&["verify", s(&log), "--key", s(&keys.join("log.vkey"))]);
    assert_eq!((verified.status, &verified.json["code"]), (1, &Value::from("log_bad_proof")));

    let other = folder("tampered-other-key");
    run(&["keygen", "--name", "shop.example/points", "--out", s(&other)]);
    let wrong_key = run(&["verify", s(&log), "--key", s(&other.join("log.vkey"))]);
    assert_eq!((wrong_key.status, &wrong_key.json["code"]), (1, &Value::from("log_wrong_key")));
    assert_eq!(run(&["verify", s(&log), "--key", "not a key"]).status, 2);

    assert_eq!(run(&["audit", s(&ledger_file)]).status, 0);
    std::fs::write(
        &ledger_file,
        "seq,type,member,value,priceAfter\n1,purchase,A,100,1.42857\n2,purchase,B,100,1.70\n",
    )
    .unwrap();
    let audit = run(&["audit", s(&ledger_file)]);
    assert_eq!(
        (audit.status, &audit.json["code"], &audit.json["line"]),
        (1, &Value::from("invalid_ledger"), &Value::from(3))
    );
}

#[test]
fn a_log_verifies_over_http_and_a_rotated_key_hands_over() {
    let (keys, ledger_file, log) = setup("http", 400);
    let next = log.parent().unwrap().join("next");
    run(&["keygen", "--name", "shop.example/points", "--out", s(&next)]);
    std::fs::write(&ledger_file, ledger(420)).unwrap();
    let rotated = run(&[
        "publish",
        s(&ledger_file),
        "--log",
        s(&log),
        "--key",
        s(&keys.join("log.key")),
        "--tag-secret",
        s(&keys.join("tag.secret")),
        "--rotate-to",
        s(&next.join("log.key")),
    ]);
    assert_eq!(rotated.status, 0, "{:?}", rotated.json);
    for key in [keys.join("log.vkey"), next.join("log.vkey")] {
        assert_eq!(run(&["verify", s(&log), "--key", s(&key)]).status, 0, "{}", key.display());
    }
    // After the hand-over only the new key signs; the old key still verifies through the chain.
    std::fs::write(&ledger_file, ledger(430)).unwrap();
    assert_eq!(publish(&ledger_file, &log, &keys).status, 1, "the old key is no longer in force");
    let new_key = next.join("log.key");
    let same_secret = keys.join("tag.secret");
    let args =
        ["publish", s(&ledger_file), "--log", s(&log), "--key", s(&new_key), "--tag-secret", s(&same_secret)];
    assert_eq!(run(&args).status, 0, "the new key, the platform's same tag secret");
    assert_eq!(run(&["verify", s(&log), "--key", s(&keys.join("log.vkey"))]).status, 0);

    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let serving = Arc::clone(&server);
    let root = log.clone();
    let thread = std::thread::spawn(move || {
        for request in serving.incoming_requests() {
            let path = root.join(request.url().trim_start_matches('/'));
            let _ = match std::fs::read(&path) {
                Ok(bytes) => request.respond(tiny_http::Response::from_data(bytes)),
                Err(_) => request.respond(tiny_http::Response::empty(404)),
            };
        }
    });
    let url = format!("http://127.0.0.1:{port}/");
    let verified = run(&["verify", &url, "--key", s(&next.join("log.vkey"))]);
    assert_eq!((verified.status, &verified.json["rows"]), (0, &Value::from(430)), "{:?}", verified.json);
    let missing = run(&["verify", &format!("{url}nothing-here/"), "--key", s(&next.join("log.vkey"))]);
    assert_eq!((missing.status, &missing.json["code"]), (1, &Value::from("log_missing_tile")));
    server.unblock();
    thread.join().unwrap();
    drop(server);
    let unreachable =
        run(&["verify", &format!("http://127.0.0.1:{port}/"), "--key", s(&next.join("log.vkey"))]);
    assert_eq!(unreachable.status, 2);
}
