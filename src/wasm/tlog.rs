//! The log's door to JavaScript (docs/interface.md §Logs): the member's check (`LogCheck`, a
//! few tiles), full verification in pieces (`LogAudit`, for verify.html), and a member's row
//! tags. Each method decodes, calls `crate::tlog`, encodes; no rule of the log lives here.
//! Refusals are `PoolError`s whose `code` is a `log_*` code (docs/formats.md §4), with `entry`
//! (0-based) and `field` (a tile path, an entry field) where they apply.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::args::short_string;
use super::convert::{error_to_js, to_js};
use super::guard::{enter, guard_class, handed};
#[cfg(feature = "operator")]
use super::tlog_args::file_bytes;
use super::tlog_args::{optional_text, refused, text, tile_args};
use super::tlog_lines::LogLines;
use crate::error::ErrorCode;
use crate::error::PoolError;
use crate::limits::MAX_CHECK_BYTES;
#[cfg(feature = "operator")]
use crate::model::Pool;
use crate::tlog;
use crate::tlog::hash::to_base64;
#[cfg(feature = "operator")]
use crate::tlog::Checkpoint;
use crate::wire::{ConfigDoc, PoolStateDoc};

/// Guards these classes as `start()` guards the others (guard.rs).
pub(super) fn guard() -> Result<(), JsValue> {
    guard_class(&JsValue::from(LogCheck { inner: None }))?;
    guard_class(&JsValue::from(LogLines { inner: None }))?;
    #[cfg(feature = "operator")]
    guard_class(&JsValue::from(LogAudit { inner: None }))?;
    Ok(())
}

/// What `checkpoint()` found: the tiles to fetch next, relative to the log's URL.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LogCheckPlan {
    pub size: u64,
    /// 16 hex digits a member can compare with others' (docs/verification.md).
    pub fingerprint: String,
    pub paths: Vec<String>,
}

/// What a finished check proved: the pool as the log's last entry states it.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LogVerified {
    pub origin: String,
    pub size: u64,
    /// The last entry's index (the state entry read).
    pub entry: u64,
    pub fingerprint: String,
    /// The root hash, base64.
    pub root: String,
    /// The checkpoint as received: keep it for the next visit, or show it as evidence.
    pub checkpoint: String,
    /// The previous checkpoint's size that this one was proved to extend (0 without one).
    pub extends: u64,
    pub last_seq: Option<u64>,
    pub key_in_force: String,
    pub state: PoolStateDoc,
    pub config: ConfigDoc,
}

#[cfg(feature = "operator")]
/// How far a full verification has come.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LogAuditProgress {
    pub entries: u64,
    pub size: u64,
    pub rows: u64,
    pub files_done: usize,
    pub files: usize,
}

#[cfg(feature = "operator")]
/// What a full verification proved.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LogAuditReport {
    pub origin: String,
    pub size: u64,
    pub rows: u64,
    pub fingerprint: String,
    pub checkpoint: String,
    pub files_checked: usize,
    pub key_in_force: String,
    pub state: PoolStateDoc,
    pub config: ConfigDoc,
}

/// The member's check of a log: `checkpoint()`, then `tile()` for each path it names, then
/// `result()`.
#[wasm_bindgen]
pub struct LogCheck {
    inner: Option<tlog::LogCheck>,
}

