// The operator's audit of a published log (issue 20, item 6): the same full verification as
// verify.html, by the same code (verify/panel.js, www/workers/verify.js) and the same words
// (verify/text.js); this module only hands it the section's elements.
import { verifyPanel } from "../verify/panel.js";
import { TEXT } from "../verify/text.js";

export function setUpLogAudit(page) {
  const t = TEXT[page.lang];
  const $ = (id) => document.getElementById(id);
  for (const node of $("log-audit").querySelectorAll("[data-verify-i18n]")) node.textContent = t[node.dataset.verifyI18n];
  verifyPanel({
    form: $("log-audit-form"), url: $("log-audit-url"), key: $("log-audit-key"),
    bar: $("log-audit-progress"), status: $("log-audit-status"), result: $("log-audit-result"), cancel: $("log-audit-cancel"),
  }, { t, locale: page.lang });
}
