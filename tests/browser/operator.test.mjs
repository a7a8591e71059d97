// The operator's page (www/operator.html) in Debian's Chromium, under the promised CSP:
// parameters and the seed's examples, comparison, sweep, gains, the ledger audit in a
// worker, share links and exports. Expected figures come from the same engine in Node.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, open, ARTIFACTS } from "./browser.mjs";
import { generateLedger } from "../support/ledger.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool, version } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

const DESKTOP = { width: 1280, height: 900 };
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openOperator(query = "") {
  const opened = await open(browser.context, `${browser.origin}/operator.html${query}`, DESKTOP);
  await opened.page.locator("#example-price").waitFor();
  return opened;
}

/** The seed's examples under `config`, as the engine in Node computes them. */
function examplesFor(config) {
  const pool = new PointsPool(config);
  const granted = ["A", "B", "C", "D"].map((member) => pool.purchase(member, "100").pointsGranted);
  for (let n = 5; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
  const result = { granted, price: pool.state().price, aValue: pool.member("A").value };
  pool.free();
  return result;
}

async function exactCells(page, selector) {
  return page.locator(selector).evaluateAll((cells) => cells.map((cell) => cell.dataset.exact));
}

/** Clicks an export button and gives the downloaded file's name and text. */
async function download(page, name) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-export="${name}"]`).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(path, "utf8") };
}

function writeTemporary(name, content) {
  const path = join(mkdtempSync(join(tmpdir(), "points-pool-ledger-")), name);
  writeFileSync(path, content);
  return path;
}

/** What a field's error says by the engine's code and field and the reason the page found. */
function errorOf(page, selector) {
  return page.locator(selector).evaluate((node) => ({ code: node.dataset.code, field: node.dataset.field, reason: node.dataset.reason }));
}

function parseCsv(text) {
  return text.trim().split("\n").map((line) => line.split(","));
}

test("editing a parameter updates the seed's examples; a bad one is marked with the engine's reason", async () => {
  const { page, problems } = await openOperator();
  const seed = examplesFor({});
  assert.deepEqual((await exactCells(page, '[data-table="examples"] tbody td:nth-child(2)')), seed.granted);
  assert.deepEqual(seed.granted, ["21", "14.7", "12.495", "11.2455"], "docs/model.md §6");
  assert.equal(await page.locator("#example-price").getAttribute("data-exact"), seed.price);

  await page.locator("#cfg-grantRate").fill("0.5");
  const changed = examplesFor({ grantRate: "0.5" });
  await page.waitForFunction((want) => document.querySelector("#example-a-value").dataset.exact === want, changed.aValue);
  assert.deepEqual(await exactCells(page, '[data-table="examples"] tbody td:nth-child(2)'), changed.granted);
  assert.equal(changed.granted[0], "15");

  // A refusal says why, found by the engine: out of the rule's range, or no number at all.
  for (const [typed, reason] of [["1.5", "rate"], ["abc", "notANumber"], ["0", "rate"]]) {
    await page.locator("#cfg-poolRate").fill(typed);
    await page.waitForFunction((want) => document.querySelector("#cfg-poolRate-error").dataset.reason === want, reason);
    assert.equal(await page.locator("#cfg-poolRate").getAttribute("aria-invalid"), "true");
    assert.deepEqual(await errorOf(page, "#cfg-poolRate-error"), { code: "invalid_config", field: "poolRate", reason }, typed);
  }
  await page.locator("#cfg-initialPrice").fill("0.001");
  await page.locator("#cfg-rounding-price-scale").fill("2");
  await page.locator("#cfg-poolRate").fill("0.3");
  await page.waitForFunction(() => document.querySelector("#cfg-initialPrice-error").dataset.reason === "belowPriceUnit");
  await page.locator("#cfg-initialPrice").fill("1");
  await page.locator("#cfg-rounding-price-scale").fill("");
  await page.locator("#cfg-poolRate").fill("1.5");
  await page.waitForFunction(() => document.querySelector("#cfg-poolRate").getAttribute("aria-invalid") === "true");
  assert.equal(await page.locator("#examples .error").count(), 1, "the examples say what to fix instead of staying blank");
  await page.locator("#cfg-poolRate").fill("0.3");
  await page.locator("#cfg-rounding-money-scale").fill("13");
  await page.waitForFunction(() => document.querySelector("#cfg-rounding-money-scale").getAttribute("aria-invalid") === "true");
  assert.deepEqual(await errorOf(page, "#cfg-rounding-money-scale-error"), { code: "invalid_config", field: "rounding.money.scale", reason: "scale" });
  await page.locator("#cfg-rounding-money-scale").fill("2");
  await page.waitForFunction(() => document.querySelector("#example-price") !== null);
  assert.equal(await page.locator("#cfg-poolRate").getAttribute("aria-invalid"), null);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the seed's first example: with the seed's rounding it gives 73.5 points at 2.04 (docs/model.md §6)", async () => {
  const { page, problems } = await openOperator();
  await page.locator("#seed-rounding").click();
  await page.waitForFunction(() => document.querySelector("#cfg-rounding-price-scale").value === "2"
    && document.querySelectorAll('[data-table="first-example"] tbody tr').length === 3
    && document.querySelector('[data-table="first-example"] tbody tr:last-child td:nth-child(5)').dataset.exact === "2.04");
  const cells = await page.locator('[data-table="first-example"] tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll("td")].slice(2).map((td) => td.dataset.exact)));
  assert.deepEqual(cells, [["21", "21", "1.42"], ["14.78", "35.78", "1.67"], ["37.72", "73.5", "2.04"]]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a comparison renders charts and a table, stress presets beside each set, Monte Carlo bands when asked", async () => {
  const { page, problems } = await openOperator();
  await page.locator("#add-set").click();
  await page.locator("#set-2-orderGrowth").fill("-0.01");
  await page.locator("#set-2-orderGrowth").dispatchEvent("change");
  const rows = page.locator('[data-table="comparison"] tbody tr');
  await page.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length === 3);
  assert.equal(await page.locator("#comparison-charts figure").count(), 4);
  assert.equal(await page.locator("#comparison-charts polyline").count(), 12, "3 sets × price, pool, supply, cash-out");
  // Set A is the base: its day-365 price is the engine's projection from the seed's state.
  const start = new PointsPool();
  for (let n = 1; n <= 100; n += 1) start.purchase(`m${n}`, "100");
  const points = start.purchase("typical", "100").pointsGranted;
  const { project } = await import(new URL("points_pool.js", pkg));
  const expected = project(start.publicSnapshot(), { days: 365, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01", points, spent: "100" });
  const aCells = await rows.nth(0).locator("td").evaluateAll((cells) => cells.map((cell) => cell.dataset.exact ?? cell.textContent));
  assert.equal(aCells[2], expected.days[365].price);
  assert.equal(aCells[6], expected.days[365].value);
  assert.equal(aCells[7], expected.days[365].cashOutValue);
  assert.equal(await rows.nth(0).locator("td").count(), 13, "9 columns and 4 stress presets");
  // The stress presets are what a cash-out pays under the cap, as the element shows: never above 2 × 100.
  const stressed = ["ordersStop", "withdrawalWave", "growthHalves", "negativeGrowth"].map((stress) =>
    project(start.publicSnapshot(), { days: 365, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01", points, spent: "100", stress }).days[365].cashOutValue);
  assert.deepEqual(aCells.slice(9, 13), stressed);
  for (const figure of aCells.slice(9, 13)) assert.ok(Number(figure) <= 200, `${figure} is under the ¥200 cap`);
  // The member's chart is the cash-out too: its largest figure is the cap, never ¥516.53.
  const tops = await page.locator("#comparison-charts figure").nth(3).locator("text[data-exact]").evaluateAll((labels) => labels.map((label) => label.dataset.exact));
  assert.deepEqual(tops, ["200"]);
  start.free();
  // Negative growth: set C ends below set A.
  const cValue = await rows.nth(2).locator("td").nth(6).getAttribute("data-exact");
  assert.ok(Number(cValue) < Number(aCells[6]));

  await page.locator("#monte-carlo").check();
  await page.waitForFunction(() => document.querySelectorAll("#comparison-charts polygon.band").length === 3, null, { timeout: 30_000 });
  assert.equal(await rows.nth(0).locator("td").count(), 17, "with P10, P50, P90 and the share reaching spending");
  const [p10, p50, p90] = await rows.nth(0).locator("td").evaluateAll((cells) => cells.slice(13, 16).map((cell) => Number(cell.dataset.exact)));
  assert.ok(p10 <= p50 && p50 <= p90, `${p10} ≤ ${p50} ≤ ${p90}`);
  assert.equal(await page.locator("#comparison-status").getAttribute("data-code"), "simulated");
  await page.screenshot({ path: new URL("operator-comparison.png", ARTIFACTS).pathname, fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a sweep charts the price after N days and the break-even multiple against the parameter", async () => {
  const { page, problems } = await openOperator("?lang=en");
  await page.locator("#sw-field").selectOption("payoutRate");
  await page.locator("#sw-from").fill("0.5");
  await page.locator("#sw-to").fill("0.9");
  await page.locator("#sw-steps").fill("5");
  await page.waitForFunction(() => document.querySelectorAll('[data-table="sweep"] tbody tr').length === 5);
  const values = await page.locator('[data-table="sweep"] tbody td:first-child').allTextContents();
  assert.deepEqual(values, ["0.5", "0.6", "0.7", "0.8", "0.9"]);
  const multiples = await exactCells(page, '[data-table="sweep"] tbody td:nth-child(4)');
  const view = (payoutRate) => {
    const pool = new PointsPool({ payoutRate });
    for (let n = 1; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
    pool.purchase("typical", "100");
    const result = pool.member("typical");
    pool.free();
    return result.breakEvenMultiple;
  };
  assert.deepEqual(multiples, values.map(view), "the engine's break-even multiples");
  assert.ok(multiples.map(Number).every((m, i, all) => i === 0 || m < all[i - 1]), "a higher payout needs less growth");
  assert.equal(await page.locator("#sweep-charts circle").count(), 10);
  await page.locator("#sw-steps").fill("1");
  await page.locator("#sweep-error").waitFor();
  assert.equal(await page.locator("#sweep-error").getAttribute("data-code"), "invalid_scenario");
  assert.deepEqual(problems, []);
  await page.close();
});

test("where the gain comes from: exact flows from the engine's receipts and the concentration of points", async () => {
  const { page, problems } = await openOperator();
  // A cap at 1× spending: members whose target is past it exit and forfeit points.
  await page.locator("#cfg-exitMultiple").fill("1");
  await page.locator("#gains-progress").waitFor();
  await page.waitForFunction(() => document.querySelector('#gains-result [data-source="forfeits"]') !== null, null, { timeout: 30_000 });
  const amounts = await page.locator("#gain-bars [data-source]").evaluateAll((cells) => Object.fromEntries(cells.map((cell) => [cell.dataset.source, Number(cell.dataset.exact)])));
  assert.ok(amounts.surplus > 0 && amounts.cuts > 0, JSON.stringify(amounts));
  assert.ok(amounts.forfeits > 0, "a 1× cap makes members exit and forfeit points");
  assert.ok(Number(await page.locator("#gains-exits").getAttribute("data-exact")) > 0);
  const top1 = Number(await page.locator("#top-1").getAttribute("data-exact"));
  const top10 = Number(await page.locator("#top-10").getAttribute("data-exact"));
  assert.ok(top1 > 0 && top1 <= top10 && top10 <= 1);
  const snapshot = await download(page, "gains-snapshot");
  const loaded = PointsPool.fromSnapshot(snapshot.text);
  assert.equal(loaded.snapshot().members, undefined, "public: no members");
  loaded.free();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a 100,000-row ledger with planted price errors is audited in a worker and the first error found", async () => {
  const wrong = new Map([[31_337, "1.0000"], [64_000, "99999.9999"], [99_999, "0.0001"]]);
  const ledger = generateLedger(100_000, { wrong });
  const { page, problems } = await openOperator("?lang=en");
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: "longtask" });
  });
  // A file on disk, as a user picks it: Chromium reads it itself, nothing passes through the page.
  await page.locator("#ledger-file").setInputFiles(writeTemporary("ledger.csv", ledger.text));
  await page.locator("#audit-report").waitFor({ timeout: 60_000 });
  const report = JSON.parse(await page.locator("#audit-report").getAttribute("data-report"));
  assert.equal(report.receipts, 100_000);
  assert.equal(report.checked, 100_000);
  assert.equal(report.mismatches, 3);
  assert.equal(report.firstMismatch.seq, 31_337);
  assert.equal(report.firstMismatch.published, "1.0000");
  assert.equal(await page.locator("#audit-mismatches").textContent(), "3");
  const final = await exactCells(page, '[data-table="audit-state"] tbody td');
  assert.deepEqual([final[0], final[1]], [ledger.state.pool, ledger.state.supply], "the final pool is the generator's, to the digit");
  const exported = await download(page, "audit-snapshot");
  const reloaded = PointsPool.fromSnapshot(exported.text);
  assert.equal(reloaded.state().pool, ledger.state.pool);
  reloaded.free();
  const longest = Math.max(0, ...await page.evaluate(() => window.longTasks));
  assert.ok(longest < 100, `main-thread tasks stay under 100 ms during the audit (longest ${longest} ms)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a bad ledger names its line; a dropped file is audited too; cancel stops a long audit", async () => {
  const { page, problems } = await openOperator();
  const bad = "seq,type,member,value,priceAfter\n1,purchase,A,100,1.4285\n2,purchase,B,100\n3,buy,C,100\n";
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], "bad.csv", { type: "text/csv" }));
    return transfer;
  }, bad);
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer });
  await page.locator("#audit-error").waitFor();
  assert.deepEqual(await page.locator("#audit-error").evaluate((node) => ({ ...node.dataset })), { code: "invalid_ledger", problem: "unknown_type", line: "4" });

  await page.locator("#ledger-file").setInputFiles({ name: "binary.csv", mimeType: "text/csv", buffer: Buffer.from([0xff, 0xfe, 0x00, 0x41]) });
  await page.waitForFunction(() => document.querySelector("#audit-error")?.dataset.problem === "not_utf8");

  const long = generateLedger(150_000).text;
  await page.locator("#ledger-file").setInputFiles(writeTemporary("long.csv", long));
  await page.locator("#audit-cancel").click();
  await page.waitForFunction(() => document.querySelector("#audit-status").textContent.includes("已取消"));
  assert.equal(await page.locator("#audit-report").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an audit can start from a published snapshot", async () => {
  const ledger = generateLedger(3_000).text.trimEnd().split("\n");
  const [header, rows] = [ledger[0], ledger.slice(1)];
  const before = new PointsPool();
  before.replay([header, ...rows.slice(0, 2_000)].join("\n"));
  const snapshot = JSON.stringify(before.snapshot());
  before.free();
  const rest = [header, ...rows.slice(2_000)].join("\n");
  const { page, problems } = await openOperator("?lang=en");
  await page.locator("#start-snapshot").setInputFiles({ name: "snapshot.json", mimeType: "application/json", buffer: Buffer.from(snapshot) });
  await page.waitForFunction(() => document.querySelector("#start-snapshot-status").dataset.code === "");
  await page.locator("#ledger-file").setInputFiles(writeTemporary("rest.csv", rest));
  await page.locator("#audit-report").waitFor();
  const report = JSON.parse(await page.locator("#audit-report").getAttribute("data-report"));
  assert.deepEqual([report.receipts, report.mismatches], [1_000, 0]);
  await page.locator("#start-snapshot").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from('{"format":"points-pool/9"}') });
  await page.waitForFunction(() => document.querySelector("#start-snapshot-status").dataset.code === "invalid_snapshot");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a share link restores the screen and carries the engine version; exports parse back", async () => {
  const { page, problems } = await openOperator();
  await page.locator("#cfg-payoutRate").fill("0.7");
  await page.locator("#sc-ordersPerDay").fill("250");
  await page.locator("#add-set").click();
  await page.locator("#set-2-poolRate").fill("0.4");
  await page.locator("#set-2-poolRate").dispatchEvent("change");
  await page.locator("#sw-field").selectOption("withdrawRate");
  await page.locator("#sw-from").fill("0");
  await page.locator("#sw-to").fill("0.05");
  await page.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length === 3);
  const link = await page.locator("#share-link").inputValue();
  assert.equal(new URL(link).searchParams.get("v"), version());
  const screen = async (target) => ({
    examples: await exactCells(target, '[data-table="examples"] td'),
    comparison: await target.locator('[data-table="comparison"]').innerText(),
    sweep: await target.locator('[data-table="sweep"]').innerText(),
    payout: await target.locator("#cfg-payoutRate").inputValue(),
    orders: await target.locator("#sc-ordersPerDay").inputValue(),
  });
  const before = await screen(page);
  const comparisonCsv = await download(page, "comparison-csv");
  const sweepJson = await download(page, "sweep-json");
  const seriesCsv = await download(page, "comparison-series-csv");

  const { page: restored, problems: restoredProblems } = await open(browser.context, link, DESKTOP);
  await restored.locator("#example-price").waitFor();
  await restored.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length === 3);
  assert.deepEqual(await screen(restored), before);
  assert.equal(await restored.locator("#version-note").isVisible(), false);

  // Exports: the CSV holds the table's exact figures, the JSON the sweep's rows.
  assert.equal(comparisonCsv.name, "comparison.csv");
  const csv = parseCsv(comparisonCsv.text);
  assert.equal(csv.length, 4);
  const tablePrice = await page.locator('[data-table="comparison"] tbody tr:first-child td:nth-child(3)').getAttribute("data-exact");
  assert.equal(csv[1][2], tablePrice);
  const sweep = JSON.parse(sweepJson.text);
  assert.equal(sweep.length, 9);
  assert.equal(sweep[0][Object.keys(sweep[0])[0]], "0");
  assert.equal(parseCsv(seriesCsv.text).length, 1 + 3 * 366, "a row a day a set");

  // A link from another engine version says so.
  const old = new URL(link);
  old.searchParams.set("v", "0.0.1");
  const { page: stale } = await open(browser.context, old.toString(), DESKTOP);
  await stale.locator("#version-note").waitFor();
  assert.match(await stale.locator("#version-note").textContent(), /0\.0\.1/);
  await page.screenshot({ path: new URL("operator-zh-CN.png", ARTIFACTS).pathname, fullPage: true });
  assert.deepEqual([...problems, ...restoredProblems], []);
  await Promise.all([page.close(), restored.close(), stale.close()]);
});

