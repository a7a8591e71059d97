// One small driver per engine, one interface, so that tests/browser/engines.test.mjs runs
// the same test body in each:
//
//   const browser = await driver.launch();          // { name, label, needsProbe?, open, close }
//   const page = await browser.open(url, { width, height });
//   await page.evaluate(fn, ...args);   // fn's source runs in the page (never eval'd there); JSON in and out
//   await page.fill({ host, css }, text);   // real key input into an element, in host's shadow root if given
//   await page.click({ host, css });
//   await page.screenshot(path);
//   await page.problems();   // console errors and uncaught errors the page has shown so far
//   await page.close();  await browser.close();
//
// ENGINES=chromium,firefox picks engines (all three by default).
import * as chromium from "./chromium.mjs";
import * as firefox from "./firefox.mjs";
import * as webkit from "./webkit.mjs";

const ALL = [chromium, firefox, webkit];

export const drivers = process.env.ENGINES
  ? process.env.ENGINES.split(",").map((wanted) => {
    const found = ALL.find((driver) => driver.name === wanted.trim());
    if (!found) throw new Error(`ENGINES: no engine ${wanted}; there are ${ALL.map((driver) => driver.name).join(", ")}`);
    return found;
  })
  : ALL;

/** Polls `fn(...args)` in the page until it returns a truthy value, and returns that value. */
export async function waitFor(page, what, fn, args = [], timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate(fn, ...args);
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
