// 核对's report as a member reads it on a phone: a summary that states the rounding and the
// tolerance the check used and names the lines at fault, then the lines, short and over first,
// each a row on a wide screen and a card on a narrow one with its verdict always in view; a
// big paste is drawn a page at a time. Every figure carries the engine's string in `data-exact`.

import { el, mark } from "../shared/dom.js";
import { fill, plural, words } from "../shared/words.js";

/** Lines drawn at first and at each "show more". */
export const PAGE = 50;
/** Line numbers named in a summary sentence; the rest are counted. */
const NAMED_LINES = 20;
/** The order lines are shown in: what needs the member's attention first. */
const RANK = { short: 0, over: 1, withinShare: 2, ok: 3 };

/** One unit of `scale` decimals as a decimal string ("0.01"): written, not computed. */
function unit(scale) {
  return scale === 0 ? "1" : `0.${"0".repeat(scale - 1)}1`;
}

/** The tolerance the engine's verdicts use (docs/model.md §4): one unit of each quantity's declared scale. */
export function tolerance(config, exactScale) {
  const scale = (entry) => config.rounding?.[entry]?.scale ?? exactScale;
  return { points: unit(scale("points")), money: unit(scale("money")) };
}

/** The lines in the order shown: short, over, within the share, then the rest, each by line number. */
export function ordered(lines) {
  return [...lines].sort((a, b) => RANK[a.verdict] - RANK[b.verdict] || a.line - b.line);
}

/** The same order as indices into `lines`, worked out in the worker so that the page never sorts 100,000 lines. */
export function displayOrder(lines) {
  return Int32Array.from(lines.keys()).sort((a, b) => RANK[lines[a].verdict] - RANK[lines[b].verdict] || lines[a].line - lines[b].line);
}

/** "第 2、5 行" / "lines 2, 5", at most NAMED_LINES of them named. */
function lineList(numbers, text, locale) {
  const named = numbers.slice(0, NAMED_LINES).join((words[locale] ?? words["zh-CN"]).list);
  const rest = numbers.length > NAMED_LINES ? ` ${fill(text.moreLines, { count: numbers.length - NAMED_LINES })}` : "";
  return fill(plural(text.lines, numbers.length, locale), { list: named }) + rest;
}

