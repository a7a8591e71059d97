// `make bench`: what size costs in speed on the full engine (www/pkg, the operator's). Builds
// the wasm with our crate at opt-level "z", "s", 2 and 3 (shipped; dependencies stay at 3, as
// in Cargo.toml) through the same wasm-bindgen and wasm-opt steps as `make build`, and replays
// one generated 200,000-row ledger with each (best of 5) beside the native replay. Issue 18's
// budgets: ledger text with published prices ≤ 1.5× native's time. (The member's engine,
// www/pkg-member, is built at "z" throughout: Cargo.toml's `member` profile says why.)
// Nothing in www/pkg changes: each level builds in target/opt-levels/<level>/.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { generateLedger } from "../tests/support/ledger.mjs";

const ROWS = 200_000;
const root = fileURLToPath(new URL("../", import.meta.url));
const require = createRequire(import.meta.url);
// The wasm-opt flags `make build` uses, as Cargo.toml gives them to wasm-pack.
const cargoToml = readFileSync(join(root, "Cargo.toml"), "utf8");
const wasmOptFlags = JSON.parse(cargoToml.match(/^wasm-opt = (\[.*\])$/m)[1]);

const ledger = generateLedger(ROWS).text;
const folder = mkdtempSync(join(tmpdir(), "points-pool-opt-"));
const ledgerFile = join(folder, "ledger.csv");
writeFileSync(ledgerFile, ledger);

const run = (command, args, env = {}) =>
  execFileSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const native = JSON.parse(run("cargo", ["run", "--quiet", "--profile", "bench", "--example", "replay", "--", ledgerFile, "5"]));

function build(level) {
  const target = join(root, "target", "opt-levels", level);
  run("cargo", ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "--lib"], {
    CARGO_TARGET_DIR: target,
    CARGO_PROFILE_RELEASE_OPT_LEVEL: level,
  });
  const out = join(target, "pkg");
  rmSync(out, { recursive: true, force: true });
  run("wasm-bindgen", ["--target", "nodejs", "--out-dir", out, join(target, "wasm32-unknown-unknown/release/points_pool.wasm")]);
  // The nodejs glue is CommonJS; the repository's package.json says "module".
  writeFileSync(join(out, "package.json"), '{ "type": "commonjs" }\n');
  const wasm = join(out, "points_pool_bg.wasm");
  run("wasm-opt", [...wasmOptFlags, wasm, "-o", wasm]);
  return out;
}

function replaySeconds(pkg) {
  const { PointsPool } = require(join(pkg, "points_pool.js"));
  let fastest = Infinity;
  for (let repeat = 0; repeat < 5; repeat += 1) {
    const start = performance.now();
    const pool = new PointsPool();
    pool.replay(ledger);
    pool.free();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest / 1000;
}

console.log(`our crate's opt-level against the replay budget (≤ 1.5× native's time) (${ROWS.toLocaleString("en")}-row replay, best of 5; native ${(ROWS / native.seconds / 1e6).toFixed(2)} M rows/s):`);
for (const level of ["z", "s", "2", "3"]) {
  const pkg = build(level);
  const seconds = replaySeconds(pkg);
  const gzipped = gzipSync(readFileSync(join(pkg, "points_pool_bg.wasm")), { level: 9 }).length;
  const shipped = level === "3" ? "  (shipped)" : "";
  console.log(`  opt-level ${level.padEnd(2)} ${(ROWS / seconds / 1e6).toFixed(2)} M rows/s, ${(seconds / native.seconds).toFixed(2)}× native's time, ${(gzipped / 1024).toFixed(1)} KB gzipped${shipped}`);
}
rmSync(folder, { recursive: true, force: true });
