//! What a log already holds, as publishing reads it back (native only; docs/verification.md
//! §Publishing): where its files are kept, its checkpoint, its bundles of entries, the parameters
//! and key of its entry 0, and the first field in which a published row now differs.

use crate::error::{ErrorCode, PoolError};
use crate::model::Config;
use crate::tlog::bundle;
use crate::tlog::checkpoint::Checkpoint;
use crate::tlog::code::{refuse, refuse_entry, refuse_field};
use crate::tlog::entry::{self, Entry};
use crate::tlog::source::AppliedRow;
use crate::tlog::tile::{TileId, TileKind};

/// Where a log's files are kept: a folder (the command line) or memory (tests).
pub trait LogFiles {
    /// The file's bytes, or `None` when there is no such file.
    fn read(&self, path: &str) -> std::io::Result<Option<Vec<u8>>>;
    /// Writes a file that does not exist yet.
    fn create(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()>;
    /// Replaces the checkpoint in one step (readers see the old one or the new one).
    fn replace_checkpoint(&mut self, bytes: &[u8]) -> std::io::Result<()>;
}

/// Why a run stopped: the log or ledger was refused, or a file could not be read or written.
#[derive(Debug)]
pub enum PublishError {
    Refused(PoolError),
    Io { path: String, error: std::io::Error },
}

impl From<PoolError> for PublishError {
    fn from(error: PoolError) -> Self {
        PublishError::Refused(error)
    }
}

/// A run's result: a value, or why it stopped.
pub type Outcome<T> = std::result::Result<T, PublishError>;

/// The log's checkpoint, if it has one, under `origin`.
pub(crate) fn read_checkpoint(files: &impl LogFiles, origin: &str) -> Outcome<Option<Checkpoint>> {
    let Some(bytes) = files.read("checkpoint").map_err(|error| io("checkpoint", error))? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| refuse(ErrorCode::LogMalformedNote, "the checkpoint is not UTF-8"))?;
    let checkpoint = Checkpoint::read(&text)?;
    checkpoint.check_origin(origin)?;
    Ok(Some(checkpoint))
}

pub(crate) fn io(path: &str, error: std::io::Error) -> PublishError {
    PublishError::Io { path: path.to_owned(), error }
}

/// The entries of published bundle `index` in the log of `size` entries.
pub(crate) fn read_bundle(files: &impl LogFiles, index: u64, size: u64) -> Outcome<Vec<Vec<u8>>> {
    let tile = TileId::in_tree(TileKind::Entries, index, size)
        .ok_or_else(|| refuse(ErrorCode::LogBadEntry, "a bundle past the end of the log"))?;
    let path = tile.path();
    let bytes = files.read(&path).map_err(|error| io(&path, error))?;
    let bytes = bytes
        .ok_or_else(|| refuse_field(ErrorCode::LogMissingTile, path, "a published bundle is missing"))?;
    Ok(bundle::split(&tile, &bytes)?)
}

/// The parameters and key of a published log's entry 0; given parameters must be the same.
pub(crate) fn published_start(bytes: &[u8], config: Option<&Config>) -> Outcome<(Config, String)> {
    let Entry::State(state) = entry::parse(0, bytes)? else {
        return Err(refuse_entry(ErrorCode::LogBadEntry, 0, "entry", "entry 0 is a state entry").into());
    };
    let pool = crate::wire::snapshot_from_text(state.snapshot)
        .map_err(|e| refuse_entry(ErrorCode::LogBadEntry, 0, "snapshot", e.to_string()))?;
    if config.is_some_and(|config| config != pool.config()) {
        return Err(refuse_entry(
            ErrorCode::LogPublishedRowChanged,
            0,
            "config",
            "the log was published under other parameters",
        )
        .into());
    }
    Ok((pool.config().clone(), state.key.to_owned()))
}

/// The published row `index` and what the ledger now gives: the first field that differs.
pub(crate) fn changed_row(
    index: u64,
    published: &entry::RowEntry<'_>,
    applied: &AppliedRow,
    bytes: &[u8],
) -> PoolError {
    let now = match entry::parse(index, bytes) {
        Ok(Entry::Row(row)) => row,
        _ => return refuse_entry(ErrorCode::LogPublishedRowChanged, index, "entry", "the row changed"),
    };
    let field = [
        ("seq", published.seq != now.seq),
        ("type", published.kind != now.kind),
        ("value", published.value != now.value),
        ("member", published.tag != now.tag),
        ("result", published.result != now.result),
        ("burned", published.burned != now.burned),
        ("priceAfter", published.price_after != now.price_after),
        ("poolAfter", published.pool_after != now.pool_after),
        ("supplyAfter", published.supply_after != now.supply_after),
    ]
    .into_iter()
    .find_map(|(field, differs)| differs.then_some(field))
    .unwrap_or("entry");
    let why = format!(
        "published row seq {} (ledger line {}, seq {}) changed in {field}",
        published.seq, applied.line, applied.entry.seq
    );
    refuse_entry(ErrorCode::LogPublishedRowChanged, index, field, why)
}
