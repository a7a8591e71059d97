//! The pool's transparency log (docs/formats.md §6, docs/verification.md): the ledger's rows,
//! written once as entries of an RFC 6962 Merkle tree, served as C2SP tlog-tiles, with a C2SP
//! checkpoint signed in Ed25519. Everything here is pure Rust and needs no randomness, so the
//! same checks run natively and in the browser; signing and publishing are native only.
//!
//! - [`hash`], [`tree`]: RFC 6962 hashes, tree hashes, inclusion and consistency proofs;
//! - [`tile`], [`bundle`], [`builder`], [`tileset`]: tiles and entry bundles, built and proved;
//! - [`note`], [`checkpoint`]: signed notes and checkpoints;
//! - [`entry`], [`tag`], [`replay`]: what an entry says, member tags, the replay of the rows;
//! - [`check`]: the member's check of the latest state (a few tiles);
//! - [`lines`]: a member's lines found in a verified tree (核对 against the log);
//! - [`audit`]: full verification (every file);
//! - `sign`, `publish` (native only): keys, signing, and writing a log from a ledger.

pub mod audit;
pub mod builder;
pub mod bundle;
pub mod check;
pub mod checkpoint;
pub mod code;
pub mod entry;
pub mod hash;
pub mod lines;
pub mod note;
pub mod replay;
pub mod source;
pub mod tag;
pub mod tile;
pub mod tileset;
pub mod tree;

#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
#[cfg(not(target_arch = "wasm32"))]
mod published;
#[cfg(not(target_arch = "wasm32"))]
pub mod sign;

pub use audit::{AuditProgress, AuditReport, LogAudit};
pub use check::{CheckPlan, LogCheck, Verified};
pub use checkpoint::Checkpoint;
pub use lines::{LineCheck, LineFinding, LineVerdict};
pub use note::VerifierKey;

/// The longest note (a checkpoint or a key entry) read: room for many cosignatures.
pub const MAX_NOTE_BYTES: usize = 64 * 1024;
/// The most signature lines a note may carry (C2SP asks verifiers to take at least 16).
pub const MAX_NOTE_SIGNATURES: usize = 100;
