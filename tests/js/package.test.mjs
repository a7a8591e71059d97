// The built npm package (www/pkg) as a Node user loads it: initSync with the bytes,
// then docs/interface.md, strings in and strings out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool, LedgerAudit, simulatePopulation, sweepValues, version } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

test("the seed table through the published package", () => {
  const pool = new PointsPool();
  const granted = ["A", "B", "C", "D"].map((member) => pool.purchase(member, "100").pointsGranted);
  assert.deepEqual(granted, ["21", "14.7", "12.495", "11.2455"]);
  for (let n = 5; n <= 100; n += 1) pool.purchase(`m${n}`, "100");
  assert.equal(Number(pool.state().price).toFixed(4), "5.1731");
  assert.equal(Number(pool.member("A").value).toFixed(2), "108.63");
});

test("errors are PoolErrors with a code", () => {
  const pool = new PointsPool({ poolRate: "0.30" });
  assert.throws(() => pool.purchase("A", 100), { name: "PoolError", code: "invalid_decimal" });
  assert.throws(() => pool.purchase("A", "1e2"), { name: "PoolError", code: "invalid_decimal" });
  assert.throws(() => new PointsPool({ poolRate: 0.3 }), { code: "invalid_config", field: "poolRate" });
  assert.throws(() => pool.withdraw("nobody", "1"), { code: "unknown_member" });
});

test("a snapshot round trip keeps every byte", () => {
  const pool = new PointsPool();
  pool.purchase("甲", "100");
  pool.purchase("乙", "250.5");
  pool.withdraw("甲", "3");
  const snapshot = pool.snapshot();
  assert.equal(JSON.stringify(PointsPool.fromSnapshot(snapshot).snapshot()), JSON.stringify(snapshot));
  assert.equal(JSON.stringify(PointsPool.fromSnapshot(JSON.stringify(snapshot)).snapshot()), JSON.stringify(snapshot));
});

test("the package is a proper npm package", () => {
  const meta = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));
  assert.equal(meta.name, "points-pool");
  assert.equal(meta.version, version());
  for (const field of ["description", "license", "repository", "types"]) assert.ok(meta[field], field);
  const listing = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: pkg, encoding: "utf8" });
  const files = JSON.parse(listing)[0].files.map((file) => file.path);
  for (const file of ["points_pool.js", "points_pool_bg.wasm", "points_pool.d.ts", "package.json", "README.md"]) {
    assert.ok(files.includes(file), `${file} in the tarball`);
  }
  const types = readFileSync(new URL("points_pool.d.ts", pkg), "utf8");
  assert.match(types, /purchase\(memberId: string, amount: DecimalString\): PurchaseReceipt;/);
  assert.match(types, /export interface Snapshot/);
});

test("a million calls on freed and failed objects leave every other object working", () => {
  const kept = new PointsPool();
  kept.purchase("A", "100");
  const freed = new PointsPool();
  freed.free();
  const failed = new LedgerAudit();
  // A trap inside the engine (not a refusal) marks the object failed; a refusal does not.
  assert.throws(() => failed.feed("1,purchase,A,abc\n"), { code: "invalid_ledger", line: 1, field: "value" });
  for (let call = 0; call < 1_000_000; call += 1) {
    try {
      freed.state();
      assert.fail("a freed pool answered");
    } catch (error) {
      if (error.code !== "object_freed") throw error;
    }
    if (call % 100_000 === 0) {
      assert.throws(() => failed.finish(), { code: "invalid_ledger" }, "a refused audit keeps refusing");
      assert.throws(() => freed.purchase("B", "1"), { name: "PoolError", code: "object_freed" });
      assert.throws(() => PointsPool.prototype.state.call({}), { name: "PoolError", code: "foreign_object" });
    }
  }
  assert.equal(kept.member("A").points, "21");
  assert.equal(new PointsPool().purchase("B", "100").pointsGranted, "21");
});

test("the population and sweep steps come from the engine", () => {
  const days = [];
  const result = simulatePopulation({ exitMultiple: "1" }, { orders: 2000, repeatShare: "0.2", chance: "0.2", seed: 1 }, (day) => days.push(day));
  assert.equal(days.length, 100);
  assert.equal(result.state.pool, PointsPool.fromSnapshot(result.publicSnapshot).state().pool);
  for (const name of ["surplus", "cuts", "forfeits", "gain", "surplusShare"]) assert.match(result.totals[name], /^\d+(\.\d+)?$/, name);
  assert.throws(() => simulatePopulation(undefined, { orders: 0, repeatShare: "0.2", chance: "0.2", seed: 1 }), { code: "invalid_scenario", field: "population.orders" });
  assert.deepEqual(sweepValues("0.2", "0.4", 5), ["0.2", "0.25", "0.3", "0.35", "0.4"]);
  assert.throws(() => sweepValues("0.2", "0.4", 51), { code: "invalid_scenario", field: "sweep.steps" });
  assert.throws(() => sweepValues(0.2, "0.4", 5), { code: "invalid_decimal", field: "sweep.from" });
});
