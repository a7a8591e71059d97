//! Checking published prices (docs/formats.md §3): a `priceAfter` passes when it follows the
//! rules (`Rules::price_follows`: within one unit of a declared price rule; without one, the
//! exact price cut or rounded half up to the decimals written); every other one is a
//! mismatch, counted, and listed up to [`MAX_LISTED_MISMATCHES`].

use crate::error::ErrorCode;
use rust_decimal::Decimal;

use crate::decimal::{self, parse_plain};
use crate::ledger::rows::RowError;
use crate::limits::MAX_LISTED_MISMATCHES;
use crate::model::{RoundingMode, RoundingRule, Rules};

/// What a replay found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditReport {
    /// Rows applied.
    pub receipts: u64,
    /// Rows that published a `priceAfter`.
    pub checked: u64,
    /// Published prices that do not follow the rules.
    pub mismatches: u64,
    /// The first [`MAX_LISTED_MISMATCHES`] mismatches, in ledger order.
    pub listed: Vec<Mismatch>,
}

/// What a report found, in one word (docs/formats.md §3, §5): a page reads it rather than the
/// counts alone, so that a report that checked nothing never reads as "all 0 … follow".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Nothing was checked: no published price (an audit), no line (a history check).
    NothingChecked,
    /// Everything checked agrees with the rules.
    AllAgree,
    /// At least one published figure does not.
    Disagreements,
}

impl AuditReport {
    /// No price checked, every price following the rules, or mismatches.
    pub fn finding(&self) -> Finding {
        match (self.checked, self.mismatches) {
            (0, _) => Finding::NothingChecked,
            (_, 0) => Finding::AllAgree,
            _ => Finding::Disagreements,
        }
    }

    pub fn first_mismatch(&self) -> Option<&Mismatch> {
        self.listed.first()
    }

    /// Whether more mismatches were counted than listed.
    pub fn list_is_cut(&self) -> bool {
        self.mismatches > self.listed.len() as u64
    }
}

/// A published price that the rules do not give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub seq: u64,
    /// The ledger line it stands on, 1-based.
    pub line: u64,
    /// As the ledger wrote it.
    pub published: String,
    /// What the engine computes, in full.
    pub computed: Decimal,
    /// The computed price at the published number of decimals (rounded as the pool rounds
    /// prices, toward zero when it does not), to set beside the published figure.
    pub computed_at_scale: Decimal,
    /// `published − computed`.
    pub difference: Decimal,
}

/// A published price, or why it cannot be read.
pub fn read_published(text: &str) -> Result<Decimal, RowError> {
    parse_plain(text).map_err(|_| {
        let reason = format!("priceAfter {} is not a plain decimal", crate::error::quote(text));
        RowError::rule("priceAfter", ErrorCode::InvalidDecimal, reason)
    })
}

/// Checks one published price against the computed one and records the outcome.
pub fn check_price(
    report: &mut AuditReport,
    (seq, line): (u64, u64),
    (published, text): (Decimal, &str),
    computed: Decimal,
    rules: &Rules,
) {
    report.checked += 1;
    let decimals = written_decimals(text);
    // Both are below 10^15, so comparing them cannot fail.
    if rules.price_follows(published, decimals, computed).unwrap_or(false) {
        return;
    }
    report.mismatches += 1;
    if report.listed.len() < MAX_LISTED_MISMATCHES {
        let mode = rules.config().rounding.and_then(|r| r.price).map_or(RoundingMode::Down, |rule| rule.mode);
        let computed_at_scale = RoundingRule { scale: decimals.min(28), mode }.apply(computed);
        let difference = decimal::difference(published, computed).unwrap_or_default();
        report.listed.push(Mismatch {
            seq,
            line,
            published: text.to_owned(),
            computed,
            computed_at_scale,
            difference,
        });
    }
}

/// The decimals a price is written with: what follows its point.
fn written_decimals(text: &str) -> u32 {
    text.find('.').map_or(0, |dot| (text.len() - dot - 1) as u32)
}
