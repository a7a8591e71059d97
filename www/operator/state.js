// The operator page's address is its share link: `?config=…&scenario=…&sets=…&sweep=…&gains=…
// &mc=1&log=…&lang=…&v=<engine version>` restores the screen, the Monte Carlo box included, and
// audits again the log last audited (its URL and key); a link from another engine version says so.

import { mark } from "../shared/dom.js";
import { fill } from "../shared/words.js";
import { runSeed } from "./seed.js";

/** The parameters the comparison may hold at most. */
export const MAX_SETS = 4;

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isScalar = (value) => value === null || ["string", "number", "boolean"].includes(typeof value);
/** A link's part the page takes: an object whose fields are plain values (a config's rounding aside). */
const isFlat = (value, { rounding = false } = {}) => isObject(value) && Object.entries(value).every(([key, field]) =>
  isScalar(field) || (rounding && key === "rounding" && isObject(field) && Object.values(field).every((rule) => isObject(rule) && Object.values(rule).every(isScalar))));

/**
 * One part of the link, parsed: `undefined` when absent; a part that is not JSON, or not the
 * shape the page takes (a 6,000-deep array, say), is refused with the page's `link_json` code,
 * naming the part, and the defaults stay.
 */
function readPart(params, name, accept, refusals) {
  const raw = params.get(name);
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw);
    if (accept(value)) return value;
  } catch {
    // Not JSON: refused below like any other shape the page does not take.
  }
  refusals.push({ code: "link_json", field: name });
  return undefined;
}

/**
 * The link's parameters as the engine reads them, with the seed run under them, or the
 * engine's refusal, listed. A refused field (`invalid_config`) is also the form's to mark, as if
 * it were typed, so that it can be corrected; any other refusal (the seed's examples refused
 * under them, a limit) keeps the defaults.
 */
function readLinkConfig(page, config, refusals) {
  try {
    const full = page.fullConfig(config);
    runSeed(page.glue, full);
    return full;
  } catch (error) {
    refusals.push(error);
    if (error?.code === "invalid_config") return { ...page.state.config, ...config };
    return page.state.config;
  }
}

/**
 * Restores `page.state` from the address; a link's parameters are checked like typed ones
 * (parameters.js). Whatever the link holds, the page starts: what it refuses is listed in
 * `#link-error` (the first refusal's `data-code` and `data-field`) and the defaults kept.
 */
export function readShareLink(page) {
  const params = new URLSearchParams(location.search);
  const { state } = page;
  const refusals = [];
  const config = readPart(params, "config", (value) => isFlat(value, { rounding: true }), refusals);
  if (config) state.config = readLinkConfig(page, config, refusals);
  const scenario = readPart(params, "scenario", isFlat, refusals);
  if (scenario) state.scenario = { ...state.scenario, ...scenario };
  const sets = readPart(params, "sets", (value) => Array.isArray(value) && value.length >= 1 && value.length <= MAX_SETS && value.every((set) => isFlat(set)), refusals);
  if (sets) state.sets = sets.map((set) => ({ ...set }));
  const sweep = readPart(params, "sweep", isFlat, refusals);
  if (sweep) state.sweep = { ...state.sweep, ...sweep };
  const gains = readPart(params, "gains", isFlat, refusals);
  if (gains) state.gains = { ...state.gains, ...gains };
  state.monteCarlo = params.get("mc") === "1";
  const log = readPart(params, "log", (value) => isFlat(value) && typeof value.url === "string" && typeof value.key === "string", refusals);
  if (log) state.log = { url: log.url, key: log.key };
  showRefusals(page, refusals);
  const linked = params.get("v");
  const current = page.glue.version();
  if (linked && linked !== current) {
    const note = document.getElementById("version-note");
    note.textContent = fill(page.t.versionMismatch, { linked, current });
    note.hidden = false;
  }
}

function showRefusals(page, refusals) {
  const note = document.getElementById("link-error");
  if (refusals.length === 0) return;
  const [first] = refusals;
  note.textContent = fill(page.t.linkRefused, { reasons: refusals.map((refusal) => page.message(refusal)).join(page.words.list) });
  mark(note, { code: first.code ?? "unknown", field: first.field ?? null });
  note.hidden = false;
}

/** Writes the screen into the address bar and the share box. */
export function updateShareLink(page) {
  const { state } = page;
  const query = new URLSearchParams();
  query.set("config", JSON.stringify(state.config));
  query.set("scenario", JSON.stringify(state.scenario));
  query.set("sets", JSON.stringify(state.sets));
  query.set("sweep", JSON.stringify(state.sweep));
  query.set("gains", JSON.stringify(state.gains));
  if (state.monteCarlo) query.set("mc", "1");
  if (state.log) query.set("log", JSON.stringify(state.log));
  query.set("lang", page.lang);
  query.set("v", page.glue.version());
  const url = new URL(location.href);
  url.search = query.toString();
  document.getElementById("share-link").value = url.toString();
  // The address bar is the share link too: reloading or bookmarking keeps the screen.
  history.replaceState(null, "", url);
}
