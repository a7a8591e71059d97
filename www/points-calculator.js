// <points-calculator>, the member's calculator for a consumption-appreciation points pool
// (消费增值 / 绿色积分): the one module a merchant's page loads.
//
//   <script type="module" src="/points/points-calculator.js"></script>
//   <points-calculator pool="3000" supply="579.93" lang="zh-CN"></points-calculator>
//
// The element is in element/ (what the first result needs: calculator.js and what it imports;
// projection.js and check.js load when first used), the helpers it shares with the operator
// page in shared/, its worker in workers/, the member's engine in pkg-member/ (pkg-member-log/ with
// the log's check, loaded only for log-src; the worker's, with projections, in pkg-member-worker/,
// loaded after the first result). The engine's
// and the worker's URLs are written here, at the top of the folder, so that they stay right
// relative to a bundle built from the npm package too (README, "From npm").

import { PointsCalculator } from "./element/calculator.js";
import { i18n } from "./element/text.js";
import { pinOf } from "./shared/pinned.js";

// The sha384 of each file named below, filled by scripts/dist.mjs (shared/pinned.js): empty
// here, where nothing is pinned.
const INTEGRITY = {};

PointsCalculator.locate({
  wasm: new URL("./pkg-member/points_pool_member_bg.wasm", import.meta.url),
  // The same engine with the log's check (LogCheck), fetched only by an element with log-src.
  logWasm: new URL("./pkg-member-log/points_pool_member_log_bg.wasm", import.meta.url),
  worker: new URL("./workers/projection.js", import.meta.url),
  pin: (url) => pinOf(INTEGRITY, url, import.meta.url),
});
PointsCalculator.define();

export { PointsCalculator, i18n };
