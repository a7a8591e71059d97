// `points-pool/element` as an app gets it: www/pkg packed with `npm pack`, installed from
// the tarball into a fresh app, bundled with esbuild the way the README says (the app and
// the package's projection worker as two entry points, the wasm copied beside them), and
// the bundle run in Chromium under the strict CSP `make serve` promises.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { CONTENT_SECURITY_POLICY } from "../../scripts/serve.mjs";
import { launchChromium, purchaseInPage, serveFolder } from "./browser-support.mjs";

const PKG = fileURLToPath(new URL("../../www/pkg/", import.meta.url));
const temporary = await mkdtemp(join(tmpdir(), "points-pool-element-"));
after(() => rm(temporary, { recursive: true, force: true }));

const meta = JSON.parse(await readFile(join(PKG, "package.json"), "utf8"));
assert.ok(meta.exports?.["./element"], "www/pkg/package.json has no ./element export: run make build (scripts/package-meta.mjs completes it)");

// The tarball, installed offline (the package has no dependencies) into a fresh app.
const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", temporary], { cwd: PKG, encoding: "utf8" }));
const APP = join(temporary, "app");
await mkdir(join(APP, "src"), { recursive: true });
await writeFile(join(APP, "package.json"), JSON.stringify({ name: "shop-app", private: true, type: "module" }));
execFileSync("npm", ["install", join(temporary, filename), "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: APP, stdio: "pipe" });

// What a shop writes: one import, which defines the element.
await writeFile(join(APP, "src/app.js"), 'import "points-pool/element";\n');
const PUBLIC = join(APP, "public");
const built = await esbuild.build({
  absWorkingDir: APP,
  entryPoints: [{ in: "src/app.js", out: "app" }, { in: "points-pool/projection-worker", out: "workers/projection" }],
  bundle: true,
  format: "esm",
  outdir: PUBLIC,
  metafile: true,
  logLevel: "silent",
});
await copyFile(join(APP, "node_modules/points-pool/points_pool_member_bg.wasm"), join(PUBLIC, "points_pool_member_bg.wasm"));
// The worker's engine (projections), which the bundled worker names beside it.
await copyFile(join(APP, "node_modules/points-pool/points_pool_member_worker_bg.wasm"), join(PUBLIC, "points_pool_member_worker_bg.wasm"));
// The engine with the log's check, which an element with log-src loads: copied the same way.
await copyFile(join(APP, "node_modules/points-pool/points_pool_member_log_bg.wasm"), join(PUBLIC, "points_pool_member_log_bg.wasm"));
await writeFile(
  join(PUBLIC, "index.html"),
  '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>shop</title><script type="module" src="app.js"></script></head>\n' +
    '<body><points-calculator pool="3000" supply="579.93"></points-calculator></body></html>\n',
);

test("the tarball carries the element, its worker, its types and the engine", () => {
  const [{ files }] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: PKG, encoding: "utf8" }));
  const paths = files.map((file) => file.path);
  for (const file of ["points-calculator.js", "element/calculator.js", "element/check.js", "shared/dom.js", "workers/projection.js", "points-calculator.d.ts",
    "points_pool.js", "points_pool_bg.wasm", "points_pool.d.ts", "points_pool_member.js", "points_pool_member.d.ts", "points_pool_member_bg.wasm",
    "points_pool_member_worker.js", "points_pool_member_worker_bg.wasm"]) {
    assert.ok(paths.includes(file), `${file} in the tarball`);
  }
  assert.deepEqual(meta.exports["./element"], { types: "./points-calculator.d.ts", default: "./points-calculator.js" });
  assert.deepEqual(meta.exports["."], { types: "./points_pool.d.ts", default: "./points_pool.js" }, "the engine's export is kept");
});

test("the element's types name its properties and events", async () => {
  const types = await readFile(join(APP, "node_modules/points-pool/points-calculator.d.ts"), "utf8");
  assert.match(types, /from "\.\/points_pool_member\.js"/, "the engine's unions imported, never retyped");
  for (const property of ["amount", "points", "spent", "received", "task", "pool", "supply", "stateSrc", "payoutRate", "roundingPoints", "days", "theme"]) {
    assert.ok(new RegExp(`^ {2}(get |set )?${property}[(:]`, "m").test(types), `the property ${property}`);
  }
  for (const event of ["points-result", "points-projection", "points-error"]) {
    assert.ok(types.includes(`"${event}": CustomEvent<`), `the event ${event}`);
  }
  assert.match(types, /export declare class PointsCalculator extends HTMLElement/);
});

test("esbuild bundles the element from points-pool/element, and every URL in the bundle finds its file", async () => {
  const inputs = Object.keys(built.metafile.inputs);
  for (const file of ["points-calculator.js", "element/calculator.js", "element/projection.js", "element/check.js", "shared/dom.js", "points_pool_member.js", "workers/projection.js"]) {
    assert.ok(inputs.includes(`node_modules/points-pool/${file}`), `${file} bundled`);
  }
  const app = await readFile(join(PUBLIC, "app.js"), "utf8");
  // Tested, not matched: a failed match would print the whole bundle.
  assert.ok(/\bclass \w*PointsCalculator extends HTMLElement/.test(app), "the element is in the bundle");
  assert.ok(/^PointsCalculator\.define\(\);$/m.test(app), "and defines itself when the app starts");
  const emitted = (await readdir(PUBLIC, { recursive: true })).map((path) => path.split("\\").join("/"));
  for (const file of ["app.js", "workers/projection.js"]) {
    const text = await readFile(join(PUBLIC, file), "utf8");
    // Our URLs start with ./ or ../; the glue's own default (`new URL('points_pool_member_bg.wasm', …)`)
    // is never used, the wasm's URL being always passed to init().
    const urls = [...text.matchAll(/new URL\(\s*["'](\.\.?\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)].map((match) => match[1]);
    assert.ok(urls.length > 0, `${file} names its siblings`);
    for (const url of urls) {
      const path = new URL(url, `https://shop.example/public/${file}`).pathname.slice("/public/".length);
      assert.ok(emitted.includes(path), `${file} names ${url}, which the app's public folder holds`);
    }
  }
  assert.ok((await readFile(join(PUBLIC, "points_pool_member_bg.wasm"))).equals(await readFile(join(PKG, "points_pool_member_bg.wasm"))), "the wasm beside the bundle");
});

test("the bundled element under the strict CSP: typing 100 shows the engine's points", async () => {
  const { initSync, PointsPool } = await import(new URL("points_pool.js", `file://${PKG}`));
  initSync({ module: await readFile(join(PKG, "points_pool_bg.wasm")) });
  const pool = PointsPool.fromSnapshot({
    format: "points-pool/1", config: {}, pool: "3000", supply: "579.93", orders: 0,
    totals: { contributed: "3000", paidOut: "0", redeemed: "0" },
  });
  const expected = pool.purchase("you", "100").pointsGranted;
  pool.free();

  const server = await serveFolder(PUBLIC, CONTENT_SECURITY_POLICY);
  const browser = await launchChromium();
  try {
    const shown = await purchaseInPage(browser.context, `${server.origin}/index.html`, "100");
    assert.equal(shown.points, expected);
    assert.ok(shown.projected, "the bundled projection worker ran");
    assert.deepEqual(shown.problems, [], "no console errors, no CSP violations");
  } finally {
    await browser.close();
    await server.close();
  }
});
