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
// hashed files can be cached forever. Beside them: embed.html (the script tag with Subresource
// Integrity, an example element, the CSP a shop needs), verify.html (full verification of a log,
// its module and the full engine hashed like the element's), manifest.json (each file's size and
// sha384) and CACHE.md (the cache policy). `--base` is where the folder will be served from,
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
import { moduleGraph, relativeSpecifier, rewriteReferences, resolveReference } from "./references.mjs";

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

export const sha384 = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
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

/** `element/calculator.js` → `element/calculator.3f2a9c1e.js` (in the folder it has in www/). */
function hashedName(path, hash) {
  const dot = path.lastIndexOf(".");
  return `${path.slice(0, dot)}.${hash}${path.slice(dot)}`;
}

/** The CSP a page needs for the element served from `base`. */
export function contentSecurityPolicy(base) {
  if (!/^https?:\/\//i.test(base)) return "script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'";
  // From another origin the element starts its worker from a same-origin blob that imports the
  // CDN's worker module (README, "From another origin").
  const origin = new URL(base).origin;
  return `script-src 'self' ${origin} 'wasm-unsafe-eval'; worker-src blob: ${origin}; connect-src 'self' ${origin}`;
}

function embedSnippet({ version, entry, base }) {
  const csp = contentSecurityPolicy(base);
  return `<!--
  points-pool ${version}: the <points-calculator> element.

  Host every file of this folder together, on your shop's own origin or on a CDN that sends
  Access-Control-Allow-Origin (the element then starts its worker from a same-origin blob that
  imports the CDN's worker module), and put the two tags below in your page.
  ${base ? `The files are expected under ${base}.` : "The src below is relative: put the folder's URL before it, or host the files beside the page."}

  The page's Content-Security-Policy must allow (merged into your existing policy):
  Content-Security-Policy: ${csp}
    script-src          the element and its modules; 'wasm-unsafe-eval' compiles the engine
    worker-src          the projection worker (a module Worker; blob: and the CDN when on one)
    connect-src         the engine's .wasm (fetched) and a state-src snapshot, if you use one

  Caching (CACHE.md): every hashed file  Cache-Control: ${CACHE_IMMUTABLE}
                      this file and manifest.json  Cache-Control: ${CACHE_REVALIDATE}
  Serve .js as text/javascript and .wasm as application/wasm.
-->
<script type="module" src="${base}${entry.name}" integrity="${entry.integrity}" crossorigin="anonymous"></script>
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
  const graph = new Map([...await moduleGraph(ELEMENT, read), ...await moduleGraph(VERIFY, read)]);
  const sources = new Map();
  for (const path of graph.keys()) sources.set(path, await readFile(join(www, path)));

  const hashed = new Map();
  const files = [];
  for (const path of dependenciesFirst(graph)) {
    let bytes = sources.get(path);
    if (path.endsWith(".js")) {
      const text = rewriteReferences(bytes.toString("utf8"), (specifier) => {
        const target = hashed.get(resolveReference(path, specifier));
        if (!target) throw new Error(`www/${path}: ${specifier} is not hashed yet`);
        // The hashed file stays in its source's folder: the way there is the same.
        return relativeSpecifier(path, target);
      });
      bytes = Buffer.from(text, "utf8");
    }
    const name = hashedName(path, contentHash(bytes));
    hashed.set(path, name);
    files.push({ path: name, source: `www/${path}`, bytes, cache: CACHE_IMMUTABLE });
  }

  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  const entryName = hashed.get(ELEMENT);
  const entry = { name: entryName, integrity: sha384(files.find((file) => file.path === entryName).bytes) };
  const listed = files.map((file) => ({ ...file }));
  listed.push({ path: "embed.html", bytes: Buffer.from(embedSnippet({ version, entry, base }), "utf8"), cache: CACHE_REVALIDATE });
  // verify.html, under its own name, loading its module by the hashed name.
  for (const path of VERIFY_PAGE) {
    let bytes = await readFile(join(www, path));
    if (path === "verify.html") bytes = Buffer.from(bytes.toString("utf8").replace(`src="${VERIFY}"`, `src="${hashed.get(VERIFY)}"`), "utf8");
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
