// `make bench` (page part): 核对 with a big history on a member's phone (issue 19, item 7). A
// 5,000-line history pasted into the element on the demo page, 360 px wide, in Chromium as it
// is and throttled like a slow phone (CPU 4× slower; the network does not matter once the page
// is loaded): the time from the paste to the first table drawn, and for each later keystroke
// its Event Timing duration (input to the next paint; under 16 ms is not reported by browsers)
// and the time until the lines are checked again once the typing rests. Median of 5 pages.
// Reported, not asserted: speed is a bench, never a timed test.
import { readFileSync } from "node:fs";
import { launch, part } from "../tests/browser/browser.mjs";

const pkg = new URL("../www/pkg/", import.meta.url);
const engine = await import(new URL("points_pool.js", pkg));
engine.initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });
const demo = JSON.parse(readFileSync(new URL("../www/demo-pool.json", import.meta.url), "utf8"));

/** A member's 5,000 purchases at the demo pool's rules, each at the price published before it. */
function history(count) {
  const pool = new engine.PointsPool(demo.config);
  const lines = ["类型,金额,价格,到账,备注"];
  for (let n = 1; n <= count; n += 1) {
    const price = pool.state().price;
    lines.push(`消费,100,${price},${pool.purchase(`m${n % 97}`, "100").pointsGranted},订单 ${n}`);
  }
  pool.free();
  return lines.join("\n");
}

const LINES = history(5_000);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => `${value.toFixed(0)} ms`;

/** One page: paste, first table, then five keystrokes and the check after they rest. */
async function run(browser, slow) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 780 });
  const cdp = await browser.context.newCDPSession(page);
  await page.goto(`${browser.origin}/`);
  // The engine loaded (a first result), then 核对 opened: what a member has done before pasting.
  await part(page, "amount-input").fill("100");
  await part(page, "points-granted").waitFor();
  await page.locator("points-calculator").evaluate((node) => { node.task = "check"; });
  await part(page, "check-input").waitFor();
  if (slow) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const firstTable = await page.locator("points-calculator").evaluate(async (node, text) => {
    const box = node.shadowRoot.querySelector('[part~="check-input"]');
    const start = performance.now();
    box.value = text;
    box.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
    while (!node.shadowRoot.querySelector('[part~="check-line"]')) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - start;
  }, LINES);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.evaluate(() => {
    window.slowEvents = [];
    new PerformanceObserver((list) => window.slowEvents.push(...list.getEntries().map((entry) => entry.duration)))
      .observe({ type: "event", durationThreshold: 16 });
    window.checks = 0;
    document.addEventListener("points-result", (event) => { if (event.detail.task === "check") window.checks += 1; });
  });
  await part(page, "check-input").focus();
  await page.keyboard.press("End");
  const typed = Date.now();
  for (const key of "\n消费,1") await page.keyboard.insertText(key);
  const started = await page.evaluate(() => performance.now());
  await page.waitForFunction(() => window.checks >= 1 || document.querySelector("points-calculator").shadowRoot.querySelector('[part~="error"]').dataset.code);
  const rechecked = await page.evaluate((since) => performance.now() - since, started);
  const keystrokes = await page.evaluate(() => window.slowEvents);
  await page.close();
  return { firstTable, height, keystroke: keystrokes.length ? Math.max(...keystrokes) : null, rechecked, typingMs: Date.now() - typed };
}

/** The floor: the longest keystroke in a bare <textarea> holding the same text (the browser's own editing). */
async function bareTextarea(browser, slow) {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 780 });
  await page.setContent("<body></body>");
  const cdp = await browser.context.newCDPSession(page);
  if (slow) await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.evaluate((text) => {
    const box = document.createElement("textarea");
    box.rows = 6;
    box.cols = 30;
    document.body.append(box);
    box.value = text;
    box.focus();
    box.setSelectionRange(text.length, text.length);
    window.slowEvents = [];
    new PerformanceObserver((list) => window.slowEvents.push(...list.getEntries().map((entry) => entry.duration)))
      .observe({ type: "event", durationThreshold: 16 });
  }, LINES);
  for (const key of "\n消费,1") await page.keyboard.insertText(key);
  await page.waitForTimeout(300);
  const durations = await page.evaluate(() => window.slowEvents);
  await page.close();
  return durations.length ? Math.max(...durations) : null;
}

const browser = await launch();
try {
  for (const slow of [false, true]) {
    const runs = [];
    for (let n = 0; n < 5; n += 1) runs.push(await run(browser, slow));
    const label = slow ? "slow phone (CPU 4×)" : "as is";
    const keystroke = runs.map((each) => each.keystroke).filter((value) => value !== null);
    console.log(`核对, 5,000 lines, 360 px, ${label}:`);
    console.log(`  paste → first table drawn: median ${ms(median(runs.map((each) => each.firstTable)))} (${runs.map((each) => ms(each.firstTable)).join(", ")}); page ${median(runs.map((each) => each.height))} px tall`);
    const floor = await bareTextarea(browser, slow);
    console.log(`  each keystroke, input to next paint: ${keystroke.length ? `longest ${ms(Math.max(...keystroke))} (Event Timing)` : "under 16 ms every time (no Event Timing entry)"};` +
      ` a bare <textarea> holding the same text: ${floor === null ? "under 16 ms" : `longest ${ms(floor)}`}`);
    console.log(`  checked again once the typing rests (300 ms after the last key): median ${ms(median(runs.map((each) => each.rechecked)))}`);
  }
} finally {
  await browser.close();
}
