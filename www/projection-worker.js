// Runs projections off the main thread, so typing never waits for them. One job at a
// time: the element cancels a job by terminating this worker and starting another.
// Messages in: { id, snapshot, scenarios: [[name, scenario], …], monteCarlo?: { scenario, options } }.
// Messages out: { id, done: n, of: total } after each step, then { id, results: { name: Projection }, band } or
// { id, error: { name, code, message } }. A Monte Carlo the pool cannot run (a rounded
// pool) leaves `band` null rather than failing the projections.
import init, { project, monteCarlo } from "./pkg-member/points_pool_member.js";

const ready = init({ module_or_path: new URL("./pkg-member/points_pool_member_bg.wasm", import.meta.url) });

self.onmessage = async ({ data: { id, snapshot, scenarios, monteCarlo: simulation } }) => {
  try {
    await ready;
    const of = scenarios.length + (simulation ? 1 : 0);
    const results = {};
    for (const [index, [name, scenario]] of scenarios.entries()) {
      results[name] = project(snapshot, scenario);
      self.postMessage({ id, done: index + 1, of });
    }
    let band = null;
    if (simulation) {
      try {
        band = monteCarlo(snapshot, simulation.scenario, simulation.options);
      } catch (error) {
        if (error.code !== "invalid_scenario") throw error;
      }
      self.postMessage({ id, done: of, of });
    }
    self.postMessage({ id, results, band });
  } catch (error) {
    const { name, code, message, field } = error;
    self.postMessage({ id, error: { name, code, message, field } });
  }
};
