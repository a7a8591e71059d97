// The core of what members and operators do, in the three engines members use: Chromium,
// Firefox ESR and WebKitGTK (the engine behind every iPhone's browsers), all Debian's.
// One test body, one small driver per engine (tests/browser/drivers/); the pages are
// served as `make serve` serves them, under the promised CSP, with violations reported
// back to the test server. Every expected figure comes from the same engine in Node.
// ENGINES=firefox node --test tests/browser/engines.test.mjs runs one engine.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { drivers, waitFor } from "./drivers/index.mjs";
import { startTestServer } from "./drivers/server.mjs";

const ARTIFACTS = new URL("./artifacts/", import.meta.url);
const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool, project, monteCarlo } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });
const demoSnapshot = JSON.parse(readFileSync(new URL("../../www/demo-pool.json", import.meta.url), "utf8"));

const HOST = "points-calculator";
const part = (name) => ({ host: HOST, css: `[part~="${name}"]` });
const DESKTOP = { width: 1000, height: 900 };
const PHONE = { width: 360, height: 780 };

// What the element computes, computed here by the engine in Node.

/** A purchase of `amount` on the demo pool: the receipt, the member's view, the pool after. */
function purchase(amount) {
  const pool = PointsPool.fromSnapshot(demoSnapshot);
  try {
    const receipt = pool.purchase("you", amount);
    return { receipt, view: pool.member("you"), after: pool.publicSnapshot() };
  } finally {
    pool.free();
  }
}

/** The engine's refusal of a purchase of `amount`: its code and its (English) message. */
function refusal(amount) {
  const pool = PointsPool.fromSnapshot(demoSnapshot);
  try {
    pool.purchase("you", amount);
  } catch (error) {
    return { code: error.code, message: error.message };
  } finally {
    pool.free();
  }
  throw new Error(`the engine accepts ${amount}`);
}

/** The merchant's scenario on the page's element, as the element builds it for the worker. */
function scenarioFor(attributes, points, spent) {
  return {
    days: 365, ordersPerDay: attributes["orders-per-day"], averageOrder: attributes["average-order"],
    orderGrowth: attributes["order-growth"], withdrawRate: attributes["withdraw-rate"], points, spent, received: "0",
  };
}

