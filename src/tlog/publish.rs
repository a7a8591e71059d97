//! Publishing a ledger as a log (native only; docs/verification.md §Publishing). The whole
//! ledger is replayed by the engine with its real members; every row already in the log must
//! come out byte for byte as published (else `log_published_row_changed`, naming it), and only
//! the rows after them are appended. Files are written immutable ones first, the checkpoint
//! last, and a file that exists is never written again: one that differs stops the run.

use std::collections::HashMap;
use std::io::BufRead;

use crate::error::ErrorCode;
use crate::model::{Config, Pool, Snapshot};
use crate::tlog::builder::TileBuilder;
use crate::tlog::bundle;
use crate::tlog::checkpoint::Checkpoint;
use crate::tlog::code::{refuse, refuse_entry, refuse_field};
use crate::tlog::entry::{self, key_text, row_bytes, state_bytes, Entry, RowEntry};
use crate::tlog::hash::leaf_hash;
use crate::tlog::note::{self, VerifierKey};
use crate::tlog::replay::snapshot_json;
use crate::tlog::sign::{sign_note, NoteSigner};
use crate::tlog::source::{AppliedRow, LedgerSource};
use crate::tlog::tag::{member_secret, row_tag, SECRET_BYTES};
use crate::tlog::tile::{TileId, TileKind, TILE_WIDTH};

use crate::tlog::published::{changed_row, io, published_start, read_bundle, read_checkpoint};
pub use crate::tlog::published::{LogFiles, Outcome, PublishError};

/// What to publish.
pub struct Publish<'a> {
    pub signer: &'a NoteSigner,
    /// Hand the log over to this key: a key entry signed by `signer`, and the checkpoint
    /// signed by both.
    pub rotate_to: Option<&'a NoteSigner>,
    pub platform_secret: [u8; SECRET_BYTES],
    /// The pool's parameters: required for a new log; for an existing one they must be entry 0's.
    pub config: Option<Config>,
}

/// What a run did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    pub size_before: u64,
    pub size: u64,
    pub rows: u64,
    pub rows_added: u64,
    pub files_written: usize,
    pub checkpoint: String,
}

/// Publishes `ledger` into the log in `files`; `progress(rows)` is called as rows are read.
pub fn publish(
    files: &mut impl LogFiles,
    ledger: impl BufRead,
    request: &Publish<'_>,
    progress: &mut dyn FnMut(u64),
) -> Outcome<Published> {
    let origin = request.signer.name().to_owned();
    let existing = read_checkpoint(files, &origin)?;
    let size_before = existing.as_ref().map_or(0, |c| c.size);
    let mut run = Run::new(files, request, origin, size_before)?;
    let mut source = LedgerSource::new(ledger);
    run.reread_published(&mut source, progress)?;
    if let Some(checkpoint) = &existing {
        run.check_published(checkpoint)?;
    }
    if request.signer.verifier_text() != run.key_in_force {
        return Err(refuse(ErrorCode::LogWrongKey, "the log's key in force is not the signing key").into());
    }
    let rows_before = run.rows;
    if let Some(next) = request.rotate_to {
        run.rotate(request.signer, next)?;
    }
    while let Some(row) = run.next_row(&mut source)? {
        run.append_row(row)?;
        progress(run.rows);
    }
    let grew = run.rows > rows_before || request.rotate_to.is_some();
    if grew {
        run.append(run.state_entry())?;
    } else if let Some(checkpoint) = existing {
        // Nothing new: nothing is written, not even the checkpoint.
        return Ok(Published {
            size_before,
            size: size_before,
            rows: run.rows,
            rows_added: 0,
            files_written: 0,
            checkpoint: checkpoint.note,
        });
    }
    let checkpoint = run.finish(request)?;
    Ok(Published {
        size_before,
        size: run.builder.size(),
        rows: run.rows,
        rows_added: run.rows - rows_before,
        files_written: run.written,
        checkpoint,
    })
}

