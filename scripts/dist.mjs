// `make dist`: the element as a merchant hosts it, in dist/points-pool-<version>/.
//
//   node scripts/dist.mjs [--out dist] [--base URL-or-path] [--www www]
//
// The element's files (points-calculator.js and every file it loads, found by following its
// imports, its `import("…")`s and its `new URL(…, import.meta.url)`s: element/, shared/,
// workers/projection.js and the member's engine, pkg-member/points_pool_member.js and
// pkg-member/points_pool_member_bg.wasm, as `make build` leaves them) are copied under
// content-hashed names into the same folders they have in www/. The URLs they name are
// rewritten to the hashed names, dependencies first, and each file is hashed after its
// references are rewritten: a change anywhere renames every file that leads to it, so the
// hashed files can be cached forever.
//
// Integrity (issue 21): the browser checks every file before it runs it. A worker is bundled
// (esbuild) into one file with what it imports, since a worker has no import map; each module
// that fetches a file (the wasm, a worker) gets that file's sha384 in its `const INTEGRITY = {}`
// (www/shared/pinned.js fetches with it); embed.html pins every module in an import map's
// `integrity` and imports the element from an inline loader that says why when it cannot
// (integrity_failed, module_failed). Beside the files: embed.html (the import map, the loader, an
// example element, the CSP a shop needs, with the two inline scripts' hashes), verify.html (full
// verification of a log, pinned the same way), manifest.json (each file's size and sha384, and the
// pages' CSPs) and CACHE.md (the cache policy). `--base` is where the folder will be served from,
// written before the element's name in embed.html (default: nothing, so embed.html works from
// the folder itself).
//
// The version comes from Cargo.toml's [package] version, the one place it lives; the
// built package (www/pkg-member/package.json, written by wasm-pack) and the wasm's own
// version() must agree with it, so a stale build is refused rather than shipped.
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build as esbuild } from "esbuild";
import { SHOW_IN_ELEMENTS, SHOW_IN_VERIFY, pinnedTags, sha384 } from "./page-tags.mjs";
import { findReferences, moduleGraph, relativeSpecifier, rewriteReferences, resolveReference } from "./references.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** What a page loads, under www/; the files it loads are found from it. */
export const ELEMENT = "points-calculator.js";

/** verify.html's module (full verification, the full engine): shipped beside the element. */
export const VERIFY = "verify/main.js";
/** verify.html and what it names besides its module, copied under their own names. */
const VERIFY_PAGE = ["verify.html", "operator.css", "favicon.svg"];

/** The policy CACHE.md and the README state. */
export const CACHE_IMMUTABLE = "public, max-age=31536000, immutable";
export const CACHE_REVALIDATE = "no-cache";

export { sha384 };

/** The placeholder a module fills with the sha384 of what it fetches (www/shared/pinned.js). */
const PINS = "const INTEGRITY = {};";
/** What a bundled worker reads its own URL from (www/shared/worker-client.js, WORKER_URL). */
const WORKER_URL = "__pointsPoolWorkerUrl";
const contentHash = (bytes) => createHash("sha384").update(bytes).digest("hex").slice(0, 8);

/** `[package] version` from Cargo.toml's text. */
export function cargoVersion(text) {
  const section = text.split(/^\[/m).find((part) => part.startsWith("package]"));
  const version = section?.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!version) throw new Error("Cargo.toml: no [package] version");
  return version;
}

/** The engine the element ships: the member's build (make build's www/pkg-member). */
const ENGINE = "pkg-member";

/** The version, checked in the three places a build carries it. */
export async function buildVersion({ root = ROOT, www = join(root, "www") } = {}) {
  const version = cargoVersion(await readFile(join(root, "Cargo.toml"), "utf8"));
  const meta = JSON.parse(await readFile(join(www, ENGINE, "package.json"), "utf8"));
  if (meta.version !== version) {
    throw new Error(`www/${ENGINE}/package.json says ${meta.version}, Cargo.toml says ${version}: run make build`);
  }
  const glue = await import(pathToFileURL(join(www, ENGINE, "points_pool_member.js")).href);
  glue.initSync({ module: await readFile(join(www, ENGINE, "points_pool_member_bg.wasm")) });
  if (glue.version() !== version) {
    throw new Error(`the built wasm says version ${glue.version()}, Cargo.toml says ${version}: run make build`);
  }
  return version;
}

/**
 * Each file's references as `{ target, kind }` (targets relative to www/): "import" for a
 * module imported, "url" for a file fetched (`new URL("…", import.meta.url)`: the wasm, a worker).
 */
