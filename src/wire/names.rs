//! The names that cross the door as serde enums, so that their TypeScript unions are generated
//! (tsify) and cannot drift from the engine: member states, verdicts, line kinds, projection
//! methods, error codes and ledger problems. Each converts from its core type with an
//! exhaustive match, so a new core variant does not compile until it has a name here.

use serde::Serialize;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::error::{ErrorCode, LedgerProblem};
use crate::forecast::Method;
use crate::ledger::{Finding, LineKind};
use crate::model::rules::Verdict;
use crate::model::{BreakEven, CapStatus};

/// Where a member stands against what they spent (docs/model.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "BreakEvenState"))]
pub enum BreakEvenDoc {
    Unknown,
    Received,
    CashOutNow,
    Rise,
    Never,
}

/// Where a member stands against the exit cap (docs/model.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "CapState"))]
pub enum CapDoc {
    None,
    Unknown,
    AtCap,
    Rise,
    Never,
}

/// What the rules say of a published figure (docs/formats.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Verdict"))]
pub enum VerdictDoc {
    Ok,
    Short,
    Over,
    WithinShare,
}

/// What a member's history line records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "LineKind"))]
pub enum LineKindDoc {
    Purchase,
    Withdraw,
    Redeem,
}

/// What a report found, in one word (docs/formats.md §3, §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Finding"))]
pub enum FindingDoc {
    NothingChecked,
    AllAgree,
    Disagreements,
}

impl From<Finding> for FindingDoc {
    fn from(finding: Finding) -> Self {
        match finding {
            Finding::NothingChecked => FindingDoc::NothingChecked,
            Finding::AllAgree => FindingDoc::AllAgree,
            Finding::Disagreements => FindingDoc::Disagreements,
        }
    }
}

/// How a projection was computed (docs/model.md §7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "ProjectionMethod"))]
pub enum MethodDoc {
    ClosedForm,
    PerOrder,
}

/// Every stable error code (docs/formats.md §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "PoolErrorCode"))]
pub enum ErrorCodeDoc {
    InvalidDecimal,
    AmountMustBePositive,
    AmountTooLarge,
    AmountTooSmall,
    PayoutTooSmall,
    NegativeValue,
    TooManyDecimals,
    PointsMustBePositive,
    InsufficientPoints,
    UnknownMember,
    InvalidMemberId,
    ReceivedAboveCap,
    InvalidConfig,
    InvalidSnapshot,
    InvalidScenario,
    InvalidLedger,
    LimitExceeded,
    ObjectFreed,
    ObjectFailed,
    ForeignObject,
    EngineBusy,
    LogMalformedNote,
    LogBadKey,
    LogWrongKey,
    LogBadSignature,
    LogWrongOrigin,
    LogRollback,
    LogFork,
    LogInconsistent,
    LogBadProof,
    LogMissingTile,
    LogBadTile,
    LogBadEntry,
    LogOutOfOrder,
    LogReplayMismatch,
    LogPublishedRowChanged,
    LogPublishedRowMissing,
}

/// What was wrong with a ledger or history line, beside the engine's codes (docs/formats.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "LedgerProblem"))]
pub enum LedgerProblemDoc {
    LineTooLong,
    NotUtf8,
    NotText,
    BadHeader,
    MissingFields,
    TooManyFields,
    UnterminatedQuote,
    NotAWholeNumber,
    SeqNotIncreasing,
    UnknownType,
    NotARow,
    MissingPrice,
    TooManyLines,
    Unreadable,
    PriceMismatch,
}

/// `errorCodes()`: every code and every ledger problem a page may have to put into words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "ErrorCodes"))]
pub struct ErrorCodesDoc {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "PoolErrorCode[]"))]
    pub codes: Vec<ErrorCodeDoc>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "LedgerProblem[]"))]
    pub problems: Vec<LedgerProblemDoc>,
}

impl ErrorCodesDoc {
    pub fn all() -> ErrorCodesDoc {
        ErrorCodesDoc {
            codes: ErrorCode::ALL.iter().map(|&code| code.into()).collect(),
            problems: LedgerProblem::ALL.iter().map(|&problem| problem.into()).collect(),
        }
    }
}

impl From<BreakEven> for BreakEvenDoc {
    fn from(state: BreakEven) -> Self {
        match state {
            BreakEven::Unknown => BreakEvenDoc::Unknown,
            BreakEven::Received => BreakEvenDoc::Received,
            BreakEven::CashOutNow => BreakEvenDoc::CashOutNow,
            BreakEven::Rise(_) => BreakEvenDoc::Rise,
            BreakEven::Never => BreakEvenDoc::Never,
        }
    }
}

impl From<CapStatus> for CapDoc {
    fn from(state: CapStatus) -> Self {
        match state {
            CapStatus::NoCap => CapDoc::None,
            CapStatus::Unknown => CapDoc::Unknown,
            CapStatus::AtCap => CapDoc::AtCap,
            CapStatus::Rise(_) => CapDoc::Rise,
            CapStatus::Never => CapDoc::Never,
        }
    }
}

impl From<Verdict> for VerdictDoc {
    fn from(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Ok => VerdictDoc::Ok,
            Verdict::Short => VerdictDoc::Short,
            Verdict::Over => VerdictDoc::Over,
            Verdict::WithinShare => VerdictDoc::WithinShare,
        }
    }
}

impl From<LineKind> for LineKindDoc {
    fn from(kind: LineKind) -> Self {
        match kind {
            LineKind::Purchase => LineKindDoc::Purchase,
            LineKind::Withdraw => LineKindDoc::Withdraw,
            LineKind::Redeem => LineKindDoc::Redeem,
        }
    }
}

