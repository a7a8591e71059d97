// Issue 21's smaller items at the door, against both builds where they apply: a member id
// "__proto__" through snapshot(), lone surrogates in ledger text and surrogate pairs cut between
// text pieces, the order count JavaScript can hold, every line end in the check, reports that
// say when nothing was checked, and the work limits named by their key in limits().
import { test } from "node:test";
import assert from "node:assert/strict";
import { BUILDS, load } from "./builds.mjs";

const snapshotWith = (orders) => JSON.stringify({
  format: "points-pool/1", pool: "30", supply: "21", orders,
  totals: { contributed: "30", paidOut: "0", redeemed: "0" },
});

for (const build of BUILDS) {
  const engine = await load(build);
  const { PointsPool } = engine;

  test(`${build.name}: a member named "__proto__" survives snapshot() and fromSnapshot()`, () => {
    const pool = new PointsPool();
    pool.purchase("__proto__", "100");
    pool.purchase("constructor", "50");
    const snapshot = pool.snapshot();
    assert.ok(Object.hasOwn(snapshot.members, "__proto__"));
    assert.equal(Object.getPrototypeOf(snapshot.members), Object.prototype, "the prototype is untouched");
    const again = PointsPool.fromSnapshot(snapshot);
    assert.equal(again.member("__proto__").points, "21");
    assert.equal(JSON.stringify(again.snapshot()), JSON.stringify(snapshot));
  });

  test(`${build.name}: orders stop at 2^53 − 1, so state() can always write them`, () => {
    assert.throws(() => PointsPool.fromSnapshot(snapshotWith(2 ** 53)), { code: "invalid_snapshot", field: "orders" });
    const full = PointsPool.fromSnapshot(snapshotWith(2 ** 53 - 1));
    assert.equal(full.state().orders, Number.MAX_SAFE_INTEGER);
    assert.throws(() => full.purchase("A", "1"), { code: "limit_exceeded", field: "orders" });
    assert.equal(full.state().orders, Number.MAX_SAFE_INTEGER);
  });

  test(`${build.name}: the check reads every line end and says when it checked nothing`, () => {
    const report = engine.checkHistory(undefined, "type,value,price,result\rpurchase,100,1,21\rpurchase,100,1,1\r");
    assert.equal(report.checked, 2);
    assert.equal(report.finding, "disagreements");
    assert.equal(report.lines[1].line, 3);
    const empty = engine.checkHistory(undefined, "type,value,price,result\r\n");
    assert.deepEqual([empty.checked, empty.finding], [0, "nothingChecked"]);
    assert.throws(() => engine.checkHistory(undefined, "x".repeat(16 * 1024 * 1024 + 1)), { code: "limit_exceeded", field: "maxCheckBytes" });
  });

  test(`${build.name}: limits() names every work limit`, () => {
    const limits = engine.limits();
    for (const key of ["maxMembers", "maxProjectionSteps", "maxPieceBytes", "maxCheckBytes", "maxArgumentBytes", "maxSnapshotBytes", "maxNesting"]) {
      assert.equal(typeof limits[key], "number", key);
    }
    assert.equal(limits.minInitialPrice, "0.000001");
    assert.equal(limits.maxOrders, Number.MAX_SAFE_INTEGER);
    const moneyOnly = new PointsPool({ rounding: { money: { scale: 2, mode: "down" } } });
    assert.throws(
      () => engine.project(moneyOnly.publicSnapshot(), { days: 3650, ordersPerDay: 10_000_000, averageOrder: "100" }),
      (error) => error.code === "limit_exceeded" && error.field === "maxProjectionSteps" && limits[error.field] > 0,
    );
    assert.throws(() => new PointsPool({ poolRate: "0." + "1".repeat(70_000) }), { code: "limit_exceeded", field: "maxArgumentBytes" });
  });

  test(`${build.name}: a purchase too small for a point is refused, and pools cannot be priced at 0`, () => {
    const pool = new PointsPool({ poolRate: "1", grantRate: "1", rounding: { points: { scale: 0, mode: "halfUp" }, price: { scale: 0, mode: "down" } } });
    assert.equal(pool.purchase("a", "1.5").pointsGranted, "1");
    assert.equal(pool.state().price, "1");
    assert.throws(() => pool.purchase("b", "0.4"), { code: "amount_too_small", field: "amount" });
    assert.throws(() => new PointsPool({ initialPrice: "0.0000000000000000000000000001" }), { code: "invalid_config", field: "initialPrice" });
  });

  if (!engine.LedgerAudit) continue;

  test(`${build.name}: a lone surrogate in ledger text is refused on its line, never read as U+FFFD`, () => {
    const pool = new PointsPool();
    pool.replay("1,purchase,\uFFFD,100\n");
    for (const ledger of ["2,withdraw,\uD800,1\n", "2,withdraw,\uDC00,1\n", "2,purchase,a\uD800b,100\n"]) {
      assert.throws(() => pool.replay(ledger), { code: "invalid_ledger", line: 1, problem: "not_utf8" }, JSON.stringify(ledger));
    }
    const audit = new engine.LedgerAudit();
    audit.feed("1,purchase,x,100\n2,purchase,y\uDBFF");
    assert.throws(() => audit.feed(new Uint8Array([0x2c, 0x31, 0x0a])), { code: "invalid_ledger", line: 2, problem: "not_utf8" });
    const ended = new engine.LedgerAudit();
    ended.feed("1,purchase,z\uD83D");
    assert.throws(() => ended.finish(), { code: "invalid_ledger", line: 1, problem: "not_utf8" });
  });

  test(`${build.name}: a surrogate pair cut between two text pieces is one character`, () => {
    const audit = new engine.LedgerAudit();
    audit.feed("1,purchase,a\uD83D");
    audit.feed("\uDE00b,100\n2,purchase,c\uD83D");
    audit.feed("\uDE00,100");
    assert.equal(audit.finish().receipts, 2);
    const pool = audit.pool();
    assert.equal(pool.member("a\u{1F600}b").points, "21");
    assert.equal(Object.keys(pool.snapshot().members).length, 2, "no second member from a cut pair");
  });

  test(`${build.name}: a ledger of bare carriage returns is audited line by line; no price checked says so`, () => {
    const rows = Array.from({ length: 500 }, (_, index) => `${index + 1},purchase,m${index},100,${index ? "9.99" : "1.4285"}`);
    const report = new PointsPool().replay(`seq,type,member,value,priceAfter\r${rows.join("\r")}\r`);
    assert.deepEqual([report.receipts, report.checked, report.mismatches, report.finding], [500, 500, 499, "disagreements"]);
    const unpriced = new PointsPool().replay("1,purchase,A,100\r2,purchase,B,100\r");
    assert.deepEqual([unpriced.checked, unpriced.finding], [0, "nothingChecked"]);
    assert.throws(() => new engine.LedgerAudit().feed("\n".repeat(64 * 1024 * 1024 + 1)), { code: "limit_exceeded", field: "maxPieceBytes" });
  });

  test(`${build.name}: purchaseSplit adds up to the amount and refuses parts that cannot be a purchase's`, () => {
    assert.deepEqual(engine.purchaseSplit("100", "30", "21.0594"),
      { amount: "100", merchant: "70", contribution: "30", yours: "21.0594", earlier: "8.9406" });
    assert.throws(() => engine.purchaseSplit("100", "30", "-1"), { code: "negative_value", field: "value" });
    assert.throws(() => engine.purchaseSplit("100", "101", "50"), { code: "negative_value", field: "merchant" });
  });
}
