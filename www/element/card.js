// The element's card, as a member sees it: a title, a tab for each task, the boxes a member types
// in, where errors, the log's evidence and the answer go, and the projection's place. Only the
// DOM: words, events and figures are the element's (element/calculator.js).

import { el } from "../shared/dom.js";

/** The element's tasks, in tab order, and the boxes a member types in. */
export const TASKS = ["purchase", "points", "check"];
export const BOXES = ["amount", "points", "spent", "received"];

/** The card's parts by name (`ui.card` holds them all), without words. */
export function buildCard() {
  const ui = {};
  const tab = (task) => el("button", { type: "button", role: "tab", id: `${task}-tab`, "aria-controls": `${task}-panel`, part: `${task}-tab` });
  const input = (part, id) => el("input", { type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", part, id });
  ui.tabs = Object.fromEntries(TASKS.map((task) => [task, tab(task)]));
  for (const name of BOXES) ui[name] = input(`${name}-input`, name);
  for (const name of ["amountLabel", "pointsLabel", "spentLabel", "receivedLabel", "title"]) ui[name] = el(name === "title" ? "h2" : "span");
  ui.amountHint = el("span", { class: "hint", id: "amount-hint" });
  ui.amount.setAttribute("aria-describedby", "amount-hint");
  ui.panels = {
    purchase: el("section", { role: "tabpanel", id: "purchase-panel", "aria-labelledby": "purchase-tab" },
      el("label", { for: "amount" }, ui.amountLabel, ui.amount, ui.amountHint)),
    points: el("section", { role: "tabpanel", id: "points-panel", "aria-labelledby": "points-tab" },
      ...["points", "spent", "received"].map((name) => el("label", { for: name }, ui[`${name}Label`], ui[name]))),
    check: el("section", { role: "tabpanel", id: "check-panel", "aria-labelledby": "check-tab" }),
  };
  ui.error = el("p", { part: "error", role: "alert", hidden: true });
  ui.verified = el("p", { class: "hint", part: "log-verified", hidden: true });
  ui.evidence = el("div", { part: "log-evidence", hidden: true });
  ui.status = el("p", { class: "hint", part: "status" });
  ui.results = el("dl", { part: "results" });
  ui.split = el("section", { class: "split", part: "split", hidden: true });
  ui.facts = el("ul", { class: "facts", part: "facts", hidden: true });
  ui.answer = el("div", { part: "answer" }, el("div", { "aria-live": "polite" }, ui.status, ui.results), ui.split, ui.facts);
  ui.projection = el("div", { part: "projection-box" });
  ui.card = el("div", { class: "card", part: "container" }, ui.title,
    el("div", { role: "tablist" }, ...Object.values(ui.tabs)), ...Object.values(ui.panels), ui.error, ui.evidence, ui.verified, ui.answer, ui.projection);
  return ui;
}
