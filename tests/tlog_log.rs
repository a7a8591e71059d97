#![cfg(not(target_arch = "wasm32"))]
//! A log published from a ledger, checked the member's way and in full, and every kind of
//! tampering refused with its own code (docs/formats.md §4, docs/verification.md).

mod tlog_support;

use points_pool::ledger::replay;
use points_pool::tlog::entry::{self, Entry};
use points_pool::tlog::tag::{member_secret, row_tag};
use points_pool::tlog::Checkpoint;
use points_pool::Pool;
use tlog_support::*;

#[test]
fn a_published_log_verifies_in_full_and_the_members_way() {
    let ledger = ledger(600, 1);
    let log = published(&ledger);
    let mut expected = Pool::default();
    replay(&mut expected, &ledger).unwrap();

    let report = audit(&log).expect("full verification passes");
    assert_eq!((report.entries, report.rows), (602, 600));
    let verified = check(&log, None).expect("the member's check passes");
    assert_eq!(verified.entry, 601);
    assert_eq!(verified.pool.state(), expected.state());
    assert_eq!(verified.pool.config(), expected.config());
    assert_eq!(verified.last_seq, Some(6000));
    assert_eq!(verified.fingerprint, report.fingerprint);
    assert_eq!(verified.fingerprint.len(), 16);
}

#[test]
fn publishing_again_changes_nothing_and_more_rows_extend_the_log() {
    let ledger = ledger(600, 2);
    let mut log = published(&ledger);
    let before = log.clone();
    let again = publish_into(&mut log, &ledger).unwrap();
    assert_eq!((again.files_written, again.rows_added, again.size), (0, 0, 602));
    assert_eq!(log, before, "byte for byte");

    let longer = ledger + "6010,purchase,late,100\n6020,purchase,later,55.5\n";
    let grown = publish_into(&mut log, &longer).unwrap();
    assert_eq!((grown.size_before, grown.size, grown.rows_added), (602, 605, 2));
    for (path, bytes) in &before.0 {
        if path != "checkpoint" {
            assert_eq!(&log.0[path], bytes, "{path} was rewritten");
        }
    }
    let verified = check(&log, Some(&before.checkpoint())).expect("the new checkpoint extends the old");
    assert_eq!((verified.extends, verified.entry), (602, 604));
    audit(&log).expect("full verification passes");
}

#[test]
fn a_changed_or_missing_published_row_is_refused_by_name() {
    let ledger = ledger(300, 3);
    let mut log = published(&ledger);
    let before = log.clone();
    let mut lines: Vec<String> = ledger.lines().map(str::to_owned).collect();
    lines[1] = lines[1].replace(",m", ",x");
    let changed = lines.join("\n") + "\n";
    let Err(points_pool::tlog::publish::PublishError::Refused(error)) = publish_into(&mut log, &changed)
    else {
        panic!("a changed row must be refused");
    };
    assert_eq!(
        (error.code(), error.entry(), error.field()),
        ("log_published_row_changed", Some(1), Some("member"))
    );

    let mut lines: Vec<&str> = ledger.lines().collect();
    lines.truncate(lines.len() - 5);
    let shorter = lines.join("\n") + "\n";
    assert_eq!(publish_code(publish_into(&mut log, &shorter)), "log_published_row_missing");
    assert_eq!(log, before, "nothing published is rewritten");
}

#[test]
fn each_row_has_its_own_tag_and_only_its_member_finds_it() {
    let ledger = ledger(200, 4);
    let log = published(&ledger);
    let secret = member_secret(&PLATFORM_SECRET, "m3");
    let mut tags = std::collections::HashSet::new();
    let mut found = 0;
    for (index, bytes) in entries(&log).iter().enumerate() {
        if let Entry::Row(row) = entry::parse(index as u64, bytes).unwrap() {
            assert!(tags.insert(row.tag.to_owned()), "tags never repeat");
            found += usize::from(row.tag == row_tag(&secret, ORIGIN, row.seq));
        }
    }
    let m3_rows = ledger.lines().filter(|line| line.split(',').nth(2) == Some("m3")).count();
    assert!(m3_rows > 0);
    assert_eq!(found, m3_rows);
}

/// The log with entry `index` replaced, re-signed: a platform rewriting its history.
fn rewritten(log: &MemoryLog, change: impl FnOnce(&mut Vec<Vec<u8>>)) -> MemoryLog {
    let mut all = entries(log);
    change(&mut all);
    log_of(&all, &signer())
}

