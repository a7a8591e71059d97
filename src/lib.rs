//! points-pool: an exact calculator for the "consumption appreciation" green-points
//! rebate (消费增值 / 绿色积分). See `SPEC.md` §1–§10 for the model.
//!
//! The core modules know nothing of JavaScript; `wasm` is the one door to it.

pub mod closed_form;
pub mod config;
pub mod decimal;
pub mod error;
pub mod heap_sort;
pub mod json;
pub mod ledger;
pub mod monte_carlo;
pub mod pool;
pub mod projection;
pub mod rounding;
pub mod snapshot;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use config::Config;
pub use error::{PoolError, Result};
pub use json::Json;
pub use ledger::{AuditReport, Mismatch};
pub use pool::{CashOutKind, CashOutReceipt, Member, MemberView, Pool, PoolState, PurchaseReceipt, Totals};
pub use rounding::{Rounding, RoundingMode, RoundingRule};

/// The crate version, as `version()` reports it to JavaScript.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
