// Audits a ledger file off the main thread (the operator page's "check a published ledger").
// The file is read piece by piece (never whole) and its bytes fed to the engine's
// LedgerAudit, which decodes UTF-8 across pieces and refuses a line over 64 KB, so a
// 1,000,000-row ledger needs no more memory than its pool.
// In:  { file: File, config: Config, snapshot: string | null } (a snapshot, when given, is
//      the starting pool and brings its own parameters)
// Out: { progress: { bytes, report } } now and then, then { report, state, publicSnapshot, memoryBytes }
//      or { error: { name, code, message } }. The page cancels by terminating the worker.
import init, { PointsPool } from "./pkg/points_pool.js";

const ready = init({ module_or_path: new URL("./pkg/points_pool_bg.wasm", import.meta.url) });
/** How often progress is posted: often enough for a smooth bar, rarely enough to cost nothing. */
const PROGRESS_EVERY_MS = 100;

self.onmessage = async ({ data: { file, config, snapshot } }) => {
  try {
    const engine = await ready;
    const start = snapshot ? PointsPool.fromSnapshot(snapshot) : new PointsPool(config);
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
        self.postMessage({ progress: { bytes, report } });
        posted = performance.now();
      }
    }
    const report = audit.finish();
    const pool = audit.pool();
    // The engine's whole linear memory: what the audit costs however long the file.
    const memoryBytes = engine.memory.buffer.byteLength;
    self.postMessage({ report, state: pool.state(), publicSnapshot: pool.publicSnapshot(), memoryBytes });
  } catch (error) {
    const { name, code, message, line, field, problem } = error;
    self.postMessage({ error: { name, code, message, line, field, problem } });
  }
};
