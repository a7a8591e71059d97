// 核对 / Check in every state (issue 19, items 2, 5, 6, 7 and the CSV of item 11): the platform's
// rounding taken and stated, the verdict in view on a phone with the lines at fault first and
// named, the formats members paste, a 5,000-line paste drawn in pages and checked once the text
// settles. Expected figures are the engine's `checkHistory` in Node; the element is read by its
// verdicts, `data-exact` and the summary's data, never its words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";
import { launch, open, part, ARTIFACTS } from "./browser.mjs";
import { demoSnapshot, embed, engine, listen, readPart } from "./element.mjs";
import { checkText } from "../../www/element/check-text.js";
import { PAGE } from "../../www/element/check-view.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const SEED_ROUNDING = { points: { scale: 2, mode: "down" }, price: { scale: 2, mode: "down" } };

/** The engine's check of `lines` under `config` at `snapshot`'s price (the demo pool's by default). */
function expectedCheck(lines, config = demoSnapshot.config, snapshot = demoSnapshot) {
  const pool = engine.PointsPool.fromState(snapshot);
  const price = pool.state().price;
  pool.free();
  return engine.checkHistory(config, lines, price);
}

/** Opens 核对 and pastes `lines` into it, as a browser does: the text at once, one input event. */
async function paste(page, lines, host = "points-calculator") {
  await page.locator(host).evaluate((node) => { node.task = "check"; });
  await page.locator(host).locator('[part~="check-input"]').waitFor();
  await page.locator(host).evaluate((node, text) => {
    const box = node.shadowRoot.querySelector('[part~="check-input"]');
    box.value = text;
    box.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", data: text, bubbles: true }));
  }, lines);
}

/** The summary's data, once a summary for `lines` lines is shown. */
async function summaryOf(page) {
  await part(page, "check-summary").waitFor();
  return readPart(page, "check-summary");
}

/** Every line shown: its number, verdict and difference, in the order shown. */
function linesShown(page) {
  return page.locator("points-calculator").evaluate((node) => [...node.shadowRoot.querySelectorAll('[part~="check-line"]')].map((line) =>
    ({ line: Number(line.dataset.line), verdict: line.dataset.verdict, difference: line.querySelector(".difference").dataset.exact })));
}

