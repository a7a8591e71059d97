//! What an operation did (or, quoted, would do).

use rust_decimal::Decimal;

use crate::decimal::difference;
use crate::error::{PoolError, Result};

/// What a purchase did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PurchaseReceipt {
    pub amount: Decimal,
    pub contribution: Decimal,
    pub grant_value: Decimal,
    pub price_before: Decimal,
    pub points_granted: Decimal,
    pub price_after: Decimal,
    pub pool: Decimal,
    pub supply: Decimal,
    /// What the purchase set aside in the reserve (docs/model.md §5; almost always 0).
    pub reserved: Decimal,
}

/// Where a purchase's money went (docs/model.md §3), from its receipt and the value of the
/// points it granted: the merchant's share, and the part of the contribution that backs
/// earlier holders' points. The parts add up to the amount exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PurchaseSplit {
    pub merchant: Decimal,
    pub earlier: Decimal,
}

impl PurchaseSplit {
    /// Splits `amount` by `contribution` (at most the amount) and `value`; a part below zero is
    /// `negative_value` naming it, and a contribution above the amount names `merchant`, whose
    /// share would be below zero.
    pub fn of(amount: Decimal, contribution: Decimal, value: Decimal) -> Result<PurchaseSplit> {
        for (field, part) in [("amount", amount), ("contribution", contribution), ("value", value)] {
            if part.is_sign_negative() && !part.is_zero() {
                return Err(PoolError::NegativeValue { field });
            }
        }
        if contribution > amount {
            return Err(PoolError::NegativeValue { field: "merchant" });
        }
        // The value may pass the contribution by a rounding unit (money rounded up): `earlier`
        // is then that unit below zero, as the receipt's figures say.
        Ok(PurchaseSplit {
            merchant: difference(amount, contribution)?,
            earlier: difference(contribution, value)?,
        })
    }
}

/// What a cash-out or a redemption did. For a redemption `payout` is the goods value.
/// `retained` is the value of the burned points that stays in the pool: `cut` (the part of
/// the points cashed out that the rate keeps, 20% by default) plus `forfeited` (what the
/// exit cap takes: the points' value above the cap, and every other point the member held).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CashOutReceipt {
    pub points: Decimal,
    pub price_before: Decimal,
    pub gross: Decimal,
    pub payout: Decimal,
    pub retained: Decimal,
    pub cut: Decimal,
    pub forfeited: Decimal,
    pub burned: Decimal,
    pub exited: bool,
    pub price_after: Decimal,
    pub pool: Decimal,
    pub supply: Decimal,
    /// What the cash-out set aside in the reserve: the pool left behind when it burned the last
    /// points, or what the points left could not carry past the ceiling (docs/model.md §5).
    pub reserved: Decimal,
}

/// Which way points leave the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CashOutKind {
    /// 提现: paid in cash at `payoutRate`.
    Withdraw,
    /// 兑换商品: paid in goods at `redeemRate`.
    Redeem,
}
