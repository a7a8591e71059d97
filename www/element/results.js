// The element's first two tasks: 消费 / Purchase (what an amount buys) and 我的积分 / My points
// (where points held stand). The engine computes every figure (the member's typed numbers are
// read by its `friendlyDecimal`, the purchase runs on a throwaway copy of the pool); this module
// lays them out: the receipt, where the money went, the cap, and the facts that say what the
// figures mean, each keyed by the engine's state (`data-fact`) so that a test reads the state,
// never the words.

import { el } from "../shared/dom.js";
import { fill } from "../shared/words.js";

/** What an amount typed buys, on a copy of the pool: the receipt, the member's view after, where the money went. */
export function purchasePosition(glue, source, typed) {
  if (typed.trim() === "") return null;
  const amount = glue.friendlyDecimal(typed, "amount");
  const pool = glue.PointsPool.fromState(source.snapshot);
  try {
    const receipt = pool.purchase("you", amount);
    const view = pool.member("you");
    const split = glue.purchaseSplit(amount, receipt.contribution, view.value);
    return { kind: "purchase", receipt, view, split, config: source.config, after: pool.publicSnapshot(), spent: amount, received: "0" };
  } finally {
    pool.free();
  }
}

/** Where points held stand (what was spent and received, when given, for break-even and the cap). */
export function holdingPosition(glue, source, { points, spent, received }) {
  if (points.trim() === "") return null;
  const read = (text, field) => (text.trim() === "" ? undefined : glue.friendlyDecimal(text, field));
  const held = glue.friendlyDecimal(points, "points");
  const [paid, got] = [read(spent, "spent"), read(received, "received")];
  const pool = glue.PointsPool.fromState(source.snapshot);
  try {
    const view = pool.holding(held, paid, got);
    return { kind: "points", view, config: source.config, price: source.price, after: source.snapshot, spent: paid, received: got };
  } finally {
    pool.free();
  }
}

/** A figure for reading, the engine's exact string in `data-exact` and the tooltip. */
function figure(tag, part, value, shown, note = null) {
  // A line may break after a thousands separator, nowhere else in the number.
  const pieces = String(shown).split(",").flatMap((piece, index) => (index ? [",", el("wbr"), piece] : [piece]));
  const node = el(tag, { part, "data-exact": value, title: value }, ...pieces);
  if (note) node.append(el("small", {}, note));
  return node;
}

/** The rows of the results list, the block that says where the money went, and the facts. */
export function renderResults(ui, position, { text, format }) {
  const { view, config } = position;
  const money = format.money;
  const rows = [];
  if (position.kind === "purchase") {
    const { receipt } = position;
    rows.push([text.pointsGranted, figure("dd", "points-granted", receipt.pointsGranted, format.points(receipt.pointsGranted))]);
    const move = fill(text.priceMove, { before: format.price(receipt.priceBefore), after: format.price(receipt.priceAfter) });
    rows.push([text.priceNow, el("dd", { part: "price", "data-exact": receipt.priceAfter, "data-before": receipt.priceBefore, title: receipt.priceAfter }, move)]);
  } else {
    rows.push([text.priceNow, figure("dd", "price", position.price, format.price(position.price))]);
  }
  rows.push([text.valueNow, figure("dd", "value-now", view.value, money(view.value))]);
  const notes = [];
  if (view.cutNow !== "0") notes.push(fill(text.noteCut, { cut: money(view.cutNow) }));
  if (view.forfeitedNow !== "0") notes.push(fill(text.noteForfeit, { forfeited: money(view.forfeitedNow) }));
  rows.push([text.cashOutNow, figure("dd", "cash-out-now", view.cashOutValue, money(view.cashOutValue), notes.join(text.noteJoin) || null)]);
  rows.push(capRow(view, config, text, format));
  ui.results.replaceChildren(...rows.flatMap(([label, cell]) => [el("dt", {}, label), cell]));
  ui.split.replaceChildren(...(position.split ? splitBlock(position.split, text, format) : []));
  ui.split.hidden = !position.split;
  ui.facts.replaceChildren(...facts(position, text, format).map(([code, words]) => el("li", { "data-fact": code }, words)));
  ui.facts.hidden = false;
}

