//! Reading a member's history lines (docs/formats.md §5): CSV with an optional header naming
//! the columns, or JSON Lines, decided by the first line; each number as people write it.

use rust_decimal::Decimal;

use crate::decimal::{friendly_plain, parse_friendly};
use crate::error::{ErrorCode, LedgerProblem};
use crate::ledger::rows::{CsvRows, Format, RowError};
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

/// The columns a line may have; without a header they come in this order.
const COLUMNS: [&str; 5] = ["type", "value", "price", "result", "note"];

/// The fields of a line by column name.
pub(super) struct Fields {
    pub kind: String,
    pub value: String,
    pub price: String,
    pub result: String,
    pub note: String,
}

/// Reads lines as CSV (a header may name the columns) or JSON Lines, decided by the first.
#[derive(Default)]
pub(super) struct LineReader {
    format: Option<Format>,
    csv: CsvRows,
    /// Where each of `COLUMNS` stands in a CSV line.
    order: Option<[Option<usize>; 5]>,
}

impl LineReader {
    /// The line's fields, or `None` for a header.
    pub(super) fn read(&mut self, line: &str) -> std::result::Result<Option<Fields>, RowError> {
        match *self.format.get_or_insert_with(|| Format::of_first_row(line)) {
            Format::JsonLines => json_fields(line).map(Some),
            Format::Csv => {
                let fields = self.csv.fields(line)?;
                if self.order.is_none() {
                    if let Some(order) = header(&fields)? {
                        self.order = Some(order);
                        return Ok(None);
                    }
                    self.order = Some([Some(0), Some(1), Some(2), Some(3), Some(4)]);
                }
                let order = self.order.unwrap_or_default();
                if fields.len() > order.iter().flatten().count() {
                    return Err(RowError::new(None, LedgerProblem::TooManyFields, "too many fields"));
                }
                let take =
                    |column: usize| order[column].and_then(|at| fields.get(at)).cloned().unwrap_or_default();
                Ok(Some(Fields {
                    kind: take(0),
                    value: take(1),
                    price: take(2),
                    result: take(3),
                    note: take(4),
                }))
            }
        }
    }
}

/// A header line's column order, or `None` when the line is data.
fn header(fields: &[String]) -> std::result::Result<Option<[Option<usize>; 5]>, RowError> {
    // A header starts with a column name, or is mostly column names (a note may say "type").
    let named = fields.iter().filter(|field| COLUMNS.contains(&field.trim())).count();
    let starts_named = fields.first().is_some_and(|field| COLUMNS.contains(&field.trim()));
    if !starts_named && named * 2 <= fields.len() {
        return Ok(None);
    }
    let mut order = [None; 5];
    for (at, field) in fields.iter().enumerate() {
        let Some(column) = COLUMNS.iter().position(|name| *name == field.trim()) else {
            return Err(RowError::new(
                None,
                LedgerProblem::BadHeader,
                "columns are type, value, price, result and note",
            ));
        };
        order[column] = Some(at);
    }
    if order[..4].iter().any(Option::is_none) {
        return Err(RowError::new(
            None,
            LedgerProblem::BadHeader,
            "the header needs type, value, price and result",
        ));
    }
    Ok(Some(order))
}

/// A JSON Lines line: `{"type", "value", "price", "result", "note"?}`, decimals as strings.
fn json_fields(line: &str) -> std::result::Result<Fields, RowError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct JsonLine {
        #[serde(rename = "type")]
        kind: String,
        value: String,
        #[serde(default)]
        price: Option<String>,
        result: String,
        #[serde(default)]
        note: Option<String>,
    }
    let parsed: JsonLine = serde_json::from_str(line).map_err(|error| {
        RowError::new(
            None,
            LedgerProblem::NotARow,
            crate::error::shorten_quotes(&format!("not a history line: {error}")),
        )
    })?;
    Ok(Fields {
        kind: parsed.kind,
        value: parsed.value,
        price: parsed.price.unwrap_or_default(),
        result: parsed.result,
        note: parsed.note.unwrap_or_default(),
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
