// The member's calculator in a real Chromium (Debian's), served under the CSP that
// merchants are promised, as `make serve` serves it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open, part, ARTIFACTS } from "./browser.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool, checkHistory } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });
const demoSnapshot = JSON.parse(readFileSync(new URL("../../www/demo-pool.json", import.meta.url), "utf8"));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What the engine grants for `amount` on the demo pool, as the element shows it. */
function engineQuote(amount) {
  const pool = PointsPool.fromSnapshot(demoSnapshot);
  const receipt = pool.purchase("you", amount);
  const view = pool.member("you");
  pool.free();
  return { receipt, view };
}

/** Waits until the shadow part `name` shows the engine figure `exact`. */
function waitForExact(page, name, exact, selector = "points-calculator") {
  return page.waitForFunction(
    ([host, partName, want]) => document.querySelector(host).shadowRoot.querySelector(`[part~="${partName}"]`)?.dataset.exact === want,
    [selector, name, exact],
  );
}

/** Waits until the element's error message matches `pattern` (a RegExp source). */
function waitForError(page, pattern) {
  return page.waitForFunction(
    ([source]) => new RegExp(source).test(document.querySelector("points-calculator").shadowRoot.querySelector('[part~="error"]').textContent),
    [pattern],
  );
}

/** Waits until the worker's projection is drawn (the sentence under the horizon has text). */
function waitForProjection(page, selector = "points-calculator") {
  return page.waitForFunction(
    ([host]) => document.querySelector(host).shadowRoot.querySelector('[part~="projected-value"]').textContent !== "",
    [selector],
  );
}

async function waitForResult(page, partName = "points-granted") {
  await part(page, partName).waitFor({ state: "visible" });
  return part(page, partName);
}

test("typing １００元 shows exactly the points the engine grants", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await part(page, "amount-input").fill("１００元");
  const granted = await waitForResult(page);
  const expected = engineQuote("100");
  assert.equal(await granted.getAttribute("data-exact"), expected.receipt.pointsGranted);
  assert.equal(await part(page, "value-now").getAttribute("data-exact"), expected.view.value);
  assert.equal(await part(page, "cash-out-now").getAttribute("data-exact"), expected.view.cashOutValue);
  assert.match(await part(page, "value-now").textContent(), /¥\d+\.\d\d/);
  await waitForProjection(page);
  assert.match(await part(page, "projected-value").textContent(), /30 天后提现可得 ¥[\d,]+\.\d\d/);
  // The disclaimer stands above the numbers it qualifies and names the cut and the cap.
  assert.match(await part(page, "disclaimer").textContent(), /不是收益承诺.*提现要扣除.*出局上限/);
  assert.ok(await page.locator("points-calculator").evaluate((node) => {
    const [disclaimer, projected] = ["disclaimer", "projected-value"].map((name) => node.shadowRoot.querySelector(`[part~="${name}"]`));
    return Boolean(disclaimer.compareDocumentPosition(projected) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), "the disclaimer comes first");
  assert.equal(await part(page, "chart").locator("polyline").count(), 3);
  await page.screenshot({ path: new URL("desktop-zh-CN.png", ARTIFACTS).pathname, fullPage: true });
  assert.deepEqual(problems, [], "no console errors, no CSP violations");
  await page.close();
});

test("friendly input forms all reach the engine as the same decimal", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const expected = engineQuote("1000.5").receipt.pointsGranted;
  for (const typed of ["¥1,000.50", "1000.50元", " 1 000.5 ", "１０００．５", "￥1，000.50"]) {
    await part(page, "amount-input").fill(typed);
    await waitForExact(page, "points-granted", expected);
  }
  await page.close();
});

test("a bad amount shows a localized message, never NaN or an empty box", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const cases = [
    ["abc", "请输入数字，例如 100 或 99.5"],
    ["0", "金额必须大于 0"],
    ["-5", "金额必须大于 0"],
    ["1.12345678901", "小数位数太多"],
    ["10000000000000", "金额不能超过 1 万亿元"],
  ];
  for (const [typed, message] of cases) {
    await part(page, "amount-input").fill(typed);
    await waitForError(page, `^${message}$`);
    const shown = await page.locator("points-calculator").evaluate((element) => element.shadowRoot.textContent);
    assert.doesNotMatch(shown, /NaN|undefined|null/);
    assert.equal(await part(page, "points-granted").count(), 0, "no stale result beside the message");
  }
  await page.close();
});

