// Ledger audit: a platform's published ledger, picked or dropped, replayed in a worker
// (www/workers/audit.js) piece by piece with a progress bar and Cancel, from an empty pool
// under the parameters above or from a published snapshot; every published price checked.
// A bad file names its line, by the engine's code and problem.

import { el } from "../shared/dom.js";
import { download, toCsv } from "../shared/csv.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { fill } from "../shared/words.js";
import { cell, dataTable } from "./tables.js";

/** Mismatches shown on the page; every listed one goes in the CSV export. */
const MISMATCH_ROWS_SHOWN = 100;

let client = null;
/** The starting snapshot's own worker, so that choosing one never cancels an audit under way. */
let startClient = null;

export function setUpAudit(page) {
  const { t, format, state } = page;
  client = new WorkerClient(new URL("../workers/audit.js", import.meta.url));
  startClient = new WorkerClient(new URL("../workers/audit.js", import.meta.url));
  const input = document.getElementById("ledger-file");
  const zone = document.getElementById("drop-zone");
  input.addEventListener("change", () => {
    if (input.files?.[0]) startAudit(page, input.files[0]);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const file = event.dataTransfer?.files?.[0];
    if (file) startAudit(page, file);
  });
  const start = document.getElementById("start-snapshot");
  start.addEventListener("change", async () => {
    const status = document.getElementById("start-snapshot-status");
    state.auditStart = null;
    const file = start.files?.[0];
    if (!file) {
      startClient.cancel();
      status.textContent = "";
      return;
    }
    status.className = "";
    status.dataset.code = "reading";
    status.textContent = fill(t.auditReading, { name: file.name });
    try {
      // Read and checked in the audit worker: a big snapshot never blocks the page.
      const { pool: poolCny, supply, orders } = await startClient.run("start", { snapshot: file });
      state.auditStart = file;
      status.className = "";
      status.dataset.code = "";
      status.textContent = fill(t.startFrom, { pool: format.money(poolCny), supply: format.points(supply), orders: format.count(orders) });
    } catch (error) {
      if (error === CANCELLED) return;
      status.className = "error";
      status.dataset.code = error.code ?? "unknown";
      status.textContent = page.message(error);
    }
  });
  document.getElementById("audit-cancel").addEventListener("click", () => {
    if (!client.cancel()) return;
    document.getElementById("audit-cancel").hidden = true;
    document.getElementById("audit-status").textContent = t.auditCancelled;
  });
}

async function startAudit(page, file) {
  const { t, format, state } = page;
  const result = document.getElementById("audit-result");
  result.replaceChildren();
  if (state.configError) {
    result.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const progress = document.getElementById("audit-progress");
  const bar = document.getElementById("audit-bar");
  const status = document.getElementById("audit-status");
  const cancel = document.getElementById("audit-cancel");
  progress.hidden = false;
  bar.hidden = false;
  cancel.hidden = false;
  bar.max = Math.max(file.size, 1);
  bar.value = 0;
  status.textContent = fill(t.auditReading, { name: file.name });
  const started = performance.now();
  try {
    const done = await client.run("audit", { file, config: state.config, snapshot: state.auditStart ?? null }, {
      onProgress: ({ bytes, report }) => {
        bar.value = bytes;
        status.textContent = fill(t.auditProgress, { rows: format.count(report.receipts), percent: format.percent(bytes / bar.max), mismatches: format.count(report.mismatches) });
      },
    });
    bar.value = bar.max;
    const seconds = (performance.now() - started) / 1000;
    status.textContent = fill(t.auditDone, { seconds: format.plain(seconds.toFixed(2)) });
    drawAudit(page, result, done, file.name, seconds);
  } catch (error) {
    if (error === CANCELLED) return;
    status.textContent = t.auditFailed;
    result.replaceChildren(el("p", { class: "error", id: "audit-error", "data-code": error.code ?? "", "data-problem": error.problem ?? "", "data-line": error.line ?? "" }, page.message(error)));
  } finally {
    if (!client.busy) cancel.hidden = true;
  }
}

function drawAudit(page, target, { report, state: poolState, publicSnapshot, memoryBytes }, name, seconds) {
  const { t, format, state } = page;
  const first = report.firstMismatch;
  const counts = { checked: format.count(report.checked), mismatches: format.count(report.mismatches) };
  const verdict = report.mismatches === 0
    ? el("p", { class: "ok", id: "audit-verdict" }, fill(t.auditClean, counts))
    : el("p", { class: "mismatch", id: "audit-verdict" }, fill(t.auditMismatches, counts));
  const facts = el("dl", { class: "facts", id: "audit-report", "data-report": JSON.stringify(report) },
    el("dt", {}, t.auditFile), el("dd", {}, name),
    el("dt", {}, t.receipts), el("dd", { id: "audit-receipts" }, format.count(report.receipts)),
    el("dt", {}, t.checked), el("dd", { id: "audit-checked" }, format.count(report.checked)),
    el("dt", {}, t.mismatches), el("dd", { id: "audit-mismatches" }, format.count(report.mismatches)),
    el("dt", {}, t.firstMismatch), el("dd", { id: "audit-first" }, first ? fill(t.firstMismatchText, first) : "—"),
    el("dt", {}, t.rate), el("dd", {}, fill(t.rowsPerSecond, { rows: format.count(Math.round(report.receipts / Math.max(seconds, 1e-3))) })),
    el("dt", {}, t.memory), el("dd", { id: "audit-memory", "data-bytes": String(memoryBytes) }, `${format.plain((memoryBytes / 2 ** 20).toFixed(1))} MB`),
  );
  const money = (value) => cell(format.money(value), value);
  const final = dataTable(page, "audit-state", [t.pool, t.supply, t.price, t.orders, t.contributedTotal, t.paidTotal, t.redeemedTotal], [[
    money(poolState.pool), cell(format.points(poolState.supply), poolState.supply), cell(format.price(poolState.price), poolState.price),
    format.count(poolState.orders), money(poolState.totals.contributed), money(poolState.totals.paidOut), money(poolState.totals.redeemed),
  ]], t.finalState);
  const button = (kind, label, save) => {
    const node = el("button", { type: "button", "data-export": kind }, label);
    node.addEventListener("click", save);
    return node;
  };
  const json = (value) => JSON.stringify(value, null, 2);
  const exports = [
    button("audit-snapshot", t.exportSnapshot, () => download("public-snapshot.json", "application/json", json(publicSnapshot))),
    button("audit-report", t.exportReport, () => download("audit-report.json", "application/json", json({ file: name, config: state.config, report, state: poolState, engine: page.glue.version() }))),
  ];
  const shown = report.mismatchList.slice(0, MISMATCH_ROWS_SHOWN);
  const parts = [verdict, facts, final];
  if (shown.length > 0) {
    parts.push(dataTable(page, "audit-mismatches-list", [t.seq, t.line, t.published, t.computedAtScale, t.difference], shown.map((row) => [
      String(row.seq), String(row.line), cell(row.published, row.published), cell(row.computedAtScale, row.computed), cell(row.difference, row.difference),
    ]), fill(t.mismatchListCaption, { shown: format.count(shown.length), listed: format.count(report.mismatchList.length), counted: format.count(report.mismatches) })));
    exports.push(button("audit-mismatches", t.exportMismatches, () => download("audit-mismatches.csv", "text/csv", toCsv(
      ["seq", "line", "published", "computed", "computedAtScale", "difference"],
      report.mismatchList.map((row) => [row.seq, row.line, row.published, row.computed, row.computedAtScale, row.difference]),
    ))));
  }
  target.replaceChildren(...parts, el("div", { class: "exports" }, ...exports));
}
