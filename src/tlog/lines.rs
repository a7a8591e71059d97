//! 核对 against the log (docs/formats.md §5, docs/verification.md): after the member's check has
//! verified a checkpoint, each of the member's lines is found in that tree by its seq and the
//! member's tag, and shown as
//!
//! - **included**: the entry at that seq carries the member's tag and says what the line says
//!   (type, value, result), and an inclusion proof ties it to the signed root;
//! - **missing**: no entry has that seq, or the one that has it carries another tag;
//! - **different**: the entry at that seq carries the member's tag but says something else
//!   (its published bytes are given, and the fields that differ).
//!
//! Rows come in increasing seq, so a row is found by searching entry bundles: each round names
//! the bundles still to read (guessed between the rows known around the seq, every other round
//! halving the range, so at most about 2·log2(bundles) rounds) with the tiles that prove them.
//! Every bundle read is proved against the signed root before it steers a search: a host cannot
//! hide a row by serving other bytes.

use crate::error::{ErrorCode, Result};
use crate::ledger::check::{LineKind, LoggedLine};
use crate::ledger::rows::RowKind;
use crate::tlog::bundle;
use crate::tlog::code::{refuse, refuse_entry, refuse_field};
use crate::tlog::entry::{self, Entry, RowEntry};
use crate::tlog::hash::{leaf_hash, Hash};
use crate::tlog::tag::{read_member_secret, row_tag, SECRET_BYTES};
use crate::tlog::tile::{TileId, TileKind, TILE_WIDTH};
use crate::tlog::tileset::{tiles_for, TileSet};
use crate::tlog::tree::{inclusion_proof, verify_inclusion, Wanted};

/// What a line is, against the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineVerdict {
    Included,
    Missing,
    Different,
}

impl LineVerdict {
    pub fn name(self) -> &'static str {
        match self {
            LineVerdict::Included => "included",
            LineVerdict::Missing => "missing",
            LineVerdict::Different => "different",
        }
    }
}

/// One line against the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineFinding {
    /// 1-based line of the member's text.
    pub line: u64,
    pub seq: u64,
    pub verdict: LineVerdict,
    /// The entry (0-based) that has the seq, when one has it.
    pub entry: Option<u64>,
    /// That entry's bytes (UTF-8 text) when it is not the member's line as given: different,
    /// or another member's row at that seq.
    pub published: Option<String>,
    /// What differs: `type`, `value`, `result`; `tag` for another member's row.
    pub fields: Vec<&'static str>,
}

/// State the member's lines are checked in: the verified tree and what is known of it.
#[derive(Debug)]
pub struct LineCheck {
    origin: String,
    size: u64,
    root: Hash,
    secret: [u8; SECRET_BYTES],
    sought: Vec<Sought>,
    tiles: TileSet,
    /// Bundles proved against the root, by index.
    bundles: Vec<(u64, Vec<Vec<u8>>)>,
    /// Bundles given this round, proved at the next `next_paths()`.
    fed: Vec<(u64, Vec<Vec<u8>>)>,
    /// The files this round asked for.
    wanted: Vec<TileId>,
    files: usize,
}

#[derive(Debug)]
struct Sought {
    line: LoggedLine,
    /// Bundles that may still hold the seq, inclusive.
    lo: u64,
    hi: u64,
    /// The nearest rows known below and above the seq: (entry, seq).
    below: (u64, u64),
    above: (u64, u64),
    probes: u32,
    finding: Option<LineFinding>,
}

/// What the member's check hands over once it has proved a checkpoint.
#[derive(Debug)]
pub struct Proved {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub last_seq: Option<u64>,
    pub tiles: TileSet,
    /// The last entry bundle, already proved.
    pub bundle: (u64, Vec<Vec<u8>>),
}

