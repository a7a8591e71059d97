// <points-calculator>: the member's calculator for a consumption-appreciation points pool
// (消费增值 / 绿色积分). The element itself: its attributes and properties, its tasks, its
// events, when it renders. Every figure comes from the member's engine (WebAssembly, loaded
// once per page); what the first result needs loads first, and the scenarios
// (element/projection.js, with the chart and the worker) and 核对 (element/check.js) load when
// first used. It runs under `Content-Security-Policy: default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'`: no innerHTML, no inline styles, no traffic but the optional same-origin
// `state-src` or `log-src`, no storage but a log's last checkpoint (element/log.js), no globals
// but the element. With `log-src` the pool is the log's, shown only once the engine verified it.

import * as memberEngine from "../pkg-member/points_pool_member.js";
import { mark } from "../shared/dom.js";
import { loadEngine } from "../shared/engine.js";
import { importModule } from "../shared/pinned.js";
import { formatter } from "../shared/format.js";
import { describe, fill, readableLimits } from "../shared/words.js";
import { i18n } from "./text.js";
import { styleSheet } from "./styles.js";
import { BOXES, TASKS, buildCard } from "./card.js";
import { CONFIG_ATTRIBUTES, PoolSource, ROUNDING_ATTRIBUTES, STALE } from "./source.js";
import { LOG_ATTRIBUTES, loadLogEngine, showEvidence, showVerified } from "./log.js";
import { holdingPosition, purchasePosition, renderResults } from "./results.js";

/** The merchant's stated scenario, and its defaults. */
const SCENARIO_ATTRIBUTES = { "orders-per-day": "100", "average-order": "100", "order-growth": "0", "withdraw-rate": "0.01" };
/** Every attribute but `lang` (native): each has a property of its camelCase name that reflects it. */
const ATTRIBUTES = [
  "pool", "supply", "state-src", ...LOG_ATTRIBUTES, ...Object.keys(CONFIG_ATTRIBUTES), ...Object.keys(ROUNDING_ATTRIBUTES),
  ...Object.keys(SCENARIO_ATTRIBUTES), "days", "theme",
];
const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
/** How a setup error names a field: by the attribute the merchant wrote. */
const RENAME = Object.fromEntries([
  ...Object.entries(CONFIG_ATTRIBUTES).map(([attribute, field]) => [field, attribute]),
  ...Object.entries(ROUNDING_ATTRIBUTES).flatMap(([attribute, entry]) =>
    ["", ".scale", ".mode"].map((tail) => [`rounding.${entry}${tail}`, attribute])),
  ["pool", "pool"], ["supply", "supply"],
  ...Object.keys(SCENARIO_ATTRIBUTES).map((attribute) => [camel(attribute), attribute]),
]);

/**
 * Where the engines' wasm and the projection worker are, and `pin(url)`, the sha384 a release
 * pins for each (null: not pinned): www/points-calculator.js says, once.
 */
const files = { wasm: null, logWasm: null, worker: null, pin: () => null };


export class PointsCalculator extends HTMLElement {
  static i18n = i18n;
  static observedAttributes = [...ATTRIBUTES, "lang"];

