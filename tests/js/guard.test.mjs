// Issue 21: the module survives anything a page can hand it (docs/interface.md §Objects). Each
// attack a million times (or at 100,000 deep), against the full engine (www/pkg) and the
// member's (www/pkg-member), and then objects made before and after still compute the seed's
// table. A refusal is a PoolError with a code; anything else thrown would mean the engine let a
// page's exception run through it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BUILDS, load } from "./builds.mjs";

const TIMES = 1_000_000;
// A million refusals each build an Error: without stack traces they cost a fifth.
Error.stackTraceLimit = 0;

/** Calls `call`, which must throw a PoolError (with `code` when given); gives the code. */
function refusal(call, code) {
  try {
    call();
  } catch (error) {
    if (error?.name !== "PoolError" || (code && error.code !== code)) throw error;
    return error.code;
  }
  throw new Error(`accepted: ${call}`);
}

/** What every object made before or after the attacks must still give. */
function seedTable(engine, pool) {
  const fresh = new engine.PointsPool();
  const granted = ["A", "B", "C", "D"].map((member) => fresh.purchase(member, "100").pointsGranted);
  assert.deepEqual(granted, ["21", "14.7", "12.495", "11.2455"]);
  assert.equal(pool.member("A").points, "21");
  assert.equal(pool.purchase("Z", "100").pointsGranted, "14.7");
}

function made(engine) {
  const pool = new engine.PointsPool();
  pool.purchase("A", "100");
  return pool;
}

/** Values whose every read throws: a getter, a Proxy of an object, of a function, of bytes. */
function hostile() {
  const trap = () => {
    throw new Error("a page's exception");
  };
  const traps = { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap, apply: trap };
  return [
    { get poolRate() { return trap(); }, get pool() { return trap(); }, get days() { return trap(); } },
    new Proxy({}, traps),
    new Proxy(() => {}, traps),
    new Proxy(new Uint8Array(4), traps),
    { toJSON: trap },
    { length: 3e9, charCodeAt: trap },
  ];
}

/** Every entry point of the build, each with one hostile argument `h` in one of its places. */
function entryPoints(engine, h) {
  const { PointsPool } = engine;
  const pool = new PointsPool();
  pool.purchase("A", "100");
  const state = { pool: "30", supply: "21" };
  const scenario = { days: 5, ordersPerDay: 10, averageOrder: "100" };
  const calls = [
    () => new PointsPool(h),
    () => PointsPool.fromSnapshot(h),
    () => pool.purchase(h, "1"),
    () => pool.purchase("A", h),
    () => pool.withdraw(h, h),
    () => pool.redeem("A", h),
    () => pool.quotePurchase(h),
    () => pool.quoteWithdrawal(h, "1"),
    () => pool.quoteRedemption("A", h),
    () => pool.member(h),
    () => pool.holding(h, h, h),
    () => engine.project(h, scenario),
    () => engine.project(state, h),
    () => engine.monteCarlo(state, scenario, h),
    () => engine.checkHistory(h, "purchase,100,1,21"),
    () => engine.checkHistory(undefined, h),
    () => engine.checkHistory(undefined, "purchase,100,1,21", h),
  ];
  if (engine.LogCheck) calls.push(() => new engine.LogCheck(h), () => engine.memberRowTag(h, "o", 1));
  if (engine.LedgerAudit) {
    const audit = new engine.LedgerAudit();
    calls.push(
      () => new engine.LedgerAudit(h),
      () => pool.replay(h),
      () => audit.feed(h),
      () => engine.simulatePopulation(h, { orders: 10, repeatShare: "0", chance: "0", seed: 1 }),
      () => engine.simulatePopulation(undefined, h),
      () => engine.sweepValues(h, "1", 5),
      () => new engine.LogAudit(h),
    );
  }
  return calls;
}

