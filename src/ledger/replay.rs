//! Replaying a ledger (docs/formats.md §3): bytes in pieces of any size, cut anywhere (a
//! file read piece by piece), split into lines of at most 64 KB, each line decoded as
//! UTF-8 and applied as in docs/model.md §3. A bad row stops the replay, names its line,
//! and puts the pool back as it was before the first row; every later call gives the same
//! refusal. Memory stays bounded: at most one cut line is kept between pieces.

use std::io::Read;

use crate::decimal::{parse_amount, parse_points};
use crate::error::{LedgerProblem, PoolError, Result};
use crate::ledger::audit::{check_price, read_published, AuditReport};
use crate::ledger::line_ends::{line_end, PendingLf};
use crate::ledger::rows::{json_row, CsvRows, Format, Line, Row, RowError, RowKind};
use crate::limits::{MAX_LEDGER_LINE_BYTES, MAX_PIECE_BYTES};
use crate::model::{CashOutKind, Pool};

/// A replay in progress that owns its pool: feed it bytes, then `finish()`.
pub struct Replay {
    pool: Pool,
    /// The pool before the first row, restored when a row is refused.
    before: Pool,
    report: AuditReport,
    last_seq: Option<u64>,
    line: u64,
    format: Option<Format>,
    csv: CsvRows,
    /// The start of a line that the end of a piece cut, kept until the rest arrives.
    partial: Vec<u8>,
    /// A `\r` that ended the last piece, whose `\n` may open the next.
    pending_lf: PendingLf,
    refused: Option<PoolError>,
}

/// Replays a whole ledger text against `pool`; a refusal leaves `pool` as it was.
pub fn replay(pool: &mut Pool, ledger: &str) -> Result<AuditReport> {
    let mut replay = Replay::new(std::mem::take(pool));
    let outcome = replay.feed(ledger.as_bytes()).and_then(|()| replay.finish());
    *pool = replay.into_pool();
    outcome
}

