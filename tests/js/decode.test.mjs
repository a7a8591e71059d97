// A member's history file as text (www/element/decode.js, docs/formats.md §5 "Files"), from
// fixture bytes: a stray byte keeps UTF-8; GB18030 only when it is clearly GB18030; UTF-16 read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeFile } from "../../www/element/decode.js";

const LINES = "类型,金额,价格,到账\n消费,100,1,21\n提现,10,2.5,17.5\n";
const utf8 = Buffer.from(LINES, "utf8");

test("UTF-8, with or without a byte-order mark, is UTF-8", () => {
  assert.deepEqual(decodeFile(utf8), { text: LINES, encoding: "utf-8", replaced: 0 });
  assert.deepEqual(decodeFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), { text: LINES, encoding: "utf-8", replaced: 0 });
});

test("one stray byte in a UTF-8 file keeps the file UTF-8, the byte replaced and counted", () => {
  for (const stray of [0x80, 0xff, 0xc0, 0xa1]) {
    const bytes = Buffer.concat([utf8.subarray(0, 20), Buffer.from([stray]), utf8.subarray(20)]);
    const decoded = decodeFile(bytes);
    assert.equal(decoded.encoding, "utf-8", `0x${stray.toString(16)}`);
    assert.equal(decoded.replaced, 1);
    assert.equal(decoded.text.replace("\ufffd", ""), LINES);
  }
  // ASCII lines with one stray byte: the same.
  const ascii = Buffer.concat([Buffer.from("type,value,price,result\npurchase,100,1,21"), Buffer.from([0x80]), Buffer.from("\n")]);
  assert.equal(decodeFile(ascii).encoding, "utf-8");
});

test("GB18030 (Excel on Chinese Windows) is read when the bytes are clearly GB18030", () => {
  // 类型,金额,价格,到账 / 消费,100,1,21 in GB18030.
  const gb = Buffer.from("c0e0d0cd2cbdf0b6ee2cbcdbb8f12cb5bdd5cb0a cffbb7d12c3130302c312c32310a".replaceAll(" ", ""), "hex");
  assert.deepEqual(decodeFile(gb), { text: "类型,金额,价格,到账\n消费,100,1,21\n", encoding: "gb18030", replaced: 0 });
});

test("UTF-16 LE and BE with a byte-order mark (Excel's Unicode text) are read", () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES.replaceAll(",", "\t"), "utf16le")]);
  assert.deepEqual(decodeFile(le), { text: LINES.replaceAll(",", "\t"), encoding: "utf-16le", replaced: 0 });
  const be = Buffer.from(le).swap16();
  assert.deepEqual(decodeFile(be), { text: LINES.replaceAll(",", "\t"), encoding: "utf-16be", replaced: 0 });
});
