// The one formatter (www/shared/format.js): the engine's decimal strings laid out by Intl, in
// Node's ICU as in the browsers. Exact: a price reads the same on both pages; no "-¥0.00"; a
// difference keeps every decimal the engine gave; plural words never say "All 1 lines".
import { test } from "node:test";
import assert from "node:assert/strict";
import { formatter } from "../../www/shared/format.js";
import { fill, plural } from "../../www/shared/words.js";
import { checkText } from "../../www/element/check-text.js";

test("figures are the engine's strings, formatted exactly, never through a float", () => {
  for (const locale of ["zh-CN", "en"]) {
    const format = formatter(locale);
    assert.equal(format.price("5.17314999999999999999"), "5.1731", "the price the element and the operator page both show");
    assert.equal(format.price("5.17315"), "5.1732");
    assert.equal(format.pointsExact("0.1000000000001"), "0.1000000000001");
    assert.equal(format.money("12345678901234.565"), locale === "en" ? "¥12,345,678,901,234.57" : "¥12,345,678,901,234.57");
    assert.equal(format.percent("0.8"), "80%");
    assert.equal(format.times("11.8710000001"), "11.87");
  }
});

test("no sign on what rounds to zero; differences keep their sign and every decimal", () => {
  const format = formatter("en");
  assert.equal(format.money("-0.001"), "¥0.00", 'never "-¥0.00"');
  assert.equal(format.money("-1.5"), "-¥1.50");
  assert.equal(format.moneyDifference("-0.0559"), "-¥0.0559");
  assert.equal(format.moneyDifference("0"), "¥0.00");
  assert.equal(format.pointsDifference("0.05"), "+0.05");
  assert.equal(format.pointsDifference("-0.0000000000001"), "-0.0000000000001");
});

test("counts choose their plural: no \"All 1 lines\"", () => {
  const said = (count) => fill(plural(checkText.en.allOk, count, "en"), { count });
  assert.doesNotMatch(said(1), /All 1 lines/);
  assert.match(said(1), /\b1 line\b/);
  assert.match(said(2), /All 2 lines/);
  assert.equal(plural(checkText["zh-CN"].allOk, 1, "zh-CN"), checkText["zh-CN"].allOk);
});

test("a positive figure too small to read at its usual decimals keeps two significant digits, never reads as 0", () => {
  for (const locale of ["zh-CN", "en"]) {
    const format = formatter(locale);
    assert.equal(format.points("0.000000000004"), "0.000000000004");
    assert.equal(format.money("0.0000000000596"), "¥0.00000000006");
    assert.equal(format.price("0.00001234"), "0.000012");
    assert.equal(format.points("0"), "0");
    assert.equal(format.money("0.004"), "¥0.004");
    assert.equal(format.money("0.005"), "¥0.01", "what rounds to a fen reads at the fen");
  }
});
