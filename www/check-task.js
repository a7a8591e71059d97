// The element's third task, 核对 / Check: a member pastes or picks their own lines (the app's
// list of purchases and cash-outs) and the engine's checkHistory says, line by line, whether
// the platform granted and paid what its published prices and rules give. Everything is
// computed in this page; nothing is uploaded. This module builds the panel and lays out the
// engine's report; it does no arithmetic.
import { el, fill, toCsv, download } from "./dom.js";

export const checkText = {
  "zh-CN": {
    checkTab: "核对",
    sentenceGap: "",
    checkLabel: "粘贴你的积分明细，每行一笔",
    checkHint: "每行：类型（消费/提现/兑换）, 金额或积分, 当时公布的积分价格, 到账积分或金额[, 备注]。可加表头 type,value,price,result,note；也可用 JSON Lines。数据只在本页计算，不会上传。",
    checkFile: "或选择文件（CSV、TXT、JSONL）",
    enterLines: "请粘贴明细或选择文件",
    checkAllOk: "全部 {count} 行都与公布价格下的规则一致（相差不到公布的最后一位）。",
    checkGrantsShort: "{short} / {count} 笔消费所得积分偏少，合计少 {points} 积分{worth}。",
    checkGrantsShortValue: "，按现价 {price} 值 {value}",
    checkCashShort: "{short} / {count} 笔提现或兑换到账偏少，合计少 {money}。",
    checkOver: "{over} 行多于规则所给。",
    checkPosition: "按这些明细：持有 {points} 积分，累计消费 {spent}，已得 {received}。",
    checkCapLeft: "距出局上限还可得 {capLeft}。",
    checkValueNow: "按现价 {price}：积分价值 {value}，全部提现可得 {cash}。",
    columns: ["行", "类型", "金额/积分", "公布价格", "平台所给", "按规则应得", "差额", "结论"],
    kinds: { purchase: "消费", withdraw: "提现", redeem: "兑换" },
    verdicts: { ok: "一致", short: "偏少", over: "偏多" },
    exitNote: "（达到出局上限）",
    exportCheck: "导出核对结果（CSV）",
    missingPrice: "第 {line} 行缺少当时公布的价格：核对需要它，不会猜测。",
    lineError: "第 {line} 行无法核对：{problem}",
    problems: {
      missing_fields: "字段不足", too_many_fields: "字段过多", unterminated_quote: "引号未闭合",
      unknown_type: "类型须为 消费、提现 或 兑换（purchase、withdraw、redeem）", not_a_row: "不是一行明细",
      bad_header: "表头应为 type,value,price,result[,note]", invalid_decimal: "{field} 不是数字",
      amount_must_be_positive: "{field} 必须大于 0", insufficient_points: "提现的积分多于此前明细所得",
      line_too_long: "行超过 64 KB", too_many_lines: "超过 100,000 行", too_many_decimals: "{field} 小数位太多",
      amount_too_large: "{field} 超过上限",
    },
  },
  en: {
    checkTab: "Check",
    sentenceGap: " ",
    checkLabel: "Paste your points history, one line each",
    checkHint: "Each line: type (purchase/withdraw/redeem), amount or points, the price the platform published then, the points or money you got[, note]. A header type,value,price,result,note may name the columns; JSON Lines work too. Everything is computed in this page; nothing is uploaded.",
    checkFile: "or choose a file (CSV, TXT, JSONL)",
    enterLines: "Paste your lines or choose a file",
    checkAllOk: "All {count} lines follow the rules at the published prices (within the last published decimal).",
    checkGrantsShort: "{short} of {count} grants were short by {points} points in all{worth}.",
    checkGrantsShortValue: ", worth {value} at today's price of {price}",
    checkCashShort: "{short} of {count} cash-outs or redemptions were short by {money} in all.",
    checkOver: "{over} lines got more than the rules give.",
    checkPosition: "By these lines you hold {points} points, spent {spent} and received {received}.",
    checkCapLeft: "The exit cap still allows {capLeft}.",
    checkValueNow: "At today's price of {price} the points are worth {value}; cashing out pays {cash}.",
    columns: ["Line", "Type", "Amount/points", "Published price", "Platform gave", "The rules give", "Difference", "Verdict"],
    kinds: { purchase: "purchase", withdraw: "withdraw", redeem: "redeem" },
    verdicts: { ok: "ok", short: "short", over: "over" },
    exitNote: " (reaches the exit cap)",
    exportCheck: "Export the check (CSV)",
    missingPrice: "Line {line} lacks the price the platform published then: the check needs it and never guesses it.",
    lineError: "Line {line} cannot be checked: {problem}",
    problems: {
      missing_fields: "too few fields", too_many_fields: "too many fields", unterminated_quote: "a quote is not closed",
      unknown_type: "type must be purchase, withdraw or redeem (消费, 提现, 兑换)", not_a_row: "not a history line",
      bad_header: "the header must be type,value,price,result[,note]", invalid_decimal: "{field} is not a number",
      amount_must_be_positive: "{field} must be above 0", insufficient_points: "more points cashed out than the lines before grant",
      line_too_long: "the line is over 64 KB", too_many_lines: "more than 100,000 lines", too_many_decimals: "{field} has too many decimals",
      amount_too_large: "{field} is above the limit",
    },
  },
};

