// The member's calculator in a real Chromium (Debian's), served under the CSP that merchants
// are promised, as `make serve` serves it: the core tasks and a web component's conventions.
// Every expected figure is the engine's in Node; the element is read by its codes and
// `data-exact`, never by its words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, part, ARTIFACTS } from "./browser.mjs";
import { demoSnapshot, engine, embed, facts, holdingTask, listen, quote, readPart, waitForCode, waitForData, waitForExact } from "./element.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Waits until the worker's projection is drawn. */
function waitForProjection(page, selector = "points-calculator") {
  return page.waitForFunction(([host]) => document.querySelector(host).shadowRoot.querySelector('[part~="projected-value"]')?.dataset.exact !== undefined, [selector]);
}

test("typing １００元 shows exactly the points the engine grants, and the projection follows", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await part(page, "amount-input").fill("１００元");
  const expected = quote("100");
  await waitForExact(page, "points-granted", expected.receipt.pointsGranted);
  for (const [name, exact] of [["value-now", expected.view.value], ["cash-out-now", expected.view.cashOutValue], ["cap-left", expected.view.capLeft]]) {
    assert.equal((await readPart(page, name)).exact, exact, name);
  }
  await waitForProjection(page);
  const projected = engine.project(expected.after, { ...scenarioOf(365), points: expected.view.points, spent: "100", received: "0" });
  assert.equal((await readPart(page, "projected-value")).exact, projected.days[30].cashOutValue, "what cashing out pays on day 30");
  // The disclaimer stands above the numbers it qualifies.
  assert.ok(await page.locator("points-calculator").evaluate((node) => {
    const [disclaimer, projectedValue] = ["disclaimer", "projected-value"].map((name) => node.shadowRoot.querySelector(`[part~="${name}"]`));
    return Boolean(disclaimer.compareDocumentPosition(projectedValue) & Node.DOCUMENT_POSITION_FOLLOWING);
  }), "the disclaimer comes first");
  assert.equal(await part(page, "chart").locator("polyline").count(), 3);
  await page.screenshot({ path: new URL("desktop-zh-CN.png", ARTIFACTS).pathname, fullPage: true });
  assert.deepEqual(problems, [], "no console errors, no CSP violations");
  await page.close();
});

function scenarioOf(days) {
  return { days, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01" };
}

test("friendly input reaches the engine's own reader, and every form gives the same figure", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const expected = quote("1000.5").receipt.pointsGranted;
  for (const typed of ["¥1,000.50", "1000.50元", " 1 000.5 ", "１０００．５", "￥1，000.50", "1\u00a0000.50", "rmb1000.5", "Cny 1,000.50"]) {
    assert.equal(engine.friendlyDecimal(typed, "amount").replace(/0+$/, ""), "1000.5", typed);
    await part(page, "amount-input").fill(typed);
    await waitForExact(page, "points-granted", expected);
  }
  await page.close();
});

test("a bad amount shows the engine's code, never NaN or a stale result", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await listen(page);
  for (const [typed, code] of [["abc", "invalid_decimal"], ["0", "amount_must_be_positive"], ["-5", "amount_must_be_positive"],
    ["1.12345678901", "too_many_decimals"], ["10000000000000", "amount_too_large"]]) {
    await part(page, "amount-input").fill(typed);
    const error = await waitForCode(page, code);
    assert.equal(error.field, "amount", typed);
    const shown = await page.locator("points-calculator").evaluate((element) => element.shadowRoot.textContent);
    assert.doesNotMatch(shown, /NaN|undefined|null|\{\w+\}/);
    assert.equal(await part(page, "points-granted").count(), 0, "no stale result beside the message");
  }
  const heard = await page.evaluate(() => window.heard.filter((event) => event.type === "points-error").map((event) => event.detail));
  assert.deepEqual([...new Set(heard.map((detail) => `${detail.code}/${detail.source}`))],
    ["invalid_decimal/input", "amount_must_be_positive/input", "too_many_decimals/input", "amount_too_large/input"]);
  await page.close();
});

