// The door's budgets (issue 18), in one Node process on the full package (www/pkg): loading a
// snapshot of 100,000 members (≤ 1 s from JSON text; 1,000,000 too, issue 11's ≤ 10 s from
// text), writing it back, and the replay of a ledger fed as bytes (≥ 1.4 M rows/s); then
// checkHistory (issue 15: under 100 ms) and both engines' sizes. `node bench/door.mjs` (after
// `make build`). Reported, not asserted.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const pkg = new URL("../www/pkg/", import.meta.url);
const { initSync, PointsPool, checkHistory } = await import(new URL("points_pool.js", pkg));
const wasm = readFileSync(new URL("points_pool_bg.wasm", pkg));
initSync({ module: wasm });

function time(work) {
  const start = performance.now();
  const result = work();
  return [performance.now() - start, result];
}

for (const members of [100_000, 1_000_000]) {
  const entries = [];
  for (let n = 0; n < members; n += 1) entries.push(`"member-${n}":{"points":"1","spent":"1","received":"0","exited":false}`);
  const text = `{"format":"points-pool/1","config":{"poolRate":"0.3","grantRate":"0.7","initialPrice":"1","payoutRate":"0.8","redeemRate":"1","exitMultiple":"2","rounding":null},"pool":"${members}","supply":"${members}","orders":${members},"totals":{"contributed":"${members}","paidOut":"0","redeemed":"0"},"members":{${entries.join(",")}}}`;
  const [loadText, pool] = time(() => PointsPool.fromSnapshot(text));
  const [writeText, written] = time(() => pool.snapshotText());
  const object = JSON.parse(text);
  const [loadObject, again] = time(() => PointsPool.fromSnapshot(object));
  const budget = members === 100_000 ? "≤ 1 s" : "≤ 10 s";
  console.log(`snapshot of ${members.toLocaleString("en")} members (${(text.length / 2 ** 20).toFixed(1)} MB): load from text ${loadText.toFixed(0)} ms (budget ${budget}), from an object ${loadObject.toFixed(0)} ms, snapshotText ${writeText.toFixed(0)} ms (${written.length === text.length ? "same length" : "length differs"})`);
  pool.free();
  again.free();
}

const rows = 200_000;
const lines = ["seq,type,member,value"];
for (let seq = 1; seq <= rows; seq += 1) lines.push(`${seq},purchase,m${seq % 9973},${10 + (seq % 500)}.${String(seq % 100).padStart(2, "0")}`);
const bytes = new TextEncoder().encode(lines.join("\n") + "\n");
let best = Infinity;
for (let repeat = 0; repeat < 5; repeat += 1) {
  const audit = new PointsPool().audit();
  const [took] = time(() => {
    for (let start = 0; start < bytes.length; start += 1 << 20) audit.feed(bytes.subarray(start, start + (1 << 20)));
    audit.finish();
  });
  best = Math.min(best, took);
  audit.free();
}
console.log(`replay of ${rows.toLocaleString("en")} purchase rows fed as 1 MB byte pieces: ${(rows / best / 1000).toFixed(2)} M rows/s (best of 5; budget ≥ 1.4 M rows/s)`);
// Issue 15: a member's 2,000-line history checked (the budget: under 100 ms in the browser).
const history = ["type,value,price,result"];
const member = new PointsPool();
for (let n = 0; n < 2_000; n += 1) {
  const receipt = member.purchase(`m${n % 97}`, `${50 + (n % 200)}.5`);
  history.push(`purchase,${receipt.amount},${receipt.priceBefore},${receipt.pointsGranted}`);
}
const historyText = history.join("\n");
let bestCheck = Infinity;
for (let repeat = 0; repeat < 5; repeat += 1) bestCheck = Math.min(bestCheck, time(() => checkHistory(undefined, historyText, member.state().price))[0]);
console.log(`checkHistory of 2,000 lines (wasm): ${bestCheck.toFixed(1)} ms (best of 5; budget < 100 ms in the browser)`);
const memberWasm = readFileSync(new URL("../www/pkg-member/points_pool_member_bg.wasm", import.meta.url));
for (const [name, bytes] of [["pkg-member/points_pool_member_bg.wasm (the element's)", memberWasm], ["pkg/points_pool_bg.wasm (operator)", wasm]]) {
  console.log(`${name}: ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
}
console.log("what the element loads before its first result: node bench/widget.mjs (budget ≤ 100 KB gzipped)");
