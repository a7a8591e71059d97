// The README's screenshots, taken again from the pages as they are: `node scripts/screenshots.mjs`
// after `make build` (Debian's Chromium and a CJK font, as the browser tests use). Writes
// docs/calculator-zh-CN.png, docs/calculator-phone-en.png, docs/check-zh-CN.png,
// docs/operator-comparison-en.png, and a calculator verifying the fixture log, refusing its
// fork and checking a member's lines against it (docs/calculator-log-verified-en.png,
// docs/calculator-log-fork-en.png, docs/check-log-en.png). `SHOTS=log` takes only the log's three.
import { launch, open, part } from "../tests/browser/browser.mjs";
import { KEY, fixtureLog, logRows, memberSecret, rowTag } from "../tests/browser/log-fixtures.mjs";

const docs = (name) => new URL(`../docs/${name}`, import.meta.url).pathname;

/** Waits until the element's scenarios and band are drawn. */
function drawn(page) {
  return page.waitForFunction(() => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="band"]'), null, { timeout: 30_000 });
}

/** The element on the demo page reading the log served at /logs/shot/ (`log` is what is served now), shot as `name` (null: not shot). */
async function logShot(page, served, name) {
  await page.evaluate((key) => {
    const element = document.querySelector("points-calculator");
    element.remove();
    const fresh = document.createElement("points-calculator");
    Object.assign(fresh, { logSrc: "/logs/shot/", logKey: key });
    fresh.setAttribute("lang", "en");
    document.querySelector("main").prepend(fresh);
  }, KEY.vkey);
  await page.waitForFunction(() => {
    const root = document.querySelector("points-calculator").shadowRoot;
    return !root.querySelector('[part~="log-verified"]').hidden || !root.querySelector('[part~="error"]').hidden;
  }, null, { timeout: 30_000 });
  if (served === "base") {
    await part(page, "amount-input").fill("100");
    await drawn(page);
  }
  if (name) await page.locator("points-calculator").screenshot({ path: docs(name) });
}

/**
 * 核对 against the verified log, as member m3 would: one of their lines as published, one with a
 * changed result, another member's row and a seq the log does not hold.
 */
async function checkLogShot(page, name) {
  const rows = logRows(fixtureLog("base"));
  const secret = memberSecret("m3");
  const mine = rows.filter((row) => row.tag === rowTag(secret, row.seq));
  const theirs = rows.find((row) => row.tag !== rowTag(secret, row.seq));
  const line = (row, result = row.result) => `${row.seq},${row.type},${row.value},1,${result}`;
  const lines = ["seq,type,value,price,result", line(mine[0]), line(mine.at(-1), `${mine.at(-1).result}9`), line(theirs), "15,purchase,100,1,40"].join("\n");
  await page.locator("points-calculator").evaluate((node) => (node.task = "check"));
  await part(page, "check-log").waitFor({ timeout: 30_000 });
  await part(page, "check-input").fill(lines);
  await part(page, "check-log-secret").fill(secret.toString("hex"));
  await part(page, "check-log-run").click();
  await page.waitForFunction(() => ["done", "refused"].includes(document.querySelector("points-calculator").shadowRoot.querySelector('[part~="check-log-results"]')?.dataset.state), null, { timeout: 30_000 });
  // The log's part only: the lines' prices are made up here, so the plain check above them would
  // rightly call them short, which is not what this picture shows.
  await part(page, "check-log").screenshot({ path: docs(name) });
}

const browser = await launch();
try {
  {
    const { page } = await open(browser.context, `${browser.origin}/?lang=en`, { width: 760, height: 900 });
    let served = "base";
    await page.route("**/logs/shot/**", (route) => {
      const path = new URL(route.request().url()).pathname.replace("/logs/shot/", "");
      const bytes = fixtureLog(served).get(path);
      return bytes ? route.fulfill({ status: 200, body: bytes }) : route.fulfill({ status: 404, body: "" });
    });
    await logShot(page, served, "calculator-log-verified-en.png");
    served = "fork";
    await logShot(page, served, "calculator-log-fork-en.png");
    served = "base";
    await logShot(page, served, null);
    await checkLogShot(page, "check-log-en.png");
    await page.close();
  }
  others: {
  if (process.env.SHOTS === "log") break others;
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
  }
} finally {
  await browser.close();
}
