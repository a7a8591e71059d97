// Which integrity mechanisms each engine here enforces (issue 21, item 5): an import map's
// `integrity` for a module and `fetch(url, { integrity })`, each with a wrong hash (it must be
// refused) and the right one (it must load). Run: node bench/integrity-support.mjs
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { drivers, waitFor } from "../tests/browser/drivers/index.mjs";

const MODULE = "export const loaded = true;\n";
const right = `sha384-${createHash("sha384").update(MODULE).digest("base64")}`;
const wrong = `sha384-${createHash("sha384").update("something else").digest("base64")}`;
const page = `<!doctype html><meta charset="utf-8">
<script type="importmap">${JSON.stringify({ imports: {}, integrity: { "/bad.js": wrong, "/good.js": right } })}</script>
<script type="module">
const attempt = async (load) => { try { await load(); return "loaded"; } catch { return "refused"; } };
window.integrityResult = {
  importMapWrong: await attempt(() => import("/bad.js")),
  importMapRight: await attempt(() => import("/good.js")),
  fetchWrong: await attempt(async () => (await fetch("/other.js", { integrity: "${wrong}" })).text()),
  fetchRight: await attempt(async () => (await fetch("/other.js", { integrity: "${right}" })).text()),
};
</script>`;
const server = createServer((request, response) => {
  if (request.url.startsWith("/probe.html")) return response.writeHead(200, { "Content-Type": "text/html" }).end(page);
  response.writeHead(200, { "Content-Type": "text/javascript" }).end(MODULE);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
try {
  for (const driver of drivers) {
    const browser = await driver.launch();
    try {
      const tab = await browser.open(`http://127.0.0.1:${server.address().port}/probe.html`, { width: 400, height: 300 });
      const result = await waitFor(tab, "the probe", () => window.integrityResult ?? null);
      console.log(`${browser.label}: ${JSON.stringify(result)}`);
      await tab.close();
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