test("item 2: 核对 takes the platform's rounding from attributes or the snapshot, and states it with its tolerance", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`, { width: 900, height: 1100 });
  const published = { pool: "3000", supply: "579.93" };
  await embed(page, published);
  // The seed's first example, B's grant planted 0.05 short: 14.73 for 14.78.
  const lines = "消费,100,1,21.00\n消费,100,1.42,14.73\n";
  await paste(page, lines);
  let summary = await summaryOf(page);
  assert.deepEqual([summary.rounding, summary.tolerancePoints], ["exact", "0.0000000000001"], "exact, and said so");
  const exact = expectedCheck(lines, {}, published);
  assert.equal(exact.lines[1].difference, "-0.0587323943661", "exact arithmetic against a rounding platform: every line differs");
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelectorAll('[part~="check-line"]').length === 2);
  assert.deepEqual((await linesShown(page)).map((line) => line.difference), ordered(exact).map((line) => line.difference));
  // The platform's rounding, declared on the embed: the planted line is 0.05 short, the right one exactly right.
  await page.locator("points-calculator").evaluate((node) => Object.assign(node, { roundingPoints: "2 down", roundingPrice: "2 down" }));
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="check-summary"]')?.dataset.tolerancePoints === "0.01");
  summary = await readPart(page, "check-summary");
  assert.deepEqual(JSON.parse(summary.rounding), SEED_ROUNDING);
  const rounded = expectedCheck(lines, { rounding: SEED_ROUNDING }, published);
  assert.deepEqual(await linesShown(page), [{ line: 2, verdict: "short", difference: "-0.05" }, { line: 1, verdict: "ok", difference: "0" }]);
  assert.deepEqual(rounded.lines.map((line) => line.difference), ["0", "-0.05"]);
  assert.equal(summary.shortLines, "2");
  await page.screenshot({ path: new URL("check-zh-CN.png", ARTIFACTS).pathname, fullPage: true });
  // A state-src snapshot brings its own rounding.
  const pool = new engine.PointsPool({ rounding: { ...SEED_ROUNDING, money: { scale: 2, mode: "halfUp" } } });
  for (let n = 1; n <= 10; n += 1) pool.purchase(`m${n}`, "100");
  const snapshot = pool.publicSnapshot();
  pool.free();
  await page.route("**/rounded-pool.json", (route) => route.fulfill({ json: snapshot }));
  await page.locator("points-calculator").evaluate((node) => Object.assign(node, { roundingPoints: null, roundingPrice: null, stateSrc: "rounded-pool.json" }));
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="check-summary"]')?.dataset.toleranceMoney === "0.01");
  assert.deepEqual(JSON.parse((await readPart(page, "check-summary")).rounding), snapshot.config.rounding);
  assert.deepEqual(problems, []);
  await page.close();
});

function ordered(report) {
  const rank = { short: 0, over: 1, withinShare: 2, ok: 3 };
  return [...report.lines].sort((a, b) => rank[a.verdict] - rank[b.verdict] || a.line - b.line);
}

test("item 5: on a 360 px phone every verdict is in view, the lines at fault come first and are named", async () => {
  const lines = ["type,value,price,result,note", "消费,100,1,21,A", "消费,100,1.4285714285714285714285714286,14.7,B",
    "提现,1,2,1.6,C", "消费,50,2,5.25,D", "提现,2,2,3.5,E", "消费,100,2,10.4,F"].join("\n");
  const report = expectedCheck(lines);
  const faults = report.lines.filter((line) => line.verdict !== "ok").map((line) => line.line);
  assert.deepEqual(faults, [6, 7], "the engine finds lines 6 (over) and 7 (short)");
  for (const lang of ["zh-CN", "en"]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/?lang=${lang}`, { width: 360, height: 780 });
    await paste(page, lines);
    const summary = await summaryOf(page);
    assert.deepEqual([summary.shortLines, summary.overLines], ["7", "6"]);
    const shown = await linesShown(page);
    assert.deepEqual(shown.map((line) => line.line), ordered(report).map((line) => line.line), "short, then over, then the rest");
    const layout = await page.evaluate(() => ({
      page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      verdicts: [...document.querySelector("points-calculator").shadowRoot.querySelectorAll('[part~="check-line"] .verdict')].map((node) => node.getBoundingClientRect().right),
      lists: [...document.querySelector("points-calculator").shadowRoot.querySelectorAll('[part~="check-lines"]')].map((node) => [node.scrollWidth, node.clientWidth]),
    }));
    assert.ok(layout.page[0] <= layout.page[1], `${lang}: the page is ${layout.page[0]} px wide`);
    for (const right of layout.verdicts) assert.ok(right <= 360, `${lang}: a verdict ends at ${right} px`);
    for (const [scroll, client] of layout.lists) assert.ok(scroll <= client, `${lang}: the lines scroll sideways (${scroll} > ${client})`);
    await page.screenshot({ path: new URL(`check-phone-${lang}.png`, ARTIFACTS).pathname, fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("item 6: the formats members paste are read by the engine, or refused with the real reason", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`, { width: 900, height: 1100 });
  const histories = [
    "类型,金额（元）,积分价格,到账,日期\n消费,\"1,299.00\",1,272.79,2026-11-01\n提现,10,2,16,2026-11-02\n",
    "类型\t金额\t价格\t结果\t备注\n消费\t¥1,299.00\t1\t272.79\t订单 1\n提现\t10\t2\t16\t\n",
    "type;value;price;result\n消费;¥1,299.00;1;272.79\n提现;10;2;16\n",
    "消费,¥1,299.00,1,272.79\n提现,10,2,¥16.00\n",
    "{\"type\":\"消费\",\"value\":1299,\"price\":1,\"result\":272.79}\n{\"类型\":\"提现\",\"金额\":10,\"价格\":2,\"到账\":16}\n",
  ];
  for (const lines of histories) {
    const expected = expectedCheck(lines);
    assert.deepEqual(expected.lines.map((line) => [line.value, line.verdict]), [["1299", "ok"], ["10", "ok"]], lines);
    await paste(page, lines);
    await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelectorAll('[part~="check-line"][data-verdict="ok"]').length === 2);
    const values = await page.locator("points-calculator").evaluate((node) => [...node.shadowRoot.querySelectorAll('[part~="check-line"] .value')].map((cell) => cell.dataset.exact));
    assert.deepEqual(values, ["1299", "10"], lines);
  }
  // What cannot be read says why, by the engine's problem.
  await paste(page, "消费,1,299.00,1,272.79,订单 1\n");
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="error"]').dataset.problem === "too_many_fields");
  await paste(page, "消费,100,,21\n");
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="error"]').dataset.problem === "missing_price");
  assert.deepEqual(await readPart(page, "error").then(({ code, line, field }) => ({ code, line, field })), { code: "invalid_ledger", line: "1", field: "price" });
  assert.equal(await part(page, "check-input").getAttribute("aria-invalid"), "true");
  assert.deepEqual(problems, []);
  await page.close();
});

/** `count` lines of a member's history at the demo pool's rules, every 500th grant 0.01 short. */
function longHistory(count) {
  const pool = new engine.PointsPool(demoSnapshot.config);
  const lines = [];
  for (let n = 1; n <= count; n += 1) {
    const price = pool.state().price;
    const receipt = pool.purchase(`m${n % 97}`, "100");
    const granted = n % 500 === 0 ? new Decimal(receipt.pointsGranted).minus("0.01").toFixed() : receipt.pointsGranted;
    lines.push(`消费,100,${price},${granted},订单 ${n}`);
  }
  pool.free();
  return lines.join("\n");
}

test("item 7: a 5,000-line paste is drawn in pages and checked once the text settles", async () => {
  const lines = longHistory(5_000);
  const expected = expectedCheck(lines);
  assert.equal(expected.totals.purchasesShort, 10);
  const { page, problems } = await open(browser.context, `${browser.origin}/`, { width: 360, height: 780 });
  await listen(page);
  await paste(page, lines);
  const summary = await summaryOf(page);
  assert.equal(summary.shortLines, expected.lines.filter((line) => line.verdict === "short").map((line) => line.line).join(" "));
  const count = () => page.locator("points-calculator").evaluate((node) => node.shadowRoot.querySelectorAll('[part~="check-line"]').length);
  assert.equal(await count(), PAGE, "one page of lines, the short ones first");
  assert.deepEqual((await linesShown(page)).slice(0, 10).map((line) => line.verdict), Array(10).fill("short"));
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 15_000, `the page is ${height} px tall, not 148,280`);
  await part(page, "check-more").click();
  await page.waitForFunction((want) => document.querySelector("points-calculator").shadowRoot.querySelectorAll('[part~="check-line"]').length === want, 2 * PAGE);
  // Keystrokes re-check only once the text settles: five keys, one check.
  await page.evaluate(() => { window.heard = []; });
  await part(page, "check-input").focus();
  await page.keyboard.press("End");
  await page.keyboard.type("\n消费,100", { delay: 20 });
  await page.waitForTimeout(800);
  const checks = await page.evaluate(() => window.heard.filter((event) => event.detail.task === "check" || event.type === "points-error").length);
  assert.equal(checks, 1, "one check after the typing settled");
  assert.deepEqual(problems, []);
  await page.close();
});

test("item 11: the check's CSV is in the page's language, with the engine's figures", async () => {
  for (const lang of ["zh-CN", "en"]) {
    const { page } = await open(browser.context, `${browser.origin}/?lang=${lang}`);
    const lines = "消费,100,1,21,A\n消费,100,1.4285714285714285714285714286,14.62,B\n";
    await paste(page, lines);
    await part(page, "check-export").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), part(page, "check-export").click()]);
    const csv = readFileSync(await download.path(), "utf8");
    const text = checkText[lang];
    const rows = csv.replace(/^\ufeff/, "").trimEnd().split("\r\n").map((row) => row.split(","));
    assert.deepEqual(rows[0], ["line", "kind", "value", "price", "published", "expected", "difference", "verdict", "exits", "note"].map((name) => text.csv[name]));
    const expected = expectedCheck(lines);
    assert.deepEqual(rows.slice(1).map((row) => [row[6], row[7]]), expected.lines.map((line) => [line.difference, text.verdicts[line.verdict]]));
    await page.close();
  }
});

test("a second element on a page checks with its own pool", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await embed(page, { pool: "3000", supply: "579.93", "rounding-points": "2 down" });
  await paste(page, "消费,100,1,21\n");
  const summary = await summaryOf(page);
  assert.equal(summary.tolerancePoints, "0.01");
  await page.close();
});

test("a text with a header and no line says nothing was checked, never that all 0 lines follow", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/?lang=en`, { width: 900, height: 1100 });
  await embed(page, { pool: "3000", supply: "579.93" });
  const lines = "type,value,price,result\n\n";
  assert.equal(expectedCheck(lines).finding, "nothingChecked");
  await paste(page, lines);
  await part(page, "check-summary").waitFor();
  const facts = await page.locator("points-calculator").evaluate((node) =>
    [...node.shadowRoot.querySelectorAll('[part~="check-summary"] [data-fact]')].map((fact) => fact.dataset.fact));
  assert.ok(facts.includes("nothingChecked"), facts.join(" "));
  assert.ok(!facts.includes("allOk"), facts.join(" "));
  assert.deepEqual(problems, []);
  await page.close();
});
