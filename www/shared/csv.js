// CSV as spreadsheets read it, for every export of both pages, and the download of a file made
// in the page (nothing is uploaded). One writer, so that what a cell may hold is decided once.

/** A whole cell that is a plain decimal as the engine writes it: `-0.01`, `21`, `5.1731`. */
const PLAIN_DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
/** What a spreadsheet may run as a formula when a cell begins with it (docs/formats.md, "CSV exports"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as a spreadsheet must read it: a plain decimal stays a number; anything else that
 * begins with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` so that it is text, not a
 * formula (`-1+cmd|' /C calc'!A0`, a set label from a share link, begins with a digit too).
 */
export function neutralizeCell(value) {
  const text = String(value ?? "");
  if (PLAIN_DECIMAL.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A byte-order mark so that Excel on Chinese Windows reads UTF-8, CRLF line ends, RFC 4180
 * quoting, and every cell through `neutralizeCell`.
 */
export function toCsv(headers, rows) {
  const quote = (value) => {
    const text = neutralizeCell(value);
    return /[",\r\n']/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return "\ufeff" + [headers, ...rows].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}

/** Saves `content` as the file `name` through a temporary link. */
export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
