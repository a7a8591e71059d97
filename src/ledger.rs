//! Ledger replay and audit (SPEC §8). A ledger is CSV (`seq,type,member,value[,priceAfter]`,
//! header optional) or JSON Lines with the same fields. Rows are read one line at a
//! time, so a million-row ledger never sits parsed in memory. A bad row stops the
//! replay, names its line, and puts the pool back as it was before the replay.

use std::io::BufRead;

use crate::json::{Json, Object, ObjectWriter, ToJson};
use rust_decimal::Decimal;

use crate::decimal::{self, parse_plain};
use crate::error::{PoolError, Result};
use crate::pool::{parse_amount, parse_points, CashOutKind, Pool};

/// What a replay found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditReport {
    /// Rows applied.
    pub receipts: u64,
    /// Rows that published a `priceAfter`.
    pub checked: u64,
    /// Published prices off by one unit of their last decimal or more.
    pub mismatches: u64,
    pub first_mismatch: Option<Mismatch>,
}

/// A published price that the rules do not give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub seq: u64,
    /// As the ledger wrote it.
    pub published: String,
    /// What the engine computes.
    pub computed: String,
}

impl ToJson for AuditReport {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .number("receipts", self.receipts)
            .number("checked", self.checked)
            .number("mismatches", self.mismatches);
        match &self.first_mismatch {
            Some(first) => object.object("firstMismatch", |o| {
                o.number("seq", first.seq)
                    .string("published", &first.published)
                    .string("computed", &first.computed);
            }),
            None => object.null("firstMismatch"),
        };
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    JsonLines,
}

/// A replay in progress that owns its pool: feed it text in chunks of any size (a file
/// read piece by piece), then `finish()`. A refused row puts the pool back as it was
/// before the first row, and every later call gives the same refusal.
pub struct Replay {
    pool: Pool,
    /// The pool before the first row, restored when a row is refused.
    before: Pool,
    progress: Progress,
    line: u64,
    format: Option<Format>,
    csv: CsvLine,
    /// The start of a line that the end of a chunk cut, kept until the rest arrives.
    partial: String,
    refused: Option<PoolError>,
}

/// What the rows so far have established.
#[derive(Default)]
struct Progress {
    report: AuditReport,
    last_seq: Option<u64>,
}

/// One row, borrowed from its line.
struct Row<'a> {
    seq: u64,
    kind: &'a str,
    member: &'a str,
    value: &'a str,
    price_after: Option<&'a str>,
}

impl Pool {
    /// Replays a whole ledger text against this pool.
    pub fn replay(&mut self, text: &str) -> Result<AuditReport> {
        let mut replay = Replay::new(std::mem::take(self));
        let outcome = replay.feed(text).and_then(|()| replay.finish());
        *self = replay.into_pool();
        outcome
    }

    /// Replays a ledger read line by line (a file of any size).
    pub fn replay_reader(&mut self, mut reader: impl BufRead) -> Result<AuditReport> {
        let mut replay = Replay::new(std::mem::take(self));
        let mut line = String::new();
        let outcome = loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) => break replay.finish(),
                Ok(_) => {
                    if let Err(error) = replay.feed(&line) {
                        break Err(error);
                    }
                }
                Err(error) => break Err(replay.refuse(format!("cannot read: {error}"))),
            }
        };
        *self = replay.into_pool();
        outcome
    }
}

impl Replay {
    pub fn new(pool: Pool) -> Replay {
        let before = pool.clone();
        Replay {
            pool,
            before,
            progress: Progress::default(),
            line: 0,
            format: None,
            csv: CsvLine::new(),
            partial: String::new(),
            refused: None,
        }
    }

