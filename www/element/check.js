// The element's third task, 核对 / Check, loaded when a member first opens it: they paste or
// pick their own lines (the app's list of purchases and cash-outs) and the engine's
// checkHistory says, line by line, whether the platform granted and paid what its published
// prices and rules give. Everything is computed in this page; nothing is uploaded. A paste is
// checked at once, typing only once the text settles, and a big paste is drawn a page at a time.
// The check runs in the element's worker (issue 21, item 3: 16 MB of lines is one long task on
// the page), a picked file is decoded there too; meanwhile the panel says it is checking, with
// Cancel, and a newer text or file ends the check of an older one.

import { el, mark } from "../shared/dom.js";
import { toCsv, download } from "../shared/csv.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { fill } from "../shared/words.js";
import { checkText } from "./check-text.js";
import { CheckLog } from "./check-log.js";
import { PAGE, csvRows, head, lineItem, ordered, summary } from "./check-view.js";

/** How long the text must rest before it is checked again: typing never waits for a check. */
const SETTLE_MS = 300;

/** What a check is of: the pool's parameters and price, and the lines. */
const sourceKey = (source) => JSON.stringify([source.config, source.price]);
const keyOf = (source, lines) => `${sourceKey(source)}\u0000${lines}`;

export class CheckTask {
  #host;
  #ui;
  #timer = null;
  /** The worker's client, started with the first check. */
  #client = null;
  /** The check under way: `{ key }` for lines, `{ sourceKey, file }` for a picked file. */
  #job = null;
  /** The pool the panel last checked against (a picked file is checked against it). */
  #source = null;
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
    ui.workingText = el("span");
    ui.progress = el("progress", { part: "check-progress" });
    ui.cancel = el("button", { type: "button", part: "check-cancel", class: "secondary" });
    ui.working = el("div", { class: "working", part: "check-status", role: "status", hidden: true }, ui.workingText, ui.progress, ui.cancel);
    ui.panel = el("section", { role: "tabpanel", id: "check-panel", "aria-labelledby": "check-tab" },
      el("label", { for: "check-input" }, ui.label, ui.input, ui.hint),
      el("label", { for: "check-file", class: "file" }, ui.fileLabel, ui.file), ui.fileNote,
      ui.working, ui.results);
    ui.input.addEventListener("input", (event) => {
      clearTimeout(this.#timer);
      // What the member types replaces a file still being read.
      if (this.#job?.file) this.#stop();
      // A paste or a drop is the whole text at once: checked now. Typing is checked once it rests.
      if (/^insertFrom(Paste|Drop)/.test(event.inputType ?? "")) this.#host.rerender();
      else this.#timer = setTimeout(() => this.#host.rerender(), SETTLE_MS);
    });
    ui.file.addEventListener("change", () => {
      const [file] = ui.file.files;
      if (!file || !this.#source) return;
      clearTimeout(this.#timer);
      this.#checkFile(file, this.#source);
    });
    ui.cancel.addEventListener("click", () => this.cancel());
    return ui;
  }

  /** The pool cannot be read: nothing of an earlier check stays beside the error, and none goes on. */
  clear() {
    this.#stop();
    this.#ui.results.replaceChildren();
    this.#log.clear(true);
    this.#checked = { key: null, report: null, error: null };
    this.#drawn = null;
  }

  /** The element left the page: the check under way ends, and its worker. */
  close() {
    this.#stop();
    this.#client?.close();
    this.#client = null;
  }

  /** Ends the check under way (the Cancel button): said so; a change of the lines checks again. */
  cancel() {
    const job = this.#job;
    if (!job) return;
    this.#stop();
    this.#checked = { key: job.key ?? null, report: null, error: null, cancelled: true };
    this.#show(job.source, false);
  }

  #stop() {
    this.#job = null;
    this.#client?.cancel();
    this.#working(false);
  }

  /** The panel while a check runs: what it does, a bar, Cancel; the earlier report goes. */
  #working(on) {
    const ui = this.#ui;
    ui.working.hidden = !on;
    mark(ui.working, { state: on ? "checking" : null });
    if (!on) return;
    ui.workingText.textContent = this.#text.checking;
    ui.cancel.textContent = this.#text.cancel;
    ui.results.replaceChildren();
  }

  /** Runs `args` in the worker as `job` (a newer job ends it); `done(result)` answers what the check was of. */
  #run(job, args, done) {
    this.#job = job;
    this.#working(true);
    this.#ui.progress.removeAttribute("value"); // indeterminate until the lines arrive
    this.#client ??= new WorkerClient(this.#host.workerUrl, { integrity: this.#host.workerIntegrity });
    // The report's lines arrive a few thousand a message, each taken in a task of its own.
    const pieces = [];
    const onProgress = ({ lines, of }) => {
      pieces.push(lines);
      this.#ui.progress.max = of;
      this.#ui.progress.value = pieces.reduce((sum, piece) => sum + piece.length, 0);
    };
    this.#client.run("check", args, { onProgress }).then((result) => {
      if (this.#job !== job) return;
      this.#job = null;
      this.#working(false);
      const report = result.report ? { ...result.report, lines: [].concat(...pieces) } : null;
      const order = report ? Array.from(result.order, (index) => report.lines[index]) : null;
      this.#checked = { key: done(result), report, order, error: result.error ?? null };
      this.#show(job.source, true);
    }, (error) => {
      if (error === CANCELLED || this.#job !== job) return;
      this.#job = null;
      this.#working(false);
      this.#checked = { key: job.key ?? null, report: null, error };
      this.#show(job.source, true);
    });
  }

