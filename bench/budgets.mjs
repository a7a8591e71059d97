// `make bench`, issue 18's budgets in one process so the ratios are fair:
// 1. one generated ledger of 200,000 rows with published prices, replayed by the full
//    WebAssembly engine (www/pkg) and natively by `examples/replay.rs` (best of 5 each):
//    ≤ 1.5× native's time; beside it, for reference only, the same engine in plain JS with
//    decimal.js (the final pools are compared, so the race is between engines that agree)
//    and the decimal arithmetic of a purchase alone, natively and in wasm (bench/primitives.mjs);
// 2. `project()` for 365 days × 10,000 orders a day (median of 9): ≤ 5 ms, on the member's
//    engine (www/pkg-member, what the element's worker runs) and on the full one, beside the
//    same scenario as a per-order float loop in plain JS;
// 3. `monteCarlo()` 1,000 runs × 365 days: ≤ 1 s, on both engines;
// 4. the sizes: both wasm files, and what the element loads before its first result
//    (≤ 100 KB gzipped; `node bench/widget.mjs` measures it in the browser).
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ReferencePool } from "./reference-engine.mjs";
import { measurePrimitives } from "./primitives.mjs";
import { generateLedger } from "../tests/support/ledger.mjs";

const ROWS = 200_000;
const pkg = new URL("../www/pkg/", import.meta.url);
const { initSync, PointsPool, project, monteCarlo } = await import(new URL("points_pool.js", pkg));
const wasmBytes = readFileSync(new URL("points_pool_bg.wasm", pkg));
initSync({ module: wasmBytes });
const memberPkg = new URL("../www/pkg-member/", import.meta.url);
const member = await import(new URL("points_pool_member.js", memberPkg));
const memberBytes = readFileSync(new URL("points_pool_member_bg.wasm", memberPkg));
member.initSync({ module: memberBytes });

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

const ledger = generateLedger(ROWS).text;
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
console.log(`  WebAssembly        ${format(perSecond(wasm.seconds))}  (${(native.seconds === 0 ? 0 : wasm.seconds / native.seconds).toFixed(2)}× native's time; budget ≤ 1.5×)`);
console.log(`  decimal.js (JS)    ${format(perSecond(reference.seconds))}  (WebAssembly is ${(reference.seconds / wasm.seconds).toFixed(1)}× faster; reported, no budget)`);
const arithmetic = await measurePrimitives();
console.log(`  the decimal arithmetic of a purchase alone (bench/primitives, opt-level 3): native ${arithmetic.nativeNs.toFixed(0)} ns, WebAssembly ${arithmetic.wasmNs.toFixed(0)} ns a purchase (${(arithmetic.wasmNs / arithmetic.nativeNs).toFixed(2)}×)`);
console.log(`  final pools agree: ${agree ? "yes" : `NO (wasm ${wasm.result.state.pool}/${wasm.result.state.supply}, decimal.js ${reference.result.pool}/${reference.result.supply})`}`);

function median(run, repeats = 9) {
  const times = [];
  let result;
  for (let i = 0; i < repeats; i += 1) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(repeats / 2)], result };
}

/** The scenario as a web developer would loop it: every order minted in floating point. */
function perOrderFloat(snapshot, scenario) {
  const config = Object.fromEntries(["poolRate", "grantRate", "payoutRate"].map((name) => [name, Number(snapshot.config[name])]));
  let pool = Number(snapshot.pool);
  let supply = Number(snapshot.supply);
  const contribution = Number(scenario.averageOrder) * config.poolRate;
  const grant = contribution * config.grantRate;
  const withdraw = Number(scenario.withdrawRate);
  const points = Number(scenario.points);
  const prices = [pool / supply];
  for (let day = 1; day <= scenario.days; day += 1) {
    for (let order = 0; order < scenario.ordersPerDay; order += 1) {
      supply += (grant * supply) / pool;
      pool += contribution;
    }
    const cashed = withdraw * Math.max(0, supply - points);
    pool -= (cashed * pool * config.payoutRate) / supply;
    supply -= cashed;
    prices.push(pool / supply);
  }
  return prices;
}

const seedPool = new PointsPool();
for (let n = 1; n <= 100; n += 1) seedPool.purchase(`m${n}`, "100");
const snapshot = seedPool.snapshot();
seedPool.free();
const year = { days: 365, ordersPerDay: 10_000, averageOrder: "100", withdrawRate: "0.01", points: "21", spent: "100" };
const projected = median(() => project(snapshot, year));
const memberProjected = median(() => member.project(snapshot, year));
const floatLoop = median(() => perOrderFloat(snapshot, year), 3);
const lastPrice = Number(projected.result.days[365].price);
const gap = Math.abs(lastPrice - floatLoop.result[365]) / lastPrice;
console.log(`project(), 365 days × 10,000 orders a day (3.65 M orders):`);
console.log(`  member's engine, closed form ${memberProjected.ms.toFixed(2)} ms median of 9  (budget ≤ 5 ms)`);
console.log(`  full engine, closed form     ${projected.ms.toFixed(2)} ms median of 9  (budget ≤ 5 ms)`);
console.log(`  per-order float loop (JS)    ${floatLoop.ms.toFixed(1)} ms median of 3  (day-365 prices differ by ${gap.toExponential(1)} relative)`);

const simulated = median(() => monteCarlo(snapshot, year, { runs: 1000, seed: 1 }), 3);
const memberSimulated = median(() => member.monteCarlo(snapshot, year, { runs: 1000, seed: 1 }), 3);
console.log(`monteCarlo(), 1,000 runs × 365 days:`);
console.log(`  member's engine              ${memberSimulated.ms.toFixed(0)} ms median of 3  (budget ≤ 1,000 ms)`);
console.log(`  full engine                  ${simulated.ms.toFixed(0)} ms median of 3  (budget ≤ 1,000 ms)`);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
console.log(`sizes (zlib level 9):`);
console.log(`  www/pkg-member/points_pool_member_bg.wasm  ${kb(memberBytes.length)} raw, ${kb(gzip(memberBytes))} gzipped (${gzip(memberBytes)} bytes)`);
console.log(`  www/pkg/points_pool_bg.wasm (operator)      ${kb(wasmBytes.length)} raw, ${kb(gzip(wasmBytes))} gzipped (${gzip(wasmBytes)} bytes)`);
// What the element loads before its first result: itself, its modules and the member's engine
// (the projection worker starts after the first result; bench/widget.mjs checks that in the browser).
const element = ["points-calculator.js", "dom.js", "check-task.js", "pkg-member/points_pool_member.js", "pkg-member/points_pool_member_bg.wasm"]
  .reduce((sum, file) => sum + gzip(readFileSync(new URL(`../www/${file}`, import.meta.url))), 0);
console.log(`  the element before its first result          ${kb(element)} gzipped (budget ≤ 100 KB)`);
