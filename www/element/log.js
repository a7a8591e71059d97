// The element's check of a published log (log-src, log-key; docs/verification.md): the engine's
// LogCheck names the files, this module fetches them and keeps the last checkpoint this
// browser saw. Every judgement (signature, origin, rollback, fork, proofs, the state entry) is
// the engine's; here only fetching, storage and the evidence shown when the engine refuses.
// This is the element's one use of storage: per log, the checkpoint text of the last visit.

import { el, mark } from "../shared/dom.js";
import { loadEngine } from "../shared/engine.js";
import { importModule } from "../shared/pinned.js";
import { fill } from "../shared/words.js";
import { SetupError } from "./setup-error.js";

/** The attributes that turn the check on. */
export const LOG_ATTRIBUTES = ["log-src", "log-key"];

/** The member's engine with LogCheck (make build's www/pkg-member-log), loaded only for a log. */
export async function loadLogEngine(wasmUrl, integrity = null) {
  const glue = await importModule(() => import("../pkg-member-log/points_pool_member_log.js"));
  return loadEngine(glue, wasmUrl, integrity);
}

/** The log's directory as a URL ending in `/`, so that `tile/…` resolves inside it. */
function directory(source) {
  const url = new URL(source, document.baseURI);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

/** Where the last checkpoint of this log (its key's name and its URL) is kept. */
function storageKey(key, url) {
  return `points-pool:log:${key.trim().split("+")[0]}:${url.href}`;
}

/** localStorage, or nothing where a page or browser forbids it (then every visit is a first). */
function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

async function fetchText(url, signal) {
  let response;
  try {
    response = await fetch(url, { cache: "no-store", credentials: "omit", signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new SetupError("state_fetch");
  }
  if (!response.ok) throw new SetupError("state_http", { status: response.status });
  return response.text();
}

/** A tile's bytes, or null when it cannot be had: the engine then names it missing. */
export async function fetchTile(url, signal) {
  try {
    const response = await fetch(url, { credentials: "omit", signal });
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch (error) {
    if (signal.aborted) throw error;
    return null;
  }
}

/**
 * Checks the log at `source` signed by `key`: resolves to `{ verified, url, key, keep }` (the
 * engine's LogVerified, the log's folder and key, and what stores its checkpoint once the
 * figure is shown) or throws the engine's
 * refusal with `evidence` ({ kept, received }: the two checkpoints' texts) beside it.
 */
export async function checkLog(glue, { source, key }, signal) {
  const url = directory(source);
  const place = storageKey(key ?? "", url);
  const kept = storage()?.getItem(place) ?? null;
  let received = null;
  const check = new glue.LogCheck(key ?? "");
  try {
    received = await fetchText(new URL("checkpoint", url), signal);
    const plan = check.checkpoint(received, kept ?? undefined);
    const files = await Promise.all(plan.paths.map((path) => fetchTile(new URL(path, url), signal)));
    plan.paths.forEach((path, index) => {
      if (files[index]) check.tile(path, files[index]);
    });
    const verified = check.result();
    return { verified, url: url.href, key: key ?? "", keep: () => storage()?.setItem(place, verified.checkpoint) };
  } catch (error) {
    if (signal.aborted) throw error;
    error.evidence = { kept, received };
    throw error;
  } finally {
    check.free();
  }
}

/** The verified line: `已验证 · 第 N 号条目（共 M 条）· 指纹 …`, marked with what the engine proved. */
export function showVerified(node, verified, text, format) {
  node.hidden = !verified;
  if (!verified) {
    node.textContent = "";
    mark(node, { size: null, entry: null, fingerprint: null });
    return;
  }
  node.textContent = fill(text.logVerified, { entry: format.count(verified.entry), size: format.count(verified.size), fingerprint: verified.fingerprint });
  mark(node, { size: verified.size, entry: verified.entry, fingerprint: verified.fingerprint });
}

/**
 * The two signed checkpoints a refusal is about, read-only, with a button that copies both:
 * the member's evidence to hand to others. Nothing when there is none.
 */
export function showEvidence(box, evidence, text) {
  box.replaceChildren();
  box.hidden = !evidence;
  if (!evidence) return;
  const copy = [
    `${text.logKept}:\n${evidence.kept ?? text.logNone}`,
    `${text.logReceived}:\n${evidence.received ?? text.logNone}`,
  ].join("\n\n");
  const area = el("textarea", { readonly: true, rows: "8", part: "log-evidence-text", "aria-label": text.logEvidence, spellcheck: "false" });
  area.value = copy;
  const button = el("button", { type: "button", class: "secondary", part: "log-evidence-copy" }, text.logCopy);
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(copy);
    } catch {
      area.select();
    }
  });
  box.append(el("p", {}, text.logEvidence), area, button);
  mark(box, { kept: evidence.kept ? "yes" : "no", received: evidence.received ? "yes" : "no" });
}
