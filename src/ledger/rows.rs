//! Reading one ledger line into a row (docs/formats.md §3): CSV through csv-core
//! (`seq,type,member,value[,priceAfter]`, RFC 4180 quoting, header optional) or a JSON
//! Lines object with the same fields. A line is at most 64 KB and already split off its
//! file; a row never spans lines (member ids hold no line breaks).

use std::borrow::Cow;

use serde::Deserialize;

use crate::error::{ErrorCode, LedgerProblem, PoolError, Problem};

/// The operation a row applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Purchase,
    Withdraw,
    Redeem,
}

/// One row, its text fields borrowed from the line where they can be.
#[derive(Debug)]
pub struct Row<'a> {
    pub seq: u64,
    pub kind: RowKind,
    pub member: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub price_after: Option<Cow<'a, str>>,
}

/// Which format a ledger is in, decided by its first row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
}

impl Format {
    /// A JSON Lines ledger's rows start with `{`.
    pub fn of_first_row(line: &str) -> Format {
        if line.trim_start().starts_with('{') {
            Format::JsonLines
        } else {
            Format::Csv
        }
    }
}

/// Why a line is not a row: the column at fault (when one is), a stable code, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub field: Option<&'static str>,
    pub problem: Problem,
    pub reason: String,
}

impl RowError {
    pub fn new(field: Option<&'static str>, problem: LedgerProblem, reason: impl Into<String>) -> RowError {
        RowError { field, problem: problem.into(), reason: reason.into() }
    }

    /// The rules refused the value in column `field`: the problem is the engine's code.
    pub fn refused_in(field: &'static str, error: &PoolError) -> RowError {
        RowError::rule(field, error.kind(), error.to_string())
    }

    /// The rules refused the value in column `field` for `reason`.
    pub fn rule(field: &'static str, code: ErrorCode, reason: impl Into<String>) -> RowError {
        RowError { field: Some(field), problem: Problem::Refused(code), reason: reason.into() }
    }

    /// A row the engine's rules refused: the problem is the engine's code.
    pub fn refused(error: &PoolError) -> RowError {
        let field = match error.kind() {
            ErrorCode::InvalidMemberId | ErrorCode::UnknownMember => "member",
            _ => "value",
        };
        RowError::refused_in(field, error)
    }
}

/// What a line held: a row, or the CSV header.
pub enum Line<'a> {
    Row(Row<'a>),
    Header,
}

/// The CSV reader and its buffers, reused line after line; `most` fields a line at most (a
/// ledger row's five and one more, to say there are too many, unless a reader asks for more).
pub struct CsvRows {
    reader: csv_core::Reader,
    fields: Vec<u8>,
    ends: [usize; MOST_FIELDS],
    most: usize,
}

/// A row has five fields at most; reading stops at one more, to say there are too many.
const MAX_FIELDS: usize = 6;
/// The most fields any reader asks for (a member's history line, `ledger::check`).
pub const MOST_FIELDS: usize = 17;
const HEADER: [&str; 5] = ["seq", "type", "member", "value", "priceAfter"];

impl Default for CsvRows {
    fn default() -> Self {
        CsvRows {
            reader: csv_core::Reader::new(),
            fields: Vec::new(),
            ends: [0; MOST_FIELDS],
            most: MAX_FIELDS,
        }
    }
}

impl CsvRows {
    /// A reader of lines whose fields `delimiter` separates (a tab or `;` where spreadsheets
    /// save them so), quoted as RFC 4180 says, `most` fields a line at most (up to `MOST_FIELDS`).
    pub fn with_delimiter(delimiter: u8, most: usize) -> Self {
        let reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        CsvRows { reader, most: most.min(MOST_FIELDS), ..CsvRows::default() }
    }

    /// Reads one CSV line (without its line break). `first` is whether no row came before,
    /// where a header may stand.
    pub fn read<'a>(&'a mut self, line: &'a str, first: bool) -> Result<Line<'a>, RowError> {
        let count = self.split(line.as_bytes())?;
        let mut fields = [""; MAX_FIELDS];
        let mut start = 0;
        for (index, end) in self.ends[..count].iter().enumerate() {
            // Quotes are ASCII, so unquoting never splits a character of valid UTF-8.
            fields[index] = std::str::from_utf8(&self.fields[start..*end])
                .map_err(|_| RowError::new(None, LedgerProblem::NotUtf8, "not UTF-8 text"))?;
            start = *end;
        }
        let fields = &fields[..count];
        if first && fields.first() == Some(&"seq") {
            let ok = (4..=5).contains(&count) && fields.iter().zip(HEADER).all(|(f, e)| *f == e);
            let bad = || {
                RowError::new(
                    None,
                    LedgerProblem::BadHeader,
                    "header must be seq,type,member,value[,priceAfter]",
                )
            };
            return if ok { Ok(Line::Header) } else { Err(bad()) };
        }
        let [seq, kind, member, value, rest @ ..] = fields else {
            return Err(RowError::new(
                None,
                LedgerProblem::MissingFields,
                "a row needs seq,type,member,value[,priceAfter]",
            ));
        };
        let price_after = match rest {
            [] | [""] => None,
            [price] => Some(Cow::Borrowed(*price)),
            _ => return Err(RowError::new(None, LedgerProblem::TooManyFields, "too many fields")),
        };
        Ok(Line::Row(Row {
            seq: whole_number(seq).ok_or_else(|| {
                RowError::new(Some("seq"), LedgerProblem::NotAWholeNumber, "seq must be a whole number")
            })?,
            kind: row_kind(kind)?,
            member: Cow::Borrowed(*member),
            value: Cow::Borrowed(*value),
            price_after,
        }))
    }

