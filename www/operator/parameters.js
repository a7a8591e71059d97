// Parameters: every Config field, rounding included, checked by the engine as they are typed
// (a refused field is marked with the engine's code and the reason beneath it), and the seed's
// worked examples (docs/model.md §6) recomputed live under them.

import { el } from "../shared/dom.js";
import { fill } from "../shared/words.js";
import { clear, field, refuse } from "./fields.js";
import { cell, dataTable } from "./tables.js";
import { SEED } from "./seed.js";

const CONFIG_FIELDS = ["poolRate", "grantRate", "initialPrice", "payoutRate", "redeemRate", "exitMultiple"];
const ROUNDED = ["money", "points", "price"];

export function buildConfigForm(page) {
  const { t, state } = page;
  const form = document.getElementById("config-form");
  const controls = CONFIG_FIELDS.map((name) => {
    const built = field(`cfg-${name}`, t.fields[name], name === "exitMultiple" && state.config.exitMultiple === null ? "" : state.config[name]);
    if (name === "exitMultiple") built.control.placeholder = t.noCap;
    return built;
  });
  const modes = ["down", "halfUp", "halfEven"].map((mode) => [mode, t.modes[mode]]);
  for (const rule of ROUNDED) {
    const current = state.config.rounding?.[rule] ?? null;
    const scale = field(`cfg-rounding-${rule}-scale`, fill(t.roundingScale, { rule: t.rounded[rule] }), current ? String(current.scale) : "", { inputmode: "numeric" });
    scale.control.placeholder = t.exact;
    controls.push(scale, field(`cfg-rounding-${rule}-mode`, fill(t.roundingMode, { rule: t.rounded[rule] }), current?.mode ?? "down", { options: modes }));
  }
  form.replaceChildren(...controls.map((control) => control.node));
  form.addEventListener("input", () => {
    readConfigForm(page);
    page.renderAll();
  });
}

/** The form as a Config the engine reads: each number through the engine's friendly reader. */
function configFromForm(page) {
  const value = (id) => document.getElementById(id).value.trim();
  const friendly = (text) => (page.isNumber(text) ? page.glue.friendlyDecimal(text) : text);
  const config = {};
  for (const name of CONFIG_FIELDS) config[name] = friendly(value(`cfg-${name}`));
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

/** Validates with the engine: a refused field is marked, its message and reason shown under it. */
export function readConfigForm(page) {
  const form = document.getElementById("config-form");
  clear(form);
  const config = configFromForm(page);
  page.state.typedConfig = config;
  try {
    page.state.config = page.fullConfig(config);
    page.state.configError = null;
  } catch (error) {
    page.state.configError = error;
    // The engine names the field (`rounding.money.mode`); its English is never read.
    const [head, rule, part] = (error.field ?? "poolRate").split(".");
    const id = head === "rounding" && rule ? `cfg-rounding-${rule}-${part === "mode" ? "mode" : "scale"}` : `cfg-${head}`;
    const control = document.getElementById(id) ?? document.getElementById("cfg-poolRate");
    refuse(page, control, error, control.value.trim());
  }
  // Monte Carlo runs on exact pools only: with a rounding set, the box is off and says why.
  const rounded = !page.state.configError && page.state.config.rounding !== null;
  document.getElementById("monte-carlo").disabled = rounded;
  document.getElementById("monte-carlo-note").hidden = !rounded;
}

/** The seed's examples under the current parameters: A to D buy ¥100 each, then 96 more orders. */
export function renderExamples(page) {
  const { glue, t, format, state } = page;
  const target = document.getElementById("examples");
  if (state.configError) {
    target.replaceChildren(el("p", { class: "error" }, t.fixParameters));
    return;
  }
  const pool = new glue.PointsPool(state.config);
  try {
    const rows = ["A", "B", "C", "D"].map((member) => {
      const receipt = pool.purchase(member, SEED.amount);
      return [member, cell(format.pointsExact(receipt.pointsGranted), receipt.pointsGranted), cell(format.pointsExact(receipt.supply), receipt.supply), cell(format.price(receipt.priceAfter), receipt.priceAfter)];
    });
    for (let n = 5; n <= SEED.orders; n += 1) pool.purchase(`m${n}`, SEED.amount);
    const a = pool.member("A");
    const price = pool.state().price;
    const facts = el("dl", { class: "facts" },
      el("dt", {}, fill(t.priceAfterN, { n: SEED.orders })), el("dd", { id: "example-price", "data-exact": price }, format.price(price)),
      el("dt", {}, t.aValue), el("dd", { id: "example-a-value", "data-exact": a.value }, format.money(a.value)),
      el("dt", {}, t.aCashOut), el("dd", { id: "example-a-cash-out", "data-exact": a.cashOutValue }, format.money(a.cashOutValue)),
      el("dt", {}, t.aCapLeft), el("dd", a.capLeft === null ? {} : { "data-exact": a.capLeft }, a.capLeft === null ? t.noCap : format.money(a.capLeft)),
    );
    target.replaceChildren(dataTable(page, "examples", [t.member, t.pointsGranted, t.supplyAfter, t.priceAfter], rows, t.examplesCaption), facts, firstExample(page));
  } finally {
    pool.free();
  }
}

/** The seed's first example (A ¥100, B ¥100, C ¥300), which the seed computed with rounding. */
function firstExample(page) {
  const { glue, t, format, state } = page;
  const pool = new glue.PointsPool(state.config);
  try {
    const rows = [["A", "100"], ["B", "100"], ["C", "300"]].map(([member, amount]) => {
      const receipt = pool.purchase(member, amount);
      return [member, format.money(amount), cell(format.pointsExact(receipt.pointsGranted), receipt.pointsGranted),
        cell(format.pointsExact(receipt.supply), receipt.supply), cell(format.price(receipt.priceAfter), receipt.priceAfter)];
    });
    const seedRounding = el("button", { type: "button", id: "seed-rounding" }, t.seedRounding);
    seedRounding.addEventListener("click", () => {
      for (const rule of ["price", "points"]) {
        document.getElementById(`cfg-rounding-${rule}-scale`).value = "2";
        document.getElementById(`cfg-rounding-${rule}-mode`).value = "down";
      }
      readConfigForm(page);
      page.renderAll();
    });
    return el("div", {},
      dataTable(page, "first-example", [t.member, t.amount, t.pointsGranted, t.supplyAfter, t.priceAfter], rows, t.firstExampleCaption),
      el("p", { class: "note" }, t.firstExampleNote), seedRounding);
  } finally {
    pool.free();
  }
}