function referencesOf(path, sources) {
  if (!path.endsWith(".js")) return [];
  return findReferences(sources.get(path).toString("utf8")).map(({ specifier, kind }) => ({ target: resolveReference(path, specifier), kind }));
}

/** The modules `entry` imports, itself included (imports only, not the files they fetch). */
function importClosure(entry, sources) {
  const found = new Set();
  const pending = [entry];
  while (pending.length) {
    const path = pending.pop();
    if (found.has(path)) continue;
    found.add(path);
    for (const { target, kind } of referencesOf(path, sources)) if (kind === "import") pending.push(target);
  }
  return found;
}

/**
 * `text` (a file at `path`) with `const INTEGRITY = {};` filled: each file it fetches, by the
 * specifier it names it with, and that file's sha384. A module of ours that fetches a file
 * without the placeholder is refused: it would run what it fetched unchecked. (The engines'
 * glue names its wasm too, for a call without a URL, which no page makes.)
 */
function fillPins(path, text, pins) {
  if (!text.includes(PINS)) {
    if (Object.keys(pins).length && !/^pkg[^/]*\//.test(path)) throw new Error(`www/${path} fetches ${Object.keys(pins).join(", ")} but has no ${PINS} to pin them`);
    return text;
  }
  return text.replace(PINS, `const INTEGRITY = ${JSON.stringify(pins)};`);
}

/** The files in an order where every file comes after the files it names. */
function dependenciesFirst(graph) {
  const order = [];
  const state = new Map();
  const visit = (file, path) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "visiting") throw new Error(`the element's files name each other in a cycle: ${[...path, file].join(" → ")}`);
    state.set(file, "visiting");
    for (const target of graph.get(file)) visit(target, [...path, file]);
    state.set(file, "done");
    order.push(file);
  };
  for (const file of graph.keys()) visit(file, []);
  return order;
}

/**
 * The worker at `worker` and every module it imports as one ES module (esbuild, from memory:
 * `load(path)` is each file's text, its fetched files already named as seen from the worker),
 * its `import.meta.url` read from WORKER_URL, which the page declares before the checked bytes.
 */
