// What the element's Chromium tests share: the engine in Node (the figures the element must
// show), the demo pool, and waits that read the element by what the engine says: a part's
// `data-exact`, the error's `data-code`, a fact's `data-fact`; never its words.
import { readFileSync } from "node:fs";

const pkg = new URL("../../www/pkg/", import.meta.url);
export const engine = await import(new URL("points_pool.js", pkg));
engine.initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });
export const demoSnapshot = JSON.parse(readFileSync(new URL("../../www/demo-pool.json", import.meta.url), "utf8"));

/** What the engine grants for `amount` on `snapshot` (the demo pool by default), as the element shows it. */
export function quote(amount, snapshot = demoSnapshot) {
  const pool = engine.PointsPool.fromState(snapshot);
  try {
    const receipt = pool.purchase("you", amount);
    const view = pool.member("you");
    return { receipt, view, after: pool.publicSnapshot(), split: engine.purchaseSplit(amount, receipt.contribution, view.value) };
  } finally {
    pool.free();
  }
}

/** The view of points held on `snapshot`. */
export function holding(points, spent, received, snapshot = demoSnapshot) {
  const pool = engine.PointsPool.fromState(snapshot);
  try {
    return pool.holding(points, spent, received);
  } finally {
    pool.free();
  }
}

/** The merchant's scenario of the demo page's element, for `points` (and `spent`, `received`). */
export function scenario(days, member) {
  return { days, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01", ...member };
}

/** A shadow part's `dataset` and whether it is shown, or null. */
export function readPart(page, name, host = "points-calculator") {
  return page.evaluate(([selector, partName]) => {
    const node = document.querySelector(selector)?.shadowRoot?.querySelector(`[part~="${partName}"]`);
    if (!node) return null;
    const box = node.getBoundingClientRect();
    return { ...node.dataset, hidden: node.hidden || box.width === 0, right: box.right };
  }, [host, name]);
}

/** Waits until the shadow part `name` carries `data-<key>` equal to `value`. */
export function waitForData(page, name, key, value, host = "points-calculator") {
  return page.waitForFunction(([selector, partName, dataKey, want]) =>
    document.querySelector(selector)?.shadowRoot?.querySelector(`[part~="${partName}"]`)?.dataset[dataKey] === want, [host, name, key, value]);
}

/** Waits until the shadow part `name` shows the engine figure `exact`. */
export function waitForExact(page, name, exact, host = "points-calculator") {
  return waitForData(page, name, "exact", exact, host);
}

/** Waits until the element shows the error `code` (and gives its dataset). */
export async function waitForCode(page, code, host = "points-calculator") {
  await page.waitForFunction(([selector, want]) => {
    const error = document.querySelector(selector)?.shadowRoot?.querySelector('[part~="error"]');
    return error && !error.hidden && error.dataset.code === want && error.textContent !== "";
  }, [host, code]);
  return readPart(page, "error", host);
}

/** The `data-fact` codes of the facts list shown. */
export function facts(page, host = "points-calculator") {
  return page.evaluate((selector) =>
    [...document.querySelector(selector).shadowRoot.querySelectorAll('[part~="facts"] [data-fact]')].map((node) => node.dataset.fact), host);
}

/** Records every points-* event the element sends, in `window.heard`. */
export function listen(page) {
  return page.evaluate(() => {
    window.heard = [];
    for (const type of ["points-result", "points-projection", "points-error"]) {
      document.addEventListener(type, (event) => window.heard.push({ type, detail: event.detail }));
    }
  });
}

/** Replaces the demo page's element by a fresh one with `attributes` (none: a bare embed). */
export function embed(page, attributes = {}, lang = null) {
  return page.evaluate(([given, language]) => {
    document.querySelector("points-calculator")?.remove();
    const element = document.createElement("points-calculator");
    for (const [name, value] of Object.entries(given)) element.setAttribute(name, value);
    if (language) element.setAttribute("lang", language);
    document.querySelector("main").prepend(element);
  }, [attributes, lang]);
}

/** Opens the `points` task and types what is given. */
export async function holdingTask(page, { points, spent = "", received = "" }) {
  await page.locator("points-calculator").evaluate((node, values) => {
    node.task = "points";
    Object.assign(node, values);
  }, { points, spent, received });
}
