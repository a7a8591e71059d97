// What a member reads is right in every state (issue 19, items 1, 3, 4, 8, 9, 11): the band's
// reach counts what was received and the cap, over the horizon shown; no pool, no figure; every
// setup error heard by the shop's script; where the money went; the odd states; the rough edges.
// Read by the engine's codes and figures (`data-code`, `data-exact`, `data-fact`), never words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, open, part } from "./browser.mjs";
import { embed, engine, facts, holdingTask, listen, quote, readPart, scenario, waitForCode, waitForData, waitForExact } from "./element.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const MONTE_CARLO = { runs: 400, seed: 1 };

test("item 1: the band's reach counts what was received and the cap, over the horizon shown", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  const expected = quote("100");
  const member = { points: expected.view.points, spent: "100", received: "0" };
  await part(page, "amount-input").fill("100");
  for (const days of [30, 90]) {
    if (days !== 30) await page.locator("points-calculator").evaluate((node, value) => { node.days = value; }, String(days));
    const reach = engine.monteCarlo(expected.after, scenario(days, member), MONTE_CARLO).reachesSpent;
    await waitForData(page, "band-reach", "days", String(days));
    assert.deepEqual(await readPart(page, "band-reach").then(({ state, exact, days: shown }) => ({ state, exact, shown })),
      { state: "share", exact: reach, shown: String(days) }, `the share simulated over ${days} days`);
  }
  // 21 points, spent 100, received 150 (the cap leaves 50): already even, no "100% reach ¥100".
  await holdingTask(page, { points: "21", spent: "100", received: "150" });
  await waitForData(page, "band-reach", "state", "received");
  const capped = engine.project(expected.after, scenario(365, { points: "21", spent: "100", received: "150" }));
  assert.ok(capped.days.every((day) => Number(day.cashOutValue) <= 50), "every line ends at the ¥50 the cap leaves");
  // Received 200: the cap is reached, a cash-out pays ¥0: said so, and no exit on "day 0".
  await page.locator("points-calculator").evaluate((node) => { node.received = "200"; });
  await waitForData(page, "band-reach", "state", "atCap");
  assert.equal((await readPart(page, "projected-value")).exact, "0");
  assert.equal(await page.locator("points-calculator >> .mark").count(), 0, "no exit mark at day 0");
  assert.deepEqual(problems, []);
  await page.close();
});

