//! 核对 / Check my points (docs/formats.md §5): a member's own lines (the app's list of
//! purchases with the points granted, and cash-outs with what was paid) checked against the
//! rules at the prices the platform published, under the pool's declared rounding.
//!
//! Each line is computed at its own published price, so a line can be checked without the
//! rest of the pool: the member's lines and the published prices are all it needs. A line
//! without its published price is refused naming it: the price is never guessed. What a line
//! cannot show, it does not claim: the burned points' share of the pool is not in a line, so
//! a cash-out it may have limited is `withinShare`, not `short` (model.md §3).

mod json_line;
mod lines;
mod logged;
mod thousands;

pub use lines::LineKind;
pub use logged::{logged_lines, LoggedLine};

use rust_decimal::Decimal;

use crate::decimal::{difference, sum};
use crate::error::{ErrorCode, PoolError, Result};
use crate::ledger::audit::Finding;
use crate::ledger::rows::RowError;
use crate::limits::MAX_QUANTITY;
use crate::model::rules::{Basis, Holder, Quantity, Rules, Verdict};
use crate::model::Config;
use lines::{column, each_record, kind_column, written_decimals, Fields};

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
    /// Cash-outs below their rate's figure that the pool's share may explain (`withinShare`).
    pub cash_outs_within_share: u64,
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

impl CheckReport {
    /// No line, every line `ok` or `withinShare` (what a line cannot disprove), or some `short`
    /// or `over`.
    pub fn finding(&self) -> Finding {
        if self.lines.is_empty() {
            Finding::NothingChecked
        } else if self.lines.iter().any(|line| matches!(line.verdict, Verdict::Short | Verdict::Over)) {
            Finding::Disagreements
        } else {
            Finding::AllAgree
        }
    }
}

/// Checks `text` (CSV with an optional header naming the columns, or JSON Lines) against the
/// rules of `config`; `current_price` values the position now.
pub fn check_history(config: &Config, text: &str, current_price: Option<Decimal>) -> Result<CheckReport> {
    config.validate()?;
    let rules = Rules::new(config);
    let mut report =
        CheckReport { lines: Vec::new(), totals: CheckTotals::default(), position: CheckPosition::default() };
    each_record(text, |line, fields| {
        let checked = check_line(&rules, &mut report.position, line, fields)?;
        count(&mut report.totals, &checked)?;
        report.lines.push(checked);
        Ok(())
    })?;
    value_position(&rules, &mut report, current_price)?;
    Ok(report)
}

/// One line at its published price, moving the member's position on.
fn check_line(
    rules: &Rules,
    position: &mut CheckPosition,
    line: u64,
    fields: Fields,
) -> std::result::Result<CheckedLine, RowError> {
    let kind = kind_column(&fields.kind)?;
    let (value, price, published) =
        (column("value", &fields.value)?, column("price", &fields.price)?, column("result", &fields.result)?);
    let engine = |error: PoolError| RowError::refused_in("value", &error);
    // What the pool would take: an amount up to 10^12 at the money scale, points at theirs.
    match kind.cash_out() {
        None => rules.check_amount(value).map_err(engine)?,
        Some(_) => rules.check_points(value).map_err(engine)?,
    }
    for (field, figure) in [("price", price), ("result", published)] {
        if figure > MAX_QUANTITY {
            let reason = format!("passes the limit of {MAX_QUANTITY}");
            return Err(RowError::rule(field, ErrorCode::LimitExceeded, reason));
        }
    }
    let basis = Basis::Published { price };
    let (expected, verdict, exits) = match kind.cash_out() {
        None => {
            let points = rules.purchase(value, basis).map_err(engine)?.points;
            let slack = rules
                .price_slack(price, points, |basis| Ok(rules.purchase(value, basis)?.points))
                .map_err(engine)?;
            position.points = sum(position.points, published, "points").map_err(engine)?;
            position.spent = sum(position.spent, value, "spent").map_err(engine)?;
            position.exited = false;
            (points, rules.verdict_within(Quantity::Points, published, points, slack).map_err(engine)?, false)
        }
        Some(_) if position.exited => {
            // The rules ended these points at an earlier exit (the platform may read the cap as
            // "more than" where the rules say "reaches"): nothing more is due until a purchase.
            position.received = sum(position.received, published, "received").map_err(engine)?;
            (Decimal::ZERO, rules.verdict(Quantity::Money, published, Decimal::ZERO).map_err(engine)?, false)
        }
        Some(cash_out_kind) => {
            if value > position.points {
                let reason = "more points than the lines before it grant";
                return Err(RowError::rule("value", ErrorCode::InsufficientPoints, reason));
            }
            let holder =
                Holder { points: position.points, spent: Some(position.spent), received: position.received };
            let rate = rules.rate(cash_out_kind);
            let cash_out = rules.cash_out(rate, value, &holder, basis).map_err(engine)?;
            let least_share =
                rules.least_share(cash_out.burned, price, written_decimals(&fields.price)).map_err(engine)?;
            let slack = rules
                .price_slack(price, cash_out.payout, |basis| {
                    Ok(rules.cash_out(rate, value, &holder, basis)?.payout)
                })
                .map_err(engine)?;
            let verdict =
                rules.cash_out_verdict(published, cash_out.payout, least_share, slack).map_err(engine)?;
            position.exited = cash_out.exited;
            position.points = difference(position.points, cash_out.burned).map_err(engine)?;
            position.received = sum(position.received, published, "received").map_err(engine)?;
            (cash_out.payout, verdict, cash_out.exited)
        }
    };
    Ok(CheckedLine {
        line,
        kind,
        value,
        price,
        published,
        expected,
        difference: difference(published, expected).map_err(engine)?,
        verdict,
        exits,
        note: fields.note,
    })
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
        totals.cash_outs_within_share += u64::from(line.verdict == Verdict::WithinShare);
        if short {
            totals.money_short = sum(totals.money_short, line.difference.abs(), "money").map_err(engine)?;
        }
    }
    Ok(())
}

/// The cap left, and at `current_price` the value, the cash-out and the short points' worth.
fn value_position(rules: &Rules, report: &mut CheckReport, current_price: Option<Decimal>) -> Result<()> {
    let position = &mut report.position;
    position.cap_left = rules.cap_left(position.spent, position.received)?;
    let Some(price) = current_price else { return Ok(()) };
    if price.is_sign_negative() || price.is_zero() {
        return Err(PoolError::AmountMustBePositive { field: "currentPrice" });
    }
    let basis = Basis::Published { price };
    let holder = Holder { points: position.points, spent: Some(position.spent), received: position.received };
    let payout_rate = rules.config().payout_rate;
    position.value = Some(rules.gross(position.points, basis)?);
    position.cash_out_value = Some(rules.cash_out(payout_rate, position.points, &holder, basis)?.payout);
    position.points_short_value = Some(rules.gross(report.totals.points_short, basis)?);
    Ok(())
}
