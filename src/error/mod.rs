//! The one error type of the engine (docs/formats.md §4). Every variant has a stable
//! snake_case `code()` that pages map to text in the member's language, and, where they
//! apply, the `field` that was wrong, the ledger `line` and an English `reason`. Messages
//! are for developers; no page parses them. Any input an error quotes is cut to
//! [`MAX_QUOTED_CHARS`] characters.

use std::fmt;

use crate::limits::{MAX_AMOUNT_CNY, MAX_DECIMAL_CHARS, MAX_MEMBER_ID_CHARS, MAX_QUOTED_CHARS};

mod codes;

pub use codes::{ErrorCode, LedgerProblem};

/// An `invalid_ledger`'s `problem`: one of the ledger's own, or the engine's code for a row
/// its rules refused (`insufficient_points`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Ledger(LedgerProblem),
    Refused(ErrorCode),
}

impl Problem {
    pub fn name(self) -> &'static str {
        match self {
            Problem::Ledger(problem) => problem.name(),
            Problem::Refused(code) => code.name(),
        }
    }
}

impl From<LedgerProblem> for Problem {
    fn from(problem: LedgerProblem) -> Self {
        Problem::Ledger(problem)
    }
}

/// Everything the engine can refuse. A refused operation changes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PoolError {
    /// A decimal string does not follow `^-?(0|[1-9][0-9]*)(\.[0-9]+)?$` (at most 40 characters).
    InvalidDecimal { field: &'static str, found: String },
    /// An amount (a purchase, what was spent or received) is zero or negative.
    AmountMustBePositive { field: &'static str },
    /// A purchase amount is above 10^12.
    AmountTooLarge,
    /// A purchase would mint no points at today's price (less than one unit of points): taking
    /// money for nothing is refused; a larger amount mints.
    AmountTooSmall,
    /// A cash-out or redemption would pay nothing (less than one unit of money) while burning
    /// points below the cap: taking points for nothing is refused; more points pay.
    PayoutTooSmall,
    /// A holding's points, spending or receipts are below zero (zero itself is a holding).
    NegativeValue { field: &'static str },
    /// An amount or a point count has more decimals than the rounding allows.
    TooManyDecimals { field: &'static str, max: u32 },
    /// A point count to cash out, redeem or value is zero or negative.
    PointsMustBePositive,
    /// The member holds fewer points than asked for.
    InsufficientPoints { held: String },
    /// No member with that id has ever bought anything.
    UnknownMember,
    /// A member id is empty, longer than 64 characters, holds a control character or is not
    /// valid Unicode (a lone surrogate).
    InvalidMemberId,
    /// What a member says they received is more than the exit cap lets anyone receive.
    ReceivedAboveCap { cap: String },
    /// A configuration field is unknown, of the wrong type, or out of range.
    InvalidConfig { field: String, reason: String },
    /// A snapshot or pool state cannot be loaded; `field` names the part when one is at fault.
    InvalidSnapshot { field: Option<String>, reason: String },
    /// A scenario (or Monte Carlo options) field is unknown, of the wrong type, or out of range.
    InvalidScenario { field: String, reason: String },
    /// A ledger row cannot be read or applied; `line` is 1-based, `field` the ledger column
    /// at fault (when one is), `problem` what was wrong: an engine code (`insufficient_points`)
    /// when the rules refused the row, else one of the ledger's own ([`LedgerProblem`]).
    InvalidLedger { line: u64, field: Option<&'static str>, problem: Problem, reason: String },
    /// The pool, the supply, a running total or the order count would pass its limit.
    LimitExceeded { quantity: &'static str },
    /// A method was called on a JavaScript object after `free()`.
    ObjectFreed,
    /// A method was called on a JavaScript object whose earlier call failed inside the engine.
    ObjectFailed,
    /// A method was called on something that is not an object this engine made (a forged
    /// object, another class's, or one whose handle was tampered with).
    ForeignObject,
    /// The engine was called while one of its calls was still running (from a progress
    /// callback, a getter or a Proxy of an argument): one call at a time.
    EngineBusy,
    /// A transparency log was refused (docs/formats.md §6): `code` says why, `entry` names
    /// the entry at fault (0-based) and `field` the part of it, a tile path or a note line.
    Log { code: ErrorCode, entry: Option<u64>, field: Option<String>, reason: String },
}

impl PoolError {
    /// The stable code pages map to text.
    pub fn kind(&self) -> ErrorCode {
        match self {
            PoolError::InvalidDecimal { .. } => ErrorCode::InvalidDecimal,
            PoolError::AmountMustBePositive { .. } => ErrorCode::AmountMustBePositive,
            PoolError::AmountTooLarge => ErrorCode::AmountTooLarge,
            PoolError::AmountTooSmall => ErrorCode::AmountTooSmall,
            PoolError::PayoutTooSmall => ErrorCode::PayoutTooSmall,
            PoolError::NegativeValue { .. } => ErrorCode::NegativeValue,
            PoolError::TooManyDecimals { .. } => ErrorCode::TooManyDecimals,
            PoolError::PointsMustBePositive => ErrorCode::PointsMustBePositive,
            PoolError::InsufficientPoints { .. } => ErrorCode::InsufficientPoints,
            PoolError::UnknownMember => ErrorCode::UnknownMember,
            PoolError::InvalidMemberId => ErrorCode::InvalidMemberId,
            PoolError::ReceivedAboveCap { .. } => ErrorCode::ReceivedAboveCap,
            PoolError::InvalidConfig { .. } => ErrorCode::InvalidConfig,
            PoolError::InvalidSnapshot { .. } => ErrorCode::InvalidSnapshot,
            PoolError::InvalidScenario { .. } => ErrorCode::InvalidScenario,
            PoolError::InvalidLedger { .. } => ErrorCode::InvalidLedger,
            PoolError::LimitExceeded { .. } => ErrorCode::LimitExceeded,
            PoolError::ObjectFreed => ErrorCode::ObjectFreed,
            PoolError::ObjectFailed => ErrorCode::ObjectFailed,
            PoolError::ForeignObject => ErrorCode::ForeignObject,
            PoolError::EngineBusy => ErrorCode::EngineBusy,
            PoolError::Log { code, .. } => *code,
        }
    }

    /// The stable code's name (`"invalid_config"`).
    pub fn code(&self) -> &'static str {
        self.kind().name()
    }

    /// The input at fault, as the caller named it: a config, scenario or snapshot field
    /// (`"rounding.money.scale"`, `"members.alice.points"`), an argument (`"amount"`), or the
    /// quantity past its limit (`"pool"`).
    pub fn field(&self) -> Option<&str> {
        match self {
            PoolError::InvalidDecimal { field, .. }
            | PoolError::AmountMustBePositive { field }
            | PoolError::NegativeValue { field }
            | PoolError::TooManyDecimals { field, .. } => Some(field),
            PoolError::AmountTooLarge | PoolError::AmountTooSmall => Some("amount"),
            PoolError::PointsMustBePositive
            | PoolError::InsufficientPoints { .. }
            | PoolError::PayoutTooSmall => Some("points"),
            PoolError::UnknownMember | PoolError::InvalidMemberId => Some("memberId"),
            PoolError::ReceivedAboveCap { .. } => Some("received"),
            PoolError::InvalidConfig { field, .. } | PoolError::InvalidScenario { field, .. } => Some(field),
            PoolError::InvalidSnapshot { field, .. } => field.as_deref(),
            PoolError::LimitExceeded { quantity } => Some(quantity),
            PoolError::InvalidLedger { field, .. } => *field,
            PoolError::ObjectFreed
            | PoolError::ObjectFailed
            | PoolError::ForeignObject
            | PoolError::EngineBusy => None,
            PoolError::Log { field, .. } => field.as_deref(),
        }
    }

    /// The 1-based ledger line of an `invalid_ledger`.
    pub fn line(&self) -> Option<u64> {
        match self {
            PoolError::InvalidLedger { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// What was wrong with a ledger row, as a stable code (see `InvalidLedger`).
    pub fn problem(&self) -> Option<&'static str> {
        match self {
            PoolError::InvalidLedger { problem, .. } => Some(problem.name()),
            _ => None,
        }
    }

    /// Why, in English, where more can be said than the code.
    pub fn reason(&self) -> Option<String> {
        match self {
            PoolError::InvalidConfig { reason, .. }
            | PoolError::InvalidSnapshot { reason, .. }
            | PoolError::InvalidScenario { reason, .. }
            | PoolError::InvalidLedger { reason, .. }
            | PoolError::Log { reason, .. } => Some(reason.clone()),
            PoolError::InvalidDecimal { found, .. } => Some(format!("{found} is not a plain decimal string")),
            PoolError::TooManyDecimals { max, .. } => Some(format!("at most {max} decimals")),
            PoolError::InsufficientPoints { held } => Some(format!("holds only {held} points")),
            PoolError::ReceivedAboveCap { cap } => Some(format!("the exit cap is {cap}")),
            _ => None,
        }
    }

    /// The log entry (0-based) a `Log` refusal names.
    pub fn entry(&self) -> Option<u64> {
        match self {
            PoolError::Log { entry, .. } => *entry,
            _ => None,
        }
    }

    pub(crate) fn config(field: impl Into<String>, reason: impl Into<String>) -> Self {
        PoolError::InvalidConfig { field: field.into(), reason: reason.into() }
    }

    pub(crate) fn scenario(field: impl Into<String>, reason: impl Into<String>) -> Self {
        PoolError::InvalidScenario { field: field.into(), reason: reason.into() }
    }

    pub(crate) fn snapshot(reason: impl Into<String>) -> Self {
        PoolError::InvalidSnapshot { field: None, reason: reason.into() }
    }

    pub(crate) fn snapshot_field(field: impl Into<String>, reason: impl Into<String>) -> Self {
        PoolError::InvalidSnapshot { field: Some(field.into()), reason: reason.into() }
    }
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolError::InvalidDecimal { field, found } => write!(
                f,
                "{field}: {found} is not a plain decimal string \
                 (digits, an optional leading '-' and '.', at most {MAX_DECIMAL_CHARS} characters)"
            ),
            PoolError::AmountMustBePositive { field } => write!(f, "{field} must be greater than zero"),
            PoolError::AmountTooLarge => write!(f, "amount must be at most {MAX_AMOUNT_CNY}"),
            PoolError::AmountTooSmall => f.write_str("amount is too small to mint one unit of points at today's price"),
            PoolError::PayoutTooSmall => f.write_str("points are too few to pay one unit of money at today's price"),
            PoolError::NegativeValue { field } => write!(f, "{field} must not be negative"),
            PoolError::TooManyDecimals { field, max } => write!(f, "{field} has more than {max} decimals"),
            PoolError::PointsMustBePositive => f.write_str("points must be greater than zero"),
            PoolError::InsufficientPoints { held } => write!(f, "the member holds only {held} points"),
            PoolError::UnknownMember => f.write_str("no member with that id"),
            PoolError::InvalidMemberId => write!(
                f,
                "member id must be 1 to {MAX_MEMBER_ID_CHARS} characters of valid Unicode with no control characters"
            ),
            PoolError::ReceivedAboveCap { cap } => {
                write!(f, "received is more than the exit cap of {cap} lets a member receive")
            }
            PoolError::InvalidConfig { field, reason } => write!(f, "config.{field}: {reason}"),
            PoolError::InvalidSnapshot { field: Some(field), reason } => {
                write!(f, "invalid snapshot: {field}: {reason}")
            }
            PoolError::InvalidSnapshot { field: None, reason } => write!(f, "invalid snapshot: {reason}"),
            PoolError::InvalidScenario { field, reason } => write!(f, "scenario.{field}: {reason}"),
            PoolError::InvalidLedger { line, reason, .. } => write!(f, "ledger line {line}: {reason}"),
            PoolError::LimitExceeded { quantity } => write!(f, "{quantity} would pass its limit"),
            PoolError::ObjectFreed => f.write_str("this object was freed (free() was called on it)"),
            PoolError::ObjectFailed => {
                f.write_str("an earlier call on this object failed inside the engine; make a new one")
            }
            PoolError::ForeignObject => f.write_str("this is not an object of this engine"),
            PoolError::EngineBusy => {
                f.write_str("the engine is busy with another call (one call at a time; not from a callback)")
            }
            PoolError::Log { code, entry: Some(entry), reason, .. } => {
                write!(f, "{}: entry {entry}: {reason}", code.name())
            }
            PoolError::Log { code, entry: None, reason, .. } => write!(f, "{}: {reason}", code.name()),
        }
    }
}

impl std::error::Error for PoolError {}

pub type Result<T> = std::result::Result<T, PoolError>;

/// `text` as an error quotes it: in double quotes, control characters escaped, cut to
/// [`MAX_QUOTED_CHARS`] characters with "…" when longer.
pub fn quote(text: &str) -> String {
    let mut shown: String = text.chars().take(MAX_QUOTED_CHARS).collect();
    if text.chars().nth(MAX_QUOTED_CHARS).is_some() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// A message from a library (serde's "invalid type: string \"…\"") with every quoted span
/// cut to [`MAX_QUOTED_CHARS`] characters, so no input is echoed whole.
pub fn shorten_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut open: Option<char> = None;
    let mut inside = 0usize;
    let mut escaped = false;
    for c in message.chars() {
        match open {
            None => {
                if c == '"' || c == '`' {
                    open = Some(c);
                    inside = 0;
                }
                out.push(c);
            }
            Some(quote_char) => {
                let closes = c == quote_char && !escaped;
                escaped = c == '\\' && !escaped;
                if closes {
                    open = None;
                    if inside > MAX_QUOTED_CHARS {
                        out.push('…');
                    }
                    out.push(c);
                } else {
                    inside += 1;
                    if inside <= MAX_QUOTED_CHARS {
                        out.push(c);
                    }
                }
            }
        }
    }
    if open.is_some() && inside > MAX_QUOTED_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_to_sixty_four_characters() {
        let long = "x".repeat(10_000);
        assert_eq!(quote(&long).chars().count(), 64 + 3);
        assert_eq!(quote("a\u{0}b"), "\"a\\0b\"");
        let message = format!("invalid type: string \"{long}\", expected `{long}` or `short`");
        let shortened = shorten_quotes(&message);
        assert!(shortened.len() < 200, "{shortened}");
        assert!(shortened.ends_with("or `short`"), "{shortened}");
    }

    #[test]
    fn every_error_names_what_it_can() {
        let error = PoolError::config("rounding.money.scale", "must be 0 to 12");
        assert_eq!((error.code(), error.field()), ("invalid_config", Some("rounding.money.scale")));
        let ledger = PoolError::InvalidLedger {
            line: 4,
            field: Some("seq"),
            problem: LedgerProblem::NotAWholeNumber.into(),
            reason: String::new(),
        };
        assert_eq!(
            (ledger.line(), ledger.field(), ledger.problem()),
            (Some(4), Some("seq"), Some("not_a_whole_number"))
        );
        assert_eq!(PoolError::ReceivedAboveCap { cap: "200".into() }.field(), Some("received"));
    }
}
