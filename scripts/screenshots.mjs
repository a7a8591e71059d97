// The README's screenshots, taken again from the pages as they are: `node scripts/screenshots.mjs`
// after `make build` (Debian's Chromium and a CJK font, as the browser tests use). Writes
// docs/calculator-zh-CN.png, docs/calculator-phone-en.png, docs/check-zh-CN.png and
// docs/operator-comparison-en.png.
import { launch, open, part } from "../tests/browser/browser.mjs";

const docs = (name) => new URL(`../docs/${name}`, import.meta.url).pathname;

/** Waits until the element's scenarios and band are drawn. */
function drawn(page) {
  return page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="band"]'), null, { timeout: 30_000 });
}

const browser = await launch();
try {
  {
    const { page } = await open(browser.context, `${browser.origin}/`, { width: 760, height: 900 });
    await part(page, "amount-input").fill("100");
    await drawn(page);
    await page.locator("points-calculator").screenshot({ path: docs("calculator-zh-CN.png") });
    await page.close();
  }
  {
    const { page } = await open(browser.context, `${browser.origin}/?lang=en`, { width: 360, height: 780 });
    await page.locator("points-calculator").evaluate((node) => Object.assign(node, { task: "points", points: "21", spent: "100", received: "0" }));
    await drawn(page);
    await page.locator("points-calculator").screenshot({ path: docs("calculator-phone-en.png") });
    await page.close();
  }
  {
    const { page } = await open(browser.context, `${browser.origin}/`, { width: 760, height: 900 });
    await page.evaluate(() => {
      const element = document.querySelector("points-calculator");
      element.removeAttribute("state-src");
      Object.assign(element, { pool: "3000", supply: "579.93", roundingPoints: "2 down", roundingPrice: "2 down", task: "check" });
    });
    await part(page, "check-input").fill("类型,金额,价格,到账,备注\n消费,100,1,21.00,A\n消费,100,1.42,14.73,B\n消费,300,1.67,37.72,C\n提现,10,2.04,16.32,D\n");
    await part(page, "check-summary").waitFor({ timeout: 10_000 });
    await page.locator("points-calculator").screenshot({ path: docs("check-zh-CN.png") });
    await page.close();
  }
  {
    const { page } = await open(browser.context, `${browser.origin}/operator.html?lang=en`, { width: 1280, height: 900 });
    await page.locator("#add-set").click();
    await page.locator("#set-2-orderGrowth").fill("-0.01");
    await page.locator("#set-2-orderGrowth").dispatchEvent("change");
    await page.locator("#monte-carlo").check();
    await page.waitForFunction(() => document.querySelector("#comparison-status").dataset.code === "simulated", null, { timeout: 60_000 });
    await page.locator("#comparison").screenshot({ path: docs("operator-comparison-en.png") });
    await page.close();
  }
} finally {
  await browser.close();
}
