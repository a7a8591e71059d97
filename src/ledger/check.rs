//! 核对 / Check my points (docs/formats.md §5): a member's own lines (the app's list of
//! purchases with the points granted, and cash-outs with what was paid) checked against the
//! rules at the prices the platform published, under the platform's rounding.
//!
//! Each line is computed at its own published price, so a line can be checked without the
//! rest of the pool: the member's lines and the published prices are all it needs. A line
//! without its published price is refused naming it: the price is never guessed.

use rust_decimal::Decimal;

use crate::decimal::{difference, parse_friendly, sum};
use crate::error::{PoolError, Result};
use crate::ledger::rows::{CsvRows, Format, RowError};
use crate::limits::MAX_LEDGER_LINE_BYTES;
use crate::model::exact_ratio::{product_rounded, ratio_rounded};
use crate::model::{cap, Config};

/// The most lines one check reads.
pub const MAX_CHECK_LINES: usize = 100_000;

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
    pub fn name(self) -> &'static str {
        match self {
            LineKind::Purchase => "purchase",
            LineKind::Withdraw => "withdraw",
            LineKind::Redeem => "redeem",
        }
    }

    /// The English name, or the Chinese one an app's export uses.
    fn read(text: &str) -> Option<LineKind> {
        match text.trim() {
            "purchase" | "消费" | "购买" => Some(LineKind::Purchase),
            "withdraw" | "提现" => Some(LineKind::Withdraw),
            "redeem" | "兑换" | "兑换商品" => Some(LineKind::Redeem),
            _ => None,
        }
    }
}

/// What the rules say about one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within one unit of the last decimal the platform published.
    Ok,
    /// The platform granted or paid less than the rules give.
    Short,
    /// More than the rules give.
    Over,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Short => "short",
            Verdict::Over => "over",
        }
    }
}

/// One checked line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedLine {
    /// 1-based line of the text.
    pub line: u64,
    pub kind: LineKind,
    /// The amount (purchase) or the points (cash-out, goods).
    pub value: Decimal,
    /// The price the platform published for it.
    pub price: Decimal,
    /// What the platform granted (points) or paid (CNY).
    pub published: Decimal,
    /// What the rules give at that price.
    pub expected: Decimal,
    /// `published − expected`.
    pub difference: Decimal,
    pub verdict: Verdict,
    /// At a cash-out: whether the rules make it an exit at the cap.
    pub exits: bool,
    /// The line's note column, if it has one (a date, an order number).
    pub note: String,
}

/// What all the lines add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckTotals {
    pub purchases: u64,
    pub purchases_short: u64,
    pub purchases_over: u64,
    pub cash_outs: u64,
    pub cash_outs_short: u64,
    pub cash_outs_over: u64,
    /// Points the short grants lack, in all (positive).
    pub points_short: Decimal,
    /// Money the short cash-outs lack, in all (positive).
    pub money_short: Decimal,
}

/// The member's position by their own lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckPosition {
    /// Points granted less points cashed out (all of them at an exit), as published.
    pub points: Decimal,
    pub spent: Decimal,
    /// Cash and goods received, as published.
    pub received: Decimal,
    /// Whether, by the rules, a cash-out reached the cap and ended the points (until a purchase).
    pub exited: bool,
    /// What the cap still allows; `None` without a cap.
    pub cap_left: Option<Decimal>,
    /// At the current price, when given: `points × price`, what cashing out pays, and what
    /// the short points would be worth.
    pub value: Option<Decimal>,
    pub cash_out_value: Option<Decimal>,
    pub points_short_value: Option<Decimal>,
}

/// A member's history checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub lines: Vec<CheckedLine>,
    pub totals: CheckTotals,
    pub position: CheckPosition,
}

/// The columns a line may have; without a header they come in this order.
const COLUMNS: [&str; 5] = ["type", "value", "price", "result", "note"];

