// What every section of the operator page shares: the full engine and its limits, the
// language, the one formatter, the state a share link carries, and the engine's refusals in
// the page's language with their reason. A section module takes `page` and draws its part.

import { describe, readableLimits, words } from "../shared/words.js";
import { formatter } from "../shared/format.js";
import { text } from "./text.js";

/** The rates a config holds: 0 < x ≤ 1 (docs/model.md §2). */
const RATES = ["poolRate", "grantRate", "payoutRate", "redeemRate"];

/** The page's context, once the engine is loaded. */
export function makePage(engine, lang) {
  const format = formatter(lang);
  const page = {
    glue: engine.glue,
    limits: engine.limits,
    readable: readableLimits(engine.limits, format),
    lang,
    t: text[lang],
    words: words[lang],
    format,
    /** What a share link carries, and what the sections computed from it. */
    state: {
      config: null,
      configError: null,
      scenario: { days: 365, ordersPerDay: "100", averageOrder: "100", orderGrowth: "0", withdrawRate: "0.01" },
      sets: [{ label: "A" }, { label: "B", poolRate: "0.2" }],
      sweep: { field: "poolRate", from: "0.1", to: "0.5", steps: 9, days: 180 },
      gains: { orders: 20000, repeatShare: "0.2", cashOutChance: "0.2", seed: 1 },
      monteCarlo: false,
      auditStart: null,
      /** The log last audited (`{ url, key }`), or null. */
      log: null,
    },
    /** An engine error in the page's language, from its code, field, line and problem, with why. */
    message(error, typed) {
      return describe(error, lang, { limits: page.readable, reason: page.reason(error, typed) });
    },
    /**
     * Why the engine refused a parameter or scenario field, found by asking the engine, never by
     * reading its English: not a number at all (its friendly reader refuses the text), a rule's
     * range, or an initial price below one unit of the price rounding.
     */
    reason(error, typed) {
      if (!["invalid_config", "invalid_scenario"].includes(error?.code)) return null;
      const field = (error.field ?? "").replace(/^config\./, "");
      if (/^rounding\.\w+\.scale$/.test(field)) return "scale";
      if (/^rounding\.\w+\.mode$/.test(field)) return "mode";
      if (typed !== undefined && typed !== null && !page.isNumber(typed)) return "notANumber";
      if (RATES.includes(field)) return "rate";
      if (field === "exitMultiple") return "exitMultiple";
      if (field === "initialPrice") return page.refusedByRounding() ? "belowPriceUnit" : "initialPrice";
      return "outOfRange";
    },
    /** Whether the engine reads `typed` as a number. */
    isNumber(typed) {
      try {
        engine.glue.friendlyDecimal(String(typed));
        return true;
      } catch {
        return false;
      }
    },
    /** Whether the config on the form is refused only because of its rounding. */
    refusedByRounding() {
      try {
        new engine.glue.PointsPool({ ...page.state.typedConfig, rounding: null }).free();
        return true;
      } catch {
        return false;
      }
    },
    /** Every field of `config` as the engine reads it (a refused config throws its PoolError). */
    fullConfig(config) {
      const pool = new engine.glue.PointsPool(config);
      try {
        return pool.config();
      } finally {
        pool.free();
      }
    },
    /** Set by main.js: draws every section again, and the share link. */
    renderAll() {},
    updateShareLink() {},
  };
  return page;
}
