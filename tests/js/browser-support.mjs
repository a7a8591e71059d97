// For the tests of what ships (dist/, the npm package's element): a folder served under a
// chosen Content-Security-Policy, and Debian's Chromium driven by playwright-core (never a
// downloaded browser), as tests/browser does for www/.
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS } from "../browser/drivers/chromium.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Serves `root` on 127.0.0.1 with `csp` on every answer; resolves to `{ origin, close }`. */
export async function serveFolder(root, csp) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    // The browser asks for it on its own; the pages under test name no icon.
    if (request.url === "/favicon.ico") return void response.writeHead(204).end();
    const path = normalize(join(base, decodeURIComponent(new URL(request.url, "http://localhost").pathname)));
    try {
      if (!path.startsWith(base) || !(await stat(path)).isFile()) throw new Error("not a file");
      const body = await readFile(path);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain", "Content-Security-Policy": csp }).end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Chromium with a fresh profile: `{ context, close }`, `close` removing the profile too. */
export async function launchChromium() {
  const profile = await mkdtemp(join(tmpdir(), "points-pool-chromium-"));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM_OPTIONS);
  return {
    context,
    async close() {
      await context.close();
      // Chromium may still be writing its profile as it exits: retried.
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/**
 * Opens `url`, types `amount` into the first <points-calculator>, and answers what it shows:
 * the points granted (the engine's exact string), whether the worker's projection was drawn,
 * and every console error, page error and CSP violation on the way.
 */
export async function purchaseInPage(context, url, amount) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("response", (response) => {
    if (!response.ok()) problems.push(`${response.status()} ${response.url()}`);
  });
  try {
    await page.goto(url);
    await page.locator('points-calculator >> [part~="amount-input"]').fill(amount, { timeout: 10_000 });
    const granted = page.locator('points-calculator >> [part~="points-granted"]');
    await granted.waitFor({ state: "visible", timeout: 10_000 });
    const points = await granted.getAttribute("data-exact");
    const projected = await page
      // The projection section arrives with its lazily loaded module, after the first result: until
      // then there is no such part, which means "not yet", not "failed".
      .waitForFunction(() => Boolean(document.querySelector("points-calculator").shadowRoot.querySelector('[part~="projected-value"]')?.textContent), null, { timeout: 20_000 })
      .then(() => true, () => false);
    return { points, projected, problems };
  } finally {
    await page.close();
  }
}
