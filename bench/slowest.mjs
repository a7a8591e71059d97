// `make bench`: the slowest call each export accepts (issue 21: every call the door accepts ends
// in at most 10 s). For each export the work limits leave a few ways to make a call heavy; this
// tries them all at their limits against the full engine (www/pkg), keeps the accepted ones,
// and prints the slowest with its time, beside the slowest refused one (a call past a work limit
// must be refused quickly too). Run it alone (`node bench/slowest.mjs`, after `make build`): it
// builds 1,000,000-member pools and 64 MB ledgers, and takes about a minute. VERBOSE=1 lists
// every candidate.
import { readFileSync } from "node:fs";

const BUDGET_SECONDS = 10;
const pkg = new URL("../www/pkg/", import.meta.url);
const engine = await import(new URL("points_pool.js", pkg));
engine.initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });
const { PointsPool, LedgerAudit } = engine;
const limits = engine.limits();

/** Times one call: its seconds, and whether it was accepted (a refusal's code otherwise). */
function timed(call) {
  const start = performance.now();
  let outcome = "accepted";
  try {
    call();
  } catch (error) {
    if (error?.name !== "PoolError") throw error;
    outcome = `${error.code}${error.field ? ` (${error.field})` : ""}`;
  }
  return { seconds: (performance.now() - start) / 1000, outcome };
}

const rows = [];

/** Times every candidate of an export; records the slowest accepted and the slowest refused. */
function slowest(name, candidates) {
  let accepted = null;
  let refused = null;
  for (const [label, call] of candidates) {
    const run = { label, ...timed(call) };
    if (process.env.VERBOSE) console.log(`    ${run.seconds.toFixed(3)} s  ${label}: ${run.outcome}`);
    if (run.outcome === "accepted") {
      if (!accepted || run.seconds > accepted.seconds) accepted = run;
    } else if (!refused || run.seconds > refused.seconds) {
      refused = run;
    }
  }
  rows.push({ name, accepted, refused });
  const shown = (run) => (run ? `${run.seconds.toFixed(3)} s  ${run.label}${run.outcome === "accepted" ? "" : ` → ${run.outcome}`}` : "-");
  console.log(`${name.padEnd(28)} ${shown(accepted)}`);
  if (refused) console.log(`${"".padEnd(28)} refused: ${shown(refused)}`);
}

// Pools of the most members a pool may hold, and the ledger text that builds one.
const MEMBERS = limits.maxMembers;
function bigPool() {
  const members = {};
  for (let index = 0; index < MEMBERS; index += 1) members[`member-${index}`] = { points: "1", spent: "10", received: "0", exited: false };
  return {
    format: "points-pool/1", pool: String(MEMBERS * 3), supply: String(MEMBERS), orders: MEMBERS,
    totals: { contributed: String(MEMBERS * 3), paidOut: "0", redeemed: "0" }, members,
  };
}
const bigObject = bigPool();
const bigText = JSON.stringify(bigObject);
const big = PointsPool.fromSnapshot(bigText);

/** Ledger rows of the shortest kind, about `bytes` of them. */
function shortRows(bytes, start = 1) {
  const parts = [];
  let length = 0;
  for (let seq = start; length < bytes - 40; seq += 1) {
    const row = `${seq},purchase,m${seq % 1000},1\n`;
    parts.push(row);
    length += row.length;
  }
  return parts.join("");
}
const piece = shortRows(limits.maxPieceBytes);
const pricedPiece = Array.from({ length: 200_000 }, (_, index) => `${index + 1},purchase,m${index},100,9.99\n`).join("");

const rounded = (money, points, price) => ({
  rounding: {
    money: money === null ? null : { scale: money, mode: "down" },
    points: points === null ? null : { scale: points, mode: "down" },
    price: price === null ? null : { scale: price, mode: "down" },
  },
});
const seeded = (config) => {
  const pool = new PointsPool(config);
  for (let index = 0; index < 100; index += 1) pool.purchase(`m${index}`, "100");
  // A public snapshot carries the config (a bare state is read with the defaults).
  return pool.publicSnapshot();
};
const year = (ordersPerDay, extra = {}) => ({ days: 3650, ordersPerDay, averageOrder: "1000", points: "21", spent: "100", withdrawRate: "0.01", ...extra });

console.log(`The slowest call each export accepts (budget ${BUDGET_SECONDS} s), full engine, Node ${process.version}\n`);

