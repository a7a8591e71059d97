// verify.html: a log's URL and key in, full verification out (docs/verification.md, "Full
// verification"). The work runs in www/workers/verify.js (the engine's LogAudit) with a progress
// bar and Cancel; this module only lays out what the engine reports, its codes in words
// (shared/words.js). `?url=…&key=…` fills the form and starts, so that a link can be shared.
import { el, mark } from "../shared/dom.js";
import { formatter } from "../shared/format.js";
import { describe, fill } from "../shared/words.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { pinOf } from "../shared/pinned.js";
import { TEXT } from "./text.js";

const query = new URLSearchParams(location.search);
const locale = (query.get("lang") ?? "").toLowerCase().startsWith("en") ? "en" : "zh-CN";
const t = TEXT[locale];
const format = formatter(locale);
// The worker's sha384, filled by scripts/dist.mjs (shared/pinned.js): empty here, where nothing is pinned.
const INTEGRITY = {};
const workerUrl = new URL("../workers/verify.js", import.meta.url);
const client = new WorkerClient(workerUrl, { integrity: pinOf(INTEGRITY, workerUrl, import.meta.url) });
const $ = (id) => document.getElementById(id);

document.documentElement.lang = locale;
document.title = `${t.title} · points-pool`;
for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t[node.dataset.i18n];
$("language-link").textContent = locale === "en" ? "中文" : "English";
$("language-link").href = locale === "en" ? "?lang=zh-CN" : "?lang=en";

/** The report as a definition list: the engine's strings, formatted, never computed here. */
function report(result) {
  const rows = [
    ["origin", result.origin], ["size", format.count(result.size)], ["rows", format.count(result.rows)],
    ["fingerprint", result.fingerprint], ["files", format.count(result.filesChecked)], ["key", result.keyInForce],
    ["pool", format.money(result.state.pool)], ["supply", format.points(result.state.supply)], ["price", format.price(result.state.price)],
  ];
  return el("div", {},
    el("dl", { id: "verify-report" }, ...rows.flatMap(([name, value]) => [el("dt", {}, t[name]), el("dd", { "data-field": name }, value)])),
    el("h3", {}, t.checkpoint), el("pre", { id: "verify-checkpoint" }, result.checkpoint));
}

async function start(url, key) {
  const [status, bar, result, cancel] = [$("verify-status"), $("verify-progress"), $("verify-result"), $("verify-cancel")];
  result.replaceChildren();
  mark(result, { code: null, state: "running" });
  bar.hidden = false;
  bar.removeAttribute("value");
  cancel.hidden = false;
  try {
    const done = await client.run("verify", { url, key }, {
      onProgress: (step) => {
        bar.max = step.files;
        bar.value = step.filesDone;
        status.textContent = fill(t.progress, { filesDone: format.count(step.filesDone), files: format.count(step.files), rows: format.count(step.rows) });
      },
    });
    status.textContent = fill(t.verified, { seconds: format.plain(done.seconds.toFixed(2)) });
    result.replaceChildren(report(done));
    mark(result, { state: "verified", size: done.size, rows: done.rows, fingerprint: done.fingerprint });
  } catch (error) {
    if (error === CANCELLED) {
      status.textContent = t.cancelled;
      mark(result, { state: "cancelled" });
      return;
    }
    status.textContent = t.failed;
    result.replaceChildren(el("p", { class: "error", id: "verify-error" }, describe(error, locale)));
    mark(result, { state: "refused", code: error.code ?? "unknown", field: error.field ?? null, entry: error.entry ?? null });
  } finally {
    bar.hidden = true;
    cancel.hidden = true;
  }
}

$("verify-form").addEventListener("submit", (event) => {
  event.preventDefault();
  start(new URL($("log-url").value.trim(), location.href).href, $("log-key").value.trim());
});
$("verify-cancel").addEventListener("click", () => client.cancel());
if (query.get("url") && query.get("key")) {
  $("log-url").value = query.get("url");
  $("log-key").value = query.get("key");
  start(new URL(query.get("url"), location.href).href, query.get("key"));
}
