// Issue 21, item 3 on the operator page: no link, attribute or file freezes or blanks it. A bad
// share link shows the refusal (`#link-error`, by code) and the page works with the defaults;
// the sweep runs in its worker with progress and Cancel; a big snapshot is read in the audit
// worker. Chromium's PerformanceObserver('longtask') shows no main-thread task over 200 ms.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./browser.mjs";
import { generateSnapshot } from "../support/snapshot.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

/** The budget issue 21 sets for any one main-thread task. */
const LONGEST_TASK_MS = 200;
const DESKTOP = { width: 1280, height: 900 };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the operator page at `query`, every long task recorded from the first script on. */
async function openWatched(query) {
  const page = await browser.context.newPage();
  await page.setViewportSize(DESKTOP);
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${browser.origin}/operator.html${query}`);
  // The examples, or what to correct first: the page has started either way.
  await page.locator("#examples > *").first().waitFor();
  return { page, problems };
}

const longestTask = async (page) => Math.max(0, ...(await page.evaluate(() => window.longTasks)));
const link = (parts) => `?${new URLSearchParams(Object.entries(parts).map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)]))}`;

/** The seed's price after 100 orders under the default parameters, from the engine in Node. */
function defaultPrice() {
  const pool = new PointsPool();
  for (let n = 1; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
  const { price } = pool.state();
  pool.free();
  return price;
}

/** An array `depth` deep: `[[[…]]]`. */
const deepArray = (depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

test("a bad share link never blanks the page: the refusal is shown by code, the defaults work", async () => {
  const cases = [
    // The engine refuses the parameter: the form marks it too, and correcting it works.
    { name: "tiny initial price", query: link({ config: { initialPrice: "0.0000000000000000000000000001" } }), code: "invalid_config", field: "initialPrice", fix: ["#cfg-initialPrice", "1"] },
    // A 12 KB link holding a 6,000-deep array, in the parameters and in a comparison set (the
    // brackets unescaped, as a browser sends them, so the link stays 12 KB).
    { name: "deep array in config", query: `?config={"poolRate":${deepArray(6000)}}`, code: "link_json", field: "config" },
    { name: "deep array in sets", query: `?sets=[{"label":"A","poolRate":${deepArray(6000)}}]`, code: "link_json", field: "sets" },
    { name: "garbage", query: "?config=%7B%22poolRate%22%3A&sweep=%%%&gains=null&sets=[1,2]", code: "link_json", field: "config" },
  ];
  const price = defaultPrice();
  for (const { name, query, code, field, fix } of cases) {
    const { page, problems } = await openWatched(query);
    const note = page.locator("#link-error");
    assert.equal(await note.isVisible(), true, `${name}: the refusal is shown`);
    const shown = await note.evaluate((node) => ({ code: node.dataset.code, field: node.dataset.field ?? null }));
    assert.deepEqual(shown, { code, field }, name);
    if (fix) {
      assert.equal(await page.locator(`${fix[0]}[aria-invalid=true]`).count(), 1, `${name}: the form marks the field`);
      await page.locator(fix[0]).fill(fix[1]);
      await page.locator("#example-price[data-exact]").waitFor();
    }
    assert.equal(await page.locator("#example-price").getAttribute("data-exact"), price, `${name}: the defaults' examples`);
    await page.waitForFunction(() => document.querySelectorAll('[data-table="sweep"] tbody tr').length > 0);
    await page.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length > 0);
    // The page keeps working: a parameter typed now is computed.
    await page.locator("#cfg-grantRate").fill("0.5");
    await page.waitForFunction((before) => document.querySelector("#example-price").dataset.exact !== before, price);
    assert.deepEqual(problems, [], name);
    await page.close();
  }
});

test("a sweep from a link with rounding and 10^5 orders a day runs in its worker: progress, Cancel, no long task", async () => {
  const rounding = { points: { scale: 2, mode: "down" }, price: { scale: 2, mode: "down" } };
  const { page, problems } = await openWatched(link({ config: { rounding }, scenario: { ordersPerDay: "100000", days: 30 }, sweep: { field: "poolRate", from: "0.1", to: "0.5", steps: 9, days: 180 } }));
  await page.waitForFunction(() => document.querySelectorAll('[data-table="sweep"] tbody tr').length === 9, null, { timeout: 120_000 });
  const rows = await page.locator('[data-table="sweep"] tbody tr').count();
  assert.equal(rows, 9);
  const longest = await longestTask(page);
  assert.ok(longest <= LONGEST_TASK_MS, `longest main-thread task ${longest.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a sweep under way shows its progress and can be cancelled; a cancelled sweep draws nothing", async () => {
  const page = await browser.context.newPage();
  // The sweep's worker is held back, so that the sweep is still under way when Cancel is clicked.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route("**/workers/sweep.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${browser.origin}/operator.html`);
  await page.locator("#example-price").waitFor();
  await page.waitForFunction(() => document.querySelector("#sweep-status").dataset.code === "sweeping");
  assert.equal(await page.locator("#sweep-cancel").isVisible(), true, "Cancel is offered while the sweep runs");
  await page.locator("#sweep-cancel").click();
  assert.equal(await page.locator("#sweep-status").getAttribute("data-code"), "cancelled");
  assert.equal(await page.locator("#sweep-cancel").isVisible(), false);
  release();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-table="sweep"]').count(), 0, "a cancelled sweep draws nothing");
  // The next change sweeps again, in a fresh worker.
  await page.locator("#sw-steps").fill("3");
  await page.waitForFunction(() => document.querySelectorAll('[data-table="sweep"] tbody tr').length === 3, null, { timeout: 60_000 });
  await page.close();
});

test("a 200,000-member snapshot is read in the audit worker: no long task on the page", async () => {
  // Set by path, as a member picks a file: a buffer would be copied into the page by the test itself.
  const path = join(mkdtempSync(join(tmpdir(), "points-pool-snapshot-")), "snapshot.json");
  writeFileSync(path, generateSnapshot(200_000));
  const { page, problems } = await openWatched("?lang=en");
  await page.evaluate(() => {
    window.longTasks = [];
  });
  await page.locator("#start-snapshot").setInputFiles(path);
  await page.waitForFunction(() => document.querySelector("#start-snapshot-status").dataset.code === "", null, { timeout: 60_000 });
  assert.match(await page.locator("#start-snapshot-status").textContent(), /200,000|100/);
  const longest = await longestTask(page);
  assert.ok(longest <= LONGEST_TASK_MS, `longest main-thread task ${longest.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});
