// Runs projections off the main thread, so typing never waits for them. One job at a
// time: the element cancels a job by terminating this worker and starting another.
// Messages in: { id, snapshot, scenarios: [[name, scenario], …] }.
// Messages out: { id, done: n, of: total } after each scenario, then { id, results } or
// { id, error: { name, code, message } }.
import init, { project } from "./pkg/points_pool.js";

const ready = init({ module_or_path: new URL("./pkg/points_pool_bg.wasm", import.meta.url) });

self.onmessage = async ({ data: { id, snapshot, scenarios } }) => {
  try {
    await ready;
    const results = {};
    for (const [index, [name, scenario]] of scenarios.entries()) {
      results[name] = project(snapshot, scenario).days;
      self.postMessage({ id, done: index + 1, of: scenarios.length });
    }
    self.postMessage({ id, results });
  } catch (error) {
    self.postMessage({ id, error: { name: error.name, code: error.code, message: error.message } });
  }
};
