// Sweeps: one parameter over a range in the engine's exact decimal steps, the price after N
// days and the break-even multiple against it, as charts and a table. The limits (how many
// values, how many days) are the engine's, read from `limits()`. Every value is projected in
// the sweep worker (www/workers/sweep.js), with progress and Cancel.

import { el, mark } from "../shared/dom.js";
import { lineChart } from "../shared/chart.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { fill } from "../shared/words.js";
import { field } from "./fields.js";
import { resolveSet } from "./comparison.js";
import { cell, dataTable, figure } from "./tables.js";

const SWEEP_FIELDS = ["poolRate", "grantRate", "payoutRate", "exitMultiple", "ordersPerDay", "orderGrowth", "withdrawRate", "averageOrder"];

let client = null;

export function buildSweepForm(page) {
  const { t, state } = page;
  client = new WorkerClient(new URL("../workers/sweep.js", import.meta.url), { tries: 3 });
  document.getElementById("sweep-cancel").addEventListener("click", () => {
    const status = document.getElementById("sweep-status");
    if (client.cancel()) mark(status, { code: "cancelled" }).textContent = t.sweepCancelled;
    document.getElementById("sweep-cancel").hidden = true;
  });
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

/** The sweep's values the engine gives, or why not, shown in place of the sweep. */
function checkedValues(page) {
  const { t, limits, state } = page;
  try {
    const values = sweepValues(page);
    const { days } = state.sweep;
    if (!Number.isInteger(days) || days < 1 || days > limits.maxDays) throw new Error(fill(t.sweepBadDays, { max: page.readable.maxDays }));
    return values;
  } catch (error) {
    document.getElementById("sweep-table").replaceChildren(el("p", { class: "error", id: "sweep-error", "data-code": error.cause?.code ?? "days" }, error.message));
    return null;
  }
}

/** Projects every value in the sweep worker, with progress and Cancel; a newer sweep cancels this one. */
export async function renderSweep(page) {
  const { t, state } = page;
  client?.cancel();
  const charts = document.getElementById("sweep-charts");
  const tableTarget = document.getElementById("sweep-table");
  const status = document.getElementById("sweep-status");
  const cancel = document.getElementById("sweep-cancel");
  status.textContent = "";
  mark(status, { code: null });
  charts.replaceChildren();
  tableTarget.replaceChildren();
  if (state.configError) {
    tableTarget.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const values = checkedValues(page);
  if (!values) return;
  const { field: name, days } = state.sweep;
  const runs = values.map((value) => {
    const { config, scenario } = resolveSet(page, { [name]: value });
    return { value, config, scenario: { ...scenario, days } };
  });
  cancel.hidden = false;
  mark(status, { code: "sweeping" }).textContent = fill(t.sweeping, { done: 0, of: runs.length });
  try {
    const rows = await client.run("sweep", { runs }, { onProgress: ({ done, of }) => { status.textContent = fill(t.sweeping, { done, of }); } });
    mark(status, { code: null }).textContent = "";
    drawSweep(page, rows);
  } catch (error) {
    if (error === CANCELLED) return;
    status.textContent = page.message(error);
    mark(status, { code: error?.code ?? "unknown" });
  } finally {
    if (!client.busy) cancel.hidden = true;
  }
}

function drawSweep(page, rows) {
  const { t, format, state } = page;
  const { field: name, days } = state.sweep;
  const ok = rows.filter((row) => !row.error);
  const fieldName = t.fields[name];
  const times = (value) => `${format.times(value)}×`;
  document.getElementById("sweep-charts").replaceChildren(
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
  document.getElementById("sweep-table").replaceChildren(dataTable(page, "sweep", headers, tableRows, fill(t.sweepCaption, { field: fieldName, days })));
}
