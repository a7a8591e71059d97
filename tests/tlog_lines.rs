#![cfg(not(target_arch = "wasm32"))]
//! 核对 against the log (docs/formats.md §5, "Against the log"): a member's lines, found in the
//! verified tree by seq and tag, are included, missing or different; a search reads only a few
//! bundles, every one proved against the signed root. Verdicts, fields and codes, never English.

mod tlog_support;

use points_pool::tlog::entry::{self, Entry};
use points_pool::tlog::hash::to_hex;
use points_pool::tlog::tag::{member_secret, row_tag};
use points_pool::tlog::{LineFinding, LineVerdict, LogCheck};
use points_pool::PoolError;
use tlog_support::*;

/// Every row of the log: (entry, seq, the entry's text, tag).
fn rows(log: &MemoryLog) -> Vec<(u64, u64, String, String)> {
    entries(log)
        .iter()
        .enumerate()
        .filter_map(|(index, bytes)| match entry::parse(index as u64, bytes).unwrap() {
            Entry::Row(row) => {
                Some((index as u64, row.seq, String::from_utf8(bytes.clone()).unwrap(), row.tag.to_owned()))
            }
            _ => None,
        })
        .collect()
}

fn secret_of(member: &str) -> [u8; 32] {
    member_secret(&PLATFORM_SECRET, member)
}

/// The member's rows as receipts show them: `seq,type,value,price,result` (price read past).
fn receipts(log: &MemoryLog, member: &str) -> Vec<(u64, String)> {
    let secret = secret_of(member);
    rows(log)
        .into_iter()
        .filter(|(_, seq, _, tag)| *tag == row_tag(&secret, ORIGIN, *seq))
        .map(|(index, seq, text, _)| {
            let fields: Vec<&str> = text.trim_end().split(' ').collect();
            (index, format!("{seq},{},{},1,{}", fields[2], fields[3], fields[4]))
        })
        .collect()
}

fn text(lines: &[String]) -> String {
    format!("seq,type,value,price,result\n{}\n", lines.join("\n"))
}

/// The member's check of `log`, then `lines` under `member`'s secret, fetching from `serve`
/// (a file it does not have is not fed). Gives the findings and the rounds it took.
fn check_lines_from(
    log: &MemoryLog,
    serve: &MemoryLog,
    member: &str,
    lines: &str,
) -> Result<(Vec<LineFinding>, usize, usize), PoolError> {
    let mut check = LogCheck::new(&signer().verifier_text(), None)?;
    let plan = check.checkpoint(&log.checkpoint(), None)?;
    for path in &plan.paths {
        check.tile(path, &log.file(path))?;
    }
    check.result()?;
    let mut search = check.lines(&to_hex(&secret_of(member)), lines)?;
    let mut rounds = 0;
    loop {
        let paths = search.next_paths()?;
        if paths.is_empty() {
            break;
        }
        rounds += 1;
        assert!(rounds <= 40, "the search ends");
        for path in paths {
            if let Some(bytes) = serve.0.get(&path) {
                search.tile(&path, bytes)?;
            }
        }
    }
    Ok((search.findings()?, rounds, search.files()))
}

fn check_lines(log: &MemoryLog, member: &str, lines: &str) -> (Vec<LineFinding>, usize, usize) {
    check_lines_from(log, log, member, lines).expect("the lines are checked")
}

#[test]
fn every_members_rows_are_found_included_with_their_entries() {
    // Seqs 10, 20, …: the entry index is not the seq, and the search must find each by its seq.
    let log = published(&ledger(1500, 3));
    for member in (0..12).map(|n| format!("m{n}")) {
        let mine = receipts(&log, &member);
        assert!(!mine.is_empty(), "{member} has rows");
        let lines: Vec<String> = mine.iter().map(|(_, line)| line.clone()).collect();
        let (findings, rounds, _) = check_lines(&log, &member, &text(&lines));
        assert_eq!(findings.len(), mine.len());
        for (finding, (index, _)) in findings.iter().zip(&mine) {
            assert_eq!(finding.verdict, LineVerdict::Included, "{member}: {finding:?}");
            assert_eq!(finding.entry, Some(*index));
            assert_eq!(finding.published, None);
        }
        // 6 bundles: a handful of rounds, never one per line.
        assert!(rounds <= 8, "{member}: {rounds} rounds");
    }
}

#[test]
fn a_changed_line_is_different_with_the_published_bytes() {
    let log = published(&ledger(300, 11));
    let mine = receipts(&log, "m3");
    let (index, line) = mine[0].clone();
    let mut fields: Vec<String> = line.split(',').map(str::to_owned).collect();
    fields[4] = format!("{}1", fields[4]); // the result, one digit longer
    let (findings, _, _) = check_lines(&log, "m3", &text(&[fields.join(",")]));
    let published = rows(&log).into_iter().find(|row| row.0 == index).unwrap().2;
    assert_eq!(findings[0].verdict, LineVerdict::Different);
    assert_eq!(findings[0].fields, vec!["result"]);
    assert_eq!(findings[0].entry, Some(index));
    assert_eq!(findings[0].published.as_deref(), Some(published.as_str()));
    assert_eq!(findings[0].line, 2, "the header is line 1");

    // The same amount written otherwise (`100` and `100.00`, a currency sign) is the same line.
    let value = format!("¥{}.00", fields[2]);
    let same = format!("{},{},{},1,{}", fields[0], fields[1], value, line.split(',').nth(4).unwrap());
    if !fields[2].contains('.') {
        let (findings, _, _) = check_lines(&log, "m3", &text(&[same]));
        assert_eq!(findings[0].verdict, LineVerdict::Included);
    }
    // Another type is a difference in `type`.
    let other = if fields[1] == "purchase" { "withdraw" } else { "purchase" };
    let typed = line.replacen(&fields[1], other, 1);
    let (findings, _, _) = check_lines(&log, "m3", &text(&[typed]));
    assert_eq!((findings[0].verdict, findings[0].fields.clone()), (LineVerdict::Different, vec!["type"]));
}

