// The operator's parameter sweep off the main thread: a rounded pool is projected order by
// order, so one value can take seconds (issue 21: a share link with rounding and 10^5 orders a
// day froze the page for 55 s when this ran on it). Task `sweep`, args `{ runs: [{ value, config,
// scenario }] }` (each value's parameters and scenario, the sweep's days in it): progress
// `{ done, of }` after each value; result one row a value, `{ value, price, worth,
// breakEvenMultiple, breakEvenDay }` on its last day, or `{ value, error }`: a value the engine
// refuses stays a row of its own.
import init, * as glue from "../pkg/points_pool.js";
import { startingPoint } from "../operator/seed.js";
import { plainError, serve } from "./protocol.js";

const ready = init({ module_or_path: new URL("../pkg/points_pool_bg.wasm", import.meta.url) });

function sweepRow({ value, config, scenario }) {
  const start = startingPoint(glue, config, scenario.averageOrder);
  const projection = glue.project(start.snapshot, { ...scenario, points: start.points, spent: start.spent });
  const last = projection.days[scenario.days];
  return { value, price: last.price, worth: last.value, breakEvenMultiple: start.view.breakEvenMultiple, breakEvenDay: projection.breakEvenDay };
}

serve({
  sweep({ runs }, progress) {
    return runs.map((run, index) => {
      try {
        return sweepRow(run);
      } catch (error) {
        return { value: run.value, error: plainError(error) };
      } finally {
        progress({ done: index + 1, of: runs.length });
      }
    });
  },
}, ready);