/// One publishing run: the engine's pool, the tree, the bundle being filled, the key in force.
struct Run<'f, F: LogFiles> {
    files: &'f mut F,
    origin: String,
    pool: Pool,
    key_in_force: String,
    secrets: HashMap<String, [u8; SECRET_BYTES]>,
    platform_secret: [u8; SECRET_BYTES],
    builder: TileBuilder,
    bundle: Vec<u8>,
    bundle_entries: u64,
    size_before: u64,
    last_seq: Option<u64>,
    rows: u64,
    written: usize,
}

impl<'f, F: LogFiles> Run<'f, F> {
    fn new(files: &'f mut F, request: &Publish<'_>, origin: String, size_before: u64) -> Outcome<Self> {
        let entry0 =
            if size_before > 0 { read_bundle(files, 0, size_before)?.into_iter().next() } else { None };
        let (config, key) = match &entry0 {
            Some(bytes) => published_start(bytes, request.config.as_ref())?,
            None => (request.config.clone().unwrap_or_default(), request.signer.verifier_text()),
        };
        let mut run = Run {
            files,
            origin,
            pool: Pool::new(config),
            key_in_force: key,
            secrets: HashMap::new(),
            platform_secret: request.platform_secret,
            builder: TileBuilder::default(),
            bundle: Vec::new(),
            bundle_entries: 0,
            size_before,
            last_seq: None,
            rows: 0,
            written: 0,
        };
        run.append(run.state_entry())?;
        Ok(run)
    }

    fn state_entry(&self) -> Vec<u8> {
        let snapshot = snapshot_json(Snapshot::public_of(&self.pool));
        state_bytes(&self.origin, &self.key_in_force, self.last_seq, &snapshot)
    }

    fn next_row(&mut self, source: &mut LedgerSource<impl BufRead>) -> Outcome<Option<AppliedRow>> {
        Ok(source.next_row(&mut self.pool)?)
    }

    fn row_entry(&mut self, row: &AppliedRow) -> Vec<u8> {
        let platform_secret = self.platform_secret;
        let secret = *self
            .secrets
            .entry(row.member.clone())
            .or_insert_with(|| member_secret(&platform_secret, &row.member));
        let tag = row_tag(&secret, &self.origin, row.entry.seq);
        row_bytes(&RowEntry { tag: &tag, ..row.entry.clone() })
    }

    /// Walks the published entries (from entry 1), regenerating each from the ledger.
    fn reread_published(
        &mut self,
        source: &mut LedgerSource<impl BufRead>,
        progress: &mut dyn FnMut(u64),
    ) -> Outcome<()> {
        let mut index = 0;
        for bundle_index in 0..self.size_before.div_ceil(TILE_WIDTH) {
            for bytes in read_bundle(self.files, bundle_index, self.size_before)? {
                // Entry 0 was regenerated when the run started.
                if index > 0 {
                    self.reread_one(index, &bytes, source)?;
                }
                index += 1;
            }
            progress(self.rows);
        }
        Ok(())
    }

    fn reread_one(
        &mut self,
        index: u64,
        published: &[u8],
        source: &mut LedgerSource<impl BufRead>,
    ) -> Outcome<()> {
        let regenerated = match entry::parse(index, published)? {
            Entry::Row(row) => {
                let Some(applied) = self.next_row(source)? else {
                    let why = format!("row seq {} is in the log but not in the ledger", row.seq);
                    return Err(refuse_entry(ErrorCode::LogPublishedRowMissing, index, "seq", why).into());
                };
                let bytes = self.row_entry(&applied);
                if bytes != published {
                    return Err(changed_row(index, &row, &applied, &bytes).into());
                }
                self.last_seq = Some(applied.entry.seq);
                self.rows += 1;
                bytes
            }
            Entry::State(_) => self.state_entry(),
            Entry::Key(key) => {
                let in_force = VerifierKey::parse(&self.key_in_force)?;
                note::verify(&note::parse(key.note)?, &in_force)?;
                self.key_in_force = key.next_key.to_owned();
                published.to_vec()
            }
        };
        if regenerated != published {
            return Err(refuse_entry(
                ErrorCode::LogPublishedRowChanged,
                index,
                "state",
                "the published state is not what the ledger gives",
            )
            .into());
        }
        self.append(regenerated)
    }

