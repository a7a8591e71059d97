//! Reading a member's history lines (docs/formats.md §5) as members paste them: CSV separated by
//! commas, by tabs (copied from Excel or WPS) or by `;`, decided by the first line, with an
//! optional header naming the columns in English or Chinese; or JSON Lines, numbers as strings or
//! as JSON numbers. Each number as people write it, by the engine's one friendly reading.

use rust_decimal::Decimal;

use super::json_line::read_json_line;
use super::thousands::join_thousands;
use crate::decimal::{friendly_plain, parse_friendly};
use crate::error::{quote, ErrorCode, LedgerProblem, PoolError, Result};
use crate::ledger::rows::{CsvRows, Format, RowError, MOST_FIELDS};
use crate::limits::{MAX_CHECK_BYTES, MAX_CHECK_LINES, MAX_LEDGER_LINE_BYTES};
use crate::model::CashOutKind;

/// What a line records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// 消费: `value` is the amount, `result` the points granted.
    Purchase,
    /// 提现: `value` is the points, `result` the cash paid.
    Withdraw,
    /// 兑换: `value` is the points, `result` the goods value credited.
    Redeem,
}

impl LineKind {
    /// The cash-out a withdraw or redeem line records; `None` for a purchase.
    pub fn cash_out(self) -> Option<CashOutKind> {
        match self {
            LineKind::Purchase => None,
            LineKind::Withdraw => Some(CashOutKind::Withdraw),
            LineKind::Redeem => Some(CashOutKind::Redeem),
        }
    }

    /// The English name, or the Chinese one an app's export uses.
    pub(super) fn read(text: &str) -> Option<LineKind> {
        match text.trim() {
            "purchase" | "消费" | "购买" => Some(LineKind::Purchase),
            "withdraw" | "提现" => Some(LineKind::Withdraw),
            "redeem" | "兑换" | "兑换商品" => Some(LineKind::Redeem),
            _ => None,
        }
    }
}

/// A column of a line; `Other` is one an app's export adds that the check does not need
/// (a second date, a status), read past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Type,
    Value,
    Price,
    Result,
    Note,
    /// The row's seq on the platform's receipts: the check reads past it, the log's check
    /// (formats.md §5, "Against the log") finds the row by it.
    Seq,
    Other,
}

/// The columns in the order a line without a header gives them.
const IN_ORDER: [Column; 5] = [Column::Type, Column::Value, Column::Price, Column::Result, Column::Note];

/// What a header (or a JSON Lines key) may call each column: the English names, and what
/// Chinese apps and spreadsheets write. A unit in brackets after a name (`金额（元）`) is read past.
const NAMES: [(Column, &[&str]); 7] = [
    (Column::Type, &["type", "kind", "类型", "类别", "交易类型", "业务类型", "操作"]),
    (
        Column::Value,
        &["value", "amount", "points", "金额", "积分", "数量", "金额/积分", "金额或积分", "消费金额"],
    ),
    (Column::Price, &["price", "价格", "积分价格", "单价", "公布价格", "当时价格", "当时积分价格"]),
    (
        Column::Result,
        &[
            "result",
            "结果",
            "到账",
            "所得",
            "获得",
            "获得积分",
            "到账积分",
            "到账金额",
            "实得",
            "到账积分/金额",
        ],
    ),
    (
        Column::Note,
        &["note", "date", "time", "order", "备注", "日期", "时间", "订单", "订单号", "说明", "摘要"],
    ),
    (Column::Seq, &["seq", "序号"]),
    (Column::Other, &["id", "no", "status", "编号", "状态"]),
];

/// The column a header names, if it names one.
fn column_named(name: &str) -> Option<Column> {
    let name = name.trim();
    // `金额（元）`, `price (CNY)`: the unit in brackets says nothing the column does not.
    let name =
        ["（", "("].iter().find_map(|open| name.split_once(open)).map_or(name, |(head, _)| head.trim());
    NAMES
        .iter()
        .find(|(_, names)| names.iter().any(|known| known.eq_ignore_ascii_case(name)))
        .map(|(c, _)| *c)
}

/// The fields of a line by column.
#[derive(Default)]
pub(super) struct Fields {
    pub kind: String,
    pub value: String,
    pub price: String,
    pub result: String,
    pub note: String,
    pub seq: String,
}

