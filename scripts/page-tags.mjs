// The tags a page pastes to run a pinned release (`make dist`, scripts/dist.mjs): an import map
// whose `integrity` pins every module, and an inline loader that imports the entry and, when the
// browser refuses a module (a changed byte, a missing file), says which in the page's language
// (integrity_failed, module_failed), with the CSP hash sources of both scripts.
import { createHash } from "node:crypto";

/** A file's SRI value. */
export const sha384 = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
/** A CSP hash source for an inline script's text. */
const cspHash = (text) => `'${sha384(Buffer.from(text, "utf8"))}'`;

/** An import map that pins every module in `modules` (`{ url: integrity }`): the browser refuses one whose bytes differ. */
function importMap(modules) {
  return `\n${JSON.stringify({ imports: {}, integrity: modules }, null, 2)}\n`;
}

/** The words the loader shows, which it cannot take from the element it failed to load (shared/words.js has the same). */
const LOADER_WORDS = {
  "zh-CN": { integrity_failed: "计算器的文件与发布的版本不一致，已拒绝运行", module_failed: "计算器的文件未能载入" },
  en: { integrity_failed: "The calculator's files differ from its release: it refused to run them", module_failed: "The calculator's files could not be loaded" },
};

/**
 * The inline module that imports `entry` and, when that fails (a module refused by its pinned
 * sha384, or missing), says so where the page expected it: `show(code, words)` runs in the page.
 * The code is `integrity_failed` when a module the import maps pin loads but fails its hash
 * (looked at again only after a failure), `module_failed` otherwise.
 */
function loaderScript(entry, show) {
  return `
const WORDS = ${JSON.stringify(LOADER_WORDS)};
import(${JSON.stringify(entry)}).catch(async () => {
  const changed = async (url, integrity) =>
    !(await fetch(url, { integrity }).then(() => true, () => false)) &&
    (await fetch(url, { cache: "no-store" }).then((response) => response.ok, () => false));
  let code = "module_failed";
  for (const map of document.querySelectorAll('script[type="importmap"]')) {
    let pins = {};
    try { pins = JSON.parse(map.textContent).integrity ?? {}; } catch { /* not ours */ }
    for (const [url, integrity] of Object.entries(pins)) {
      if (code === "module_failed" && (await changed(url, integrity))) code = "integrity_failed";
    }
  }
  (${show})(code, WORDS);
});
`;
}

/** What embed.html's loader does on failure: each <points-calculator> shows the code, in its language, as its own errors are shown. */
export const SHOW_IN_ELEMENTS = `(code, words) => {
  if (customElements.get("points-calculator")) return;
  for (const node of document.querySelectorAll("points-calculator")) {
    const lang = (node.closest("[lang]")?.getAttribute("lang") ?? "zh-CN").toLowerCase().startsWith("en") ? "en" : "zh-CN";
    const message = document.createElement("p");
    message.setAttribute("part", "error");
    message.setAttribute("role", "alert");
    Object.assign(message.dataset, { code, source: "setup" });
    message.textContent = words[lang][code];
    const root = node.shadowRoot ?? node.attachShadow({ mode: "open" });
    // The element's card, in its own custom properties and their defaults (no inline style: a constructed sheet passes a strict CSP).
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(":host{display:block;max-width:40rem;font-family:var(--pp-font,system-ui,sans-serif)}" +
      "p{margin:0;padding:16px;background:var(--pp-bg,#fff);color:var(--pp-error,#b42318);" +
      "border:1px solid var(--pp-border,#d1d9e0);border-radius:var(--pp-radius,12px)}");
    root.adoptedStyleSheets = [sheet];
    root.replaceChildren(message);
    const detail = { code, field: null, source: "setup", line: null, problem: null, status: null };
    node.dispatchEvent(new CustomEvent("points-error", { bubbles: true, composed: true, detail }));
  }
}`;

/** verify.html's: the status line says it, and the result carries the code. */
export const SHOW_IN_VERIFY = `(code, words) => {
  const lang = (new URLSearchParams(location.search).get("lang") ?? "").toLowerCase().startsWith("en") ? "en" : "zh-CN";
  document.getElementById("verify-status").textContent = words[lang][code];
  Object.assign(document.getElementById("verify-result").dataset, { state: "refused", code });
  for (const button of document.querySelectorAll("#verify-form button")) button.disabled = true;
}`;

/** The import map and the loader for `entry`, as tags, and their CSP hash sources. */
export function pinnedTags(modules, entry, show) {
  const map = importMap(modules);
  const loader = loaderScript(entry, show);
  return {
    tags: `<script type="importmap">${map}</script>\n<script type="module">${loader}</script>`,
    hashes: [cspHash(map), cspHash(loader)],
  };
}
