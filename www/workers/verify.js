// Full verification of a published log off the main thread (verify.html): the engine's LogAudit
// names every file, this worker fetches each and feeds it; every hash, every row's replay and
// every published price is the engine's. Task `verify`, args `{ url, key }` (the log's folder and
// its verifier key): progress `{ filesDone, files, rows, entries, size }` now and then; result the
// engine's LogAuditReport with `seconds` beside it. Cancel ends the worker (worker-client.js).
import init, { LogAudit } from "../pkg/points_pool.js";
import { fetchPinned, pinOf } from "../shared/pinned.js";
import { serve } from "./protocol.js";

// The wasm's sha384, filled by scripts/dist.mjs (shared/pinned.js): empty here, where nothing is pinned.
const INTEGRITY = {};
const wasm = new URL("../pkg/points_pool_bg.wasm", import.meta.url);
const integrity = pinOf(INTEGRITY, wasm, import.meta.url);
const ready = init({ module_or_path: integrity ? fetchPinned(wasm, integrity) : wasm });
/** How often progress is posted: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;
/** How many files are fetched ahead of the one fed. */
const FETCH_AHEAD = 16;

/** What fetching cannot get, named like the element's setup errors (shared/words.js). */
function fetchError(code, values = {}) {
  return Object.assign(new Error(code), { code, values });
}

async function fetchBytes(url, cache) {
  let response;
  try {
    response = await fetch(url, { cache, credentials: "omit" });
  } catch {
    throw fetchError("state_fetch");
  }
  if (!response.ok) return { status: response.status };
  return { bytes: new Uint8Array(await response.arrayBuffer()) };
}

serve({
  async verify({ url, key }, progress) {
    await ready;
    const started = performance.now();
    const folder = new URL(url);
    if (!folder.pathname.endsWith("/")) folder.pathname += "/";
    const checkpoint = await fetchBytes(new URL("checkpoint", folder), "no-store");
    if (!checkpoint.bytes) throw fetchError("state_http", { status: checkpoint.status });
    const audit = new LogAudit(key);
    audit.checkpoint(new TextDecoder().decode(checkpoint.bytes));
    let posted = 0;
    // Fetched ahead, a few at a time, and fed in the engine's order.
    const paths = audit.remainingPaths();
    const fetches = [];
    const fetchAt = (index) => {
      if (index >= paths.length) return;
      fetches[index] = fetchBytes(new URL(paths[index], folder), "default");
      fetches[index].catch(() => {}); // awaited in its turn; never an unhandled rejection meanwhile
    };
    for (let index = 0; index < FETCH_AHEAD; index += 1) fetchAt(index);
    for (const [index, path] of paths.entries()) {
      // A file that is not there is fed as nothing: the engine refuses it.
      const bytes = (await fetches[index]).bytes ?? new Uint8Array();
      fetches[index] = null;
      fetchAt(index + FETCH_AHEAD);
      const step = audit.feed(path, bytes);
      if (performance.now() - posted > PROGRESS_EVERY_MS) {
        progress(step);
        posted = performance.now();
      }
    }
    const report = audit.finish();
    return { ...report, seconds: (performance.now() - started) / 1000 };
  },
}, ready);