/// Checks `text` (CSV with an optional header naming the columns, or JSON Lines) against the
/// rules of `config`; `current_price` values the position now.
pub fn check_history(config: &Config, text: &str, current_price: Option<Decimal>) -> Result<CheckReport> {
    config.validate()?;
    let mut reader = LineReader::default();
    let mut report =
        CheckReport { lines: Vec::new(), totals: CheckTotals::default(), position: CheckPosition::default() };
    for (index, raw) in text.split('\n').enumerate() {
        let line = index as u64 + 1;
        let refuse = |error: RowError| PoolError::InvalidLedger {
            line,
            field: error.field,
            problem: error.problem,
            reason: error.reason,
        };
        if raw.len() > MAX_LEDGER_LINE_BYTES {
            return Err(refuse(RowError::new(None, "line_too_long", "the line is longer than 64 KB")));
        }
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let raw = if line == 1 { raw.strip_prefix('\u{feff}').unwrap_or(raw) } else { raw };
        if raw.trim().is_empty() {
            continue;
        }
        if report.lines.len() >= MAX_CHECK_LINES {
            return Err(refuse(RowError::new(None, "too_many_lines", "at most 100,000 lines")));
        }
        let Some(fields) = reader.read(raw).map_err(refuse)? else { continue };
        let checked = check_line(config, &mut report.position, line, fields).map_err(refuse)?;
        count(&mut report.totals, &checked).map_err(refuse)?;
        report.lines.push(checked);
    }
    value_position(config, &mut report, current_price)?;
    Ok(report)
}

/// The fields of a line by column name.
struct Fields {
    kind: String,
    value: String,
    price: String,
    result: String,
    note: String,
}

/// Reads lines as CSV (a header may name the columns) or JSON Lines, decided by the first.
#[derive(Default)]
struct LineReader {
    format: Option<Format>,
    csv: CsvRows,
    /// Where each of `COLUMNS` stands in a CSV line.
    order: Option<[Option<usize>; 5]>,
}

