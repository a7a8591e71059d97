// 核对 against the log (issue 20, item 5; docs/formats.md §5): with a verified log (log-src,
// log-key), the member gives the secret the platform gave them and the 核对 tab's lines with
// their seq; the engine (LogCheck.lines, then LogLines) names the entry bundles and tiles to
// fetch, proves each against the checkpoint the element verified, and says of every line
// whether it is included, missing or different (with the published bytes). This module only
// fetches what the engine names and lays out its verdicts; it never judges a line itself.

import { el, mark } from "../shared/dom.js";
import { describe, fill, plural, words } from "../shared/words.js";
import { checkLogText } from "./check-log-text.js";
import { fetchTile } from "./log.js";

/** Fetches `paths` (relative to the log's folder) in parallel and feeds those that came. */
async function feed(folder, paths, take, signal) {
  const files = await Promise.all(paths.map((path) => fetchTile(new URL(path, folder), signal)));
  paths.forEach((path, index) => {
    if (files[index]) take(path, files[index]);
  });
}

/** The engine's search of `lines` in the log the element verified (`log`: verified, url, key). */
async function findLines(glue, log, secret, lines, signal) {
  const folder = new URL(log.url);
  const check = new glue.LogCheck(log.key);
  let search = null;
  try {
    // The checkpoint the element verified, proved again from its (cached, immutable) tiles.
    const plan = check.checkpoint(log.verified.checkpoint, undefined);
    await feed(folder, plan.paths, (path, bytes) => check.tile(path, bytes), signal);
    check.result();
    search = check.lines(secret, lines);
    for (let paths = search.next(); paths.length > 0; paths = search.next()) {
      await feed(folder, paths, (path, bytes) => search.tile(path, bytes), signal);
    }
    return search.report();
  } finally {
    search?.free();
    check.free();
  }
}

export class CheckLog {
  #host;
  #lines;
  #ui;
  #source = null;
  #run = null;

  /** `host`: the element's side (glue, locale); `lines()`: the 核对 tab's text now. */
  constructor(host, lines) {
    this.#host = host;
    this.#lines = lines;
    const ui = {};
    ui.title = el("p", { class: "hint" });
    ui.secretLabel = el("span");
    ui.secret = el("input", { type: "password", part: "check-log-secret", id: "check-log-secret", autocomplete: "off", spellcheck: "false", "aria-describedby": "check-log-hint" });
    ui.hint = el("span", { class: "hint", id: "check-log-hint" });
    ui.button = el("button", { type: "button", class: "secondary", part: "check-log-run" });
    ui.results = el("div", { part: "check-log-results", "aria-live": "polite" });
    ui.section = el("div", { part: "check-log", hidden: true },
      ui.title, el("label", { for: "check-log-secret" }, ui.secretLabel, ui.secret, ui.hint), ui.button, ui.results);
    ui.button.addEventListener("click", () => this.#check());
    this.#ui = ui;
  }

  get section() {
    return this.#ui.section;
  }

  get #text() {
    return checkLogText[this.#host.locale] ?? checkLogText["zh-CN"];
  }

  /** Shown only beside a verified log; a result of other lines or another log is taken away. */
  render(source) {
    const ui = this.#ui;
    const text = this.#text;
    ui.title.textContent = text.title;
    ui.secretLabel.textContent = text.secret;
    ui.hint.textContent = text.hint;
    ui.button.textContent = text.run;
    const log = source?.log?.verified ? source.log : null;
    ui.section.hidden = !log;
    const same = (one, other) => one?.url === other?.url && one?.verified.fingerprint === other?.verified.fingerprint;
    if (!same(this.#source, log) || (this.#run && this.#run.lines !== this.#lines())) this.clear();
    this.#source = log;
  }

  /** Takes the result away; `hide`: and the section, the pool being unreadable (no verified log). */
  clear(hide = false) {
    if (hide) {
      this.#source = null;
      this.#ui.section.hidden = true;
    }
    this.#run?.controller.abort();
    this.#run = null;
    this.#ui.results.replaceChildren();
    mark(this.#ui.results, { state: null, code: null, included: null, missing: null, different: null });
  }

  async #check() {
    const log = this.#source;
    if (!log) return;
    this.clear();
    const run = { lines: this.#lines(), controller: new AbortController() };
    this.#run = run;
    const { results } = this.#ui;
    results.replaceChildren(el("p", { class: "hint" }, this.#text.running));
    mark(results, { state: "running" });
    try {
      const report = await findLines(this.#host.glue, log, this.#ui.secret.value, run.lines, run.controller.signal);
      if (this.#run !== run) return;
      this.#show(report, log.verified);
    } catch (error) {
      if (this.#run !== run) return;
      results.replaceChildren(el("p", { class: "error", part: "check-log-error" }, describe(error, this.#host.locale)));
      mark(results, { state: "refused", code: error?.code ?? "unknown" });
    }
  }

  /** The engine's verdicts: a summary, then one item per line, the published bytes where it gives them. */
  #show(report, verified) {
    const text = this.#text;
    const { results } = this.#ui;
    const { locale, format } = this.#host;
    const { count } = format;
    const summary = fill(text.summary, {
      lines: fill(plural(text.lines, report.lines.length, locale), { count: count(report.lines.length) }),
      included: count(report.included), missing: count(report.missing), different: count(report.different),
      log: fill(plural(text.log, Number(verified.size), locale), { size: count(verified.size) }), fingerprint: verified.fingerprint,
    });
    const items = report.lines.map((line) => {
      const fields = line.fields.map((name) => text.fields[name] ?? name).join((words[locale] ?? words["zh-CN"]).list);
      const verdict = line.fields.includes("tag") ? text.otherTag : text.verdicts[line.verdict];
      const item = el("li", { part: `check-log-line ${line.verdict}` },
        el("span", {}, fill(text.line, { line: line.line, seq: line.seq })), " · ",
        el("span", {}, fill(verdict, { entry: line.entry ?? "", fields })));
      if ((line.published ?? null) !== null) item.append(el("p", { class: "hint" }, text.published), el("pre", { part: "check-log-published" }, line.published));
      return mark(item, { line: line.line, seq: line.seq, verdict: line.verdict, entry: line.entry ?? null, fields: line.fields.join(" ") || null });
    });
    results.replaceChildren(el("p", { part: "check-log-summary" }, summary), el("ol", { class: "check-lines", part: "check-log-lines" }, ...items));
    mark(results, { state: "done", code: null, included: report.included, missing: report.missing, different: report.different });
  }
}