impl LineCheck {
    /// The lines of a member whose secret is `secret_hex` (64 hex digits, formats.md §6),
    /// against the tree `proved`.
    pub fn new(proved: Proved, secret_hex: &str, lines: Vec<LoggedLine>) -> Result<LineCheck> {
        let secret = read_member_secret(secret_hex)?;
        let last_bundle = (proved.size - 1) / TILE_WIDTH;
        let top = proved.last_seq.unwrap_or(0);
        let sought = lines
            .into_iter()
            .map(|line| {
                // No row past the last seq the state entry names: nothing to fetch.
                let finding = (proved.last_seq.is_none_or(|last| line.seq > last)).then(|| LineFinding {
                    line: line.line,
                    seq: line.seq,
                    verdict: LineVerdict::Missing,
                    entry: None,
                    published: None,
                    fields: Vec::new(),
                });
                Sought {
                    line,
                    lo: 0,
                    hi: last_bundle,
                    below: (0, 0),
                    above: (proved.size - 1, top.saturating_add(1)),
                    probes: 0,
                    finding,
                }
            })
            .collect();
        Ok(LineCheck {
            origin: proved.origin,
            size: proved.size,
            root: proved.root,
            secret,
            sought,
            tiles: proved.tiles,
            bundles: vec![proved.bundle],
            fed: Vec::new(),
            wanted: Vec::new(),
            files: 0,
        })
    }

    /// Proves what the last round fed, moves every search on, and names the files the next
    /// round needs (tile paths relative to the log); none when every line has its verdict.
    pub fn next_paths(&mut self) -> Result<Vec<String>> {
        if let Some(tile) = self.wanted.iter().find(|tile| !self.given(tile)) {
            return Err(refuse_field(
                ErrorCode::LogMissingTile,
                tile.path(),
                "a tile the check needs was not given",
            ));
        }
        self.wanted.clear();
        self.tiles.prove(&self.root)?;
        for (index, entries) in std::mem::take(&mut self.fed) {
            let leaves = self.tiles.leaves(index)?;
            for (position, bytes) in entries.iter().enumerate() {
                if leaves.get(position) != Some(&leaf_hash(bytes)) {
                    let entry = index * TILE_WIDTH + position as u64;
                    return Err(refuse_entry(
                        ErrorCode::LogBadProof,
                        entry,
                        "entry",
                        "not the entry the tree holds",
                    ));
                }
            }
            self.bundles.push((index, entries));
        }
        let mut wanted_bundles: Vec<u64> = Vec::new();
        for at in 0..self.sought.len() {
            while self.sought[at].finding.is_none() {
                let probe = self.sought[at].probe();
                match self.bundles.iter().position(|(index, _)| *index == probe) {
                    Some(held) => self.search(at, held)?,
                    None => {
                        wanted_bundles.push(probe);
                        break;
                    }
                }
            }
        }
        wanted_bundles.sort_unstable();
        wanted_bundles.dedup();
        let mut subtrees = Vec::new();
        for &index in &wanted_bundles {
            let first = index * TILE_WIDTH;
            let last = (first + TILE_WIDTH - 1).min(self.size - 1);
            let mut wanted = Wanted { subtrees: vec![(0, first)] };
            let _ = inclusion_proof(self.size, first, &mut wanted);
            let _ = inclusion_proof(self.size, last, &mut wanted);
            subtrees.extend(wanted.subtrees);
        }
        let mut files: Vec<TileId> =
            tiles_for(self.size, &subtrees).into_iter().filter(|tile| !self.tiles.has(tile)).collect();
        files.extend(
            wanted_bundles.iter().filter_map(|&index| TileId::in_tree(TileKind::Entries, index, self.size)),
        );
        self.files += files.len();
        self.wanted = files;
        Ok(self.wanted.iter().map(TileId::path).collect())
    }

    /// Takes one file the last `next_paths()` named; gives how many of them are still wanted.
    pub fn tile(&mut self, path: &str, bytes: &[u8]) -> Result<usize> {
        let tile = TileId::parse(path)?;
        if !self.wanted.contains(&tile) {
            return Err(refuse_field(ErrorCode::LogBadTile, path, "not a tile this check asked for"));
        }
        match tile.kind {
            TileKind::Entries => {
                let entries = bundle::split(&tile, bytes)?;
                self.fed.retain(|(index, _)| *index != tile.index);
                self.fed.push((tile.index, entries));
            }
            TileKind::Hashes { .. } => self.tiles.insert(tile, bytes)?,
        }
        Ok(self.wanted.iter().filter(|tile| !self.given(tile)).count())
    }

    fn given(&self, tile: &TileId) -> bool {
        match tile.kind {
            TileKind::Entries => self.fed.iter().any(|(index, _)| *index == tile.index),
            TileKind::Hashes { .. } => self.tiles.has(tile),
        }
    }

    /// Every line's verdict, in the member's order; refused while a search is under way.
    pub fn findings(&self) -> Result<Vec<LineFinding>> {
        self.sought
            .iter()
            .map(|sought| sought.finding.clone())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| refuse(ErrorCode::LogMissingTile, "the check has files still to read"))
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// How many files the rounds asked for.
    pub fn files(&self) -> usize {
        self.files
    }