test("the operator page fits a 360 px phone, marks a bad shared parameter, and keeps the address bar as the share link", async () => {
  for (const lang of ["zh-CN", "en"]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/operator.html?lang=${lang}`, { width: 360, height: 800 });
    await page.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length > 0);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, `${lang}: no sideways scroll`);
    assert.deepEqual(problems, []);
    await page.close();
  }
  const config = encodeURIComponent(JSON.stringify({ poolRate: "5" }));
  const { page, problems } = await open(browser.context, `${browser.origin}/operator.html?config=${config}`);
  await page.locator("#cfg-poolRate[aria-invalid=true]").waitFor();
  assert.deepEqual(await errorOf(page, "#cfg-poolRate-error"), { code: "invalid_config", field: "poolRate", reason: "rate" });
  assert.match(await page.locator("#examples").textContent(), /\S/, "the examples say what to fix instead of staying blank");
  await page.locator("#cfg-poolRate").fill("0.25");
  await page.locator("#cfg-poolRate").dispatchEvent("change");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("config")?.includes('"poolRate":"0.25"'));
  assert.equal(await page.evaluate(() => location.href), await page.locator("#share-link").inputValue());
  assert.deepEqual(problems, []);
  await page.close();
});

test("Monte Carlo under a rounding says why it does not run, and the share link keeps the box", async () => {
  const { page, problems } = await openOperator();
  await page.locator("#monte-carlo").check();
  await page.waitForFunction(() => document.querySelector("#comparison-status").dataset.code === "simulated", null, { timeout: 30_000 });
  const link = await page.locator("#share-link").inputValue();
  assert.equal(new URL(link).searchParams.get("mc"), "1");
  const { page: restored } = await open(browser.context, link, DESKTOP);
  await restored.locator("#example-price").waitFor();
  assert.equal(await restored.locator("#monte-carlo").isChecked(), true, "the link restores the Monte Carlo box");
  await restored.close();
  // A rounded pool: no band is computed, no "simulated" is said, and the box says why.
  await page.locator("#cfg-rounding-price-scale").fill("2");
  await page.waitForFunction(() => document.querySelector("#monte-carlo").disabled);
  assert.equal(await page.locator("#monte-carlo-note").isVisible(), true);
  assert.equal(await page.locator("#monte-carlo-note").getAttribute("data-code"), "exactOnly");
  await page.waitForFunction(() => document.querySelector("#comparison-status").dataset.code === "exactOnly", null, { timeout: 60_000 });
  assert.equal(await page.locator("#comparison-charts polygon.band").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a scenario field the engine refuses is marked where it was typed, with its reason, and no empty table is drawn", async () => {
  const { page, problems } = await openOperator();
  await page.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length > 0, null, { timeout: 60_000 });
  const cases = [
    ["days", "5000", "invalid_scenario", "outOfRange", "30"],
    ["ordersPerDay", "1e3", "invalid_scenario", "notANumber", "100"],
    // The average order is the typical member's purchase: refused as an amount, marked as the field.
    ["averageOrder", "0", "amount_must_be_positive", undefined, "100"],
  ];
  for (const [name, typed, code, reason, right] of cases) {
    await page.locator(`#sc-${name}`).fill(typed);
    await page.waitForFunction((id) => document.getElementById(id).getAttribute("aria-invalid") === "true", `sc-${name}`, { timeout: 60_000 });
    const shown = await errorOf(page, `#sc-${name}-error`);
    assert.deepEqual([shown.code, shown.reason], [code, reason], typed);
    assert.equal(await page.locator('[data-table="comparison"]').count(), 0, `${typed}: no empty table`);
    await page.locator(`#sc-${name}`).fill(right);
  }
  await page.waitForFunction(() => document.querySelectorAll('[data-table="comparison"] tbody tr').length > 0, null, { timeout: 60_000 });
  assert.equal(await page.locator("#sc-days").getAttribute("aria-invalid"), null, "the mark goes when it is right");
  assert.deepEqual(problems, []);
  await page.close();
});
