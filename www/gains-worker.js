// The operator page's population simulation ("where the gain comes from"), off the main
// thread. The engine runs it (simulatePopulation, docs/model.md §7) and sums every flow
// exactly; this worker only passes the day's progress on.
// In:  { config, orders, repeatShare, chance, seed }
// Out: { progress: { day, of } } each simulated day, then { result } or { error }.
import init, { simulatePopulation } from "./pkg/points_pool.js";

const ready = init({ module_or_path: new URL("./pkg/points_pool_bg.wasm", import.meta.url) });
const DAYS = 100;

self.onmessage = async ({ data: { config, orders, repeatShare, chance, seed } }) => {
  try {
    await ready;
    const onProgress = (day) => self.postMessage({ progress: { day, of: DAYS } });
    const result = simulatePopulation(config, { orders, days: DAYS, repeatShare, chance, seed }, onProgress);
    self.postMessage({ result });
  } catch (error) {
    const { name, code, message, field } = error;
    self.postMessage({ error: { name, code, message, field } });
  }
};
