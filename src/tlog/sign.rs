//! Signing (native only: the browser verifies, never signs). Private keys are written as Go's
//! `golang.org/x/mod/sumdb/note` writes them, `PRIVATE+KEY+<name>+<hex id>+base64(0x01 ‖ seed)`,
//! so other transparency-log tools can use them.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};

use crate::error::ErrorCode;
use crate::error::Result;
use crate::tlog::code::refuse_field;
use crate::tlog::note::{is_valid_name, key_id, split_key, VerifierKey, ED25519};

/// A note signer: a name and an Ed25519 key.
pub struct NoteSigner {
    name: String,
    key: SigningKey,
}

impl NoteSigner {
    /// The signer for a 32-byte seed (from the system's random source, in the command line).
    pub fn from_seed(name: &str, seed: [u8; 32]) -> Result<NoteSigner> {
        if !is_valid_name(name) {
            return Err(refuse_field(
                ErrorCode::LogBadKey,
                "name",
                "a key name is non-empty, with no space and no '+'",
            ));
        }
        Ok(NoteSigner { name: name.to_owned(), key: SigningKey::from_bytes(&seed) })
    }

    /// Reads a private key; anything else (a wrong id included) is `log_bad_key`.
    pub fn parse(text: &str) -> Result<NoteSigner> {
        let bad =
            |why: &str| refuse_field(ErrorCode::LogBadKey, "privateKey", format!("not a private key: {why}"));
        let text = text.trim_end_matches(['\n', '\r']);
        let rest = text.strip_prefix("PRIVATE+KEY+").ok_or_else(|| bad("it starts with PRIVATE+KEY+"))?;
        let (name, id, seed) = split_key(rest).map_err(bad)?;
        let signer = NoteSigner::from_seed(name, seed)?;
        if signer.id() != id {
            return Err(bad("the id does not match the name and key"));
        }
        Ok(signer)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn id(&self) -> u32 {
        key_id(&self.name, self.key.verifying_key().as_bytes())
    }

    /// The private key as text (keep it secret).
    pub fn private_text(&self) -> String {
        let mut typed = vec![ED25519];
        typed.extend_from_slice(self.key.as_bytes());
        format!("PRIVATE+KEY+{}+{:08x}+{}", self.name, self.id(), STANDARD.encode(typed))
    }

    /// The verifier key to publish.
    pub fn verifier_text(&self) -> String {
        VerifierKey::text_of(&self.name, self.key.verifying_key().as_bytes())
    }

    /// The signature line for `text` (Ed25519 signatures are deterministic: the same text
    /// always gives the same line).
    pub fn signature_line(&self, text: &str) -> String {
        let mut bytes = self.id().to_be_bytes().to_vec();
        bytes.extend_from_slice(&self.key.sign(text.as_bytes()).to_bytes());
        format!("\u{2014} {} {}\n", self.name, STANDARD.encode(bytes))
    }
}

/// A signed note: `text` (ending in a newline), a blank line, one line per signer.
pub fn sign_note(text: &str, signers: &[&NoteSigner]) -> String {
    debug_assert!(text.ends_with('\n'));
    let mut note = format!("{text}\n");
    for signer in signers {
        note.push_str(&signer.signature_line(text));
    }
    note
}
