//! The model (docs/model.md): a pool of money backing points in circulation, members who
//! buy, cash out and redeem, the parameters that govern it and the rounding it uses.

pub mod config;
pub mod exact_ratio;
pub mod member;
pub mod pool;
pub mod receipts;
pub mod rounding;
pub mod rules;
pub mod snapshot;
pub mod state;
mod view;

pub use config::Config;
pub use member::{hidden, validate_member_id, BreakEven, CapStatus, Member, MemberView};
pub use pool::Pool;
pub use receipts::{CashOutKind, CashOutReceipt, PurchaseReceipt, PurchaseSplit};
pub use rounding::{Rounding, RoundingMode, RoundingRule};
pub use rules::{Basis, Rules};
pub use snapshot::{BareState, Snapshot};
pub use state::{PoolState, Totals};
