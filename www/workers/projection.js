// Projections and the Monte Carlo band, off the main thread, for the element and the
// operator's comparison: the member's engine (no operator feature), as the element loads it.
// Task `projections`, args `{ snapshot, scenarios: [[name, Scenario], …], monteCarlo?: { scenario,
// options } }`: progress `{ done, of }` after each step; result `{ results: { name: Projection },
// band: MonteCarlo | null, bandError }` (a band the pool cannot have, a rounded pool's, is
// `bandError`, its code and field, beside the projections rather than failing them).
import init, { project, monteCarlo } from "../pkg-member/points_pool_member.js";
import { fetchPinned, pinOf } from "../shared/pinned.js";
import { serve } from "./protocol.js";

// The wasm's sha384, filled by scripts/dist.mjs (shared/pinned.js): empty here, where nothing is pinned.
const INTEGRITY = {};
const wasm = new URL("../pkg-member/points_pool_member_bg.wasm", import.meta.url);
const integrity = pinOf(INTEGRITY, wasm, import.meta.url);
const ready = init({ module_or_path: integrity ? fetchPinned(wasm, integrity) : wasm });

serve({
  projections({ snapshot, scenarios, monteCarlo: simulation }, progress) {
    const of = scenarios.length + (simulation ? 1 : 0);
    const results = {};
    for (const [index, [name, scenario]] of scenarios.entries()) {
      results[name] = project(snapshot, scenario);
      progress({ done: index + 1, of });
    }
    let band = null;
    let bandError = null;
    if (simulation) {
      try {
        band = monteCarlo(snapshot, simulation.scenario, simulation.options);
      } catch (error) {
        if (error.code !== "invalid_scenario") throw error;
        bandError = { code: error.code, field: error.field ?? null };
      }
      progress({ done: of, of });
    }
    return { results, band, bandError };
  },
}, ready);
