// Issue 20, item 4 and 7: with log-src and log-key the element shows a figure only for a log the
// engine verified, in the three engines members use (Chromium, Firefox ESR, WebKitGTK), and a
// tampered, rolled-back or forked log is no figure, its code, a points-error and the evidence.
// Logs are the publisher's fixtures (tests/browser/log-fixtures.mjs) served by the test server
// as a static host serves them; the figures expected come from the full engine in Node.
// Read by codes and data attributes, never words. ENGINES=chromium node --test … runs one engine.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { drivers, waitFor } from "./drivers/index.mjs";
import { startTestServer } from "./drivers/server.mjs";
import { KEY, fixtureLog, logRows, memberSecret, noteKey, rowTag, tamperedLogs } from "./log-fixtures.mjs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, LogCheck, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

const HOST = "points-calculator";
const DESKTOP = { width: 1000, height: 900 };

/** What the engine in Node verifies of `log`, and the points a purchase of 100 is granted on it. */
function expected(log) {
  const check = new LogCheck(KEY.vkey);
  const plan = check.checkpoint(log.get("checkpoint").toString("utf8"));
  for (const path of plan.paths) check.tile(path, log.get(path));
  const verified = check.result();
  check.free();
  const pool = PointsPool.fromState({ pool: verified.state.pool, supply: verified.state.supply, config: verified.config });
  const granted = pool.purchase("you", "100").pointsGranted;
  pool.free();
  return { verified, granted };
}

/** Each refusal: the log served, the key the element is given, the engine's code. */
const TAMPERED = (() => {
  const logs = tamperedLogs();
  return [
    ["editedEntry", logs.editedEntry, KEY.vkey, "log_bad_proof"],
    ["editedTile", logs.editedTile, KEY.vkey, "log_bad_proof"],
    ["truncatedTile", logs.truncatedTile, KEY.vkey, "log_bad_tile"],
    ["missingTile", logs.missingTile, KEY.vkey, "log_missing_tile"],
    ["wrongKey", logs.good, noteKey(8).vkey, "log_wrong_key"],
    ["wrongOrigin", logs.wrongOrigin, KEY.vkey, "log_wrong_origin"],
    ["badSignature", logs.badSignature, KEY.vkey, "log_bad_signature"],
    ["malformed", logs.malformed, KEY.vkey, "log_malformed_note"],
  ];
})();

// Functions that run in the page: self-contained, JSON in and out.

function listenForLog() {
  window.heard = [];
  for (const type of ["points-verified", "points-error"]) {
    document.addEventListener(type, (event) => window.heard.push({ type, detail: event.detail }));
  }
  return true;
}

function embedLog(host, attributes) {
  document.querySelector(host)?.remove();
  const element = document.createElement(host);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.querySelector("main").prepend(element);
  window.heard = [];
  return true;
}

/** The element's log state once settled (verified or refused), else null. */
function logSettled(host) {
  const root = document.querySelector(host)?.shadowRoot;
  const find = (name) => root?.querySelector(`[part~="${name}"]`);
  const [error, verified, evidence] = [find("error"), find("log-verified"), find("log-evidence")];
  const state = {
    code: error && !error.hidden ? error.dataset.code ?? null : null,
    verified: verified && !verified.hidden ? { ...verified.dataset } : null,
    evidence: evidence && !evidence.hidden ? { ...evidence.dataset } : null,
    granted: find("points-granted")?.dataset.exact ?? null,
    heard: window.heard,
  };
  return state.code || state.verified ? state : null;
}

function typeAmount(host, amount) {
  document.querySelector(host).amount = amount;
  return true;
}

function grantedShown(host, exact) {
  return document.querySelector(host)?.shadowRoot?.querySelector('[part~="points-granted"]')?.dataset.exact === exact;
}

