//! RFC 6962 §2.1 hashing on SHA-256: a leaf is `SHA-256(0x00 ‖ entry)`, an interior node
//! `SHA-256(0x01 ‖ left ‖ right)`. The prefixes keep a leaf from ever passing for a node.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};

/// A SHA-256 hash: a leaf, a node, or a tree's root.
pub type Hash = [u8; HASH_BYTES];

/// Bytes in a SHA-256 hash.
pub const HASH_BYTES: usize = 32;

/// The root of the empty tree: SHA-256 of nothing (RFC 6962 §2.1).
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// The hash of one log entry (its exact bytes).
pub fn leaf_hash(entry: &[u8]) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x00]);
    hasher.update(entry);
    hasher.finalize().into()
}

/// The hash of an interior node.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([0x01]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The root of a perfect subtree whose leaves are `hashes` (a power-of-two count): how a tile's
/// hashes give the hash of the subtree they span (C2SP tlog-tiles).
pub fn perfect_root(hashes: &[Hash]) -> Hash {
    debug_assert!(hashes.len().is_power_of_two(), "a perfect subtree has 2^k leaves");
    let mut level: Vec<Hash> = hashes.to_vec();
    while level.len() > 1 {
        level = level.chunks_exact(2).map(|pair| node_hash(&pair[0], &pair[1])).collect();
    }
    level[0]
}

/// A hash as checkpoints write it: standard base64 with padding (44 characters).
pub fn to_base64(hash: &Hash) -> String {
    STANDARD.encode(hash)
}

/// A hash from its base64 form; `None` unless it is exactly 32 bytes in canonical base64.
pub fn from_base64(text: &str) -> Option<Hash> {
    let bytes = STANDARD.decode(text).ok()?;
    let hash: Hash = bytes.try_into().ok()?;
    // Only one spelling per hash: a checkpoint's bytes are what was signed.
    (to_base64(&hash) == text).then_some(hash)
}

/// Lowercase hex, for fingerprints and member tags.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// Bytes from lowercase hex of exactly `N` bytes.
pub fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let digits = text.as_bytes();
    if digits.len() != N * 2 {
        return None;
    }
    let value = |digit: u8| match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    };
    let mut bytes = [0u8; N];
    for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (value(pair[0])? << 4) | value(pair[1])?;
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6962_prefixes_and_the_empty_root() {
        // SHA-256("") and SHA-256(0x00), as RFC 6962's test vectors give them.
        assert_eq!(to_hex(&empty_root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(
            to_hex(&leaf_hash(b"")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"
        );
        let hash = leaf_hash(b"x");
        assert_eq!(from_base64(&to_base64(&hash)), Some(hash));
        assert_eq!(from_hex::<32>(&to_hex(&hash)), Some(hash));
        assert_eq!(from_hex::<2>("0G00"), None);
        assert_eq!(from_base64("AAAA"), None, "not 32 bytes");
    }
}
