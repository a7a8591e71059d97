// The operator page audits a log (issue 20, item 6): its log section runs the same full
// verification as verify.html (verify/panel.js, www/workers/verify.js), with progress and
// Cancel. What it must report is what LogAudit reports on the same bytes in Node; the fixture
// logs are served through Chromium's request routing as a static host serves them. Read by
// data attributes, never words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open } from "./browser.mjs";
import { KEY, tamperedLogs } from "./log-fixtures.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, LogAudit } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

function audited(log) {
  const audit = new LogAudit(KEY.vkey);
  try {
    audit.checkpoint(log.get("checkpoint").toString("utf8"));
    for (let path = audit.nextPath(); path !== undefined; path = audit.nextPath()) audit.feed(path, log.get(path) ?? new Uint8Array());
    return { report: audit.finish() };
  } catch (error) {
    return { code: error.code };
  }
}

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The operator page with `log` served at /logs/fixture/ (`hold`: a promise each file waits for). */
async function operatorPage(log, hold = null) {
  const { page, problems } = await open(browser.context, "about:blank", { width: 1280, height: 900 });
  await page.route("**/logs/fixture/**", async (route) => {
    await hold;
    const bytes = log.get(new URL(route.request().url()).pathname.replace("/logs/fixture/", ""));
    return route.fulfill(bytes ? { status: 200, body: bytes } : { status: 404, body: "" });
  });
  await page.goto(`${browser.origin}/operator.html?lang=en`);
  await page.locator("#example-price").waitFor();
  await page.fill("#log-audit-url", "/logs/fixture/");
  await page.fill("#log-audit-key", KEY.vkey);
  return { page, problems };
}

const result = (page) => page.evaluate(() => ({ ...document.getElementById("log-audit-result").dataset }));
const settled = (page, states) => page.waitForFunction((wanted) => wanted.includes(document.getElementById("log-audit-result").dataset.state), states, { timeout: 30_000 });

test("the operator page verifies a log in full and reports what the engine proved", async () => {
  const { good } = tamperedLogs();
  const { report } = audited(good);
  const { page, problems } = await operatorPage(good);
  await page.click("#log-audit-start");
  await settled(page, ["verified", "refused"]);
  assert.deepEqual(await result(page), { state: "verified", size: String(report.size), rows: String(report.rows), fingerprint: report.fingerprint });
  assert.equal(await page.locator('#log-audit-result [data-field="fingerprint"]').textContent(), report.fingerprint);
  assert.equal(await page.locator("#log-audit-cancel").isHidden(), true);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the operator page refuses a tampered log with the engine's code", async () => {
  const logs = tamperedLogs();
  for (const name of ["editedEntry", "badSignature"]) {
    const { code } = audited(logs[name]);
    assert.match(code ?? "", /^log_/, `${name}: Node's LogAudit refuses it`);
    const { page } = await operatorPage(logs[name]);
    await page.click("#log-audit-start");
    await settled(page, ["verified", "refused"]);
    const shown = await result(page);
    assert.deepEqual([shown.state, shown.code], ["refused", code], name);
    await page.close();
  }
});

test("the operator page's log audit shows its progress and can be cancelled", async () => {
  let release;
  const hold = new Promise((resolve) => { release = resolve; });
  const { page, problems } = await operatorPage(tamperedLogs().good, hold);
  await page.click("#log-audit-start");
  await settled(page, ["running"]);
  assert.equal(await page.locator("#log-audit-cancel").isVisible(), true);
  assert.equal(await page.locator("#log-audit-progress").isVisible(), true);
  await page.click("#log-audit-cancel");
  await settled(page, ["cancelled"]);
  assert.equal(await page.locator("#log-audit-cancel").isHidden(), true);
  release();
  assert.deepEqual(problems, []);
  await page.close();
});

test("the share link keeps the log audited, and opening it audits that log again", async () => {
  const { good } = tamperedLogs();
  const { report } = audited(good);
  const { page, problems } = await operatorPage(good);
  await page.click("#log-audit-start");
  await settled(page, ["verified", "refused"]);
  const link = new URL(await page.inputValue("#share-link"));
  assert.deepEqual(JSON.parse(link.searchParams.get("log")), { url: `${browser.origin}/logs/fixture/`, key: KEY.vkey });
  await page.goto("about:blank");
  await page.goto(link.href);
  await settled(page, ["verified", "refused"]);
  assert.equal(await page.inputValue("#log-audit-key"), KEY.vkey);
  assert.deepEqual(await result(page), { state: "verified", size: String(report.size), rows: String(report.rows), fingerprint: report.fingerprint });
  assert.deepEqual(problems, []);
  await page.close();
});
