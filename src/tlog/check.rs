//! The member's check (docs/verification.md): a few tiles prove that the signed checkpoint
//! extends the last one this browser saw and that its last entry, the pool's state, is in it.
//!
//! 1. `checkpoint(text, previous)`: the signature by the expected key, the origin, and the
//!    comparison with the previous checkpoint (smaller: rollback; same size, other root: fork);
//!    gives the tiles to fetch.
//! 2. `tile(path, bytes)` for each.
//! 3. `result()`: the tiles proved against the signed root, the consistency proof from the
//!    previous checkpoint, the inclusion proof of the last entry, and that entry read.

use crate::error::ErrorCode;
use crate::error::Result;
use crate::model::Pool;
use crate::tlog::bundle;
use crate::tlog::checkpoint::Checkpoint;
use crate::tlog::code::{refuse, refuse_entry, refuse_field};
use crate::tlog::entry;
use crate::tlog::hash::leaf_hash;
use crate::tlog::lines::{LineCheck, Proved};
use crate::tlog::note::{self, VerifierKey};
use crate::tlog::tile::{TileId, TileKind, TILE_WIDTH};
use crate::tlog::tileset::{tiles_for, TileSet};
use crate::tlog::tree::{consistency_proof, inclusion_proof, verify_consistency, verify_inclusion, Wanted};

/// A check of one log.
#[derive(Debug)]
pub struct LogCheck {
    key: VerifierKey,
    origin: String,
    plan: Option<Plan>,
}

#[derive(Debug)]
struct Plan {
    checkpoint: Checkpoint,
    previous: Option<Checkpoint>,
    wanted: Vec<TileId>,
    tiles: TileSet,
    bundle_tile: TileId,
    bundle: Option<Vec<Vec<u8>>>,
    /// Set by a `result()` that proved it all: the last row's seq the state entry names.
    proved: Option<Option<u64>>,
}

/// What the tiles must show, once `checkpoint()` has read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckPlan {
    pub size: u64,
    pub fingerprint: String,
    /// Paths relative to the log's prefix, in the order to fetch them.
    pub paths: Vec<String>,
}

/// What a finished check proved.
#[derive(Clone, Debug)]
pub struct Verified {
    pub checkpoint: Checkpoint,
    pub fingerprint: String,
    /// The last entry's index: the state entry read.
    pub entry: u64,
    /// The pool that entry states (public: no members), with its parameters.
    pub pool: Pool,
    pub last_seq: Option<u64>,
    /// The key the log says is in force.
    pub key_in_force: String,
    /// The size of the previous checkpoint that was proved to be a prefix (0 without one).
    pub extends: u64,
}

impl LogCheck {
    /// A check of the log signed by `key` (a verifier key); the origin is the key's name unless
    /// given.
    pub fn new(key: &str, origin: Option<&str>) -> Result<LogCheck> {
        let (key, origin) = note::expected(key, origin)?;
        Ok(LogCheck { key, origin, plan: None })
    }

    /// Reads and checks the checkpoint and, when given, the previous one this client kept.
    pub fn checkpoint(&mut self, text: &str, previous: Option<&str>) -> Result<CheckPlan> {
        self.plan = None;
        let checkpoint = Checkpoint::open(text, &self.key, &self.origin)?;
        if checkpoint.size == 0 {
            return Err(refuse_field(
                ErrorCode::LogBadEntry,
                "checkpoint",
                "an empty log has no state to show",
            ));
        }
        let previous = previous.map(|text| self.previous(text, &checkpoint)).transpose()?.flatten();
        let size = checkpoint.size;
        let mut wanted = Wanted::default();
        let last = size - 1;
        wanted.subtrees.push((0, last));
        let _ = inclusion_proof(size, last, &mut wanted);
        if let Some(old) = &previous {
            let _ = consistency_proof(size, old.size, &mut wanted);
        }
        let wanted_tiles = tiles_for(size, &wanted.subtrees);
        let bundle_tile = TileId::in_tree(TileKind::Entries, last / TILE_WIDTH, size)
            .ok_or_else(|| refuse(ErrorCode::LogBadEntry, "the checkpoint's size has no last entry"))?;
        let mut paths: Vec<String> = wanted_tiles.iter().map(TileId::path).collect();
        paths.push(bundle_tile.path());
        let fingerprint = checkpoint.fingerprint();
        self.plan = Some(Plan {
            checkpoint,
            previous,
            wanted: wanted_tiles,
            tiles: TileSet::new(size),
            bundle_tile,
            bundle: None,
            proved: None,
        });
        Ok(CheckPlan { size, fingerprint, paths })
    }

    /// The previous checkpoint, compared with the new one; `None` when nothing is left to prove.
    fn previous(&self, text: &str, checkpoint: &Checkpoint) -> Result<Option<Checkpoint>> {
        let previous = Checkpoint::read(text).map_err(|error| with_field(error, "previous"))?;
        previous.check_origin(&self.origin).map_err(|error| with_field(error, "previous"))?;
        if previous.size > checkpoint.size {
            let why = format!("size {} after {} was seen", checkpoint.size, previous.size);
            return Err(refuse_field(ErrorCode::LogRollback, "checkpoint", why));
        }
        if previous.size == checkpoint.size {
            if previous.root != checkpoint.root {
                return Err(refuse_field(
                    ErrorCode::LogFork,
                    "checkpoint",
                    "the same size with another root",
                ));
            }
            return Ok(None);
        }
        Ok((previous.size > 0).then_some(previous))
    }