test("my points: value, cash-out and what the cap still allows, by the engine's states", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await holdingTask(page, { points: "21", spent: "100" });
  const pool = engine.PointsPool.fromState(demoSnapshot);
  const view = pool.holding("21", "100", undefined);
  pool.free();
  await waitForExact(page, "cap-left", view.capLeft);
  assert.equal((await readPart(page, "value-now")).exact, view.value);
  assert.equal((await readPart(page, "cash-out-now")).exact, view.cashOutValue);
  assert.equal((await readPart(page, "cap-left")).cap, view.cap);
  assert.deepEqual(await facts(page), ["cut", "others", `breakEven.${view.breakEven}`, `cap.${view.cap}`, "whole"]);
  await page.close();
});

test("English on request, from the element or the page, and a change of an ancestor's lang re-renders", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/?lang=en`);
  await part(page, "amount-input").fill("100");
  await waitForExact(page, "points-granted", quote("100").receipt.pointsGranted);
  assert.equal(await page.locator("points-calculator").evaluate((node) => node.locale), "en");
  await page.screenshot({ path: new URL("desktop-en.png", ARTIFACTS).pathname, fullPage: true });
  // The page switches language on <html>; the element (no lang of its own) follows.
  await page.locator("points-calculator").evaluate((node) => node.removeAttribute("lang"));
  await page.evaluate(() => document.documentElement.setAttribute("lang", "zh-CN"));
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector("h2").textContent !== "Points calculator");
  const title = await page.locator("points-calculator").evaluate((node) => node.shadowRoot.querySelector("h2").textContent);
  const { i18n } = await import("../../www/element/text.js");
  assert.equal(title, i18n["zh-CN"].title);
  await page.evaluate(() => document.body.setAttribute("lang", "en"));
  await page.waitForFunction((want) => document.querySelector("points-calculator").shadowRoot.querySelector("h2").textContent === want, i18n.en.title);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a 360 px phone does not scroll sideways, and the chart stays legible", async () => {
  for (const lang of ["zh-CN", "en"]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/?lang=${lang}`, { width: 360, height: 780 });
    await part(page, "amount-input").fill("100");
    await waitForProjection(page);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(widths[0] <= widths[1], `page is ${widths[0]} px wide in a ${widths[1]} px viewport`);
    const chart = await part(page, "chart").boundingBox();
    assert.ok(chart.width >= 280, `chart ${chart.width} px wide`);
    const smallest = await page.locator("points-calculator").evaluate((element) =>
      Math.min(...[...element.shadowRoot.querySelectorAll("button, input")]
        .map((node) => node.getBoundingClientRect()).filter((box) => box.width > 0).map((box) => box.height)));
    assert.ok(smallest >= 44, `touch targets at least 44 px (smallest ${smallest})`);
    await page.screenshot({ path: new URL(`phone-${lang}.png`, ARTIFACTS).pathname, fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("keyboard alone: arrows, Home and End between tasks, Tab to the amount", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const selected = () => page.locator("points-calculator").evaluate((element) =>
    [element.task, element.shadowRoot.activeElement?.id, element.shadowRoot.querySelector('[aria-selected="true"]').id]);
  await page.locator("points-calculator").evaluate((element) => element.shadowRoot.querySelector("#purchase-tab").focus());
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.querySelector("points-calculator").task === "points");
  assert.deepEqual(await selected(), ["points", "points-tab", "points-tab"]);
  await page.keyboard.press("End");
  await page.waitForFunction(() => document.querySelector("points-calculator").task === "check");
  assert.deepEqual(await selected(), ["check", "check-tab", "check-tab"]);
  await page.keyboard.press("Home");
  await page.waitForFunction(() => document.querySelector("points-calculator").task === "purchase");
  assert.deepEqual(await selected(), ["purchase", "purchase-tab", "purchase-tab"]);
  await page.keyboard.press("Tab");
  await page.keyboard.type("100");
  await waitForExact(page, "points-granted", quote("100").receipt.pointsGranted);
  await page.close();
});

