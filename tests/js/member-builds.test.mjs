// The member's three engines are one door built with different features (Cargo.toml, Makefile):
// each must carry what its page calls and nothing it would only download for nothing. The first
// result's engine (www/pkg-member) computes the seed's example but neither projects nor checks
// lines; the worker's (www/pkg-member-worker) does both; the log's (www/pkg-member-log) verifies a
// log, and projects and checks in the worker like the plain one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MEMBER, MEMBER_LOG as LOG, MEMBER_WORKER as WORKER, load } from "./builds.mjs";

const OPERATOR_ONLY = ["LedgerAudit", "LogAudit", "simulatePopulation", "sweepValues"];
const FIRST_RESULT = ["PointsPool", "friendlyDecimal", "purchaseSplit", "limits", "errorCodes"];
const WORKER_ONLY = ["project", "monteCarlo", "checkHistory"];

/** The seed's first example (docs/model.md §6): A buys ¥100 into an empty pool, 21 points at 1.4285…. */
function seedExample(engine) {
  const pool = new engine.PointsPool();
  try {
    const receipt = pool.purchase("A", "100");
    return { contribution: receipt.contribution, points: receipt.pointsGranted, value: pool.member("A").value };
  } finally {
    pool.free();
  }
}

const has = (engine, names) => names.filter((name) => typeof engine[name] === "function");

test("the first result's engine computes but carries neither projections nor 核对", async () => {
  const engine = await load(MEMBER);
  assert.deepEqual(has(engine, FIRST_RESULT), FIRST_RESULT);
  assert.deepEqual(has(engine, [...WORKER_ONLY, "LogCheck", ...OPERATOR_ONLY]), []);
  assert.deepEqual(seedExample(engine), { contribution: "30", points: "21", value: "30" });
});

test("the worker's engine projects and checks what the first result's engine computed", async () => {
  const [first, worker] = [await load(MEMBER), await load(WORKER)];
  assert.deepEqual(has(worker, [...WORKER_ONLY, ...FIRST_RESULT]), [...WORKER_ONLY, ...FIRST_RESULT]);
  assert.deepEqual(has(worker, ["LogCheck", ...OPERATOR_ONLY]), []);
  assert.deepEqual(seedExample(worker), seedExample(first));
  const scenario = { days: 2, ordersPerDay: 10, averageOrder: "100" };
  const state = { pool: "30", supply: "21" };
  assert.equal(worker.project(state, scenario).days.length, 3);
  assert.equal(worker.checkHistory(undefined, "purchase,100,1,21").lines[0].verdict, "ok");
});

test("the log's engine verifies, and projects and checks in the worker like the plain one", async () => {
  const engine = await load(LOG);
  assert.deepEqual(has(engine, ["LogCheck", ...FIRST_RESULT]), ["LogCheck", ...FIRST_RESULT]);
  assert.deepEqual(has(engine, [...WORKER_ONLY, ...OPERATOR_ONLY]), []);
  assert.deepEqual(seedExample(engine), seedExample(await load(MEMBER)));
});
