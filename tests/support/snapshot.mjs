// A snapshot with `members` members, as a platform would publish it, made by the engine in
// Node: what the operator page's "start from a snapshot" reads (tests and bench/freeze.mjs).
import { readFileSync } from "node:fs";

const pkg = new URL("../../www/pkg/", import.meta.url);
const { initSync, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: readFileSync(new URL("points_pool_bg.wasm", pkg)) });

/** The snapshot's JSON text: one ¥100 purchase by each of `members` members. */
export function generateSnapshot(members) {
  const pool = new PointsPool();
  try {
    for (let n = 1; n <= members; n += 1) pool.purchase(`member-${n}`, "100");
    return JSON.stringify(pool.snapshot());
  } finally {
    pool.free();
  }
}
