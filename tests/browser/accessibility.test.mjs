// Accessibility is tested, not assumed: axe-core (npm, a devDependency) run in Chromium over
// both pages, the element's shadow root included, in the states a member and an operator
// reach (each task with results, an error, a phone, English, the dark theme). No violations.
// axe is evaluated through the DevTools protocol, outside the page's CSP, so the pages keep theirs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, open, part } from "./browser.mjs";
import { holdingTask, waitForCode } from "./element.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** axe's violations on the page as it stands, one line each (rule, impact, where). */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" >>> ")).join(", ")}`);
  });
  return found;
}

/** Waits until the element's scenarios are drawn. */
function projected(page) {
  return page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="projected-value"]')?.dataset.exact !== undefined);
}

test("the member's calculator: every task, an error, a phone, English and the dark theme", async () => {
  for (const [query, viewport, scheme] of [["", { width: 1000, height: 900 }, "light"], ["?lang=en", { width: 360, height: 780 }, "dark"]]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/${query}`, viewport);
    await page.emulateMedia({ colorScheme: scheme });
    const found = [];
    await part(page, "amount-input").fill("100");
    await projected(page);
    found.push(...await violations(page));
    await part(page, "amount-input").fill("abc");
    await waitForCode(page, "invalid_decimal");
    found.push(...await violations(page));
    await holdingTask(page, { points: "21", spent: "100", received: "50" });
    await projected(page);
    found.push(...await violations(page));
    await page.locator("points-calculator").evaluate((node) => { node.task = "check"; });
    await part(page, "check-input").fill("消费,100,1,21\n提现,10,2,15\n");
    await part(page, "check-summary").waitFor({ timeout: 5_000 });
    found.push(...await violations(page));
    assert.deepEqual([...new Set(found)], [], `${query || "zh-CN"}, ${scheme}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("the operator page, with results in every section", async () => {
  for (const query of ["", "?lang=en"]) {
    const { page, problems } = await open(browser.context, `${browser.origin}/operator.html${query}`, { width: 1280, height: 900 });
    await page.locator('[data-table="comparison"] tbody tr').first().waitFor({ timeout: 30_000 });
    await page.locator("#gain-bars").waitFor({ timeout: 30_000 });
    await page.locator("#cfg-poolRate").fill("1.5");
    await page.waitForFunction(() => document.querySelector("#cfg-poolRate").getAttribute("aria-invalid") === "true");
    assert.deepEqual(await violations(page), [], query || "zh-CN");
    assert.deepEqual(problems, []);
    await page.close();
  }
});
