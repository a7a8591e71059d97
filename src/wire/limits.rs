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
    /// The range of `initialPrice`.
    pub min_initial_price: DecimalString,
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
    /// The most members one pool holds (an audit's distinct ids included).
    pub max_members: usize,
    /// The most orders a pool counts (2^53).
    pub max_orders: u64,
    pub max_seed: u64,
    pub max_audited_log_entries: u64,
    pub max_days: u32,
    /// The most orders one projected day may have.
    pub max_orders_per_day: f64,
    /// The most mints a rounded pool's projection works out (`limit_exceeded` names this key).
    pub max_projection_steps: u64,
    pub max_runs: u32,
    pub max_run_days: u64,
    pub max_cv: f64,
    pub max_sweep_steps: u32,
    pub max_population_orders: u32,
    pub default_population_days: u32,
    pub max_ledger_line_bytes: usize,
    /// The most bytes one `replay` or `feed` call takes: feed a file in smaller pieces.
    pub max_piece_bytes: usize,
    pub max_check_lines: usize,
    /// The most text one `checkHistory` call reads.
    pub max_check_bytes: usize,
    /// The longest JSON text a config, scenario or options object may make, and a snapshot.
    pub max_argument_bytes: usize,
    pub max_snapshot_bytes: usize,
    /// The deepest nesting any JSON input may have.
    pub max_nesting: usize,
    pub max_listed_mismatches: usize,
    pub max_quoted_chars: usize,
}

impl LimitsDoc {
    pub fn all() -> LimitsDoc {
        LimitsDoc {
            max_amount: MAX_AMOUNT_CNY.into(),
            max_quantity: MAX_QUANTITY.into(),
            min_initial_price: MIN_INITIAL_PRICE.into(),
            max_initial_price: MAX_INITIAL_PRICE.into(),
            min_exit_multiple: MIN_EXIT_MULTIPLE.into(),
            max_exit_multiple: MAX_EXIT_MULTIPLE.into(),
            max_rounding_scale: MAX_ROUNDING_SCALE,
            exact_scale: EXACT_SCALE,
            default_amount_decimals: DEFAULT_AMOUNT_DECIMALS,
            max_decimal_chars: MAX_DECIMAL_CHARS,
            max_member_id_chars: MAX_MEMBER_ID_CHARS,
            max_members: MAX_MEMBERS,
            max_orders: MAX_ORDERS,
            max_seed: MAX_SEED,
            max_audited_log_entries: MAX_AUDITED_LOG_ENTRIES,
            max_days: MAX_DAYS,
            max_orders_per_day: MAX_ORDERS_PER_DAY,
            max_projection_steps: MAX_PROJECTION_STEPS,
            max_runs: MAX_RUNS,
            max_run_days: MAX_RUN_DAYS,
            max_cv: MAX_CV,
            max_sweep_steps: MAX_SWEEP_STEPS,
            max_population_orders: MAX_POPULATION_ORDERS,
            default_population_days: DEFAULT_POPULATION_DAYS,
            max_ledger_line_bytes: MAX_LEDGER_LINE_BYTES,
            max_piece_bytes: MAX_PIECE_BYTES,
            max_check_lines: MAX_CHECK_LINES,
            max_check_bytes: MAX_CHECK_BYTES,
            max_argument_bytes: MAX_ARGUMENT_BYTES,
            max_snapshot_bytes: MAX_SNAPSHOT_BYTES,
            max_nesting: MAX_NESTING,
            max_listed_mismatches: MAX_LISTED_MISMATCHES,
            max_quoted_chars: MAX_QUOTED_CHARS,
        }
    }
}
