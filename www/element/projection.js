// The element's scenarios, loaded with the first result that needs them: the merchant's
// scenario and two stress lines a year ahead, and the Monte Carlo band over the horizon shown,
// computed in the projection worker (the page never waits for them). The slider re-draws;
// when it settles on a new horizon the band is simulated for that horizon, so that what the
// band says ("within 30 days") is what it computed. What cashing out pays is plotted and
// headlined (under the cap), never points × price; the sentence under the band speaks of the
// member's own position: already even, at the cap, or how often a cash-out gets there.

import { el, mark } from "../shared/dom.js";
import { lineChart } from "../shared/chart.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { fill, plural, words } from "../shared/words.js";

/** The longest horizon the slider offers, and the shortest. */
const DAYS = { min: 7, max: 365, shown: 30 };
/**
 * The slider's value for a `days` attribute: a whole number of days, held within the slider's
 * range; anything else (empty, "abc") is the default, never the range's midpoint a browser picks.
 */
function horizonOf(attribute) {
  const text = String(attribute ?? "").trim();
  if (!/^\d{1,6}$/.test(text)) return String(DAYS.shown);
  return String(Math.min(DAYS.max, Math.max(DAYS.min, Number(text))));
}

/** The band: runs and a fixed seed, so that every member sees the same band. */
const MONTE_CARLO = { runs: 400, seed: 1 };
/** Fresh workers for a failed job (shared/worker-client.js says why WebKit needs them). */
const TRIES = 3;

export class Projection {
  #host;
  #ui;
  #client;
  #key = "";
  #series = null;
  #position = null;

  /** `host`: the element's side (text, format, scenario, days, announce, showError, workerUrl, workerIntegrity). */
  constructor(host) {
    this.#host = host;
    this.#client = new WorkerClient(host.workerUrl, { tries: TRIES, integrity: host.workerIntegrity });
    this.#ui = this.#build();
  }

  /** The section, for the element to place. */
  get section() {
    return this.#ui.section;
  }

  #build() {
    const ui = {};
    ui.title = el("h3");
    ui.horizon = el("input", { type: "range", min: String(DAYS.min), max: String(DAYS.max), step: "1", id: "horizon", part: "horizon" });
    ui.horizon.value = horizonOf(this.#host.days());
    ui.horizonLabel = el("span");
    ui.horizonOutput = el("output", { for: "horizon" });
    ui.disclaimer = el("p", { class: "disclaimer", part: "disclaimer" });
    ui.progress = el("progress", { part: "projection-progress", max: "3", value: "0" });
    ui.progressText = el("span");
    ui.cancel = el("button", { type: "button", part: "projection-cancel", class: "secondary" });
    ui.recompute = el("button", { type: "button", part: "projection-recompute", class: "secondary", hidden: true });
    ui.working = el("div", { class: "working", part: "projection-status", role: "status", hidden: true }, ui.progressText, ui.progress, ui.cancel, ui.recompute);
    ui.projected = el("p", { part: "projected-value" });
    ui.capIgnored = el("p", { class: "note", part: "cap-ignored", hidden: true });
    ui.reach = el("p", { class: "band-reach", part: "band-reach", hidden: true });
    ui.chart = el("div", { part: "chart-box" });
    ui.legend = el("ul", { class: "legend" });
    ui.section = el("section", { part: "projection" }, ui.title,
      el("label", { for: "horizon" }, ui.horizonLabel, " ", ui.horizonOutput, ui.horizon),
      ui.disclaimer, ui.working, ui.projected, ui.capIgnored, ui.reach, ui.chart, ui.legend);
    ui.horizon.addEventListener("input", () => this.draw());
    ui.horizon.addEventListener("change", () => this.#settle());
    ui.cancel.addEventListener("click", () => this.cancel());
    ui.recompute.addEventListener("click", () => {
      this.#key = "";
      if (this.#position) this.update(this.#position);
    });
    return ui;
  }

  /** The horizon in days, as the slider holds it. */
  get #days() {
    return Number(this.#ui.horizon.value);
  }

  /** The `days` attribute changed: the slider follows, and the band with it. */
  setHorizon(value) {
    this.#ui.horizon.value = horizonOf(value);
    this.draw();
    this.#settle();
  }

  /** Words in the page's language (a change of `lang` re-labels without computing). */
  label() {
    const { text } = this.#host;
    const ui = this.#ui;
    ui.title.textContent = text.projection;
    ui.horizonLabel.textContent = text.horizon;
    ui.disclaimer.textContent = text.disclaimer;
    ui.cancel.textContent = text.cancel;
    ui.recompute.textContent = text.recompute;
    this.draw();
  }

  /** The scenarios for `position` (the member's, after the purchase or as held): computed once, then re-drawn. */
  update(position) {
    this.#position = position;
    const base = this.#host.scenario();
    const member = { points: position.view.points };
    if (position.spent !== undefined) member.spent = position.spent;
    if (position.received !== undefined) member.received = position.received;
    const key = JSON.stringify([position.after, base, member]);
    this.label();
    if (key === this.#key && (this.#series || this.#client.busy)) return;
    this.#key = key;
    this.#series = null;
    const scenario = (changes) => ({ days: DAYS.max, ...base, ...member, ...changes });
    const scenarios = [["merchant", scenario({})], ["stop", scenario({ stress: "ordersStop" })], ["wave", scenario({ stress: "withdrawalWave" })]];
    const rounded = position.config.rounding !== null;
    const days = this.#days;
    const monteCarlo = rounded ? undefined : { scenario: scenario({ days }), options: MONTE_CARLO };
    this.#run({ snapshot: position.after, scenarios, monteCarlo }, (done) => {
      this.#series = { base, member, position, rounded, ...done, bandDays: days };
      this.#host.announce("points-projection", { projections: done.results, band: done.band });
    });
  }

  /** The slider settled: the band is simulated again for the horizon shown. */
  #settle() {
    const series = this.#series;
    if (!series || series.rounded || series.bandDays === this.#days) return;
    const days = this.#days;
    const scenario = { ...series.base, ...series.member, days };
    this.#run({ snapshot: series.position.after, scenarios: [], monteCarlo: { scenario, options: MONTE_CARLO } }, ({ band }) => {
      Object.assign(this.#series, { band, bandDays: days });
    });
  }