slowest("new PointsPool", [["defaults", () => new PointsPool()], ["rounded config", () => new PointsPool(rounded(2, 2, 2))]]);
slowest("PointsPool.fromSnapshot", [
  [`${MEMBERS.toLocaleString("en")} members as text`, () => PointsPool.fromSnapshot(bigText)],
  [`${MEMBERS.toLocaleString("en")} members as an object`, () => PointsPool.fromSnapshot(bigObject)],
]);
const pool = new PointsPool();
pool.purchase("A", "100");
slowest("purchase / withdraw / redeem", [
  ["purchase", () => pool.purchase("B", "1000000000000")],
  ["withdraw", () => pool.withdraw("A", "1")],
  ["redeem", () => pool.redeem("A", "1")],
]);
slowest("quotes, member, holding", [
  ["quotePurchase", () => pool.quotePurchase("100")],
  ["member", () => pool.member("A")],
  ["holding", () => pool.holding("1", "100", "0")],
]);
slowest("state / config", [["state", () => big.state()], ["config", () => big.config()]]);
slowest("snapshot", [[`${MEMBERS.toLocaleString("en")} members`, () => big.snapshot()]]);
slowest("snapshotText", [[`${MEMBERS.toLocaleString("en")} members`, () => big.snapshotText()]]);
slowest("publicSnapshot", [[`${MEMBERS.toLocaleString("en")} members`, () => big.publicSnapshot()]]);
slowest("audit", [[`copy of ${MEMBERS.toLocaleString("en")} members`, () => big.audit().free()]]);
slowest("replay", [
  [`${(limits.maxPieceBytes / 2 ** 20).toFixed(0)} MB of the shortest rows, text`, () => new PointsPool().replay(piece)],
  [`${(limits.maxPieceBytes / 2 ** 20).toFixed(0)} MB of the shortest rows, bytes`, () => new PointsPool().replay(new TextEncoder().encode(piece))],
  ["one byte past maxPieceBytes", () => new PointsPool().replay(piece + "x".repeat(limits.maxPieceBytes - piece.length + 1))],
]);
const audit = new LedgerAudit();
slowest("LedgerAudit.feed", [
  ["a piece of maxPieceBytes", () => audit.feed(piece)],
  ["200,000 rows, each price wrong", () => new LedgerAudit().feed(pricedPiece)],
]);
const mismatched = new LedgerAudit();
mismatched.feed(pricedPiece);
slowest("LedgerAudit.finish", [["200,000 mismatches (10,000 listed)", () => mismatched.finish()]]);
const grownAudit = big.audit();
slowest("LedgerAudit.pool", [[`copy of ${MEMBERS.toLocaleString("en")} members`, () => grownAudit.pool().free()]]);
/** The most orders a day (bisected) a rounded pool's ten-year projection still accepts. */
function largestAccepted(state, extra) {
  let [accepted, refused] = [1, 10_000_000];
  if (timed(() => engine.project(state, year(refused, extra))).outcome === "accepted") return refused;
  while (refused - accepted > Math.max(1, accepted / 20)) {
    const middle = Math.round(Math.sqrt(accepted * refused));
    if (timed(() => engine.project(state, year(middle, extra))).outcome === "accepted") accepted = middle;
    else refused = middle;
  }
  return accepted;
}
// Large orders and no cash-outs keep the price where an order still mints (a price past what one
// order's grant buys refuses the scenario, as the pool would refuse the orders).
const calm = { averageOrder: "100000", withdrawRate: "0" };
const roundings = [[2, 2, 2], [2, 4, 4], [2, 8, 8], [4, 12, 12], [2, null, null], [0, 0, 0]];
slowest("project", [
  ["exact, 3650 days × 10^7 orders", () => engine.project(seeded(null), year(10_000_000))],
  ["rounding money 2 points 8 price 8, 3650 days × 10^7 orders (past the steps)",
    () => engine.project(seeded(rounded(2, 8, 8)), year(10_000_000, calm))],
  ...roundings.map(([money, points, price]) => {
    const state = seeded(rounded(money, points, price));
    const orders = largestAccepted(state, calm);
    return [`rounding money ${money} points ${points} price ${price}, 3650 days × ${orders.toLocaleString("en")} orders (the most accepted)`,
      () => engine.project(state, year(orders, calm))];
  }),
]);
slowest("monteCarlo", [
  ["2,000,000 run-days (547 × 3650, 10^7 orders a day)", () => engine.monteCarlo(seeded(null), year(10_000_000), { runs: 547, seed: 1 })],
  ["10,000 runs × 200 days", () => engine.monteCarlo(seeded(null), { ...year(10_000_000), days: 200 }, { runs: 10_000, seed: 1 })],
]);
const history = Array.from({ length: limits.maxCheckLines - 1 }, () => "withdraw,1,2.5,2").join("\n");
slowest("checkHistory", [
  [`${limits.maxCheckLines.toLocaleString("en")} lines`, () => engine.checkHistory(undefined, `purchase,1000000000000,1,210000000000\n${history}`, "3")],
  ["maxCheckBytes of one long note each", () => engine.checkHistory(undefined, Array.from({ length: 250 }, () => `purchase,100,1,21,${"n".repeat(60_000)}`).join("\n"))],
]);
slowest("simulatePopulation", ["1", "0.5", "0.05"].flatMap((chance) =>
  ["0", "0.9"].map((repeatShare) => [
    `200,000 orders, 3650 days, chance ${chance}, repeatShare ${repeatShare}`,
    () => engine.simulatePopulation(undefined, { orders: 200_000, days: 3650, chance, repeatShare, seed: 1 }),
  ])));
slowest("sweepValues", [["50 values", () => engine.sweepValues("0.0000000001", "1", 50)]]);
slowest("limits / errorCodes / version", [["limits", () => engine.limits()], ["errorCodes", () => engine.errorCodes()], ["version", () => engine.version()]]);
slowest("memberRowTag", [["a tag", () => engine.memberRowTag("0".repeat(64), "pool.example/log", 2 ** 53 - 1)]]);
// The log's classes at their sizes are issue 20's budgets: `node bench/tlog.mjs` (LogCheck of a
// 1,000,000-entry log, LogAudit of 100,000 rows).
console.log(`${"LogCheck / LogAudit".padEnd(28)} see node bench/tlog.mjs`);

const over = rows.filter((row) => row.accepted && row.accepted.seconds > BUDGET_SECONDS);
console.log(over.length ? `\nover ${BUDGET_SECONDS} s: ${over.map((row) => row.name).join(", ")}` : `\nevery export's slowest accepted call ends within ${BUDGET_SECONDS} s`);
process.exitCode = over.length ? 1 : 0;
