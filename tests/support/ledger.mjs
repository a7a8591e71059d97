// Generated ledgers for the audit tests and benchmarks: the engine itself writes the
// published prices (cut to 4 decimals, as a platform would print them), and chosen rows
// can carry a wrong price on purpose.
import { readFileSync } from "node:fs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

/**
 * A CSV ledger of `rows` rows (every fifth a cash-out of 0.5 points by a member who holds
 * more than 1) over 5,000 members. `wrong` maps seq → the price to publish instead.
 */
export function generateLedger(rows, { wrong = new Map(), config } = {}) {
  const pool = new PointsPool(config);
  const lines = ["seq,type,member,value,priceAfter"];
  const held = new Map();
  for (let seq = 1; seq <= rows; seq += 1) {
    const member = `m${seq % 5000}`;
    let type = "purchase";
    let value = `${10 + (seq % 490)}.${String(seq % 100).padStart(2, "0")}`;
    let receipt;
    if (seq % 5 === 0 && (held.get(member) ?? 0) > 1) {
      type = "withdraw";
      value = "0.5";
      receipt = pool.withdraw(member, value);
    } else {
      receipt = pool.purchase(member, value);
    }
    held.set(member, Number(pool.member(member).points));
    const [whole, fraction = ""] = receipt.priceAfter.split(".");
    const published = wrong.get(seq) ?? `${whole}.${fraction.padEnd(4, "0").slice(0, 4)}`;
    lines.push(`${seq},${type},${member},${value},${published}`);
  }
  const state = pool.state();
  pool.free();
  return { text: `${lines.join("\n")}\n`, state };
}