test("a property for every observed attribute, reflected both ways; changing one re-renders", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const element = page.locator("points-calculator");
  const missing = await element.evaluate((node) => node.constructor.observedAttributes.filter((name) => {
    const property = name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
    if (!(property in node)) return true;
    node[property] = "7";
    const reflected = node.getAttribute(name) === "7";
    node.setAttribute(name, "8");
    const read = node[property] === "8";
    return !(reflected && read);
  }));
  assert.deepEqual(missing, []);
  await page.close();
  const fresh = await open(browser.context, `${browser.origin}/`);
  await part(fresh.page, "amount-input").fill("100");
  await waitForExact(fresh.page, "points-granted", quote("100").receipt.pointsGranted);
  await fresh.page.locator("points-calculator").evaluate((node) => { node.grantRate = "0.5"; });
  const changed = { ...demoSnapshot, config: { ...demoSnapshot.config, grantRate: "0.5" } };
  await waitForExact(fresh.page, "points-granted", quote("100", changed).receipt.pointsGranted);
  await fresh.page.locator("points-calculator").evaluate((node) => {
    node.stateSrc = null;
    node.pool = "3000";
    node.supply = "579.93";
  });
  await waitForExact(fresh.page, "points-granted", quote("100", { pool: "3000", supply: "579.93", config: { grantRate: "0.5" } }).receipt.pointsGranted);
  await fresh.page.close();
});

test("state-src: a good snapshot is used; a slower answer to an older state-src is aborted", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await page.route(`${browser.origin}/slow.json`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    const slow = { ...demoSnapshot, pool: "1000000", supply: "1", totals: { contributed: "1000000", paidOut: "0", redeemed: "0" } };
    await route.fulfill({ contentType: "application/json", body: JSON.stringify(slow) }).catch(() => {});
  });
  // Which fetches the page aborted: the element's signal, seen from the page.
  await page.evaluate(() => {
    const original = window.fetch;
    window.aborted = [];
    window.fetch = (url, options) => {
      options?.signal?.addEventListener("abort", () => window.aborted.push(String(url)));
      return original(url, options);
    };
  });
  const element = page.locator("points-calculator");
  await part(page, "amount-input").fill("100");
  await waitForExact(page, "points-granted", quote("100").receipt.pointsGranted);
  await element.evaluate((node) => node.setAttribute("state-src", "slow.json"));
  await page.waitForTimeout(200);
  await element.evaluate((node) => node.setAttribute("state-src", "demo-pool.json"));
  await page.waitForTimeout(100);
  await part(page, "amount-input").fill("101");
  await part(page, "amount-input").fill("100");
  await waitForExact(page, "points-granted", quote("100").receipt.pointsGranted);
  await page.waitForTimeout(1200);
  assert.equal((await readPart(page, "points-granted")).exact, quote("100").receipt.pointsGranted, "the newer pool stays");
  assert.deepEqual(await page.evaluate(() => window.aborted.map((url) => new URL(url).pathname)), ["/slow.json"], "the stale fetch was aborted, not only ignored");
  await page.close();
});

