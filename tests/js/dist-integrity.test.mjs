// Issue 21, item 5: a release whose integrity covers everything it runs. `make dist` is run once
// into a temporary folder; then, for every file the element or verify.html executes (each
// module, each bundled worker, each wasm), one byte of that file is changed as a host or a CDN
// could change it, the page is loaded in each engine, and it must refuse to run that file and
// say so: code `integrity_failed`, read from the marks the element and verify.html set (never
// from their words). The byte changed is a letter in a comment (a wasm: in a custom section's
// name), so the changed file would still run if nothing checked it: a refusal is the check's.
//
// The same pages with nothing changed must run to the end: a figure, the worker's projection,
// 核对's panel, a log-src element's verified log, and verify.html's full verification.
//
// Engines: all three by default (Chromium, Firefox ESR, WebKitGTK; ENGINES=chromium picks).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { drivers, waitFor } from "../browser/drivers/index.mjs";
import { KEY, fixtureLog } from "../browser/log-fixtures.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const temporary = await mkdtemp(join(tmpdir(), "points-pool-integrity-"));
after(() => rm(temporary, { recursive: true, force: true }));

const VERSION = (await readFile(join(ROOT, "Cargo.toml"), "utf8")).match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms)[1];
/** `make dist` into `out` (with `--base` when given): the release's folder. */
function buildRelease(out, base = "") {
  execFileSync(process.execPath, [join(ROOT, "scripts/dist.mjs"), "--out", out, "--base", base], { cwd: ROOT, encoding: "utf8" });
  return join(out, `points-pool-${VERSION}`);
}
const FOLDER = buildRelease(join(temporary, "dist"));
const manifest = JSON.parse(await readFile(join(FOLDER, "manifest.json"), "utf8"));

/** What the browser executes: every module, bundled worker and wasm of the release (manifest.json lists all but itself). */
const EXECUTED = manifest.files.filter((file) => /\.(js|wasm)$/.test(file.path)).map((file) => file.path);
/**
 * What is not executed, and why no test changes it: embed.html is what the shop pastes into its
 * own page (the root every pin hangs from: its import map and loader are pinned by the CSP's
 * hashes); verify.html is that page for verification; manifest.json and CACHE.md are for people;
 * operator.css is pinned by verify.html's `<link integrity>` and favicon.svg is only an icon.
 */
const NOT_EXECUTED = ["embed.html", "verify.html", "CACHE.md", "operator.css", "favicon.svg"];

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
};
const LOG = fixtureLog("base");