  /** A picked file: decoded and checked in the worker, then its text shown in the box. */
  #checkFile(file, source) {
    const ui = this.#ui;
    this.#drawn = null;
    this.#run({ source, sourceKey: sourceKey(source), file }, { config: source.config, price: source.price, file }, ({ text, replaced }) => {
      ui.input.value = text;
      // Bytes that are not text are shown as U+FFFD, and said so.
      ui.fileNote.hidden = replaced === 0;
      ui.fileNote.dataset.code = replaced === 0 ? "" : "replacedBytes";
      ui.fileNote.textContent = replaced === 0 ? "" : fill(this.#text.replacedBytes, { count: replaced });
      const key = keyOf(source, text);
      this.#drawn = `${this.#host.locale}\u0000${key}`;
      return key;
    });
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
    this.#source = source;
    const job = this.#job;
    // A file being read stays the check (typing ends it), re-run only if the pool changed meanwhile.
    if (job?.file) {
      if (job.sourceKey === sourceKey(source)) this.#working(true);
      else this.#checkFile(job.file, source);
      return;
    }
    const lines = ui.input.value;
    const key = keyOf(source, lines);
    const drawn = `${this.#host.locale}\u0000${key}`;
    if (job?.key === key) {
      this.#working(true); // that very check is under way: only its words may change
      return;
    }
    if (job) {
      // The text went back to what was checked before: the older check is dropped and shown again.
      this.#stop();
      this.#drawn = null;
    }
    if (key === this.#checked.key) {
      if (drawn !== this.#drawn) this.#show(source, false);
      this.#drawn = drawn;
      return;
    }
    this.#drawn = drawn;
    ui.input.removeAttribute("aria-invalid");
    if (lines.trim() === "") {
      this.#stop();
      this.#checked = { key, report: null, error: null };
      this.#host.clearError();
      ui.results.replaceChildren(el("p", { class: "hint", part: "status" }, text.enterLines));
      return;
    }
    this.#run({ source, key }, { config: source.config, price: source.price, lines }, () => key);
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
    if (this.#checked.cancelled) {
      ui.results.replaceChildren(mark(el("p", { class: "hint", part: "status" }, this.#text.cancelled), { state: "cancelled" }));
      return;
    }
    if (!report) {
      ui.results.replaceChildren(el("p", { class: "hint", part: "status" }, this.#text.enterLines));
      return;
    }
    this.#host.clearError();
    const { format, locale, limits } = this.#host;
    const text = this.#text;
    this.#order = this.#checked.order ?? ordered(report.lines);
    this.#shown = 0;
    ui.list = el("ol", { class: "check-lines", part: "check-lines" }, head(text));
    ui.more = el("button", { type: "button", part: "check-more", class: "secondary" });
    ui.more.addEventListener("click", () => this.#page());
    const exportButton = el("button", { type: "button", part: "check-export", class: "secondary" }, text.export);
    exportButton.addEventListener("click", () => this.#export(report));
    const facts = { config: source.config, price: source.price, exactScale: limits.exactScale, text, format, locale };
    ui.results.replaceChildren(summary(report, facts), ui.list, el("div", { class: "check-actions" }, ui.more, exportButton));
    this.#page();
    if (fresh) this.#host.announce("points-result", { task: "check", report });
  }

  /** The CSV of `report`, written in the worker that checked it (100,000 lines are some 200 ms of work), else here. */
  async #export(report) {
    const text = this.#text;
    let content;
    try {
      content = await this.#client.run("csv", { words: text });
    } catch (error) {
      if (error === CANCELLED) return;
      const { headers, rows } = csvRows(report, text);
      content = toCsv(headers, rows);
    }
    download("points-check.csv", "text/csv", content);
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
