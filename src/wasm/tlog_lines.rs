//! 核对 against the log at the door (docs/interface.md §Logs, docs/formats.md §5): after a
//! `LogCheck` proved a checkpoint, `check.lines(secret, text)` gives a `LogLines`; a page calls
//! `next()`, fetches the paths it names and feeds each with `tile()`, until `next()` names none;
//! then `report()` gives every line's verdict. Each method decodes, calls `crate::tlog`, encodes.

use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use super::convert::{error_to_js, to_js};
use super::tlog_args::{refused, tile_args};
use crate::error::PoolError;
use crate::tlog;

/// One of the member's lines against the log.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LogLineDoc {
    /// 1-based line of the member's text.
    pub line: u64,
    pub seq: u64,
    /// `included`, `missing` or `different`.
    pub verdict: String,
    /// The entry (0-based) that has the seq, when one has it.
    pub entry: Option<u64>,
    /// That entry's text, when it is not the member's line as given.
    pub published: Option<String>,
    /// What differs: `type`, `value`, `result`; `tag` for another member's row.
    pub fields: Vec<String>,
}

/// Every line's verdict against the verified checkpoint.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct LogLinesReport {
    pub origin: String,
    pub lines: Vec<LogLineDoc>,
    pub included: usize,
    pub missing: usize,
    pub different: usize,
    /// The files the search fetched beyond the member's check.
    pub files: usize,
}

/// A member's lines being found in a verified log.
#[wasm_bindgen]
pub struct LogLines {
    pub(super) inner: Option<tlog::LineCheck>,
}

#[wasm_bindgen]
impl LogLines {
    /// Proves what was fed and names the files the next round needs; none when it is done.
    #[wasm_bindgen(js_name = next)]
    pub fn next_paths(&mut self) -> Result<Vec<String>, JsValue> {
        self.lines()?.next_paths().map_err(refused)
    }

    /// Feeds one file `next()` named; gives how many of them are still wanted.
    pub fn tile(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] path: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
    ) -> Result<usize, JsValue> {
        let mut buffer = Vec::new();
        let (path, bytes) = tile_args(&path, &bytes, &mut buffer)?;
        self.lines()?.tile(&path, bytes).map_err(refused)
    }

    /// Every line's verdict, once `next()` named nothing more.
    #[wasm_bindgen(unchecked_return_type = "LogLinesReport")]
    pub fn report(&mut self) -> Result<JsValue, JsValue> {
        let check = self.lines()?;
        let findings = check.findings().map_err(refused)?;
        let count = |verdict| findings.iter().filter(|finding| finding.verdict == verdict).count();
        let report = LogLinesReport {
            origin: check.origin().to_owned(),
            included: count(tlog::LineVerdict::Included),
            missing: count(tlog::LineVerdict::Missing),
            different: count(tlog::LineVerdict::Different),
            files: check.files(),
            lines: findings
                .into_iter()
                .map(|finding| LogLineDoc {
                    line: finding.line,
                    seq: finding.seq,
                    verdict: finding.verdict.name().to_owned(),
                    entry: finding.entry,
                    published: finding.published,
                    fields: finding.fields.iter().map(|field| (*field).to_owned()).collect(),
                })
                .collect(),
        };
        to_js(&report)
    }
}

impl LogLines {
    fn lines(&mut self) -> Result<&mut tlog::LineCheck, JsValue> {
        self.inner.as_mut().ok_or_else(|| error_to_js(&PoolError::ObjectFailed))
    }
}