  #run(args, done) {
    this.#progress(0, args.scenarios.length + (args.monteCarlo ? 1 : 0));
    this.#client.run("projections", args, { onProgress: ({ done: step, of }) => this.#progress(step, of) }).then((result) => {
      this.#ui.working.hidden = true;
      done(result);
      this.draw();
    }, (error) => {
      if (error === CANCELLED) return;
      this.#ui.working.hidden = true;
      this.#key = "";
      // The scenario is the merchant's (its attributes), not what the member typed.
      this.#host.showError(error, error?.code === "invalid_scenario" ? "setup" : "projection");
    });
  }

  /** Stops the computation under way (the Cancel button); Compute again starts it afresh. */
  cancel() {
    if (!this.#client.cancel()) return;
    this.#key = "";
    const ui = this.#ui;
    ui.progressText.textContent = this.#host.text.cancelled;
    ui.progress.hidden = true;
    ui.cancel.hidden = true;
    ui.recompute.hidden = false;
  }

  /** Nothing to project (no result, or an error): the section goes, and a job under way ends. */
  clear() {
    this.#client.cancel();
    this.#key = "";
    this.#series = null;
    this.#position = null;
  }

  /** The element left the page: the worker ends (a fresh one starts when it comes back). */
  close() {
    this.clear();
    this.#client.close();
  }

  #progress(done, of) {
    const ui = this.#ui;
    ui.working.hidden = false;
    ui.progress.hidden = false;
    ui.cancel.hidden = false;
    ui.recompute.hidden = true;
    ui.progress.max = of;
    ui.progress.value = done;
    ui.progressText.textContent = fill(this.#host.text.computing, { done, of });
    for (const stale of [ui.projected, ui.chart, ui.legend]) stale.replaceChildren();
    ui.reach.hidden = true;
    ui.capIgnored.hidden = true;
  }

  /** The sentences, the chart and the legend for the horizon shown. */
  draw() {
    const { text, format, locale } = this.#host;
    const ui = this.#ui;
    const days = this.#days;
    const daysText = fill(plural(text.daysUnit, days, locale), { days: format.count(days) });
    ui.horizonOutput.textContent = daysText;
    ui.horizon.setAttribute("aria-valuetext", daysText);
    const series = this.#series;
    if (!series) return;
    const { results: { merchant, stop, wave }, position } = series;
    const end = merchant.days[days];
    const money = format.money;
    ui.projected.replaceChildren(fill(text.projected, { days: format.count(days), value: money(end.value), cash: money(end.cashOutValue) }));
    mark(ui.projected, { exact: end.cashOutValue, days, exitDay: merchant.exitDay, breakEvenDay: merchant.breakEvenDay });
    const { breakEvenDay, exitDay } = merchant;
    if (breakEvenDay !== null && breakEvenDay > 0 && breakEvenDay <= days) ui.projected.append(" ", fill(text.breakEvenOn, { day: breakEvenDay }));
    // Day 0 is now: a member already at the cap is told so below, not "exit on day 0".
    const exitShown = exitDay !== null && exitDay > 0 && exitDay <= days;
    if (exitShown) ui.projected.append(" ", fill(text.exitOn, { day: exitDay, cap: money(merchant.days[exitDay].cashOutValue) }));
    const capped = position.config.exitMultiple !== null;
    ui.capIgnored.hidden = !(capped && position.spent === undefined);
    ui.capIgnored.textContent = text.capIgnored;
    this.#drawReach(series, days);
    const base = series.base;
    const lines = [
      ["merchant", merchant, fill(text.scenarioMerchant, { orders: format.plain(base.ordersPerDay), average: money(base.averageOrder) })],
      ["stop", stop, text.scenarioStop],
      ["wave", wave, fill(text.scenarioWave, { share: format.percent(wave.waveWithdrawRate) })],
    ];
    const shown = (rows) => rows.slice(0, days + 1).map((row) => [row.day, row.cashOutValue]);
    const band = series.band && series.bandDays === days ? series.band : null;
    ui.chart.replaceChildren(lineChart({
      title: fill(text.chartLabel, { days: format.count(days) }), width: 320, height: 190, part: "chart",
      lines: lines.map(([name, projection]) => ({ className: name, points: shown(projection.days) })),
      bands: band ? [{ className: "merchant", high: band.days.map((row) => [row.day, row.cashOutValue.p90]), low: band.days.map((row) => [row.day, row.cashOutValue.p10]) }] : [],
      marks: exitShown ? [{ x: exitDay, label: fill(text.exitMark, { day: exitDay }) }] : [],
      formatY: format.compactMoney, formatX: (day) => (day === 0 ? "0" : daysText),
    }));
    const join = (words[locale] ?? words["zh-CN"]).join;
    const items = lines.map(([name, projection, label]) =>
      el("li", {}, el("span", { class: `swatch ${name}` }), `${label}${join}${money(projection.days[days].cashOutValue)}`));
    if (band) {
      const { p10, p90 } = band.days[days].cashOutValue;
      items.push(el("li", { part: "band", "data-p10": p10, "data-p90": p90 }, el("span", { class: "swatch band" }),
        `${fill(text.band, { runs: format.count(band.runs) })}${join}${money(p10)} – ${money(p90)}`));
    }
    ui.legend.replaceChildren(...items);
  }

  /**
   * What the band says of the member: already even (what was received covers spending: no
   * share to report), at the cap (nothing more is paid), or in how many runs received plus a
   * cash-out reaches spending within the horizon simulated; a rounded pool has no band, and says why.
   */
  #drawReach(series, days) {
    const { text, format } = this.#host;
    const { view, spent } = series.position;
    const amounts = { spent: format.money(view.spent), received: format.money(view.received), days: format.count(days) };
    let state = null;
    let words = "";
    if (view.cap === "atCap" && view.cashOutValue === "0") [state, words] = ["atCap", text.reachAtCap];
    else if (spent !== undefined && view.breakEven === "received") [state, words] = ["received", fill(text.reachReceived, amounts)];
    else if (series.rounded) [state, words] = ["exactOnly", text.exactOnly];
    else if ((series.band?.reachesSpent ?? null) !== null && series.bandDays === days && view.spent !== "0") {
      const template = view.received === "0" ? text.reachShareFresh : text.reachShare;
      [state, words] = ["share", fill(template, { ...amounts, share: format.percent(series.band.reachesSpent) })];
    }
    this.#ui.reach.hidden = state === null;
    this.#ui.reach.textContent = words;
    mark(this.#ui.reach, { state, exact: state === "share" ? series.band.reachesSpent : null, days: state === "share" ? days : null });
  }
}
