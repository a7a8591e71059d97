// Debian's Chromium through playwright-core (which downloads no browser), as the
// Chromium-only suite drives it (tests/browser/browser.mjs).
import { chromium } from "playwright-core";

export const name = "chromium";

/** How every test launches Debian's Chromium (this suite, tests/browser/browser.mjs, tests/js). */
export const CHROMIUM_OPTIONS = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
  ],
};

export async function launch() {
  const browser = await chromium.launch(CHROMIUM_OPTIONS);
  return {
    name,
    label: `Chromium ${browser.version()} (playwright-core, CDP)`,
    async open(url, viewport) {
      const page = await browser.newPage({ viewport });
      const problems = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
      await page.goto(url);
      const locate = ({ host, css }) => (host ? page.locator(host).locator(css) : page.locator(css));
      return {
        // A string expression: evaluated by the protocol, outside the page's CSP (no eval in the page).
        evaluate: (fn, ...args) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
        async fill(target, text) {
          const field = locate(target);
          await field.fill("");
          await field.pressSequentially(text);
        },
        click: (target) => locate(target).click(),
        screenshot: (path) => page.screenshot({ path, fullPage: true }),
        problems: async () => [...problems],
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}
