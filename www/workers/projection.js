// The element's worker: the member's worker engine (www/pkg-member-worker: no operator feature;
// the page's first result uses www/pkg-member, the same without projections and 核对),
// doing what could hold the page up (issue 21, item 3): the projections and the Monte Carlo
// band, a state-src snapshot read into its public part, and 核对's check of a pasted or picked
// history. The page never runs these itself; a newer job ends the worker of an older one.
//
// Task `projections`, args `{ snapshot, scenarios: [[name, Scenario], …], monteCarlo?: { scenario,
// options } }`: progress `{ done, of }` after each step; result `{ results: { name: Projection },
// band: MonteCarlo | null, bandError }` (a band the pool cannot have, a rounded pool's, is
// `bandError`, its code and field, beside the projections rather than failing them).
//
// Task `snapshot`, args `{ file: Blob }` (a state-src's body, crossing as a Blob so the page
// never copies its text): result the snapshot's `publicSnapshot()`, or `state_json` when the
// body is not JSON (an HTML error page), or the engine's refusal.
//
// Task `check`, args `{ config, price, lines?: string, file?: Blob }`: the history as typed,
// or a picked file decoded here by its marks (element/decode.js); progress `{ lines, of }`, the
// report's lines a few thousand at a time; result `{ report, order }`, the engine's
// `checkHistory` report without its lines and the order they are shown in (an Int32Array of
// indices), and for a file its `text` and `replaced` bytes too, with `error` instead of
// `report` when the engine refuses its lines (the page still shows them).
//
// Task `csv`, args `{ words }` (check-text.js's words in the page's language): the last
// check's CSV (element/check-view.js, shared/csv.js) as a Blob, or `no_report`.
import init, { PointsPool, checkHistory, project, monteCarlo } from "../pkg-member-worker/points_pool_member_worker.js";
import { decodeFile } from "../element/decode.js";
import { csvRows, displayOrder } from "../element/check-view.js";
import { toCsv } from "../shared/csv.js";
import { fetchPinned, pinOf } from "../shared/pinned.js";
import { plainError, serve } from "./protocol.js";

// The wasm's sha384, filled by scripts/dist.mjs (shared/pinned.js): empty here, where nothing is pinned.
const INTEGRITY = {};
const wasm = new URL("../pkg-member-worker/points_pool_member_worker_bg.wasm", import.meta.url);
const integrity = pinOf(INTEGRITY, wasm, import.meta.url);
const ready = init({ module_or_path: integrity ? fetchPinned(wasm, integrity) : wasm });

/** A fetch's refusal named like the element's setup errors (shared/words.js). */
function setupError(code) {
  return Object.assign(new Error(code), { name: "SetupError", code, values: {} });
}

/** The last check's report, whole: what `csv` writes. */
let lastReport = null;

/** Lines per progress message: each is received in a task of its own, well under 50 ms. */
const LINES_PER_MESSAGE = 5_000;

/**
 * A check's report as the page takes it without a long task: its lines as progress, a few
 * thousand a message (100,000 lines in one message are one long task on the page), then the
 * report without them and the order they are shown in (element/check-view.js).
 */
function sent(report, progress) {
  lastReport = report;
  const { lines } = report;
  for (let start = 0; start < lines.length; start += LINES_PER_MESSAGE) {
    progress({ lines: lines.slice(start, start + LINES_PER_MESSAGE), of: lines.length });
  }
  return { report: { ...report, lines: [] }, order: displayOrder(lines) };
}

serve({
  projections({ snapshot, scenarios, monteCarlo: simulation }, progress) {
    const of = scenarios.length + (simulation ? 1 : 0);
    const results = {};
    for (const [index, [name, scenario]] of scenarios.entries()) {
      results[name] = project(snapshot, scenario);
      progress({ done: index + 1, of });
    }
    let band = null;
    let bandError = null;
    if (simulation) {
      try {
        band = monteCarlo(snapshot, simulation.scenario, simulation.options);
      } catch (error) {
        if (error.code !== "invalid_scenario") throw error;
        bandError = { code: error.code, field: error.field ?? null };
      }
      progress({ done: of, of });
    }
    return { results, band, bandError };
  },
  async snapshot({ file }) {
    const text = await file.text();
    // An HTML error page is not JSON; anything that may be is the engine's to read (once).
    if (!/^\s*[{[]/.test(text)) throw setupError("state_json");
    // A snapshot or a bare state {pool, supply} (formats.md §2), as the attributes take.
    const pool = PointsPool.fromState(text);
    try {
      return pool.publicSnapshot();
    } finally {
      pool.free();
    }
  },
  async check({ config, price, lines, file }, progress) {
    lastReport = null;
    if (!file) return sent(checkHistory(config, lines, price), progress);
    // A file's text goes back to the page with its check, or with the refusal of its lines.
    const { text, replaced } = decodeFile(await file.arrayBuffer());
    let report;
    try {
      report = checkHistory(config, text, price);
    } catch (error) {
      return { text, replaced, error: plainError(error) };
    }
    return { text, replaced, ...sent(report, progress) };
  },
  csv({ words }) {
    // The worker that checked is gone (a newer check was dropped): the page writes it.
    if (!lastReport) throw Object.assign(new Error("no report"), { code: "no_report" });
    const { headers, rows } = csvRows(lastReport, words);
    return new Blob([toCsv(headers, rows)], { type: "text/csv" });
  },
}, ready);
