// The operator's page (www/operator.html): choose parameters knowing their consequences,
// compare scenarios, sweep one parameter, see where holders' gains come from, and audit a
// published ledger or a published log. Every figure comes from the full engine; each section
// is a module of its
// own in this folder, sharing the page's context (page.js) and the helpers in www/shared/.
// It runs under `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`.

import * as fullEngine from "../pkg/points_pool.js";
import { el } from "../shared/dom.js";
import { loadEngine } from "../shared/engine.js";
import { fill } from "../shared/words.js";
import { makePage } from "./page.js";
import { readShareLink, updateShareLink } from "./state.js";
import { buildConfigForm, readConfigForm, renderExamples } from "./parameters.js";
import { SEED } from "./seed.js";
import { buildScenarioForm, renderComparison } from "./comparison.js";
import { buildSweepForm, renderSweep } from "./sweep.js";
import { buildGainsForm, renderGains } from "./gains.js";
import { setUpAudit } from "./audit.js";
import { setUpLogAudit } from "./log-audit.js";

const lang = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh-CN";
const engine = await loadEngine(fullEngine, new URL("../pkg/points_pool_bg.wasm", import.meta.url));
const page = makePage(engine, lang);

/** The page's static words, the language link and the copy button. */
function translatePage() {
  const { t } = page;
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t[node.dataset.i18n];
  const link = document.getElementById("language-link");
  const other = new URLSearchParams(location.search);
  other.set("lang", lang === "en" ? "zh-CN" : "en");
  link.textContent = lang === "en" ? "中文" : "English";
  link.hreflang = lang === "en" ? "zh-CN" : "en";
  link.lang = lang === "en" ? "zh-CN" : "en";
  link.href = `?${other}`;
  document.getElementById("engine-version").textContent = fill(t.engineVersion, { version: page.glue.version() });
  document.getElementById("comparison-note").textContent = fill(t.comparisonNote, { orders: SEED.orders, amount: page.format.money(SEED.amount) });
  document.getElementById("monte-carlo-note").textContent = t.exactOnly;
  document.getElementById("copy-link").addEventListener("click", async () => {
    const input = document.getElementById("share-link");
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      // Clipboard access may be refused; the selected text is there to copy by hand.
    }
  });
}

/**
 * Draws one section; whatever it throws (or its promise rejects with) is shown in that section
 * by the engine's code, so that no value, typed or linked, blanks the page.
 */
function guarded(targetId, render) {
  const show = (error) => document.getElementById(targetId).replaceChildren(
    el("p", { class: "error", "data-section-error": targetId, "data-code": error?.code ?? "unknown" }, page.message(error)));
  try {
    Promise.resolve(render(page)).catch(show);
  } catch (error) {
    show(error);
  }
}

page.renderAll = () => {
  guarded("examples", renderExamples);
  guarded("comparison-table", renderComparison);
  guarded("sweep-table", renderSweep);
  guarded("gains-result", renderGains);
  updateShareLink(page);
};
page.updateShareLink = () => updateShareLink(page);

page.state.config = page.fullConfig();
readShareLink(page);
translatePage();
buildConfigForm(page);
buildScenarioForm(page);
// A share link's parameters are checked like typed ones: a bad field is marked, not thrown.
readConfigForm(page);
buildSweepForm(page);
buildGainsForm(page);
setUpAudit(page);
setUpLogAudit(page);
page.renderAll();
