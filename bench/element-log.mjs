// The element's log check in a browser (issue 20's budget: ≤ 150 ms after the checkpoint
// arrives, ≤ 6 tile requests, on a 1,000,000-entry log), and verify.html's full verification of
// a 100,000-row log (≤ 2 s). `make cli build`, then `node bench/element-log.mjs` (ROWS=… for
// another size). Debian's Chromium; the log is served from disk through request routing, the
// browser keeping the checkpoint of a log 2,500 rows shorter, as a returning member's would.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLedger } from "../tests/support/ledger.mjs";
import { launch, open } from "../tests/browser/browser.mjs";

const cli = new URL("../target/release/points-pool", import.meta.url).pathname;
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const VERIFY_ROWS = Number(process.env.VERIFY_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), "pp-element-log-"));
const run = (...args) => JSON.parse(execFileSync(cli, ["--json", ...args], { maxBuffer: 1 << 26 }).toString());
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

run("keygen", "--name", "bench.example/points", "--out", join(dir, "keys"));
const vkey = readFileSync(join(dir, "keys", "log.vkey"), "utf8").trim();
const publish = (rows, log) => {
  const ledger = join(dir, `ledger-${rows}.csv`);
  writeFileSync(ledger, generateLedger(rows).text);
  return run("publish", ledger, "--log", join(dir, log), "--key", join(dir, "keys", "log.key"), "--tag-secret", join(dir, "keys", "tag.secret"));
};
publish(ROWS - 2_500, "big");
const kept = readFileSync(join(dir, "big", "checkpoint"), "utf8");
const big = publish(ROWS, "big");
publish(VERIFY_ROWS, "small");

const browser = await launch();
try {
  const { page } = await open(browser.context, `${browser.origin}/`);
  const requests = [];
  await page.route("**/logs/**", (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/logs\//, "");
    requests.push(path);
    try {
      return route.fulfill({ status: 200, body: readFileSync(join(dir, path)) });
    } catch {
      return route.fulfill({ status: 404, body: "" });
    }
  });
  const times = [];
  for (let round = 0; round < 7; round += 1) {
    requests.length = 0;
    const elapsed = await page.evaluate(async ([key, keptText]) => {
      localStorage.setItem(`points-pool:log:bench.example/points:${location.origin}/logs/big/`, keptText);
      performance.clearResourceTimings();
      document.querySelector("points-calculator")?.remove();
      const element = document.createElement("points-calculator");
      const verified = new Promise((resolve, reject) => {
        element.addEventListener("points-verified", () => resolve(performance.now()));
        element.addEventListener("points-error", (event) => reject(new Error(event.detail.code)));
      });
      Object.assign(element, { logSrc: "/logs/big/", logKey: key });
      document.querySelector("main").prepend(element);
      const at = await verified;
      const checkpoint = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("/logs/big/checkpoint"));
      return at - checkpoint.responseEnd;
    }, [vkey, kept]);
    times.push(elapsed);
  }
  const tiles = requests.filter((path) => path !== "big/checkpoint").length;
  console.log(`element's check of a ${big.size.toLocaleString("en")}-entry log against a kept checkpoint 2,500 rows older: ${tiles} tile requests, ${median(times).toFixed(1)} ms median of 7 from the checkpoint's arrival to points-verified (Chromium; tiles served from disk by routing) — budget ≤ 6, ≤ 150 ms`);

  const query = new URLSearchParams({ url: "/logs/small/", key: vkey });
  await page.goto(`${browser.origin}/verify.html?${query}`);
  await page.waitForFunction(() => ["verified", "refused"].includes(document.getElementById("verify-result").dataset.state), null, { timeout: 120_000 });
  const result = await page.evaluate(() => ({ ...document.getElementById("verify-result").dataset, status: document.getElementById("verify-status").textContent }));
  console.log(`verify.html, full verification of ${VERIFY_ROWS.toLocaleString("en")} rows: ${result.state}, ${result.status} (the worker's time: fetches through routing, every hash, every row) — budget ≤ 2 s`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
