// The element's third task, 核对 / Check, loaded when a member first opens it: they paste or
// pick their own lines (the app's list of purchases and cash-outs) and the engine's
// checkHistory says, line by line, whether the platform granted and paid what its published
// prices and rules give. Everything is computed in this page; nothing is uploaded. A paste is
// checked at once, typing only once the text settles, and a big paste is drawn a page at a time.

import { el } from "../shared/dom.js";
import { toCsv, download } from "../shared/csv.js";
import { fill } from "../shared/words.js";
import { checkText } from "./check-text.js";
import { CheckLog } from "./check-log.js";
import { decodeFile } from "./decode.js";
import { PAGE, csvRows, head, lineItem, ordered, summary } from "./check-view.js";

/** How long the text must rest before it is checked again: typing never waits for a check. */
const SETTLE_MS = 300;

export class CheckTask {
  #host;
  #ui;
  #timer = null;
  #picks = 0;
  /** What the last check was of (text, pool, language) and what it found. */
  #checked = { key: null, report: null, error: null };
  /** What is on screen: the language and the check it shows. */
  #drawn = null;
  #shown = 0;
  #order = [];
  /** The same lines against the verified log (check-log.js), beside a log only. */
  #log;

  /** `host`: the element's side (glue, source, text, format, locale, limits, announce, showError, clearError). */
  constructor(host) {
    this.#host = host;
    this.#ui = this.#build();
    this.#log = new CheckLog(host, () => this.#ui.input.value);
    this.#ui.panel.append(this.#log.section);
  }

  get panel() {
    return this.#ui.panel;
  }

  get #text() {
    return checkText[this.#host.locale] ?? checkText["zh-CN"];
  }

  #build() {
    const ui = {};
    ui.label = el("span");
    ui.hint = el("span", { class: "hint", id: "check-hint" });
    ui.input = el("textarea", { part: "check-input", id: "check-input", rows: "6", spellcheck: "false", "aria-describedby": "check-hint" });
    ui.fileLabel = el("span");
    ui.file = el("input", { type: "file", part: "check-file", id: "check-file", accept: ".csv,.txt,.tsv,.jsonl,text/csv,text/plain" });
    ui.fileNote = el("p", { part: "check-file-note", class: "hint", role: "status", hidden: true });
    ui.results = el("div", { part: "check-results" });
    ui.panel = el("section", { role: "tabpanel", id: "check-panel", "aria-labelledby": "check-tab" },
      el("label", { for: "check-input" }, ui.label, ui.input, ui.hint),
      el("label", { for: "check-file", class: "file" }, ui.fileLabel, ui.file), ui.fileNote,
      ui.results);
    ui.input.addEventListener("input", (event) => {
      clearTimeout(this.#timer);
      // A paste or a drop is the whole text at once: checked now. Typing is checked once it rests.
      if (/^insertFrom(Paste|Drop)/.test(event.inputType ?? "")) this.#host.rerender();
      else this.#timer = setTimeout(() => this.#host.rerender(), SETTLE_MS);
    });
    ui.file.addEventListener("change", async () => {
      const [file] = ui.file.files;
      if (!file) return;
      const pick = ++this.#picks;
      const { text, replaced } = decodeFile(await file.arrayBuffer());
      if (pick !== this.#picks) return; // a newer pick overtook this one
      ui.input.value = text;
      // Bytes that are not text are shown as U+FFFD, and said so.
      ui.fileNote.hidden = replaced === 0;
      ui.fileNote.dataset.code = replaced === 0 ? "" : "replacedBytes";
      ui.fileNote.textContent = replaced === 0 ? "" : fill(this.#text.replacedBytes, { count: replaced });
      clearTimeout(this.#timer);
      this.#host.rerender();
    });
    return ui;
  }

  /** The pool cannot be read: nothing of an earlier check stays beside the error. */
  clear() {
    this.#ui.results.replaceChildren();
    this.#log.clear(true);
    this.#checked = { key: null, report: null, error: null };
    this.#drawn = null;
  }

  /** The lines as typed; setting them checks at once. */
  get lines() {
    return this.#ui.input.value;
  }

  set lines(value) {
    this.#ui.input.value = value;
  }

  /** Checks the lines against `source` (the pool's parameters and price) unless nothing changed, and shows the report. */
  render(source) {
    const text = this.#text;
    const ui = this.#ui;
    ui.label.textContent = text.label;
    ui.hint.textContent = text.hint;
    ui.fileLabel.textContent = text.file;
    this.#log.render(source);
    clearTimeout(this.#timer);
    const lines = ui.input.value;
    const key = `${JSON.stringify([source.config, source.price])}\u0000${lines}`;
    const drawn = `${this.#host.locale}\u0000${key}`;
    if (key === this.#checked.key) {
      if (drawn !== this.#drawn) this.#show(source, false);
      this.#drawn = drawn;
      return;
    }
    this.#drawn = drawn;
    ui.input.removeAttribute("aria-invalid");
    if (lines.trim() === "") {
      this.#checked = { key, report: null, error: null };
      this.#host.clearError();
      ui.results.replaceChildren(el("p", { class: "hint", part: "status" }, text.enterLines));
      return;
    }
    try {
      this.#checked = { key, report: this.#host.glue.checkHistory(source.config, lines, source.price), error: null };
    } catch (error) {
      this.#checked = { key, report: null, error };
    }
    this.#show(source, true);
  }

  #show(source, fresh) {
    const { report, error } = this.#checked;
    const ui = this.#ui;
    if (error) {
      ui.results.replaceChildren();
      ui.input.setAttribute("aria-invalid", "true");
      this.#host.showError(error, "check", fresh);
      return;
    }
    if (!report) {
      ui.results.replaceChildren(el("p", { class: "hint", part: "status" }, this.#text.enterLines));
      return;
    }
    this.#host.clearError();
    const { format, locale, limits } = this.#host;
    const text = this.#text;
    this.#order = ordered(report.lines);
    this.#shown = 0;
    ui.list = el("ol", { class: "check-lines", part: "check-lines" }, head(text));
    ui.more = el("button", { type: "button", part: "check-more", class: "secondary" });
    ui.more.addEventListener("click", () => this.#page());
    const exportButton = el("button", { type: "button", part: "check-export", class: "secondary" }, text.export);
    exportButton.addEventListener("click", () => {
      const { headers, rows } = csvRows(report, this.#text);
      download("points-check.csv", "text/csv", toCsv(headers, rows));
    });
    const facts = { config: source.config, price: source.price, exactScale: limits.exactScale, text, format, locale };
    ui.results.replaceChildren(summary(report, facts), ui.list, el("div", { class: "check-actions" }, ui.more, exportButton));
    this.#page();
    if (fresh) this.#host.announce("points-result", { task: "check", report });
  }

  /** The next page of lines. */
  #page() {
    const { format } = this.#host;
    const text = this.#text;
    const ui = this.#ui;
    const next = this.#order.slice(this.#shown, this.#shown + PAGE);
    ui.list.append(...next.map((line) => lineItem(line, { text, format })));
    this.#shown += next.length;
    const left = this.#order.length - this.#shown;
    ui.more.hidden = left === 0;
    ui.more.textContent = fill(text.more, { count: format.count(Math.min(left, PAGE)), total: format.count(this.#order.length) });
  }
}