/** A file's text: UTF-8, or GB18030 (what Excel on Chinese Windows saves) when it is not UTF-8. */
function decode(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** The panel: a text box, a file picker, and where the report goes. */
export function buildCheckPanel(onChange) {
  const ui = {};
  ui.label = el("span");
  ui.hint = el("span", { class: "hint", id: "check-hint" });
  ui.input = el("textarea", { part: "check-input", id: "check-input", rows: "6", spellcheck: "false", "aria-describedby": "check-hint" });
  ui.fileLabel = el("span");
  ui.file = el("input", { type: "file", part: "check-file", id: "check-file", accept: ".csv,.txt,.jsonl,text/csv,text/plain" });
  ui.results = el("div", { part: "check-results", "aria-live": "polite" });
  ui.panel = el("section", { role: "tabpanel", id: "check-panel", "aria-labelledby": "check-tab" },
    el("label", { for: "check-input" }, ui.label, ui.input, ui.hint),
    el("label", { for: "check-file", class: "file" }, ui.fileLabel, ui.file),
    ui.results);
  ui.input.addEventListener("input", onChange);
  let picks = 0;
  ui.file.addEventListener("change", async () => {
    const [file] = ui.file.files;
    if (!file) return;
    const pick = ++picks;
    const text = decode(await file.arrayBuffer());
    if (pick !== picks) return; // a newer pick overtook this one
    ui.input.value = text;
    onChange();
  });
  return ui;
}

export function labelCheckPanel(ui, text) {
  ui.label.textContent = text.checkLabel;
  ui.hint.textContent = text.checkHint;
  ui.fileLabel.textContent = text.checkFile;
}

/** The engine's report as a summary, a table and an export; `format(kind, value)` formats. */
export function renderCheck(ui, report, text, format, price) {
  const { totals, position, lines } = report;
  const money = (value) => format("money", value);
  const points = (value) => format("points", value);
  const sentences = [];
  const problems = totals.purchasesShort + totals.purchasesOver + totals.cashOutsShort + totals.cashOutsOver;
  if (problems === 0) sentences.push(fill(text.checkAllOk, { count: lines.length }));
  if (totals.purchasesShort > 0) {
    const worth = position.pointsShortValue === null ? "" : fill(text.checkGrantsShortValue, { value: money(position.pointsShortValue), price: format("price", price) });
    sentences.push(fill(text.checkGrantsShort, { short: totals.purchasesShort, count: totals.purchases, points: points(totals.pointsShort), worth }));
  }
  if (totals.cashOutsShort > 0) {
    sentences.push(fill(text.checkCashShort, { short: totals.cashOutsShort, count: totals.cashOuts, money: money(totals.moneyShort) }));
  }
  const over = totals.purchasesOver + totals.cashOutsOver;
  if (over > 0) sentences.push(fill(text.checkOver, { over }));
  sentences.push(fill(text.checkPosition, { points: points(position.points), spent: money(position.spent), received: money(position.received) }));
  if (position.capLeft !== null) sentences.push(fill(text.checkCapLeft, { capLeft: money(position.capLeft) }));
  if (position.value !== null) sentences.push(fill(text.checkValueNow, { price: format("price", price), value: money(position.value), cash: money(position.cashOutValue) }));

  const figure = (kind, value) => el("td", { "data-exact": value }, kind === "purchase" ? points(value) : money(value));
  const rows = lines.map((line) => el("tr", { "data-verdict": line.verdict, "data-line": String(line.line) },
    el("td", {}, String(line.line)),
    el("td", {}, text.kinds[line.kind]),
    el("td", { "data-exact": line.value }, line.kind === "purchase" ? money(line.value) : points(line.value)),
    el("td", { "data-exact": line.price }, format("price", line.price)),
    figure(line.kind, line.published),
    figure(line.kind, line.expected),
    figure(line.kind, line.difference),
    el("td", { class: `verdict ${line.verdict}` }, text.verdicts[line.verdict] + (line.exits ? text.exitNote : ""))));
  const table = el("table", { part: "check-table" },
    el("thead", {}, el("tr", {}, ...text.columns.map((column) => el("th", { scope: "col" }, column)))),
    el("tbody", {}, ...rows));
  const exportButton = el("button", { type: "button", part: "check-export", class: "secondary" }, text.exportCheck);
  exportButton.addEventListener("click", () => download("points-check.csv", "text/csv", toCsv(
    ["line", "type", "value", "price", "published", "expected", "difference", "verdict", "exits", "note"],
    lines.map((line) => [line.line, line.kind, line.value, line.price, line.published, line.expected, line.difference, line.verdict, line.exits, line.note]),
  )));
  ui.results.replaceChildren(
    el("p", { part: "check-summary" }, sentences.join(text.sentenceGap)),
    el("div", { class: "table-wrap" }, table),
    exportButton,
  );
}

/** A refused line in the member's language, from the error's line, field and problem. */
export function checkErrorText(error, text) {
  if (error?.problem === "missing_price") return fill(text.missingPrice, { line: error.line });
  const problem = fill(text.problems[error?.problem] ?? error?.problem ?? "", { field: error?.field ?? "" });
  return fill(text.lineError, { line: error?.line ?? "?", problem });
}
