// The operator's page (www/operator.html): choose parameters knowing their consequences,
// compare scenarios, sweep one parameter, see where holders' gains come from, and audit a
// published ledger. Every figure comes from the exact engine (the same wasm and the same
// helpers as <points-calculator>); this file lays them out and draws them. It runs under
// `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`.

import init, { PointsPool, project, sweepValues as engineSweepValues, version } from "./pkg/points_pool.js";
import { el, svg, fill, toCsv, download } from "./dom.js";
import { text as texts } from "./operator-text.js";

const CONFIG_FIELDS = ["poolRate", "grantRate", "initialPrice", "payoutRate", "redeemRate", "exitMultiple"];
const ROUNDED = ["money", "points", "price"];
const SCENARIO_FIELDS = ["days", "ordersPerDay", "averageOrder", "orderGrowth", "withdrawRate"];
/** What a comparison set may change; an empty cell keeps the base value. */
const SET_FIELDS = ["poolRate", "grantRate", "payoutRate", "exitMultiple", "ordersPerDay", "averageOrder", "orderGrowth", "withdrawRate"];
const SWEEP_FIELDS = ["poolRate", "grantRate", "payoutRate", "exitMultiple", "ordersPerDay", "orderGrowth", "withdrawRate", "averageOrder"];
const STRESS = ["ordersStop", "withdrawalWave", "growthHalves", "negativeGrowth"];
const MAX_SETS = 4;
const MAX_SWEEP_STEPS = 50; // the engine's limit (forecast::sweep)
/** Comparisons and sweeps start where the demo shop is: 100 orders of ¥100 under each set's parameters. */
const SEED_ORDERS = 100;
const SEED_AMOUNT = "100";
const MONTE_CARLO = { runs: 300, seed: 1 };

const params = new URLSearchParams(location.search);
const lang = params.get("lang") === "en" ? "en" : "zh-CN";
const t = texts[lang];
const locale = lang;

const state = {
  config: null,
  scenario: { days: 365, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01" },
  sets: [{ label: "A" }, { label: "B", poolRate: "0.2" }],
  sweep: { field: "poolRate", from: "0.1", to: "0.5", steps: 9, days: 180 },
  gains: { orders: 20000, repeatShare: "0.2", cashOutChance: "0.2", seed: 1 },
};


// ---------------------------------------------------------------- formatting

function money(value) {
  return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(Number(value));
}

function number(value, digits = 4) {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(Number(value));
}

/** Axis labels: short (1.2万 / 12K), so large pools fit beside the chart. */
function compact(value) {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumSignificantDigits: 4 }).format(Number(value));
}

function percent(value, digits = 1) {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: digits }).format(Number(value));
}

/** Every field of `config`, as the engine reads it (a refused config throws its PoolError). */
function fullConfig(config) {
  const pool = new PointsPool(config);
  try {
    return pool.config();
  } finally {
    pool.free();
  }
}

/** An engine error in the page's language, from its `code`, `line`, `field` and `problem`; never its English message. */
function messageFor(error) {
  if (error?.name !== "PoolError") return String(error?.message ?? error);
  const parts = [t.errors[error.code] ?? error.code];
  if (error.line) parts.push(fill(t.atLine, { line: error.line }));
  if (error.problem && error.problem !== error.code) parts.push(t.problems[error.problem] ?? t.errors[error.problem] ?? error.problem);
  if (error.field) parts.push(fill(t.atField, { field: error.field }));
  return parts.join(t.errorJoin);
}

// ---------------------------------------------------------------- page text and share links

function translatePage() {
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t[node.dataset.i18n];
  const link = document.getElementById("language-link");
  const other = new URLSearchParams(location.search);
  other.set("lang", lang === "en" ? "zh-CN" : "en");
  link.textContent = lang === "en" ? "中文" : "English";
  link.hreflang = lang === "en" ? "zh-CN" : "en";
  link.href = `?${other}`;
  document.getElementById("engine-version").textContent = fill(t.engineVersion, { version: version() });
  document.getElementById("comparison-note").textContent = fill(t.comparisonNote, { orders: SEED_ORDERS, amount: money(SEED_AMOUNT) });
  document.getElementById("copy-link").addEventListener("click", async () => {
    const input = document.getElementById("share-link");
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      // Clipboard access may be refused; the selected text is there to copy by hand.
    }
  });
}

