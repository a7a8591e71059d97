// Loading an engine once per page, whichever build a page uses (the member's for the element,
// the full one for the operator page), and its limits, which pages read instead of typing
// numbers again.

const loads = new Map();

/**
 * `glue` (the wasm-bindgen module, `points_pool_member.js` or `points_pool.js`) initialized with
 * the wasm at `wasmUrl`, once however many elements or sections ask: resolves to the glue with
 * `limits` (the engine's `limits()`) and `codes` (its `errorCodes()`) beside it.
 */
export function loadEngine(glue, wasmUrl) {
  const key = String(wasmUrl);
  if (!loads.has(key)) {
    loads.set(key, glue.default({ module_or_path: wasmUrl }).then(() => ({ glue, limits: glue.limits(), codes: glue.errorCodes() })));
  }
  return loads.get(key);
}