    /// Applies the whole lines in `chunk`; a line the chunk ends inside waits for the next
    /// chunk or `finish()`. Lines are split by bytes (`str::lines` goes through the
    /// general pattern searcher), and `\r\n` is a line break too.
    pub fn feed(&mut self, chunk: &str) -> Result<()> {
        self.check_not_refused()?;
        let mut rest = chunk;
        while let Some(end) = line_end(rest) {
            let line = rest.get(..end).unwrap_or_default();
            rest = rest.get(end + 1..).unwrap_or_default();
            if self.partial.is_empty() {
                self.apply_line(line)?;
            } else {
                let mut joined = std::mem::take(&mut self.partial);
                joined.push_str(line);
                self.apply_line(&joined)?;
            }
        }
        self.partial.push_str(rest);
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
        Ok(self.progress.report.clone())
    }

    /// What the rows so far have found.
    pub fn report(&self) -> &AuditReport {
        &self.progress.report
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

    /// Applies one line (without its `\n`; a `\r` before it is dropped). On error the pool
    /// is restored. `feed` and `finish` have checked that the replay was not refused.
    fn apply_line(&mut self, text: &str) -> Result<()> {
        let text = match text.as_bytes() {
            [.., b'\r'] => text.get(..text.len() - 1).unwrap_or_default(),
            _ => text,
        };
        self.line += 1;
        let text = if self.line == 1 { text.trim_start_matches('\u{feff}') } else { text };
        // A row starts with a printable ASCII byte; only other lines can be blank.
        let printable_start = matches!(text.as_bytes().first(), Some(b'!'..=b'~'));
        if !printable_start && text.trim().is_empty() {
            return Ok(());
        }
        let format = *self.format.get_or_insert_with(|| {
            if text.trim_start().starts_with('{') {
                Format::JsonLines
            } else {
                Format::Csv
            }
        });
        let outcome = match format {
            Format::Csv => self.csv_line(text),
            Format::JsonLines => json_line(&mut self.pool, &mut self.progress, text),
        };
        outcome.map_err(|reason| self.refuse(reason))
    }

    fn refuse(&mut self, reason: String) -> PoolError {
        self.pool = self.before.clone();
        let error = PoolError::ledger(self.line, reason);
        self.refused = Some(error.clone());
        error
    }

    fn csv_line(&mut self, text: &str) -> std::result::Result<(), String> {
        let (fields, count) = self.csv.split(text)?;
        let fields = &fields[..count];
        let is_first_row = self.progress.last_seq.is_none();
        if is_first_row && fields.first() == Some(&"seq") {
            let expected = ["seq", "type", "member", "value", "priceAfter"];
            let ok = (4..=5).contains(&fields.len()) && fields.iter().zip(expected).all(|(f, e)| *f == e);
            return if ok { Ok(()) } else { Err("header must be seq,type,member,value[,priceAfter]".into()) };
        }
        let [seq, kind, member, value, rest @ ..] = fields else {
            return Err("a row needs seq,type,member,value[,priceAfter]".into());
        };
        let price_after = match rest {
            [] | [""] => None,
            [price] => Some(*price),
            _ => return Err("too many fields".into()),
        };
        let seq = whole_number(seq).ok_or("seq must be a whole number")?;
        apply(&mut self.pool, &mut self.progress, Row { seq, kind, member, value, price_after })
    }
}

/// Where the first `\n` is. A plain loop: rows are short, and `str::find` builds a
/// searcher for each one.
fn line_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'\n' {
            return Some(index);
        }
        index += 1;
    }
    None
}

/// Digits only (no sign, no spaces), as a u64; `str::parse` would accept a leading `+`.
fn whole_number(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let (mut value, mut index) = (0u64, 0);
    while index < bytes.len() {
        let digit = match bytes[index] {
            byte @ b'0'..=b'9' => u64::from(byte - b'0'),
            _ => return None,
        };
        value = value.checked_mul(10)?.checked_add(digit)?;
        index += 1;
    }
    (!bytes.is_empty()).then_some(value)
}