#[wasm_bindgen]
impl LogCheck {
    /// A check of the log signed by `key` (a C2SP verifier key); `origin` defaults to the key's name.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | undefined")] origin: JsValue,
    ) -> Result<LogCheck, JsValue> {
        let _busy = enter()?;
        let key = text(&key, ErrorCode::LogBadKey, "key")?;
        let origin = optional_text(&origin, ErrorCode::LogWrongOrigin, "origin")?;
        let inner = tlog::LogCheck::new(&key, origin.as_deref()).map_err(refused)?;
        Ok(handed(LogCheck { inner: Some(inner) }))
    }

    /// Checks the signed checkpoint against the one this browser kept (`previous`): a smaller
    /// one is `log_rollback`, the same size with another root `log_fork`.
    #[wasm_bindgen(unchecked_return_type = "LogCheckPlan")]
    pub fn checkpoint(
        &mut self,
        #[wasm_bindgen(js_name = "text", unchecked_param_type = "string")] note: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | undefined")] previous: JsValue,
    ) -> Result<JsValue, JsValue> {
        let note = text(&note, ErrorCode::LogMalformedNote, "checkpoint")?;
        let previous = optional_text(&previous, ErrorCode::LogMalformedNote, "previous")?;
        let plan = self.check()?.checkpoint(&note, previous.as_deref()).map_err(refused)?;
        to_js(&LogCheckPlan { size: plan.size, fingerprint: plan.fingerprint, paths: plan.paths })
    }

    /// Feeds one fetched file; gives how many are still wanted.
    pub fn tile(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<usize, JsValue> {
        let mut buffer = Vec::new();
        let (path, bytes) = tile_args(&path, &bytes, &mut buffer)?;
        self.check()?.tile(&path, bytes).map_err(refused)
    }

    /// Proves it all: the tiles against the signed root, the consistency from the previous
    /// checkpoint, the last entry's inclusion; gives the pool that entry states.
    #[wasm_bindgen(unchecked_return_type = "LogVerified")]
    pub fn result(&mut self) -> Result<JsValue, JsValue> {
        let verified = self.check()?.result().map_err(refused)?;
        let pool = &verified.pool;
        to_js(&LogVerified {
            origin: verified.checkpoint.origin.clone(),
            size: verified.checkpoint.size,
            entry: verified.entry,
            fingerprint: verified.fingerprint.clone(),
            root: to_base64(&verified.checkpoint.root),
            checkpoint: verified.checkpoint.note.clone(),
            extends: verified.extends,
            last_seq: verified.last_seq,
            key_in_force: verified.key_in_force.clone(),
            state: PoolStateDoc::from(&pool.state()),
            config: ConfigDoc::of(pool.config()),
        })
    }
}

#[wasm_bindgen]
impl LogCheck {
    /// After `result()`: the member's lines (CSV or JSON Lines with a `seq` column, formats.md
    /// §5) to find in the verified tree under the member's `secret` (64 hex digits).
    pub fn lines(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] lines: JsValue,
    ) -> Result<LogLines, JsValue> {
        // A method: the class's guard (guard.rs) already holds the engine for this call.
        let secret = text(&secret, ErrorCode::LogBadKey, "secret")?;
        let lines = short_string(&lines, MAX_CHECK_BYTES)
            .ok_or_else(|| refused(PoolError::LimitExceeded { quantity: "maxCheckBytes" }))?;
        let inner = self.check()?.lines(&secret, &lines).map_err(refused)?;
        Ok(handed(LogLines { inner: Some(inner) }))
    }
}

impl LogCheck {
    fn check(&mut self) -> Result<&mut tlog::LogCheck, JsValue> {
        self.inner.as_mut().ok_or_else(|| error_to_js(&PoolError::ObjectFailed))
    }
}

#[cfg(feature = "operator")]
/// Full verification fed file by file (verify.html): `checkpoint()`, then `feed(nextPath(), bytes)`
/// until `nextPath()` is undefined, then `finish()`. The member's calculator never calls it:
/// it belongs to the full build (the `operator` feature) only, which keeps the row replay and
/// the tile builder out of the member's module.
#[wasm_bindgen]
pub struct LogAudit {
    inner: Option<tlog::LogAudit>,
}

