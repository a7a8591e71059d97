//! A member's history check at the door (docs/formats.md §5).

use serde::Serialize;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{DecimalString, FindingDoc, LineKindDoc, VerdictDoc};
use crate::ledger::check::{CheckPosition, CheckReport, CheckTotals, CheckedLine};

/// One checked line.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "CheckedLine"))]
pub struct CheckedLineDoc {
    pub line: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "LineKind"))]
    pub kind: LineKindDoc,
    pub value: DecimalString,
    pub price: DecimalString,
    pub published: DecimalString,
    pub expected: DecimalString,
    pub difference: DecimalString,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Verdict"))]
    pub verdict: VerdictDoc,
    pub exits: bool,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "CheckTotals"))]
pub struct CheckTotalsDoc {
    pub purchases: u64,
    pub purchases_short: u64,
    pub purchases_over: u64,
    pub cash_outs: u64,
    pub cash_outs_short: u64,
    pub cash_outs_over: u64,
    /// Cash-outs below their rate's figure that the pool's share may explain.
    pub cash_outs_within_share: u64,
    pub points_short: DecimalString,
    pub money_short: DecimalString,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "CheckPosition"))]
pub struct CheckPositionDoc {
    pub points: DecimalString,
    pub spent: DecimalString,
    pub received: DecimalString,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub cap_left: Option<DecimalString>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub value: Option<DecimalString>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub cash_out_value: Option<DecimalString>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub points_short_value: Option<DecimalString>,
}

/// A member's history checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "CheckReport"))]
pub struct CheckReportDoc {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CheckedLine[]"))]
    pub lines: Vec<CheckedLineDoc>,
    /// Lines checked: 0 means none was (then `finding` is `nothingChecked`).
    pub checked: u64,
    /// `nothingChecked`, `allAgree` (every line `ok` or `withinShare`) or `disagreements`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Finding"))]
    pub finding: FindingDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CheckTotals"))]
    pub totals: CheckTotalsDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CheckPosition"))]
    pub position: CheckPositionDoc,
}

impl From<&CheckedLine> for CheckedLineDoc {
    fn from(line: &CheckedLine) -> Self {
        CheckedLineDoc {
            line: line.line,
            kind: line.kind.into(),
            value: line.value.into(),
            price: line.price.into(),
            published: line.published.into(),
            expected: line.expected.into(),
            difference: line.difference.into(),
            verdict: line.verdict.into(),
            exits: line.exits,
            note: line.note.clone(),
        }
    }
}

impl From<&CheckTotals> for CheckTotalsDoc {
    fn from(totals: &CheckTotals) -> Self {
        CheckTotalsDoc {
            purchases: totals.purchases,
            purchases_short: totals.purchases_short,
            purchases_over: totals.purchases_over,
            cash_outs: totals.cash_outs,
            cash_outs_short: totals.cash_outs_short,
            cash_outs_over: totals.cash_outs_over,
            cash_outs_within_share: totals.cash_outs_within_share,
            points_short: totals.points_short.into(),
            money_short: totals.money_short.into(),
        }
    }
}

impl From<&CheckPosition> for CheckPositionDoc {
    fn from(position: &CheckPosition) -> Self {
        CheckPositionDoc {
            points: position.points.into(),
            spent: position.spent.into(),
            received: position.received.into(),
            cap_left: position.cap_left.map(DecimalString),
            value: position.value.map(DecimalString),
            cash_out_value: position.cash_out_value.map(DecimalString),
            points_short_value: position.points_short_value.map(DecimalString),
        }
    }
}

impl From<&CheckReport> for CheckReportDoc {
    fn from(report: &CheckReport) -> Self {
        CheckReportDoc {
            lines: report.lines.iter().map(Into::into).collect(),
            checked: report.lines.len() as u64,
            finding: report.finding().into(),
            totals: (&report.totals).into(),
            position: (&report.position).into(),
        }
    }
}