/** `bytes` with one byte changed where the file still works: a letter of a comment (.js) or of a custom section's name (.wasm). */
function changeOneByte(path, bytes) {
  const changed = Buffer.from(bytes);
  let at = -1;
  if (path.endsWith(".wasm")) {
    // The sections after the 8-byte header: id, size (LEB128), contents; a custom section (id 0) starts with its name.
    const leb = (offset) => {
      let value = 0;
      let shift = 0;
      let byte;
      do {
        byte = changed[offset++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return [value, offset];
    };
    for (let offset = 8; offset < changed.length && at < 0; ) {
      const id = changed[offset];
      const [size, contents] = leb(offset + 1);
      if (id === 0) {
        const [length, name] = leb(contents);
        const letter = changed.subarray(name, name + length).findIndex((byte) => /[A-Za-z]/.test(String.fromCharCode(byte)));
        if (letter >= 0) at = name + letter;
      }
      offset = contents + size;
    }
  } else {
    const text = changed.toString("latin1");
    const comment = text.search(/\/\/ ?[A-Za-z]/);
    at = comment >= 0 ? text.slice(comment).search(/[A-Za-z]/) + comment : -1;
  }
  assert.ok(at >= 0, `${path}: a byte to change`);
  changed[at] ^= 0x20; // a letter's case: one byte, still a letter
  return changed;
}

/**
 * The folder served with `csp` on every page, nothing cached, and one file's bytes swapped when
 * `changed` says so, or that file answered 404 when `missing` is set too.
 */
async function serve(folder = FOLDER) {
  const state = { changed: null, missing: false, page: null, folder, cors: false };
  const server = createServer(async (request, response) => {
    const base = resolve(state.folder);
    const { pathname } = new URL(request.url, "http://localhost");
    const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
    // As a CDN sends it, for a release served from another origin.
    if (state.cors) headers["Access-Control-Allow-Origin"] = "*";
    if (pathname.startsWith("/logs/base/") && LOG.has(pathname.slice("/logs/base/".length))) {
      return void response.writeHead(200, { ...headers, "Content-Type": "application/octet-stream" }).end(LOG.get(pathname.slice("/logs/base/".length)));
    }
    if (pathname === "/page.html") {
      return void response.writeHead(200, { ...headers, "Content-Type": TYPES[".html"], "Content-Security-Policy": state.page.csp }).end(state.page.html);
    }
    const path = normalize(join(base, decodeURIComponent(pathname)));
    try {
      if (!path.startsWith(base) || !(await stat(path)).isFile()) throw new Error("not a file");
      let body = await readFile(path);
      const name = path.slice(base.length + 1);
      if (state.changed === name && state.missing) throw new Error("missing");
      if (state.changed === name) body = changeOneByte(name, body);
      if (name === "verify.html") headers["Content-Security-Policy"] = manifest.csp["verify.html"];
      response.writeHead(200, { ...headers, "Content-Type": TYPES[extname(path)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    state,
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(done);
    }),
  };
}

/**
 * Runs in the page: waits for the element to be defined (or refused), then asks it for everything
 * it loads: a figure (the wasm), the projection (its worker), 核对 (its lazy modules) and a
 * log-src element's check (the log engine). Each step's outcome, and every error code shown.
 */
function probeElements() {
  const state = { steps: {}, codes: [], done: false };
  window.__integrityProbe = state;
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const until = async (test, ms = 15_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
      const value = test();
      if (value) return value;
    }
    return null;
  };
  const errorOf = (node) => {
    const shown = node.shadowRoot?.querySelector('[part~="error"]:not([hidden])');
    return shown ? { code: shown.dataset.code, words: shown.textContent.trim().length > 0 } : null;
  };
  const part = (node, name) => node.shadowRoot?.querySelector(`[part~="${name}"]`);
  const step = async (name, node, reached) => {
    const outcome = await until(() => {
      const error = errorOf(node);
      if (error) return { error };
      return reached() ? { ok: true } : null;
    });
    state.steps[name] = outcome?.ok ? "ok" : outcome?.error ? "refused" : "timed out";
    if (outcome?.error) state.codes.push({ step: name, ...outcome.error });
    return Boolean(outcome?.ok);
  };
  (async () => {
    const [plain, logged] = document.querySelectorAll("points-calculator");
    if (!(await step("define", plain, () => customElements.get("points-calculator")))) return;
    plain.amount = "100";
    if (!(await step("figure", plain, () => part(plain, "points-granted")?.dataset.exact))) return;
    await step("projection", plain, () => part(plain, "projected-value")?.textContent);
    plain.task = "check";
    await step("check", plain, () => part(plain, "check-input"));
    await step("log", logged, () => part(logged, "log-verified") && !part(logged, "log-verified").hidden);
  })().finally(() => {
    state.done = true;
  });
  return true;
}

/** Runs in verify.html: its full verification's outcome (`data-state`, `data-code` on #verify-result). */
function verifyOutcome() {
  const result = document.getElementById("verify-result");
  const state = result?.dataset.state;
  if (state !== "verified" && state !== "refused") return null;
  return { state, code: result.dataset.code ?? null, words: document.getElementById("verify-status").textContent.trim().length > 0 };
}

/** embed.html as built, with a second element that checks the fixture log: the page each case loads. */
async function elementPage(folder = FOLDER) {
  const embed = await readFile(join(folder, "embed.html"), "utf8");
  const csp = `default-src 'none'; ${embed.match(/Content-Security-Policy: (.+)/)[1]}`;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>embed</title></head><body>
${embed}
<points-calculator log-src="/logs/base/" log-key="${KEY.vkey}" lang="en"></points-calculator>
</body></html>`;
  return { csp, html };
}

/** Which page runs `file`: verify.html for its own files, the element's page for the rest. */
const pageOf = (file) => (/^www\/(verify\/|workers\/verify|pkg\/)/.test(manifest.files.find((entry) => entry.path === file).source) ? "verify" : "element");

/** Loads `which` page with `file` (null: none) changed by one byte: the element's probe or verify.html's outcome. */
async function runCase(tab, server, which, file, { missing = false } = {}) {
  server.state.changed = file;
  server.state.missing = missing;
  if (which === "verify") {
    const query = new URLSearchParams({ url: `${server.origin}/logs/base/`, key: KEY.vkey });
    const page = await tab.browser.open(`${server.origin}/verify.html?${query}`, { width: 900, height: 800 });
    try {
      return { verify: await waitFor(page, "verify.html's outcome", verifyOutcome, [], 60_000) };
    } finally {
      await page.close();
    }
  }
  const page = await tab.browser.open(`${server.origin}/page.html`, { width: 900, height: 1200 });
  try {
    await page.evaluate(probeElements);
    return { element: await waitFor(page, "the element's probe", () => (window.__integrityProbe?.done ? window.__integrityProbe : null), [], 90_000) };
  } finally {
    await page.close();
  }
}

test("every file of the release is executed and tested below, or named as not executed", () => {
  assert.deepEqual([...EXECUTED, ...NOT_EXECUTED].sort(), manifest.files.map((file) => file.path).sort());
  assert.ok(EXECUTED.some((path) => path.endsWith(".wasm")) && EXECUTED.some((path) => path.startsWith("workers/")), "wasm and workers among them");
});

for (const driver of drivers) {
  test(`${driver.name}: one changed byte in any file it runs, and the element (or verify.html) refuses it with integrity_failed`, async (t) => {
    const server = await serve();
    server.state.page = await elementPage();
    const browser = await driver.launch();
    const tab = { browser };
    try {
      await t.test("nothing changed: everything runs", async () => {
        const { element } = await runCase(tab, server, "element", null);
        assert.deepEqual(element.codes, []);
        assert.deepEqual(element.steps, { define: "ok", figure: "ok", projection: "ok", check: "ok", log: "ok" });
        const { verify } = await runCase(tab, server, "verify", null);
        assert.equal(verify.state, "verified");
      });
      for (const file of EXECUTED) {
        await t.test(file, async () => {
          const outcome = await runCase(tab, server, pageOf(file), file);
          if (outcome.verify) {
            assert.deepEqual(outcome.verify, { state: "refused", code: "integrity_failed", words: true }, file);
            return;
          }
          const { steps, codes } = outcome.element;
          assert.ok(codes.length > 0, `${file}: refused somewhere (steps ${JSON.stringify(steps)})`);
          for (const shown of codes) assert.deepEqual({ code: shown.code, words: shown.words }, { code: "integrity_failed", words: true }, `${file} at ${shown.step}`);
          assert.ok(Object.values(steps).includes("refused"), `${file}: a step refused (${JSON.stringify(steps)})`);
        });
      }
      // A file that is not there (a 404, a network failure) is not a changed file: module_failed.
      const missing = (source) => manifest.files.find((entry) => entry.source === `www/${source}`).path;
      for (const source of ["element/calculator.js", "element/check.js", "workers/projection.js", "pkg-member/points_pool_member_bg.wasm"]) {
        await t.test(`${source} missing`, async () => {
          const { element } = await runCase(tab, server, "element", missing(source), { missing: true });
          assert.ok(element.codes.length > 0, `${source}: refused (${JSON.stringify(element.steps)})`);
          for (const shown of element.codes) assert.deepEqual({ code: shown.code, words: shown.words }, { code: "module_failed", words: true }, `${source} at ${shown.step}`);
        });
      }
      await t.test("workers/verify.js missing", async () => {
        const { verify } = await runCase(tab, server, "verify", missing("workers/verify.js"), { missing: true });
        assert.deepEqual(verify, { state: "refused", code: "module_failed", words: true });
      });
    } finally {
      server.state.changed = null;
      server.state.missing = false;
      await browser.close();
      await server.close();
    }
  });
}

// The same from a CDN: the release built with `--base` another origin (localhost, the page being on
// 127.0.0.1) that sends Access-Control-Allow-Origin, under the CSP embed.html states for it.
for (const driver of drivers) {
  test(`${driver.name}: from another origin, a changed module, worker or wasm is refused too`, async (t) => {
    const server = await serve();
    const port = new URL(server.origin).port;
    const folder = buildRelease(join(temporary, "cdn"), `http://localhost:${port}/`);
    const cdnManifest = JSON.parse(await readFile(join(folder, "manifest.json"), "utf8"));
    Object.assign(server.state, { folder, cors: true, page: await elementPage(folder) });
    assert.match(server.state.page.csp, new RegExp(`script-src 'self' http://localhost:${port} `));
    const browser = await driver.launch();
    const tab = { browser };
    const bySource = (source) => cdnManifest.files.find((entry) => entry.source === `www/${source}`).path;
    try {
      await t.test("nothing changed: everything runs", async () => {
        const { element } = await runCase(tab, server, "element", null);
        assert.deepEqual(element.codes, []);
        assert.deepEqual(element.steps, { define: "ok", figure: "ok", projection: "ok", check: "ok", log: "ok" });
      });
      for (const source of ["element/calculator.js", "workers/projection.js", "pkg-member/points_pool_member_bg.wasm"]) {
        await t.test(source, async () => {
          const { element } = await runCase(tab, server, "element", bySource(source));
          assert.ok(element.codes.length > 0, `${source}: refused (${JSON.stringify(element.steps)})`);
          for (const shown of element.codes) assert.equal(shown.code, "integrity_failed", `${source} at ${shown.step}`);
        });
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