/** Opens 核对 and, once the log's part is there, pastes `lines`, gives `secret` and runs the log's check. */
function checkAgainstLog(host, lines, secret) {
  const element = document.querySelector(host);
  element.task = "check";
  const root = element.shadowRoot;
  const part = root?.querySelector('[part~="check-log"]');
  if (!part || part.hidden) return false;
  const box = root.querySelector('[part~="check-input"]');
  box.value = lines;
  box.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
  root.querySelector('[part~="check-log-secret"]').value = secret;
  root.querySelector('[part~="check-log-run"]').click();
  return true;
}

/** The log part's verdicts once settled, else null. */
function logLinesSettled(host) {
  const results = document.querySelector(host)?.shadowRoot?.querySelector('[part~="check-log-results"]');
  if (!results || !["done", "refused"].includes(results.dataset.state)) return null;
  const lines = [...results.querySelectorAll('[part~="check-log-line"]')].map((item) => ({
    ...item.dataset,
    published: item.querySelector('[part~="check-log-published"]')?.textContent ?? null,
  }));
  return { ...results.dataset, lines };
}

for (const driver of drivers) {
  describe(`${driver.name}: the element checks the log before it shows a figure`, () => {
    let server;
    let browser;
    /** What /logs/<name>/… serves now: a test changes it between visits, as a platform could. */
    const logs = new Map();
    const routes = (pathname) => {
      const match = pathname.match(/^\/logs\/([^/]+)\/(.+)$/);
      if (!match) return undefined;
      return logs.get(match[1])?.get(match[2]) ?? false;
    };
    before(async () => {
      server = await startTestServer({ probe: driver.needsProbe ?? false, routes });
      browser = await driver.launch();
    }, { timeout: 120_000 });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    const attributes = (name, key = KEY.vkey) => ({ "log-src": `/logs/${name}/`, "log-key": key, lang: "en" });

    async function visit(page, name, key) {
      await page.evaluate(embedLog, HOST, attributes(name, key));
      return waitFor(page, `the check of ${name}`, logSettled, [HOST]);
    }

    test(`${driver.name}: a verified log shows its figure, says so and is heard as points-verified`, { timeout: 90_000 }, async () => {
      const { good, cosigned } = tamperedLogs();
      logs.set(`good-${driver.name}`, good);
      logs.set(`cosigned-${driver.name}`, cosigned);
      const want = expected(good);
      const page = await browser.open(`${server.origin}/`, DESKTOP);
      try {
        await page.evaluate(listenForLog);
        const shown = await visit(page, `good-${driver.name}`);
        assert.equal(shown.code, null);
        assert.deepEqual(
          [shown.verified.entry, shown.verified.size, shown.verified.fingerprint],
          [String(want.verified.entry), String(want.verified.size), want.verified.fingerprint],
        );
        assert.deepEqual(shown.heard.filter((event) => event.type === "points-verified").map((event) => event.detail), [
          { size: want.verified.size, entry: want.verified.entry, fingerprint: want.verified.fingerprint, origin: want.verified.origin },
        ]);
        await page.evaluate(typeAmount, HOST, "100");
        await waitFor(page, "the points granted on the log's pool", grantedShown, [HOST, want.granted]);
        // A witness's signature the element does not know is ignored: still verified.
        const cosignedShown = await visit(page, `cosigned-${driver.name}`);
        assert.equal(cosignedShown.code, null);
        assert.equal(cosignedShown.verified.entry, String(want.verified.entry));
        assert.deepEqual(await page.problems(), [], "no console errors");
      } finally {
        await page.close();
      }
    });

    test(`${driver.name}: 核对 against the log finds a member's lines included, missing or different`, { timeout: 90_000 }, async () => {
      const good = fixtureLog("base");
      const rows = logRows(good);
      const secret = memberSecret("m3");
      const mine = rows.filter((row) => row.tag === rowTag(secret, row.seq));
      const theirs = rows.find((row) => row.tag !== rowTag(secret, row.seq));
      const line = (row, result = row.result) => `${row.seq},${row.type},${row.value},1,${result}`;
      const [first, last] = [mine[0], mine.at(-1)];
      const lines = ["seq,type,value,price,result", line(first), line(last, `${last.result}9`), line(theirs), "15,purchase,100,1,40"].join("\n");
      logs.set(`lines-${driver.name}`, good);
      const page = await browser.open(`${server.origin}/`, DESKTOP);
      try {
        assert.equal((await visit(page, `lines-${driver.name}`)).code, null, "verified");
        await waitFor(page, "the log's part of 核对", checkAgainstLog, [HOST, lines, secret.toString("hex")]);
        const shown = await waitFor(page, "the lines against the log", logLinesSettled, [HOST]);
        assert.deepEqual([shown.state, shown.included, shown.missing, shown.different], ["done", "1", "2", "1"]);
        assert.deepEqual(shown.lines.map(({ line, seq, verdict, entry, fields, published }) => ({ line, seq, verdict, entry, fields, published })), [
          { line: "2", seq: String(first.seq), verdict: "included", entry: String(first.entry), fields: undefined, published: null },
          { line: "3", seq: String(last.seq), verdict: "different", entry: String(last.entry), fields: "result", published: last.text },
          { line: "4", seq: String(theirs.seq), verdict: "missing", entry: String(theirs.entry), fields: "tag", published: theirs.text },
          { line: "5", seq: "15", verdict: "missing", entry: undefined, fields: undefined, published: null },
        ]);
        assert.deepEqual(await page.problems(), [], "no console errors");
      } finally {
        await page.close();
      }
    });

    test(`${driver.name}: every tampered log is no figure, its code, a points-error and the evidence`, { timeout: 120_000 }, async () => {
      const page = await browser.open(`${server.origin}/`, DESKTOP);
      try {
        await page.evaluate(listenForLog);
        for (const [name, log, key, code] of TAMPERED) {
          logs.set(`${name}-${driver.name}`, log);
          const shown = await visit(page, `${name}-${driver.name}`, key);
          assert.equal(shown.code, code, name);
          assert.equal(shown.verified, null, `${name}: not said verified`);
          assert.deepEqual(shown.evidence, { kept: "no", received: name === "missingCheckpoint" ? "no" : "yes" }, `${name}: the evidence`);
          assert.deepEqual(shown.heard.filter((event) => event.type !== "points-error"), [], `${name}: no points-verified`);
          assert.deepEqual(shown.heard.map((event) => event.detail.code), [code], `${name}: one points-error`);
          await page.evaluate(typeAmount, HOST, "100");
          await new Promise((resolve) => setTimeout(resolve, 150));
          assert.equal((await page.evaluate(logSettled, HOST)).granted, null, `${name}: no figure`);
        }
      } finally {
        await page.close();
      }
    });

    test(`${driver.name}: a rollback and a fork of the log this browser saw are refused, with both checkpoints`, { timeout: 90_000 }, async () => {
      const page = await browser.open(`${server.origin}/`, DESKTOP);
      const history = `history-${driver.name}`;
      try {
        await page.evaluate(listenForLog);
        for (const [seen, served, code] of [["grown", "base", "log_rollback"], ["base", "fork", "log_fork"], ["base", "other", "log_inconsistent"]]) {
          const name = `${history}-${code}`;
          logs.set(name, fixtureLog(seen));
          assert.equal((await visit(page, name)).code, null, `${seen} verified and kept`);
          logs.set(name, fixtureLog(served));
          const shown = await visit(page, name);
          assert.equal(shown.code, code, `${seen}, then ${served}`);
          assert.deepEqual(shown.evidence, { kept: "yes", received: "yes" });
          assert.equal(shown.verified, null);
          await page.evaluate(typeAmount, HOST, "100");
          await new Promise((resolve) => setTimeout(resolve, 150));
          assert.equal((await page.evaluate(logSettled, HOST)).granted, null, `${code}: no figure`);
          // The refused checkpoint is not kept: the one seen before still is.
          logs.set(name, fixtureLog(seen));
          assert.equal((await visit(page, name)).code, null, `${seen} again, verified`);
        }
      } finally {
        await page.close();
      }
    });
  });
}
