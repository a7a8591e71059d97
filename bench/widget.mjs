// `make bench` (page part): what the element costs a member's phone. Budgets (issue 18):
// everything the element loads before its first result ≤ 100 KB gzipped (the files the browser
// had asked for when the first result showed, on the demo page); first result after navigation
// (cache disabled) ≤ 300 ms, and ≤ 1.2 s with the page throttled like a slow phone (150 ms round
// trip, 1.6 Mbit/s down, CPU 4× slower), served gzipped with the page's preloads, median of 5;
// re-projection while dragging the horizon ≤ 16 ms per update. Reported, not asserted.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { launch, open, part } from "../tests/browser/browser.mjs";
import { findReferences, resolveReference } from "../scripts/references.mjs";

const www = new URL("../www/", import.meta.url);

/**
 * The element's files from its entry, by the same reading of references as `make dist`, in two
 * sets: what its first result needs (static imports and the engine's wasm) and what it loads
 * only when used (`import("…")`: the scenarios and 核对; the worker; and all they import).
 */
function elementFiles() {
  const first = new Set();
  const later = new Set();
  const visit = (path, set) => {
    if (first.has(path) || set.has(path)) return;
    set.add(path);
    if (!path.endsWith(".js")) return;
    const text = readFileSync(new URL(path, www), "utf8");
    for (const { specifier, start } of findReferences(text)) {
      const target = resolveReference(path, specifier);
      const before = text.slice(Math.max(0, start - 40), start);
      const whenUsed = /import\(\s*["']$/.test(before) || (/new URL\(\s*["']$/.test(before) && target.endsWith(".js"));
      visit(target, whenUsed ? later : set);
    }
  };
  visit("points-calculator.js", first);
  for (const path of first) later.delete(path);
  return { first: [...first], later: [...later] };
}

const { first, later } = elementFiles();
const sizes = [...first, ...later].map((file) => {
  const bytes = readFileSync(new URL(file, www));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, whenUsed: later.includes(file) };
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const { file, raw, gzip, whenUsed } of sizes) console.log(`  ${file.padEnd(40)} ${kb(raw).padStart(9)} raw ${kb(gzip).padStart(9)} gzip${whenUsed ? "  (when used)" : ""}`);
const total = sizes.reduce((sum, size) => sum + size.gzip, 0);
const needed = sizes.filter((size) => !size.whenUsed).reduce((sum, size) => sum + size.gzip, 0);
console.log(`every file of the element: ${kb(total)} gzipped; what its first result needs: ${kb(needed)}; the rest loads when used`);
/**
 * The element's files the page had asked for before its first result (the `points-result`
 * event, dispatched once the figures are drawn; the projection worker starts after it), and
 * their gzipped total. The page must have run `recordFirstResult` before it loaded.
 */
async function loadedBeforeFirstResult(page) {
  const asked = await page.evaluate(() => performance.getEntriesByType("resource")
    .filter((entry) => entry.startTime < window.firstResultAt).map((entry) => new URL(entry.name).pathname));
  const loaded = sizes.filter(({ file }) => asked.includes(`/${file}`));
  return { files: loaded.map(({ file }) => file), gzip: loaded.reduce((sum, size) => sum + size.gzip, 0) };
}

const recordFirstResult = () =>
  document.addEventListener("points-result", () => { window.firstResultAt ??= performance.now(); });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const browser = await launch();
try {
  const firsts = [];
  for (let run = 0; run < 7; run += 1) {
    const { page } = await open(browser.context, `${browser.origin}/`, { width: 360, height: 780 });
    await part(page, "amount-input").fill("100");
    await part(page, "points-granted").waitFor();
    firsts.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  console.log(`first result after navigation: median ${median(firsts).toFixed(0)} ms over ${firsts.length} loads (budget ≤ 300 ms)`);

  // A slow phone, through Chromium's DevTools protocol; the amount typed as soon as the box exists.
  const slow = [];
  let before;
  for (let run = 0; run < 5; run += 1) {
    const page = await browser.context.newPage();
    await page.addInitScript(recordFirstResult);
    await page.setViewportSize({ width: 360, height: 780 });
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${browser.origin}/`, { waitUntil: "commit" });
    await part(page, "amount-input").fill("100");
    await part(page, "points-granted").waitFor({ timeout: 60_000 });
    slow.push(await page.evaluate(() => performance.now()));
    before ??= await loadedBeforeFirstResult(page);
    await page.close();
  }
  console.log(`loaded before the first result: ${kb(before.gzip)} gzipped (budget ≤ 100 KB): ${before.files.join(", ")}`);
  console.log(`first result, throttled like a slow phone: median ${median(slow).toFixed(0)} ms over ${slow.length} loads (budget ≤ 1,200 ms)`);

  const { page } = await open(browser.context, `${browser.origin}/`);
  await part(page, "amount-input").fill("100");
  // The projection's part arrives with its lazily loaded module: absent means not yet.
  await page.waitForFunction(() =>
    Boolean(document.querySelector("points-calculator").shadowRoot.querySelector('[part~="projected-value"]')?.textContent));
  const updates = await page.locator("points-calculator").evaluate((element) => {
    const slider = element.shadowRoot.querySelector('[part~="horizon"]');
    const times = [];
    for (let days = 7; days <= 365; days += 2) {
      const start = performance.now();
      slider.value = String(days);
      slider.dispatchEvent(new Event("input"));
      element.shadowRoot.querySelector('[part~="chart"]').getBoundingClientRect(); // force layout
      times.push(performance.now() - start);
    }
    return times;
  });
  console.log(`re-projection while dragging: median ${median(updates).toFixed(2)} ms, max ${Math.max(...updates).toFixed(2)} ms over ${updates.length} updates (budget ≤ 16 ms)`);
  const recompute = await page.locator("points-calculator").evaluate(async (element) => {
    const projected = () => element.shadowRoot.querySelector('[part~="projected-value"]').dataset.exact;
    const before = projected();
    const input = element.shadowRoot.querySelector('[part~="amount-input"]');
    const start = performance.now();
    input.value = "250";
    input.dispatchEvent(new Event("input"));
    // The worker's projection is drawn when the projected value changes.
    while (projected() === before) await new Promise((resolve) => setTimeout(resolve, 1));
    return performance.now() - start;
  });
  console.log(`new amount: results, three 365-day projections and a 400-run Monte Carlo band drawn from the worker: ${recompute.toFixed(0)} ms`);
  await page.close();
} finally {
  await browser.close();
}
