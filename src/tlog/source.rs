//! A ledger as the publisher reads it (docs/formats.md §3): one row at a time, applied to the
//! engine's pool with its real members, each refusal naming its line and field the way
//! `ledger::replay` does.

use std::io::BufRead;

use crate::decimal::{parse_amount, parse_points};
use crate::error::{LedgerProblem, PoolError, Result};
use crate::ledger::rows::{json_row, CsvRows, Format, Line, RowError, RowKind};
use crate::limits::MAX_LEDGER_LINE_BYTES;
use crate::model::{CashOutKind, Pool};
use crate::tlog::entry::RowEntry;

/// A row the engine applied, as the log writes it (the tag is the writer's to add).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedRow {
    /// The ledger line, 1-based.
    pub line: u64,
    pub member: String,
    pub entry: RowEntry<'static>,
}

/// Reads rows from a ledger and applies them to `pool`.
pub struct LedgerSource<R> {
    reader: R,
    line: u64,
    format: Option<Format>,
    csv: CsvRows,
    last_seq: Option<u64>,
    buffer: Vec<u8>,
}

impl<R: BufRead> LedgerSource<R> {
    pub fn new(reader: R) -> LedgerSource<R> {
        LedgerSource {
            reader,
            line: 0,
            format: None,
            csv: CsvRows::default(),
            last_seq: None,
            buffer: Vec::new(),
        }
    }

    /// The next row, applied to `pool`; `None` at the end of the ledger.
    pub fn next_row(&mut self, pool: &mut Pool) -> Result<Option<AppliedRow>> {
        loop {
            self.buffer.clear();
            let mut limited = std::io::Read::take(&mut self.reader, MAX_LEDGER_LINE_BYTES as u64 + 2);
            let read = limited.read_until(b'\n', &mut self.buffer).map_err(|error| {
                self.refusal(RowError::new(None, LedgerProblem::Unreadable, format!("cannot read: {error}")))
            })?;
            if read == 0 {
                return Ok(None);
            }
            self.line += 1;
            let bytes = std::mem::take(&mut self.buffer);
            let outcome = self.row_of(&bytes, pool);
            self.buffer = bytes;
            match outcome {
                Ok(Some(row)) => return Ok(Some(row)),
                Ok(None) => continue,
                Err(problem) => return Err(self.refusal(problem)),
            }
        }
    }

    fn refusal(&self, problem: RowError) -> PoolError {
        let RowError { field, problem, reason } = problem;
        PoolError::InvalidLedger { line: self.line, field, problem, reason }
    }

    /// One line: `None` for a header or a blank line.
    fn row_of(&mut self, bytes: &[u8], pool: &mut Pool) -> std::result::Result<Option<AppliedRow>, RowError> {
        let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        if bytes.len() > MAX_LEDGER_LINE_BYTES {
            return Err(RowError::new(
                None,
                LedgerProblem::LineTooLong,
                format!("the line is longer than {MAX_LEDGER_LINE_BYTES} bytes"),
            ));
        }
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        let bytes = if self.line == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
        let text = std::str::from_utf8(bytes)
            .map_err(|_| RowError::new(None, LedgerProblem::NotUtf8, "not UTF-8 text"))?;
        if text.trim().is_empty() {
            return Ok(None);
        }
        let format = *self.format.get_or_insert_with(|| Format::of_first_row(text));
        let row = match format {
            Format::Csv => match self.csv.read(text, self.last_seq.is_none())? {
                Line::Header => return Ok(None),
                Line::Row(row) => row,
            },
            Format::JsonLines => json_row(text)?,
        };
        if let Some(last) = self.last_seq.filter(|last| row.seq <= *last) {
            return Err(RowError::new(
                Some("seq"),
                LedgerProblem::SeqNotIncreasing,
                format!("seq {} does not follow {last}", row.seq),
            ));
        }
        let engine = |error: PoolError| RowError::refused(&error);
        let (value, result, burned, state) = match row.kind {
            RowKind::Purchase => {
                let amount = parse_amount(&row.value).map_err(engine)?;
                let receipt = pool.purchase(&row.member, amount).map_err(engine)?;
                (amount, receipt.points_granted, None, (receipt.price_after, receipt.pool, receipt.supply))
            }
            RowKind::Withdraw | RowKind::Redeem => {
                let kind =
                    if row.kind == RowKind::Withdraw { CashOutKind::Withdraw } else { CashOutKind::Redeem };
                let points = parse_points(&row.value).map_err(engine)?;
                let receipt = pool.cash_out(kind, &row.member, points).map_err(engine)?;
                let burned = receipt.exited.then_some(receipt.burned);
                (points, receipt.payout, burned, (receipt.price_after, receipt.pool, receipt.supply))
            }
        };
        self.last_seq = Some(row.seq);
        let (price_after, pool_after, supply_after) = state;
        let entry = RowEntry {
            seq: row.seq,
            kind: row.kind,
            value,
            result,
            burned,
            price_after,
            pool_after,
            supply_after,
            tag: "",
        };
        Ok(Some(AppliedRow { line: self.line, member: row.member.into_owned(), entry }))
    }
}