impl From<Method> for MethodDoc {
    fn from(method: Method) -> Self {
        match method {
            Method::ClosedForm => MethodDoc::ClosedForm,
            Method::PerOrder => MethodDoc::PerOrder,
        }
    }
}

impl From<ErrorCode> for ErrorCodeDoc {
    fn from(code: ErrorCode) -> Self {
        match code {
            ErrorCode::InvalidDecimal => ErrorCodeDoc::InvalidDecimal,
            ErrorCode::AmountMustBePositive => ErrorCodeDoc::AmountMustBePositive,
            ErrorCode::AmountTooLarge => ErrorCodeDoc::AmountTooLarge,
            ErrorCode::AmountTooSmall => ErrorCodeDoc::AmountTooSmall,
            ErrorCode::PayoutTooSmall => ErrorCodeDoc::PayoutTooSmall,
            ErrorCode::NegativeValue => ErrorCodeDoc::NegativeValue,
            ErrorCode::TooManyDecimals => ErrorCodeDoc::TooManyDecimals,
            ErrorCode::PointsMustBePositive => ErrorCodeDoc::PointsMustBePositive,
            ErrorCode::InsufficientPoints => ErrorCodeDoc::InsufficientPoints,
            ErrorCode::UnknownMember => ErrorCodeDoc::UnknownMember,
            ErrorCode::InvalidMemberId => ErrorCodeDoc::InvalidMemberId,
            ErrorCode::ReceivedAboveCap => ErrorCodeDoc::ReceivedAboveCap,
            ErrorCode::InvalidConfig => ErrorCodeDoc::InvalidConfig,
            ErrorCode::InvalidSnapshot => ErrorCodeDoc::InvalidSnapshot,
            ErrorCode::InvalidScenario => ErrorCodeDoc::InvalidScenario,
            ErrorCode::InvalidLedger => ErrorCodeDoc::InvalidLedger,
            ErrorCode::LimitExceeded => ErrorCodeDoc::LimitExceeded,
            ErrorCode::ObjectFreed => ErrorCodeDoc::ObjectFreed,
            ErrorCode::ObjectFailed => ErrorCodeDoc::ObjectFailed,
            ErrorCode::ForeignObject => ErrorCodeDoc::ForeignObject,
            ErrorCode::EngineBusy => ErrorCodeDoc::EngineBusy,
            ErrorCode::LogMalformedNote => ErrorCodeDoc::LogMalformedNote,
            ErrorCode::LogBadKey => ErrorCodeDoc::LogBadKey,
            ErrorCode::LogWrongKey => ErrorCodeDoc::LogWrongKey,
            ErrorCode::LogBadSignature => ErrorCodeDoc::LogBadSignature,
            ErrorCode::LogWrongOrigin => ErrorCodeDoc::LogWrongOrigin,
            ErrorCode::LogRollback => ErrorCodeDoc::LogRollback,
            ErrorCode::LogFork => ErrorCodeDoc::LogFork,
            ErrorCode::LogInconsistent => ErrorCodeDoc::LogInconsistent,
            ErrorCode::LogBadProof => ErrorCodeDoc::LogBadProof,
            ErrorCode::LogMissingTile => ErrorCodeDoc::LogMissingTile,
            ErrorCode::LogBadTile => ErrorCodeDoc::LogBadTile,
            ErrorCode::LogBadEntry => ErrorCodeDoc::LogBadEntry,
            ErrorCode::LogOutOfOrder => ErrorCodeDoc::LogOutOfOrder,
            ErrorCode::LogReplayMismatch => ErrorCodeDoc::LogReplayMismatch,
            ErrorCode::LogPublishedRowChanged => ErrorCodeDoc::LogPublishedRowChanged,
            ErrorCode::LogPublishedRowMissing => ErrorCodeDoc::LogPublishedRowMissing,
        }
    }
}

impl From<LedgerProblem> for LedgerProblemDoc {
    fn from(problem: LedgerProblem) -> Self {
        match problem {
            LedgerProblem::LineTooLong => LedgerProblemDoc::LineTooLong,
            LedgerProblem::NotUtf8 => LedgerProblemDoc::NotUtf8,
            LedgerProblem::NotText => LedgerProblemDoc::NotText,
            LedgerProblem::BadHeader => LedgerProblemDoc::BadHeader,
            LedgerProblem::MissingFields => LedgerProblemDoc::MissingFields,
            LedgerProblem::TooManyFields => LedgerProblemDoc::TooManyFields,
            LedgerProblem::UnterminatedQuote => LedgerProblemDoc::UnterminatedQuote,
            LedgerProblem::NotAWholeNumber => LedgerProblemDoc::NotAWholeNumber,
            LedgerProblem::SeqNotIncreasing => LedgerProblemDoc::SeqNotIncreasing,
            LedgerProblem::UnknownType => LedgerProblemDoc::UnknownType,
            LedgerProblem::NotARow => LedgerProblemDoc::NotARow,
            LedgerProblem::MissingPrice => LedgerProblemDoc::MissingPrice,
            LedgerProblem::TooManyLines => LedgerProblemDoc::TooManyLines,
            LedgerProblem::Unreadable => LedgerProblemDoc::Unreadable,
            LedgerProblem::PriceMismatch => LedgerProblemDoc::PriceMismatch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde_name(value: impl Serialize) -> String {
        serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
    }

    #[test]
    fn the_door_names_every_code_and_problem_as_the_core_does() {
        let all = ErrorCodesDoc::all();
        for (&code, doc) in ErrorCode::ALL.iter().zip(&all.codes) {
            assert_eq!(serde_name(doc), code.name());
        }
        for (&problem, doc) in LedgerProblem::ALL.iter().zip(&all.problems) {
            assert_eq!(serde_name(doc), problem.name());
        }
        assert_eq!(all.codes.len(), ErrorCode::ALL.len());
    }
}