#[test]
fn rewriting_history_is_caught_by_full_verification_and_by_a_returning_member() {
    let log = published(&ledger(600, 5));
    let seen = log.checkpoint();
    let edited = rewritten(&log, |all| {
        let text = String::from_utf8(all[7].clone()).unwrap();
        let mut fields: Vec<&str> = text.split(' ').collect();
        let more = format!("{}1", fields[4]);
        fields[4] = &more;
        all[7] = fields.join(" ").into_bytes();
    });
    let error = audit(&edited).unwrap_err();
    assert_eq!(
        (error.code(), error.entry(), error.field()),
        ("log_replay_mismatch", Some(7), Some("result"))
    );
    assert_eq!(code(check(&edited, Some(&seen))), "log_fork");

    let removed = rewritten(&log, |all| {
        all.remove(9);
    });
    assert_eq!(audit(&removed).unwrap_err().code(), "log_replay_mismatch");
    assert_eq!(code(check(&removed, Some(&seen))), "log_rollback");

    // Rows moved with their figures: the replay disagrees at once.
    let swapped = rewritten(&log, |all| all.swap(10, 11));
    let error = audit(&swapped).unwrap_err();
    assert_eq!((error.code(), error.entry()), ("log_replay_mismatch", Some(10)));
    // Rows relabelled so the figures still follow: the order of seq gives it away.
    let relabelled = rewritten(&log, |all| {
        let seq =
            |entry: &[u8]| String::from_utf8(entry.to_vec()).unwrap().split(' ').nth(1).unwrap().to_owned();
        let (a, b) = (seq(&all[10]), seq(&all[11]));
        let swap = |entry: &[u8], from: &str, to: &str| {
            String::from_utf8(entry.to_vec())
                .unwrap()
                .replacen(&format!("row {from} "), &format!("row {to} "), 1)
                .into_bytes()
        };
        all[10] = swap(&all[10], &a, &b);
        all[11] = swap(&all[11], &b, &a);
    });
    let error = audit(&relabelled).unwrap_err();
    assert_eq!((error.code(), error.entry(), error.field()), ("log_out_of_order", Some(11), Some("seq")));

    let regrown = rewritten(&log, |all| {
        all.remove(9);
        all.extend(entries(&published(&ledger(2, 6))).into_iter().skip(1).take(2));
    });
    assert_eq!(code(check(&regrown, Some(&seen))), "log_inconsistent");
}

#[test]
fn tampered_files_are_refused_with_their_own_codes() {
    let log = published(&ledger(600, 7));
    let size = Checkpoint::read(&log.checkpoint()).unwrap().size;
    assert_eq!(size, 602);

    // An edited row that nobody re-signed: the bytes are not the signed ones.
    let mut edited = log.clone();
    let bundle = edited.0.get_mut("tile/entries/002.p/90").unwrap();
    let at = bundle.len() - 100;
    bundle[at] ^= 1;
    assert_eq!(code(check(&edited, None)), "log_bad_proof");
    assert_eq!(code(audit(&edited)), "log_bad_proof");

    let mut truncated = log.clone();
    truncated.0.get_mut("tile/0/002.p/90").unwrap().pop();
    let error = check(&truncated, None).unwrap_err();
    assert_eq!((error.code(), error.field()), ("log_bad_tile", Some("tile/0/002.p/90")));

    let mut missing = log.clone();
    missing.0.remove("tile/1/000.p/2");
    let error = check(&missing, None).unwrap_err();
    assert_eq!((error.code(), error.field()), ("log_missing_tile", Some("tile/1/000.p/2")));

    let mut bad_tile = log.clone();
    bad_tile.0.get_mut("tile/0/000").unwrap()[5] ^= 1;
    assert_eq!(code(audit(&bad_tile)), "log_bad_proof");

    let other_key = other_signer().verifier_text();
    assert_eq!(code(check_with(&log, &other_key, None, None)), "log_wrong_key");
    let error = check_with(&log, &signer().verifier_text(), Some("elsewhere.example/log"), None).unwrap_err();
    assert_eq!(error.code(), "log_wrong_origin");

    let mut malformed = log.clone();
    malformed.0.insert("checkpoint".into(), b"pool.example/log\n602\nnot a note".to_vec());
    assert_eq!(code(check(&malformed, None)), "log_malformed_note");

    let mut forged = log.clone();
    let text = log.checkpoint();
    let at = text.len() - 6;
    let mut bytes = text.into_bytes();
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    forged.0.insert("checkpoint".into(), bytes);
    assert_eq!(code(check(&forged, None)), "log_bad_signature");
}

#[test]
fn rollbacks_and_forks_against_the_checkpoint_a_member_kept() {
    let small = published(&ledger(300, 8));
    let mut big = small.clone();
    publish_into(&mut big, &ledger(400, 8)).unwrap();
    assert_eq!(code(check(&small, Some(&big.checkpoint()))), "log_rollback");
    let fork = published(&ledger(300, 9));
    assert_eq!(
        Checkpoint::read(&fork.checkpoint()).unwrap().size,
        Checkpoint::read(&small.checkpoint()).unwrap().size
    );
    assert_eq!(code(check(&fork, Some(&small.checkpoint()))), "log_fork");
    assert_eq!(code(check(&big, Some(&fork.checkpoint()))), "log_inconsistent");
    check(&small, Some(&small.checkpoint())).expect("the same checkpoint again is fine");
}

