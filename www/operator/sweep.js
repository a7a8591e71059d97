// Sweeps: one parameter over a range in the engine's exact decimal steps, the price after N
// days and the break-even multiple against it, as charts and a table. The limits (how many
// values, how many days) are the engine's, read from `limits()`.

import { el } from "../shared/dom.js";
import { lineChart } from "../shared/chart.js";
import { fill } from "../shared/words.js";
import { field } from "./fields.js";
import { resolveSet, startingPoint } from "./comparison.js";
import { cell, dataTable, figure } from "./tables.js";

const SWEEP_FIELDS = ["poolRate", "grantRate", "payoutRate", "exitMultiple", "ordersPerDay", "orderGrowth", "withdrawRate", "averageOrder"];

export function buildSweepForm(page) {
  const { t, state } = page;
  const form = document.getElementById("sweep-form");
  const controls = [
    field("sw-field", t.sweepField, state.sweep.field, { options: SWEEP_FIELDS.map((name) => [name, t.fields[name]]) }),
    field("sw-from", t.sweepFrom, state.sweep.from),
    field("sw-to", t.sweepTo, state.sweep.to),
    field("sw-steps", t.sweepSteps, String(state.sweep.steps), { inputmode: "numeric" }),
    field("sw-days", t.sweepDays, String(state.sweep.days), { inputmode: "numeric" }),
  ];
  form.replaceChildren(...controls.map((control) => control.node));
  form.addEventListener("input", () => {
    const value = (id) => document.getElementById(id).value.trim();
    state.sweep = { field: value("sw-field"), from: value("sw-from"), to: value("sw-to"), steps: Number(value("sw-steps")), days: Number(value("sw-days")) };
    renderSweep(page);
    page.updateShareLink();
  });
}

/** The engine's exact steps; its refusal (a bad bound or step count) in the page's language. */
function sweepValues(page) {
  const { from, to, steps } = page.state.sweep;
  try {
    return page.glue.sweepValues(from, to, steps);
  } catch (error) {
    if (error.field === "sweep.steps") throw new Error(fill(page.t.sweepBadSteps, { max: page.readable.maxSweepSteps }), { cause: error });
    throw new Error(page.t.sweepBadRange, { cause: error });
  }
}

export function renderSweep(page) {
  const { t, format, state, limits } = page;
  const charts = document.getElementById("sweep-charts");
  const tableTarget = document.getElementById("sweep-table");
  if (state.configError) {
    charts.replaceChildren();
    tableTarget.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  let values;
  try {
    values = sweepValues(page);
    const { days } = state.sweep;
    if (!Number.isInteger(days) || days < 1 || days > limits.maxDays) throw new Error(fill(t.sweepBadDays, { max: page.readable.maxDays }));
  } catch (error) {
    charts.replaceChildren();
    tableTarget.replaceChildren(el("p", { class: "error", id: "sweep-error", "data-code": error.cause?.code ?? "days" }, error.message));
    return;
  }
  const { field: name, days } = state.sweep;
  const rows = values.map((value) => {
    try {
      const { config, scenario } = resolveSet(page, { [name]: value });
      const start = startingPoint(page, config, scenario.averageOrder);
      const projection = page.glue.project(start.snapshot, { ...scenario, days, points: start.points, spent: start.spent });
      const last = projection.days[days];
      return { value, price: last.price, worth: last.value, breakEvenMultiple: start.view.breakEvenMultiple, breakEvenDay: projection.breakEvenDay };
    } catch (error) {
      return { value, error };
    }
  });
  const ok = rows.filter((row) => !row.error);
  const fieldName = t.fields[name];
  const times = (value) => `${format.times(value)}×`;
  charts.replaceChildren(
    figure(fill(t.sweepPrice, { days }), lineChart({ title: fill(t.sweepPrice, { days }), xLabel: fieldName, dots: true, formatY: format.compact, formatX: format.compact,
      lines: [{ className: "s0", points: ok.map((row) => [row.value, row.price]) }] })),
    figure(t.sweepBreakEven, lineChart({ title: t.sweepBreakEven, xLabel: fieldName, dots: true, formatY: times, formatX: format.compact,
      lines: [{ className: "s1", points: ok.filter((row) => row.breakEvenMultiple !== null).map((row) => [row.value, row.breakEvenMultiple]) }] })),
  );
  const headers = [fieldName, fill(t.sweepPriceColumn, { days }), fill(t.sweepValueColumn, { days }), t.breakEvenMultiple, t.breakEvenDay];
  const tableRows = rows.map((row) => row.error
    ? [row.value, page.message(row.error), "", "", ""]
    : [row.value, cell(format.price(row.price), row.price), cell(format.money(row.worth), row.worth),
      row.breakEvenMultiple === null ? "—" : cell(times(row.breakEvenMultiple), row.breakEvenMultiple),
      row.breakEvenDay === null ? fill(t.notWithin, { days }) : format.count(row.breakEvenDay)]);
  tableTarget.replaceChildren(dataTable(page, "sweep", headers, tableRows, fill(t.sweepCaption, { field: fieldName, days })));
}
