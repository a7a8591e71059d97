//! Refusing a transparency log: the `log_*` codes of `ErrorCode` (docs/formats.md §4 lists
//! them, §6 says when each is given), with the entry and field at fault. Pages map a code to
//! text in the member's language; tests assert codes, never English.

use crate::error::{ErrorCode, PoolError};

/// A refusal with no entry or field to name.
pub fn refuse(code: ErrorCode, reason: impl Into<String>) -> PoolError {
    PoolError::Log { code, entry: None, field: None, reason: reason.into() }
}

/// A refusal naming the part at fault (a tile path, a note line, an entry field).
pub fn refuse_field(code: ErrorCode, field: impl Into<String>, reason: impl Into<String>) -> PoolError {
    PoolError::Log { code, entry: None, field: Some(field.into()), reason: reason.into() }
}

/// A refusal naming the entry (0-based index in the log) and the field at fault.
pub fn refuse_entry(code: ErrorCode, entry: u64, field: &str, reason: impl Into<String>) -> PoolError {
    PoolError::Log { code, entry: Some(entry), field: Some(field.to_owned()), reason: reason.into() }
}
