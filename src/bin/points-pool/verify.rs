//! `verify DIR|URL --key KEY`: the signature, every hash and tile, every row replayed.

use points_pool::decimal::to_plain_string;
use points_pool::tlog::LogAudit;
use points_pool::PoolError;
use serde_json::json;

use crate::files::Published;
use crate::output::{progress, Outcome};

pub fn run(location: &str, key: &str, origin: Option<&str>) -> Outcome {
    let key = match std::fs::read_to_string(key) {
        Ok(text) => text.trim().to_owned(),
        Err(_) => key.to_owned(),
    };
    let log = Published::open(location);
    match verify(&log, &key, origin) {
        Ok(outcome) | Err(outcome) => outcome,
    }
}

fn verify(log: &Published, key: &str, origin: Option<&str>) -> Result<Outcome, Outcome> {
    let mut audit = LogAudit::new(key, origin).map_err(Outcome::refused)?;
    let checkpoint = fetch(log, "checkpoint")?;
    let checkpoint = String::from_utf8(checkpoint).map_err(|_| {
        problem(points_pool::tlog::code::refuse(
            points_pool::error::ErrorCode::LogMalformedNote,
            "the checkpoint is not UTF-8",
        ))
    })?;
    let files = audit.checkpoint(&checkpoint).map_err(problem)?;
    let bar = progress(files as u64, "files");
    while let Some(path) = audit.next_path() {
        let bytes = fetch(log, &path)?;
        audit.feed(&path, &bytes).map_err(problem)?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let report = audit.finish().map_err(problem)?;
    let state = report.replay.snapshot();
    let price =
        points_pool::wire::snapshot_from_text(&points_pool::tlog::replay::snapshot_json(state.clone()))
            .map(|pool| pool.price())
            .unwrap_or_default();
    let text = format!(
        "verified: {} · {} entries ({} rows) · fingerprint {}\nevery hash recomputed, {} files checked, every row replayed\npool {} · supply {} · price {}",
        report.checkpoint.origin,
        report.entries,
        report.rows,
        report.fingerprint,
        report.tiles_checked,
        to_plain_string(state.pool),
        to_plain_string(state.supply),
        to_plain_string(price)
    );
    let json = json!({
        "ok": true, "origin": report.checkpoint.origin, "size": report.entries, "rows": report.rows,
        "fingerprint": report.fingerprint, "filesChecked": report.tiles_checked,
        "pool": to_plain_string(state.pool), "supply": to_plain_string(state.supply), "price": to_plain_string(price),
        "keyInForce": report.replay.key(),
    });
    Ok(Outcome::Ok { text, json })
}

fn problem(error: PoolError) -> Outcome {
    Outcome::refused(error)
}

/// A file of the log: missing is a problem with the log, unreachable means we could not run.
fn fetch(log: &Published, path: &str) -> Result<Vec<u8>, Outcome> {
    match log.fetch(path) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(problem(points_pool::tlog::code::refuse_field(
            points_pool::error::ErrorCode::LogMissingTile,
            path,
            "the log has no such file",
        ))),
        Err(reason) => Err(Outcome::could_not_run(reason)),
    }
}
