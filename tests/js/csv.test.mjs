// The one CSV writer (www/shared/csv.js, docs/formats.md §7): a plain decimal stays a number;
// every other cell a spreadsheet could run as a formula is written as text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { neutralizeCell, toCsv } from "../../www/shared/csv.js";

test("plain decimals as the engine writes them stay numbers", () => {
  for (const cell of ["-0.01", "0", "21", "5.1731", "-12.5", "1000000"]) assert.equal(neutralizeCell(cell), cell);
  assert.equal(neutralizeCell(7), "7");
});

test("every other cell beginning with = + - @ tab or CR is text", () => {
  const attacks = ["-1+cmd|' /C calc'!A0", "=1+1", "+1", "-", "-x", "@SUM(A1)", "\t=1", "\r=1", "-1e5", "--1", "-01", "-0.", "+0.5", "-.5"];
  for (const cell of attacks) assert.equal(neutralizeCell(cell), `'${cell}`, JSON.stringify(cell));
  for (const cell of ["A", "1+1", "abc-1", "¥5", ""]) assert.equal(neutralizeCell(cell), cell);
});

test("toCsv writes the set label from a share link as quoted text", () => {
  const csv = toCsv(["set", "price"], [["-1+cmd|' /C calc'!A0", "-0.01"]]);
  assert.equal(csv, "\ufeffset,price\r\n\"'-1+cmd|' /C calc'!A0\",-0.01\r\n");
});
