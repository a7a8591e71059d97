//! Why a transparency log was refused: one stable snake_case code per cause (docs/formats.md
//! §4 lists them, §6 says when each is given). Pages map a code to text in the member's
//! language; tests assert codes, never English.

/// The causes a log can be refused for, each with its own code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogCode {
    /// A note or checkpoint does not follow C2SP signed-note / tlog-checkpoint syntax.
    MalformedNote,
    /// A verifier key (`name+id+base64`) or a private key cannot be read, or its id is wrong.
    BadKey,
    /// The note carries no signature line from the expected key.
    WrongKey,
    /// A signature line from the expected key does not verify.
    BadSignature,
    /// The checkpoint (or an entry) names another log's origin.
    WrongOrigin,
    /// The checkpoint is smaller than one this client already saw: the log went back.
    Rollback,
    /// The checkpoint has the size of one already seen but another root: two histories.
    Fork,
    /// A larger checkpoint does not extend the one already seen (its consistency proof fails).
    Inconsistent,
    /// Tiles or entries do not hash to the signed root (an inclusion proof fails).
    BadProof,
    /// A tile or entry bundle the check needs was not given (or not found).
    MissingTile,
    /// A tile or entry bundle has the wrong length or framing (a truncated file), or a
    /// tile path is not one C2SP tlog-tiles allows.
    BadTile,
    /// An entry does not follow docs/formats.md §6 (a field that cannot be read).
    BadEntry,
    /// Rows are not in increasing `seq` order.
    OutOfOrder,
    /// An entry's figures are not what the rules give: the replay disagrees.
    ReplayMismatch,
    /// Publishing: a ledger row that is already in the log was changed.
    PublishedRowChanged,
    /// Publishing: a row that is already in the log is missing from the ledger.
    PublishedRowMissing,
}

impl LogCode {
    /// Every code, in the order docs/formats.md §4 lists them.
    pub const ALL: [LogCode; 16] = [
        LogCode::MalformedNote,
        LogCode::BadKey,
        LogCode::WrongKey,
        LogCode::BadSignature,
        LogCode::WrongOrigin,
        LogCode::Rollback,
        LogCode::Fork,
        LogCode::Inconsistent,
        LogCode::BadProof,
        LogCode::MissingTile,
        LogCode::BadTile,
        LogCode::BadEntry,
        LogCode::OutOfOrder,
        LogCode::ReplayMismatch,
        LogCode::PublishedRowChanged,
        LogCode::PublishedRowMissing,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            LogCode::MalformedNote => "log_malformed_note",
            LogCode::BadKey => "log_bad_key",
            LogCode::WrongKey => "log_wrong_key",
            LogCode::BadSignature => "log_bad_signature",
            LogCode::WrongOrigin => "log_wrong_origin",
            LogCode::Rollback => "log_rollback",
            LogCode::Fork => "log_fork",
            LogCode::Inconsistent => "log_inconsistent",
            LogCode::BadProof => "log_bad_proof",
            LogCode::MissingTile => "log_missing_tile",
            LogCode::BadTile => "log_bad_tile",
            LogCode::BadEntry => "log_bad_entry",
            LogCode::OutOfOrder => "log_out_of_order",
            LogCode::ReplayMismatch => "log_replay_mismatch",
            LogCode::PublishedRowChanged => "log_published_row_changed",
            LogCode::PublishedRowMissing => "log_published_row_missing",
        }
    }
}

use crate::error::PoolError;

/// A refusal with no entry or field to name.
pub fn refuse(code: LogCode, reason: impl Into<String>) -> PoolError {
    PoolError::Log { code, entry: None, field: None, reason: reason.into() }
}

/// A refusal naming the part at fault (a tile path, a note line, an entry field).
pub fn refuse_field(code: LogCode, field: impl Into<String>, reason: impl Into<String>) -> PoolError {
    PoolError::Log { code, entry: None, field: Some(field.into()), reason: reason.into() }
}

/// A refusal naming the entry (0-based index in the log) and the field at fault.
pub fn refuse_entry(code: LogCode, entry: u64, field: &str, reason: impl Into<String>) -> PoolError {
    PoolError::Log { code, entry: Some(entry), field: Some(field.to_owned()), reason: reason.into() }
}
