//! A member's position at today's price (docs/model.md §3, "What a member's view says"): the
//! value, what cashing out everything would pay and leave behind, and where they stand against
//! what they spent and the exit cap.

use rust_decimal::Decimal;

use crate::decimal::{self, difference, quotient};
use crate::error::{PoolError, Result};
use crate::limits::MAX_QUANTITY;
use crate::model::member::{validate_member_id, BreakEven, CapStatus, Member, MemberView};
use crate::model::pool::Pool;
use crate::model::receipts::CashOutKind;

impl Pool {
    /// A member's position now.
    pub fn member(&self, member_id: &str) -> Result<MemberView> {
        validate_member_id(member_id)?;
        let member = self.members.get(member_id).ok_or(PoolError::UnknownMember)?;
        self.view_of(member, true)
    }

    /// The position of someone holding `points` (having spent `spent` and received
    /// `received`) without being a listed member: what a member's own calculator shows
    /// against a public snapshot. With `spent` unknown (`None`) no cap is applied.
    pub fn holding(&self, points: Decimal, spent: Option<Decimal>, received: Decimal) -> Result<MemberView> {
        if points.is_sign_negative() && !points.is_zero() {
            return Err(PoolError::NegativeValue { field: "points" });
        }
        let max = self.config.points_scale();
        if decimal::significant_scale(points) > max {
            return Err(PoolError::TooManyDecimals { field: "points", max });
        }
        if points > self.supply {
            return Err(PoolError::InsufficientPoints { held: decimal::to_plain_string(self.supply) });
        }
        for (field, money) in [("spent", spent.unwrap_or_default()), ("received", received)] {
            if money.is_sign_negative() && !money.is_zero() {
                return Err(PoolError::NegativeValue { field });
            }
            if money > MAX_QUANTITY {
                return Err(PoolError::LimitExceeded { quantity: field });
            }
        }
        if let Some(cap) = spent.map(|spent| self.rules().cap(spent)).transpose()?.flatten() {
            if received > cap {
                return Err(PoolError::ReceivedAboveCap { cap: decimal::to_plain_string(cap) });
            }
        }
        let member = Member { points, spent: spent.unwrap_or_default(), received, exited: false };
        self.view_of(&member, spent.is_some())
    }

    fn view_of(&self, member: &Member, spending_known: bool) -> Result<MemberView> {
        let rules = self.rules();
        let value = rules.gross(member.points, self.basis())?;
        let everything = if member.points.is_zero() {
            None
        } else {
            Some(self.plan_cash_out(CashOutKind::Withdraw, member, member.points, spending_known)?)
        };
        let cash_out_value = everything.as_ref().map_or(Decimal::ZERO, |receipt| receipt.payout);
        let cap_left = if spending_known { rules.cap_left(member.spent, member.received)? } else { None };
        // A cash-out grows in proportion to the price, so a target over the uncapped cash-out
        // is how many times the price must rise to reach it.
        let uncapped = rules.uncapped_payout(value, self.config.payout_rate)?;
        let rise = |target: Decimal| -> Result<Option<Decimal>> {
            if uncapped.is_zero() {
                return Ok(None);
            }
            quotient(target, uncapped, "multiple").map(Some)
        };
        let break_even = if !spending_known {
            BreakEven::Unknown
        } else {
            let rest = difference(member.spent, member.received)?;
            if rest <= Decimal::ZERO {
                BreakEven::Received
            } else if cash_out_value >= rest {
                BreakEven::CashOutNow
            } else if cap_left.is_some_and(|left| left < rest) {
                BreakEven::Never
            } else {
                rise(rest)?.map_or(BreakEven::Never, BreakEven::Rise)
            }
        };
        let cap = match (self.config.exit_multiple, cap_left) {
            (None, _) => CapStatus::NoCap,
            (Some(_), None) => CapStatus::Unknown,
            (Some(_), Some(left)) if left.is_zero() || everything.as_ref().is_some_and(|r| r.exited) => {
                CapStatus::AtCap
            }
            (Some(_), Some(left)) => rise(left)?.map_or(CapStatus::Never, CapStatus::Rise),
        };
        Ok(MemberView {
            points: member.points,
            spent: member.spent,
            received: member.received,
            value,
            cash_out_value,
            cap_left,
            exited: member.exited,
            cut_now: everything.as_ref().map_or(Decimal::ZERO, |receipt| receipt.cut),
            forfeited_now: everything.as_ref().map_or(Decimal::ZERO, |receipt| receipt.forfeited),
            break_even,
            cap,
        })
    }
}