    /// Takes one fetched tile or entry bundle; gives how many are still wanted.
    pub fn tile(&mut self, path: &str, bytes: &[u8]) -> Result<usize> {
        let plan =
            self.plan.as_mut().ok_or_else(|| refuse(ErrorCode::LogMalformedNote, "no checkpoint yet"))?;
        let tile = TileId::parse(path)?;
        if tile == plan.bundle_tile {
            plan.bundle = Some(bundle::split(&tile, bytes)?);
        } else if plan.wanted.contains(&tile) {
            plan.tiles.insert(tile, bytes)?;
        } else {
            return Err(refuse_field(ErrorCode::LogBadTile, path, "not a tile this check asked for"));
        }
        Ok(plan.missing().len())
    }

    /// Proves everything and reads the last entry.
    pub fn result(&mut self) -> Result<Verified> {
        let plan =
            self.plan.as_mut().ok_or_else(|| refuse(ErrorCode::LogMalformedNote, "no checkpoint yet"))?;
        if let Some(path) = plan.missing().first() {
            return Err(refuse_field(
                ErrorCode::LogMissingTile,
                path.clone(),
                "a tile the check needs was not given",
            ));
        }
        let (size, root) = (plan.checkpoint.size, plan.checkpoint.root);
        plan.tiles.prove(&root)?;
        let extends = match &plan.previous {
            Some(old) => {
                let proof = consistency_proof(size, old.size, &mut plan.tiles)?;
                if !verify_consistency(old.size, size, &proof, &old.root, &root) {
                    let why = format!(
                        "the log of size {size} does not extend the one of size {} seen before",
                        old.size
                    );
                    return Err(refuse_field(ErrorCode::LogInconsistent, "checkpoint", why));
                }
                old.size
            }
            None => 0,
        };
        let last = size - 1;
        let entries =
            plan.bundle.as_ref().ok_or_else(|| refuse(ErrorCode::LogMissingTile, "no entry bundle"))?;
        let leaves = plan.tiles.leaves(last / TILE_WIDTH)?.to_vec();
        for (position, (bytes, leaf)) in entries.iter().zip(&leaves).enumerate() {
            if leaf_hash(bytes) != *leaf {
                let index = (last / TILE_WIDTH) * TILE_WIDTH + position as u64;
                return Err(refuse_entry(
                    ErrorCode::LogBadProof,
                    index,
                    "entry",
                    "the entry is not the one the tree holds",
                ));
            }
        }
        let bytes = entries.last().ok_or_else(|| refuse(ErrorCode::LogBadTile, "an empty bundle"))?;
        let proof = inclusion_proof(size, last, &mut plan.tiles)?;
        if !verify_inclusion(last, size, &leaf_hash(bytes), &proof, &root) {
            return Err(refuse_entry(ErrorCode::LogBadProof, last, "entry", "the inclusion proof fails"));
        }
        let state = entry::parse_state(last, bytes)?;
        if state.origin != self.origin {
            return Err(refuse_entry(
                ErrorCode::LogWrongOrigin,
                last,
                "origin",
                "the state entry names another log",
            ));
        }
        let pool = crate::wire::snapshot_from_text(state.snapshot)
            .map_err(|error| refuse_entry(ErrorCode::LogBadEntry, last, "snapshot", error.to_string()))?;
        plan.proved = Some(state.last_seq);
        Ok(Verified {
            fingerprint: plan.checkpoint.fingerprint(),
            checkpoint: plan.checkpoint.clone(),
            entry: last,
            pool,
            last_seq: state.last_seq,
            key_in_force: state.key.to_owned(),
            extends,
        })
    }
}

impl LogCheck {
    /// After a `result()` that proved the tree: the member's lines (formats.md §5, "Against the
    /// log"), read from `text`, to find in it under the member's `secret` (64 hex digits). The
    /// tiles and the last bundle this check proved are reused.
    pub fn lines(&self, secret: &str, text: &str) -> Result<LineCheck> {
        let plan = self.plan.as_ref().filter(|plan| plan.proved.is_some());
        let (Some(plan), Some(bundle)) = (plan, plan.and_then(|plan| plan.bundle.clone())) else {
            return Err(refuse(ErrorCode::LogMalformedNote, "no verified checkpoint yet"));
        };
        let lines = crate::ledger::check::logged_lines(text)?;
        let proved = Proved {
            origin: self.origin.clone(),
            size: plan.checkpoint.size,
            root: plan.checkpoint.root,
            last_seq: plan.proved.flatten(),
            tiles: plan.tiles.clone(),
            bundle: (plan.bundle_tile.index, bundle),
        };
        LineCheck::new(proved, secret, lines)
    }
}

impl Plan {
    fn missing(&self) -> Vec<String> {
        let mut missing: Vec<String> =
            self.wanted.iter().filter(|tile| !self.tiles.has(tile)).map(TileId::path).collect();
        if self.bundle.is_none() {
            missing.push(self.bundle_tile.path());
        }
        missing
    }
}

/// The same refusal, naming `field` (the previous checkpoint rather than the new one).
fn with_field(error: crate::error::PoolError, field: &str) -> crate::error::PoolError {
    match error {
        crate::error::PoolError::Log { code, entry, reason, .. } => {
            crate::error::PoolError::Log { code, entry, field: Some(field.to_owned()), reason }
        }
        other => other,
    }
}