  /** Registers the element once, however often the module is imported. */
  static define(name = "points-calculator") {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  /**
   * Where the engine's wasm (`wasm`, and `logWasm` with LogCheck) and the projection worker
   * (`worker`) are, as URLs, and `pin(url)`: the integrity each is fetched with, or null.
   */
  static locate(found) {
    Object.assign(files, found);
  }

  #ui;
  #task = "purchase";
  #queued = false;
  /** Renders started: one that a newer render overtook while it waited stops. */
  #renders = 0;
  #source = new PoolSource(() => ({ url: files.worker, integrity: files.pin(files.worker) }));
  #engine = null;
  #setup = null;
  /** The pool source whose verified log was last announced. */
  #verified = null;
  #projection = null;
  #check = null;
  #lang = null;
  #drawnLocale = null;

  constructor() {
    super();
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [styleSheet()];
  }

  connectedCallback() {
    if (!this.#ui) this.#build();
    // A `lang` set or changed on any ancestor (the page switching language) re-renders.
    this.#lang = new MutationObserver(() => {
      if (this.locale !== this.#drawnLocale) this.#queueRender();
    });
    this.#lang.observe(document.documentElement, { attributes: true, attributeFilter: ["lang"], subtree: true });
    this.#queueRender();
  }

  /** Leaving the page ends the workers and a state-src fetch under way; coming back starts afresh. */
  disconnectedCallback() {
    this.#lang?.disconnect();
    this.#projection?.close();
    this.#check?.close();
    this.#source.close();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === "days") this.#projection?.setHorizon(value);
    this.#queueRender();
  }

  /**
   * The boxes as typed (friendly forms allowed): `amount` for the purchase, `points`, `spent` and
   * `received` for "my points". Setting one recomputes.
   */
  static {
    for (const name of BOXES) {
      Object.defineProperty(this.prototype, name, {
        configurable: true,
        enumerable: true,
        get() {
          return this.#ui?.[name].value ?? "";
        },
        set(value) {
          if (!this.#ui) this.#build();
          this.#ui[name].value = String(value ?? "");
          this.#queueRender();
        },
      });
    }
  }

  /** `"purchase"`, `"points"` or `"check"`: the task shown. */
  get task() {
    return this.#task;
  }

  set task(value) {
    if (!TASKS.includes(value)) throw new TypeError('task must be "purchase", "points" or "check"');
    // The task it already shows: nothing to do (a render under way would be started over for nothing).
    if (value === this.#task) return;
    this.#task = value;
    this.#queueRender();
  }

  /** The language in force: this element's `lang`, else the nearest ancestor's. */
  get locale() {
    const lang = this.closest("[lang]")?.getAttribute("lang") ?? "zh-CN";
    return lang.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  }

  get #text() {
    return PointsCalculator.i18n[this.locale] ?? i18n["zh-CN"];
  }

  /** Tells the page: `points-result`, `points-projection`, `points-error`, bubbling out of the shadow root. */
  #announce(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  #build() {
    const ui = buildCard();
    this.shadowRoot.append(ui.card);
    for (const [task, button] of Object.entries(ui.tabs)) {
      button.addEventListener("click", () => (this.task = task));
      button.addEventListener("keydown", (event) => {
        const index = TASKS.indexOf(this.#task);
        const next = { ArrowRight: index + 1, ArrowLeft: index - 1 + TASKS.length, Home: 0, End: TASKS.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        this.task = TASKS[next % TASKS.length];
        ui.tabs[this.#task].focus();
      });
    }
    for (const name of BOXES) ui[name].addEventListener("input", () => this.#queueRender());
    this.#ui = ui;
  }

  /** Batches every change in one microtask, as relative-time-element does. */
  #queueRender() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#render().catch((error) => {
        // An engine that did not load (a changed or missing wasm) is not still loading.
        if (!this.#engine) this.#ui.status.textContent = "";
        this.#showError(error);
      });
    });
  }

  async #render() {
    if (!this.#ui) return;
    const turn = ++this.#renders;
    const locale = this.locale;
    const text = this.#text;
    this.#label(text);
    // Only a log's page downloads the engine with LogCheck; the plain embed never does.
    const loading = this.hasAttribute("log-src")
      ? loadLogEngine(files.logWasm, files.pin(files.logWasm))
      : loadEngine(memberEngine, files.wasm, files.pin(files.wasm));
    // The pool's source is fetched while the engine loads: a state-src never waits for the wasm.
    const glue = loading.then((engine) => engine.glue);
    glue.catch(() => {}); // an engine that failed to load is shown by the await below, once
    const reading = this.#source.current(this, glue);
    const engine = await loading;
    if (turn !== this.#renders) return;
    this.#engine = engine;
    // A state-src or a log being read (in the worker): said so, and marked, until it answers.
    if (this.#source.loading) this.#busy(text.readingPool);
    const source = await reading;
    if (source === STALE || turn !== this.#renders || !this.isConnected) return;
    this.#drawnLocale = locale;
    const ui = this.#ui;
    this.#busy(null);
    showVerified(ui.verified, source.log?.verified, text, this.#format);
    showEvidence(ui.evidence, source.evidence, text);
    if (source.error) return this.#showSetup(source);
    if (source.log && this.#verified !== source) {
      this.#verified = source;
      const { size, entry, fingerprint, origin } = source.log.verified;
      this.#announce("points-verified", { size, entry, fingerprint, origin });
      source.log.keep();
    }
    this.#setup = null;
    this.#clearError();
    if (this.#task === "check") {
      this.#clearAnswer();
      const check = await this.#checkTask();
      if (turn === this.#renders) check.render(source);
      return;
    }
    let position;
    try {
      position = this.#task === "purchase"
        ? purchasePosition(this.#engine.glue, source, ui.amount.value)
        : holdingPosition(this.#engine.glue, source, { points: ui.points.value, spent: ui.spent.value, received: ui.received.value });
    } catch (error) {
      this.#clearAnswer();
      this.#markInvalid(error);
      this.#showError(error);
      return;
    }
    this.#markInvalid(null);
    if (!position) {
      this.#clearAnswer();
      ui.status.textContent = this.#task === "purchase" ? text.enterAmount : text.enterPoints;
      return;
    }
    renderResults(ui, position, { text, format: this.#format });
    this.#announce("points-result", { task: position.kind, receipt: position.receipt ?? null, view: position.view, config: position.config, split: position.split ?? null });
    const projection = await this.#projectionTask();
    if (turn === this.#renders) projection.update(position);
  }

  /** The status line while the pool is read (`words`), or cleared (null). */
  #busy(words) {
    this.#ui.status.textContent = words ?? "";
    mark(this.#ui.status, { busy: words === null ? null : "pool" });
  }

  get #format() {
    return formatter(this.locale);
  }

  /** Words in the page's language, the task shown, and which tab is selected. */
  #label(text) {
    const ui = this.#ui;
    ui.title.textContent = text.title;
    for (const task of TASKS) {
      ui.tabs[task].textContent = text[`${task}Tab`];
      ui.tabs[task].setAttribute("aria-selected", String(this.#task === task));
      ui.tabs[task].tabIndex = this.#task === task ? 0 : -1;
      ui.panels[task].hidden = this.#task !== task;
    }
    for (const name of ["amountLabel", "amountHint", "pointsLabel", "spentLabel", "receivedLabel"]) ui[name].textContent = text[name];
    if (!this.#engine) ui.status.textContent = text.loading;
    this.#projection?.label();
  }

  /** The scenarios' module, loaded with the first result that needs it. */
  async #projectionTask() {
    if (!this.#projection) {
      const { Projection } = await importModule(() => import("./projection.js"));
      this.#projection ??= new Projection(this.#host());
      this.#ui.projection.replaceChildren(this.#projection.section);
    }
    this.#ui.projection.hidden = false;
    return this.#projection;
  }

  /** 核对's module, loaded when the task is first opened. */
  async #checkTask() {
    if (!this.#check) {
      const { CheckTask } = await importModule(() => import("./check.js"));
      this.#check ??= new CheckTask(this.#host());
      this.#ui.panels.check.replaceChildren(...this.#check.panel.childNodes);
    }
    return this.#check;
  }

  /** What the lazily loaded tasks may ask of the element. */
  #host() {
    const element = this;
    return {
      get text() { return element.#text; },
      get format() { return element.#format; },
      get locale() { return element.locale; },
      get glue() { return element.#engine.glue; },
      get limits() { return element.#engine.limits; },
      workerUrl: files.worker,
      workerIntegrity: files.pin(files.worker),
      scenario: () => Object.fromEntries(Object.entries(SCENARIO_ATTRIBUTES).map(([name, fallback]) => [camel(name), (element.getAttribute(name) ?? fallback).trim()])),
      days: () => element.getAttribute("days"),
      announce: (type, detail) => element.#announce(type, detail),
      showError: (error, source, announce = true) => element.#showError(error, source, announce),
      clearError: () => element.#clearError(),
      rerender: () => element.#queueRender(),
    };
  }

  #clearAnswer() {
    const ui = this.#ui;
    ui.results.replaceChildren();
    ui.split.hidden = true;
    ui.facts.hidden = true;
    ui.projection.hidden = true;
    this.#projection?.clear();
  }

  /** A pool the element cannot read: no figure at all, the member told why, the shop's script told once. */
  #showSetup(source) {
    this.#clearAnswer();
    this.#check?.clear();
    this.#markInvalid(null);
    const { error } = source;
    const bare = ["pool", "supply", "state-src", "log-src"].every((name) => !this.hasAttribute(name));
    const reason = describe(error, this.locale, { limits: readableLimits(this.#engine.limits, this.#format), rename: RENAME });
    const words = bare ? this.#text.noPool : fill(this.#text.setupError, { reason });
    this.#showError(error, "setup", this.#setup !== source, words);
    this.#setup = source;
  }

  /**
   * An error in the member's language, from its `code`, `field`, `line` and `problem` (never the
   * English message), marked with them for the page's tests and scripts, and heard as `points-error`.
   */
  #showError(error, source = "input", announce = true, words = null) {
    const ui = this.#ui;
    const limits = this.#engine ? readableLimits(this.#engine.limits, this.#format) : {};
    // A setup error names the merchant's attribute; a member's, the box they typed in.
    ui.error.textContent = words ?? describe(error, this.locale, { limits, rename: source === "setup" ? RENAME : {} });
    ui.error.hidden = false;
    const detail = {
      code: error?.code ?? "unknown", field: error?.field ?? null, line: error?.line ?? null,
      problem: error?.problem ?? null, status: error?.values?.status ?? null, source,
    };
    mark(ui.error, { code: detail.code, field: detail.field, line: detail.line, problem: detail.problem, source });
    if (announce) this.#announce("points-error", detail);
  }

  #clearError() {
    this.#ui.error.hidden = true;
    this.#ui.error.textContent = "";
    mark(this.#ui.error, { code: null, field: null, line: null, problem: null, source: null });
  }

  /** `aria-invalid` on the box the error is about (none when `error` is null); it stays until the box is right. */
  #markInvalid(error) {
    const ui = this.#ui;
    const boxes = Object.fromEntries(BOXES.map((name) => [name, ui[name]]));
    for (const box of Object.values(boxes)) box.removeAttribute("aria-invalid");
    if (!error) return;
    (boxes[error.field] ?? (this.#task === "purchase" ? ui.amount : ui.points)).setAttribute("aria-invalid", "true");
  }
}

// A property for every observed attribute (`stateSrc`, `payoutRate`, `roundingPoints`, …), reflected.
for (const attribute of ATTRIBUTES) {
  Object.defineProperty(PointsCalculator.prototype, camel(attribute), {
    configurable: true,
    enumerable: true,
    get() {
      return this.getAttribute(attribute);
    },
    set(value) {
      if (value === null || value === undefined) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(value));
    },
  });
}