/** The seed's four members and 100 orders under the default parameters (the operator page's examples). */
function seedExamples() {
  const pool = new PointsPool();
  try {
    const granted = ["A", "B", "C", "D"].map((member) => pool.purchase(member, "100").pointsGranted);
    for (let n = 5; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
    return { granted, price: pool.state().price };
  } finally {
    pool.free();
  }
}

// Functions that run in the page: self-contained, JSON in and out.

function readPart(host, name) {
  const node = document.querySelector(host)?.shadowRoot?.querySelector(`[part~="${name}"]`);
  if (!node) return null;
  const box = node.getBoundingClientRect();
  return { exact: node.dataset.exact ?? null, code: node.dataset.code ?? null, text: node.textContent, hidden: node.hidden, width: box.width };
}

function partShows(host, name, exact) {
  return document.querySelector(host)?.shadowRoot?.querySelector(`[part~="${name}"]`)?.dataset.exact === exact;
}

function errorShows(host, code) {
  const error = document.querySelector(host)?.shadowRoot?.querySelector('[part~="error"]');
  return Boolean(error && !error.hidden && error.dataset.code === code && error.textContent !== "");
}

function chartDrawn(host) {
  const root = document.querySelector(host)?.shadowRoot;
  const chart = root?.querySelector('[part~="chart"]');
  const band = root?.querySelector('[part~="band"]');
  if (!chart || chart.hasAttribute("hidden") || !band || root.querySelector('[part~="projected-value"]').textContent === "") return null;
  return {
    tag: chart.localName,
    namespace: chart.namespaceURI,
    polylines: [...chart.querySelectorAll("polyline")].map((line) => line.getAttribute("points").trim().split(/\s+/).length),
    bands: chart.querySelectorAll("polygon.band").length,
    legend: band.textContent,
    projected: root.querySelector('[part~="projected-value"]').dataset.exact,
  };
}

function attributesOf(host) {
  const element = document.querySelector(host);
  return Object.fromEntries(element.getAttributeNames().map((name) => [name, element.getAttribute(name)]));
}

/** The last two money figures in `text` ("¥1,234.56"), as numbers. */
function lastTwoAmounts(text) {
  const amounts = [...text.matchAll(/([\d,]+\.\d\d)/g)].map((match) => Number(match[1].replaceAll(",", "")));
  return amounts.slice(-2);
}

for (const driver of drivers) {
  describe(`${driver.name}: the core suite`, () => {
    let server;
    let browser;
    const tally = { passed: 0, failed: 0 };
    before(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      server = await startTestServer({ probe: driver.needsProbe ?? false });
      browser = await driver.launch();
      console.log(`# ${driver.name}: ${browser.label}`);
    }, { timeout: 120_000 });
    after(async () => {
      await browser?.close();
      await server?.close();
      console.log(`# ${driver.name}: ${tally.passed} of ${tally.passed + tally.failed} core tests passed`);
    });

    /** A test in this engine, counted for the engine's line in the output. */
    function engineTest(name, body) {
      test(`${driver.name}: ${name}`, { timeout: 90_000 }, async () => {
        try {
          await body();
          tally.passed += 1;
        } catch (error) {
          tally.failed += 1;
          throw error;
        }
      });
    }

    /**
     * Opens `path`, runs `steps(page)`, then asserts that the page (and its workers, where the
     * engine tells) showed no console or uncaught error and that no CSP violation was reported.
     */
    async function onPage(path, viewport, steps) {
      const [reportsBefore, problemsBefore] = [server.reports.length, server.problems.length];
      const page = await browser.open(`${server.origin}${path}`, viewport);
      try {
        await steps(page);
        // A worker's last words and violation reports arrive asynchronously: let those in flight land.
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.deepEqual([...await page.problems(), ...server.problems.slice(problemsBefore)], [], "no console errors");
        assert.deepEqual(server.reports.slice(reportsBefore), [], "no CSP violations");
      } finally {
        await page.close();
      }
    }

    engineTest("typing 100 shows exactly the points the engine grants", () =>
      onPage("/", DESKTOP, async (page) => {
        const expected = purchase("100");
        await page.fill(part("amount-input"), "100");
        await waitFor(page, "the points granted", partShows, [HOST, "points-granted", expected.receipt.pointsGranted]);
        assert.equal((await page.evaluate(readPart, HOST, "value-now")).exact, expected.view.value);
        assert.equal((await page.evaluate(readPart, HOST, "cash-out-now")).exact, expected.view.cashOutValue);
        assert.equal((await page.evaluate(readPart, HOST, "cap-left")).exact, expected.view.capLeft);
        await waitFor(page, "the projection", chartDrawn, [HOST]);
        await page.screenshot(new URL(`engine-${driver.name}-desktop.png`, ARTIFACTS).pathname);
      }));

    engineTest("my points: value, cash-out and what is left to the cap", () =>
      onPage("/", DESKTOP, async (page) => {
        const pool = PointsPool.fromSnapshot(demoSnapshot);
        const view = pool.holding("21", "100", undefined);
        pool.free();
        await page.click(part("points-tab"));
        await page.fill(part("points-input"), "21");
        await page.fill(part("spent-input"), "100");
        await waitFor(page, "what is left to the cap", partShows, [HOST, "cap-left", view.capLeft]);
        assert.equal((await page.evaluate(readPart, HOST, "value-now")).exact, view.value);
        assert.equal((await page.evaluate(readPart, HOST, "cash-out-now")).exact, view.cashOutValue);
      }));

    engineTest("a projection draws its chart (an <svg> with polylines) and the engine's Monte Carlo band", () =>
      onPage("/", DESKTOP, async (page) => {
        const attributes = await page.evaluate(attributesOf, HOST);
        const horizon = Number(attributes.days);
        const expected = purchase("100");
        const scenario = scenarioFor(attributes, expected.view.points, "100");
        const projection = project(expected.after, scenario);
        // The band is simulated over the horizon shown, so that what it says is what it computed.
        const band = monteCarlo(expected.after, { ...scenario, days: horizon }, { runs: 400, seed: 1 });
        await page.fill(part("amount-input"), "100");
        const chart = await waitFor(page, "the chart and band", chartDrawn, [HOST]);
        assert.equal(chart.tag, "svg");
        assert.equal(chart.namespace, "http://www.w3.org/2000/svg");
        assert.equal(chart.polylines.length, 3, "the merchant's scenario and two stress lines");
        for (const points of chart.polylines) assert.ok(points > 1, `a line of ${points} points`);
        assert.equal(chart.bands, 1);
        assert.equal(chart.projected, projection.days[horizon].cashOutValue);
        const { p10, p90 } = band.days[horizon].cashOutValue;
        const [low, high] = lastTwoAmounts(chart.legend);
        assert.ok(Math.abs(low - Number(p10)) <= 0.005 + 1e-9, `band low ${low}, engine ${p10}`);
        assert.ok(Math.abs(high - Number(p90)) <= 0.005 + 1e-9, `band high ${high}, engine ${p90}`);
      }));

    engineTest("a bad amount shows the member's language and the engine's error code", () =>
      onPage("/", DESKTOP, async (page) => {
        for (const typed of ["abc", "0"]) {
          const { code, message } = refusal(typed);
          await page.fill(part("amount-input"), typed);
          await waitFor(page, `the error ${code}`, errorShows, [HOST, code]);
          const error = await page.evaluate(readPart, HOST, "error");
          assert.notEqual(error.text, message, "not the engine's English message");
          assert.match(error.text, /\p{Script=Han}/u, "in the page's language (zh-CN)");
          assert.doesNotMatch(error.text, /NaN|undefined|null/);
          assert.equal(await page.evaluate(readPart, HOST, "points-granted"), null, "no stale result beside the message");
        }
      }));

    engineTest("a 360 px wide phone does not scroll sideways", () =>
      onPage("/", PHONE, async (page) => {
        await page.fill(part("amount-input"), "100");
        await waitFor(page, "the points granted", partShows, [HOST, "points-granted", purchase("100").receipt.pointsGranted]);
        await waitFor(page, "the projection", chartDrawn, [HOST]);
        const [innerWidth, clientWidth, scrollWidth] = await page.evaluate(() =>
          [innerWidth, document.documentElement.clientWidth, document.documentElement.scrollWidth]);
        assert.equal(innerWidth, PHONE.width);
        assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth} px wide in a ${clientWidth} px viewport`);
        assert.ok((await page.evaluate(readPart, HOST, "chart")).width >= 280, "the chart spans the phone");
        await page.screenshot(new URL(`engine-${driver.name}-phone.png`, ARTIFACTS).pathname);
      }));

    engineTest("the operator page loads with the engine's examples", () =>
      onPage("/operator.html", { width: 1280, height: 900 }, async (page) => {
        const seed = seedExamples();
        await waitFor(page, "the seed's examples", (price) => document.querySelector("#example-price")?.dataset.exact === price, [seed.price]);
        const granted = await page.evaluate(() =>
          [...document.querySelectorAll('[data-table="examples"] tbody td:nth-child(2)')].map((cell) => cell.dataset.exact));
        assert.deepEqual(granted, seed.granted);
        await page.screenshot(new URL(`engine-${driver.name}-operator.png`, ARTIFACTS).pathname);
      }));
  });
}
