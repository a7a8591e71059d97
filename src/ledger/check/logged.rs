//! A member's lines as the log's check reads them (docs/formats.md §5, "Against the log"): the
//! same text 核对 reads, each line with the seq the platform's receipts give it (a `seq` /
//! `序号` column, or key in JSON Lines). Only what a log row also says is kept: the type, the
//! value and the result; the price is the one before the row, which the row does not repeat.

use rust_decimal::Decimal;

use super::lines::{column, LineReader};
use super::LineKind;
use crate::error::{LedgerProblem, PoolError, Result};
use crate::ledger::rows::RowError;
use crate::limits::{MAX_CHECK_BYTES, MAX_CHECK_LINES, MAX_LEDGER_LINE_BYTES};

/// One of the member's lines, to be found in the log by its seq.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedLine {
    /// 1-based line of the text.
    pub line: u64,
    pub seq: u64,
    pub kind: LineKind,
    pub value: Decimal,
    pub result: Decimal,
}

/// The member's lines with their seqs; a line without one is `invalid_ledger` naming `seq`.
pub fn logged_lines(text: &str) -> Result<Vec<LoggedLine>> {
    if text.len() > MAX_CHECK_BYTES {
        return Err(PoolError::LimitExceeded { quantity: "maxCheckBytes" });
    }
    let mut reader = LineReader::default();
    let mut lines = Vec::new();
    for (index, raw) in crate::ledger::line_ends::lines(text).enumerate() {
        let line = index as u64 + 1;
        let refuse = |error: RowError| PoolError::InvalidLedger {
            line,
            field: error.field,
            problem: error.problem,
            reason: error.reason,
        };
        if raw.len() > MAX_LEDGER_LINE_BYTES {
            return Err(refuse(RowError::new(
                None,
                LedgerProblem::LineTooLong,
                "the line is longer than 64 KB",
            )));
        }
        let raw = if line == 1 { raw.strip_prefix('\u{feff}').unwrap_or(raw) } else { raw };
        if raw.trim().is_empty() {
            continue;
        }
        if lines.len() >= MAX_CHECK_LINES {
            let reason = format!("at most {MAX_CHECK_LINES} lines");
            return Err(refuse(RowError::new(None, LedgerProblem::TooManyLines, reason)));
        }
        let Some(fields) = reader.read(raw).map_err(refuse)? else { continue };
        let kind = LineKind::read(&fields.kind).ok_or_else(|| {
            refuse(RowError::new(
                Some("type"),
                LedgerProblem::UnknownType,
                "type must be purchase (消费), withdraw (提现) or redeem (兑换)",
            ))
        })?;
        let seq = seq(&fields.seq).map_err(refuse)?;
        let (value, result) = (
            column("value", &fields.value).map_err(refuse)?,
            column("result", &fields.result).map_err(refuse)?,
        );
        lines.push(LoggedLine { line, seq, kind, value, result });
    }
    Ok(lines)
}

/// A seq as receipts write it: a whole number, spaces around it read past.
fn seq(text: &str) -> std::result::Result<u64, RowError> {
    let text = text.trim();
    if text.is_empty() {
        let reason = "the log's check finds a line by its seq (序号): a header must name it";
        return Err(RowError::new(Some("seq"), LedgerProblem::MissingFields, reason));
    }
    let plain = text.bytes().all(|b| b.is_ascii_digit()) && (text == "0" || !text.starts_with('0'));
    plain
        .then(|| text.parse().ok())
        .flatten()
        .ok_or_else(|| RowError::new(Some("seq"), LedgerProblem::NotAWholeNumber, "not a whole number"))
}
