// verify.html (issue 20, item 6): a log's URL and key in, full verification in a worker, the
// engine's report out; a tampered tile refused with the engine's code. The fixture logs are
// served through Chromium's request routing as a static host serves them; what the page must
// report is what LogAudit reports on the same bytes in Node. Read by data attributes, never words.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, open } from "./browser.mjs";
import { KEY, tamperedLogs } from "./log-fixtures.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, LogAudit } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

/** What LogAudit in Node says of `log`: its report, or its refusal's code. */
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

async function verifyPage(log) {
  const { page, problems } = await open(browser.context, "about:blank");
  await page.route("**/logs/fixture/**", (route) => {
    const bytes = log.get(new URL(route.request().url()).pathname.replace("/logs/fixture/", ""));
    return route.fulfill(bytes ? { status: 200, body: bytes } : { status: 404, body: "" });
  });
  const query = new URLSearchParams({ url: "/logs/fixture/", key: KEY.vkey, lang: "en" });
  await page.goto(`${browser.origin}/verify.html?${query}`);
  await page.waitForFunction(() => ["verified", "refused"].includes(document.getElementById("verify-result").dataset.state), null, { timeout: 30_000 });
  const result = await page.evaluate(() => ({ ...document.getElementById("verify-result").dataset }));
  return { page, problems, result };
}

test("verify.html verifies the fixture log in full and reports what the engine proved", async () => {
  const { good } = tamperedLogs();
  const { report } = audited(good);
  const { page, problems, result } = await verifyPage(good);
  assert.deepEqual(result, { state: "verified", size: String(report.size), rows: String(report.rows), fingerprint: report.fingerprint });
  assert.deepEqual(problems, []);
  await page.close();
});

test("verify.html refuses a tampered tile and an edited entry with the engine's code", async () => {
  const logs = tamperedLogs();
  for (const name of ["editedTile", "editedEntry", "badSignature"]) {
    const { code } = audited(logs[name]);
    assert.match(code ?? "", /^log_/, `${name}: Node's LogAudit refuses it`);
    const { page, result } = await verifyPage(logs[name]);
    assert.deepEqual([result.state, result.code], ["refused", code], name);
    await page.close();
  }
});