    /// The log's files must be what its checkpoint signed, by the key in force, which must be ours.
    fn check_published(&self, checkpoint: &Checkpoint) -> Outcome<()> {
        if self.builder.root() != checkpoint.root {
            return Err(refuse_field(
                ErrorCode::LogBadProof,
                "checkpoint",
                "the log's entries do not hash to its checkpoint",
            )
            .into());
        }
        let in_force = VerifierKey::parse(&self.key_in_force)?;
        note::verify(&note::parse(&checkpoint.note)?, &in_force)?;
        Ok(())
    }

    fn rotate(&mut self, signer: &NoteSigner, next: &NoteSigner) -> Outcome<()> {
        if signer.verifier_text() != self.key_in_force {
            return Err(refuse(ErrorCode::LogWrongKey, "only the key in force can hand the log over").into());
        }
        if next.name() != self.origin {
            return Err(refuse_field(
                ErrorCode::LogBadKey,
                "name",
                "the next key must carry the log's origin as its name",
            )
            .into());
        }
        let text = key_text(&self.origin, self.builder.size(), &next.verifier_text());
        self.key_in_force = next.verifier_text();
        self.append(sign_note(&text, &[signer]).into_bytes())
    }

    fn append_row(&mut self, row: AppliedRow) -> Outcome<()> {
        let bytes = self.row_entry(&row);
        self.last_seq = Some(row.entry.seq);
        self.rows += 1;
        self.append(bytes)
    }

    /// Adds an entry to the tree and the bundle; writes every bundle and tile it fills.
    fn append(&mut self, entry: Vec<u8>) -> Outcome<()> {
        if entry.len() > bundle::MAX_ENTRY_BYTES {
            return Err(refuse(ErrorCode::LogBadEntry, "an entry is longer than a bundle can frame").into());
        }
        self.builder.push(leaf_hash(&entry));
        bundle::push(&mut self.bundle, &entry);
        self.bundle_entries += 1;
        if self.bundle_entries == TILE_WIDTH {
            let index = self.builder.size() / TILE_WIDTH - 1;
            let bytes = std::mem::take(&mut self.bundle);
            self.bundle_entries = 0;
            self.emit(TileId { kind: TileKind::Entries, index, width: TILE_WIDTH }, &bytes)?;
        }
        for (tile, bytes) in self.builder.take_finished() {
            self.emit(tile, &bytes)?;
        }
        Ok(())
    }

    /// Writes a file unless it exists; an existing one must hold exactly these bytes.
    fn emit(&mut self, tile: TileId, bytes: &[u8]) -> Outcome<()> {
        let path = tile.path();
        match self.files.read(&path).map_err(|error| io(&path, error))? {
            Some(existing) if existing == bytes => Ok(()),
            Some(_) => Err(refuse_field(
                ErrorCode::LogBadProof,
                path,
                "a published file differs from what its entries give; nothing was rewritten",
            )
            .into()),
            None => {
                self.files.create(&path, bytes).map_err(|error| io(&path, error))?;
                self.written += 1;
                Ok(())
            }
        }
    }

    /// The partial bundle and tiles, then the signed checkpoint.
    fn finish(&mut self, request: &Publish<'_>) -> Outcome<String> {
        let size = self.builder.size();
        if self.bundle_entries > 0 {
            let tile =
                TileId { kind: TileKind::Entries, index: size / TILE_WIDTH, width: self.bundle_entries };
            let bytes = std::mem::take(&mut self.bundle);
            self.emit(tile, &bytes)?;
        }
        for (tile, bytes) in self.builder.partial_tiles() {
            self.emit(tile, &bytes)?;
        }
        let body = Checkpoint::body(&self.origin, size, &self.builder.root());
        // A hand-over is signed by both keys, so clients that know either accept it.
        let signers: Vec<&NoteSigner> = match request.rotate_to {
            Some(next) => vec![next, request.signer],
            None => vec![request.signer],
        };
        let note = sign_note(&body, &signers);
        self.files.replace_checkpoint(note.as_bytes()).map_err(|error| io("checkpoint", error))?;
        self.written += 1;
        Ok(note)
    }
}
