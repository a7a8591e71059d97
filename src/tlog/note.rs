//! C2SP signed notes (docs/formats.md §6): a text ending in a newline, a blank line, then one
//! or more lines `— <key name> base64(key id ‖ signature)`. Keys are C2SP verifier keys,
//! `<name>+<hex key id>+base64(0x01 ‖ Ed25519 public key)`. A signature from an unknown key is
//! ignored (so witnesses can cosign later); one from the expected key must verify.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::error::ErrorCode;
use crate::error::Result;
use crate::tlog::code::{refuse, refuse_field};
use crate::tlog::{MAX_NOTE_BYTES, MAX_NOTE_SIGNATURES};

/// The signature type byte of Ed25519 note signatures (C2SP signed-note).
pub const ED25519: u8 = 0x01;

/// A verifier key: the name and id that select signature lines, and the public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifierKey {
    pub name: String,
    pub id: u32,
    pub public: VerifyingKey,
    /// The key as written (`name+id+base64`).
    pub text: String,
}

/// `SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]`, big-endian (C2SP signed-note).
pub fn key_id(name: &str, public: &[u8; 32]) -> u32 {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    hasher.update([b'\n', ED25519]);
    hasher.update(public);
    let digest = hasher.finalize();
    u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]])
}

/// A key name: non-empty, no Unicode space, no `+`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

impl VerifierKey {
    /// Reads `name+id+base64(0x01 ‖ key)`; a wrong id, type or length is `log_bad_key`.
    pub fn parse(text: &str) -> Result<VerifierKey> {
        let bad = |why: &str| refuse_field(ErrorCode::LogBadKey, "key", format!("not a verifier key: {why}"));
        let text = text.trim_end_matches(['\n', '\r']);
        let (name, id, public) = split_key(text).map_err(bad)?;
        if !is_valid_name(name) {
            return Err(bad("the name is empty or holds a space or '+'"));
        }
        if key_id(name, &public) != id {
            return Err(bad("the id does not match the name and key"));
        }
        let public = VerifyingKey::from_bytes(&public).map_err(|_| bad("not an Ed25519 point"))?;
        Ok(VerifierKey { name: name.to_owned(), id, public, text: text.to_owned() })
    }

    /// The key text for a name and public key.
    pub fn text_of(name: &str, public: &[u8; 32]) -> String {
        let mut typed = vec![ED25519];
        typed.extend_from_slice(public);
        format!("{name}+{:08x}+{}", key_id(name, public), STANDARD.encode(typed))
    }
}

/// The key a log must be signed by and the origin it must carry (the key's name unless given).
pub fn expected(key: &str, origin: Option<&str>) -> Result<(VerifierKey, String)> {
    let key = VerifierKey::parse(key)?;
    let origin = origin.map_or_else(|| key.name.clone(), str::to_owned);
    Ok((key, origin))
}

/// `name+hex id+base64(0x01 ‖ 32 bytes)`, the shape of verifier and private keys alike:
/// the parts, or why the text is not one.
pub(crate) fn split_key(text: &str) -> std::result::Result<(&str, u32, [u8; 32]), &'static str> {
    // The base64 key may itself hold '+': everything after the second '+' is the key.
    let mut parts = text.splitn(3, '+');
    let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err("it must be name+id+key");
    };
    let id =
        crate::tlog::hash::from_hex::<4>(id).map(u32::from_be_bytes).ok_or("the id is not 8 hex digits")?;
    let bytes = STANDARD.decode(key).map_err(|_| "the key is not base64")?;
    match bytes.split_first() {
        Some((&ED25519, rest)) => Ok((name, id, rest.try_into().map_err(|_| "an Ed25519 key has 32 bytes")?)),
        _ => Err("only Ed25519 keys (type 0x01) are supported"),
    }
}

/// One signature line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureLine<'a> {
    pub name: &'a str,
    pub id: u32,
    pub signature: Vec<u8>,
}

/// A note split into its text (with the final newline) and signature lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note<'a> {
    pub text: &'a str,
    pub signatures: Vec<SignatureLine<'a>>,
}

/// Splits a signed note, checking C2SP's syntax; anything else is `log_malformed_note`.
pub fn parse(note: &str) -> Result<Note<'_>> {
    let malformed = |why: &str| refuse(ErrorCode::LogMalformedNote, format!("not a signed note: {why}"));
    if note.len() > MAX_NOTE_BYTES {
        return Err(malformed("too long"));
    }
    if note.chars().any(|c| c < ' ' && c != '\n') {
        return Err(malformed("a control character"));
    }
    let split = note.rfind("\n\n").ok_or_else(|| malformed("no blank line before the signatures"))?;
    let (text, signatures) = (&note[..split + 1], &note[split + 2..]);
    let Some(lines) = signatures.strip_suffix('\n') else {
        return Err(malformed("no signature, or no newline after the last one"));
    };
    let mut parsed = Vec::new();
    for line in lines.split('\n') {
        if parsed.len() == MAX_NOTE_SIGNATURES {
            return Err(malformed("too many signatures"));
        }
        parsed
            .push(signature_line(line).ok_or_else(|| malformed("a signature line is not '— name base64'"))?);
    }
    Ok(Note { text, signatures: parsed })
}

fn signature_line(line: &str) -> Option<SignatureLine<'_>> {
    let (name, encoded) = line.strip_prefix("\u{2014} ")?.split_once(' ')?;
    let bytes = STANDARD.decode(encoded).ok()?;
    if !is_valid_name(name) || bytes.len() < 5 {
        return None;
    }
    let id = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    Some(SignatureLine { name, id, signature: bytes[4..].to_vec() })
}

/// Checks that `note` carries a valid signature by `key`: none from it is `log_wrong_key`, one
/// that fails is `log_bad_signature`. Lines from other keys are ignored.
pub fn verify(note: &Note<'_>, key: &VerifierKey) -> Result<()> {
    let mut found = false;
    for line in note.signatures.iter().filter(|line| line.name == key.name && line.id == key.id) {
        let signature = Signature::from_slice(&line.signature).map_err(|_| bad_signature(key))?;
        key.public.verify_strict(note.text.as_bytes(), &signature).map_err(|_| bad_signature(key))?;
        found = true;
    }
    if found {
        Ok(())
    } else {
        Err(refuse(ErrorCode::LogWrongKey, format!("no signature by {}+{:08x}", key.name, key.id)))
    }
}

fn bad_signature(key: &VerifierKey) -> crate::error::PoolError {
    refuse(
        ErrorCode::LogBadSignature,
        format!("the signature by {}+{:08x} does not verify", key.name, key.id),
    )
}