    /// One step of line `at`'s search in the proved bundle `held`.
    fn search(&mut self, at: usize, held: usize) -> Result<()> {
        let (index, entries) = &self.bundles[held];
        let seq = self.sought[at].line.seq;
        let mut rows: Vec<(u64, RowEntry<'_>, &[u8])> = Vec::new();
        for (position, bytes) in entries.iter().enumerate() {
            let entry = index * TILE_WIDTH + position as u64;
            if !bytes.starts_with(b"row ") {
                continue;
            }
            if let Entry::Row(row) = entry::parse(entry, bytes)? {
                rows.push((entry, row, bytes.as_slice()));
            }
        }
        let sought = &mut self.sought[at];
        sought.probes += 1;
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return Err(refuse_entry(
                ErrorCode::LogBadEntry,
                index * TILE_WIDTH,
                "entry",
                "a whole bundle without a row, where rows were sought",
            ));
        };
        if let Some((entry, row, bytes)) = rows.iter().find(|(_, row, _)| row.seq == seq) {
            let finding = classify(&sought.line, *entry, row, bytes, &self.secret, &self.origin);
            let proof = inclusion_proof(self.size, *entry, &mut self.tiles)?;
            if !verify_inclusion(*entry, self.size, &leaf_hash(bytes), &proof, &self.root) {
                return Err(refuse_entry(
                    ErrorCode::LogBadProof,
                    *entry,
                    "entry",
                    "the inclusion proof fails",
                ));
            }
            sought.finding = Some(finding);
            return Ok(());
        }
        if seq < first.1.seq {
            sought.hi = index.saturating_sub(1);
            sought.above = (first.0, first.1.seq);
            if *index == 0 {
                sought.lo = 1;
            }
        } else if seq > last.1.seq {
            sought.lo = index + 1;
            sought.below = (last.0, last.1.seq);
        } else {
            // Rows on both sides in one bundle, none with the seq.
            sought.lo = sought.hi + 1;
        }
        if sought.lo > sought.hi {
            sought.finding = Some(LineFinding {
                line: sought.line.line,
                seq,
                verdict: LineVerdict::Missing,
                entry: None,
                published: None,
                fields: Vec::new(),
            });
        }
        Ok(())
    }
}

impl Sought {
    /// The bundle to read next: a guess between the rows known around the seq, every other time
    /// the middle of the range (so a bad guess costs at most twice the halvings).
    fn probe(&self) -> u64 {
        let (lo, hi) = (self.lo, self.hi);
        if self.probes % 2 == 1 {
            return lo + (hi - lo) / 2;
        }
        let ((below_entry, below_seq), (above_entry, above_seq)) = (self.below, self.above);
        let span = u128::from(above_seq.saturating_sub(below_seq).max(1));
        let along = u128::from(self.line.seq.saturating_sub(below_seq));
        let entries = u128::from(above_entry.saturating_sub(below_entry));
        let guess = below_entry + u64::try_from(along * entries / span).unwrap_or(u64::MAX);
        (guess / TILE_WIDTH).clamp(lo, hi)
    }
}

/// The row at the line's seq, against the line.
fn classify(
    line: &LoggedLine,
    entry: u64,
    row: &RowEntry<'_>,
    bytes: &[u8],
    secret: &[u8; SECRET_BYTES],
    origin: &str,
) -> LineFinding {
    let published = Some(String::from_utf8_lossy(bytes).into_owned());
    let finding = |verdict, fields, published| LineFinding {
        line: line.line,
        seq: line.seq,
        verdict,
        entry: Some(entry),
        published,
        fields,
    };
    if row.tag != row_tag(secret, origin, line.seq) {
        return finding(LineVerdict::Missing, vec!["tag"], published);
    }
    let kind = match line.kind {
        LineKind::Purchase => RowKind::Purchase,
        LineKind::Withdraw => RowKind::Withdraw,
        LineKind::Redeem => RowKind::Redeem,
    };
    let mut fields = Vec::new();
    if kind != row.kind {
        fields.push("type");
    }
    if line.value != row.value {
        fields.push("value");
    }
    if line.result != row.result {
        fields.push("result");
    }
    if fields.is_empty() {
        finding(LineVerdict::Included, fields, None)
    } else {
        finding(LineVerdict::Different, fields, published)
    }
}
