//! Line ends (docs/formats.md §3): `\n`, `\r\n` and a bare `\r` (Excel for Mac, classic Mac
//! tools) each end a line, in every reader, so the same rows read the same whatever wrote them,
//! and a line's number is the same in all three.

/// Where the first line end of `bytes` is, and how many bytes it takes (`\r\n` is two; a `\r`
/// that ends `bytes` is one, and its `\n` may begin the next piece: see [`Splitter`]).
pub fn line_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let at = bytes.iter().position(|&byte| byte == b'\n' || byte == b'\r')?;
    let width = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { 2 } else { 1 };
    Some((at, width))
}

/// Remembers a `\r` that ended one piece of text arriving in pieces, so that a `\n`
/// beginning the next piece is the rest of that line end, not an empty line.
#[derive(Clone, Copy, Debug, Default)]
pub struct PendingLf(bool);

impl PendingLf {
    /// `piece` without the `\n` of a `\r\n` that the end of the last piece cut.
    pub fn skip<'a>(&mut self, piece: &'a [u8]) -> &'a [u8] {
        if piece.is_empty() {
            return piece;
        }
        match std::mem::take(&mut self.0) {
            true if piece[0] == b'\n' => &piece[1..],
            _ => piece,
        }
    }

    /// Notes how a line ended: a `\r` that is the last byte of its piece.
    pub fn ended(&mut self, line_end: u8, width: usize, last_of_piece: bool) {
        self.0 = line_end == b'\r' && width == 1 && last_of_piece;
    }
}

/// The lines of a whole text, ended by `\n`, `\r\n` or `\r`; the last one may have no end.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        match line_end(text.as_bytes()) {
            // Line ends are ASCII, so both sides are whole characters.
            Some((at, width)) => {
                rest = Some(&text[at + width..]);
                Some(&text[..at])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_end_reads_the_same() {
        for text in ["a\nb\n\nc", "a\r\nb\r\n\r\nc", "a\rb\r\rc"] {
            assert_eq!(lines(text).collect::<Vec<_>>(), ["a", "b", "", "c"], "{text:?}");
        }
        // A `\r\n` cut between two pieces is one line end.
        let mut pending = PendingLf::default();
        assert_eq!(line_end(b"a\r"), Some((1, 1)));
        pending.ended(b'\r', 1, true);
        assert_eq!(pending.skip(b""), b"");
        assert_eq!(pending.skip(b"\nb"), b"b");
        assert_eq!(pending.skip(b"\nc"), b"\nc", "only once");
    }
}
