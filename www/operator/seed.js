// The seed's pool (docs/model.md §6: 100 orders of ¥100) and the starting point every
// comparison set and sweep value is projected from. No DOM: the page and the sweep worker
// (www/workers/sweep.js) share it, each with the engine it loaded.

/** The seed's examples: 100 orders of ¥100, A to D first. */
export const SEED = { orders: 100, amount: "100" };

/** The seed's orders under `config`: what the worked examples show, refused as the engine refuses them. */
export function runSeed(glue, config) {
  const pool = new glue.PointsPool(config);
  try {
    for (let n = 1; n <= SEED.orders; n += 1) pool.purchase(`m${n}`, SEED.amount);
  } finally {
    pool.free();
  }
}

/** The seed's state under `config` and a typical member who buys one average order now. */
export function startingPoint(glue, config, averageOrder) {
  const pool = new glue.PointsPool(config);
  try {
    for (let n = 1; n <= SEED.orders; n += 1) pool.purchase(`m${n}`, SEED.amount);
    let receipt;
    try {
      receipt = pool.purchase("typical", averageOrder);
    } catch (error) {
      // The typical member's purchase is the scenario's average order: refused, it is that field's.
      if (error?.field === "amount") error.field = "averageOrder";
      throw error;
    }
    return { snapshot: pool.publicSnapshot(), points: receipt.pointsGranted, spent: averageOrder, view: pool.member("typical") };
  } finally {
    pool.free();
  }
}