function readJsonParam(name) {
  const raw = params.get(name);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Restores the screen from `?config=…&scenario=…&sets=…&sweep=…&gains=…&v=…`. */
function readShareLink() {
  const config = readJsonParam("config");
  if (config && typeof config === "object") {
    try {
      state.config = fullConfig(config);
    } catch {
      // Shown in the form as typed; readConfigForm() marks the field the engine names.
      state.config = { ...state.config, ...config };
    }
  }
  const scenario = readJsonParam("scenario");
  if (scenario && typeof scenario === "object") state.scenario = { ...state.scenario, ...scenario };
  const sets = readJsonParam("sets");
  if (Array.isArray(sets) && sets.length >= 1 && sets.length <= MAX_SETS) state.sets = sets.map((set) => ({ ...set }));
  const sweep = readJsonParam("sweep");
  if (sweep && typeof sweep === "object") state.sweep = { ...state.sweep, ...sweep };
  const gains = readJsonParam("gains");
  if (gains && typeof gains === "object") state.gains = { ...state.gains, ...gains };
  const linked = params.get("v");
  if (linked && linked !== version()) {
    const note = document.getElementById("version-note");
    note.textContent = fill(t.versionMismatch, { linked, current: version() });
    note.hidden = false;
  }
}

function updateShareLink() {
  const query = new URLSearchParams();
  query.set("config", JSON.stringify(state.config));
  query.set("scenario", JSON.stringify(state.scenario));
  query.set("sets", JSON.stringify(state.sets));
  query.set("sweep", JSON.stringify(state.sweep));
  query.set("gains", JSON.stringify(state.gains));
  query.set("lang", lang);
  query.set("v", version());
  const url = new URL(location.href);
  url.search = query.toString();
  document.getElementById("share-link").value = url.toString();
  // The address bar is the share link too: reloading or bookmarking keeps the screen.
  history.replaceState(null, "", url);
}

// ---------------------------------------------------------------- forms

/** A labelled input whose engine error shows under it. */
function field(id, label, value, { type = "text", options = null, inputmode = "decimal" } = {}) {
  const control = options
    ? el("select", { id, name: id }, ...options.map(([optionValue, optionLabel]) => el("option", { value: optionValue }, optionLabel)))
    : el("input", { id, name: id, type, inputmode, autocomplete: "off", spellcheck: "false" });
  control.value = value ?? "";
  const error = el("div", { class: "field-error", id: `${id}-error`, "aria-live": "polite" });
  control.setAttribute("aria-describedby", error.id);
  return { node: el("div", { class: "field" }, el("label", { for: id }, label), control, error), control, error };
}

function buildConfigForm() {
  const form = document.getElementById("config-form");
  const controls = [];
  for (const name of CONFIG_FIELDS) {
    const value = name === "exitMultiple" && state.config.exitMultiple === null ? "" : state.config[name];
    const built = field(`cfg-${name}`, t.fields[name], value);
    if (name === "exitMultiple") built.control.placeholder = t.noCap;
    controls.push(built);
  }
  const modes = [["down", t.modes.down], ["halfUp", t.modes.halfUp], ["halfEven", t.modes.halfEven]];
  for (const rule of ROUNDED) {
    const current = state.config.rounding?.[rule] ?? null;
    const scale = field(`cfg-rounding-${rule}-scale`, fill(t.roundingScale, { rule: t.rounded[rule] }), current ? String(current.scale) : "", { inputmode: "numeric" });
    scale.control.placeholder = t.exact;
    const mode = field(`cfg-rounding-${rule}-mode`, fill(t.roundingMode, { rule: t.rounded[rule] }), current?.mode ?? "down", { options: modes });
    controls.push(scale, mode);
  }
  form.replaceChildren(...controls.map((control) => control.node));
  form.addEventListener("input", () => {
    readConfigForm();
    renderAll();
  });
}

/** Reads the form into a Config as the engine takes it (decimals stay strings). */
function configFromForm() {
  const value = (id) => document.getElementById(id).value.trim();
  const config = {};
  for (const name of CONFIG_FIELDS) config[name] = value(`cfg-${name}`);
  if (config.exitMultiple === "" || /^(none|null)$/i.test(config.exitMultiple)) config.exitMultiple = null;
  const rounding = {};
  for (const rule of ROUNDED) {
    const scale = value(`cfg-rounding-${rule}-scale`);
    if (scale === "") continue;
    rounding[rule] = { scale: /^\d+$/.test(scale) ? Number(scale) : scale, mode: value(`cfg-rounding-${rule}-mode`) };
  }
  config.rounding = Object.keys(rounding).length ? rounding : null;
  return config;
}

/** Validates with the engine: a refused field is marked and its message shown under it. */
function readConfigForm() {
  for (const node of document.querySelectorAll("#config-form [aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const node of document.querySelectorAll("#config-form .field-error")) node.textContent = "";
  const config = configFromForm();
  try {
    state.config = fullConfig(config);
    state.configError = null;
  } catch (error) {
    state.configError = error;
    // The engine names the field (`rounding.money.mode`); the message is never parsed.
    const [head, rule, part] = (error.field ?? "poolRate").split(".");
    const id = head === "rounding" && rule ? `cfg-rounding-${rule}-${part === "mode" ? "mode" : "scale"}` : `cfg-${head}`;
    const control = document.getElementById(id) ?? document.getElementById("cfg-poolRate");
    control.setAttribute("aria-invalid", "true");
    document.getElementById(`${control.id}-error`).textContent = messageFor(error);
  }
}

function buildScenarioForm() {
  const form = document.getElementById("scenario-form");
  const controls = SCENARIO_FIELDS.map((name) => field(`sc-${name}`, t.fields[name], String(state.scenario[name]), { inputmode: name === "days" ? "numeric" : "decimal" }));
  form.replaceChildren(...controls.map((control) => control.node));
  form.addEventListener("input", () => {
    for (const name of SCENARIO_FIELDS) {
      const value = document.getElementById(`sc-${name}`).value.trim();
      state.scenario[name] = name === "days" ? Number(value) : value;
    }
    renderComparison();
    updateShareLink();
  });
  document.getElementById("add-set").addEventListener("click", () => {
    if (state.sets.length >= MAX_SETS) return;
    state.sets.push({ label: String.fromCharCode(65 + state.sets.length) });
    renderComparison();
    updateShareLink();
  });
  document.getElementById("monte-carlo").addEventListener("change", () => renderComparison());
  document.getElementById("comparison-cancel").addEventListener("click", () => {
    stopComparisonMonteCarlo();
    document.getElementById("comparison-status").textContent = t.simulationCancelled;
  });
}

function buildSweepForm() {
  const form = document.getElementById("sweep-form");
  const fieldOptions = SWEEP_FIELDS.map((name) => [name, t.fields[name]]);
  const controls = [
    field("sw-field", t.sweepField, state.sweep.field, { options: fieldOptions }),
    field("sw-from", t.sweepFrom, state.sweep.from),
    field("sw-to", t.sweepTo, state.sweep.to),
    field("sw-steps", t.sweepSteps, String(state.sweep.steps), { inputmode: "numeric" }),
    field("sw-days", t.sweepDays, String(state.sweep.days), { inputmode: "numeric" }),
  ];
  form.replaceChildren(...controls.map((control) => control.node));
  form.addEventListener("input", () => {
    state.sweep = {
      field: document.getElementById("sw-field").value,
      from: document.getElementById("sw-from").value.trim(),
      to: document.getElementById("sw-to").value.trim(),
      steps: Number(document.getElementById("sw-steps").value),
      days: Number(document.getElementById("sw-days").value),
    };
    renderSweep();
    updateShareLink();
  });
}

function buildGainsForm() {
  const form = document.getElementById("gains-form");
  const controls = [
    field("gn-orders", t.gainsOrders, String(state.gains.orders), { inputmode: "numeric" }),
    field("gn-repeatShare", t.gainsRepeat, state.gains.repeatShare),
    field("gn-cashOutChance", t.gainsCashOut, state.gains.cashOutChance),
    field("gn-seed", t.gainsSeed, String(state.gains.seed), { inputmode: "numeric" }),
  ];
  const run = el("button", { type: "submit", id: "gains-run" }, t.simulate);
  form.replaceChildren(...controls.map((control) => control.node), el("div", { class: "field" }, run));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.gains = {
      orders: Number(document.getElementById("gn-orders").value),
      repeatShare: document.getElementById("gn-repeatShare").value.trim(),
      cashOutChance: document.getElementById("gn-cashOutChance").value.trim(),
      seed: Number(document.getElementById("gn-seed").value),
    };
    renderGains();
    updateShareLink();
  });
}

// ---------------------------------------------------------------- rendering

function renderAll() {
  renderExamples();
  renderComparison();
  renderSweep();
  renderGains();
  updateShareLink();
}

/** docs/model.md §6 under the current parameters: A to D buy ¥100 each, then 96 more orders. */
function renderExamples() {
  const target = document.getElementById("examples");
  if (state.configError) {
    target.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const pool = new PointsPool(state.config);
  try {
    const rows = ["A", "B", "C", "D"].map((member) => {
      const receipt = pool.purchase(member, SEED_AMOUNT);
      return [member, receipt.pointsGranted, receipt.supply, receipt.priceAfter];
    });
    for (let n = 5; n <= SEED_ORDERS; n += 1) pool.purchase(`m${n}`, SEED_AMOUNT);
    const a = pool.member("A");
    const price = pool.state().price;
    const table = dataTable("examples", [t.member, t.pointsGranted, t.supplyAfter, t.priceAfter], rows.map(([member, points, supply, priceAfter]) => [
      member, cell(number(points, 6), points), cell(number(supply, 6), supply), cell(number(priceAfter, 4), priceAfter),
    ]), t.examplesCaption);
    const facts = el("dl", { class: "facts" },
      el("dt", {}, fill(t.priceAfterN, { n: SEED_ORDERS })), el("dd", { id: "example-price", "data-exact": price }, number(price, 4)),
      el("dt", {}, t.aValue), el("dd", { id: "example-a-value", "data-exact": a.value }, money(a.value)),
      el("dt", {}, t.aCashOut), el("dd", { id: "example-a-cash-out", "data-exact": a.cashOutValue }, money(a.cashOutValue)),
      el("dt", {}, t.aCapLeft), el("dd", {}, a.capLeft === null ? t.noCap : money(a.capLeft)),
    );
    target.replaceChildren(table, facts, firstExample());
  } finally {
    pool.free();
  }
}

/** The seed's first example (A ¥100, B ¥100, C ¥300), which the seed computed with rounding. */
function firstExample() {
  const pool = new PointsPool(state.config);
  try {
    const rows = [["A", "100"], ["B", "100"], ["C", "300"]].map(([member, amount]) => {
      const receipt = pool.purchase(member, amount);
      return [member, money(amount), cell(number(receipt.pointsGranted, 6), receipt.pointsGranted),
        cell(number(receipt.supply, 6), receipt.supply), cell(number(receipt.priceAfter, 6), receipt.priceAfter)];
    });
    const seedRounding = el("button", { type: "button", id: "seed-rounding" }, t.seedRounding);
    seedRounding.addEventListener("click", () => {
      for (const rule of ["price", "points"]) {
        document.getElementById(`cfg-rounding-${rule}-scale`).value = "2";
        document.getElementById(`cfg-rounding-${rule}-mode`).value = "down";
      }
      readConfigForm();
      renderAll();
    });
    return el("div", {},
      dataTable("first-example", [t.member, t.amount, t.pointsGranted, t.supplyAfter, t.priceAfter], rows, t.firstExampleCaption),
      el("p", { class: "note" }, t.firstExampleNote), seedRounding);
  } finally {
    pool.free();
  }
}

/** A `<td>` that shows `shown` and keeps the engine's exact string for tests and exports. */
function cell(shown, exact) {
  return { shown, exact };
}

/**
 * A table with CSV and JSON export buttons. Cells are strings or `cell()`s; exports
 * carry the exact strings.
 */
function dataTable(name, headers, rows, caption) {
  const table = el("table", { "data-table": name },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, ...headers.map((header) => el("th", { scope: "col" }, header)))),
    el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map((value) => {
      if (value && typeof value === "object") return el("td", { "data-exact": value.exact }, value.shown);
      return el("td", {}, value);
    })))),
  );
  const plain = rows.map((row) => row.map((value) => (value && typeof value === "object" ? value.exact : value)));
  return el("div", { class: "table-wrap" }, table, exportButtons(name, headers, plain));
}