fn apply(pool: &mut Pool, progress: &mut Progress, row: Row<'_>) -> std::result::Result<(), String> {
    if let Some(last) = progress.last_seq.filter(|last| row.seq <= *last) {
        return Err(format!("seq {} does not follow {last}", row.seq));
    }
    let published = match row.price_after {
        None => None,
        Some(text) => {
            Some(parse_plain(text).map_err(|_| format!("priceAfter \"{text}\" is not a plain decimal"))?)
        }
    };
    let engine_error = |error: PoolError| format!("{}: {error}", error.code());
    let price = match row.kind {
        "purchase" => {
            let amount = parse_amount(row.value).map_err(engine_error)?;
            pool.purchase(row.member, amount).map_err(engine_error)?.price_after
        }
        "withdraw" | "redeem" => {
            let which = if row.kind == "withdraw" { CashOutKind::Withdraw } else { CashOutKind::Redeem };
            let points = parse_points(row.value).map_err(engine_error)?;
            pool.cash_out(which, row.member, points).map_err(engine_error)?.price_after
        }
        other => return Err(format!("type must be purchase, withdraw or redeem, not \"{other}\"")),
    };
    progress.last_seq = Some(row.seq);
    progress.report.receipts += 1;
    if let (Some(published), Some(text)) = (published, row.price_after) {
        check_price(&mut progress.report, row.seq, published, text, price);
    }
    Ok(())
}

/// A published price passes when it is within one unit of its own last decimal, so
/// that truncating and rounding publishers both pass.
fn check_price(report: &mut AuditReport, seq: u64, published: Decimal, text: &str, computed: Decimal) {
    report.checked += 1;
    let bytes = text.as_bytes();
    let mut dot = bytes.len();
    while dot > 0 && bytes[dot - 1] != b'.' {
        dot -= 1;
    }
    // `dot` is past the point, or 0 with no point: the decimals written are what follows.
    let written_decimals = if dot == 0 { 0 } else { (bytes.len() - dot) as u32 };
    let unit = Decimal::new(1, written_decimals.min(28));
    // Both are below 10^15, so the difference always exists.
    if decimal::difference(published, computed).is_ok_and(|gap| gap.abs() < unit) {
        return;
    }
    report.mismatches += 1;
    if report.first_mismatch.is_none() {
        report.first_mismatch =
            Some(Mismatch { seq, published: text.to_owned(), computed: decimal::to_plain_string(computed) });
    }
}

/// Reads one JSON Lines row: an object with the CSV's fields, decimals as strings.
fn json_row(text: &str) -> std::result::Result<(u64, Object), String> {
    let value = Json::parse(text).map_err(|error| format!("not JSON: {error}"))?;
    let Json::Object(object) = value else { return Err("a row must be a JSON object".into()) };
    const FIELDS: [&str; 5] = ["seq", "type", "member", "value", "priceAfter"];
    if let Some(unknown) = object.unknown_key(&FIELDS) {
        return Err(format!("unknown field \"{unknown}\""));
    }
    let seq = object.get("seq").and_then(Json::as_u64).ok_or("seq must be a whole number")?;
    Ok((seq, object))
}

fn text_field<'a>(object: &'a Object, field: &str) -> std::result::Result<&'a str, String> {
    object.get(field).and_then(Json::as_str).ok_or_else(|| format!("{field} must be a string"))
}

fn json_line(pool: &mut Pool, progress: &mut Progress, text: &str) -> std::result::Result<(), String> {
    let (seq, object) = json_row(text)?;
    let price_after = match object.get("priceAfter") {
        None | Some(Json::Null) => None,
        Some(_) => Some(text_field(&object, "priceAfter")?),
    };
    let row = Row {
        seq,
        kind: text_field(&object, "type")?,
        member: text_field(&object, "member")?,
        value: text_field(&object, "value")?,
        price_after,
    };
    apply(pool, progress, row)
}

