// Where the gain comes from: a seeded population in a worker (www/workers/gains.js), every
// flow summed exactly by the engine from its receipts: later purchases' contribution minus
// grant, others' cash-out cuts, points forfeited at exits; what was paid out; how
// concentrated the points are. Its public snapshot exports for `state-src`.

import { el, svg } from "../shared/dom.js";
import { download } from "../shared/csv.js";
import { CANCELLED, WorkerClient } from "../shared/worker-client.js";
import { fill } from "../shared/words.js";
import { field } from "./fields.js";
import { cell, dataTable } from "./tables.js";

let client = null;

export function buildGainsForm(page) {
  const { t, state } = page;
  client = new WorkerClient(new URL("../workers/gains.js", import.meta.url));
  const form = document.getElementById("gains-form");
  const controls = [
    field("gn-orders", t.gainsOrders, String(state.gains.orders), { inputmode: "numeric" }),
    field("gn-repeatShare", t.gainsRepeat, state.gains.repeatShare),
    field("gn-cashOutChance", t.gainsCashOut, state.gains.cashOutChance),
    field("gn-seed", t.gainsSeed, String(state.gains.seed), { inputmode: "numeric" }),
  ];
  form.replaceChildren(...controls.map((control) => control.node), el("div", { class: "field" }, el("button", { type: "submit", id: "gains-run" }, t.simulate)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (id) => document.getElementById(id).value.trim();
    state.gains = { orders: Number(value("gn-orders")), repeatShare: value("gn-repeatShare"), cashOutChance: value("gn-cashOutChance"), seed: Number(value("gn-seed")) };
    renderGains(page);
    page.updateShareLink();
  });
}

/** Runs the population with progress; a newer run (or new parameters) ends the one under way. */
export async function renderGains(page) {
  const { t, state, limits } = page;
  const target = document.getElementById("gains-result");
  client.cancel();
  if (state.configError) {
    target.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const { orders, repeatShare, cashOutChance, seed } = state.gains;
  const bad = () => target.replaceChildren(el("p", { class: "error", id: "gains-error" }, fill(t.gainsBad, { maxOrders: page.readable.maxPopulationOrders })));
  // The engine checks the options; a whole number is all the page needs before it passes counts on.
  if (!Number.isInteger(orders) || !Number.isInteger(seed)) return bad();
  const days = limits.defaultPopulationDays;
  const bar = el("progress", { max: String(days), value: "0", id: "gains-progress" });
  const status = el("span", { role: "status" }, fill(t.gainsRunning, { day: 0, of: days }));
  target.replaceChildren(el("div", { class: "working" }, bar, status));
  try {
    const result = await client.run("population", { config: state.config, orders, repeatShare, chance: cashOutChance, seed, days }, {
      onProgress: (progress) => {
        bar.value = progress.day;
        status.textContent = fill(t.gainsRunning, progress);
      },
    });
    drawGains(page, target, result);
  } catch (error) {
    if (error === CANCELLED) return;
    if (error.field?.startsWith("population.")) bad();
    else target.replaceChildren(el("p", { class: "error", id: "gains-error", "data-code": error.code }, page.message(error)));
  }
}

function drawGains(page, target, result) {
  const { t, format } = page;
  const { totals, state: poolState } = result;
  const sources = [["surplus", t.fromPurchases], ["cuts", t.fromCuts], ["forfeits", t.fromForfeits]];
  const amounts = sources.map(([name]) => totals[name]);
  const shares = sources.map(([name]) => totals[`${name}Share`]);
  // Bar lengths are pixels: the one place these figures become numbers.
  const largest = Math.max(...amounts.map(Number), 1e-9);
  const width = 320;
  const bars = el("div", { class: "bars", id: "gain-bars" }, ...sources.flatMap(([name, label], index) => {
    const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} 16`, width: String(width), height: "16", "aria-hidden": "true" });
    chart.append(svg("rect", { class: "s0", x: 0, y: 2, height: 12, width: ((width * Number(amounts[index])) / largest).toFixed(1) }));
    return [el("span", {}, label), chart, el("span", { "data-exact": amounts[index], "data-source": name }, `${format.money(amounts[index])} · ${totals.gain !== "0" ? format.percent(shares[index]) : "—"}`)];
  }));
  const fact = (label, id, shown, exact) => [el("dt", {}, label), el("dd", { id, "data-exact": exact }, shown)];
  const facts = el("dl", { class: "facts" },
    ...fact(t.holdersValue, null, format.money(poolState.pool), poolState.pool),
    ...fact(t.contributedTotal, null, format.money(totals.contributed), totals.contributed),
    ...fact(t.grantedTotal, null, format.money(totals.granted), totals.granted),
    ...fact(t.paidTotal, null, format.money(totals.paid), totals.paid),
    ...fact(t.cashOuts, "gains-cash-outs", format.count(result.cashOuts), result.cashOuts),
    ...fact(t.exits, "gains-exits", format.count(result.exits), result.exits),
    ...fact(t.holders, null, fill(t.holdersOf, { holders: format.count(result.holders), joined: format.count(result.joined) }), result.holders),
    ...fact(t.top1, "top-1", format.percent(result.top1), result.top1),
    ...fact(t.top10, "top-10", format.percent(result.top10), result.top10),
  );
  const exportSnapshot = el("button", { type: "button", "data-export": "gains-snapshot" }, t.exportSnapshot);
  exportSnapshot.addEventListener("click", () => download("public-snapshot.json", "application/json", JSON.stringify(result.publicSnapshot, null, 2)));
  const rows = sources.map(([, label], index) => [label, cell(format.money(amounts[index]), amounts[index])]);
  target.replaceChildren(
    el("p", {}, fill(t.gainsSummary, { gain: format.money(totals.gain), pool: format.money(poolState.pool) })),
    bars, facts, dataTable(page, "gains", [t.source, t.amount], rows, t.gainsCaption),
    el("div", { class: "exports" }, exportSnapshot), el("p", { class: "note" }, t.gainsNote),
  );
}
