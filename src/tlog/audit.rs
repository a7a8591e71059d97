//! Full verification (docs/verification.md): every entry bundle and every tile of the signed
//! tree, fed in order; every hash recomputed, every row replayed, every published figure
//! checked. Memory stays bounded (one partial tile a level and the replay's pool), so a
//! million-entry log streams through.
//!
//! Findings are kept, not thrown, while the hashing goes on: that the bytes are not the signed
//! ones (`log_bad_proof`) outranks what a replay of those bytes finds.

use std::collections::HashMap;

use crate::error::ErrorCode;
use crate::error::{PoolError, Result};
use crate::limits::MAX_AUDITED_LOG_ENTRIES;
use crate::tlog::builder::TileBuilder;
use crate::tlog::bundle;
use crate::tlog::checkpoint::Checkpoint;
use crate::tlog::code::{refuse, refuse_entry, refuse_field};
use crate::tlog::entry::{self, Entry, KeyEntry};
use crate::tlog::hash::leaf_hash;
use crate::tlog::note::{self, VerifierKey};
use crate::tlog::replay::LogReplay;
use crate::tlog::tile::{TileId, TileKind, TILE_WIDTH};

/// A full verification in progress.
#[derive(Debug)]
pub struct LogAudit {
    key: VerifierKey,
    origin: String,
    checkpoint: Option<Checkpoint>,
    /// Whether the checkpoint carries no signature by the expected key: then the key must be
    /// in the log's chain and the last key in force must have signed it.
    signed_later: bool,
    /// Whether the expected key appeared in the log (entry 0 or a rotation).
    key_in_chain: bool,
    paths: Vec<TileId>,
    next: usize,
    builder: TileBuilder,
    /// Tiles computed from the entries, waiting for the published ones.
    computed: HashMap<TileId, Vec<u8>>,
    replay: Option<LogReplay>,
    last_entry_is_state: bool,
    hash_finding: Option<PoolError>,
    replay_finding: Option<PoolError>,
}

/// How far a verification has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditProgress {
    pub entries: u64,
    pub size: u64,
    pub rows: u64,
    pub files_done: usize,
    pub files: usize,
}

/// What a finished verification proved.
#[derive(Clone, Debug)]
pub struct AuditReport {
    pub checkpoint: Checkpoint,
    pub fingerprint: String,
    pub entries: u64,
    pub rows: u64,
    pub tiles_checked: usize,
    pub replay: LogReplay,
}

impl LogAudit {
    pub fn new(key: &str, origin: Option<&str>) -> Result<LogAudit> {
        let (key, origin) = note::expected(key, origin)?;
        Ok(LogAudit {
            key,
            origin,
            checkpoint: None,
            signed_later: false,
            key_in_chain: false,
            paths: Vec::new(),
            next: 0,
            builder: TileBuilder::default(),
            computed: HashMap::new(),
            replay: None,
            last_entry_is_state: false,
            hash_finding: None,
            replay_finding: None,
        })
    }

    /// Reads the checkpoint; gives how many files the verification will read.
    pub fn checkpoint(&mut self, text: &str) -> Result<usize> {
        let checkpoint = Checkpoint::read(text)?;
        checkpoint.check_origin(&self.origin)?;
        match note::verify(&note::parse(text)?, &self.key) {
            Ok(()) => self.signed_later = false,
            Err(error) if error.code() == ErrorCode::LogWrongKey.name() => self.signed_later = true,
            Err(error) => return Err(error),
        }
        if checkpoint.size == 0 {
            return Err(refuse_field(
                ErrorCode::LogBadEntry,
                "checkpoint",
                "an empty log has no state to show",
            ));
        }
        // Before the plan: its size grows with the log's (limits.rs says why).
        if checkpoint.size > MAX_AUDITED_LOG_ENTRIES {
            return Err(PoolError::LimitExceeded { quantity: "size" });
        }
        self.paths = every_file(checkpoint.size);
        self.checkpoint = Some(checkpoint);
        Ok(self.paths.len())
    }

    /// The next file to feed, relative to the log's prefix; `None` when all were fed.
    pub fn next_path(&self) -> Option<String> {
        self.paths.get(self.next).map(TileId::path)
    }

