// WebKitGTK (the engine of every iPhone's browsers) through Debian's WebKitWebDriver,
// which speaks classic W3C WebDriver over HTTP and drives MiniBrowser on an X display:
// Xvfb, started here and stopped in close(). A small fetch-based client.
//
// Two things WebKitGTK's driver lacks, and what stands in for them:
//  - No console messages over WebDriver: the suite's server puts probe.js first in every
//    page and worker-probe.js first in every worker (`needsProbe`); problems() reads what
//    the page's probe recorded, and the workers' probes post theirs to the server.
//    (WebKitGTK 2.50 also neither reports a worker's CSP violations nor fires an event for
//    them; a violation that throws still shows as the worker's uncaught error.)
//  - MiniBrowser's toolbar keeps its window at least ~450 px wide, too wide for a 360 px
//    phone. A GTK style sheet of its own (XDG_CONFIG_HOME, a temporary folder) shrinks
//    the toolbar's widgets; pages are drawn by WebKit, not by GTK's theme. (Zooming pages
//    with GDK_DPI_SCALE gives a narrow viewport too, but then WebDriver's clicks land in
//    the wrong place.) open() checks that innerWidth is exactly what was asked for.
import { readdirSync, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start, freePort, startXvfb } from "./process.mjs";

export const name = "webkit";
export const needsProbe = true;

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
// MiniBrowser's own chrome only: every GTK widget at its smallest.
const TOOLBAR_CSS = "* { min-width: 0; min-height: 0; padding: 0; margin: 0; border-width: 0; }\n";

/** MiniBrowser ships in libwebkit2gtk-4.1-0, under the multiarch library folder. */
function miniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  for (const folder of readdirSync("/usr/lib")) {
    const candidate = `/usr/lib/${folder}/webkit2gtk-4.1/MiniBrowser`;
    if (existsSync(candidate)) return candidate;
  }
  throw new Error("MiniBrowser not found (Debian's libwebkit2gtk-4.1-0): run scripts/setup.sh --browser");
}

/** The script body for Execute Script: `fn` inline (never eval in the page), its result as JSON. */
function body(fn, args) {
  return `return (async () => JSON.stringify(await (${fn})(...${JSON.stringify(args)}) ?? null))();`;
}

export async function launch() {
  const binary = miniBrowser();
  const config = await mkdtemp(join(tmpdir(), "points-pool-webkit-"));
  await mkdir(join(config, "gtk-3.0"));
  await writeFile(join(config, "gtk-3.0", "gtk.css"), TOOLBAR_CSS);
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = start(process.env.WEBKIT_WEBDRIVER ?? "WebKitWebDriver", [`--port=${port}`], {
    env: { ...process.env, DISPLAY: xvfb.display, XDG_CONFIG_HOME: config, GTK_A11Y: "none", NO_AT_BRIDGE: "1" },
  });
  const base = `http://127.0.0.1:${port}`;
  const stopAll = async () => {
    await driver.stop();
    await xvfb.stop();
    await rm(config, { recursive: true, force: true });
  };

  async function command(method, path, payload) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: payload ? { "Content-Type": "application/json" } : {},
      body: payload ? JSON.stringify(payload) : undefined,
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`WebKitWebDriver ${method} ${path}: ${answer.value?.error}: ${answer.value?.message}`);
    return answer.value;
  }

  let session;
  try {
    for (let tries = 0; ; tries += 1) {
      try {
        if ((await command("GET", "/status")).ready !== undefined) break;
      } catch (error) {
        if (tries > 100) throw new Error(`WebKitWebDriver did not answer: ${error.message}\n${driver.output()}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    session = await command("POST", "/session", {
      capabilities: { alwaysMatch: { "webkitgtk:browserOptions": { binary, args: ["--automation"] } } },
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  const at = (path) => `/session/${session.sessionId}${path}`;
  const execute = async (script) => command("POST", at("/execute/sync"), { script, args: [] });
  const evaluate = async (fn, ...args) => JSON.parse(await execute(body(fn, args)));

  /** Sizes the window so that the page's viewport is `width` × `height` CSS px (the toolbar is above it). */
  async function setViewport({ width, height }) {
    let rect = { width, height: height + 40 };
    for (let tries = 0; tries < 4; tries += 1) {
      await command("POST", at("/window/rect"), rect);
      const [innerWidth, innerHeight] = await evaluate(() => [innerWidth, innerHeight]);
      if (innerWidth === width && innerHeight === height) return;
      rect = { width: rect.width + width - innerWidth, height: rect.height + height - innerHeight };
    }
    const [innerWidth, innerHeight] = await evaluate(() => [innerWidth, innerHeight]);
    throw new Error(`WebKitGTK viewport is ${innerWidth}×${innerHeight}, not ${width}×${height}`);
  }

  return {
    name,
    label: `WebKitGTK ${session.capabilities.browserVersion} (WebDriver, MiniBrowser under Xvfb)`,
    needsProbe,
    /** One window, navigated from page to page; close() leaves it on about:blank. */
    async open(url, viewport) {
      await command("POST", at("/url"), { url: "about:blank" });
      await setViewport(viewport);
      await command("POST", at("/url"), { url });
      /** The element's WebDriver reference, waiting for it as playwright's locators do. */
      const element = async ({ host, css }) => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const found = await execute(`const root = ${host ? `document.querySelector(${JSON.stringify(host)})?.shadowRoot` : "document"};
            return root?.querySelector(${JSON.stringify(css)}) ?? null;`);
          if (found?.[ELEMENT]) return found[ELEMENT];
          if (Date.now() > deadline) throw new Error(`no element ${host ?? ""} ${css}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      return {
        evaluate,
        async fill(target, text) {
          const id = await element(target);
          await command("POST", at(`/element/${id}/clear`), {});
          await command("POST", at(`/element/${id}/value`), { text });
        },
        async click(target) {
          await command("POST", at(`/element/${await element(target)}/click`), {});
        },
        async screenshot(path) {
          await writeFile(path, Buffer.from(await command("GET", at("/screenshot")), "base64"));
        },
        problems: () => evaluate(() => [...(window.__engineProblems ?? ["probe.js did not run"])]),
        async close() {
          await command("POST", at("/url"), { url: "about:blank" });
        },
      };
    },
    async close() {
      await command("DELETE", at("")).catch(() => {});
      await stopAll();
    },
  };
}
