// DOM helpers shared by the element and the operator page. A module of its own so that the
// operator page can use them without defining <points-calculator> as a side effect.

/** `el("dd", { part: "value-now" }, "text")`: elements without innerHTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function svg(tag, attributes = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

/**
 * CSV as spreadsheets read it: a byte-order mark so Excel on Chinese Windows reads UTF-8,
 * CRLF line ends, and any cell a spreadsheet would run as a formula (`=`, `+`, `@`, a tab,
 * or `-` not starting a number: a set label from a share link, say) written as text.
 */
export function toCsv(headers, rows) {
  const quote = (value) => {
    let textValue = String(value ?? "");
    if (/^[=+@\t\r]/.test(textValue) || /^-(?![0-9.])/.test(textValue)) textValue = `'${textValue}`;
    return /[",\r\n']/.test(textValue) ? `"${textValue.replaceAll('"', '""')}"` : textValue;
  };
  return "\ufeff" + [headers, ...rows].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}

export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
