// verify.html: a log's URL and key in, full verification out (docs/verification.md, "Full
// verification"). The work runs in www/workers/verify.js (the engine's LogAudit) with a progress
// bar and Cancel, wired by ./panel.js (the operator page uses the same); this module gives it
// the page's elements and words. `?url=…&key=…` fills the form and starts, so that a link can be shared.
import { verifyPanel } from "./panel.js";
import { TEXT } from "./text.js";

const query = new URLSearchParams(location.search);
const locale = (query.get("lang") ?? "").toLowerCase().startsWith("en") ? "en" : "zh-CN";
const t = TEXT[locale];
const $ = (id) => document.getElementById(id);

document.documentElement.lang = locale;
document.title = `${t.title} · points-pool`;
for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t[node.dataset.i18n];
$("language-link").textContent = locale === "en" ? "中文" : "English";
$("language-link").href = locale === "en" ? "?lang=zh-CN" : "?lang=en";

const panel = verifyPanel({
  form: $("verify-form"), url: $("log-url"), key: $("log-key"),
  bar: $("verify-progress"), status: $("verify-status"), result: $("verify-result"), cancel: $("verify-cancel"),
}, { t, locale });
if (query.get("url") && query.get("key")) {
  $("log-url").value = query.get("url");
  $("log-key").value = query.get("key");
  panel.start(new URL(query.get("url"), location.href).href, query.get("key"));
}