    /// Every file still to feed, in the order `feed` wants them: a page can fetch ahead.
    pub fn remaining_paths(&self) -> Vec<String> {
        self.paths.iter().skip(self.next).map(TileId::path).collect()
    }

    /// Feeds the file `next_path()` named.
    pub fn feed(&mut self, path: &str, bytes: &[u8]) -> Result<AuditProgress> {
        let Some(&tile) = self.paths.get(self.next) else {
            return Err(refuse_field(ErrorCode::LogBadTile, path, "no file is wanted now"));
        };
        if tile.path() != path {
            return Err(refuse_field(ErrorCode::LogBadTile, path, format!("{} is wanted now", tile.path())));
        }
        match tile.kind {
            TileKind::Entries => self.entries(&tile, bytes)?,
            TileKind::Hashes { .. } => self.hashes(&tile, bytes),
        }
        self.next += 1;
        Ok(self.progress())
    }

    pub fn progress(&self) -> AuditProgress {
        AuditProgress {
            entries: self.builder.size(),
            size: self.checkpoint.as_ref().map_or(0, |c| c.size),
            rows: self.replay.as_ref().map_or(0, LogReplay::rows),
            files_done: self.next,
            files: self.paths.len(),
        }
    }

    /// Reports what was found: the first finding as an error, or what was proved.
    pub fn finish(mut self) -> Result<AuditReport> {
        let checkpoint =
            self.checkpoint.take().ok_or_else(|| refuse(ErrorCode::LogMalformedNote, "no checkpoint yet"))?;
        if let Some(tile) = self.paths.get(self.next) {
            return Err(refuse_field(
                ErrorCode::LogMissingTile,
                tile.path(),
                "the verification stopped before this file",
            ));
        }
        if self.signed_later && !self.key_in_chain {
            return Err(refuse(
                ErrorCode::LogWrongKey,
                "the checkpoint has no signature by the expected key, nor does the log hand over from it",
            ));
        }
        if self.builder.root() != checkpoint.root {
            return Err(refuse_field(
                ErrorCode::LogBadProof,
                "checkpoint",
                "the entries do not hash to the signed root",
            ));
        }
        if let Some(finding) = self.hash_finding.take().or(self.replay_finding.take()) {
            return Err(finding);
        }
        let replay = self.replay.take().ok_or_else(|| refuse(ErrorCode::LogBadEntry, "no entries"))?;
        if !self.last_entry_is_state {
            return Err(refuse_entry(
                ErrorCode::LogBadEntry,
                checkpoint.size - 1,
                "entry",
                "a checkpoint ends on a state entry",
            ));
        }
        if self.signed_later {
            // Signed only by a later key: the expected one must have handed over to it in the log.
            let in_force = VerifierKey::parse(replay.key())?;
            if !self.key_in_chain {
                return Err(refuse(ErrorCode::LogWrongKey, "the expected key is not in the log's key chain"));
            }
            note::verify(&note::parse(&checkpoint.note)?, &in_force)?;
        }
        Ok(AuditReport {
            fingerprint: checkpoint.fingerprint(),
            entries: self.builder.size(),
            rows: replay.rows(),
            tiles_checked: self.paths.len(),
            checkpoint,
            replay,
        })
    }

    fn entries(&mut self, tile: &TileId, bytes: &[u8]) -> Result<()> {
        let entries = bundle::split(tile, bytes)?;
        for (position, entry) in entries.iter().enumerate() {
            let index = tile.index * TILE_WIDTH + position as u64;
            self.builder.push(leaf_hash(entry));
            if self.replay_finding.is_none() {
                if let Err(finding) = self.replay_entry(index, entry) {
                    self.replay_finding = Some(finding);
                }
            }
        }
        for (finished, bytes) in self.builder.take_finished() {
            self.computed.insert(finished, bytes);
        }
        if self.builder.size() == self.checkpoint.as_ref().map_or(0, |c| c.size) {
            for (partial, bytes) in self.builder.partial_tiles() {
                self.computed.insert(partial, bytes);
            }
        }
        Ok(())
    }

