// `make bench` (operator page): issue 6's budgets, reported, not asserted.
// A generated 200,000-row ledger audited in the page (< 10 s, no main-thread task over
// 100 ms meanwhile), then a 1,000,000-row ledger (it must finish; the engine's memory is
// printed). Files are set by path, as a user picks them, so nothing passes through the page.
import { mkdtempSync, writeFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, open } from "../tests/browser/browser.mjs";
import { generateLedger } from "../tests/support/ledger.mjs";

const folder = mkdtempSync(join(tmpdir(), "points-pool-bench-"));
const browser = await launch();
try {
  for (const rows of [200_000, 1_000_000]) {
    const path = join(folder, `ledger-${rows}.csv`);
    writeFileSync(path, generateLedger(rows).text);
    const { page, problems } = await open(browser.context, `${browser.origin}/operator.html?lang=en`, { width: 1280, height: 900 });
    await page.locator("#example-price").waitFor();
    await page.evaluate(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: "longtask" });
    });
    const started = Date.now();
    await page.locator("#ledger-file").setInputFiles(path);
    await page.locator("#audit-report").waitFor({ timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    const report = JSON.parse(await page.locator("#audit-report").getAttribute("data-report"));
    const memory = Number(await page.locator("#audit-memory").getAttribute("data-bytes"));
    const longest = Math.max(0, ...(await page.evaluate(() => window.longTasks)));
    const megabytes = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
    console.log(`audit in the page, ${rows.toLocaleString("en")} rows (${megabytes(statSync(path).size)} file): ${seconds.toFixed(2)} s, ` +
      `${Math.round(rows / seconds).toLocaleString("en")} rows/s, ${report.mismatches} mismatches of ${report.checked.toLocaleString("en")} checked, ` +
      `engine memory ${megabytes(memory)}, longest main-thread task ${longest.toFixed(0)} ms` +
      (rows === 200_000 ? " (budgets: < 10 s, no task over 100 ms)" : "") + (problems.length ? `, problems: ${problems.join("; ")}` : ""));
    await page.close();
  }
} finally {
  await browser.close();
}