/**
 * The exit cap's row, labelled with the pool's own multiple, never "2×" by default. What is
 * left of the cap is not money to hand: beside it, how far the price must rise to pay it.
 */
function capRow(view, config, text, format) {
  const multiple = config.exitMultiple ? format.times(config.exitMultiple, 0) : "";
  let label = fill(text.capLeft, { multiple });
  let cell;
  if (view.cap === "none" || view.cap === "unknown") {
    label = text.capLeftPlain;
    cell = el("dd", { part: "cap-left", class: "quiet" }, view.cap === "none" ? text.noCap : fill(text.capUnknown, { multiple }));
  } else {
    cell = figure("dd", "cap-left", view.capLeft, format.money(view.capLeft));
    cell.classList.add("quiet");
    if (view.cap === "atCap") cell.append(el("small", {}, text.capReached));
    if (view.cap === "rise") {
      const times = format.times(view.capMultiple);
      cell.append(el("small", { part: "cap-needs", "data-exact": view.capMultiple }, fill(text.capNeeds, { times })));
    }
  }
  cell.dataset.cap = view.cap;
  return [label, cell];
}

/** Where a purchase's money went, in the member's own money: the merchant, the pool, the member's points, earlier holders. */
function splitBlock(split, text, format) {
  const line = (label, part, value, className = "") => [
    el("dt", { class: className }, label),
    figure("dd", part, value, format.money(value)),
  ];
  return [
    el("h3", {}, fill(text.splitTitle, { amount: format.money(split.amount) })),
    el("dl", {},
      ...line(text.splitMerchant, "split-merchant", split.merchant),
      ...line(text.splitPool, "split-pool", split.contribution),
      ...line(text.splitYours, "split-yours", split.yours, "part"),
      ...line(text.splitEarlier, "split-earlier", split.earlier, "part")),
  ];
}

/** What the figures mean, each `[code, words]`, the code the engine's state it speaks of. */
function facts(position, text, format) {
  const { view, config } = position;
  const money = format.money;
  const out = [];
  const atCap = view.cap === "atCap";
  if (atCap && view.cashOutValue === "0") {
    out.push(["atCapNothing", text.factAtCapNothing]);
  } else if (atCap && view.forfeitedNow !== "0") {
    out.push(["atCap", fill(text.factForfeit, { cash: money(view.cashOutValue), forfeited: money(view.forfeitedNow) })]);
  } else if (view.points !== "0") {
    const values = { payout: format.percent(config.payoutRate), value: money(view.value), cash: money(view.cashOutValue), rest: money(view.cutNow) };
    out.push(["cut", fill(text.factCut, values)]);
  }
  out.push(["others", text.factOthers]);
  const amounts = { spent: money(view.spent), received: money(view.received), cash: money(view.cashOutValue) };
  if (position.spent !== undefined && view.spent === "0") {
    out.push(["breakEven.zeroSpent", fill(view.cap === "none" ? text.factZeroSpentNoCap : text.factZeroSpent, amounts)]);
  } else {
    const breakEven = {
      rise: () => fill(view.received === "0" ? text.factBreakEvenFresh : text.factBreakEven, { times: format.times(view.breakEvenMultiple), ...amounts }),
      received: () => fill(text.factReceived, amounts),
      cashOutNow: () => fill(text.factCashOutNow, amounts),
      never: () => fill(text.factNever, amounts),
      unknown: () => text.factNoBreakEven,
    }[view.breakEven];
    out.push([`breakEven.${view.breakEven}`, breakEven()]);
  }
  if (position.received !== undefined && position.spent === undefined) out.push(["receivedWithoutSpent", text.factReceivedWithoutSpent]);
  if (view.cap === "rise") out.push(["cap.rise", fill(text.factCap, { times: format.times(view.capMultiple), cap: money(view.capLeft) })]);
  out.push(["whole", fill(text.factWhole, { poolRate: format.percent(config.poolRate) })]);
  return out;
}