#[test]
fn an_unknown_extra_signature_is_ignored() {
    let mut log = published(&ledger(50, 10));
    let witness = points_pool::tlog::sign::NoteSigner::from_seed("witness.example/w1", [3; 32]).unwrap();
    let text = log.checkpoint();
    let body = &text[..text.find("\n\n").unwrap() + 1];
    let cosigned = format!("{text}{}", witness.signature_line(body));
    log.0.insert("checkpoint".into(), cosigned.into_bytes());
    check(&log, None).expect("a witness's cosignature changes nothing");
    audit(&log).expect("and full verification agrees");
}

#[test]
fn exits_replay_and_an_exit_that_pays_too_much_is_caught() {
    let config = points_pool::wire::config_from_value(serde_json::json!({
        "poolRate": "1", "grantRate": "0.5", "exitMultiple": "1"
    }))
    .unwrap();
    let mut ledger = String::from("1,purchase,a,100\n2,purchase,b,100\n");
    for seq in 3..40 {
        ledger.push_str(&format!("{seq},purchase,c{seq},100\n"));
    }
    // a cashes out part of its points and exits (burns them all); b cashes out all at once.
    ledger.push_str("40,withdraw,a,40\n41,withdraw,b,25\n");
    let mut log = MemoryLog::default();
    publish_with(&mut log, &ledger, config.clone()).unwrap();
    let all = entries(&log);
    let exits: Vec<String> = all[40..42].iter().map(|e| String::from_utf8(e.clone()).unwrap()).collect();
    assert!(exits[0].starts_with("row 40 withdraw 40 100 50 "), "{}", exits[0]);
    assert!(exits[1].starts_with("row 41 withdraw 25 100 25 "), "{}", exits[1]);
    audit(&log).expect("exits replay");

    let greedy = rewritten(&log, |all| {
        all[40] = String::from_utf8(all[40].clone())
            .unwrap()
            .replacen(" 40 100 50 ", " 40 1000 50 ", 1)
            .into_bytes();
    });
    let error = audit(&greedy).unwrap_err();
    assert_eq!(
        (error.code(), error.entry(), error.field()),
        ("log_replay_mismatch", Some(40), Some("result"))
    );
}

#[test]
fn a_checkpoint_claiming_a_huge_log_is_refused_before_anything_is_planned() {
    use points_pool::tlog::sign::sign_note;
    use points_pool::tlog::{LogAudit, LogCheck};
    let root = [0u8; 32];
    let claiming = |size: u64, signer: &points_pool::tlog::sign::NoteSigner| {
        sign_note(&Checkpoint::body(ORIGIN, size, &root), &[signer])
    };
    let key = signer().verifier_text();
    // Full verification plans every file: a size past MAX_AUDITED_LOG_ENTRIES is refused, signed
    // by the log's key or (a key hand-over is only known later) by any other.
    for (size, by) in [(100_000_001, signer()), (1 << 62, other_signer()), ((1 << 53) - 1, other_signer())] {
        let error = LogAudit::new(&key, None).unwrap().checkpoint(&claiming(size, &by)).unwrap_err();
        assert_eq!((error.code(), error.field()), ("limit_exceeded", Some("size")), "size {size}");
    }
    // Past 2^53 − 1 no page could be told the size exactly: the member's check refuses it too.
    let error =
        LogCheck::new(&key, None).unwrap().checkpoint(&claiming(1 << 53, &signer()), None).unwrap_err();
    assert_eq!((error.code(), error.field()), ("limit_exceeded", Some("size")));
    // Up to it, the member's check plans its few tiles.
    let plan =
        LogCheck::new(&key, None).unwrap().checkpoint(&claiming((1 << 53) - 1, &signer()), None).unwrap();
    assert!(plan.paths.len() <= 8, "{:?}", plan.paths);
}

#[test]
fn an_entry_decimal_written_unnormalized_is_refused_by_name() {
    let log = published(&ledger(20, 5));
    let bytes = entries(&log)[1].clone();
    let text = String::from_utf8(bytes).unwrap();
    assert!(entry::parse(1, text.as_bytes()).is_ok());
    let fields: Vec<&str> = text.trim_end().split(' ').collect();
    // `row seq type value …`: each decimal field, padded with a trailing zero (`100` → `100.0`).
    for (at, name) in [(3, "value"), (4, "result"), (6, "priceAfter")] {
        let mut changed: Vec<String> = fields.iter().map(|field| (*field).to_owned()).collect();
        changed[at] = if changed[at].contains('.') {
            format!("{}0", changed[at])
        } else {
            format!("{}.0", changed[at])
        };
        let changed = format!("{}\n", changed.join(" "));
        let error = entry::parse(1, changed.as_bytes()).unwrap_err();
        assert_eq!((error.code(), error.field()), ("log_bad_entry", Some(name)), "{changed}");
    }
}