test("my points: value, cash-out and progress toward the cap", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await page.locator("points-calculator").evaluate((element) => element.shadowRoot.querySelector("#points-tab").click());
  await part(page, "points-input").fill("21");
  await part(page, "spent-input").fill("100");
  await waitForResult(page, "value-now");
  const pool = PointsPool.fromSnapshot(demoSnapshot);
  const view = pool.holding("21", "100", undefined);
  pool.free();
  await waitForExact(page, "cap-left", view.capLeft);
  assert.equal(await part(page, "value-now").getAttribute("data-exact"), view.value);
  assert.equal(await part(page, "cash-out-now").getAttribute("data-exact"), view.cashOutValue);
  const facts = await part(page, "facts").textContent();
  assert.match(facts, /提现只付 80%/);
  assert.match(facts, /价格需涨到现在的 [\d.]+ 倍/);
  assert.match(facts, /出局上限 ¥200\.00/);
  await page.close();
});

test("English on request, from the element or the page", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/?lang=en`);
  await part(page, "amount-input").fill("100");
  await waitForResult(page);
  const text = await page.locator("points-calculator").evaluate((element) => element.shadowRoot.textContent);
  assert.match(text, /Points granted/);
  assert.match(text, /Cashing out pays 80%/);
  assert.match(text, /not a promise/);
  assert.match(await part(page, "value-now").textContent(), /^CN¥|^¥/);
  await page.screenshot({ path: new URL("desktop-en.png", ARTIFACTS).pathname, fullPage: true });
  await part(page, "amount-input").fill("x");
  await waitForError(page, "^Enter a number");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a 360 px phone does not scroll sideways, and the chart stays legible", async () => {
  for (const lang of ["zh-CN", "en"]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/?lang=${lang}`, { width: 360, height: 780 });
    await part(page, "amount-input").fill("100");
    await waitForResult(page);
    await waitForProjection(page);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px viewport`);
    const chart = await part(page, "chart").boundingBox();
    assert.ok(chart.width >= 280, `chart ${chart.width} px wide`);
    const smallest = await page.locator("points-calculator").evaluate((element) =>
      Math.min(...[...element.shadowRoot.querySelectorAll("button, input")]
        .map((node) => node.getBoundingClientRect())
        .filter((box) => box.width > 0) // the hidden task's fields
        .map((box) => box.height)));
    assert.ok(smallest >= 44, `touch targets at least 44 px (smallest ${smallest})`);
    await page.screenshot({ path: new URL(`phone-${lang}.png`, ARTIFACTS).pathname, fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("keyboard alone: tab to the amount, arrows between tasks", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await page.locator("points-calculator").evaluate((element) => element.shadowRoot.querySelector("#purchase-tab").focus());
  await page.keyboard.press("ArrowRight");
  const selected = await page.locator("points-calculator").evaluate((element) =>
    element.shadowRoot.querySelector("#points-tab").getAttribute("aria-selected"));
  assert.equal(selected, "true");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("Tab");
  await page.keyboard.type("100");
  await waitForResult(page);
  await page.close();
});

test("attribute changes re-render with the new parameters", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await part(page, "amount-input").fill("100");
  const before = await (await waitForResult(page)).getAttribute("data-exact");
  await page.locator("points-calculator").evaluate((element) => element.setAttribute("grant-rate", "0.5"));
  const changed = { ...demoSnapshot, config: { ...demoSnapshot.config, grantRate: "0.5" } };
  const pool = PointsPool.fromSnapshot(changed);
  const expected = pool.quotePurchase("100").pointsGranted;
  pool.free();
  assert.notEqual(expected, before);
  await waitForExact(page, "points-granted", expected);
  await page.locator("points-calculator").evaluate((element) => {
    element.removeAttribute("state-src");
    element.setAttribute("pool", "3000");
    element.setAttribute("supply", "579.93");
  });
  const fromAttributes = PointsPool.fromSnapshot({
    format: "points-pool/1", config: { grantRate: "0.5" }, pool: "3000", supply: "579.93", orders: 0,
    totals: { contributed: "3000", paidOut: "0", redeemed: "0" },
  });
  const attributesExpected = fromAttributes.quotePurchase("100").pointsGranted;
  fromAttributes.free();
  await waitForExact(page, "points-granted", attributesExpected);
  await page.close();
});

test("state-src: a good snapshot is used, a missing or invalid one says so", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const element = page.locator("points-calculator");
  await element.evaluate((node) => node.setAttribute("state-src", "no-such-file.json"));
  await waitForError(page, "无法读取积分池数据：服务器回答 HTTP 404");
  await element.evaluate((node) => node.setAttribute("state-src", "index.html"));
  await waitForError(page, "无法读取积分池数据：不是 JSON 数据");
  await element.evaluate((node) => node.setAttribute("state-src", "https://elsewhere.example/pool.json"));
  await waitForError(page, "无法读取积分池数据：state-src 必须与本页同源");
  await element.evaluate((node) => node.setAttribute("state-src", "demo-pool.json"));
  await part(page, "amount-input").fill("100");
  await waitForExact(page, "points-granted", engineQuote("100").receipt.pointsGranted);
  await page.close();
});

test("an invalid snapshot shape is refused with the engine's reason", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await page.locator("points-calculator").evaluate((node) => {
    node.removeAttribute("state-src");
    node.setAttribute("pool", "-5");
    node.setAttribute("supply", "10");
  });
  await waitForError(page, "积分池数据无效");
  await page.close();
});

test("two elements on a page share one engine load", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  const wasmLoads = [];
  page.on("request", (request) => request.url().endsWith(".wasm") && wasmLoads.push(request.url()));
  await page.evaluate(() => {
    const second = document.createElement("points-calculator");
    second.setAttribute("pool", "3000");
    second.setAttribute("supply", "579.93");
    second.setAttribute("lang", "en");
    second.id = "second";
    document.body.append(second);
  });
  await part(page, "amount-input", "#second").fill("50");
  await part(page, "points-granted", "#second").waitFor();
  assert.deepEqual(wasmLoads, [], "the engine was already loaded");
  assert.deepEqual(problems, []);
  await page.close();
});

/** A pool with money and points rounded to cents: projections follow every order there. */
function roundedSnapshot() {
  const pool = new PointsPool({ rounding: { money: { scale: 2, mode: "halfUp" }, points: { scale: 2, mode: "down" } } });
  for (let n = 1; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
  const snapshot = pool.publicSnapshot();
  pool.free();
  return snapshot;
}

test("projections run in a worker: results come at once, long work shows progress and can be cancelled", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  const rounded = roundedSnapshot();
  await page.route("**/rounded-pool.json", (route) => route.fulfill({ json: rounded }));
  const element = page.locator("points-calculator");
  // A rounded pool is projected order by order: 20,000 orders a day for a year is seconds of work.
  await element.evaluate((node) => {
    node.setAttribute("state-src", "rounded-pool.json");
    node.setAttribute("orders-per-day", "20000");
  });
  const started = Date.now();
  await part(page, "amount-input").fill("100");
  await waitForResult(page);
  const resultAfter = Date.now() - started;
  await part(page, "projection-progress").waitFor({ state: "visible" });
  assert.match(await part(page, "projection-status").textContent(), /正在计算情景（\d\/4）/);
  // The page still answers while the worker computes.
  await part(page, "amount-input").fill("200");
  const quote = PointsPool.fromSnapshot(rounded).quotePurchase("200");
  await waitForExact(page, "points-granted", quote.pointsGranted);
  assert.ok(resultAfter < 5_000, `results took ${resultAfter} ms`);
  await part(page, "projection-cancel").click();
  await page.waitForFunction(() =>
    document.querySelector("points-calculator").shadowRoot.querySelector('[part~="projection-status"]').textContent.includes("已取消"));
  assert.equal(await part(page, "projected-value").textContent(), "");
  // An exact pool is projected in closed form: a big merchant's year arrives at once, with its band.
  await element.evaluate((node) => node.setAttribute("state-src", "demo-pool.json"));
  await waitForProjection(page);
  assert.equal(await part(page, "projection-status").isVisible(), false);
  assert.match(await part(page, "band").textContent(), /随机模拟 10%–90% 区间（400 次）: ¥[\d,.]+ – ¥[\d,.]+/);
  assert.equal(await page.locator("points-calculator >> polygon.band").count(), 1);
  assert.deepEqual(problems, [], "the worker runs under the same CSP");
  await page.close();
});

test("the band is the engine's Monte Carlo and says how often cashing out reaches what was spent", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/?lang=en`);
  await part(page, "amount-input").fill("100");
  await waitForProjection(page);
  await page.waitForFunction(() =>
    document.querySelector("points-calculator").shadowRoot.querySelector('[part~="band"]') !== null);
  const legend = await part(page, "band").textContent();
  const [low, high] = legend.match(/¥([\d,.]+) – ¥([\d,.]+)/).slice(1).map((x) => Number(x.replaceAll(",", "")));
  assert.ok(low <= high, legend);
  assert.match(await part(page, "projected-value").textContent(), /in [\d.]+% of them a cash-out reaches what you spent \(¥100\.00\) within 365 days\./);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a web component's conventions: events, properties, live attributes, aria-invalid", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await page.evaluate(() => {
    window.events = [];
    for (const type of ["points-result", "points-projection", "points-error"]) {
      document.addEventListener(type, (event) => window.events.push({ type, detail: event.detail }));
    }
  });
  const element = page.locator("points-calculator");
  await element.evaluate((node) => { node.amount = "100"; });
  await waitForExact(page, "points-granted", engineQuote("100").receipt.pointsGranted);
  await page.waitForFunction(() => window.events.some((event) => event.type === "points-projection"));
  const events = await page.evaluate(() => window.events);
  const result = events.find((event) => event.type === "points-result");
  assert.equal(result.detail.task, "purchase");
  assert.equal(result.detail.receipt.pointsGranted, engineQuote("100").receipt.pointsGranted, "the event carries the engine's receipt");
  assert.equal(events.find((event) => event.type === "points-projection").detail.projections.merchant.days.length, 366);
  assert.deepEqual(await element.evaluate((node) => [node.amount, node.task]), ["100", "purchase"]);

  await element.evaluate((node) => { node.amount = "abc"; });
  await page.waitForFunction(() => window.events.some((event) => event.type === "points-error"));
  assert.equal(await part(page, "amount-input").getAttribute("aria-invalid"), "true");
  assert.equal((await page.evaluate(() => window.events.find((event) => event.type === "points-error"))).detail.code, "invalid_decimal");
  await element.evaluate((node) => { node.amount = "50"; });
  await waitForExact(page, "points-granted", engineQuote("50").receipt.pointsGranted);
  assert.equal(await part(page, "amount-input").getAttribute("aria-invalid"), null, "cleared once the amount is good");

  await element.evaluate((node) => { node.pool = "6000"; });
  assert.equal(await element.getAttribute("pool"), "6000", "pool reflects to its attribute");
  await element.evaluate((node) => node.setAttribute("days", "90"));
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="horizon"]').value === "90");
  await element.evaluate((node) => { node.task = "points"; });
  assert.equal(await element.evaluate((node) => node.task), "points");
  assert.equal(await element.evaluate((node) => { try { node.task = "sell"; return "accepted"; } catch (error) { return error.name; } }), "TypeError");
  // Taken off the page and put back: it computes again (its worker was ended and restarts).
  await element.evaluate((node) => { node.task = "purchase"; node.amount = "100"; const parent = node.parentNode; node.remove(); parent.append(node); });
  await waitForProjection(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the operator page uses the element's helpers without defining the element", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/operator.html`);
  await page.locator("#seed-table, table").first().waitFor();
  assert.equal(await page.evaluate(() => customElements.get("points-calculator") === undefined), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test("state-src: a slower answer to an older state-src never replaces the newer one", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const element = page.locator("points-calculator");
  // Two quick changes: the first answer arrives last and must not replace the second.
  await page.route(`${browser.origin}/slow.json`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.fulfill({ contentType: "application/json", body: JSON.stringify({ ...demoSnapshot, pool: "1", supply: "1000000", totals: { contributed: "1", paidOut: "0", redeemed: "0" } }) });
  });
  await element.evaluate((node) => node.setAttribute("state-src", "slow.json"));
  await element.evaluate((node) => node.setAttribute("state-src", "demo-pool.json"));
  await part(page, "amount-input").fill("100");
  await waitForExact(page, "points-granted", engineQuote("100").receipt.pointsGranted);
  await page.waitForTimeout(1200);
  assert.equal(await part(page, "points-granted").getAttribute("data-exact"), engineQuote("100").receipt.pointsGranted, "the newer pool stays");
  await page.close();
});

