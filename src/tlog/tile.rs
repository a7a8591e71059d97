//! Tiles and entry bundles as C2SP tlog-tiles names them: `tile/<L>/<N>[.p/<W>]` holds up to 256
//! consecutive hashes of level `L` (each the root of a full tile one level down, leaf hashes at
//! level 0), `tile/entries/<N>[.p/<W>]` the entries themselves. Height 8: a tile spans 8 levels
//! of the binary tree. A full tile is immutable; a partial one (`.p/W`) only ever exists for a
//! size some checkpoint signed.

use crate::error::ErrorCode;
use crate::error::Result;
use crate::tlog::code::refuse_field;
use crate::tlog::hash::HASH_BYTES;

/// Hashes (or entries) in a full tile.
pub const TILE_WIDTH: u64 = 256;
/// Binary levels a tile spans: 256 = 2^8.
pub const TILE_HEIGHT: u32 = 8;
/// The highest tile level C2SP allows.
const MAX_LEVEL: u32 = 63;

/// What a tile path names: hashes at a level, or entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TileKind {
    Hashes { level: u32 },
    Entries,
}

/// One tile or entry bundle: its kind, its index along its level, its width (1..=256).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    pub kind: TileKind,
    pub index: u64,
    pub width: u64,
}

impl TileId {
    /// The tile of `level` at `index` as the tree of `size` leaves has it: full when the tree
    /// covers it, else partial; `None` when the tree has none of it yet.
    pub fn in_tree(kind: TileKind, index: u64, size: u64) -> Option<TileId> {
        let level = match kind {
            TileKind::Hashes { level } => level,
            TileKind::Entries => 0,
        };
        let hashes_at_level = size.checked_shr(TILE_HEIGHT * level).unwrap_or(0);
        let start = index.checked_mul(TILE_WIDTH)?;
        let width = hashes_at_level.checked_sub(start)?.min(TILE_WIDTH);
        (width > 0).then_some(TileId { kind, index, width })
    }

    /// The right-edge tile of `level` in the tree of `size` leaves: the last one, full or partial.
    pub fn right_edge(level: u32, size: u64) -> Option<TileId> {
        let hashes_at_level = size.checked_shr(TILE_HEIGHT * level).unwrap_or(0);
        if hashes_at_level == 0 {
            return None;
        }
        TileId::in_tree(TileKind::Hashes { level }, (hashes_at_level - 1) / TILE_WIDTH, size)
    }

    pub fn is_full(&self) -> bool {
        self.width == TILE_WIDTH
    }

    /// The level of a hash tile (entries count as level 0).
    pub fn level(&self) -> u32 {
        match self.kind {
            TileKind::Hashes { level } => level,
            TileKind::Entries => 0,
        }
    }

    /// The byte length of a hash tile (an entry bundle's length depends on its entries).
    pub fn hash_bytes(&self) -> usize {
        self.width as usize * HASH_BYTES
    }

    /// The path C2SP tlog-tiles gives it, relative to the log's prefix.
    pub fn path(&self) -> String {
        let mut path = match self.kind {
            TileKind::Hashes { level } => format!("tile/{level}/"),
            TileKind::Entries => "tile/entries/".to_owned(),
        };
        path.push_str(&index_path(self.index));
        if !self.is_full() {
            path.push_str(&format!(".p/{}", self.width));
        }
        path
    }

    /// Reads a path; anything C2SP does not allow (leading zeros, a short group, a width of 0
    /// or 256 written as partial) is `log_bad_tile`.
    pub fn parse(path: &str) -> Result<TileId> {
        let bad = || refuse_field(ErrorCode::LogBadTile, path, "not a tile path C2SP tlog-tiles allows");
        let rest = path.strip_prefix("tile/").ok_or_else(bad)?;
        let (kind, rest) = match rest.strip_prefix("entries/") {
            Some(rest) => (TileKind::Entries, rest),
            None => {
                let (level, rest) = rest.split_once('/').ok_or_else(bad)?;
                let level =
                    plain_number(level).filter(|level| *level <= u64::from(MAX_LEVEL)).ok_or_else(bad)?;
                (TileKind::Hashes { level: level as u32 }, rest)
            }
        };
        let (index_part, width) = match rest.split_once(".p/") {
            Some((index_part, width)) => {
                let width = plain_number(width).filter(|w| (1..TILE_WIDTH).contains(w)).ok_or_else(bad)?;
                (index_part, width)
            }
            None => (rest, TILE_WIDTH),
        };
        let index = parse_index(index_part).ok_or_else(bad)?;
        Ok(TileId { kind, index, width })
    }
}

