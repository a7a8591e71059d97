// The operator's audit of a published log (issue 20, item 6): the same full verification as
// verify.html, by the same code (verify/panel.js, www/workers/verify.js) and the same words
// (verify/text.js); this module hands it the section's elements, keeps the log audited in the
// share link, and audits again the log a share link names.
import { verifyPanel } from "../verify/panel.js";
import { TEXT } from "../verify/text.js";

export function setUpLogAudit(page) {
  const t = TEXT[page.lang];
  const $ = (id) => document.getElementById(id);
  for (const node of $("log-audit").querySelectorAll("[data-verify-i18n]")) node.textContent = t[node.dataset.verifyI18n];
  const panel = verifyPanel({
    form: $("log-audit-form"), url: $("log-audit-url"), key: $("log-audit-key"),
    bar: $("log-audit-progress"), status: $("log-audit-status"), result: $("log-audit-result"), cancel: $("log-audit-cancel"),
  }, {
    t,
    locale: page.lang,
    onStart: (url, key) => {
      page.state.log = { url, key };
      page.updateShareLink();
    },
  });
  const linked = page.state.log;
  if (!linked) return;
  $("log-audit-url").value = linked.url;
  $("log-audit-key").value = linked.key;
  panel.start(new URL(linked.url, location.href).href, linked.key);
}
