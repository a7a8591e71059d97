// Scenario comparison: two to four sets, each the parameters and scenario above with some
// fields changed, each starting from the seed's state under its own parameters and a typical
// member who buys one average order then. Projected in the projection worker (a rounded pool
// is projected order by order: seconds at 20,000 orders a day), charted, tabled; the member's
// figures are what a cash-out pays under the cap, as the element shows them, stress presets
// included; Monte Carlo bands on request, on exact pools only (a rounded pool says why).

import { el, mark } from "../shared/dom.js";
import { lineChart } from "../shared/chart.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { fill } from "../shared/words.js";
import { clear, field, refuse } from "./fields.js";
import { MAX_SETS } from "./state.js";
import { startingPoint } from "./seed.js";
import { cell, dataTable, exportButtons, figure, legend } from "./tables.js";

const SCENARIO_FIELDS = ["days", "ordersPerDay", "averageOrder", "orderGrowth", "withdrawRate"];
/** What a comparison set may change; an empty cell keeps the base value. */
export const SET_FIELDS = ["poolRate", "grantRate", "payoutRate", "exitMultiple", "ordersPerDay", "averageOrder", "orderGrowth", "withdrawRate"];
const STRESS = ["ordersStop", "withdrawalWave", "growthHalves", "negativeGrowth"];
const MONTE_CARLO = { runs: 300, seed: 1 };

let client = null;

export function buildScenarioForm(page) {
  const { t, state } = page;
  client = new WorkerClient(new URL("../workers/projection.js", import.meta.url), { tries: 3 });
  const form = document.getElementById("scenario-form");
  const controls = SCENARIO_FIELDS.map((name) => field(`sc-${name}`, t.fields[name], String(state.scenario[name]), { inputmode: name === "days" ? "numeric" : "decimal" }));
  form.replaceChildren(...controls.map((control) => control.node));
  form.addEventListener("input", () => {
    for (const name of SCENARIO_FIELDS) {
      const value = document.getElementById(`sc-${name}`).value.trim();
      state.scenario[name] = name === "days" ? Number(value) : value;
    }
    renderComparison(page);
    page.updateShareLink();
  });
  document.getElementById("add-set").addEventListener("click", () => {
    if (state.sets.length >= MAX_SETS) return;
    state.sets.push({ label: String.fromCharCode(65 + state.sets.length) });
    renderComparison(page);
    page.updateShareLink();
  });
  const box = document.getElementById("monte-carlo");
  box.checked = state.monteCarlo;
  box.addEventListener("change", () => {
    state.monteCarlo = box.checked;
    renderComparison(page);
    page.updateShareLink();
  });
  document.getElementById("comparison-cancel").addEventListener("click", () => {
    if (client.cancel()) document.getElementById("comparison-status").textContent = t.simulationCancelled;
    document.getElementById("comparison-cancel").hidden = true;
  });
}

/** The set's parameters and scenario: the base with the set's non-empty cells on top. */
export function resolveSet(page, set) {
  const config = { ...page.state.config };
  const scenario = { ...page.state.scenario };
  for (const name of SET_FIELDS) {
    const value = set[name];
    if (value === undefined || value === "") continue;
    if (name in config) config[name] = name === "exitMultiple" && /^(none|null)$/i.test(value) ? null : value;
    else scenario[name] = value;
  }
  return { config, scenario };
}

