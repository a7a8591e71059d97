// Writes www/demo-pool.json: the public snapshot of a pool with the seed's defaults
// after 100 orders of ¥100, computed by the engine itself. The demo page reads it
// through `state-src`, as a merchant's page would read the snapshot it publishes.
import { readFile, writeFile } from "node:fs/promises";

const pkg = new URL("../www/pkg/", import.meta.url);
const { initSync, PointsPool } = await import(new URL("points_pool.js", pkg));
initSync({ module: await readFile(new URL("points_pool_bg.wasm", pkg)) });

const pool = new PointsPool();
for (let order = 1; order <= 100; order += 1) pool.purchase(`member-${order}`, "100");
await writeFile(new URL("../www/demo-pool.json", import.meta.url), `${JSON.stringify(pool.publicSnapshot(), null, 2)}\n`);
