// Debian's Firefox ESR over WebDriver BiDi (Firefox's own remote agent; playwright cannot
// drive a stock Firefox): a small client on one WebSocket, with a fresh profile.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { start, waitForOutput } from "./process.mjs";

export const name = "firefox";

// Quiet, offline-minded preferences; the remote agent adds its own recommended set.
const PREFERENCES = {
  "app.update.disabledForTesting": true,
  "app.normandy.enabled": false,
  "browser.shell.checkDefaultBrowser": false,
  "browser.startup.homepage_override.mstone": "ignore",
  "browser.aboutwelcome.enabled": false,
  "browser.safebrowsing.malware.enabled": false,
  "browser.safebrowsing.phishing.enabled": false,
  "browser.tabs.warnOnClose": false,
  "datareporting.policy.dataSubmissionEnabled": false,
  "datareporting.healthreport.uploadEnabled": false,
  "toolkit.telemetry.reportingpolicy.firstRun": false,
  "extensions.update.enabled": false,
  "network.captive-portal-service.enabled": false,
  "network.connectivity-service.enabled": false,
  "messaging-system.rsexperimentloader.enabled": false,
  "browser.region.network.url": "",
  "services.settings.server": "data:,#remote-settings-off",
};

class BiDi {
  #socket;
  #next = 0;
  #pending = new Map();
  #listeners = new Set();

  static async connect(url) {
    const bidi = new BiDi();
    bidi.#socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      bidi.#socket.once("open", resolve);
      bidi.#socket.once("error", reject);
    });
    bidi.#socket.on("message", (data) => bidi.#receive(JSON.parse(data)));
    bidi.#socket.on("close", () => {
      for (const { reject } of bidi.#pending.values()) reject(new Error("WebDriver BiDi connection closed"));
      bidi.#pending.clear();
    });
    return bidi;
  }

  #receive(message) {
    if (message.id === undefined) {
      for (const listener of this.#listeners) listener(message);
      return;
    }
    const waiting = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (message.type === "error") waiting?.reject(new Error(`${waiting.method}: ${message.error}: ${message.message}`));
    else waiting?.resolve(message.result);
  }

  send(method, params = {}) {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, method });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  onEvent(listener) {
    this.#listeners.add(listener);
  }

  close() {
    this.#socket.terminate();
  }
}

/** A function and its JSON arguments as one function declaration for script.callFunction. */
function declaration(fn, args) {
  return `async function () { return JSON.stringify(await (${fn})(...${JSON.stringify(args)}) ?? null); }`;
}

export async function launch() {
  const executable = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
  const profile = await mkdtemp(join(tmpdir(), "points-pool-firefox-"));
  await writeFile(join(profile, "user.js"),
    Object.entries(PREFERENCES).map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`).join(""));
  const firefox = start(executable, ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "about:blank"], {
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: "1" },
  });
  const problems = new Map(); // browsing context → what its console showed as errors
  let bidi;
  let capabilities;
  try {
    const [, url] = await waitForOutput(firefox, /WebDriver BiDi listening on (ws:\/\/\S+)/, 30_000, executable);
    bidi = await BiDi.connect(`${url}/session`);
    ({ capabilities } = await bidi.send("session.new", { capabilities: {} }));
    bidi.onEvent(({ method, params }) => {
      if (method !== "log.entryAdded" || params.level !== "error") return;
      // Pages' and their workers' entries name the tab; one that names none counts for every open tab.
      const lists = params.source?.context ? [problems.get(params.source.context)] : [...problems.values()];
      for (const list of lists) list?.push(`${params.type}: ${params.text}`);
    });
    await bidi.send("session.subscribe", { events: ["log.entryAdded"] });
  } catch (error) {
    bidi?.close();
    await firefox.stop();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  return {
    name,
    label: `Firefox ESR ${capabilities.browserVersion} (WebDriver BiDi)`,
    async open(url, viewport) {
      const { context } = await bidi.send("browsingContext.create", { type: "tab" });
      problems.set(context, []);
      await bidi.send("browsingContext.setViewport", { context, viewport });
      await bidi.send("browsingContext.navigate", { context, url, wait: "complete" });
      const call = async (functionDeclaration, extra = {}) => {
        const answer = await bidi.send("script.callFunction", {
          functionDeclaration, target: { context }, awaitPromise: true, resultOwnership: "none", ...extra,
        });
        if (answer.type === "exception") throw new Error(`in Firefox: ${answer.exceptionDetails.text}`);
        return answer.result;
      };
      /** The element's shared reference, waiting for it as playwright's locators do. */
      const element = async ({ host, css }) => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          const found = await call(`function () {
            const root = ${host ? `document.querySelector(${JSON.stringify(host)})?.shadowRoot` : "document"};
            return root?.querySelector(${JSON.stringify(css)}) ?? null;
          }`);
          if (found.type === "node") return { sharedId: found.sharedId };
          if (Date.now() > deadline) throw new Error(`no element ${host ?? ""} ${css}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      };
      const keys = (text) => [...text].flatMap((value) => [{ type: "keyDown", value }, { type: "keyUp", value }]);
      return {
        async evaluate(fn, ...args) {
          const result = await call(declaration(fn, args));
          return JSON.parse(result.value);
        },
        async fill(target, text) {
          const field = await element(target);
          await call("function () { this.focus(); this.select(); }", { this: field });
          const BACKSPACE = "\uE003";
          await bidi.send("input.performActions", {
            context, actions: [{ type: "key", id: "keyboard", actions: keys(BACKSPACE + text) }],
          });
          await bidi.send("input.releaseActions", { context });
        },
        async click(target) {
          const origin = { type: "element", element: await element(target) };
          await bidi.send("input.performActions", {
            context,
            actions: [{
              type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
              actions: [{ type: "pointerMove", x: 0, y: 0, origin }, { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }],
            }],
          });
          await bidi.send("input.releaseActions", { context });
        },
        async screenshot(path) {
          const { data } = await bidi.send("browsingContext.captureScreenshot", { context, origin: "document" });
          await writeFile(path, Buffer.from(data, "base64"));
        },
        problems: async () => [...problems.get(context)],
        async close() {
          await bidi.send("browsingContext.close", { context });
          problems.delete(context);
        },
      };
    },
    async close() {
      await bidi.send("browser.close").catch(() => {});
      bidi.close();
      await firefox.stop();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