    fn replay_entry(&mut self, index: u64, bytes: &[u8]) -> Result<()> {
        let parsed = entry::parse(index, bytes)?;
        self.last_entry_is_state = matches!(parsed, Entry::State(_));
        let Some(replay) = self.replay.as_mut() else {
            let Entry::State(state) = &parsed else {
                return Err(refuse_entry(ErrorCode::LogBadEntry, index, "entry", "entry 0 is a state entry"));
            };
            check_origin(index, state.origin, &self.origin)?;
            self.key_in_chain |= state.key == self.key.text;
            let replay = LogReplay::start(state)?;
            VerifierKey::parse(replay.key()).map_err(|e| relabel(e, index))?;
            replay.check_state(index, bytes)?;
            self.replay = Some(replay);
            return Ok(());
        };
        match parsed {
            Entry::State(state) => {
                check_origin(index, state.origin, &self.origin)?;
                replay.check_state(index, bytes)
            }
            Entry::Row(row) => replay.apply(index, &row),
            Entry::Key(key) => {
                rotate(replay, index, &key)?;
                self.key_in_chain |= key.next_key == self.key.text;
                Ok(())
            }
        }
    }

    fn hashes(&mut self, tile: &TileId, bytes: &[u8]) {
        let matches = self.computed.remove(tile).is_some_and(|computed| computed == bytes);
        if !matches && self.hash_finding.is_none() {
            let why = "the published tile is not the one the entries give";
            self.hash_finding = Some(refuse_field(ErrorCode::LogBadProof, tile.path(), why));
        }
    }
}

/// A key entry: signed by the key in force, naming this log and its own index.
fn rotate(replay: &mut LogReplay, index: u64, key: &KeyEntry<'_>) -> Result<()> {
    check_origin(index, key.origin, replay.origin())?;
    if key.index != index {
        return Err(refuse_entry(ErrorCode::LogBadEntry, index, "entry", "a key entry names its own index"));
    }
    let in_force = VerifierKey::parse(replay.key()).map_err(|e| relabel(e, index))?;
    note::verify(&note::parse(key.note).map_err(|e| relabel(e, index))?, &in_force)
        .map_err(|e| relabel(e, index))?;
    VerifierKey::parse(key.next_key).map_err(|e| relabel(e, index))?;
    replay.rotate(key.next_key);
    Ok(())
}

fn check_origin(index: u64, found: &str, origin: &str) -> Result<()> {
    if found == origin {
        return Ok(());
    }
    Err(refuse_entry(ErrorCode::LogWrongOrigin, index, "origin", format!("the entry names {found:?}")))
}

/// The same refusal, naming entry `index`.
fn relabel(error: PoolError, index: u64) -> PoolError {
    match error {
        PoolError::Log { code, field, reason, .. } => {
            PoolError::Log { code, entry: Some(index), field, reason }
        }
        other => other,
    }
}

/// Every file of the tree of `size` leaves, in the order a verification reads them: each entry
/// bundle, its level-0 tile, any full tile above that it completes; the partial tiles last.
pub fn every_file(size: u64) -> Vec<TileId> {
    let mut files = Vec::new();
    let bundles = size.div_ceil(TILE_WIDTH);
    for index in 0..bundles {
        files.extend(TileId::in_tree(TileKind::Entries, index, size));
        let mut tile = TileId::in_tree(TileKind::Hashes { level: 0 }, index, size);
        while let Some(current) = tile.filter(TileId::is_full) {
            files.push(current);
            let completes = current.index % TILE_WIDTH == TILE_WIDTH - 1;
            let above = TileId::in_tree(
                TileKind::Hashes { level: current.level() + 1 },
                current.index / TILE_WIDTH,
                size,
            );
            tile = above.filter(|_| completes);
        }
        if let Some(partial) = tile.filter(|t| !t.is_full() && index + 1 == bundles) {
            files.push(partial);
        }
    }
    let mut level = 1;
    while let Some(edge) = TileId::right_edge(level, size) {
        if !edge.is_full() {
            files.push(edge);
        }
        level += 1;
    }
    files
}
