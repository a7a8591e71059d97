//! The one error type of the engine. Every variant has a stable snake_case
//! `code()` (SPEC §9) that front ends map to localized text, and an English
//! message that says what was wrong and what is allowed.

use std::fmt;

/// Everything the engine can refuse. A refused operation changes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PoolError {
    /// A decimal string does not follow `^-?(0|[1-9][0-9]*)(\.[0-9]+)?$` (at most 40 characters).
    InvalidDecimal { field: &'static str, found: String },
    /// A purchase amount is zero or negative.
    AmountMustBePositive,
    /// A purchase amount is above 10^12.
    AmountTooLarge,
    /// An amount or a point count has more decimals than the rounding allows.
    TooManyDecimals { field: &'static str, max: u32 },
    /// A point count to cash out or redeem is zero or negative.
    PointsMustBePositive,
    /// The member holds fewer points than asked for.
    InsufficientPoints { held: String },
    /// No member with that id has ever bought anything.
    UnknownMember,
    /// A member id is empty, longer than 64 characters, or holds a control character.
    InvalidMemberId,
    /// A configuration field is unknown, of the wrong type, or out of range.
    InvalidConfig { field: String, reason: String },
    /// A snapshot cannot be loaded.
    InvalidSnapshot { reason: String },
    /// A projection scenario is out of range.
    InvalidScenario { field: &'static str, reason: String },
    /// A ledger row cannot be read or applied; `line` is 1-based.
    InvalidLedger { line: u64, reason: String },
    /// The pool, the supply or a running total would pass 10^15.
    LimitExceeded { quantity: &'static str },
}

impl PoolError {
    /// The stable code of SPEC §9.
    pub fn code(&self) -> &'static str {
        match self {
            PoolError::InvalidDecimal { .. } => "invalid_decimal",
            PoolError::AmountMustBePositive => "amount_must_be_positive",
            PoolError::AmountTooLarge => "amount_too_large",
            PoolError::TooManyDecimals { .. } => "too_many_decimals",
            PoolError::PointsMustBePositive => "points_must_be_positive",
            PoolError::InsufficientPoints { .. } => "insufficient_points",
            PoolError::UnknownMember => "unknown_member",
            PoolError::InvalidMemberId => "invalid_member_id",
            PoolError::InvalidConfig { .. } => "invalid_config",
            PoolError::InvalidSnapshot { .. } => "invalid_snapshot",
            PoolError::InvalidScenario { .. } => "invalid_scenario",
            PoolError::InvalidLedger { .. } => "invalid_ledger",
            PoolError::LimitExceeded { .. } => "limit_exceeded",
        }
    }

    pub(crate) fn config(field: impl Into<String>, reason: impl Into<String>) -> Self {
        PoolError::InvalidConfig { field: field.into(), reason: reason.into() }
    }

    pub(crate) fn snapshot(reason: impl Into<String>) -> Self {
        PoolError::InvalidSnapshot { reason: reason.into() }
    }

    pub(crate) fn ledger(line: u64, reason: impl Into<String>) -> Self {
        PoolError::InvalidLedger { line, reason: reason.into() }
    }
}

impl fmt::Display for PoolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PoolError::InvalidDecimal { field, found } => {
                let shown: String = found.chars().take(24).collect();
                let more = if found.chars().nth(24).is_some() { "…" } else { "" };
                write!(
                    f,
                    "{field}: \"{shown}{more}\" is not a plain decimal string \
                     (digits, an optional leading '-' and '.', at most 40 characters)"
                )
            }
            PoolError::AmountMustBePositive => f.write_str("amount must be greater than zero"),
            PoolError::AmountTooLarge => f.write_str("amount must be at most 1000000000000"),
            PoolError::TooManyDecimals { field, max } => {
                write!(f, "{field} has more than {max} decimals")
            }
            PoolError::PointsMustBePositive => f.write_str("points must be greater than zero"),
            PoolError::InsufficientPoints { held } => {
                write!(f, "the member holds only {held} points")
            }
            PoolError::UnknownMember => f.write_str("no member with that id"),
            PoolError::InvalidMemberId => {
                f.write_str("member id must be 1 to 64 characters with no control characters")
            }
            PoolError::InvalidConfig { field, reason } => write!(f, "config.{field}: {reason}"),
            PoolError::InvalidSnapshot { reason } => write!(f, "invalid snapshot: {reason}"),
            PoolError::InvalidScenario { field, reason } => {
                write!(f, "scenario.{field}: {reason}")
            }
            PoolError::InvalidLedger { line, reason } => {
                write!(f, "ledger line {line}: {reason}")
            }
            PoolError::LimitExceeded { quantity } => {
                write!(f, "{quantity} would pass the limit of 10^15")
            }
        }
    }
}

impl std::error::Error for PoolError {}

pub type Result<T> = std::result::Result<T, PoolError>;
