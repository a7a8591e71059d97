// Where the element's pool comes from: a merchant's attributes (pool, supply, the parameters,
// the rounding) or a state-src snapshot, both read by the engine (`PointsPool.fromState`: the
// bare-state rule is the engine's, not retyped here). A setup error (no pool, a bad parameter,
// a state-src on another origin, a 404, not JSON) comes back as a code the member reads and
// the shop's script hears; a slower answer to an older state-src is aborted, not only ignored.
// A big state-src snapshot (up to 1,000,000 members) is read in the element's worker, never on
// the page (issue 21, item 3): its body crosses as a Blob, and only its public part comes back.

import { WorkerClient } from "../shared/worker-client.js";
import { LOG_ATTRIBUTES, checkLog } from "./log.js";
import { SetupError } from "./setup-error.js";

export { SetupError };

/** The parameters' attributes and the Config fields they set. */
export const CONFIG_ATTRIBUTES = {
  "pool-rate": "poolRate",
  "grant-rate": "grantRate",
  "initial-price": "initialPrice",
  "payout-rate": "payoutRate",
  "redeem-rate": "redeemRate",
  "exit-multiple": "exitMultiple",
};

/**
 * The rounding a platform declares, one attribute per quantity: `"2 down"` (2 decimals, cut
 * toward zero: 截断), `"2 halfUp"` (四舍五入), `"2 halfEven"`; `"exact"` for none. A state-src
 * snapshot brings its own rounding; an attribute replaces its entry.
 */
export const ROUNDING_ATTRIBUTES = { "rounding-money": "money", "rounding-points": "points", "rounding-price": "price" };

/** Every attribute the pool depends on. */
export const SOURCE_ATTRIBUTES = ["pool", "supply", "state-src", ...LOG_ATTRIBUTES, ...Object.keys(CONFIG_ATTRIBUTES), ...Object.keys(ROUNDING_ATTRIBUTES)];

/** What `PoolSource#current` answers when a newer source replaced the one it was asked for. */
export const STALE = Symbol("stale");

/** A rounding attribute as the engine's rule; what the engine cannot read it refuses naming the entry. */
function roundingRule(text) {
  const [scale, mode = "down", ...rest] = text.trim().split(/\s+/);
  if (/^(exact|none)$/i.test(scale)) return null;
  return { scale: /^\d+$/.test(scale) ? Number(scale) : scale, mode: rest.length ? `${mode} ${rest.join(" ")}` : mode };
}

/** The Config the attributes set (only what they set) and the rounding entries they replace. */
export function attributeConfig(element) {
  const config = {};
  for (const [attribute, field] of Object.entries(CONFIG_ATTRIBUTES)) {
    const value = element.getAttribute(attribute);
    if (value === null) continue;
    config[field] = field === "exitMultiple" && /^(none|null)$/i.test(value.trim()) ? null : value.trim();
  }
  const rounding = {};
  for (const [attribute, entry] of Object.entries(ROUNDING_ATTRIBUTES)) {
    const value = element.getAttribute(attribute);
    if (value !== null) rounding[entry] = roundingRule(value);
  }
  return { config, rounding };
}

/** `base` (a snapshot's config) with the attributes' fields and rounding entries on top. */
function withAttributes(base = {}, { config, rounding }) {
  const merged = { ...base, ...config };
  if (Object.keys(rounding).length) {
    const entries = Object.entries({ ...(base.rounding ?? {}), ...rounding }).filter(([, rule]) => rule);
    merged.rounding = entries.length ? Object.fromEntries(entries) : null;
  }
  return merged;
}

/**
 * A snapshot this small is read here, at once (some 30 ms a megabyte); a bigger one in the
 * worker, which costs the worker's start but never a long task.
 */
const READ_HERE_BYTES = 1024 * 1024;

