//! points-pool: an exact calculator for the "consumption appreciation" green-points
//! rebate (消费增值 / 绿色积分). The model and the interface are described in `docs/`:
//! `docs/model.md` (the rules, rounding, invariants, limits), `docs/formats.md` (snapshots,
//! ledgers, errors) and `docs/interface.md` (the JavaScript door). References such as
//! "model.md §3" in the code point there.
//!
//! The house:
//! - [`model`]: the pool, its members, receipts, parameters and rounding: every rule of §3.
//! - [`ledger`]: reading ledger rows, replaying them, auditing published prices.
//! - [`forecast`]: scenarios, the exact per-order projection, the closed form, Monte Carlo.
//! - [`wire`]: the serde types that cross the door (JavaScript values and JSON text), and
//!   their conversion to and from the core's types. No rule lives there.
//! - `wasm` (only for `wasm32`): the one door to JavaScript.
//!
//! The core (`model`, `ledger`, `forecast`, [`decimal`], [`error`], [`limits`]) knows
//! nothing of JavaScript or serde.

pub mod decimal;
pub mod error;
pub mod forecast;
pub mod ledger;
pub mod limits;
pub mod model;
pub mod tlog;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{PoolError, Result};
pub use model::{
    CashOutKind, CashOutReceipt, Config, Member, MemberView, Pool, PoolState, PurchaseReceipt, Rounding,
    RoundingMode, RoundingRule, Totals,
};

/// The crate version, as `version()` reports it to JavaScript.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