test("item 3: a bare or misspelled embed is an error the member reads, never an empty pool's figures", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await listen(page);
  for (const [attributes, field] of [[{}, "pool"], [{ pool: "3000", suply: "579.93" }, "supply"], [{ pool: "3000" }, "supply"]]) {
    await embed(page, attributes);
    const error = await waitForCode(page, "invalid_snapshot");
    assert.deepEqual([error.field, error.source], [field, "setup"], JSON.stringify(attributes));
    await part(page, "amount-input").fill("100");
    await page.waitForTimeout(200);
    for (const figure of ["points-granted", "value-now", "projected-value"]) assert.equal(await readPart(page, figure), null, `no ${figure}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("item 4: every setup error is a points-error the shop's script hears, once", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await listen(page);
  const cases = [
    [{ pool: "3000", supply: "579.93", "payout-rate": "1.5" }, { code: "invalid_snapshot", field: "config.payoutRate" }],
    [{ pool: "0", supply: "100" }, { code: "invalid_snapshot", field: "pool" }],
    [{ "state-src": "https://elsewhere.example/pool.json" }, { code: "state_origin", field: null }],
    [{ "state-src": "no-such-file.json" }, { code: "state_http", field: null, status: 404 }],
    [{ "state-src": "index.html" }, { code: "state_json", field: null }],
    [{ pool: "3000", supply: "579.93", "rounding-points": "2 sideways" }, { code: "invalid_snapshot", field: "config.rounding.points.mode" }],
  ];
  for (const [attributes, want] of cases) {
    await page.evaluate(() => { window.heard = []; });
    await embed(page, attributes);
    await waitForCode(page, want.code);
    await part(page, "amount-input").fill("100");
    await part(page, "amount-input").fill("1000");
    await page.waitForTimeout(150);
    const heard = await page.evaluate(() => window.heard.filter((event) => event.type === "points-error").map((event) => event.detail));
    assert.equal(heard.length, 1, `${JSON.stringify(attributes)}: heard once, not at every keystroke`);
    assert.deepEqual({ code: heard[0].code, field: heard[0].field, ...(want.status ? { status: heard[0].status } : {}) }, want);
    assert.equal(heard[0].source, "setup");
  }
  assert.deepEqual(problems.filter((problem) => !/404/.test(problem)), []);
  await page.close();
});

test("item 8: the purchase says in money where the ¥100 went, and the cap what it takes", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await part(page, "amount-input").fill("100");
  const { split, view } = quote("100");
  await waitForExact(page, "split-earlier", split.earlier);
  for (const [name, exact] of [["split-merchant", split.merchant], ["split-pool", split.contribution], ["split-yours", view.value]]) {
    assert.equal((await readPart(page, name)).exact, exact, name);
  }
  assert.deepEqual([split.merchant, split.contribution, split.yours], ["70", "30", view.value]);
  // What is left of the cap is not money to hand: beside it, the rise it needs, and it is not bold.
  assert.equal((await readPart(page, "cap-needs")).exact, view.capMultiple);
  const weight = await page.locator("points-calculator").evaluate((node) => getComputedStyle(node.shadowRoot.querySelector('[part~="cap-left"]')).fontWeight);
  assert.equal(weight, "400");
  assert.ok((await facts(page)).includes("others"), "the price rises only when others buy");
  await page.close();
});

test("item 9: spent 0, at the cap, day 0, no spending given, received without spent", async () => {
  const { page } = await open(browser.context, `${browser.origin}/`);
  await holdingTask(page, { points: "21", spent: "0" });
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[data-fact^="breakEven."]'));
  let shown = await facts(page);
  assert.ok(shown.includes("breakEven.zeroSpent") && !shown.includes("breakEven.received"), shown.join());
  await page.locator("points-calculator").evaluate((node) => Object.assign(node, { spent: "100", received: "200" }));
  await waitForExact(page, "cash-out-now", "0");
  shown = await facts(page);
  assert.ok(shown.includes("atCapNothing") && !shown.includes("cut"), `at the cap no "80% … ¥0.00": ${shown.join()}`);
  await waitForData(page, "projected-value", "exitDay", "0");
  assert.equal(await page.locator("points-calculator >> .mark-label").count(), 0, "no \"exit on day 0\"");
  // Without spending the projection leaves the cap out, and says so.
  await page.locator("points-calculator").evaluate((node) => Object.assign(node, { spent: "", received: "" }));
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="cap-ignored"]')?.hidden === false);
  // What was received, without what was spent, is not dropped silently.
  await page.locator("points-calculator").evaluate((node) => { node.received = "50"; });
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[data-fact="receivedWithoutSpent"]'));
  await page.close();
});

test("item 11: 99. on the way to 99.5, the exit label beside the lines, the slider's text, English punctuation", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/?lang=en`);
  await part(page, "amount-input").fill("99.");
  await waitForExact(page, "points-granted", quote("99").receipt.pointsGranted);
  assert.equal((await readPart(page, "error")).code, undefined, "no error on the way to 99.5");
  await part(page, "amount-input").fill("99.5");
  await waitForExact(page, "points-granted", quote("99.5").receipt.pointsGranted);
  // An exit inside the horizon: its label stands above the plot, never over a line.
  await page.locator("points-calculator").evaluate((node) => { node.ordersPerDay = "20000"; });
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector(".mark-label"));
  const overlap = await page.locator("points-calculator").evaluate((node) => {
    const root = node.shadowRoot;
    const label = root.querySelector(".mark-label").getBBox();
    const highest = Math.min(...[...root.querySelectorAll("polyline")].flatMap((line) => line.getAttribute("points").split(" ").map((point) => Number(point.split(",")[1]))));
    return label.y + label.height - highest;
  });
  assert.ok(overlap <= 0, `the label ends ${overlap} px below the highest line's top`);
  const slider = part(page, "horizon");
  const valueText = await slider.getAttribute("aria-valuetext");
  assert.ok(valueText && valueText.includes("30"), `aria-valuetext ${valueText}`);
  await slider.fill("60");
  await page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="horizon"]').getAttribute("aria-valuetext").includes("60"));
  // English is joined with English punctuation: no full-width "；" or "，" anywhere.
  await page.locator("points-calculator").evaluate((node) => Object.assign(node, { task: "points", points: "21", spent: "100", received: "150" }));
  await waitForData(page, "band-reach", "state", "received");
  const english = await page.locator("points-calculator").evaluate((node) => node.shadowRoot.textContent);
  assert.doesNotMatch(english, /[；，。：]/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a days attribute that is no number of days shows the default horizon, one out of range the nearest end", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  for (const [days, shown] of [["abc", "30"], ["", "30"], ["90", "90"], ["5000", "365"], ["1", "7"]]) {
    await embed(page, { pool: "3000", supply: "579.93", days });
    await part(page, "amount-input").fill("100");
    await part(page, "horizon").waitFor();
    assert.equal(await part(page, "horizon").inputValue(), shown, `days="${days}"`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("a scenario attribute the engine refuses is the merchant's setup error, naming the attribute", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await listen(page);
  for (const [name, value] of [["orders-per-day", "-1"], ["withdraw-rate", "2"]]) {
    await page.evaluate(() => { window.heard = []; });
    await embed(page, { pool: "3000", supply: "579.93", [name]: value });
    await part(page, "amount-input").fill("100");
    const shown = await waitForCode(page, "invalid_scenario");
    assert.equal(shown.source, "setup", name);
    assert.ok((await part(page, "error").textContent()).includes(name), `${name}: the attribute is named`);
    await page.waitForFunction(() => window.heard.some((event) => event.type === "points-error"));
    const heard = await page.evaluate(() => window.heard.filter((event) => event.type === "points-error").map((event) => event.detail));
    assert.deepEqual(heard.map((detail) => [detail.code, detail.source]), [["invalid_scenario", "setup"]], name);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("a state-src holding a bare state {pool, supply} is read as the attributes would be", async () => {
  const { page, problems } = await open(browser.context, `${browser.origin}/`);
  await page.route("**/bare-state.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ pool: "3000", supply: "579.93" }) }));
  const expected = quote("100", { pool: "3000", supply: "579.93" });
  await embed(page, { "state-src": "bare-state.json" });
  await part(page, "amount-input").fill("100");
  await waitForExact(page, "points-granted", expected.receipt.pointsGranted);
  assert.deepEqual(problems, []);
  await page.close();
});

test("on a 360 px phone the largest amount's figures break only after a thousands separator", async () => {
  for (const lang of ["zh-CN", "en"]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/?lang=${lang}`, { width: 360, height: 780 });
    await part(page, "amount-input").fill("1000000000000");
    await part(page, "points-granted").waitFor();
    await part(page, "split").waitFor();
    const split = await page.evaluate(() => {
      const figures = [...document.querySelector("points-calculator").shadowRoot.querySelectorAll("dd[data-exact]")];
      const pieces = figures.flatMap((dd) => [...dd.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.textContent.length > 1));
      return pieces.filter((node) => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return range.getClientRects().length > 1;
      }).map((node) => node.textContent);
    });
    assert.deepEqual(split, [], `${lang}: no group of digits is broken`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, `${lang}: no sideways scroll`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
