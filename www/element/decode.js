// A member's history file as text (docs/formats.md §5, "Files"): what phones, Excel and WPS
// save. A byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE: Excel's "Unicode text");
// without one, valid UTF-8 is UTF-8; GB18030 (Excel on Chinese Windows) only when the bytes
// are clean GB18030 and read as UTF-8 would be mostly errors, so that one stray byte in a
// UTF-8 file never turns the whole file into GB18030 mojibake: it stays UTF-8, the stray byte
// shown as U+FFFD and counted in `replaced` for the page to warn of.

/** How many bad UTF-8 sequences a file needs before GB18030 is considered, and what share of its non-ASCII bytes. */
const GB18030_MIN_ERRORS = 2;
const GB18030_MIN_ERROR_SHARE = 0.25;

const count = (text, character) => text.split(character).length - 1;

/** `{ text, encoding, replaced }`: the text, the encoding read, and how many bytes could not be read as text. */
export function decodeFile(buffer) {
  const bytes = new Uint8Array(buffer);
  const starts = (...mark) => mark.every((byte, index) => bytes[index] === byte);
  const read = (encoding, fatal = false) => new TextDecoder(encoding, { fatal }).decode(bytes);
  if (starts(0xff, 0xfe)) return withReplaced(read("utf-16le"), "utf-16le");
  if (starts(0xfe, 0xff)) return withReplaced(read("utf-16be"), "utf-16be");
  if (starts(0xef, 0xbb, 0xbf)) return withReplaced(read("utf-8"), "utf-8");
  try {
    return { text: read("utf-8", true), encoding: "utf-8", replaced: 0 };
  } catch {
    // Not valid UTF-8: GB18030 below, or UTF-8 with the bad bytes replaced.
  }
  const utf8 = read("utf-8");
  const errors = count(utf8, "\ufffd");
  const nonAscii = bytes.reduce((sum, byte) => sum + (byte >= 0x80 ? 1 : 0), 0);
  if (errors >= GB18030_MIN_ERRORS && errors >= GB18030_MIN_ERROR_SHARE * nonAscii) {
    try {
      return { text: read("gb18030", true), encoding: "gb18030", replaced: 0 };
    } catch {
      // Neither clean UTF-8 nor clean GB18030: UTF-8, as most files are.
    }
  }
  return { text: utf8, encoding: "utf-8", replaced: errors };
}

function withReplaced(text, encoding) {
  return { text, encoding, replaced: count(text, "\ufffd") };
}
