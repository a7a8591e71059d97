// `make dist` (scripts/dist.mjs) run into a temporary folder, and what it writes checked
// from the outside: every hash and integrity recomputed here, every URL inside the hashed
// files found by a scan of their own (not the script's), and embed.html run in Chromium
// under nothing but the CSP it tells a shop to set.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, purchaseInPage, serveFolder } from "./browser-support.mjs";
import { KEY, fixtureLog } from "../browser/log-fixtures.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "scripts/dist.mjs");

const temporary = await mkdtemp(join(tmpdir(), "points-pool-dist-"));
after(() => rm(temporary, { recursive: true, force: true }));

const cargoToml = await readFile(join(ROOT, "Cargo.toml"), "utf8");
const VERSION = cargoToml.match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)[1];

function runDist(args) {
  return execFileSync(process.execPath, [DIST, ...args], { cwd: ROOT, encoding: "utf8" });
}

runDist(["--out", join(temporary, "dist")]);
const FOLDER = join(temporary, "dist", `points-pool-${VERSION}`);
const manifest = JSON.parse(await readFile(join(FOLDER, "manifest.json"), "utf8"));
const hashedFiles = manifest.files.filter((file) => file.source);
const bySource = (source) => hashedFiles.find((file) => file.source === `www/${source}`);

const sha384 = (bytes) => createHash("sha384").update(bytes).digest();

/**
 * Every string literal naming a .js/.mjs/.wasm file, outside comment lines and object keys
 * (the glue's wasm import namespace "./points_pool_bg.js": is a key, not a URL).
 */
