// The operator's form fields: a labelled input (or select) whose engine refusal shows under it
// in the page's language with its reason, and is marked for scripts and tests by the engine's
// code and field and the reason found (`data-code`, `data-field`, `data-reason`).

import { el, mark } from "../shared/dom.js";

/** A labelled control with a place for its error. */
export function field(id, label, value, { options = null, inputmode = "decimal" } = {}) {
  const control = options
    ? el("select", { id, name: id }, ...options.map(([optionValue, optionLabel]) => el("option", { value: optionValue }, optionLabel)))
    : el("input", { id, name: id, type: "text", inputmode, autocomplete: "off", spellcheck: "false" });
  control.value = value ?? "";
  const error = el("div", { class: "field-error", id: `${id}-error`, "aria-live": "polite" });
  control.setAttribute("aria-describedby", error.id);
  return { node: el("div", { class: "field" }, el("label", { for: id }, label), control, error), control, error };
}

/** Marks `control` refused by `error` (typed as `typed`), its message and reason beneath it. */
export function refuse(page, control, error, typed) {
  control.setAttribute("aria-invalid", "true");
  const note = document.getElementById(`${control.id}-error`);
  note.textContent = page.message(error, typed);
  mark(note, { code: error?.code ?? "unknown", field: error?.field ?? null, reason: page.reason(error, typed) });
}

/** Clears every mark and message in `form`. */
export function clear(form) {
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  for (const node of form.querySelectorAll(".field-error")) {
    node.textContent = "";
    mark(node, { code: null, field: null, reason: null });
  }
}
