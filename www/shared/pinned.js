// A release's integrity (issue 21): what `make dist` pins is fetched with its sha384, so that
// bytes that differ from the release are never run, and a failure says which kind it is.
//
// Modules are pinned by embed.html's import map (`integrity`, which the browser enforces for
// every static and dynamic import); what a module fetches itself, the engine's wasm and a
// worker's script, is pinned by the `INTEGRITY` constant of the module that names it, empty in
// www/ and filled by scripts/dist.mjs: `{ "<the specifier it names>": "sha384-…" }`.
//
// The browser says only "failed to fetch" for a changed file as for a network that failed, so a
// refused load is looked at once more, without the hash: a file that then loads is a changed
// file (`integrity_failed`), anything else a file that did not load (`module_failed`).

/** What a load of the element's own files fails with: `code` and the `file` it was about. */
export class LoadError extends Error {
  constructor(code, file = null, options = undefined) {
    super(`${code}${file ? `: ${file}` : ""}`, options);
    this.name = "LoadError";
    this.code = code;
    this.values = { file };
  }
}

/** The sha384 `pins` (a module's INTEGRITY) gives `url`, its keys resolved against `base`; null when none. */
export function pinOf(pins, url, base) {
  const href = new URL(url, base).href;
  for (const [specifier, integrity] of Object.entries(pins)) {
    if (new URL(specifier, base).href === href) return integrity;
  }
  return null;
}

/** Whether `url` loads without a hash (a response with 2xx): after a refused load, that makes it a changed file. */
async function loadsUnpinned(url) {
  try {
    return (await fetch(url, { credentials: "omit", cache: "no-store" })).ok;
  } catch {
    return false;
  }
}

/** Why fetching `url` failed: `integrity_failed` when it loads without its hash, else `module_failed`. */
async function refused(url, cause) {
  return new LoadError((await loadsUnpinned(url)) ? "integrity_failed" : "module_failed", String(url), { cause });
}

/**
 * `url` fetched with `integrity` (none: fetched as it is, as in www/): the response, its body
 * checked by the browser before it resolves. Rejects with a LoadError.
 */
export async function fetchPinned(url, integrity) {
  let response;
  try {
    response = await fetch(url, { credentials: "omit", ...(integrity ? { integrity } : {}) });
  } catch (error) {
    throw await refused(url, error);
  }
  if (!response.ok) throw new LoadError("module_failed", String(url));
  return response;
}

/** The integrity every import map on the page gives, by URL. */
function importMapIntegrity() {
  const found = {};
  for (const script of document.querySelectorAll('script[type="importmap"]')) {
    try {
      for (const [specifier, integrity] of Object.entries(JSON.parse(script.textContent).integrity ?? {})) {
        found[new URL(specifier, document.baseURI).href] = integrity;
      }
    } catch {
      // Not ours to judge: the browser reports a malformed map.
    }
  }
  return found;
}

/**
 * `import(specifier)` of one of the element's modules failed (`error`): a LoadError saying why,
 * `integrity_failed` when a module the page's import map pins loads but fails its hash.
 */
export async function importFailed(error) {
  for (const [url, integrity] of Object.entries(importMapIntegrity())) {
    let pinnedLoads = true;
    try {
      await fetch(url, { credentials: "omit", integrity });
    } catch {
      pinnedLoads = false;
    }
    if (!pinnedLoads && (await loadsUnpinned(url))) return new LoadError("integrity_failed", url, { cause: error });
  }
  return new LoadError("module_failed", null, { cause: error });
}

/** `import()` of the element's module `load()` imports, failing with a LoadError. */
export async function importModule(load) {
  try {
    return await load();
  } catch (error) {
    throw await importFailed(error);
  }
}