/// Splits one CSV line (RFC 4180: commas, double quotes, `""` for a quote inside
/// quotes) into at most eight fields. Unquoted fields are borrowed from the line; only
/// a quoted field with `""` in it is copied. Hand-written rather than csv-core: a row
/// never spans lines here (member ids hold no control characters), and csv-core cost
/// about 3 KB of the wasm (twiggy: read_record 1.7 KB, ReaderBuilder::build 1.3 KB)
/// against a 50 KB gzipped budget.
struct CsvLine {
    unescaped: [String; MAX_FIELDS],
}

const MAX_FIELDS: usize = 8;

impl CsvLine {
    fn new() -> CsvLine {
        CsvLine { unescaped: Default::default() }
    }

    fn split<'a>(&'a mut self, line: &'a str) -> std::result::Result<([&'a str; MAX_FIELDS], usize), String> {
        let bytes = line.as_bytes();
        let mut ranges = [(0usize, 0usize, false); MAX_FIELDS];
        let (mut count, mut at) = (0, 0);
        loop {
            if count == MAX_FIELDS {
                return Err("too many fields".into());
            }
            let field = if matches!(bytes.get(at), Some(b'"')) {
                let (end, escaped) = Self::quoted(bytes, at + 1)?;
                let field = (at + 1, end, escaped);
                at = end + 1;
                if !matches!(bytes.get(at), None | Some(b',')) {
                    return Err("text after a closing quote".into());
                }
                field
            } else {
                let mut end = at;
                while end < bytes.len() && bytes[end] != b',' {
                    end += 1;
                }
                let field = (at, end, false);
                at = end;
                field
            };
            ranges[count] = field;
            count += 1;
            if at >= bytes.len() {
                break;
            }
            at += 1; // the comma; a line ending in one has an empty last field
        }
        let mut fields = [""; MAX_FIELDS];
        for index in 0..count {
            let (start, end, escaped) = ranges[index];
            // Commas and quotes are ASCII, so every range falls on UTF-8 boundaries.
            let raw = line.get(start..end).unwrap_or("");
            if escaped {
                let unescaped = &mut self.unescaped[index];
                unescaped.clear();
                // `""` stands for one quote: drop every quote that follows a kept one.
                let mut previous_quote = false;
                for c in raw.chars() {
                    if c == '"' && previous_quote {
                        previous_quote = false;
                        continue;
                    }
                    previous_quote = c == '"';
                    unescaped.push(c);
                }
            }
            fields[index] = raw;
        }
        for index in 0..count {
            if ranges[index].2 {
                fields[index] = &self.unescaped[index];
            }
        }
        Ok((fields, count))
    }

    /// The end of a quoted field starting at `from`, and whether it holds `""`.
    fn quoted(bytes: &[u8], from: usize) -> std::result::Result<(usize, bool), String> {
        let mut at = from;
        let mut escaped = false;
        loop {
            match bytes.get(at) {
                None => return Err("unterminated quote".into()),
                Some(b'"') if bytes.get(at + 1) == Some(&b'"') => {
                    escaped = true;
                    at += 2;
                }
                Some(b'"') => return Ok((at, escaped)),
                Some(_) => at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CsvLine;

    #[test]
    fn splits_quoted_fields_as_rfc_4180_says() {
        let mut csv = CsvLine::new();
        let cases: [(&str, &[&str]); 6] = [
            ("1,purchase,A,100", &["1", "purchase", "A", "100"]),
            ("1,purchase,\"Li, Wei\",100,", &["1", "purchase", "Li, Wei", "100", ""]),
            ("2,redeem,\"say \"\"hi\"\"\",1", &["2", "redeem", "say \"hi\"", "1"]),
            ("", &[""]),
            (",", &["", ""]),
            ("\"\",x", &["", "x"]),
        ];
        for (line, expected) in cases {
            let (fields, count) = csv.split(line).unwrap();
            assert_eq!(&fields[..count], expected, "{line:?}");
        }
        for bad in ["\"open", "\"a\"b,1", "1,2,3,4,5,6,7,8,9"] {
            assert!(csv.split(bad).is_err(), "{bad:?}");
        }
    }
}
