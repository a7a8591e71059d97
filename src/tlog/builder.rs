//! Building the tiles of a growing tree, one leaf hash at a time: what the publisher writes and
//! what a full verification recomputes to compare with what was published. Memory stays at one
//! partial tile (≤ 256 hashes) per level.

use crate::error::Result;
use crate::tlog::hash::{perfect_root, Hash};
use crate::tlog::tile::{locate, TileId, TileKind, TILE_WIDTH};
use crate::tlog::tree::{tree_hash, HashSource};

/// The tree so far: the hashes of each level's unfinished tile.
#[derive(Clone, Debug, Default)]
pub struct TileBuilder {
    /// `levels[L]`: the hashes of level L's rightmost tile, fewer than 256.
    levels: Vec<Vec<Hash>>,
    /// Full tiles finished at each level.
    finished: Vec<u64>,
    size: u64,
    /// Full tiles finished since the last `take_finished()`.
    fresh: Vec<(TileId, Vec<u8>)>,
}

impl TileBuilder {
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Adds the next leaf; a tile it fills (and any it fills above) waits in `take_finished()`.
    pub fn push(&mut self, leaf: Hash) {
        self.size += 1;
        let mut hash = leaf;
        let mut level = 0;
        loop {
            if self.levels.len() == level {
                self.levels.push(Vec::with_capacity(TILE_WIDTH as usize));
                self.finished.push(0);
            }
            self.levels[level].push(hash);
            if self.levels[level].len() < TILE_WIDTH as usize {
                return;
            }
            let hashes = std::mem::take(&mut self.levels[level]);
            let kind = TileKind::Hashes { level: level as u32 };
            self.fresh
                .push((TileId { kind, index: self.finished[level], width: TILE_WIDTH }, hashes.concat()));
            self.finished[level] += 1;
            hash = perfect_root(&hashes);
            level += 1;
        }
    }

    /// The full tiles finished since the last call, lowest level first.
    pub fn take_finished(&mut self) -> Vec<(TileId, Vec<u8>)> {
        std::mem::take(&mut self.fresh)
    }

    /// The partial tiles of the tree as it is: the ones a checkpoint of this size needs.
    pub fn partial_tiles(&self) -> Vec<(TileId, Vec<u8>)> {
        let mut tiles = Vec::new();
        for (level, hashes) in self.levels.iter().enumerate() {
            if hashes.is_empty() {
                continue;
            }
            let kind = TileKind::Hashes { level: level as u32 };
            let tile = TileId { kind, index: self.finished[level], width: hashes.len() as u64 };
            tiles.push((tile, hashes.concat()));
        }
        tiles
    }

    /// The root hash of the tree so far.
    pub fn root(&self) -> Hash {
        // The root needs only the partial tiles' hashes, which are all here.
        tree_hash(self.size, &mut RightEdge(self)).unwrap_or_else(|_| unreachable!())
    }
}

/// The partial tiles as a hash source: every subtree of the root's decomposition is in them.
struct RightEdge<'a>(&'a TileBuilder);

impl HashSource for RightEdge<'_> {
    fn subtree(&mut self, level: u32, index: u64) -> Result<Hash> {
        let (tile_level, tile_index, start, count) = locate(level, index);
        let hashes = &self.0.levels[tile_level as usize];
        debug_assert_eq!(
            tile_index, self.0.finished[tile_level as usize],
            "the root reads the right edge only"
        );
        Ok(perfect_root(&hashes[start..start + count]))
    }
}
