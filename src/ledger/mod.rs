//! Ledgers (docs/formats.md §3): reading rows, replaying them against a pool, and auditing
//! the prices a platform published.

pub mod audit;
pub mod check;
pub mod line_ends;
pub mod replay;
pub mod rows;

pub use audit::{AuditReport, Finding, Mismatch};
pub use check::{check_history, CheckReport, CheckedLine, LineKind};
pub use replay::{replay, replay_reader, Replay};
