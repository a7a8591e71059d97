// The operator page's address is its share link: `?config=…&scenario=…&sets=…&sweep=…&gains=…
// &mc=1&lang=…&v=<engine version>` restores the screen, the Monte Carlo box included; a link
// from another engine version says so.

import { fill } from "../shared/words.js";

/** The parameters the comparison may hold at most. */
export const MAX_SETS = 4;

function readJson(params, name) {
  const raw = params.get(name);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** Restores `page.state` from the address; a link's parameters are checked like typed ones (parameters.js). */
export function readShareLink(page) {
  const params = new URLSearchParams(location.search);
  const { state } = page;
  const config = readJson(params, "config");
  if (isObject(config)) {
    try {
      state.config = page.fullConfig(config);
    } catch {
      // Shown in the form as given; the form marks the field the engine names.
      state.config = { ...state.config, ...config };
    }
  }
  const scenario = readJson(params, "scenario");
  if (isObject(scenario)) state.scenario = { ...state.scenario, ...scenario };
  const sets = readJson(params, "sets");
  if (Array.isArray(sets) && sets.length >= 1 && sets.length <= MAX_SETS && sets.every(isObject)) state.sets = sets.map((set) => ({ ...set }));
  const sweep = readJson(params, "sweep");
  if (isObject(sweep)) state.sweep = { ...state.sweep, ...sweep };
  const gains = readJson(params, "gains");
  if (isObject(gains)) state.gains = { ...state.gains, ...gains };
  state.monteCarlo = params.get("mc") === "1";
  const linked = params.get("v");
  const current = page.glue.version();
  if (linked && linked !== current) {
    const note = document.getElementById("version-note");
    note.textContent = fill(page.t.versionMismatch, { linked, current });
    note.hidden = false;
  }
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
  query.set("lang", page.lang);
  query.set("v", page.glue.version());
  const url = new URL(location.href);
  url.search = query.toString();
  document.getElementById("share-link").value = url.toString();
  // The address bar is the share link too: reloading or bookmarking keeps the screen.
  history.replaceState(null, "", url);
}