/// Replays a ledger read piece by piece (a file of any size).
pub fn replay_reader(pool: &mut Pool, mut reader: impl Read) -> Result<AuditReport> {
    let mut replay = Replay::new(std::mem::take(pool));
    let mut piece = vec![0u8; 64 * 1024];
    let outcome = loop {
        match reader.read(&mut piece) {
            Ok(0) => break replay.finish(),
            Ok(read) => {
                if let Err(error) = replay.feed(&piece[..read]) {
                    break Err(error);
                }
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => {
                break Err(replay.refuse(RowError::new(
                    None,
                    LedgerProblem::Unreadable,
                    format!("cannot read: {error}"),
                )))
            }
        }
    };
    *pool = replay.into_pool();
    outcome
}

impl Replay {
    pub fn new(pool: Pool) -> Replay {
        let before = pool.clone();
        Replay {
            pool,
            before,
            report: AuditReport::default(),
            last_seq: None,
            line: 0,
            format: None,
            csv: CsvRows::default(),
            partial: Vec::new(),
            pending_lf: PendingLf::default(),
            refused: None,
        }
    }

    /// Applies the whole lines in `piece`; a line the piece ends inside waits for the next
    /// piece or `finish()`. `\n`, `\r\n` and `\r` each end a line (line_ends.rs), wherever
    /// the pieces are cut.
    pub fn feed(&mut self, piece: &[u8]) -> Result<()> {
        self.check_not_refused()?;
        // Refused before anything is read, so the caller may feed the same bytes in smaller pieces.
        if piece.len() > MAX_PIECE_BYTES {
            return Err(PoolError::LimitExceeded { quantity: "maxPieceBytes" });
        }
        let mut rest = self.pending_lf.skip(piece);
        while let Some((end, width)) = line_end(rest) {
            let (line, after) = (&rest[..end], &rest[end + width..]);
            self.pending_lf.ended(rest[end], width, after.is_empty());
            rest = after;
            if self.partial.is_empty() {
                self.apply_line(line)?;
            } else {
                self.check_length(self.partial.len() + line.len())?;
                let mut joined = std::mem::take(&mut self.partial);
                joined.extend_from_slice(line);
                let outcome = self.apply_line(&joined);
                joined.clear();
                self.partial = joined;
                outcome?;
            }
        }
        self.check_length(self.partial.len() + rest.len())?;
        self.partial.extend_from_slice(rest);
        Ok(())
    }

    /// Applies a last line with no line break after it and gives the report; the pool
    /// keeps every row applied.
    pub fn finish(&mut self) -> Result<AuditReport> {
        self.check_not_refused()?;
        if !self.partial.is_empty() {
            let last = std::mem::take(&mut self.partial);
            self.apply_line(&last)?;
        }
        Ok(self.report.clone())
    }

    /// What the rows so far have found.
    pub fn report(&self) -> &AuditReport {
        &self.report
    }

    /// Lines read so far.
    pub fn lines(&self) -> u64 {
        self.line
    }

    /// The pool after the rows so far (as it was before them, after a refusal).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    pub fn into_pool(self) -> Pool {
        self.pool
    }

    fn check_not_refused(&self) -> Result<()> {
        self.refused.clone().map_or(Ok(()), Err)
    }

    /// A line (the one being read: the next line number) may hold at most 64 KB; a longer one
    /// is refused before it is kept, so memory stays bounded whatever the file.
    fn check_length(&mut self, bytes: usize) -> Result<()> {
        if bytes <= MAX_LEDGER_LINE_BYTES {
            return Ok(());
        }
        self.line += 1;
        Err(self.refuse(too_long()))
    }

    /// Applies one line (without its `\n`). On error the pool is restored.
    fn apply_line(&mut self, bytes: &[u8]) -> Result<()> {
        self.line += 1;
        if bytes.len() > MAX_LEDGER_LINE_BYTES {
            return Err(self.refuse(too_long()));
        }
        let bytes = if self.line == 1 { bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes) } else { bytes };
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(self.refuse(RowError::new(None, LedgerProblem::NotUtf8, "not UTF-8 text")));
        };
        // A row starts with a printable ASCII byte; only other lines can be blank.
        let printable_start = matches!(text.as_bytes().first(), Some(b'!'..=b'~'));
        if !printable_start && text.trim().is_empty() {
            return Ok(());
        }
        let format = *self.format.get_or_insert_with(|| Format::of_first_row(text));
        let first = self.last_seq.is_none();
        let read = match format {
            Format::Csv => self.csv.read(text, first),
            Format::JsonLines => json_row(text).map(Line::Row),
        };
        let outcome = match read {
            Ok(Line::Header) => Ok(()),
            Ok(Line::Row(row)) => {
                apply_row(&mut self.pool, &mut self.report, &mut self.last_seq, self.line, row)
            }
            Err(reason) => Err(reason),
        };
        outcome.map_err(|reason| self.refuse(reason))
    }

    fn refuse(&mut self, row_error: RowError) -> PoolError {
        self.pool = self.before.clone();
        let RowError { field, problem, reason } = row_error;
        let error = PoolError::InvalidLedger { line: self.line, field, problem, reason };
        self.refused = Some(error.clone());
        error
    }
}

fn too_long() -> RowError {
    RowError::new(
        None,
        LedgerProblem::LineTooLong,
        format!("the line is longer than {MAX_LEDGER_LINE_BYTES} bytes"),
    )
}

fn apply_row(
    pool: &mut Pool,
    report: &mut AuditReport,
    last_seq: &mut Option<u64>,
    line: u64,
    row: Row<'_>,
) -> std::result::Result<(), RowError> {
    if let Some(last) = last_seq.filter(|last| row.seq <= *last) {
        let reason = format!("seq {} does not follow {last}", row.seq);
        return Err(RowError::new(Some("seq"), LedgerProblem::SeqNotIncreasing, reason));
    }
    let published = match &row.price_after {
        None => None,
        Some(text) => Some(read_published(text)?),
    };
    let engine_error = |error: PoolError| RowError::refused(&error);
    let price = match row.kind {
        RowKind::Purchase => {
            let amount = parse_amount(&row.value).map_err(engine_error)?;
            pool.purchase(&row.member, amount).map_err(engine_error)?.price_after
        }
        RowKind::Withdraw | RowKind::Redeem => {
            let kind =
                if row.kind == RowKind::Withdraw { CashOutKind::Withdraw } else { CashOutKind::Redeem };
            let points = parse_points(&row.value).map_err(engine_error)?;
            pool.cash_out(kind, &row.member, points).map_err(engine_error)?.price_after
        }
    };
    *last_seq = Some(row.seq);
    report.receipts += 1;
    if let (Some(published), Some(text)) = (published, &row.price_after) {
        check_price(report, (row.seq, line), (published, text), price, &pool.rules());
    }
    Ok(())
}
