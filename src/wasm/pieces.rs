//! Ledger text fed in pieces (the operator's replay and audit; docs/formats.md §3): text or
//! bytes, a piece at most `MAX_PIECE_BYTES`, as UTF-8 bytes for the replay, with JavaScript's
//! UTF-16 read so that no two ids can become one account.

use js_sys::JsString;
use wasm_bindgen::{JsCast, JsValue};

use super::args::bytes_into;
use crate::error::{LedgerProblem, PoolError};
use crate::limits::MAX_PIECE_BYTES;

/// Ledger text or bytes, a piece of at most `MAX_PIECE_BYTES`, as UTF-8 bytes in `buffer`. Text
/// is carried across pieces by `TextPieces` (surrogate pairs cut between pieces, lone surrogates).
pub fn ledger_piece(value: &JsValue, pieces: &mut TextPieces, buffer: &mut Vec<u8>) -> Result<(), PoolError> {
    if let Some(text) = value.dyn_ref::<JsString>() {
        if text.length() as usize > MAX_PIECE_BYTES {
            return Err(PoolError::LimitExceeded { quantity: "maxPieceBytes" });
        }
        pieces.text(text, buffer);
        return Ok(());
    }
    if !bytes_into(value, buffer)? {
        return Err(PoolError::InvalidLedger {
            line: 0,
            field: None,
            problem: LedgerProblem::NotARow.into(),
            reason: "the ledger must be text or a Uint8Array".to_owned(),
        });
    }
    // A high surrogate the last text piece left waiting has no partner in bytes: it is not text.
    let before = pieces.before_bytes();
    if !before.is_empty() {
        buffer.splice(0..0, before.iter().copied());
    }
    Ok(())
}

/// Text fed in pieces. JavaScript strings are UTF-16 and may hold lone surrogates, which
/// `String::from` would turn into U+FFFD: two ids differing by a lone surrogate would become one
/// account, and a pair cut between two pieces would become two U+FFFD. So a high surrogate that
/// ends a piece waits for the next one, and a lone surrogate becomes bytes that are not UTF-8,
/// which the replay refuses (`not_utf8`) on the line that holds it.
#[derive(Default)]
pub struct TextPieces {
    /// A high surrogate that ended the last text piece.
    waiting: Option<u16>,
}

/// Bytes no UTF-8 text holds: what a lone surrogate becomes, so its line is refused.
const NOT_TEXT: [u8; 1] = [0xFF];

impl TextPieces {
    /// The UTF-8 bytes of `piece` (after a surrogate the last piece left waiting) into `buffer`.
    fn text(&mut self, piece: &JsString, buffer: &mut Vec<u8>) {
        let mut text = piece.clone();
        if let Some(high) = self.waiting.take() {
            text = JsString::from_char_code1(u32::from(high)).concat(&text);
        }
        let length = text.length();
        if length > 0 && is_high(text.char_code_at(length - 1)) {
            self.waiting = Some(text.char_code_at(length - 1) as u16);
            text = text.slice(0, length - 1);
        }
        buffer.clear();
        match lone_surrogate(&text) {
            None => buffer.extend_from_slice(String::from(text).as_bytes()),
            Some(at) => {
                // Everything before it is whole text; the replay stops on the line that holds it.
                buffer.extend_from_slice(String::from(text.slice(0, at)).as_bytes());
                buffer.extend_from_slice(&NOT_TEXT);
            }
        }
    }

    /// What must come before the next bytes: a surrogate left waiting, which bytes never complete.
    fn before_bytes(&mut self) -> &'static [u8] {
        if self.waiting.take().is_some() {
            &NOT_TEXT
        } else {
            &[]
        }
    }

    /// What ends the text at `finish()`: a surrogate still waiting is a lone one.
    pub fn end(&mut self) -> &'static [u8] {
        self.before_bytes()
    }
}

fn is_high(unit: f64) -> bool {
    (f64::from(0xD800)..f64::from(0xDC00)).contains(&unit)
}

/// Where the first lone surrogate of `text` is, found by a Unicode regular expression (which
/// matches a surrogate only when it is not half of a pair); `None` for well-formed text.
fn lone_surrogate(text: &JsString) -> Option<u32> {
    thread_local! {
        static LONE: js_sys::RegExp = js_sys::RegExp::new("\\p{Cs}", "u");
    }
    LONE.with(|pattern| u32::try_from(text.search(pattern)).ok())
}