impl Fields {
    /// Puts `text` in its column: the first note wins, other columns are read past.
    fn set(&mut self, column: Column, text: String) {
        match column {
            Column::Type => self.kind = text,
            Column::Value => self.value = text,
            Column::Price => self.price = text,
            Column::Result => self.result = text,
            Column::Note if self.note.is_empty() => self.note = text,
            Column::Seq => self.seq = text,
            Column::Note | Column::Other => {}
        }
    }
}

/// Hands `take` each line of a member's text that holds a record, with its 1-based number and
/// its fields (blank lines and a header are read past), under the limits every reading of a
/// member's lines keeps: `maxCheckBytes`, 64 KB a line, `MAX_CHECK_LINES` records. A refusal,
/// the reader's or `take`'s, is `invalid_ledger` naming the line.
pub(super) fn each_record(
    text: &str,
    mut take: impl FnMut(u64, Fields) -> std::result::Result<(), RowError>,
) -> Result<()> {
    if text.len() > MAX_CHECK_BYTES {
        return Err(PoolError::LimitExceeded { quantity: "maxCheckBytes" });
    }
    let mut reader = LineReader::default();
    let mut records = 0;
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
        if records >= MAX_CHECK_LINES {
            let reason = format!("at most {MAX_CHECK_LINES} lines");
            return Err(refuse(RowError::new(None, LedgerProblem::TooManyLines, reason)));
        }
        let Some(fields) = reader.read(raw).map_err(refuse)? else { continue };
        records += 1;
        take(line, fields).map_err(refuse)?;
    }
    Ok(())
}

/// Reads lines as CSV (a header may name the columns) or JSON Lines, decided by the first.
#[derive(Default)]
pub(super) struct LineReader {
    format: Option<Format>,
    /// The CSV reader, made for the first line's delimiter.
    csv: Option<(u8, CsvRows)>,
    /// Where each field of a CSV line goes, from the header or the order of `IN_ORDER`.
    order: Option<Vec<Column>>,
}

impl LineReader {
    /// The line's fields, or `None` for a header.
    pub(super) fn read(&mut self, line: &str) -> std::result::Result<Option<Fields>, RowError> {
        if *self.format.get_or_insert_with(|| Format::of_first_row(line)) == Format::JsonLines {
            return json_fields(line).map(Some);
        }
        let (delimiter, csv) = self.csv.get_or_insert_with(|| {
            let delimiter = delimiter_of(line);
            // The five columns, and room for what an app's export adds (dates, order numbers…).
            (delimiter, CsvRows::with_delimiter(delimiter, MOST_FIELDS))
        });
        let mut fields = csv.fields(line)?;
        let columns = self.order.as_ref().map_or(IN_ORDER.len(), Vec::len);
        if *delimiter == b',' {
            // Whether the last column is free text, which a figure moved over would fill unseen.
            let last_is_note = self
                .order
                .as_ref()
                .is_none_or(|order| matches!(order.last(), Some(Column::Note | Column::Other)));
            fields = join_thousands(fields, columns, last_is_note)?;
        }
        if self.order.is_none() {
            if let Some(order) = header(&fields)? {
                self.order = Some(order);
                return Ok(None);
            }
            self.order = Some(IN_ORDER.to_vec());
        }
        let order = self.order.as_deref().unwrap_or_default();
        if fields.len() > order.len() {
            return Err(too_many_fields(order.len()));
        }
        let mut read = Fields::default();
        for (column, text) in order.iter().zip(fields) {
            read.set(*column, text);
        }
        Ok(Some(read))
    }
}

fn too_many_fields(columns: usize) -> RowError {
    RowError::new(None, LedgerProblem::TooManyFields, format!("more than {columns} fields"))
}

/// The first line's delimiter: a tab (what a spreadsheet copies) or `;` when the line has four
/// fields or more by it, else a comma.
fn delimiter_of(line: &str) -> u8 {
    let fields_by = |delimiter: u8| {
        let mut quoted = false;
        1 + line
            .bytes()
            .filter(|byte| {
                quoted ^= *byte == b'"';
                !quoted && *byte == delimiter
            })
            .count()
    };
    [b'\t', b';'].into_iter().find(|delimiter| fields_by(*delimiter) >= 4).unwrap_or(b',')
}

