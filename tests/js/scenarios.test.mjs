// docs/model.md §7 across the boundary: the wasm's projection and Monte Carlo give the same numbers
// as the native engine (`examples/scenario.rs`), digit for digit, for the same seed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool, project, monteCarlo } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

const root = new URL("../../", import.meta.url).pathname;

function seedPool() {
  const pool = new PointsPool();
  for (let n = 1; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
  return pool;
}

/** The native engine's answer for the same inputs, through cargo's example runner. */
function native(command, ...documents) {
  const folder = mkdtempSync(join(tmpdir(), "points-pool-"));
  const paths = documents.map((document, index) => {
    const path = join(folder, `${index}.json`);
    writeFileSync(path, JSON.stringify(document));
    return path;
  });
  const output = execFileSync("cargo", ["run", "--quiet", "--example", "scenario", "--", command, ...paths], {
    cwd: root,
    encoding: "utf8",
  });
  return JSON.parse(output);
}

const scenario = {
  days: 90, ordersPerDay: 40, averageOrder: "120", orderGrowth: "0.01", withdrawRate: "0.02",
  points: "21", spent: "100",
};

test("Monte Carlo: the same seed gives the same numbers natively and in wasm", () => {
  const snapshot = seedPool().snapshot();
  const options = { runs: 300, seed: 20261125, orderSizeCv: "0.6", withdrawCv: "0.5" };
  const wasm = monteCarlo(snapshot, scenario, options);
  assert.deepEqual(wasm, native("monte-carlo", snapshot, scenario, options));
  assert.equal(wasm.days.length, 91);
  const other = monteCarlo(snapshot, scenario, { ...options, seed: 20261126 });
  assert.notDeepEqual(other.days, wasm.days, "another seed, other numbers");
});

test("projections agree natively and in wasm, stress presets included", () => {
  const snapshot = seedPool().snapshot();
  for (const stress of [null, "ordersStop", "withdrawalWave", "growthHalves", "negativeGrowth"]) {
    const stated = { ...scenario, stress };
    assert.deepEqual(project(snapshot, stated), native("project", snapshot, stated), String(stress));
  }
});

test("Monte Carlo refuses what it cannot do within its limits", () => {
  const snapshot = seedPool().snapshot();
  const refuses = (options, field, stated = scenario) =>
    assert.throws(() => monteCarlo(snapshot, stated, options), (error) =>
      error.name === "PoolError" && error.code === "invalid_scenario" && error.field === `options.${field}`);
  refuses({ runs: 10001, seed: 1 }, "runs");
  refuses({ runs: 0, seed: 1 }, "runs");
  refuses({ runs: 10000, seed: 1 }, "runs", { ...scenario, days: 365 }); // 3,650,000 run-days > 2,000,000
  refuses({ runs: 10, seed: -1 }, "seed");
  refuses({ runs: 10, seed: 1, orderSizeCv: 0.5 }, "orderSizeCv");
  refuses({ runs: 10, seed: 1, colour: "red" }, "colour");
  assert.throws(() => project(snapshot, { ...scenario, stress: "panic" }), (error) =>
    error.code === "invalid_scenario" && error.field === "stress");
});

test("project takes a bare pool state as well as a snapshot (docs/interface.md: stateOrSnapshot)", () => {
  const pool = seedPool();
  const fromState = project(pool.state(), scenario);
  assert.deepEqual(fromState, project(pool.publicSnapshot(), scenario));
  assert.equal(project({ pool: "3000", supply: "579.93" }, { days: 3, ordersPerDay: 1, averageOrder: "100" }).days.length, 4);
  assert.throws(() => project({ pool: "3000" }, scenario), { name: "PoolError", code: "invalid_snapshot" });
});