#[test]
fn a_seq_the_log_lacks_or_another_members_row_is_missing() {
    let log = published(&ledger(300, 11));
    let mine = receipts(&log, "m3");
    let theirs = receipts(&log, "m4");
    let (their_index, their_line) = theirs[0].clone();
    let lines = [
        "15,purchase,100,1,40".to_owned(),     // between seq 10 and 20: no such row
        "5,purchase,100,1,40".to_owned(),      // before the first row
        "999999,purchase,100,1,40".to_owned(), // past the last seq: nothing fetched for it
        their_line,                            // m4's row, claimed by m3
        mine[1].1.clone(),
    ];
    let (findings, _, _) = check_lines(&log, "m3", &text(&lines));
    let verdicts: Vec<_> = findings.iter().map(|f| (f.verdict, f.entry, f.fields.clone())).collect();
    assert_eq!(
        verdicts,
        vec![
            (LineVerdict::Missing, None, vec![]),
            (LineVerdict::Missing, None, vec![]),
            (LineVerdict::Missing, None, vec![]),
            (LineVerdict::Missing, Some(their_index), vec!["tag"]),
            (LineVerdict::Included, Some(mine[1].0), vec![]),
        ]
    );
    assert!(findings[3].published.as_deref().unwrap().starts_with("row "));
    // A line past the last seq asks for nothing.
    let (_, rounds, files) = check_lines(&log, "m3", &text(&lines[2..3]));
    assert_eq!((rounds, files), (0, 0));
}

#[test]
fn a_host_serving_other_bytes_or_nothing_is_refused() {
    let log = published(&ledger(1500, 3));
    let mine = receipts(&log, "m1");
    let first = text(&[mine[0].1.clone()]);
    // The bundle holding the member's first row, edited by one byte.
    let bundle = format!("tile/entries/{:03}", mine[0].0 / 256);
    let mut edited = log.clone();
    let bytes = edited.0.get_mut(&bundle).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 1;
    assert_eq!(check_lines_from(&log, &edited, "m1", &first).unwrap_err().code(), "log_bad_proof");
    let mut removed = log.clone();
    removed.0.remove(&bundle);
    assert_eq!(check_lines_from(&log, &removed, "m1", &first).unwrap_err().code(), "log_missing_tile");
}

#[test]
fn lines_need_their_seq_and_the_secret_its_form() {
    let log = published(&ledger(300, 11));
    let no_seq = "type,value,price,result\npurchase,100,1,40\n";
    let error = check_lines_from(&log, &log, "m3", no_seq).unwrap_err();
    assert_eq!(
        (error.code(), error.field(), error.problem()),
        ("invalid_ledger", Some("seq"), Some("missing_fields"))
    );
    let bad_seq = "序号,类型,金额,价格,到账\n1.5,消费,100,1,40\n";
    let error = check_lines_from(&log, &log, "m3", bad_seq).unwrap_err();
    assert_eq!((error.field(), error.problem()), (Some("seq"), Some("not_a_whole_number")));
    // A seq is written back to the page as a number: past 2^53 − 1 it could not be, exactly.
    let huge_seq = "seq,type,value,price,result\n9007199254740992,purchase,100,1,40\n";
    let error = check_lines_from(&log, &log, "m3", huge_seq).unwrap_err();
    assert_eq!((error.field(), error.problem()), (Some("seq"), Some("limit_exceeded")));

    let mut check = LogCheck::new(&signer().verifier_text(), None).unwrap();
    assert_eq!(
        check.lines(&"0".repeat(64), no_seq).unwrap_err().code(),
        "log_malformed_note",
        "before result()"
    );
    let plan = check.checkpoint(&log.checkpoint(), None).unwrap();
    for path in &plan.paths {
        check.tile(path, &log.file(path)).unwrap();
    }
    check.result().unwrap();
    assert_eq!(check.lines("not hex", "seq,type,value,price,result\n").unwrap_err().code(), "log_bad_key");
    // The secret as the member pastes it: either case, spaces around it.
    let pasted = format!(" {} ", to_hex(&secret_of("m3")).to_uppercase());
    assert!(check.lines(&pasted, "seq,type,value,price,result\n").is_ok());
    // JSON Lines name the seq as a key.
    let json = "{\"seq\": 999999, \"type\": \"purchase\", \"value\": 100, \"price\": 1, \"result\": 40}\n";
    let mut search = check.lines(&to_hex(&secret_of("m3")), json).unwrap();
    assert!(search.next_paths().unwrap().is_empty());
    assert_eq!(search.findings().unwrap()[0].verdict, LineVerdict::Missing);
}
