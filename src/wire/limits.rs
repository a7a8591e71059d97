//! `limits()` at the door: every limit of the engine (src/limits.rs, docs/model.md's Limits),
//! so that pages read them instead of typing the numbers again. Amounts and prices are
//! decimal strings; counts are numbers.

use serde::Serialize;
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::DecimalString;
use crate::limits::*;

/// Every limit the engine enforces.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Limits"))]
pub struct LimitsDoc {
    /// The largest purchase amount, CNY.
    pub max_amount: DecimalString,
    /// The largest pool, supply, balance or running total.
    pub max_quantity: DecimalString,
    /// The highest `initialPrice`.
    pub max_initial_price: DecimalString,
    /// The range of `exitMultiple`.
    pub min_exit_multiple: DecimalString,
    pub max_exit_multiple: DecimalString,
    /// The most decimals a rounding entry keeps, and what exact mode keeps.
    pub max_rounding_scale: u32,
    pub exact_scale: u32,
    /// Decimals an amount may have without a money rule.
    pub default_amount_decimals: u32,
    pub max_decimal_chars: usize,
    pub max_member_id_chars: usize,
    /// The most orders a pool counts (2^53), and the largest seed: one more than JavaScript's
    /// largest safe integer, which serde-wasm-bindgen refuses as a `u64`, so written as the
    /// float that holds it exactly.
    pub max_orders: f64,
    pub max_seed: f64,
    pub max_days: u32,
    /// The most orders one projected day may have.
    pub max_orders_per_day: f64,
    pub max_runs: u32,
    pub max_run_days: u64,
    pub max_cv: f64,
    pub max_sweep_steps: u32,
    pub max_population_orders: u32,
    pub default_population_days: u32,
    pub max_ledger_line_bytes: usize,
    pub max_check_lines: usize,
    pub max_listed_mismatches: usize,
    pub max_quoted_chars: usize,
}

impl LimitsDoc {
    pub fn all() -> LimitsDoc {
        LimitsDoc {
            max_amount: MAX_AMOUNT_CNY.into(),
            max_quantity: MAX_QUANTITY.into(),
            max_initial_price: MAX_INITIAL_PRICE.into(),
            min_exit_multiple: MIN_EXIT_MULTIPLE.into(),
            max_exit_multiple: MAX_EXIT_MULTIPLE.into(),
            max_rounding_scale: MAX_ROUNDING_SCALE,
            exact_scale: EXACT_SCALE,
            default_amount_decimals: DEFAULT_AMOUNT_DECIMALS,
            max_decimal_chars: MAX_DECIMAL_CHARS,
            max_member_id_chars: MAX_MEMBER_ID_CHARS,
            max_orders: MAX_ORDERS as f64,
            max_seed: MAX_SEED as f64,
            max_days: MAX_DAYS,
            max_orders_per_day: MAX_ORDERS_PER_DAY,
            max_runs: MAX_RUNS,
            max_run_days: MAX_RUN_DAYS,
            max_cv: MAX_CV,
            max_sweep_steps: MAX_SWEEP_STEPS,
            max_population_orders: MAX_POPULATION_ORDERS,
            default_population_days: DEFAULT_POPULATION_DAYS,
            max_ledger_line_bytes: MAX_LEDGER_LINE_BYTES,
            max_check_lines: MAX_CHECK_LINES,
            max_listed_mismatches: MAX_LISTED_MISMATCHES,
            max_quoted_chars: MAX_QUOTED_CHARS,
        }
    }
}
