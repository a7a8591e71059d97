// Issue 21, item 3 on the element: a state-src snapshot and 核对's check run in the element's
// worker, never on the page. The worker gives what the engine in Node gives (figures, verdicts,
// codes, fields, lines); a newer text ends an older check and Cancel stops one; and Chromium's
// PerformanceObserver('longtask') sees no main-thread task over 200 ms while the element reads
// a 200,000-member snapshot or checks 100,000 lines (16 MB) pasted or picked as a file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, part } from "./browser.mjs";
import { demoSnapshot, engine, listen, quote, readPart, waitForCode } from "./element.mjs";
import { generateSnapshot } from "../support/snapshot.mjs";
import { generateHistory } from "../support/history.mjs";

/** The budget issue 21 sets for any one main-thread task. */
const LONGEST_TASK_MS = 200;

let browser;
const folder = mkdtempSync(join(tmpdir(), "points-pool-offmain-"));
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The demo page with every long task recorded, its element showing a first result. */
async function watched() {
  const page = await browser.context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${browser.origin}/`);
  await page.locator("points-calculator").evaluate((node) => { node.amount = "100"; });
  await part(page, "points-granted").waitFor();
  return { page, problems };
}

/** Forgets the long tasks so far (loading the page and compiling the engine are not the test's). */
const resetTasks = (page) => page.evaluate(() => { window.longTasks = []; });
const longestTask = async (page) => Math.max(0, ...(await page.evaluate(() => window.longTasks)));

/** What the engine in Node checks `lines` to at the demo pool. */
function expectedCheck(lines) {
  const pool = engine.PointsPool.fromState(demoSnapshot);
  const { price } = pool.state();
  pool.free();
  return engine.checkHistory(demoSnapshot.config, lines, price);
}

/** The engine's refusal of `call` in Node, as the element marks it. */
function refusal(call) {
  try {
    call();
  } catch (error) {
    return { code: error.code, field: error.field ?? undefined, line: error.line === undefined ? undefined : String(error.line), problem: error.problem ?? undefined };
  }
  throw new Error("the engine accepts it");
}

/**
 * Opens 核对 and pastes `lines` into it as a browser does: the text at once, one input event.
 * `settled`: the text is put in the box first and the browser given time to lay it out, long
 * tasks forgotten, then the input event sent: what is measured is the element's work, not the
 * browser's own insertion of 16 MB into a <textarea> (about 650 ms in Chromium here, with or
 * without the element: bench/freeze.mjs reports it).
 */
async function paste(page, lines, { settled = false } = {}) {
  await page.locator("points-calculator").evaluate((node) => { node.task = "check"; });
  await part(page, "check-input").waitFor();
  await page.locator("points-calculator").evaluate((node, text) => {
    node.shadowRoot.querySelector('[part~="check-input"]').value = text;
  }, lines);
  if (settled) {
    await page.waitForTimeout(1500);
    await resetTasks(page);
  }
  await page.locator("points-calculator").evaluate((node) => {
    node.shadowRoot.querySelector('[part~="check-input"]').dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
  });
}

const shortLines = (report) => report.lines.filter((line) => line.verdict === "short").map((line) => line.line).join(" ");

test("a 200,000-member state-src is read in the worker: the engine's figures, no long task", async () => {
  const path = join(folder, "pool.json");
  const text = generateSnapshot(200_000);
  writeFileSync(path, text);
  const pool = engine.PointsPool.fromSnapshot(text);
  const publicSnapshot = pool.publicSnapshot();
  pool.free();
  const { page, problems } = await watched();
  await page.route("**/big-pool.json", (route) => route.fulfill({ path, contentType: "application/json" }));
  await page.waitForTimeout(300);
  await resetTasks(page);
  await page.evaluate(() => {
    const node = document.createElement("points-calculator");
    node.setAttribute("state-src", "big-pool.json");
    node.amount = "100";
    document.querySelector("points-calculator").replaceWith(node);
  });
  // Said while it is read, then the figures of the engine in Node.
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="status"]')?.dataset.busy === "pool");
  const { receipt } = quote("100", publicSnapshot);
  await page.waitForFunction((want) => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="points-granted"]')?.dataset.exact === want, receipt.pointsGranted, { timeout: 120_000 });
  assert.equal((await readPart(page, "status")).busy, undefined, "no longer busy");
  const longest = await longestTask(page);
  assert.ok(longest < LONGEST_TASK_MS, `the longest main-thread task was ${longest.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a snapshot the engine refuses, or a body that is not JSON, small (read on the page) or big (in the worker): the engine's code and field", async () => {
  const bad = { ...engine.PointsPool.fromState(demoSnapshot).publicSnapshot(), supply: "-1" };
  const want = refusal(() => engine.PointsPool.fromSnapshot(JSON.stringify(bad)));
  assert.equal(want.code, "invalid_snapshot");
  // Over a megabyte: the same refusal from the worker (JSON's white space pads it).
  const big = JSON.stringify(bad) + " ".repeat(2 * 1024 * 1024);
  const { page, problems } = await watched();
  await listen(page);
  await page.route("**/bad-pool.json", (route) => route.fulfill({ json: bad }));
  await page.route("**/bad-big-pool.json", (route) => route.fulfill({ body: big, contentType: "application/json" }));
  await page.route("**/big-page.html", (route) => route.fulfill({ body: `<html>${" ".repeat(2 * 1024 * 1024)}</html>`, contentType: "text/html" }));
  const cases = [
    ["bad-pool.json", want.code, want.field], ["bad-big-pool.json", want.code, want.field],
    ["index.html", "state_json", undefined], ["big-page.html", "state_json", undefined],
  ];
  for (const [source, code, field] of cases) {
    await page.evaluate(() => { window.heard = []; });
    await page.locator("points-calculator").evaluate((node, value) => { node.stateSrc = value; }, source);
    // The same code as the case before may still be shown: the refusal heard is this source's.
    await page.waitForFunction(() => window.heard.some((event) => event.type === "points-error"));
    const error = await waitForCode(page, code);
    assert.deepEqual([error.field, error.source], [field, "setup"], source);
    const heard = await page.evaluate(() => window.heard.filter((event) => event.type === "points-error").map((event) => event.detail));
    assert.deepEqual(heard.map((detail) => detail.code), [code], `${source}: heard once`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("核对 of 100,000 lines (16 MB) pasted or picked runs in the worker: the engine's verdicts, no long task", async () => {
  const lines = generateHistory(100_000);
  const path = join(folder, "history.csv");
  writeFileSync(path, lines);
  const expected = expectedCheck(lines);
  assert.equal(expected.lines.length, 100_000);
  assert.equal(expected.totals.purchasesShort, 200);
  for (const how of ["paste", "file"]) {
    const { page, problems } = await watched();
    await listen(page);
    await page.locator("points-calculator").evaluate((node) => { node.task = "check"; });
    await part(page, "check-input").waitFor();
    await page.waitForTimeout(300);
    await resetTasks(page);
    if (how === "paste") await paste(page, lines, { settled: true });
    else await part(page, "check-file").setInputFiles(path);
    await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="check-status"]')?.dataset.state === "checking");
    await part(page, "check-summary").waitFor({ timeout: 120_000 });
    const summary = await readPart(page, "check-summary");
    assert.equal(summary.shortLines, shortLines(expected), how);
    const heard = await page.evaluate(() => window.heard.filter((event) => event.detail.task === "check").map((event) => event.detail.report.totals));
    assert.deepEqual(heard, [expected.totals], `${how}: one check, the engine's totals`);
    const longest = await longestTask(page);
    assert.ok(longest < LONGEST_TASK_MS, `${how}: the longest main-thread task was ${longest.toFixed(0)} ms`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("a refused line is the engine's code, line and problem; a newer text ends an older check; Cancel stops one", async () => {
  const { page, problems } = await watched();
  await listen(page);
  const badLines = "消费,100,1,21\n消费,100,,21\n";
  const want = refusal(() => expectedCheck(badLines));
  await paste(page, badLines);
  const error = await waitForCode(page, want.code);
  assert.deepEqual({ code: error.code, field: error.field, line: error.line, problem: error.problem }, want);
  assert.equal(error.source, "check");
  // A big paste, then at once a small one: only the small one is checked and heard.
  const big = generateHistory(100_000);
  const small = "消费,100,1,21.00\n";
  await page.evaluate(() => { window.heard = []; });
  await paste(page, big);
  await page.locator("points-calculator").evaluate(async (node, text) => {
    const root = node.shadowRoot;
    while (root.querySelector('[part~="check-status"]').dataset.state !== "checking") await new Promise((resolve) => setTimeout(resolve, 1));
    const box = root.querySelector('[part~="check-input"]');
    box.value = text;
    box.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
  }, small);
  await part(page, "check-summary").waitFor();
  await page.waitForTimeout(500);
  const heard = await page.evaluate(() => window.heard.filter((event) => event.detail.task === "check").map((event) => event.detail.report.lines.length));
  assert.deepEqual(heard, [1], "the older check never answers");
  // Cancel: the check stops, said so, and nothing is heard.
  await page.evaluate(() => { window.heard = []; });
  await paste(page, big);
  await part(page, "check-cancel").click();
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="check-results"] [data-state="cancelled"]'));
  assert.equal((await readPart(page, "check-status")).hidden, true);
  await page.waitForTimeout(500);
  assert.deepEqual(await page.evaluate(() => window.heard.filter((event) => event.detail.task === "check").length), 0);
  assert.deepEqual(problems, []);
  await page.close();
});