    /// The unquoted fields of one CSV line (fewer than `most`), as owned strings: for readers of
    /// other line formats than the ledger's (a member's history, `ledger::check`).
    pub fn fields(&mut self, line: &str) -> Result<Vec<String>, RowError> {
        let count = self.split(line.as_bytes())?;
        let mut start = 0;
        let mut fields = Vec::with_capacity(count);
        for end in &self.ends[..count] {
            let field = std::str::from_utf8(&self.fields[start..*end])
                .map_err(|_| RowError::new(None, LedgerProblem::NotUtf8, "not UTF-8 text"))?;
            fields.push(field.to_owned());
            start = *end;
        }
        Ok(fields)
    }

    /// Unquotes the line's fields into `self.fields`; gives how many there are.
    fn split(&mut self, line: &[u8]) -> Result<usize, RowError> {
        use csv_core::ReadRecordResult::{End, InputEmpty, OutputEndsFull, OutputFull, Record};
        // csv-core skips an empty line as no record at all; here it is one empty field.
        if line.is_empty() {
            self.ends[0] = 0;
            return Ok(1);
        }
        // Unquoting only ever shortens a field.
        if self.fields.len() < line.len() {
            self.fields.resize(line.len(), 0);
        }
        let (mut input, mut written, mut count) = (line, 0, 0);
        // The line, then its line break, which ends the record (unless a quote is still open).
        for last in [false, true] {
            if last {
                input = b"\n";
            }
            loop {
                let (result, read, out, ends) = self.reader.read_record(
                    input,
                    &mut self.fields[written..],
                    &mut self.ends[count..self.most],
                );
                input = &input[read..];
                written += out;
                count += ends;
                match result {
                    Record => return Ok(count),
                    InputEmpty => break,
                    OutputFull => self.fields.resize(self.fields.len() * 2 + 16, 0),
                    OutputEndsFull => {
                        self.reader.reset();
                        return Err(RowError::new(None, LedgerProblem::TooManyFields, "too many fields"));
                    }
                    End => break,
                }
            }
        }
        self.reader.reset();
        Err(RowError::new(None, LedgerProblem::UnterminatedQuote, "unterminated quote"))
    }
}

/// A JSON Lines row: an object with the CSV's fields, decimals as strings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct JsonRow<'a> {
    seq: u64,
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    member: Cow<'a, str>,
    #[serde(borrow)]
    value: Cow<'a, str>,
    #[serde(default, borrow)]
    price_after: Option<Cow<'a, str>>,
}

/// Reads one JSON Lines row.
pub fn json_row(line: &str) -> Result<Row<'_>, RowError> {
    let row: JsonRow<'_> = serde_json::from_str(line).map_err(|error| {
        RowError::new(
            None,
            LedgerProblem::NotARow,
            crate::error::shorten_quotes(&format!("not a ledger row: {error}")),
        )
    })?;
    Ok(Row {
        seq: row.seq,
        kind: row_kind(&row.kind)?,
        member: row.member,
        value: row.value,
        price_after: row.price_after,
    })
}

fn row_kind(text: &str) -> Result<RowKind, RowError> {
    match text {
        "purchase" => Ok(RowKind::Purchase),
        "withdraw" => Ok(RowKind::Withdraw),
        "redeem" => Ok(RowKind::Redeem),
        other => {
            let reason =
                format!("type must be purchase, withdraw or redeem, not {}", crate::error::quote(other));
            Err(RowError::new(Some("type"), LedgerProblem::UnknownType, reason))
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str) -> Result<Vec<String>, RowError> {
        let mut rows = CsvRows::default();
        let count = rows.split(line.as_bytes())?;
        let mut start = 0;
        Ok(rows.ends[..count]
            .iter()
            .map(|end| {
                let field = String::from_utf8(rows.fields[start..*end].to_vec()).unwrap();
                start = *end;
                field
            })
            .collect())
    }

    #[test]
    fn splits_quoted_fields_as_rfc_4180_says() {
        let cases: [(&str, &[&str]); 5] = [
            ("1,purchase,A,100", &["1", "purchase", "A", "100"]),
            ("1,purchase,\"Li, Wei\",100,", &["1", "purchase", "Li, Wei", "100", ""]),
            ("2,redeem,\"say \"\"hi\"\"\",1", &["2", "redeem", "say \"hi\"", "1"]),
            ("", &[""]),
            (",", &["", ""]),
        ];
        for (line, expected) in cases {
            assert_eq!(fields(line).unwrap(), expected, "{line:?}");
        }
        assert!(fields("\"open").is_err());
        assert!(fields("1,2,3,4,5,6,7").is_err());
        // The reader is left ready for the next line after a refusal.
        let mut rows = CsvRows::default();
        assert!(rows.split(b"\"open").is_err());
        assert_eq!(rows.split(b"1,purchase,A,100").unwrap(), 4);
    }
}
