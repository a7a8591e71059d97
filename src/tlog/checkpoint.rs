//! C2SP tlog-checkpoint (docs/formats.md §6): a signed note whose text is the origin, the tree
//! size and the base64 root hash, one a line. Extension lines are read and ignored.

use sha2::{Digest, Sha256};

use crate::error::{ErrorCode, PoolError, Result};
use crate::limits::MAX_ORDERS;
use crate::tlog::code::refuse;
use crate::tlog::hash::{from_base64, to_base64, to_hex, Hash};
use crate::tlog::note::{self, VerifierKey};

/// A checkpoint whose signature by the expected key was checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// The whole note as received, to keep and to show as evidence.
    pub note: String,
}

impl Checkpoint {
    /// Parses `text` and checks the signature by `key` and the origin.
    pub fn open(text: &str, key: &VerifierKey, origin: &str) -> Result<Checkpoint> {
        let checkpoint = Checkpoint::read(text)?;
        checkpoint.check_origin(origin)?;
        note::verify(&note::parse(text)?, key)?;
        Ok(checkpoint)
    }

    /// Parses `text` without checking any signature.
    pub fn read(text: &str) -> Result<Checkpoint> {
        let body = note::parse(text)?.text;
        let malformed = |why: &str| refuse(ErrorCode::LogMalformedNote, format!("not a checkpoint: {why}"));
        let mut lines = body.strip_suffix('\n').unwrap_or(body).split('\n');
        let (Some(origin), Some(size), Some(root)) = (lines.next(), lines.next(), lines.next()) else {
            return Err(malformed("it needs origin, size and root lines"));
        };
        if origin.is_empty() || lines.any(str::is_empty) {
            return Err(malformed("an empty line"));
        }
        let size_ok = !size.is_empty()
            && size.bytes().all(|b| b.is_ascii_digit())
            && (size == "0" || !size.starts_with('0'));
        let size = size
            .parse::<u64>()
            .ok()
            .filter(|_| size_ok)
            .ok_or_else(|| malformed("the size is not a decimal"))?;
        // A size is written back to pages as a number: no more than one holds exactly.
        if size > MAX_ORDERS {
            return Err(PoolError::LimitExceeded { quantity: "size" });
        }
        let root = from_base64(root).ok_or_else(|| malformed("the root is not a base64 SHA-256 hash"))?;
        Ok(Checkpoint { origin: origin.to_owned(), size, root, note: text.to_owned() })
    }

    pub fn check_origin(&self, origin: &str) -> Result<()> {
        if self.origin == origin {
            return Ok(());
        }
        Err(refuse(
            ErrorCode::LogWrongOrigin,
            format!("the checkpoint is for {:?}, not {origin:?}", self.origin),
        ))
    }

    /// The text a log signs for this origin, size and root.
    pub fn body(origin: &str, size: u64, root: &Hash) -> String {
        format!("{origin}\n{size}\n{}\n", to_base64(root))
    }

    /// 16 hex digits a member can read aloud and compare: the first 8 bytes of SHA-256 of the
    /// checkpoint's first three lines, so cosignatures added later do not change it.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(Checkpoint::body(&self.origin, self.size, &self.root));
        to_hex(&digest[..8])
    }
}
