// The front end as a newcomer reads it (issue 19, "the house"): www/ in folders (shared/,
// element/, operator/, workers/), no module over about 400 lines, no number formatted through
// Number(), no second reader of friendly numbers beside the engine's, no limit retyped where
// the engine's `limits()` says it, no innerHTML, no inline script or style in the pages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const WWW = fileURLToPath(new URL("../../www/", import.meta.url));
/** Our files under www/ (not the generated engines). */
const files = readdirSync(WWW, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(WWW, join(entry.parentPath ?? entry.path, entry.name)).split("\\").join("/"))
  .filter((path) => !/^pkg(-member(-log|-worker)?)?\//.test(path));
const scripts = files.filter((path) => path.endsWith(".js"));
const read = (path) => readFileSync(join(WWW, path), "utf8");
/** The code of a script, its comments left out (they may say what the code must not do). */
const code = (path) => read(path).replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

test("the modules live in their folders, none over about 400 lines", () => {
  const top = scripts.filter((path) => !path.includes("/"));
  assert.deepEqual(top.sort(), ["demo.js", "points-calculator.js"], "at the top: the element's entry and the demo's script");
  for (const folder of ["shared/", "element/", "operator/", "workers/"]) assert.ok(scripts.some((path) => path.startsWith(folder)), folder);
  for (const path of scripts) {
    const lines = read(path).split("\n").length;
    assert.ok(lines <= 420, `${path} has ${lines} lines`);
  }
});

test("no number is formatted through Number(), and friendly numbers are the engine's to read", () => {
  for (const path of scripts) {
    const text = code(path);
    assert.doesNotMatch(text, /\.format\(\s*Number\(/, `${path} formats through Number()`);
    assert.doesNotMatch(text, /toLocaleString\(/, `${path} formats outside the one formatter`);
    assert.doesNotMatch(text, /\\uFF10|[０-９]-|normalizeAmount/, `${path} reads full-width digits itself`);
    if (path !== "shared/format.js") assert.doesNotMatch(text, /new Intl\.NumberFormat/, `${path} keeps a formatter of its own`);
  }
});

test("no limit is retyped: pages read the engine's limits()", () => {
  for (const path of scripts) {
    const text = code(path);
    for (const retyped of [/\b3650\b/, /\b200000\b/, /\b200,000\b/, /100,000 行/, /64 KB/, /1 万亿/, /MAX_SWEEP_STEPS/, /\b1000000000000\b/]) {
      assert.doesNotMatch(text, retyped, `${path} retypes a limit (${retyped})`);
    }
  }
});

test("no innerHTML, no inline scripts or styles, no storage, no globals but the element", () => {
  for (const path of scripts) {
    const text = code(path);
    assert.doesNotMatch(text, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, path);
    // The one exception: element/log.js keeps a log's last checkpoint (README, "A published log").
    const stored = path === "element/log.js" ? text.replace(/window\.localStorage/, "") : text;
    assert.doesNotMatch(stored, /localStorage|sessionStorage|indexedDB|document\.cookie/, path);
    assert.doesNotMatch(text, /\bwindow\.\w+\s*=|globalThis\.\w+\s*=/, path);
    assert.doesNotMatch(text, /\.style\.|setAttribute\(\s*["']style["']/, path);
  }
  for (const page of files.filter((path) => path.endsWith(".html"))) {
    const html = read(page);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, `${page}: an inline script`);
    assert.doesNotMatch(html, /\sstyle=|<style/, `${page}: an inline style`);
  }
});
