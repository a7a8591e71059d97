// The operator's tables: each cell shows the engine's figure formatted and keeps its exact
// string in `data-exact`; each table exports as CSV and JSON carrying the exact strings.

import { el } from "../shared/dom.js";
import { download, toCsv } from "../shared/csv.js";

/** A cell that shows `shown` and keeps the engine's exact string for tests and exports. */
export function cell(shown, exact) {
  return { shown, exact };
}

/** A table with its caption and export buttons. Cells are strings or `cell()`s. */
export function dataTable(page, name, headers, rows, caption) {
  const table = el("table", { "data-table": name },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, ...headers.map((header) => el("th", { scope: "col" }, header)))),
    el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((value) =>
      (value && typeof value === "object" ? el("td", { "data-exact": value.exact }, value.shown) : el("td", {}, value)))))));
  const plain = rows.map((row) => row.map((value) => (value && typeof value === "object" ? value.exact : value)));
  return el("div", { class: "table-wrap" }, table, exportButtons(page, name, headers, plain));
}

/** CSV and JSON of `rows` under `headers`. */
export function exportButtons(page, name, headers, rows) {
  const csv = el("button", { type: "button", "data-export": `${name}-csv` }, page.t.exportCsv);
  const json = el("button", { type: "button", "data-export": `${name}-json` }, page.t.exportJson);
  csv.addEventListener("click", () => download(`${name}.csv`, "text/csv", toCsv(headers, rows)));
  json.addEventListener("click", () => download(`${name}.json`, "application/json",
    JSON.stringify(rows.map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index]]))), null, 2)));
  return el("div", { class: "exports" }, csv, json);
}

/** A legend of swatches and labels. */
export function legend(items) {
  return el("ul", { class: "legend" }, ...items.map(([className, label]) => el("li", {}, el("span", { class: `swatch ${className}` }), label)));
}

/** A chart with its caption above it. */
export function figure(caption, chart) {
  return el("figure", {}, el("figcaption", {}, caption), chart);
}