function renderSetEditor(page) {
  const { t, state } = page;
  const header = el("tr", {}, el("th", { scope: "col" }, t.set), ...state.sets.map((set, index) => {
    const remove = el("button", { type: "button", "data-remove-set": String(index), "aria-label": fill(t.removeSet, { label: set.label }) }, "×");
    remove.disabled = state.sets.length <= 2;
    remove.addEventListener("click", () => {
      state.sets.splice(index, 1);
      renderComparison(page);
      page.updateShareLink();
    });
    return el("th", { scope: "col", class: `s${index}` }, `${set.label} `, remove);
  }));
  const base = { ...state.config, ...state.scenario };
  const rows = SET_FIELDS.map((name) => el("tr", {}, el("th", { scope: "row" }, t.fields[name]), ...state.sets.map((set, index) => {
    const input = el("input", { type: "text", inputmode: "decimal", id: `set-${index}-${name}`, "aria-label": `${set.label} ${t.fields[name]}` });
    input.value = set[name] ?? "";
    input.placeholder = base[name] === null ? t.noCap : String(base[name]);
    input.addEventListener("change", () => {
      set[name] = input.value.trim();
      renderComparison(page);
      page.updateShareLink();
    });
    return el("td", {}, input);
  })));
  document.getElementById("sets").replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "set-grid" }, el("thead", {}, header), el("tbody", {}, ...rows))));
  document.getElementById("add-set").disabled = state.sets.length >= MAX_SETS;
}