test("state-src: a snapshot with members is read once, and only its public part kept", async () => {
  const pool = new engine.PointsPool();
  for (let n = 0; n < 30_000; n += 1) pool.purchase(`m${n}`, "100");
  const text = pool.snapshotText();
  const granted = quote("100", pool.publicSnapshot()).receipt.pointsGranted;
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

test("two elements on a page share one engine load; the first result loads neither the chart nor 核对", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  const loaded = await page.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
  for (const lazy of ["/element/check.js", "/element/check-view.js", "/shared/csv.js"]) assert.ok(!loaded.includes(lazy), `${lazy} waits until used`);
  const wasmLoads = [];
  page.on("request", (request) => request.url().endsWith(".wasm") && wasmLoads.push(request.url()));
  await embed(page, { pool: "3000", supply: "579.93" }, "en");
  await page.evaluate(() => {
    const first = document.createElement("points-calculator");
    first.id = "second";
    first.setAttribute("pool", "3000");
    first.setAttribute("supply", "579.93");
    document.body.append(first);
  });
  await part(page, "amount-input", "#second").fill("50");
  await waitForExact(page, "points-granted", quote("50", { pool: "3000", supply: "579.93" }).receipt.pointsGranted, "#second");
  assert.deepEqual(wasmLoads, [], "the engine was already loaded");
  assert.deepEqual(problems, []);
  await page.close();
});

/** A pool with money and points rounded to cents: projections follow every order there. */
function roundedSnapshot() {
  const pool = new engine.PointsPool({ rounding: { money: { scale: 2, mode: "halfUp" }, points: { scale: 2, mode: "down" } } });
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
    node.stateSrc = "rounded-pool.json";
    node.ordersPerDay = "20000";
  });
  await part(page, "amount-input").fill("100");
  await part(page, "projection-progress").waitFor({ state: "visible" });
  // The page still answers while the worker computes.
  await part(page, "amount-input").fill("200");
  await waitForExact(page, "points-granted", quote("200", rounded).receipt.pointsGranted);
  await part(page, "projection-cancel").click();
  await part(page, "projection-recompute").waitFor({ state: "visible" });
  assert.equal((await readPart(page, "projected-value")).exact, undefined, "nothing half-computed is shown");
  // An exact pool is projected in closed form: a big merchant's year arrives at once, with its band.
  await element.evaluate((node) => { node.stateSrc = "demo-pool.json"; });
  await waitForProjection(page);
  assert.equal(await part(page, "projection-status").isVisible(), false);
  assert.equal(await page.locator("points-calculator >> polygon.band").count(), 1);
  assert.deepEqual(problems, [], "the worker runs under the same CSP");
  await page.close();
});

test("a web component's conventions: events with the engine's figures, aria-invalid that stays, the worker ends off the page", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await listen(page);
  const element = page.locator("points-calculator");
  await element.evaluate((node) => { node.amount = "100"; });
  const expected = quote("100");
  await waitForExact(page, "points-granted", expected.receipt.pointsGranted);
  await page.waitForFunction(() => window.heard.some((event) => event.type === "points-projection"));
  const heard = await page.evaluate(() => window.heard);
  const result = heard.find((event) => event.type === "points-result").detail;
  assert.deepEqual([result.task, result.receipt.pointsGranted, result.split.earlier], ["purchase", expected.receipt.pointsGranted, expected.split.earlier]);
  assert.equal(heard.find((event) => event.type === "points-projection").detail.projections.merchant.days.length, 366);
  await element.evaluate((node) => { node.amount = "abc"; });
  await waitForCode(page, "invalid_decimal");
  assert.equal(await part(page, "amount-input").getAttribute("aria-invalid"), "true");
  // Focus leaving the box keeps the mark: it goes only when the amount is right.
  await part(page, "amount-input").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.waitForTimeout(300);
  assert.equal(await part(page, "amount-input").getAttribute("aria-invalid"), "true");
  await element.evaluate((node) => { node.amount = "50"; });
  await waitForExact(page, "points-granted", quote("50").receipt.pointsGranted);
  assert.equal(await part(page, "amount-input").getAttribute("aria-invalid"), null, "cleared once the amount is good");
  await element.evaluate((node) => node.setAttribute("days", "90"));
  await waitForData(page, "projected-value", "days", "90");
  assert.equal(await element.evaluate((node) => { try { node.task = "sell"; return "accepted"; } catch (error) { return error.name; } }), "TypeError");
  await element.evaluate((node) => { const parent = node.parentNode; node.remove(); parent.append(node); node.amount = "100"; });
  await waitForData(page, "projected-value", "exact", engine.project(expected.after, { ...scenarioOf(365), points: expected.view.points, spent: "100", received: "0" }).days[90].cashOutValue);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the operator page uses the shared helpers without defining the element", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/operator.html`);
  await page.locator("#example-price").waitFor();
  assert.equal(await page.evaluate(() => customElements.get("points-calculator") === undefined), true);
  assert.deepEqual(problems, []);
  await page.close();
});
