// The operator's ledger audit off the main thread: the file is read piece by piece (never
// whole) and its bytes fed to the engine's LedgerAudit, which decodes UTF-8 across pieces and
// refuses a line over its limit, so a 1,000,000-row ledger needs no more memory than its pool.
// Task `audit`, args `{ file: File, config, snapshot: File | null }` (a snapshot is the
// starting pool and brings its own parameters): progress `{ bytes, report }` now and then;
// result `{ report, state, publicSnapshot, memoryBytes }`. Task `start`, args `{ snapshot: File }`:
// the snapshot read and checked here, not on the page (issue 21: a 1,000,000-member snapshot
// was one 4.4 s long task there); result its `state()`. A snapshot crosses as the File, so the
// page never holds its text.
import init, { PointsPool } from "../pkg/points_pool.js";
import { serve } from "./protocol.js";

const ready = init({ module_or_path: new URL("../pkg/points_pool_bg.wasm", import.meta.url) });
/** How often progress is posted: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;

serve({
  async start({ snapshot }) {
    const pool = PointsPool.fromSnapshot(await snapshot.text());
    try {
      return pool.state();
    } finally {
      pool.free();
    }
  },
  async audit({ file, config, snapshot }, progress) {
    const engine = await ready;
    const start = snapshot ? PointsPool.fromSnapshot(await snapshot.text()) : new PointsPool(config);
    const audit = start.audit();
    start.free();
    const reader = file.stream().getReader();
    let bytes = 0;
    let posted = performance.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      const report = audit.feed(value);
      if (performance.now() - posted > PROGRESS_EVERY_MS) {
        progress({ bytes, report });
        posted = performance.now();
      }
    }
    const report = audit.finish();
    const pool = audit.pool();
    // The engine's whole linear memory: what the audit costs however long the file.
    return { report, state: pool.state(), publicSnapshot: pool.publicSnapshot(), memoryBytes: engine.memory.buffer.byteLength };
  },
}, ready);
