// A member's history for 核对 as big as the engine reads (issue 21, item 3): `lines` purchases
// of ¥100 at the demo pool's rules, each at the price published before it and granted what the
// engine grants, every 500th grant 0.01 short, each line padded with a note to `lineBytes`
// bytes. 100,000 lines of 160 bytes is maxCheckLines and just under maxCheckBytes (16 MiB).
// Used by tests/browser/offmain.test.mjs and bench/freeze.mjs.
import { readFileSync } from "node:fs";
import Decimal from "decimal.js";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

/** The history's text (LF line ends, no header). */
export function generateHistory(lines, { config, lineBytes = 160 } = {}) {
  const pool = new PointsPool(config);
  const out = [];
  try {
    for (let n = 1; n <= lines; n += 1) {
      const price = pool.state().price;
      const { pointsGranted } = pool.purchase(`m${n % 97}`, "100");
      const granted = n % 500 === 0 ? new Decimal(pointsGranted).minus("0.01").toFixed() : pointsGranted;
      const line = `消费,100,${price},${granted},订单 ${n} `;
      out.push(line + "x".repeat(Math.max(0, lineBytes - 1 - Buffer.byteLength(line))));
    }
  } finally {
    pool.free();
  }
  return out.join("\n");
}