async function bundleWorker(worker, load) {
  const result = await esbuild({
    entryPoints: [worker],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
    define: { "import.meta.url": WORKER_URL },
    plugins: [{
      name: "www",
      setup(build) {
        build.onResolve({ filter: /.*/ }, ({ path, importer }) => ({ path: importer ? resolveReference(importer, path) : path, namespace: "www" }));
        build.onLoad({ filter: /.*/, namespace: "www" }, ({ path }) => ({ contents: load(path), loader: "js" }));
      },
    }],
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/** `element/calculator.js` → `element/calculator.3f2a9c1e.js` (in the folder it has in www/). */
function hashedName(path, hash) {
  const dot = path.lastIndexOf(".");
  return `${path.slice(0, dot)}.${hash}${path.slice(dot)}`;
}

/**
 * The CSP a page needs for the element served from `base`; `inline` the hash sources of the
 * inline scripts it pastes (the import map and the loader). Workers start from blobs of their
 * checked bytes (www/shared/worker-client.js), hence `worker-src blob:`.
 */
export function contentSecurityPolicy(base, inline = []) {
  const hashes = inline.map((hash) => ` ${hash}`).join("");
  if (!/^https?:\/\//i.test(base)) return `script-src 'self' 'wasm-unsafe-eval'${hashes}; worker-src blob:; connect-src 'self'`;
  const origin = new URL(base).origin;
  return `script-src 'self' ${origin} 'wasm-unsafe-eval'${hashes}; worker-src blob:; connect-src 'self' ${origin}`;
}

function embedSnippet({ version, tags, csp, base }) {
  return `<!--
  points-pool ${version}: the <points-calculator> element.

  Host every file of this folder together, on your shop's own origin or on a CDN that sends
  Access-Control-Allow-Origin, and put the tags below in your page, unchanged.
  ${base ? `The files are expected under ${base}.` : "The URLs below are relative: put the folder's URL before each, or host the files beside the page."}

  Integrity: the import map pins every module of the element by its sha384 (the browser refuses
  one whose bytes differ); the element fetches its engine's wasm and its worker with their sha384,
  and starts the worker from the checked bytes. If anything differs from this release, the
  element does not run and says so (code integrity_failed; module_failed for a file that did not
  load). Keep the import map before any other module script of the page (merge it into yours if
  the page has one).

  The page's Content-Security-Policy must allow (merged into your existing policy):
  Content-Security-Policy: ${csp}
    script-src          the element's modules; 'wasm-unsafe-eval' compiles the engine; the two
                        sha384 hashes are the import map and the loader below (change neither)
    worker-src          the projection worker, started from a blob of its checked script
    connect-src         the engine's .wasm and the worker's script (fetched with their sha384), a state-src snapshot

  Caching (CACHE.md): every hashed file  Cache-Control: ${CACHE_IMMUTABLE}
                      this file and manifest.json  Cache-Control: ${CACHE_REVALIDATE}
  Serve .js as text/javascript and .wasm as application/wasm.
-->
${tags}
<points-calculator pool="3000" supply="579.93"></points-calculator>
`;
}

function cacheNote({ version, files }) {
  return `# Caching points-pool ${version}

Every file whose name carries a content hash never changes under that name: a change to
any of them (or to anything it loads) gives it a new name, and embed.html names the new
element. So:

- hashed files (\`*.<hash>.js\`, \`*.<hash>.wasm\`): \`Cache-Control: ${CACHE_IMMUTABLE}\`
- \`embed.html\`, \`manifest.json\` and this note: \`Cache-Control: ${CACHE_REVALIDATE}\` (kept, but checked
  with the server before each use), so a new release is seen at once

The page that embeds the element caches as it likes: the element's URL in it is the hashed one.
Serve \`.js\` as \`text/javascript\` and \`.wasm\` as \`application/wasm\` (only then is the engine
compiled while it downloads), with \`X-Content-Type-Options: nosniff\`.

Every file, as a \`_headers\` file (Netlify, Cloudflare Pages) with the folder served at /points-pool-${version}/:

\`\`\`
${files.map((file) => `/points-pool-${version}/${file.path}\n  Cache-Control: ${file.cache}`).join("\n")}
\`\`\`
`;
}

/**
 * Writes `<out>/points-pool-<version>/` and answers its manifest and folder.
 * `www` holds the element and the built package; `root` holds Cargo.toml.
 */
export async function buildDist({ root = ROOT, www = join(root, "www"), out = join(root, "dist"), base = "" } = {}) {
  const version = await buildVersion({ root, www });
  if (base && !base.endsWith("/")) base += "/";
  const folder = join(out, `points-pool-${version}`);

  const read = (path) => readFile(join(www, path), "utf8");
  const everything = new Map([...await moduleGraph(ELEMENT, read), ...await moduleGraph(VERIFY, read)]);
  const sources = new Map();
  for (const path of everything.keys()) sources.set(path, await readFile(join(www, path)));

  // A worker (a .js file fetched by `new URL`) is bundled into one file with what it imports:
  // a worker has no import map, so the page checks that one file's sha384 before starting it
  // (www/shared/worker-client.js). What it fetches itself (the wasm) stays a file of its own.
  const workers = new Set();
  for (const path of everything.keys()) {
    for (const { target, kind } of referencesOf(path, sources)) if (kind === "url" && target.endsWith(".js")) workers.add(target);
  }
  const fetchedBy = (worker) => [...importClosure(worker, sources)].flatMap((path) =>
    referencesOf(path, sources).filter(({ kind }) => kind === "url").map(({ target }) => target));
  // What ships: the files the pages reach, a worker naming only what it fetches (the modules
  // only a worker imports, workers/protocol.js, are inside it and not shipped alone).
  const graph = new Map();
  for (const pending = [ELEMENT, VERIFY]; pending.length; ) {
    const path = pending.pop();
    if (graph.has(path)) continue;
    const targets = [...new Set(workers.has(path) ? fetchedBy(path) : referencesOf(path, sources).map(({ target }) => target))];
    graph.set(path, targets);
    pending.push(...targets);
  }

  const hashed = new Map();
  const files = [];
  const integrityOf = (path) => sha384(files.find((file) => file.path === hashed.get(path)).bytes);
  /** `text` of the file at `path`, its references rewritten as seen from `from` (the file that ships) and its pins filled. */
  const prepare = (path, from, keepImports) => {
    const pins = {};
    const text = rewriteReferences(sources.get(path).toString("utf8"), (specifier, kind) => {
      const resolved = resolveReference(path, specifier);
      if (kind === "import" && keepImports) return specifier;
      const target = hashed.get(resolved);
      if (!target) throw new Error(`www/${path}: ${specifier} is not hashed yet`);
      // The hashed file stays in its source's folder: the way there is the same.
      const rewritten = relativeSpecifier(from, target);
      if (kind === "url") pins[rewritten] = integrityOf(resolved);
      return rewritten;
    });
    return fillPins(path, text, pins);
  };
  for (const path of dependenciesFirst(graph)) {
    let bytes = sources.get(path);
    if (workers.has(path)) bytes = await bundleWorker(path, (file) => prepare(file, path, true));
    else if (path.endsWith(".js")) bytes = Buffer.from(prepare(path, path, false), "utf8");
    const name = hashedName(path, contentHash(bytes));
    hashed.set(path, name);
    files.push({ path: name, source: `www/${path}`, bytes, cache: CACHE_IMMUTABLE });
  }

  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const entryName = hashed.get(ELEMENT);
  const entry = { name: entryName, integrity: integrityOf(ELEMENT) };
  /** Every module `start` imports, by its URL as a page at `prefix` names it, and its sha384. */
  const pinnedModules = (start, prefix) => Object.fromEntries([...importClosure(start, sources)].sort()
    .map((path) => [`${prefix}${hashed.get(path)}`, integrityOf(path)]));
  // An import map's keys are URLs: a relative one must start with ./ (a bare name is not a URL).
  const prefix = base || "./";
  const listed = files.map((file) => ({ ...file }));
  const element = pinnedTags(pinnedModules(ELEMENT, prefix), `${prefix}${entryName}`, SHOW_IN_ELEMENTS);
  const csp = { "embed.html": contentSecurityPolicy(base, element.hashes) };
  const embed = embedSnippet({ version, tags: element.tags, csp: csp["embed.html"], base });
  listed.push({ path: "embed.html", bytes: Buffer.from(embed, "utf8"), cache: CACHE_REVALIDATE });
  // verify.html, under its own name: its modules pinned by an import map, loaded by the same
  // loader, its style sheet by `<link integrity>`; the whole policy it runs under in the manifest.
  const verifyPage = new Map();
  for (const path of VERIFY_PAGE) verifyPage.set(path, await readFile(join(www, path)));
  for (const [path, original] of verifyPage) {
    let bytes = original;
    if (path === "verify.html") {
      const verify = pinnedTags(pinnedModules(VERIFY, "./"), `./${hashed.get(VERIFY)}`, SHOW_IN_VERIFY);
      const swaps = [
        [`<script type="module" src="${VERIFY}"></script>`, verify.tags],
        ['<link rel="stylesheet" href="operator.css">', `<link rel="stylesheet" href="operator.css" integrity="${sha384(verifyPage.get("operator.css"))}">`],
      ];
      let text = bytes.toString("utf8");
      for (const [from, to] of swaps) {
        if (!text.includes(from)) throw new Error(`www/verify.html: no ${from}`);
        text = text.replace(from, () => to);
      }
      bytes = Buffer.from(text, "utf8");
      // A log may be on any origin: the worker fetches it (and the wasm) under connect-src.
      csp["verify.html"] = `default-src 'none'; script-src 'self' 'wasm-unsafe-eval' ${verify.hashes.join(" ")}; worker-src blob:; connect-src *; style-src 'self'; img-src 'self'`;
    }
    listed.push({ path, bytes, cache: CACHE_REVALIDATE });
  }
  listed.push({ path: "manifest.json", cache: CACHE_REVALIDATE });
  const note = { path: "CACHE.md", cache: CACHE_REVALIDATE };
  listed.push(note);
  note.bytes = Buffer.from(cacheNote({ version, files: listed }), "utf8");

  const manifest = {
    name: "points-pool",
    version,
    element: entryName,
    integrity: entry.integrity,
    // The policies the pages need: embed.html's to merge into the shop's, verify.html's whole.
    csp,
    files: listed
      .filter((file) => file.bytes)
      .map(({ path, source, bytes, cache }) => ({ path, ...(source ? { source } : {}), size: bytes.length, integrity: sha384(bytes), cache })),
  };
  for (const file of listed) {
    if (!file.bytes) continue;
    await mkdir(dirname(join(folder, file.path)), { recursive: true });
    await writeFile(join(folder, file.path), file.bytes);
  }
  await writeFile(join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return { folder, manifest };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const out = option("--out");
  const www = option("--www");
  const { folder, manifest } = await buildDist({
    ...(out ? { out: resolve(out) } : {}),
    ...(www ? { www: resolve(www) } : {}),
    base: option("--base") ?? "",
  });
  console.log(`${relative(process.cwd(), folder) || "."}/ (points-pool ${manifest.version})`);
  for (const file of manifest.files) console.log(`  ${file.path.padEnd(36)} ${String(file.size).padStart(7)} B  ${file.integrity}`);
  console.log("  manifest.json");
}