function exportButtons(name, headers, rows) {
  const csv = el("button", { type: "button", "data-export": `${name}-csv` }, t.exportCsv);
  const json = el("button", { type: "button", "data-export": `${name}-json` }, t.exportJson);
  csv.addEventListener("click", () => download(`${name}.csv`, "text/csv", toCsv(headers, rows)));
  json.addEventListener("click", () => download(`${name}.json`, "application/json",
    JSON.stringify(rows.map((row) => Object.fromEntries(headers.map((header, index) => [header, row[index]]))), null, 2)));
  return el("div", { class: "exports" }, csv, json);
}

// ---------------------------------------------------------------- charts

/**
 * A line chart: `lines` are `{ className, points: [[x, y], …] }`, `bands` the same with
 * `low` and `high` points. Numbers become pixels only here.
 */
function lineChart({ title, lines: given, bands: givenBands = [], xLabel, format = compact, dots = false }) {
  // Points arrive as the engine's decimal strings (or day numbers); here, and only here, they become pixels.
  const pixels = (points) => points.map(([x, y]) => [Number(x), Number(y)]);
  const lines = given.map((line) => ({ ...line, points: pixels(line.points) }));
  const bands = givenBands.map((band) => ({ ...band, high: pixels(band.high), low: pixels(band.low) }));
  const [width, height, left, right, top, bottom] = [560, 240, 70, 12, 12, 36];
  const xs = lines.flatMap((line) => line.points.map(([x]) => x));
  const ys = [...lines.flatMap((line) => line.points.map(([, y]) => y)), ...bands.flatMap((band) => band.high.map(([, y]) => y))].filter(Number.isFinite);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...ys, 0) * 1.05 || 1;
  const yMin = Math.min(0, ...ys);
  const x = (value) => left + ((width - left - right) * (value - xMin)) / (xMax - xMin || 1);
  const y = (value) => top + (height - top - bottom) * (1 - (value - yMin) / (yMax - yMin || 1));
  const label = (content, attributes) => {
    const node = svg("text", attributes);
    node.textContent = content;
    return node;
  };
  const children = [
    svg("line", { class: "axis", x1: left, y1: y(yMin), x2: width - right, y2: y(yMin) }),
    svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: y(yMin) }),
    label(format(yMax), { x: left - 4, y: top + 10, "text-anchor": "end" }),
    label(format(yMin), { x: left - 4, y: y(yMin), "text-anchor": "end" }),
    label(number(xMin, 4), { x: left, y: height - 20, "text-anchor": "start" }),
    label(number(xMax, 4), { x: width - right, y: height - 20, "text-anchor": "end" }),
    label(xLabel, { x: (left + width - right) / 2, y: height - 4, "text-anchor": "middle" }),
  ];
  const path = (points) => points.filter(([, value]) => Number.isFinite(value)).map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`);
  for (const band of bands) {
    children.push(svg("polygon", { class: `band ${band.className}`, points: [...path(band.high), ...path(band.low).reverse()].join(" ") }));
  }
  for (const line of lines) {
    children.push(svg("polyline", { class: `line ${line.className}`, points: path(line.points).join(" ") }));
    if (dots) for (const [px, py] of line.points.filter(([, value]) => Number.isFinite(value))) children.push(svg("circle", { class: `dot ${line.className}`, cx: x(px).toFixed(1), cy: y(py).toFixed(1), r: 3 }));
  }
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
  chart.append(...children);
  return el("figure", {}, el("figcaption", {}, title), chart);
}

function legend(items) {
  return el("ul", { class: "legend" }, ...items.map(([className, label]) => el("li", {}, el("span", { class: `swatch ${className}` }), label)));
}

// ---------------------------------------------------------------- comparison

/** The set's parameters and scenario: the base with the set's non-empty cells on top. */
function resolveSet(set) {
  const config = { ...state.config };
  const scenario = { ...state.scenario };
  for (const name of SET_FIELDS) {
    const value = set[name];
    if (value === undefined || value === "") continue;
    if (name in config) config[name] = name === "exitMultiple" && /^(none|null)$/i.test(value) ? null : value;
    else scenario[name] = value;
  }
  return { config, scenario };
}

/** The seed's state under `config` and a typical member who buys one average order now. */
function startingPoint(config, averageOrder) {
  const pool = new PointsPool(config);
  try {
    for (let n = 1; n <= SEED_ORDERS; n += 1) pool.purchase(`m${n}`, SEED_AMOUNT);
    const receipt = pool.purchase("typical", averageOrder);
    const view = pool.member("typical");
    return { snapshot: pool.publicSnapshot(), points: receipt.pointsGranted, spent: averageOrder, view };
  } finally {
    pool.free();
  }
}

function renderSetEditor() {
  const header = el("tr", {}, el("th", { scope: "col" }, t.set), ...state.sets.map((set, index) => {
    const remove = el("button", { type: "button", "data-remove-set": String(index), "aria-label": fill(t.removeSet, { label: set.label }) }, "×");
    remove.disabled = state.sets.length <= 2;
    remove.addEventListener("click", () => {
      state.sets.splice(index, 1);
      renderComparison();
      updateShareLink();
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
      renderComparison();
      updateShareLink();
    });
    return el("td", {}, input);
  })));
  document.getElementById("sets").replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "set-grid" }, el("thead", {}, header), el("tbody", {}, ...rows))));
  document.getElementById("add-set").disabled = state.sets.length >= MAX_SETS;
}

let comparisonWorker = null;
let comparisonJob = 0;

function renderComparison() {
  stopComparisonMonteCarlo();
  renderSetEditor();
  const charts = document.getElementById("comparison-charts");
  const tableTarget = document.getElementById("comparison-table");
  const status = document.getElementById("comparison-status");
  status.textContent = "";
  if (state.configError) {
    charts.replaceChildren();
    tableTarget.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  // The projections run in the projection worker: a rounded pool is projected order by order,
  // which at 20,000 orders a day would hold the page for seconds.
  const results = [];
  for (const [index, set] of state.sets.entries()) {
    try {
      const { config, scenario } = resolveSet(set);
      const start = startingPoint(config, scenario.averageOrder);
      results.push({ index, set, start, stated: { ...scenario, points: start.points, spent: start.spent } });
    } catch (error) {
      results.push({ index, set, error });
    }
  }
  state.comparison = results;
  const pending = results.filter((result) => !result.error);
  if (pending.length === 0) {
    drawComparison(results, null);
    return;
  }
  const cancel = document.getElementById("comparison-cancel");
  cancel.hidden = false;
  comparisonWorker = new Worker(new URL("./projection-worker.js", import.meta.url), { type: "module" });
  const job = ++comparisonJob;
  let next = 0;
  const ask = () => {
    status.textContent = fill(t.projecting, { done: next, of: pending.length });
    const { stated, start } = pending[next];
    const scenarios = [["stated", stated], ...STRESS.map((stress) => [stress, { ...stated, stress }])];
    comparisonWorker.postMessage({ id: job, snapshot: start.snapshot, scenarios });
  };
  comparisonWorker.onmessage = ({ data }) => {
    if (data.id !== job || data.done !== undefined) return;
    const result = pending[next];
    if (data.error) {
      result.error = data.error;
    } else {
      const projection = data.results.stated;
      Object.assign(result, {
        days: projection.days, breakEvenDay: projection.breakEvenDay, method: projection.method,
        stressed: Object.fromEntries(STRESS.map((stress) => [stress, data.results[stress].days])),
      });
    }
    next += 1;
    if (next < pending.length) {
      ask();
      return;
    }
    stopComparisonMonteCarlo();
    status.textContent = "";
    drawComparison(results, null);
    if (document.getElementById("monte-carlo").checked) runComparisonMonteCarlo(results);
  };
  ask();
}

function drawComparison(results, bands) {
  // A set whose projection was cancelled has no days yet: it is left out.
  const ok = results.filter((result) => !result.error && result.days);
  const metrics = [["price", t.price], ["pool", t.pool], ["supply", t.supply], ["value", t.memberValue]];
  const charts = metrics.map(([key, title]) => lineChart({
    title,
    xLabel: t.day,
    lines: ok.map((result) => ({ className: `s${result.index}`, points: result.days.map((row) => [row.day, row[key]]) })),
    bands: key === "value" && bands ? ok.filter((result) => bands[result.index]).map((result) => ({
      className: `s${result.index}`,
      high: bands[result.index].days.map((row) => [row.day, row.value.p90]),
      low: bands[result.index].days.map((row) => [row.day, row.value.p10]),
    })) : [],
  }));
  const items = results.map((result) => [`s${result.index}`, result.error ? `${result.set.label}: ${messageFor(result.error)}` : result.set.label]);
  document.getElementById("comparison-charts").replaceChildren(legend(items), el("div", { class: "charts" }, ...charts));

  const headers = [t.set, t.dayN, t.price, t.pool, t.supply, t.memberPoints, t.memberValue, t.cashOutValue, t.breakEvenDay,
    ...STRESS.map((stress) => fill(t.stressValue, { stress: t.stress[stress] })),
    ...(bands ? [t.bandP10, t.bandP50, t.bandP90, t.reachesSpent] : [])];
  const rows = ok.map((result) => {
    const last = result.days[result.days.length - 1];
    const band = bands?.[result.index];
    const bandLast = band?.days[band.days.length - 1]?.value;
    return [
      result.set.label, String(last.day), cell(number(last.price, 4), last.price), cell(money(last.pool), last.pool), cell(number(last.supply, 2), last.supply),
      cell(number(result.start.points, 6), result.start.points), cell(money(last.value), last.value), cell(money(last.cashOutValue), last.cashOutValue),
      result.breakEvenDay === null ? t.never : String(result.breakEvenDay),
      ...STRESS.map((stress) => {
        const row = result.stressed[stress][result.stressed[stress].length - 1];
        return cell(money(row.value), row.value);
      }),
      ...(bands ? (bandLast ? [cell(money(bandLast.p10), bandLast.p10), cell(money(bandLast.p50), bandLast.p50), cell(money(bandLast.p90), bandLast.p90),
        band.reachesSpent === null ? "—" : cell(percent(band.reachesSpent), band.reachesSpent)] : ["—", "—", "—", "—"]) : []),
    ];
  });
  const seriesHeaders = ["set", "day", "price", "pool", "supply", "value", "cashOutValue"];
  const seriesRows = ok.flatMap((result) => result.days.map((row) => [result.set.label, row.day, row.price, row.pool, row.supply, row.value, row.cashOutValue]));
  const method = t.methods[ok[0]?.method] ?? "";
  document.getElementById("comparison-table").replaceChildren(
    dataTable("comparison", headers, rows, fill(t.comparisonCaption, { days: state.scenario.days })),
    el("p", { class: "note" }, fill(t.methodNote, { method })),
    el("p", {}, t.seriesExport), exportButtons("comparison-series", seriesHeaders, seriesRows),
  );
}

/** Ends a running Monte Carlo: its worker goes, and a late answer is ignored. */
function stopComparisonMonteCarlo() {
  comparisonWorker?.terminate();
  comparisonWorker = null;
  comparisonJob += 1;
  document.getElementById("comparison-cancel").hidden = true;
}

/** Monte Carlo bands for each set, in the projection worker so the page stays responsive. */
function runComparisonMonteCarlo(results) {
  const status = document.getElementById("comparison-status");
  const cancel = document.getElementById("comparison-cancel");
  cancel.hidden = false;
  comparisonWorker = new Worker(new URL("./projection-worker.js", import.meta.url), { type: "module" });
  const job = ++comparisonJob;
  const pending = results.filter((result) => !result.error);
  const bands = {};
  let next = 0;
  const ask = () => {
    const result = pending[next];
    status.textContent = fill(t.simulating, { done: next, of: pending.length });
    comparisonWorker.postMessage({ id: job, snapshot: result.start.snapshot, scenarios: [], monteCarlo: { scenario: result.stated, options: MONTE_CARLO } });
  };
  comparisonWorker.onmessage = ({ data }) => {
    if (data.id !== job || data.done !== undefined) return;
    if (data.error) {
      stopComparisonMonteCarlo();
      status.textContent = messageFor(data.error);
      return;
    }
    bands[pending[next].index] = data.band;
    next += 1;
    if (next < pending.length) {
      ask();
    } else {
      stopComparisonMonteCarlo();
      status.textContent = fill(t.simulated, { runs: MONTE_CARLO.runs, seed: MONTE_CARLO.seed });
      drawComparison(state.comparison, bands);
    }
  };
  if (pending.length) ask();
}

// ---------------------------------------------------------------- sweep

/** The engine's exact steps; its refusal (a bad bound or step count) is shown in the page's language. */
function sweepValues() {
  const { from, to, steps } = state.sweep;
  try {
    return engineSweepValues(from, to, steps);
  } catch (error) {
    if (error.field === "sweep.steps") throw new Error(fill(t.sweepBadSteps, { max: MAX_SWEEP_STEPS }), { cause: error });
    throw new Error(t.sweepBadRange, { cause: error });
  }
}

function renderSweep() {
  const charts = document.getElementById("sweep-charts");
  const tableTarget = document.getElementById("sweep-table");
  if (state.configError) {
    charts.replaceChildren();
    tableTarget.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  let values;
  try {
    values = sweepValues();
    if (!Number.isInteger(state.sweep.days) || state.sweep.days < 1 || state.sweep.days > 3650) throw new Error(t.sweepBadDays);
  } catch (error) {
    charts.replaceChildren();
    tableTarget.replaceChildren(el("p", { class: "error", id: "sweep-error" }, error.message));
    return;
  }
  const { field: name, days } = state.sweep;
  const rows = values.map((value) => {
    try {
      const { config, scenario } = resolveSet({ [name]: value });
      const start = startingPoint(config, scenario.averageOrder);
      const projection = project(start.snapshot, { ...scenario, days, points: start.points, spent: start.spent });
      const last = projection.days[days];
      return { value, price: last.price, value_: last.value, breakEvenMultiple: start.view.breakEvenMultiple, breakEvenDay: projection.breakEvenDay };
    } catch (error) {
      return { value, error };
    }
  });
  const ok = rows.filter((row) => !row.error);
  const fieldName = t.fields[name];
  charts.replaceChildren(
    lineChart({ title: fill(t.sweepPrice, { days }), xLabel: fieldName, dots: true, lines: [{ className: "s0", points: ok.map((row) => [row.value, row.price]) }] }),
    lineChart({ title: t.sweepBreakEven, xLabel: fieldName, dots: true, format: (y) => `${compact(y)}×`, lines: [{ className: "s1", points: ok.filter((row) => row.breakEvenMultiple !== null).map((row) => [row.value, row.breakEvenMultiple]) }] }),
  );
  const headers = [fieldName, fill(t.sweepPriceColumn, { days }), fill(t.sweepValueColumn, { days }), t.breakEvenMultiple, t.breakEvenDay];
  const tableRows = rows.map((row) => row.error
    ? [row.value, messageFor(row.error), "", "", ""]
    : [row.value, cell(number(row.price, 4), row.price), cell(money(row.value_), row.value_),
      row.breakEvenMultiple === null ? "—" : cell(`${number(row.breakEvenMultiple, 2)}×`, row.breakEvenMultiple),
      row.breakEvenDay === null ? fill(t.notWithin, { days }) : String(row.breakEvenDay)]);
  tableTarget.replaceChildren(dataTable("sweep", headers, tableRows, fill(t.sweepCaption, { field: fieldName, days })));
}

// ---------------------------------------------------------------- where the gain comes from

let gainsWorker = null;

/** Runs the population in its worker (www/gains-worker.js says how it behaves) with progress. */
function renderGains() {
  const target = document.getElementById("gains-result");
  gainsWorker?.terminate();
  gainsWorker = null;
  if (state.configError) {
    target.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const { orders, repeatShare, cashOutChance, seed } = state.gains;
  // The engine checks the options (population.orders, .repeatShare, .chance, .seed); a whole
  // number is all the page needs before it can pass counts on.
  if (!Number.isInteger(orders) || !Number.isInteger(seed)) {
    target.replaceChildren(el("p", { class: "error", id: "gains-error" }, t.gainsBad));
    return;
  }
  const bar = el("progress", { max: "100", value: "0", id: "gains-progress" });
  const status = el("span", { role: "status" }, fill(t.gainsRunning, { day: 0, of: 100 }));
  target.replaceChildren(el("div", { class: "working" }, bar, status));
  gainsWorker = new Worker(new URL("./gains-worker.js", import.meta.url), { type: "module" });
  gainsWorker.onmessage = ({ data }) => {
    if (data.progress) {
      bar.value = data.progress.day;
      status.textContent = fill(t.gainsRunning, data.progress);
      return;
    }
    gainsWorker.terminate();
    gainsWorker = null;
    if (data.error) target.replaceChildren(el("p", { class: "error", id: "gains-error" }, data.error.field?.startsWith("population.") ? t.gainsBad : messageFor(data.error)));
    else drawGains(target, data.result);
  };
  gainsWorker.postMessage({ config: state.config, orders, repeatShare, chance: cashOutChance, seed });
}

function drawGains(target, result) {
  const { totals, state: poolState } = result;
  const sources = [["surplus", t.fromPurchases], ["cuts", t.fromCuts], ["forfeits", t.fromForfeits]];
  const amounts = sources.map(([name]) => totals[name]);
  const shares = sources.map(([name]) => totals[`${name}Share`]);
  const gain = totals.gain;
  const largest = Math.max(...amounts.map(Number), 1e-9); // pixels only
  const barWidth = 320;
  const bars = el("div", { class: "bars", id: "gain-bars" }, ...sources.flatMap(([name, label], index) => {
    const chart = svg("svg", { class: "chart", viewBox: `0 0 ${barWidth} 16`, width: String(barWidth), height: "16", "aria-hidden": "true" });
    chart.append(svg("rect", { class: "s0", x: 0, y: 2, height: 12, width: ((barWidth * Number(amounts[index])) / largest).toFixed(1) }));
    return [el("span", {}, label), chart, el("span", { "data-exact": amounts[index], "data-source": name }, `${money(amounts[index])} · ${gain !== "0" ? percent(shares[index]) : "—"}`)];
  }));
  const facts = el("dl", { class: "facts" },
    el("dt", {}, t.holdersValue), el("dd", { "data-exact": poolState.pool }, money(poolState.pool)),
    el("dt", {}, t.contributedTotal), el("dd", { "data-exact": totals.contributed }, money(totals.contributed)),
    el("dt", {}, t.grantedTotal), el("dd", { "data-exact": totals.granted }, money(totals.granted)),
    el("dt", {}, t.paidTotal), el("dd", { "data-exact": totals.paid }, money(totals.paid)),
    el("dt", {}, t.cashOuts), el("dd", { id: "gains-cash-outs" }, String(result.cashOuts)),
    el("dt", {}, t.exits), el("dd", { id: "gains-exits" }, String(result.exits)),
    el("dt", {}, t.holders), el("dd", {}, fill(t.holdersOf, { holders: result.holders, joined: result.joined })),
    el("dt", {}, t.top1), el("dd", { id: "top-1" }, percent(result.top1)),
    el("dt", {}, t.top10), el("dd", { id: "top-10" }, percent(result.top10)),
  );
  const exportSnapshot = el("button", { type: "button", "data-export": "gains-snapshot" }, t.exportSnapshot);
  exportSnapshot.addEventListener("click", () => download("public-snapshot.json", "application/json", JSON.stringify(result.publicSnapshot, null, 2)));
  const rows = sources.map(([, label], index) => [label, cell(money(amounts[index]), amounts[index])]);
  target.replaceChildren(
    el("p", {}, fill(t.gainsSummary, { gain: money(gain), pool: money(poolState.pool) })),
    bars, facts,
    dataTable("gains", [t.source, t.amount], rows, t.gainsCaption),
    el("div", { class: "exports" }, exportSnapshot),
    el("p", { class: "note" }, t.gainsNote),
  );
}

// ---------------------------------------------------------------- ledger audit

let auditWorker = null;

function setUpAudit() {
  const input = document.getElementById("ledger-file");
  const zone = document.getElementById("drop-zone");
  input.addEventListener("change", () => {
    if (input.files?.[0]) startAudit(input.files[0]);
  });
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    const file = event.dataTransfer?.files?.[0];
    if (file) startAudit(file);
  });
  const start = document.getElementById("start-snapshot");
  start.addEventListener("change", async () => {
    const status = document.getElementById("start-snapshot-status");
    state.auditStart = null;
    const file = start.files?.[0];
    if (!file) {
      status.textContent = "";
      return;
    }
    try {
      const text = await file.text();
      const pool = PointsPool.fromSnapshot(text);
      const { pool: poolCny, supply, orders } = pool.state();
      pool.free();
      state.auditStart = text;
      status.className = "";
      status.textContent = fill(t.startFrom, { pool: money(poolCny), supply: number(supply, 4), orders });
    } catch (error) {
      status.className = "error";
      status.textContent = messageFor(error);
    }
  });
  document.getElementById("audit-cancel").addEventListener("click", () => {
    auditWorker?.terminate();
    auditWorker = null;
    document.getElementById("audit-cancel").hidden = true;
    document.getElementById("audit-status").textContent = t.auditCancelled;
  });
}

function startAudit(file) {
  const result = document.getElementById("audit-result");
  result.replaceChildren();
  if (state.configError) {
    result.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  auditWorker?.terminate();
  auditWorker = new Worker(new URL("./audit-worker.js", import.meta.url), { type: "module" });
  const progress = document.getElementById("audit-progress");
  const bar = document.getElementById("audit-bar");
  const status = document.getElementById("audit-status");
  progress.hidden = false;
  bar.hidden = false;
  document.getElementById("audit-cancel").hidden = false;
  bar.max = Math.max(file.size, 1);
  bar.value = 0;
  status.textContent = fill(t.auditReading, { name: file.name });
  const started = performance.now();
  auditWorker.onmessage = ({ data }) => {
    if (data.progress) {
      bar.value = data.progress.bytes;
      status.textContent = fill(t.auditProgress, { rows: data.progress.report.receipts.toLocaleString(locale), percent: percent(data.progress.bytes / bar.max, 0), mismatches: data.progress.report.mismatches });
      return;
    }
    document.getElementById("audit-cancel").hidden = true;
    auditWorker.terminate();
    auditWorker = null;
    if (data.error) {
      status.textContent = t.auditFailed;
      result.replaceChildren(el("p", { class: "error", id: "audit-error", "data-code": data.error.code ?? "" }, messageFor(data.error)));
      return;
    }
    bar.value = bar.max;
    const seconds = (performance.now() - started) / 1000;
    status.textContent = fill(t.auditDone, { seconds: number(seconds, 2) });
    drawAudit(result, data, file.name, seconds);
  };
  auditWorker.postMessage({ file, config: state.config, snapshot: state.auditStart ?? null });
}

/** Mismatches shown on the page; every listed one (up to 10,000) goes in the CSV export. */
const MISMATCH_ROWS_SHOWN = 100;

function drawAudit(target, { report, state: poolState, publicSnapshot, memoryBytes }, name, seconds) {
  const first = report.firstMismatch;
  const verdict = report.mismatches === 0
    ? el("p", { class: "ok", id: "audit-verdict" }, fill(t.auditClean, { checked: report.checked.toLocaleString(locale) }))
    : el("p", { class: "mismatch", id: "audit-verdict" }, fill(t.auditMismatches, { mismatches: report.mismatches.toLocaleString(locale), checked: report.checked.toLocaleString(locale) }));
  const facts = el("dl", { class: "facts", id: "audit-report", "data-report": JSON.stringify(report) },
    el("dt", {}, t.auditFile), el("dd", {}, name),
    el("dt", {}, t.receipts), el("dd", { id: "audit-receipts" }, report.receipts.toLocaleString(locale)),
    el("dt", {}, t.checked), el("dd", { id: "audit-checked" }, report.checked.toLocaleString(locale)),
    el("dt", {}, t.mismatches), el("dd", { id: "audit-mismatches" }, report.mismatches.toLocaleString(locale)),
    el("dt", {}, t.firstMismatch), el("dd", { id: "audit-first" }, first ? fill(t.firstMismatchText, first) : "—"),
    el("dt", {}, t.rate), el("dd", {}, fill(t.rowsPerSecond, { rows: Math.round(report.receipts / Math.max(seconds, 1e-3)).toLocaleString(locale) })),
    el("dt", {}, t.memory), el("dd", { id: "audit-memory", "data-bytes": String(memoryBytes) }, `${number(memoryBytes / 2 ** 20, 1)} MB`),
  );
  const final = dataTable("audit-state", [t.pool, t.supply, t.price, t.orders, t.contributedTotal, t.paidTotal, t.redeemedTotal], [[
    cell(money(poolState.pool), poolState.pool), cell(number(poolState.supply, 4), poolState.supply), cell(number(poolState.price, 6), poolState.price),
    String(poolState.orders), cell(money(poolState.totals.contributed), poolState.totals.contributed),
    cell(money(poolState.totals.paidOut), poolState.totals.paidOut), cell(money(poolState.totals.redeemed), poolState.totals.redeemed),
  ]], t.finalState);
  const snapshotButton = el("button", { type: "button", "data-export": "audit-snapshot" }, t.exportSnapshot);
  snapshotButton.addEventListener("click", () => download("public-snapshot.json", "application/json", JSON.stringify(publicSnapshot, null, 2)));
  const reportButton = el("button", { type: "button", "data-export": "audit-report" }, t.exportReport);
  reportButton.addEventListener("click", () => download("audit-report.json", "application/json", JSON.stringify({ file: name, config: state.config, report, state: poolState, engine: version() }, null, 2)));
  const shown = report.mismatchList.slice(0, MISMATCH_ROWS_SHOWN);
  const list = dataTable("audit-mismatches-list", [t.seq, t.line, t.published, t.computedAtScale, t.difference], shown.map((row) => [
    String(row.seq), String(row.line), cell(row.published, row.published), cell(row.computedAtScale, row.computed), cell(row.difference, row.difference),
  ]), fill(t.mismatchListCaption, { shown: shown.length.toLocaleString(locale), listed: report.mismatchList.length.toLocaleString(locale), counted: report.mismatches.toLocaleString(locale) }));
  const listButton = el("button", { type: "button", "data-export": "audit-mismatches" }, t.exportMismatches);
  listButton.addEventListener("click", () => download("audit-mismatches.csv", "text/csv", toCsv(
    ["seq", "line", "published", "computed", "computedAtScale", "difference"],
    report.mismatchList.map((row) => [row.seq, row.line, row.published, row.computed, row.computedAtScale, row.difference]),
  )));
  const parts = [verdict, facts, final];
  if (shown.length > 0) parts.push(list);
  target.replaceChildren(...parts, el("div", { class: "exports" }, snapshotButton, reportButton, ...(shown.length > 0 ? [listButton] : [])));
}

// ---------------------------------------------------------------- start

await init({ module_or_path: new URL("./pkg/points_pool_bg.wasm", import.meta.url) });
state.config = fullConfig();
readShareLink();
translatePage();
buildConfigForm();
// A share link's parameters are checked like typed ones: a bad field is marked, not thrown.
readConfigForm();
buildScenarioForm();
buildSweepForm();
buildGainsForm();
setUpAudit();
renderAll();
