//! Member tags (docs/formats.md §6): a row names its member by a tag only the member (and the
//! platform) can compute, and no two rows of one member share a tag, so nobody else can find a
//! member's rows or link them to one another.
//!
//! - member secret = HMAC-SHA-256(platform secret, "points-pool member v1\n" ‖ member id), given
//!   to the member once (64 hex digits);
//! - row tag = the first 16 bytes of HMAC-SHA-256(member secret, "points-pool row v1\n" ‖ origin
//!   ‖ "\n" ‖ seq), 32 hex digits. The origin keeps one member's tags in two logs apart.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::{ErrorCode, Result};
use crate::tlog::code::refuse_field;
use crate::tlog::hash::{from_hex, to_hex};

/// Bytes of a platform or member secret.
pub const SECRET_BYTES: usize = 32;
/// Bytes of a row tag (32 hex digits).
pub const TAG_BYTES: usize = 16;

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// The secret the platform gives `member_id`.
pub fn member_secret(platform_secret: &[u8; SECRET_BYTES], member_id: &str) -> [u8; SECRET_BYTES] {
    hmac(platform_secret, &[b"points-pool member v1\n", member_id.as_bytes()])
}

/// A member secret as the member types or pastes it: 64 hex digits, in either case, spaces around
/// them read past; else `log_bad_key` naming `secret`.
pub fn read_member_secret(text: &str) -> Result<[u8; SECRET_BYTES]> {
    from_hex::<SECRET_BYTES>(&text.trim().to_ascii_lowercase())
        .ok_or_else(|| refuse_field(ErrorCode::LogBadKey, "secret", "a member secret is 64 hex digits"))
}

/// The tag of the member's row `seq` in the log `origin`, as the entry writes it.
pub fn row_tag(member_secret: &[u8; SECRET_BYTES], origin: &str, seq: u64) -> String {
    let seq = seq.to_string();
    let digest = hmac(member_secret, &[b"points-pool row v1\n", origin.as_bytes(), b"\n", seq.as_bytes()]);
    to_hex(&digest[..TAG_BYTES])
}