test("state-src: a snapshot with members is read once, and only its public part kept", async () => {
  const pool = new PointsPool();
  for (let n = 0; n < 30_000; n += 1) pool.purchase(`m${n}`, "100");
  const text = pool.snapshotText();
  const expected = PointsPool.fromSnapshot(pool.publicSnapshot());
  const granted = expected.purchase("you", "100").pointsGranted;
  expected.free();
  pool.free();
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  let requests = 0;
  await page.route(`${browser.origin}/members.json`, (route) => {
    requests += 1;
    return route.fulfill({ contentType: "application/json", body: text });
  });
  await page.locator("points-calculator").evaluate((node) => node.setAttribute("state-src", "members.json"));
  for (const typed of ["1", "10", "100"]) await part(page, "amount-input").fill(typed);
  await waitForExact(page, "points-granted", granted);
  assert.equal(requests, 1, "fetched and read once, whatever is typed");
  assert.deepEqual(problems, []);
  await page.close();
});

test("核对 / Check: each line checked at its published price; a short grant is found and exported", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`, { width: 900, height: 1100 });
  const element = page.locator("points-calculator");
  await element.evaluate((node) => { node.task = "check"; });
  // The demo pool's parameters; B's grant is planted 0.08 short, one cash-out 1.32 short.
  const lines = "type,value,price,result,note\n消费,100,1,21,A\n消费,100,1.4285714285714285714285714286,14.62,B\n提现,10,2,14.68,C\n";
  await part(page, "check-input").fill(lines);
  await part(page, "check-summary").waitFor();
  const state = PointsPool.fromSnapshot(demoSnapshot);
  const expected = checkHistory(state.config(), lines, state.state().price);
  state.free();
  const verdicts = await page.locator("points-calculator").evaluate((node) => [...node.shadowRoot.querySelectorAll("tbody tr")].map((row) => row.dataset.verdict));
  assert.deepEqual(verdicts, expected.lines.map((line) => line.verdict));
  assert.deepEqual(verdicts, ["ok", "short", "short"]);
  const summary = await part(page, "check-summary").textContent();
  assert.match(summary, /^1 \/ 2 笔消费所得积分偏少，合计少 0\.08 积分，按现价 [\d.]+ 值 ¥[\d.]+。1 \/ 1 笔提现或兑换到账偏少，合计少 ¥1\.32。/);
  const cells = await page.locator("points-calculator").evaluate((node) => [...node.shadowRoot.querySelectorAll("tbody tr:nth-child(2) td[data-exact]")].map((cell) => cell.dataset.exact));
  assert.deepEqual(cells.slice(-3), [expected.lines[1].published, expected.lines[1].expected, expected.lines[1].difference], "the engine's exact figures");
  await page.screenshot({ path: new URL("check-zh-CN.png", ARTIFACTS).pathname, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), part(page, "check-export").click()]);
  const csv = readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\ufeffline,type,value,price,published,expected,difference,verdict,exits,note\r\n"), "a BOM and CRLF for spreadsheets");
  assert.equal(csv.trim().split("\r\n").length, 4);

  // A file saved by Excel on Chinese Windows is GBK: "消费" is CF FB B7 D1 there.
  const gbk = Buffer.concat([Buffer.from([0xcf, 0xfb, 0xb7, 0xd1]), Buffer.from(",100,1,21\n")]);
  await part(page, "check-file").setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: gbk });
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="check-input"]').value.startsWith("消费"));
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelectorAll('tbody tr[data-verdict="ok"]').length === 1);
  await part(page, "check-input").fill("消费,100,1,21\n消费,100,,14.7\n");
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="error"]').dataset.code === "invalid_ledger");
  assert.match(await part(page, "error").textContent(), /^第 2 行缺少当时公布的价格/);
  assert.equal(await part(page, "check-input").getAttribute("aria-invalid"), "true");
  assert.deepEqual(problems, []);
  await page.close();
});
