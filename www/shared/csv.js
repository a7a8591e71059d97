// CSV as spreadsheets read it, for every export of both pages, and the download of a file made
// in the page (nothing is uploaded). One writer, so that what a cell may hold is decided once.

/**
 * A byte-order mark so that Excel on Chinese Windows reads UTF-8, CRLF line ends, RFC 4180
 * quoting, and any cell a spreadsheet would run as a formula (`=`, `+`, `@`, a tab, a CR, or a
 * `-` not starting a number: a set label from a share link, say) written as text.
 */
export function toCsv(headers, rows) {
  const quote = (value) => {
    let text = String(value ?? "");
    if (/^[=+@\t\r]/.test(text) || /^-(?![0-9.])/.test(text)) text = `'${text}`;
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
