// Loading an engine once per page, whichever build a page uses (the member's for the element,
// the full one for the operator page), and its limits, which pages read instead of typing
// numbers again.

import { fetchPinned } from "./pinned.js";

const loads = new Map();

/**
 * `glue` (the wasm-bindgen module, `points_pool_member.js` or `points_pool.js`) initialized with
 * the wasm at `wasmUrl`, once however many elements or sections ask: resolves to the glue with
 * `limits` (the engine's `limits()`) and `codes` (its `errorCodes()`) beside it. With `integrity`
 * (a release's sha384 of the wasm, shared/pinned.js) the wasm is fetched with it, and bytes that
 * differ are never compiled: the load fails with code `integrity_failed`.
 */
export function loadEngine(glue, wasmUrl, integrity = null) {
  const key = String(wasmUrl);
  if (!loads.has(key)) {
    const source = integrity ? fetchPinned(wasmUrl, integrity) : wasmUrl;
    const load = glue.default({ module_or_path: source }).then(() => ({ glue, limits: glue.limits(), codes: glue.errorCodes() }));
    // A refused load is not kept: the next render asks again (and is refused again if still changed).
    load.catch(() => loads.delete(key));
    loads.set(key, load);
  }
  return loads.get(key);
}
