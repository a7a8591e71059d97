//! Entry bundles (C2SP tlog-tiles): entries one after another, each after its length as a
//! big-endian u16. A bundle of the wrong count or with bytes left over is `log_bad_tile`.

use crate::error::ErrorCode;
use crate::error::Result;
use crate::tlog::code::refuse_field;
use crate::tlog::tile::TileId;

/// The longest entry a bundle can frame.
pub const MAX_ENTRY_BYTES: usize = u16::MAX as usize;

/// The entries of `bundle`, which must hold exactly `tile.width` of them.
pub fn split(tile: &TileId, bundle: &[u8]) -> Result<Vec<Vec<u8>>> {
    let bad = |why: &str| refuse_field(ErrorCode::LogBadTile, tile.path(), why.to_owned());
    let mut entries = Vec::with_capacity(tile.width as usize);
    let mut rest = bundle;
    while let [high, low, after @ ..] = rest {
        let length = usize::from(u16::from_be_bytes([*high, *low]));
        let entry =
            after.get(..length).ok_or_else(|| bad("an entry runs past the end (a truncated bundle)"))?;
        entries.push(entry.to_vec());
        rest = &after[length..];
    }
    if !rest.is_empty() {
        return Err(bad("a stray byte at the end"));
    }
    if entries.len() as u64 != tile.width {
        let why = format!("{} entries where the tree has {}", entries.len(), tile.width);
        return Err(refuse_field(ErrorCode::LogBadTile, tile.path(), why));
    }
    Ok(entries)
}

/// Appends one framed entry; entries are at most [`MAX_ENTRY_BYTES`] (the writer checks).
pub fn push(bundle: &mut Vec<u8>, entry: &[u8]) {
    debug_assert!(entry.len() <= MAX_ENTRY_BYTES);
    bundle.extend_from_slice(&(entry.len() as u16).to_be_bytes());
    bundle.extend_from_slice(entry);
}