export async function renderComparison(page) {
  const { t, state } = page;
  client?.cancel();
  renderSetEditor(page);
  const charts = document.getElementById("comparison-charts");
  const tableTarget = document.getElementById("comparison-table");
  const status = document.getElementById("comparison-status");
  const cancel = document.getElementById("comparison-cancel");
  status.textContent = "";
  mark(status, { code: null });
  clear(document.getElementById("scenario-form"));
  if (state.configError) {
    charts.replaceChildren();
    tableTarget.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const results = state.sets.map((set, index) => {
    try {
      const { config, scenario } = resolveSet(page, set);
      const start = startingPoint(page.glue, config, scenario.averageOrder);
      return { index, set, start, config, stated: { ...scenario, points: start.points, spent: start.spent } };
    } catch (error) {
      return { index, set, error };
    }
  });
  const pending = results.filter((result) => !result.error);
  const exact = state.config.rounding === null;
  cancel.hidden = pending.length === 0;
  try {
    for (const [step, result] of pending.entries()) {
      status.textContent = fill(t.projecting, { done: step, of: pending.length });
      const scenarios = [["stated", result.stated], ...STRESS.map((stress) => [stress, { ...result.stated, stress }])];
      try {
        const { results: done } = await client.run("projections", { snapshot: result.start.snapshot, scenarios });
        Object.assign(result, { projection: done.stated, stressed: Object.fromEntries(STRESS.map((stress) => [stress, done[stress].days])) });
      } catch (error) {
        if (error === CANCELLED) throw error;
        result.error = error;
      }
    }
    status.textContent = "";
    markScenario(page, results);
    drawComparison(page, results, null);
    if (!state.monteCarlo) return;
    if (!exact) {
      status.textContent = t.exactOnly;
      mark(status, { code: "exactOnly" });
      return;
    }
    const bands = {};
    for (const [step, result] of pending.filter((each) => each.projection).entries()) {
      status.textContent = fill(t.simulating, { done: step, of: pending.length });
      const { band } = await client.run("projections", { snapshot: result.start.snapshot, scenarios: [], monteCarlo: { scenario: result.stated, options: MONTE_CARLO } });
      bands[result.index] = band;
    }
    status.textContent = fill(t.simulated, { runs: MONTE_CARLO.runs, seed: MONTE_CARLO.seed });
    mark(status, { code: "simulated" });
    drawComparison(page, results, bands);
  } catch (error) {
    if (error === CANCELLED) return;
    status.textContent = page.message(error);
    mark(status, { code: error?.code ?? "unknown" });
  } finally {
    if (!client.busy) cancel.hidden = true;
  }
}

/**
 * A scenario field the engine refused for a set that does not set it itself is the form's: marked
 * there with its reason, as a parameter is (a set's own cell is named in the legend). The average
 * order is refused as the typical member's purchase amount (seed.js names it).
 */
function markScenario(page, results) {
  for (const { error, set } of results) {
    const name = String(error?.field ?? "").replace(/^scenario\./, "");
    if (!SCENARIO_FIELDS.includes(name)) continue;
    const control = document.getElementById(`sc-${name}`);
    if (!control || (set[name] ?? "") !== "" || control.hasAttribute("aria-invalid")) continue;
    refuse(page, control, error, control.value.trim());
  }
}

function drawComparison(page, results, bands) {
  const { t, format, state } = page;
  const ok = results.filter((result) => !result.error && result.projection);
  if (ok.length === 0) {
    // Nothing to compare: no empty table, no method named for nothing.
    const items = results.map((result) => [`s${result.index}`, `${result.set.label}: ${page.message(result.error)}`]);
    document.getElementById("comparison-charts").replaceChildren(legend(items));
    document.getElementById("comparison-table").replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const metrics = [["price", t.price, format.compact], ["pool", t.pool, format.compactMoney], ["supply", t.supply, format.compact], ["cashOutValue", t.memberCashOut, format.compactMoney]];
  const charts = metrics.map(([key, title, formatY]) => figure(title, lineChart({
    title, xLabel: t.day, formatY, formatX: format.count,
    lines: ok.map((result) => ({ className: `s${result.index}`, points: result.projection.days.map((row) => [row.day, row[key]]) })),
    bands: key === "cashOutValue" && bands ? ok.filter((result) => bands[result.index]).map((result) => ({
      className: `s${result.index}`,
      high: bands[result.index].days.map((row) => [row.day, row.cashOutValue.p90]),
      low: bands[result.index].days.map((row) => [row.day, row.cashOutValue.p10]),
    })) : [],
  })));
  const items = results.map((result) => [`s${result.index}`, result.error ? `${result.set.label}: ${page.message(result.error)}` : result.set.label]);
  document.getElementById("comparison-charts").replaceChildren(legend(items), el("div", { class: "charts" }, ...charts));
  const headers = [t.set, t.dayN, t.price, t.pool, t.supply, t.memberPoints, t.memberValue, t.cashOutValue, t.breakEvenDay,
    ...STRESS.map((stress) => fill(t.stressValue, { stress: t.stress[stress] })),
    ...(bands ? [t.bandP10, t.bandP50, t.bandP90, t.reachesSpent] : [])];
  const rows = ok.map((result) => {
    const last = result.projection.days.at(-1);
    const band = bands?.[result.index];
    const bandLast = band?.days.at(-1)?.cashOutValue;
    const money = (value) => cell(format.money(value), value);
    return [
      result.set.label, format.count(last.day), cell(format.price(last.price), last.price), money(last.pool), cell(format.points(last.supply), last.supply),
      cell(format.points(result.start.points), result.start.points), money(last.value), money(last.cashOutValue),
      result.projection.breakEvenDay === null ? t.never : format.count(result.projection.breakEvenDay),
      ...STRESS.map((stress) => money(result.stressed[stress].at(-1).cashOutValue)),
      ...(bands ? (bandLast ? [money(bandLast.p10), money(bandLast.p50), money(bandLast.p90),
        band.reachesSpent === null ? "—" : cell(format.percent(band.reachesSpent), band.reachesSpent)] : ["—", "—", "—", "—"]) : []),
    ];
  });
  const seriesHeaders = ["set", "day", "price", "pool", "supply", "value", "cashOutValue"];
  const seriesRows = ok.flatMap((result) => result.projection.days.map((row) => [result.set.label, row.day, row.price, row.pool, row.supply, row.value, row.cashOutValue]));
  document.getElementById("comparison-table").replaceChildren(
    dataTable(page, "comparison", headers, rows, fill(t.comparisonCaption, { days: format.count(state.scenario.days) })),
    el("p", { class: "note" }, fill(t.methodNote, { method: t.methods[ok[0]?.projection.method] ?? "" })),
    el("p", {}, t.seriesExport), exportButtons(page, "comparison-series", seriesHeaders, seriesRows),
  );
}