function namedFiles(text) {
  const code = text
    .split("\n")
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join("\n");
  return [...code.matchAll(/(["'`])([^"'`\s]+\.(?:m?js|wasm))\1(?!\s*:)/g)].map((match) => match[2]);
}

/** The string literals `new URL("…", import.meta.url)` names: files fetched (the wasm, a worker), not imported. */
function fetchedFiles(text) {
  return [...text.matchAll(/new URL\(\s*(["'`])([^"'`\s]+)\1\s*,\s*import\.meta\.url\s*\)/g)].map((match) => match[2]);
}

const resolveIn = (path, specifier) => new URL(specifier, `file:///www/${path}`).pathname.slice("/www/".length);

/**
 * The element's and verify.html's files under www/ and the files each names, by the same scan,
 * from their modules (every file they reach, a worker's imports included), and which of them
 * are workers (a .js file fetched by `new URL`) with what each fetches.
 */
async function sourceGraph(www) {
  const graph = {};
  const fetched = {};
  const pending = ["points-calculator.js", "verify/main.js"];
  while (pending.length) {
    const path = pending.pop();
    if (path in graph) continue;
    const text = path.endsWith(".js") ? await readFile(join(www, path), "utf8") : "";
    graph[path] = [...new Set(namedFiles(text).map((specifier) => resolveIn(path, specifier)))].sort();
    fetched[path] = fetchedFiles(text).map((specifier) => resolveIn(path, specifier));
    pending.push(...graph[path]);
  }
  const workers = new Set(Object.values(fetched).flat().filter((path) => path.endsWith(".js")));
  return { graph, fetched, workers };
}
const { graph: GRAPH, fetched: FETCHED, workers: WORKERS } = await sourceGraph(join(ROOT, "www"));
/** What a bundled worker names: what it and the modules it imports fetch. */
function workerNames(worker) {
  const seen = new Set();
  const pending = [worker];
  while (pending.length) {
    const path = pending.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    pending.push(...GRAPH[path].filter((target) => !FETCHED[path].includes(target)));
  }
  return [...new Set([...seen].flatMap((path) => FETCHED[path]))].sort();
}
/** What ships, and what each file names: a worker is bundled, so the modules only a worker imports are inside it. */
const SHIPPED = {};
for (const pending = ["points-calculator.js", "verify/main.js"]; pending.length; ) {
  const path = pending.pop();
  if (path in SHIPPED) continue;
  SHIPPED[path] = WORKERS.has(path) ? workerNames(path) : GRAPH[path];
  pending.push(...SHIPPED[path]);
}
const SOURCES = Object.keys(SHIPPED);

test("the folder is named for Cargo.toml's version, which the package and the engine carry too", async () => {
  assert.equal(manifest.version, VERSION);
  const pkg = JSON.parse(await readFile(join(ROOT, "www/pkg-member/package.json"), "utf8"));
  assert.equal(pkg.version, VERSION, "wasm-pack wrote Cargo.toml's version into www/pkg-member/package.json");
  const { initSync, version } = await import(new URL("../../www/pkg-member/points_pool_member.js", import.meta.url));
  initSync({ module: await readFile(join(ROOT, "www/pkg-member/points_pool_member_bg.wasm")) });
  assert.equal(version(), VERSION);
});

test("the manifest lists every file with its size and sha384, and the hashed files are the element's", async () => {
  const present = (await readdir(FOLDER, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(FOLDER, join(entry.parentPath ?? entry.path, entry.name)).split("\\").join("/"))
    .filter((name) => name !== "manifest.json").sort();
  assert.deepEqual(manifest.files.map((file) => file.path).sort(), present);
  for (const file of manifest.files) {
    const bytes = await readFile(join(FOLDER, file.path));
    assert.equal(file.size, bytes.length, file.path);
    assert.equal(file.integrity, `sha384-${sha384(bytes).toString("base64")}`, file.path);
  }
  assert.deepEqual(hashedFiles.map((file) => file.source).sort(), SOURCES.map((source) => `www/${source}`).sort());
  for (const name of ["embed.html", "CACHE.md", "verify.html"]) assert.ok(present.includes(name), name);
});

test("each hashed name is the hash of the file's final bytes; a file that names nothing is copied byte for byte", async () => {
  for (const file of hashedFiles) {
    const [, stem, hash, extension] = file.path.match(/^(.+)\.([0-9a-f]{8})\.(js|wasm)$/) ?? [];
    assert.ok(hash, `${file.path} carries a hash`);
    assert.equal(`www/${stem}.${extension}`, file.source, `${file.path}: in the folder its source has in www/`);
    const bytes = await readFile(join(FOLDER, file.path));
    assert.equal(hash, sha384(bytes).toString("hex").slice(0, 8), `${file.path}: hashed after its references were rewritten`);
  }
  // The wasm and shared/dom.js name nothing: byte for byte the sources.
  const leaves = SOURCES.filter((source) => SHIPPED[source].length === 0);
  assert.ok(leaves.includes("pkg-member/points_pool_member_bg.wasm") && leaves.includes("shared/dom.js"), "the wasm and shared/dom.js name nothing");
  for (const source of leaves) {
    assert.ok((await readFile(join(FOLDER, bySource(source).path))).equals(await readFile(join(ROOT, "www", source))), source);
  }
});

test("every URL inside the hashed files names a hashed file in the folder", async () => {
  const names = new Set(hashedFiles.map((file) => file.path));
  const edges = {};
  for (const file of hashedFiles.filter((entry) => entry.path.endsWith(".js"))) {
    const text = await readFile(join(FOLDER, file.path), "utf8");
    const named = namedFiles(text);
    for (const specifier of named) {
      const target = new URL(specifier, `https://shop.example/points/${file.path}`);
      assert.ok(target.href.startsWith("https://shop.example/points/"), `${file.path} names ${specifier}, outside the folder`);
      const name = target.pathname.slice("/points/".length);
      assert.ok(names.has(name), `${file.path} names ${specifier}, which is not in the folder`);
    }
    edges[file.source] = [...new Set(named.map((specifier) => {
      const name = new URL(specifier, `https://shop.example/points/${file.path}`).pathname.slice("/points/".length);
      return hashedFiles.find((entry) => entry.path === name).source;
    }))].sort();
  }
  // Each hashed file names the hashed copies of exactly what its source names.
  const expected = Object.fromEntries(
    Object.entries(SHIPPED)
      .filter(([source]) => source.endsWith(".js"))
      .map(([source, targets]) => [`www/${source}`, targets.map((target) => `www/${target}`)]),
  );
  assert.deepEqual(edges, expected);
  for (const needed of ["shared/dom.js", "pkg-member/points_pool_member.js", "pkg-member/points_pool_member_bg.wasm", "workers/projection.js", "element/check.js", "element/projection.js"]) {
    assert.ok(SOURCES.includes(needed), `the element loads ${needed}`);
  }
  // Bundled into the workers, not shipped alone.
  assert.ok(!SOURCES.includes("workers/protocol.js") && GRAPH["workers/projection.js"].includes("workers/protocol.js"));
  const element = await readFile(join(FOLDER, manifest.element), "utf8");
  const client = await readFile(join(FOLDER, bySource("shared/worker-client.js").path), "utf8");
  assert.ok(
    element.includes(`new URL("./${bySource("workers/projection.js").path}", import.meta.url)`) && client.includes('new Worker(script, { type: "module" })'),
    "the module worker is named by its hashed name, and started from its checked script",
  );
});

test("embed.html: an import map pinning every module, the loader, an example, the CSP with their hashes, the cache policy", async () => {
  const embed = await readFile(join(FOLDER, "embed.html"), "utf8");
  const map = embed.match(/<script type="importmap">([\s\S]*?)<\/script>/);
  const loader = embed.match(/<script type="module">([\s\S]*?)<\/script>/);
  assert.ok(map && loader, "an inline import map and an inline module loader");
  const { integrity } = JSON.parse(map[1]);
  // Every module the element imports (not the workers, fetched pinned instead), by the URL the page resolves.
  const modules = hashedFiles.filter((file) => file.path.endsWith(".js") && !WORKERS.has(file.source.slice(4)) && !/^www\/(verify|workers\/verify)/.test(file.source));
  assert.deepEqual(Object.keys(integrity).sort(), modules.map((file) => `./${file.path}`).sort());
  for (const file of modules) {
    assert.equal(integrity[`./${file.path}`], `sha384-${sha384(await readFile(join(FOLDER, file.path))).toString("base64")}`, file.path);
  }
  assert.ok(loader[1].includes(`import(${JSON.stringify(`./${manifest.element}`)})`), "the loader imports the element's entry");
  assert.equal(manifest.integrity, integrity[`./${manifest.element}`]);
  assert.match(embed, /<points-calculator pool="3000" supply="579\.93"><\/points-calculator>/);
  const comment = embed.match(/<!--([\s\S]*?)-->/)[1];
  const csp = comment.match(/Content-Security-Policy: (.+)/)[1];
  assert.equal(csp, manifest.csp["embed.html"]);
  const hash = (text) => `'sha384-${sha384(Buffer.from(text, "utf8")).toString("base64")}'`;
  assert.equal(csp, `script-src 'self' 'wasm-unsafe-eval' ${hash(map[1])} ${hash(loader[1])}; worker-src blob:; connect-src 'self'`);
  assert.match(comment, /public, max-age=31536000, immutable/);
  const cache = await readFile(join(FOLDER, "CACHE.md"), "utf8");
  for (const file of manifest.files) {
    const policy = file.source ? "public, max-age=31536000, immutable" : "no-cache";
    assert.equal(file.cache, policy, file.path);
    assert.ok(cache.includes(`/${file.path}\n  Cache-Control: ${policy}`), `CACHE.md gives ${file.path} ${policy}`);
  }
});

test("the files that fetch pin what they fetch: the wasm and the workers, by sha384 in their INTEGRITY", async () => {
  for (const [source, fetched] of Object.entries(SHIPPED).filter(([path]) => path.endsWith(".js") && !path.startsWith("pkg"))) {
    const own = WORKERS.has(source) ? fetched : FETCHED[source];
    if (!own.length) continue;
    const text = await readFile(join(FOLDER, bySource(source).path), "utf8");
    const pins = JSON.parse(text.match(/(?:const|var) INTEGRITY = (\{[^}]*\});/)[1].replace(/^\{\s*"/, '{"'));
    const base = `https://shop.example/points/${bySource(source).path}`;
    const pinned = Object.fromEntries(Object.entries(pins).map(([specifier, value]) => [new URL(specifier, base).pathname.slice("/points/".length), value]));
    for (const target of own) {
      const file = bySource(target);
      assert.equal(pinned[file.path], `sha384-${sha384(await readFile(join(FOLDER, file.path))).toString("base64")}`, `${source} pins ${target}`);
    }
  }
});

test("a stale build, whose package.json disagrees with Cargo.toml, is refused", async () => {
  const www = join(temporary, "stale");
  await mkdir(join(www, "pkg-member"), { recursive: true });
  for (const source of Object.keys(GRAPH)) {
    await mkdir(dirname(join(www, source)), { recursive: true });
    await copyFile(join(ROOT, "www", source), join(www, source));
  }
  const meta = JSON.parse(await readFile(join(ROOT, "www/pkg-member/package.json"), "utf8"));
  await writeFile(join(www, "pkg-member/package.json"), JSON.stringify({ ...meta, version: `${VERSION}-stale` }));
  assert.throws(() => execFileSync(process.execPath, [DIST, "--www", www, "--out", join(temporary, "stale-out")], { cwd: ROOT, stdio: "pipe" }), (error) => {
    assert.match(String(error.stderr), /Cargo\.toml says .*run make build/);
    return true;
  });
});

test("a changed dependency renames itself and every file that loads it, and nothing else", async () => {
  const www = join(temporary, "www");
  await mkdir(join(www, "pkg-member"), { recursive: true });
  for (const source of [...Object.keys(GRAPH), "pkg-member/package.json", "verify.html", "operator.css", "favicon.svg"]) {
    await mkdir(dirname(join(www, source)), { recursive: true });
    await copyFile(join(ROOT, "www", source), join(www, source));
  }
  await writeFile(join(www, "shared/dom.js"), `${await readFile(join(www, "shared/dom.js"), "utf8")}// changed\n`);
  runDist(["--www", www, "--out", join(temporary, "changed")]);
  const changed = JSON.parse(await readFile(join(temporary, "changed", `points-pool-${VERSION}`, "manifest.json"), "utf8"));
  const renamed = changed.files
    .filter((file) => file.source && !hashedFiles.some((before) => before.path === file.path))
    .map((file) => file.source)
    .sort();
  // shared/dom.js and every file that loads it, directly or not.
  const loaders = new Set(["shared/dom.js"]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [source, targets] of Object.entries(GRAPH)) {
      if (!loaders.has(source) && targets.some((target) => loaders.has(target))) grew = loaders.add(source);
    }
  }
  assert.ok(loaders.has("points-calculator.js"));
  // A worker ships as one esbuild bundle, which drops comments: a comment changed in a module it
  // bundles leaves its bytes, so its name, as they were. Every other loader is renamed.
  const bundled = (source) => source.startsWith("workers/");
  const expected = [...loaders].filter((source) => source in SHIPPED && !bundled(source)).map((source) => `www/${source}`).sort();
  assert.deepEqual(renamed.filter((source) => !bundled(source.slice("www/".length))), expected);
  assert.ok(renamed.every((source) => loaders.has(source.slice("www/".length))), "nothing but a loader is renamed");
});

test("embed.html runs in Chromium under nothing but the CSP it states: typing 100 shows the engine's points", async () => {
  const embed = await readFile(join(FOLDER, "embed.html"), "utf8");
  const csp = `default-src 'none'; ${embed.match(/Content-Security-Policy: (.+)/)[1]}`;
  const { initSync, PointsPool } = await import(new URL("../../www/pkg-member/points_pool_member.js", import.meta.url));
  initSync({ module: await readFile(join(ROOT, "www/pkg-member/points_pool_member_bg.wasm")) });
  const pool = PointsPool.fromSnapshot({
    format: "points-pool/1", config: {}, pool: "3000", supply: "579.93", orders: 0,
    totals: { contributed: "3000", paidOut: "0", redeemed: "0" },
  });
  const expected = pool.purchase("you", "100").pointsGranted;
  pool.free();

  const server = await serveFolder(FOLDER, csp);
  const browser = await launchChromium();
  try {
    const shown = await purchaseInPage(browser.context, `${server.origin}/embed.html`, "100");
    assert.equal(shown.points, expected);
    assert.ok(shown.projected, "the hashed projection worker ran");
    assert.deepEqual(shown.problems, [], "no console errors, no CSP or integrity violations");
  } finally {
    await browser.close();
    await server.close();
  }
});

/** A log's files served from their own origin (localhost: another host than the page's), with `headers`. */
async function serveLog(log, headers) {
  const server = createServer((request, response) => {
    const bytes = log.get(new URL(request.url, "http://localhost").pathname.slice(1));
    response.writeHead(bytes ? 200 : 404, headers).end(bytes ?? "");
  });
  await new Promise((done) => server.listen(0, "localhost", done));
  return {
    url: `http://localhost:${server.address().port}/`,
    close: () => new Promise((done) => server.close(done)),
  };
}

test("the released verify.html, under its own CSP, verifies a log on another origin that sends CORS, and says why it cannot read one that does not", async () => {
  const page = await serveFolder(FOLDER, manifest.csp["verify.html"]);
  const browser = await launchChromium();
  const open = await serveLog(fixtureLog("base"), { "Access-Control-Allow-Origin": "*" });
  const closed = await serveLog(fixtureLog("base"), {});
  const verify = async (url) => {
    const tab = await browser.context.newPage();
    try {
      await tab.goto(`${page.origin}/verify.html?${new URLSearchParams({ url, key: KEY.vkey, lang: "en" })}`);
      await tab.waitForFunction(() => ["verified", "refused"].includes(document.getElementById("verify-result")?.dataset.state), null, { timeout: 30_000 });
      return await tab.evaluate(() => ({ ...document.getElementById("verify-result").dataset }));
    } finally {
      await tab.close();
    }
  };
  try {
    const verified = await verify(open.url);
    assert.equal(verified.state, "verified");
    assert.ok(Number(verified.rows) > 0, "every row replayed");
    const refused = await verify(closed.url);
    assert.deepEqual([refused.state, refused.code], ["refused", "state_fetch"]);
  } finally {
    await browser.close();
    for (const server of [page, open, closed]) await server.close();
  }
});
