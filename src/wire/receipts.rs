//! Receipts, member views and pool states at the door: written only, every decimal a string.

use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{BreakEvenDoc, CapDoc, DecimalString};
use crate::model::{CashOutReceipt, MemberView, PoolState, PurchaseReceipt, Totals};

/// What a purchase did (or, quoted, would do: then without `memberId`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "PurchaseReceipt"))]
pub struct PurchaseReceiptDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub member_id: Option<String>,
    pub amount: DecimalString,
    pub contribution: DecimalString,
    pub grant_value: DecimalString,
    pub price_before: DecimalString,
    pub points_granted: DecimalString,
    pub price_after: DecimalString,
    pub pool: DecimalString,
    pub supply: DecimalString,
    /// What the purchase set aside in the reserve (docs/model.md §5; almost always `"0"`).
    pub reserved: DecimalString,
}

/// What a cash-out or a redemption did (or would do). For a redemption `payout` is the goods value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "CashOutReceipt"))]
pub struct CashOutReceiptDoc {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub member_id: Option<String>,
    pub points: DecimalString,
    pub price_before: DecimalString,
    pub gross: DecimalString,
    pub payout: DecimalString,
    pub retained: DecimalString,
    /// The part of `retained` the payout rate keeps.
    pub cut: DecimalString,
    /// The part of `retained` the exit cap takes.
    pub forfeited: DecimalString,
    pub burned: DecimalString,
    pub exited: bool,
    pub price_after: DecimalString,
    pub pool: DecimalString,
    pub supply: DecimalString,
    /// What the cash-out set aside in the reserve: the pool left when it burned the last points,
    /// or what the points left could not carry past the ceiling (docs/model.md §5).
    pub reserved: DecimalString,
}

/// A member's position at today's price.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "MemberView"))]
pub struct MemberViewDoc {
    pub points: DecimalString,
    pub spent: DecimalString,
    pub received: DecimalString,
    pub value: DecimalString,
    pub cash_out_value: DecimalString,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub cap_left: Option<DecimalString>,
    pub exited: bool,
    /// Of cashing out every point now: what the payout rate keeps in the pool.
    pub cut_now: DecimalString,
    /// Of cashing out every point now: what the exit cap takes.
    pub forfeited_now: DecimalString,
    /// Received plus a cash-out now against spending (docs/model.md §3).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BreakEvenState"))]
    pub break_even: BreakEvenDoc,
    /// How many times the price must rise to break even, when `breakEven` is `"rise"`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub break_even_multiple: Option<DecimalString>,
    /// The exit cap as it stands for this member.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CapState"))]
    pub cap: CapDoc,
    /// How many times the price must rise to reach the cap, when `cap` is `"rise"`.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub cap_multiple: Option<DecimalString>,
}

/// Running totals: `contributed = pool + paidOut + redeemed + reserved`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Totals"))]
pub struct TotalsDoc {
    pub contributed: DecimalString,
    pub paid_out: DecimalString,
    pub redeemed: DecimalString,
    /// Money no point carries (docs/model.md §5); always written, `"0"` when left out (a
    /// snapshot written before the reserve).
    #[serde(default = "zero")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub reserved: DecimalString,
}

fn zero() -> DecimalString {
    DecimalString(rust_decimal::Decimal::ZERO)
}

/// The pool as a whole.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "PoolState"))]
pub struct PoolStateDoc {
    pub pool: DecimalString,
    pub supply: DecimalString,
    pub price: DecimalString,
    pub orders: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Totals"))]
    pub totals: TotalsDoc,
}

impl PurchaseReceiptDoc {
    pub fn of(receipt: &PurchaseReceipt, member_id: Option<&str>) -> Self {
        PurchaseReceiptDoc {
            member_id: member_id.map(str::to_owned),
            amount: receipt.amount.into(),
            contribution: receipt.contribution.into(),
            grant_value: receipt.grant_value.into(),
            price_before: receipt.price_before.into(),
            points_granted: receipt.points_granted.into(),
            price_after: receipt.price_after.into(),
            pool: receipt.pool.into(),
            supply: receipt.supply.into(),
            reserved: receipt.reserved.into(),
        }
    }
}

impl CashOutReceiptDoc {
    pub fn of(receipt: &CashOutReceipt, member_id: Option<&str>) -> Self {
        CashOutReceiptDoc {
            member_id: member_id.map(str::to_owned),
            points: receipt.points.into(),
            price_before: receipt.price_before.into(),
            gross: receipt.gross.into(),
            payout: receipt.payout.into(),
            retained: receipt.retained.into(),
            cut: receipt.cut.into(),
            forfeited: receipt.forfeited.into(),
            burned: receipt.burned.into(),
            exited: receipt.exited,
            price_after: receipt.price_after.into(),
            pool: receipt.pool.into(),
            supply: receipt.supply.into(),
            reserved: receipt.reserved.into(),
        }
    }
}

impl From<&MemberView> for MemberViewDoc {
    fn from(view: &MemberView) -> Self {
        MemberViewDoc {
            points: view.points.into(),
            spent: view.spent.into(),
            received: view.received.into(),
            value: view.value.into(),
            cash_out_value: view.cash_out_value.into(),
            cap_left: view.cap_left.map(DecimalString),
            exited: view.exited,
            cut_now: view.cut_now.into(),
            forfeited_now: view.forfeited_now.into(),
            break_even: view.break_even.into(),
            break_even_multiple: view.break_even.multiple().map(DecimalString),
            cap: view.cap.into(),
            cap_multiple: view.cap.multiple().map(DecimalString),
        }
    }
}

impl From<&Totals> for TotalsDoc {
    fn from(totals: &Totals) -> Self {
        TotalsDoc {
            contributed: totals.contributed.into(),
            paid_out: totals.paid_out.into(),
            redeemed: totals.redeemed.into(),
            reserved: totals.reserved.into(),
        }
    }
}

impl TotalsDoc {
    pub fn into_totals(self) -> Totals {
        Totals {
            contributed: self.contributed.0,
            paid_out: self.paid_out.0,
            redeemed: self.redeemed.0,
            reserved: self.reserved.0,
        }
    }
}

impl From<&PoolState> for PoolStateDoc {
    fn from(state: &PoolState) -> Self {
        PoolStateDoc {
            pool: state.pool.into(),
            supply: state.supply.into(),
            price: state.price.into(),
            orders: state.orders,
            totals: (&state.totals).into(),
        }
    }
}
