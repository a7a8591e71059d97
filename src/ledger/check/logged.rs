//! A member's lines as the log's check reads them (docs/formats.md §5, "Against the log"): the
//! same text 核对 reads, each line with the seq the platform's receipts give it (a `seq` /
//! `序号` column, or key in JSON Lines). Only what a log row also says is kept: the type, the
//! value and the result; the price is the one before the row, which the row does not repeat.

use rust_decimal::Decimal;

use super::lines::{column, each_record, kind_column};
use super::LineKind;
use crate::error::{ErrorCode, LedgerProblem, Result};
use crate::ledger::rows::RowError;
use crate::limits::MAX_ORDERS;

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
    let mut lines = Vec::new();
    each_record(text, |line, fields| {
        let kind = kind_column(&fields.kind)?;
        let seq = seq(&fields.seq)?;
        let (value, result) = (column("value", &fields.value)?, column("result", &fields.result)?);
        lines.push(LoggedLine { line, seq, kind, value, result });
        Ok(())
    })?;
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
    let seq: u64 = plain
        .then(|| text.parse().ok())
        .flatten()
        .ok_or_else(|| RowError::new(Some("seq"), LedgerProblem::NotAWholeNumber, "not a whole number"))?;
    // A seq is written back to the page as a number: no larger than one holds exactly.
    if seq > MAX_ORDERS {
        return Err(RowError::rule("seq", ErrorCode::LimitExceeded, "passes 2^53 − 1"));
    }
    Ok(seq)
}
