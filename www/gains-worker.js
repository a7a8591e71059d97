// The operator page's population simulation ("where the gain comes from"), off the main
// thread. Every flow is summed exactly from the engine's receipts (BigInt at 28 decimals).
// In:  { config, orders, repeatShare, chance, seed }
// Out: { progress: { day, of } } each simulated day, then { result } or { error }.
//
// The population: `orders` purchases over 100 days; a share `repeatShare` of them comes
// from a member who already joined (any of them alike), the rest from newcomers. Each
// member draws a target on joining (0.5× to 3× their spending: some accept a loss). At
// the end of each day every holder looks in with probability `chance` and cashes out
// everything once what the points would pay plus what they already received reaches the
// target. Past the exit cap that is an exit, which forfeits the rest of the points.
import init, { PointsPool } from "./pkg/points_pool.js";
import { toUnits, fromUnits } from "./exact.js";

const ready = init({ module_or_path: new URL("./pkg/points_pool_bg.wasm", import.meta.url) });
const DAYS = 100;
/** mulberry32: small and seeded, so the same inputs give the same population. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

function simulate({ config, orders, repeatShare, chance, seed }) {
  const random = seeded(seed);
  const pool = new PointsPool(config);
  const payout = Number(pool.config().payoutRate);
  const totals = { contributed: 0n, granted: 0n, surplus: 0n, cuts: 0n, forfeits: 0n, paid: 0n };
  const holders = new Set();
  const target = new Map();
  let [joined, exits, cashOuts] = [0, 0, 0];
  try {
    for (let day = 1; day <= DAYS; day += 1) {
      const today = Math.floor((orders * day) / DAYS) - Math.floor((orders * (day - 1)) / DAYS);
      for (let order = 0; order < today; order += 1) {
        const newcomer = joined === 0 || random() >= repeatShare;
        const member = newcomer ? `m${joined++}` : `m${Math.floor(random() * joined)}`;
        if (newcomer) target.set(member, 0.5 + 2.5 * random());
        const receipt = pool.purchase(member, (20 + Math.floor(random() * 48000) / 100).toFixed(2));
        holders.add(member);
        const [contribution, grant] = [toUnits(receipt.contribution), toUnits(receipt.grantValue)];
        totals.contributed += contribution;
        totals.granted += grant;
        totals.surplus += contribution - grant;
      }
      for (const member of [...holders]) {
        if (random() >= chance) continue;
        const view = pool.member(member);
        // The member judges by what the points would pay without the cap; the cap then cuts.
        const wouldPay = Number(view.value) * payout;
        if (wouldPay + Number(view.received) < target.get(member) * Number(view.spent)) continue;
        const receipt = pool.withdraw(member, view.points);
        holders.delete(member);
        cashOuts += 1;
        totals.paid += toUnits(receipt.payout);
        // The engine splits what stays into the payout rate's cut and the cap's forfeit.
        if (receipt.exited) exits += 1;
        totals.cuts += toUnits(receipt.cut);
        totals.forfeits += toUnits(receipt.forfeited);
      }
      self.postMessage({ progress: { day, of: DAYS } });
    }
    const snapshot = pool.snapshot();
    const points = Object.values(snapshot.members).map((member) => Number(member.points)).filter((x) => x > 0).sort((a, b) => b - a);
    const all = points.reduce((sum, x) => sum + x, 0);
    const top = (share) => (all > 0 ? points.slice(0, Math.max(1, Math.ceil(points.length * share))).reduce((sum, x) => sum + x, 0) / all : 0);
    return {
      totals: Object.fromEntries(Object.entries(totals).map(([name, units]) => [name, fromUnits(units)])),
      exits, cashOuts, joined, holders: points.length, top1: top(0.01), top10: top(0.1),
      state: pool.state(), publicSnapshot: pool.publicSnapshot(),
    };
  } finally {
    pool.free();
  }
}

self.onmessage = async ({ data }) => {
  try {
    await ready;
    self.postMessage({ result: simulate(data) });
  } catch (error) {
    const { name, code, message, field } = error;
    self.postMessage({ error: { name, code, message, field } });
  }
};
