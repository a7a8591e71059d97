// The element on a shop's page while its files come from another origin (a CDN): the page on
// 127.0.0.1, the element, worker, glue and wasm on localhost with the CORS header a CDN sends,
// under a page CSP that allows that origin, as the README's embed snippet says.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { launch, open, part } from "./browser.mjs";
import { startServer } from "../../scripts/serve.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool, project } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

let browser;
let cdn;
let shop;
before(async () => {
  browser = await launch();
  cdn = await startServer({ port: 0, headers: { "Access-Control-Allow-Origin": "*" } });
  const cdnOrigin = `http://localhost:${cdn.address().port}`;
  // The CSP lines a shop adds for a CDN (README, "Embedding the calculator").
  const policy = `default-src 'self'; script-src 'self' ${cdnOrigin} 'wasm-unsafe-eval'; worker-src blob: ${cdnOrigin}; connect-src 'self' ${cdnOrigin}`;
  const page = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>shop</title>
<script type="module" src="${cdnOrigin}/points-calculator.js" crossorigin="anonymous"></script>
<points-calculator pool="3000" supply="579.93"></points-calculator>`;
  shop = createServer((request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": policy });
    response.end(page);
  });
  await new Promise((resolve) => shop.listen(0, "127.0.0.1", resolve));
});
after(async () => {
  await browser?.close();
  for (const server of [cdn, shop]) {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve) ?? resolve());
  }
});

test("the element, its worker and the wasm load from another origin under the shop's CSP", async () => {
  const { page, problems } = await open(browser.context, `http://127.0.0.1:${shop.address().port}/`);
  const violations = [];
  await page.exposeFunction("reportViolation", (text) => violations.push(text));
  await page.evaluate(() => document.addEventListener("securitypolicyviolation", (event) => window.reportViolation(`${event.violatedDirective} ${event.blockedURI}`)));
  await part(page, "amount-input").fill("100");
  const pool = PointsPool.fromSnapshot({ format: "points-pool/1", pool: "3000", supply: "579.93", orders: 0, totals: { contributed: "3000", paidOut: "0", redeemed: "0" } });
  const expected = pool.purchase("you", "100");
  const after = pool.publicSnapshot();
  pool.free();
  await page.waitForFunction((want) => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="points-granted"]')?.dataset.exact === want, expected.pointsGranted);
  // The projection comes from the worker: the day-30 cash-out the engine gives in Node.
  const day30 = project(after, { days: 365, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01", points: expected.pointsGranted, spent: "100" }).days[30];
  await page.waitForFunction((want) => document.querySelector("points-calculator").shadowRoot.querySelector('[part~="projected-value"]')?.dataset.exact === want, day30.cashOutValue);
  assert.deepEqual(violations, []);
  assert.deepEqual(problems, []);
  await page.close();
});
