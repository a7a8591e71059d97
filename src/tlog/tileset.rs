//! Tiles fetched for one checkpoint, and what they prove (docs/verification.md). The tiles that
//! hold the root's own subtrees (always partial ones) are proved by recomputing the signed root
//! from them; a full tile is proved by its hash in the tile above it. After that every hash read
//! from the set is one the signed root commits to.

use crate::error::ErrorCode;
use crate::error::Result;
use crate::tlog::code::refuse_field;
use crate::tlog::hash::{perfect_root, Hash, HASH_BYTES};
use crate::tlog::tile::{locate, TileId, TileKind, TILE_WIDTH};
use crate::tlog::tree::{tree_hash, HashSource, Wanted};

/// The tiles of the tree of `size` leaves that a set of subtree reads needs, proofs included,
/// highest level first (the order to fetch them in). Plain vectors: a handful of tiles, and the
/// member's wasm stays small.
pub fn tiles_for(size: u64, subtrees: &[(u32, u64)]) -> Vec<TileId> {
    let anchors = anchors(size);
    let mut tiles = anchors.clone();
    for &(level, index) in subtrees {
        let (tile_level, tile_index, _, _) = locate(level, index);
        let mut tile = TileId::in_tree(TileKind::Hashes { level: tile_level }, tile_index, size);
        // Climb until a tile the root proves: each full tile is proved by its parent.
        while let Some(current) = tile.filter(|t| !anchors.contains(t)) {
            tiles.push(current);
            tile = TileId::in_tree(
                TileKind::Hashes { level: current.level() + 1 },
                current.index / TILE_WIDTH,
                size,
            );
        }
    }
    tiles.sort_unstable_by(|a, b| b.cmp(a));
    tiles.dedup();
    tiles
}

/// The tiles holding the subtrees whose hashes make the root.
fn anchors(size: u64) -> Vec<TileId> {
    let mut wanted = Wanted::default();
    let _ = tree_hash(size, &mut wanted);
    let mut anchors: Vec<TileId> = wanted
        .subtrees
        .iter()
        .filter_map(|&(level, index)| {
            let (tile_level, tile_index, _, _) = locate(level, index);
            TileId::in_tree(TileKind::Hashes { level: tile_level }, tile_index, size)
        })
        .collect();
    anchors.dedup();
    anchors
}

/// Hash tiles received for the tree of `size` leaves.
#[derive(Clone, Debug, Default)]
pub struct TileSet {
    size: u64,
    tiles: Vec<(TileId, Vec<Hash>)>,
}

impl TileSet {
    pub fn new(size: u64) -> TileSet {
        TileSet { size, tiles: Vec::new() }
    }

    /// Keeps a tile's hashes after checking its length.
    pub fn insert(&mut self, tile: TileId, bytes: &[u8]) -> Result<()> {
        if bytes.len() != tile.hash_bytes() {
            let why = format!(
                "{} bytes where a tile of width {} has {}",
                bytes.len(),
                tile.width,
                tile.hash_bytes()
            );
            return Err(refuse_field(ErrorCode::LogBadTile, tile.path(), why));
        }
        let hashes =
            bytes.chunks_exact(HASH_BYTES).map(|chunk| chunk.try_into().unwrap_or([0; HASH_BYTES])).collect();
        self.tiles.retain(|(kept, _)| (kept.level(), kept.index) != (tile.level(), tile.index));
        self.tiles.push((tile, hashes));
        Ok(())
    }

    /// Checks every tile against `root`: the anchors by recomputing it, each full tile by its
    /// parent's hash, highest level first. A tile that does not fit is `log_bad_proof`.
    pub fn prove(&mut self, root: &Hash) -> Result<()> {
        let computed = tree_hash(self.size, self)?;
        if computed != *root {
            return Err(refuse_field(
                ErrorCode::LogBadProof,
                "checkpoint",
                "the tiles do not hash to the signed root",
            ));
        }
        for (tile, hashes) in self.tiles.iter().filter(|(tile, _)| tile.is_full()) {
            let parent = self.hashes(tile.level() + 1, tile.index / TILE_WIDTH)?;
            if parent.get((tile.index % TILE_WIDTH) as usize) != Some(&perfect_root(hashes)) {
                return Err(refuse_field(
                    ErrorCode::LogBadProof,
                    tile.path(),
                    "the tile's hash is not the one above it",
                ));
            }
        }
        Ok(())
    }

    fn hashes(&self, level: u32, index: u64) -> Result<&[Hash]> {
        match self.tiles.iter().find(|(tile, _)| (tile.level(), tile.index) == (level, index)) {
            Some((_, hashes)) => Ok(hashes),
            None => {
                let kind = TileKind::Hashes { level };
                let path = TileId::in_tree(kind, index, self.size)
                    .map_or_else(|| format!("tile/{level}/?"), |t| t.path());
                Err(refuse_field(ErrorCode::LogMissingTile, path, "a tile the proof needs was not given"))
            }
        }
    }

    /// Whether `tile` was given.
    pub fn has(&self, tile: &TileId) -> bool {
        self.tiles.iter().any(|(given, _)| given == tile)
    }

    /// The leaf hashes of level-0 tile `index`.
    pub fn leaves(&self, index: u64) -> Result<&[Hash]> {
        self.hashes(0, index)
    }
}

impl HashSource for TileSet {
    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash> {
        let (tile_level, tile_index, start, count) = locate(level, index);
        let hashes = self.hashes(tile_level, tile_index)?;
        let run = hashes.get(start..start + count).ok_or_else(|| {
            refuse_field(
                ErrorCode::LogBadProof,
                format!("tile/{tile_level}"),
                "a tile is narrower than the tree needs",
            )
        })?;
        Ok(perfect_root(run))
    }
}