#[cfg(feature = "operator")]
#[wasm_bindgen]
impl LogAudit {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | undefined")] origin: JsValue,
    ) -> Result<LogAudit, JsValue> {
        let _busy = enter()?;
        let key = text(&key, ErrorCode::LogBadKey, "key")?;
        let origin = optional_text(&origin, ErrorCode::LogWrongOrigin, "origin")?;
        let inner = tlog::LogAudit::new(&key, origin.as_deref()).map_err(refused)?;
        Ok(handed(LogAudit { inner: Some(inner) }))
    }

    /// Reads the checkpoint; gives how many files the verification reads.
    pub fn checkpoint(
        &mut self,
        #[wasm_bindgen(js_name = "text", unchecked_param_type = "string")] note: JsValue,
    ) -> Result<usize, JsValue> {
        let note = text(&note, ErrorCode::LogMalformedNote, "checkpoint")?;
        self.audit()?.checkpoint(&note).map_err(refused)
    }

    /// The next file to feed, relative to the log's URL; `undefined` when all were fed.
    #[wasm_bindgen(js_name = nextPath)]
    pub fn next_path(&mut self) -> Result<Option<String>, JsValue> {
        Ok(self.audit()?.next_path())
    }

    /// Every file still to feed, in order (`nextPath()` is the first): fetch ahead, feed in order.
    #[wasm_bindgen(js_name = remainingPaths)]
    pub fn remaining_paths(&mut self) -> Result<Vec<String>, JsValue> {
        Ok(self.audit()?.remaining_paths())
    }

    /// Feeds the file `nextPath()` named.
    #[wasm_bindgen(unchecked_return_type = "LogAuditProgress")]
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (path, mut buffer) = (text(&path, ErrorCode::LogBadTile, "path")?, Vec::new());
        let bytes = file_bytes(&bytes, &mut buffer)?;
        let progress = self.audit()?.feed(&path, bytes).map_err(refused)?;
        to_js(&LogAuditProgress {
            entries: progress.entries,
            size: progress.size,
            rows: progress.rows,
            files_done: progress.files_done,
            files: progress.files,
        })
    }

    /// The verdict: the first finding thrown, or what was proved.
    #[wasm_bindgen(unchecked_return_type = "LogAuditReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let audit = self.inner.take().ok_or_else(|| error_to_js(&PoolError::ObjectFailed))?;
        let report = audit.finish().map_err(refused)?;
        let pool = crate::wire::snapshot_from_text(&tlog::replay::snapshot_json(report.replay.snapshot()))
            .map_err(refused)?;
        to_js(&report_doc(&report, &pool))
    }
}

#[cfg(feature = "operator")]
impl LogAudit {
    fn audit(&mut self) -> Result<&mut tlog::LogAudit, JsValue> {
        self.inner.as_mut().ok_or_else(|| error_to_js(&PoolError::ObjectFailed))
    }
}

#[cfg(feature = "operator")]
fn report_doc(report: &tlog::AuditReport, pool: &Pool) -> LogAuditReport {
    let checkpoint: &Checkpoint = &report.checkpoint;
    LogAuditReport {
        origin: checkpoint.origin.clone(),
        size: report.entries,
        rows: report.rows,
        fingerprint: report.fingerprint.clone(),
        checkpoint: checkpoint.note.clone(),
        files_checked: report.tiles_checked,
        key_in_force: report.replay.key().to_owned(),
        state: PoolStateDoc::from(&pool.state()),
        config: ConfigDoc::of(pool.config()),
    }
}

/// The tag of a member's row `seq` in the log `origin`, from the member's secret (64 hex
/// digits): how a member finds their own rows (docs/formats.md §6).
#[wasm_bindgen(js_name = memberRowTag)]
pub fn member_row_tag(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] origin: JsValue,
    seq: f64,
) -> Result<String, JsValue> {
    let _busy = enter()?;
    let secret = text(&secret, ErrorCode::LogBadKey, "secret")?;
    let origin = text(&origin, ErrorCode::LogWrongOrigin, "origin")?;
    let secret = tlog::tag::read_member_secret(&secret).map_err(refused)?;
    let whole = seq >= 0.0 && seq.fract() == 0.0 && seq <= crate::limits::MAX_ORDERS as f64;
    if !whole {
        return Err(refused(tlog::code::refuse_field(
            crate::error::ErrorCode::LogBadEntry,
            "seq",
            "seq is a whole number",
        )));
    }
    Ok(tlog::tag::row_tag(&secret, &origin, seq as u64))
}
