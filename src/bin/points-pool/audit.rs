//! `audit LEDGER`: today's replay and price audit (docs/formats.md §3), for pipelines.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use points_pool::decimal::to_plain_string;
use points_pool::ledger::Replay;
use points_pool::Pool;
use serde_json::json;

use crate::output::{progress, Outcome};
use crate::publish::read_config;

pub fn run(ledger: &Path, config: Option<&Path>, snapshot: Option<&Path>) -> Outcome {
    match audit(ledger, config, snapshot) {
        Ok(outcome) | Err(outcome) => outcome,
    }
}

fn starting_pool(config: Option<&Path>, snapshot: Option<&Path>) -> Result<Pool, Outcome> {
    match (snapshot, config) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Outcome::could_not_run(format!("{}: {e}", path.display())))?;
            points_pool::wire::snapshot_from_text(&text)
                .map_err(|e| Outcome::could_not_run(format!("{}: {e}", path.display())))
        }
        (None, Some(path)) => Ok(Pool::new(read_config(path)?)),
        (None, None) => Ok(Pool::default()),
    }
}

fn audit(ledger: &Path, config: Option<&Path>, snapshot: Option<&Path>) -> Result<Outcome, Outcome> {
    let mut replay = Replay::new(starting_pool(config, snapshot)?);
    let mut file =
        File::open(ledger).map_err(|e| Outcome::could_not_run(format!("{}: {e}", ledger.display())))?;
    let bar = progress(file.metadata().map(|m| m.len()).unwrap_or(0), "bytes");
    let mut piece = vec![0u8; 1 << 16];
    loop {
        let read = file
            .read(&mut piece)
            .map_err(|e| Outcome::could_not_run(format!("{}: {e}", ledger.display())))?;
        if read == 0 {
            break;
        }
        replay.feed(&piece[..read]).map_err(Outcome::refused)?;
        bar.inc(read as u64);
    }
    let report = replay.finish().map_err(Outcome::refused)?;
    bar.finish_and_clear();
    let state = replay.pool().state();
    let first = report.first_mismatch().map(|m| {
        json!({"seq": m.seq, "line": m.line, "published": m.published, "computed": to_plain_string(m.computed)})
    });
    let json = json!({
        "ok": report.mismatches == 0, "rows": report.receipts, "checked": report.checked, "mismatches": report.mismatches,
        "firstMismatch": first, "pool": to_plain_string(state.pool), "supply": to_plain_string(state.supply),
        "price": to_plain_string(state.price),
    });
    let mut text = format!(
        "{} rows replayed, {} published prices checked, {} mismatches\npool {} · supply {} · price {}",
        report.receipts,
        report.checked,
        report.mismatches,
        to_plain_string(state.pool),
        to_plain_string(state.supply),
        to_plain_string(state.price)
    );
    if let Some(m) = report.first_mismatch() {
        text.push_str(&format!(
            "\nfirst mismatch: seq {} (line {}): published {}, the rules give {}",
            m.seq,
            m.line,
            m.published,
            to_plain_string(m.computed)
        ));
    }
    if report.mismatches > 0 {
        return Err(Outcome::Problem { error: mismatch_error(&report) });
    }
    Ok(Outcome::Ok { text, json })
}

/// Published prices the rules do not give: reported as the first one, line and all.
fn mismatch_error(report: &points_pool::ledger::AuditReport) -> points_pool::PoolError {
    let first = report.first_mismatch();
    points_pool::PoolError::InvalidLedger {
        line: first.map_or(0, |m| m.line),
        field: Some("priceAfter"),
        problem: points_pool::error::LedgerProblem::PriceMismatch.into(),
        reason: format!(
            "{} published prices are not what the rules give; the first, seq {}, says {} where the rules give {}",
            report.mismatches,
            first.map_or(0, |m| m.seq),
            first.map_or("", |m| m.published.as_str()),
            first.map_or_else(String::new, |m| to_plain_string(m.computed))
        ),
    }
}
