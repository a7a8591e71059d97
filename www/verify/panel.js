// One full verification of a log, wherever a page offers it (verify.html, the operator page):
// the form's URL and key go to www/workers/verify.js (the engine's LogAudit), the progress
// bar, the status line and Cancel follow it, and the engine's report or refusal is laid out.
// The page gives its own elements and words (verify/text.js); nothing here is computed, only
// the engine's strings formatted (shared/format.js) and its codes put in words (shared/words.js).
import { el, mark } from "../shared/dom.js";
import { formatter } from "../shared/format.js";
import { describe, fill } from "../shared/words.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { pinOf } from "../shared/pinned.js";

// The worker's sha384, filled by scripts/dist.mjs (shared/pinned.js): empty here, where nothing is pinned.
const INTEGRITY = {};

/** The report as a definition list: the engine's strings, formatted, never computed here. */
function report(result, t, format) {
  const rows = [
    ["origin", result.origin], ["size", format.count(result.size)], ["rows", format.count(result.rows)],
    ["fingerprint", result.fingerprint], ["files", format.count(result.filesChecked)], ["key", result.keyInForce],
    ["pool", format.money(result.state.pool)], ["supply", format.points(result.state.supply)], ["price", format.price(result.state.price)],
  ];
  return el("div", {},
    el("dl", { "data-part": "verify-report" }, ...rows.flatMap(([name, value]) => [el("dt", {}, t[name]), el("dd", { "data-field": name }, value)])),
    el("h3", {}, t.checkpoint), el("pre", { "data-part": "verify-checkpoint" }, result.checkpoint));
}

/**
 * Wires a verification form: `nodes` = { form, url, key, bar, status, result, cancel } (the
 * page's elements), `t` the words of verify/text.js in `locale`. The result element is marked
 * `data-state` running / verified / refused / cancelled, with the engine's `code`, `field`,
 * `entry` on a refusal and `size`, `rows`, `fingerprint` on success. Gives `start(url, key)`;
 * `onStart(url, key)` hears each start (the operator page keeps it in its share link).
 */
export function verifyPanel(nodes, { t, locale, onStart = () => {} }) {
  const format = formatter(locale);
  const workerUrl = new URL("../workers/verify.js", import.meta.url);
  const client = new WorkerClient(workerUrl, { integrity: pinOf(INTEGRITY, workerUrl, import.meta.url) });
  const { form, bar, status, result, cancel } = nodes;

  async function start(url, key) {
    onStart(url, key);
    result.replaceChildren();
    mark(result, { code: null, field: null, entry: null, state: "running" });
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
      result.replaceChildren(report(done, t, format));
      mark(result, { state: "verified", size: done.size, rows: done.rows, fingerprint: done.fingerprint });
    } catch (error) {
      if (error === CANCELLED) {
        status.textContent = t.cancelled;
        mark(result, { state: "cancelled" });
        return;
      }
      status.textContent = t.failed;
      result.replaceChildren(el("p", { class: "error", "data-part": "verify-error" }, describe(error, locale)));
      mark(result, { state: "refused", code: error.code ?? "unknown", field: error.field ?? null, entry: error.entry ?? null });
    } finally {
      bar.hidden = true;
      cancel.hidden = true;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start(new URL(nodes.url.value.trim(), location.href).href, nodes.key.value.trim());
  });
  cancel.addEventListener("click", () => client.cancel());
  return { start };
}
