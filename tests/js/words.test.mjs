// The one catalogue of words (www/shared/words.js) against the engine: every error code and
// ledger problem that `errorCodes()` lists has Chinese and English text, in both builds; the
// pages' own texts have the same entries in both languages. A code the engine adds without
// words fails here, not in front of a member.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ALL_BUILDS, load } from "./builds.mjs";
import { words, describe, readableLimits } from "../../www/shared/words.js";
import { formatter } from "../../www/shared/format.js";
import { i18n } from "../../www/element/text.js";
import { checkText } from "../../www/element/check-text.js";
import { text as operatorText } from "../../www/operator/text.js";

const engines = {};
for (const build of ALL_BUILDS) engines[build.name] = await load(build);

test("every code and problem the engine lists has words in Chinese and English", () => {
  for (const [name, engine] of Object.entries(engines)) {
    const { codes, problems } = engine.errorCodes();
    assert.ok(codes.length >= 16 && problems.length >= 14, `${name}: the engine lists its codes`);
    for (const locale of ["zh-CN", "en"]) {
      for (const code of codes) assert.ok(words[locale].codes[code]?.trim(), `${name} ${locale}: no words for the code ${code}`);
      for (const problem of problems) assert.ok(words[locale].problems[problem]?.trim(), `${name} ${locale}: no words for the problem ${problem}`);
    }
  }
});

test("the catalogue and the pages' texts have the same entries in both languages", () => {
  const keys = (value, prefix = "") => Object.entries(value).flatMap(([key, entry]) =>
    (entry && typeof entry === "object" && !("one" in entry) ? keys(entry, `${prefix}${key}.`) : [`${prefix}${key}`])).sort();
  for (const [name, texts] of [["words", words], ["element", i18n], ["check", checkText], ["operator", operatorText]]) {
    assert.deepEqual(keys(texts.en), keys(texts["zh-CN"]), `${name}: the same entries in English and Chinese`);
  }
});

test("describe() fills every value from the error and the engine's limits, and never shows the English message", () => {
  const engine = engines.member;
  const limits = readableLimits(engine.limits(), formatter("en"));
  const thrown = [];
  const capture = (fn) => {
    try {
      fn();
    } catch (error) {
      thrown.push(error);
    }
  };
  const pool = engine.PointsPool.fromState({ pool: "3000", supply: "579.93" });
  capture(() => pool.purchase("you", "10000000000000"));
  capture(() => pool.purchase("you", "abc"));
  capture(() => engine.checkHistory(undefined, "消费,100,,21\n", "1"));
  capture(() => engine.checkHistory(undefined, "x".repeat(70_000), "1"));
  capture(() => engine.PointsPool.fromState({ pool: "3000" }));
  pool.free();
  assert.equal(thrown.length, 5);
  for (const error of thrown) {
    for (const locale of ["zh-CN", "en"]) {
      const said = describe(error, locale, { limits });
      assert.doesNotMatch(said, /\{\w+\}|undefined|null/, `${error.code}: ${said}`);
      assert.ok(!said.includes(error.message), `${error.code}: the engine's English is not shown`);
    }
  }
  assert.match(describe(thrown[0], "en", { limits }), /1T/, "the largest amount is the engine's limit, formatted");
});
