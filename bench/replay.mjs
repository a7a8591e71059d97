// `make bench` (replay part): one generated ledger of 200,000 rows with published
// prices, replayed by the WebAssembly engine and by the same engine in plain JS with
// decimal.js in this process, and natively by `examples/replay.rs`. Best of 5 each.
// The final pools are compared, so the race is between engines that agree.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReferencePool } from "./reference-engine.mjs";

const ROWS = 200_000;
const pkg = new URL("../www/pkg/", import.meta.url);
const { initSync, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

function generateLedger(rows) {
  const pool = new PointsPool();
  const lines = ["seq,type,member,value,priceAfter"];
  const held = new Map();
  for (let seq = 1; seq <= rows; seq += 1) {
    const member = `m${seq % 5000}`;
    let type = "purchase";
    let value = `${10 + (seq % 490)}.${String(seq % 100).padStart(2, "0")}`;
    let receipt;
    if (seq % 5 === 0 && (held.get(member) ?? 0) > 1) {
      type = "withdraw";
      value = "0.5";
      receipt = pool.withdraw(member, value);
    } else {
      receipt = pool.purchase(member, value);
    }
    held.set(member, Number(pool.member(member).points));
    const [whole, fraction = ""] = receipt.priceAfter.split(".");
    lines.push(`${seq},${type},${member},${value},${whole}.${fraction.padEnd(4, "0").slice(0, 4)}`);
  }
  pool.free();
  return `${lines.join("\n")}\n`;
}

function best(run, repeats = 5) {
  let fastest = Infinity;
  let result;
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    result = run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return { seconds: fastest / 1000, result };
}

const ledger = generateLedger(ROWS);
const wasm = best(() => {
  const pool = new PointsPool();
  const report = pool.replay(ledger);
  const state = pool.state();
  pool.free();
  return { report, state };
});
const reference = best(() => {
  const pool = new ReferencePool();
  const report = pool.replay(ledger);
  return { report, pool: pool.pool.toString(), supply: pool.supply.toString() };
}, 3);

const file = join(mkdtempSync(join(tmpdir(), "points-pool-")), "ledger.csv");
writeFileSync(file, ledger);
const native = JSON.parse(
  execFileSync("cargo", ["run", "--quiet", "--profile", "bench", "--example", "replay", "--", file, "5"], { encoding: "utf8" }),
);

const agree = wasm.result.state.pool === reference.result.pool && wasm.result.state.supply === reference.result.supply;
const perSecond = (seconds) => ROWS / seconds;
const format = (n) => `${(n / 1e6).toFixed(2)} M rows/s`;
console.log(`ledger replay, ${ROWS.toLocaleString("en")} rows (${wasm.result.report.checked} published prices, ${wasm.result.report.mismatches} mismatches):`);
console.log(`  native Rust        ${format(perSecond(native.seconds))}`);
console.log(`  WebAssembly        ${format(perSecond(wasm.seconds))}  (${(native.seconds === 0 ? 0 : wasm.seconds / native.seconds).toFixed(2)}× native's time; budget ≤ 1.5×, ≥ 1 M rows/s)`);
console.log(`  decimal.js (JS)    ${format(perSecond(reference.seconds))}  (WebAssembly is ${(reference.seconds / wasm.seconds).toFixed(1)}× faster; budget ≥ 20×)`);
console.log(`  final pools agree: ${agree ? "yes" : `NO (wasm ${wasm.result.state.pool}/${wasm.result.state.supply}, decimal.js ${reference.result.pool}/${reference.result.supply})`}`);
