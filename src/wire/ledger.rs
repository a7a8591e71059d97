//! Audit reports at the door (docs/formats.md §3).

use serde::Serialize;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{DecimalString, FindingDoc};
use crate::ledger::{AuditReport, Mismatch};

/// A published price the rules do not give.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Mismatch"))]
pub struct MismatchDoc {
    pub seq: u64,
    pub line: u64,
    /// As the ledger wrote it.
    pub published: String,
    /// The engine's price, in full.
    pub computed: DecimalString,
    /// The engine's price at the published number of decimals.
    pub computed_at_scale: DecimalString,
    /// `published − computed`.
    pub difference: DecimalString,
}

/// What a finished replay found; `mismatchList` holds the first 10,000 mismatches.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "AuditReport"))]
pub struct AuditReportDoc {
    pub receipts: u64,
    /// Published prices checked: 0 means none was (then `finding` is `nothingChecked`).
    pub checked: u64,
    pub mismatches: u64,
    /// `nothingChecked`, `allAgree` or `disagreements`: what a page says in one word.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Finding"))]
    pub finding: FindingDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Mismatch | null"))]
    pub first_mismatch: Option<MismatchDoc>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Mismatch[]"))]
    pub mismatch_list: Vec<MismatchDoc>,
    /// Whether more mismatches were counted than listed.
    pub mismatch_list_cut: bool,
}

/// What an audit fed in pieces has found so far (the list waits for `finish()`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "AuditProgress"))]
pub struct AuditProgressDoc {
    pub receipts: u64,
    pub checked: u64,
    pub mismatches: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Finding"))]
    pub finding: FindingDoc,
    /// Lines read so far.
    pub lines: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Mismatch | null"))]
    pub first_mismatch: Option<MismatchDoc>,
}

impl From<&Mismatch> for MismatchDoc {
    fn from(mismatch: &Mismatch) -> Self {
        MismatchDoc {
            seq: mismatch.seq,
            line: mismatch.line,
            published: mismatch.published.clone(),
            computed: mismatch.computed.into(),
            computed_at_scale: mismatch.computed_at_scale.into(),
            difference: mismatch.difference.into(),
        }
    }
}

impl From<&AuditReport> for AuditReportDoc {
    fn from(report: &AuditReport) -> Self {
        AuditReportDoc {
            receipts: report.receipts,
            checked: report.checked,
            mismatches: report.mismatches,
            finding: report.finding().into(),
            first_mismatch: report.first_mismatch().map(Into::into),
            mismatch_list: report.listed.iter().map(Into::into).collect(),
            mismatch_list_cut: report.list_is_cut(),
        }
    }
}

impl AuditProgressDoc {
    pub fn of(report: &AuditReport, lines: u64) -> Self {
        AuditProgressDoc {
            receipts: report.receipts,
            checked: report.checked,
            mismatches: report.mismatches,
            finding: report.finding().into(),
            lines,
            first_mismatch: report.first_mismatch().map(Into::into),
        }
    }
}