/// A header line's columns, or `None` when the line is data.
fn header(fields: &[String]) -> std::result::Result<Option<Vec<Column>>, RowError> {
    let named: Vec<Option<Column>> = fields.iter().map(|field| column_named(field)).collect();
    // A header starts with a column name, or is mostly column names (a note may say "type").
    let count = named.iter().flatten().count();
    if named.first().is_some_and(Option::is_none) && count * 2 <= fields.len() {
        return Ok(None);
    }
    let bad = |reason: String| RowError::new(None, LedgerProblem::BadHeader, reason);
    let mut order = Vec::with_capacity(fields.len());
    for (field, column) in fields.iter().zip(named) {
        let Some(column) = column else {
            let shown = quote(field);
            return Err(bad(format!("{shown} is not a column: type, value, price, result, note")));
        };
        let twice = order.contains(&column);
        match column {
            Column::Note if twice => order.push(Column::Other),
            Column::Type | Column::Value | Column::Price | Column::Result | Column::Seq if twice => {
                return Err(bad(format!("{} is named twice", quote(field))));
            }
            _ => order.push(column),
        }
    }
    if IN_ORDER[..4].iter().any(|column| !order.contains(column)) {
        return Err(bad("the header needs type, value, price and result".to_owned()));
    }
    Ok(Some(order))
}

/// A JSON Lines line: an object with the columns as keys, in English or as a Chinese header names
/// them, each a string or a JSON number, read as the decimal it spells.
fn json_fields(line: &str) -> std::result::Result<Fields, RowError> {
    let parsed = read_json_line(line)?;
    Ok(Fields {
        kind: parsed.kind.unwrap_or_default(),
        value: parsed.value.unwrap_or_default(),
        price: parsed.price.unwrap_or_default(),
        result: parsed.result.unwrap_or_default(),
        note: parsed.note.unwrap_or_default(),
        seq: parsed.seq.unwrap_or_default(),
    })
}

/// The type column as a line's kind, or why not.
pub(super) fn kind_column(text: &str) -> std::result::Result<LineKind, RowError> {
    LineKind::read(text).ok_or_else(|| {
        RowError::new(
            Some("type"),
            LedgerProblem::UnknownType,
            "type must be purchase (消费), withdraw (提现) or redeem (兑换)",
        )
    })
}

/// A friendly decimal of a column, or why not.
pub(super) fn column(field: &'static str, text: &str) -> std::result::Result<Decimal, RowError> {
    if text.trim().is_empty() {
        let (problem, reason) = if field == "price" {
            (
                LedgerProblem::MissingPrice,
                "the price the platform published for this line is needed; it is never guessed",
            )
        } else {
            (LedgerProblem::MissingFields, "this column is empty")
        };
        return Err(RowError::new(Some(field), problem, reason));
    }
    let value = parse_friendly(field, text).map_err(|error| RowError::refused_in(field, &error))?;
    if value.is_sign_negative() || (value.is_zero() && field != "result") {
        return Err(RowError::rule(field, ErrorCode::AmountMustBePositive, "must be above 0"));
    }
    Ok(value)
}

/// The decimals a number was written with (`"5.17"`: 2; `"５．１７"` too), capped at 28: what
/// a published price's rounding may have taken off depends on them.
pub(super) fn written_decimals(text: &str) -> u32 {
    let plain = friendly_plain(text).unwrap_or_default();
    plain.split_once('.').map_or(0, |(_, fraction)| fraction.len().min(28) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_columns_in_english_or_chinese() {
        assert_eq!(column_named(" 金额（元） "), Some(Column::Value));
        assert_eq!(column_named("Price (CNY)"), Some(Column::Price));
        assert_eq!(column_named("到账积分/金额"), Some(Column::Result));
        assert_eq!(column_named("消费"), None);
        assert_eq!(delimiter_of("类型\t金额\t价格\t结果"), b'\t');
        assert_eq!(delimiter_of("消费;¥1,299.00;1.5;584"), b';');
        assert_eq!(delimiter_of("消费,100,1,21,订单;123"), b',');
    }
}
