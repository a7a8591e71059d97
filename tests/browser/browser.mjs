// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core
// (never a downloaded browser), a fresh profile, and the same server `make serve` runs.
import { chromium } from "playwright-core";
import { CHROMIUM_OPTIONS } from "./drivers/chromium.mjs";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../scripts/serve.mjs";

export const ARTIFACTS = new URL("./artifacts/", import.meta.url);

export async function launch() {
  const server = await startServer({ port: 0 });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "points-pool-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, CHROMIUM_OPTIONS);
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    origin,
    context: browser,
    /** Closes the browser and the server, and removes the profile. */
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `path`, collecting console errors and CSP violations. */
export async function open(context, url, viewport = { width: 1000, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(url);
  return { page, problems };
}

/** Text of a shadow part of the first <points-calculator>. */
export function part(page, name, selector = "points-calculator") {
  return page.locator(`${selector} >> [part~="${name}"]`);
}