for (const build of BUILDS) {
  const engine = await load(build);

  test(`${build.name}: free() on a freed object, a million times, does nothing`, () => {
    const kept = made(engine);
    const freed = new engine.PointsPool();
    freed.free();
    for (let call = 0; call < TIMES; call += 1) freed.free();
    refusal(() => freed.state(), "object_freed");
    seedTable(engine, kept);
  });

  test(`${build.name}: throwing getters and Proxies in every argument of every entry point, a million calls`, () => {
    const kept = made(engine);
    const calls = hostile().flatMap((h) => entryPoints(engine, h));
    for (let call = 0; call < TIMES; call += 1) refusal(calls[call % calls.length]);
    seedTable(engine, kept);
  });

  test(`${build.name}: arrays nested 100,000 deep in a config, a state and a scenario are refused`, () => {
    const kept = made(engine);
    for (const depth of [200, 5_100, 100_000]) {
      let deep = [];
      for (let level = 0; level < depth; level += 1) deep = [deep];
      refusal(() => new engine.PointsPool({ rounding: deep }), "invalid_config");
      refusal(() => engine.project({ pool: "30", supply: "21", totals: deep }, { days: 1, ordersPerDay: 1, averageOrder: "1" }), "invalid_snapshot");
      refusal(() => engine.project({ pool: "30", supply: "21" }, { days: 1, ordersPerDay: 1, averageOrder: "1", stress: deep }), "invalid_scenario");
      const text = `{"format":"points-pool/1","pool":"0","supply":"0","orders":0,"totals":${"[".repeat(depth)}${"]".repeat(depth)}}`;
      refusal(() => engine.PointsPool.fromSnapshot(text), "invalid_snapshot");
    }
    seedTable(engine, kept);
  });

  test(`${build.name}: calling back into the engine during a call is refused, a million times`, () => {
    const kept = made(engine);
    const back = [() => kept.state(), () => new engine.PointsPool(), () => engine.version(), () => kept.free(), () => engine.project({ pool: "1", supply: "1" }, {})];
    let refused = 0;
    const callBack = () => {
      for (const call of back) refusal(call, "engine_busy");
      refused += back.length;
    };
    if (engine.simulatePopulation) {
      // The progress callback, once a day.
      while (refused < TIMES) engine.simulatePopulation(undefined, { orders: 1, days: 3650, repeatShare: "0", chance: "0", seed: 1 }, callBack);
    } else {
      // A getter of a config argument, read while the constructor runs.
      const config = { get poolRate() { callBack(); return "0.3"; } };
      while (refused < TIMES) new engine.PointsPool(config).free();
    }
    seedTable(engine, kept);
  });

  test(`${build.name}: forged objects, tampered handles and another class's objects are refused, a million times`, () => {
    const kept = made(engine);
    const { PointsPool, LedgerAudit } = engine;
    const copied = Object.create(PointsPool.prototype);
    assert.throws(() => { copied.__wbg_ptr = kept.__wbg_ptr; }, { code: "foreign_object" });
    const tampered = made(engine);
    Object.defineProperty(tampered, "__wbg_ptr", { value: kept.__wbg_ptr });
    const forgeries = [
      Object.create(PointsPool.prototype),
      Object.assign(Object.create(PointsPool.prototype), { garbage: 1 }),
      copied,
      tampered,
      {},
      new Proxy(kept, {}),
    ];
    // Another class's object: the log's check (full build) or an audit (operator build).
    if (engine.LogCheck) forgeries.push(new engine.LogCheck("pool.example/log+5601eabe+AUEOyA6/njgFLWfytnmM83kQKnCQuOE5wL/0Vz2IEp/b"));
    if (LedgerAudit) forgeries.push(new LedgerAudit());
    const methods = [PointsPool.prototype.state, PointsPool.prototype.purchase, PointsPool.prototype.snapshot, PointsPool.prototype.member];
    for (let call = 0; call < TIMES; call += 1) {
      const forged = forgeries[call % forgeries.length];
      refusal(() => methods[call % methods.length].call(forged, "A", "1"), "foreign_object");
    }
    // The glue's maker of objects and the guarded methods cannot be replaced.
    assert.throws(() => { "use strict"; PointsPool.__wrap = () => ({}); }, TypeError);
    assert.throws(() => { "use strict"; PointsPool.prototype.state = () => 1; }, TypeError);
    seedTable(engine, kept);
  });

  test(`${build.name}: start() again, a million times, changes nothing`, () => {
    const kept = made(engine);
    for (let call = 0; call < TIMES; call += 1) engine.start();
    refusal(() => engine.PointsPool.prototype.state.call({}), "foreign_object");
    seedTable(engine, kept);
  });
}