impl LineReader {
    /// The line's fields, or `None` for a header.
    fn read(&mut self, line: &str) -> std::result::Result<Option<Fields>, RowError> {
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
                    return Err(RowError::new(None, "too_many_fields", "too many fields"));
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
            return Err(RowError::new(None, "bad_header", "columns are type, value, price, result and note"));
        };
        order[column] = Some(at);
    }
    if order[..4].iter().any(Option::is_none) {
        return Err(RowError::new(None, "bad_header", "the header needs type, value, price and result"));
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
            "not_a_row",
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
fn column(field: &'static str, text: &str) -> std::result::Result<Decimal, RowError> {
    if text.trim().is_empty() {
        let (problem, reason) = if field == "price" {
            ("missing_price", "the price the platform published for this line is needed; it is never guessed")
        } else {
            ("missing_fields", "this column is empty")
        };
        return Err(RowError::new(Some(field), problem, reason));
    }
    let value = parse_friendly(field, text).map_err(|error| RowError::refused_in(field, &error))?;
    if value.is_sign_negative() || (value.is_zero() && field != "result") {
        return Err(RowError::new(Some(field), "amount_must_be_positive", "must be above 0"));
    }
    Ok(value)
}

/// One line at its published price, moving the member's position on.
fn check_line(
    config: &Config,
    position: &mut CheckPosition,
    line: u64,
    fields: Fields,
) -> std::result::Result<CheckedLine, RowError> {
    let kind = LineKind::read(&fields.kind).ok_or_else(|| {
        RowError::new(
            Some("type"),
            "unknown_type",
            "type must be purchase (消费), withdraw (提现) or redeem (兑换)",
        )
    })?;
    let (value, price, published) =
        (column("value", &fields.value)?, column("price", &fields.price)?, column("result", &fields.result)?);
    let engine = |error: PoolError| RowError::refused_in("value", &error);
    let rounding = config.rounding.unwrap_or_default();
    let mut exits = false;
    let expected = match kind {
        LineKind::Purchase => {
            let contribution =
                product_rounded(rounding.money, value, config.pool_rate, "contribution").map_err(engine)?;
            let grant =
                product_rounded(rounding.money, contribution, config.grant_rate, "grant").map_err(engine)?;
            let points =
                ratio_rounded(rounding.points, grant, Decimal::ONE, price, "points").map_err(engine)?;
            position.points = sum(position.points, published, "points").map_err(engine)?;
            position.spent = sum(position.spent, value, "spent").map_err(engine)?;
            position.exited = false;
            points
        }
        LineKind::Withdraw | LineKind::Redeem if position.exited => {
            // The rules ended these points at an earlier exit (the platform may read the cap as
            // "more than" where the rules say "reaches"): nothing more is due until a purchase.
            position.received = sum(position.received, published, "received").map_err(engine)?;
            Decimal::ZERO
        }
        LineKind::Withdraw | LineKind::Redeem => {
            if value > position.points {
                return Err(RowError::new(
                    Some("value"),
                    "insufficient_points",
                    "more points than the lines before it grant",
                ));
            }
            let rate = if kind == LineKind::Withdraw { config.payout_rate } else { config.redeem_rate };
            let gross = product_rounded(rounding.money, value, price, "gross").map_err(engine)?;
            let uncapped = product_rounded(rounding.money, gross, rate, "payout").map_err(engine)?;
            let left = cap::cap_left(config, position.spent, position.received).map_err(engine)?;
            let (pay, exit) = cap::apply(config, uncapped, left);
            exits = exit;
            let burned = if exit { position.points } else { value };
            position.exited = exit;
            position.points = difference(position.points, burned).map_err(engine)?;
            position.received = sum(position.received, published, "received").map_err(engine)?;
            pay
        }
    };
    let gap = difference(published, expected).map_err(engine)?;
    // One unit of the last decimal the platform wrote ("21.00": 0.01) is its own rounding.
    let unit = Decimal::new(1, written_scale(&fields.result));
    let verdict = if gap.abs() < unit {
        Verdict::Ok
    } else if gap.is_sign_negative() {
        Verdict::Short
    } else {
        Verdict::Over
    };
    Ok(CheckedLine {
        line,
        kind,
        value,
        price,
        published,
        expected,
        difference: gap,
        verdict,
        exits,
        note: fields.note,
    })
}

/// The decimals a number was written with (`"21.00"`: 2), capped at 28.
fn written_scale(text: &str) -> u32 {
    // Counted on the plain form, so "２１．００" and "21。00" keep their two decimals.
    let plain = crate::decimal::friendly_plain(text).unwrap_or_default();
    plain.split_once('.').map_or(0, |(_, fraction)| fraction.len().min(28) as u32)
}

fn count(totals: &mut CheckTotals, line: &CheckedLine) -> std::result::Result<(), RowError> {
    let engine = |error: PoolError| RowError::refused_in("result", &error);
    let short = line.verdict == Verdict::Short;
    let over = line.verdict == Verdict::Over;
    if line.kind == LineKind::Purchase {
        totals.purchases += 1;
        totals.purchases_short += u64::from(short);
        totals.purchases_over += u64::from(over);
        if short {
            totals.points_short =
                sum(totals.points_short, line.difference.abs(), "points").map_err(engine)?;
        }
    } else {
        totals.cash_outs += 1;
        totals.cash_outs_short += u64::from(short);
        totals.cash_outs_over += u64::from(over);
        if short {
            totals.money_short = sum(totals.money_short, line.difference.abs(), "money").map_err(engine)?;
        }
    }
    Ok(())
}

/// The cap left, and at `current_price` the value, the cash-out and the short points' worth.
fn value_position(config: &Config, report: &mut CheckReport, current_price: Option<Decimal>) -> Result<()> {
    let position = &mut report.position;
    position.cap_left = cap::cap_left(config, position.spent, position.received)?;
    let Some(price) = current_price else { return Ok(()) };
    if price.is_sign_negative() || price.is_zero() {
        return Err(PoolError::AmountMustBePositive { field: "currentPrice" });
    }
    let money = config.rounding.unwrap_or_default().money;
    let value = product_rounded(money, position.points, price, "value")?;
    let uncapped = product_rounded(money, value, config.payout_rate, "cash-out")?;
    let (cash_out, _) = cap::apply(config, uncapped, position.cap_left);
    position.value = Some(value);
    position.cash_out_value = Some(cash_out);
    position.points_short_value = Some(product_rounded(money, report.totals.points_short, price, "value")?);
    Ok(())
}