/** A small snapshot's public part, read here; what is not JSON (an HTML error page) is `state_json`, as in the worker. */
function publicPart(glue, text) {
  if (!/^\s*[{[]/.test(text)) throw new SetupError("state_json");
  // A snapshot or a bare state {pool, supply} (formats.md §2), as the attributes take.
  const pool = glue.PointsPool.fromState(text);
  try {
    return pool.publicSnapshot();
  } finally {
    pool.free();
  }
}

/**
 * Fetches `source` from this page's origin, and checks the origin of the URL that answered
 * too: a same-origin URL that redirects elsewhere is refused.
 */
async function fetchSnapshot(source, signal) {
  const origin = location.origin;
  const url = new URL(source, document.baseURI);
  if (url.origin !== origin) throw new SetupError("state_origin", { origin });
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", cache: "no-store", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new SetupError("state_fetch");
  }
  if (new URL(response.url || url.href).origin !== origin) throw new SetupError("state_origin", { origin });
  if (!response.ok) throw new SetupError("state_http", { status: response.status });
  // The body as a Blob: handed to the worker by reference, never decoded on the page.
  return response.blob();
}

/**
 * The element's pool: `current()` answers `{ snapshot, config, price }` (a public snapshot with
 * the parameters in force) or `{ error }`, read once per set of attributes. A snapshot with
 * members is read once by the engine and only its public part kept, so no later keystroke pays
 * for the members again.
 */
export class PoolSource {
  #key = null;
  #state = null;
  #pending = null;
  #controller = null;
  #worker;
  #client = null;

  /**
   * `worker()`: where the element's worker is (workers/projection.js), which reads a state-src
   * snapshot, as `{ url, integrity }` (the sha384 a release pins it with, or null).
   */
  constructor(worker) {
    this.#worker = worker;
  }

  /** Whether a state-src (or a log) is being read: the element says so meanwhile. */
  get loading() {
    return this.#pending !== null;
  }

  async current(element, engineGlue) {
    const key = JSON.stringify(SOURCE_ATTRIBUTES.map((name) => element.getAttribute(name)));
    // A load for these very attributes is under way (typing during a slow state-src): share it.
    if (this.#pending?.key === key) return this.#pending.promise;
    // Anything else under way is stale now: aborted, even when the answer is already known.
    this.abort();
    if (key === this.#key) return this.#state;
    const controller = new AbortController();
    this.#controller = controller;
    const promise = this.#load(element, engineGlue, controller.signal).then((state) => {
      if (controller.signal.aborted) return STALE;
      [this.#key, this.#state] = [key, state];
      return state;
    });
    this.#pending = { key, promise };
    try {
      return await promise;
    } finally {
      if (this.#pending?.key === key) this.#pending = null;
    }
  }

  /** Aborts a state-src fetch under way: a newer source, or the element leaving the page. */
  abort() {
    this.#controller?.abort();
    this.#controller = null;
    this.#pending = null;
    // A snapshot being read ends with its worker.
    this.#client?.cancel();
  }

  /** The element left the page: nothing under way, and no worker kept. */
  close() {
    this.abort();
    this.#client?.close();
    this.#client = null;
  }

  /** A state-src body's public snapshot, read by the engine in the worker. */
  #read(file) {
    const { url, integrity } = this.#worker();
    this.#client ??= new WorkerClient(url, { integrity });
    return this.#client.run("snapshot", { file });
  }

  /** `engineGlue` is the engine's glue or its promise: a state-src is fetched while the engine still loads. */
  async #load(element, engineGlue, signal) {
    const own = attributeConfig(element);
    const source = element.getAttribute("state-src");
    const logSource = element.getAttribute("log-src");
    let log = null;
    try {
      let state;
      if (logSource) {
        // A log's last entry is the pool, its parameters and rounding: signed, so no attribute replaces them.
        log = await checkLog(await engineGlue, { source: logSource, key: element.getAttribute("log-key") }, signal);
        const { pool, supply } = log.verified.state;
        state = { pool, supply, config: log.verified.config };
      } else if (source) {
        const [body, glue] = await Promise.all([fetchSnapshot(source, signal), engineGlue]);
        const snapshot = body.size <= READ_HERE_BYTES ? publicPart(glue, await body.text()) : await this.#read(body);
        state = { ...snapshot, config: withAttributes(snapshot.config, own) };
      } else {
        // Whatever is missing or misspelled (`suply=`) is the engine's to refuse, naming it.
        const [pool, supply] = ["pool", "supply"].map((name) => element.getAttribute(name)?.trim());
        state = { pool, supply, config: withAttributes({}, own) };
      }
      const pool = (await engineGlue).PointsPool.fromState(state);
      try {
        return { snapshot: pool.publicSnapshot(), config: pool.config(), price: pool.state().price, log };
      } finally {
        pool.free();
      }
    } catch (error) {
      return { error, evidence: error?.evidence ?? null };
    }
  }
}
