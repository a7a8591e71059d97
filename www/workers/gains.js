// The operator's population ("where the gain comes from") off the main thread. The engine
// runs it (simulatePopulation, docs/model.md §7) and sums every flow exactly; this worker only
// passes the days on. Task `population`, args `{ config, orders, repeatShare, chance, seed, days }`:
// progress `{ day, of }` each simulated day; result the engine's Population.
import init, { simulatePopulation } from "../pkg/points_pool.js";
import { serve } from "./protocol.js";

const ready = init({ module_or_path: new URL("../pkg/points_pool_bg.wasm", import.meta.url) });

serve({
  population({ config, orders, repeatShare, chance, seed, days }, progress) {
    return simulatePopulation(config, { orders, days, repeatShare, chance, seed }, (day) => progress({ day, of: days }));
  },
}, ready);