/** The summary: the rounding and tolerance, what is short or over and where, and the member's position. */
export function summary(report, { config, price, exactScale, text, format, locale }) {
  const { totals, position, lines } = report;
  const money = format.money;
  const numbers = (verdict, kinds) => lines.filter((line) => line.verdict === verdict && kinds.includes(line.kind)).map((line) => line.line);
  const cashKinds = ["withdraw", "redeem"];
  const found = {
    grants: numbers("short", ["purchase"]),
    cash: numbers("short", cashKinds),
    over: numbers("over", ["purchase", ...cashKinds]),
    share: numbers("withinShare", cashKinds),
  };
  const limits = tolerance(config, exactScale);
  const rules = ["points", "price", "money"].filter((entry) => config.rounding?.[entry]).map((entry) => {
    const rule = config.rounding[entry];
    return fill(text.rule, { quantity: text.quantities[entry], scale: rule.scale, mode: text.modes[rule.mode] });
  });
  if (rules.length && rules.length < 3) rules.push(text.exactRest);
  const said = [[
    "rounding",
    fill(text.rounding, { rules: rules.length ? rules.join((words[locale] ?? words["zh-CN"]).list) : text.exact, points: format.pointsExact(limits.points), money: format.moneyExact(limits.money) }),
  ]];
  const problems = totals.purchasesShort + totals.purchasesOver + totals.cashOutsShort + totals.cashOutsOver + totals.cashOutsWithinShare;
  // No line at all is not "all 0 lines follow": the engine's finding says which it is.
  if (report.finding === "nothingChecked") said.push(["nothingChecked", text.nothingChecked]);
  else if (problems === 0) said.push(["allOk", fill(plural(text.allOk, lines.length, locale), { count: format.count(lines.length) })]);
  if (found.grants.length) {
    const worth = position.pointsShortValue === null ? "" : fill(text.grantsShortValue, { value: money(position.pointsShortValue), price: format.price(price) });
    said.push(["grantsShort", fill(text.grantsShort, { short: totals.purchasesShort, count: totals.purchases, lines: lineList(found.grants, text, locale), points: format.pointsExact(totals.pointsShort), worth })]);
  }
  if (found.cash.length) {
    said.push(["cashShort", fill(text.cashShort, { short: totals.cashOutsShort, count: totals.cashOuts, lines: lineList(found.cash, text, locale), money: format.moneyExact(totals.moneyShort) })]);
  }
  if (found.over.length) said.push(["over", fill(plural(text.over, found.over.length, locale), { over: found.over.length, lines: lineList(found.over, text, locale) })]);
  if (found.share.length) said.push(["withinShare", fill(plural(text.withinShare, found.share.length, locale), { count: found.share.length, lines: lineList(found.share, text, locale) })]);
  said.push(["position", fill(text.position, { points: format.points(position.points), spent: money(position.spent), received: money(position.received) })]);
  if (position.capLeft !== null) said.push(["capLeft", fill(text.capLeft, { capLeft: money(position.capLeft) })]);
  if (position.value !== null) said.push(["valueNow", fill(text.valueNow, { price: format.price(price), value: money(position.value), cash: money(position.cashOutValue) })]);
  const node = el("div", { part: "check-summary", class: "check-summary", role: "status" }, ...said.map(([fact, words_]) => el("p", { "data-fact": fact }, words_)));
  return mark(node, {
    rounding: config.rounding ? JSON.stringify(config.rounding) : "exact",
    tolerancePoints: limits.points,
    toleranceMoney: limits.money,
    shortLines: [...found.grants, ...found.cash].sort((a, b) => a - b).join(" "),
    overLines: found.over.join(" "),
    withinShareLines: found.share.join(" "),
  });
}

/** The column heads, for a wide screen (a card labels each figure itself). */
export function head(text) {
  const { columns } = text;
  return el("li", { class: "check-head", "aria-hidden": "true" },
    ...["line", "verdict", "kind", "value", "price", "published", "expected", "difference"].map((name) => el("span", {}, columns[name])));
}

/** One checked line: the verdict right after the line number, then the figures, each labelled. */
export function lineItem(line, { text, format }) {
  const { columns } = text;
  const purchase = line.kind === "purchase";
  const result = purchase ? format.pointsExact : format.moneyExact;
  const cell = (name, value, shown) => el("span", { class: name, "data-label": columns[name], "data-exact": value }, shown);
  return el("li", { class: "check-line", part: "check-line", "data-line": String(line.line), "data-verdict": line.verdict },
    el("span", { class: "line-no" }, format.count(line.line)),
    el("span", { class: `verdict ${line.verdict}`, "data-label": columns.verdict }, text.verdicts[line.verdict] + (line.exits ? text.exitNote : "")),
    el("span", { class: "kind", "data-label": columns.kind }, text.kinds[line.kind]),
    cell("value", line.value, purchase ? format.money(line.value) : format.points(line.value)),
    cell("price", line.price, format.price(line.price)),
    cell("published", line.published, result(line.published)),
    cell("expected", line.expected, result(line.expected)),
    cell("difference", line.difference, purchase ? format.pointsDifference(line.difference) : format.moneyDifference(line.difference)));
}

/** The CSV of every line, in the page's language, figures as the engine's exact strings. */
export function csvRows(report, text) {
  const { csv } = text;
  const headers = ["line", "kind", "value", "price", "published", "expected", "difference", "verdict", "exits", "note"].map((name) => csv[name]);
  const rows = report.lines.map((line) => [
    line.line, text.kinds[line.kind], line.value, line.price, line.published, line.expected, line.difference,
    text.verdicts[line.verdict], line.exits ? csv.yes : csv.no, line.note,
  ]);
  return { headers, rows };
}