/// `1234067` → `x001/x234/067`: groups of three digits, all but the last marked with `x`.
fn index_path(index: u64) -> String {
    let mut groups = vec![format!("{:03}", index % 1000)];
    let mut rest = index / 1000;
    while rest > 0 {
        groups.push(format!("x{:03}", rest % 1000));
        rest /= 1000;
    }
    groups.reverse();
    groups.join("/")
}

fn parse_index(text: &str) -> Option<u64> {
    let groups: Vec<&str> = text.split('/').collect();
    let (last, leading) = groups.split_last()?;
    let mut index: u64 = 0;
    for (position, group) in leading.iter().map(|g| g.strip_prefix('x')).chain([Some(*last)]).enumerate() {
        let group = group?;
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // "x000" may not lead: the index would have another spelling without it.
        if position == 0 && !leading.is_empty() && group == "000" {
            return None;
        }
        index = index.checked_mul(1000)?.checked_add(group.parse::<u64>().ok()?)?;
    }
    Some(index)
}

/// A decimal without leading zeros (C2SP: "no additional leading zeroes").
fn plain_number(text: &str) -> Option<u64> {
    let ok = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'));
    if ok {
        text.parse().ok()
    } else {
        None
    }
}

/// Where the hash of the complete subtree (`level`, `index`) sits: the tile at tile level
/// `level / 8` and the run of `2^(level % 8)` hashes in it whose perfect root it is.
pub fn locate(level: u32, index: u64) -> (u32, u64, usize, usize) {
    let tile_level = level / TILE_HEIGHT;
    let within = level % TILE_HEIGHT;
    let first_hash = index << within;
    let tile_index = first_hash / TILE_WIDTH;
    let start = (first_hash % TILE_WIDTH) as usize;
    (tile_level, tile_index, start, 1 << within)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_as_c2sp_and_go_write_them() {
        let hashes = |level, index, width| TileId { kind: TileKind::Hashes { level }, index, width };
        let cases = [
            ("tile/0/001", hashes(0, 1, 256)),
            ("tile/0/001.p/5", hashes(0, 1, 5)),
            ("tile/3/x123/x456/078", hashes(3, 123_456_078, 256)),
            ("tile/3/x123/x456/078.p/2", hashes(3, 123_456_078, 2)),
            ("tile/1/x001/x234/067", hashes(1, 1_234_067, 256)),
            ("tile/entries/x001/000.p/17", TileId { kind: TileKind::Entries, index: 1000, width: 17 }),
        ];
        for (path, tile) in cases {
            assert_eq!(tile.path(), path);
            assert_eq!(TileId::parse(path).unwrap(), tile, "{path}");
        }
        for bad in [
            "tile/3/123/456/078",
            "tile/01/000",
            "tile/64/000",
            "tile/0/000.p/0",
            "tile/0/000.p/256",
            "tile/0/000.p/05",
            "tile/0/x000/001",
            "tile/0/01",
            "tile/-1/000",
            "tiles/0/000",
        ] {
            assert_eq!(TileId::parse(bad).unwrap_err().code(), "log_bad_tile", "{bad}");
        }
    }

    #[test]
    fn a_tree_of_70000_has_the_tiles_c2sp_lists() {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile,
        // one partial level 1 tile of width 17, and one partial level 2 tile of width 1."
        let size = 70_000;
        assert_eq!(TileId::right_edge(0, size).unwrap().path(), "tile/0/273.p/112");
        assert_eq!(TileId::right_edge(1, size).unwrap().path(), "tile/1/001.p/17");
        assert_eq!(TileId::right_edge(2, size).unwrap().path(), "tile/2/000.p/1");
        assert_eq!(TileId::right_edge(3, size), None);
        assert!(TileId::in_tree(TileKind::Hashes { level: 0 }, 272, size).unwrap().is_full());
        assert_eq!(TileId::in_tree(TileKind::Hashes { level: 0 }, 274, size), None);
        // "A tree of size 256 will be represented by a full level 0 tile and a partial level 1
        // tile of width 1."
        assert_eq!(TileId::right_edge(0, 256).unwrap().path(), "tile/0/000");
        assert_eq!(TileId::right_edge(1, 256).unwrap().path(), "tile/1/000.p/1");
    }
}
