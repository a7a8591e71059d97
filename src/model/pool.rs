//! The pool (docs/model.md §1–§5): purchases mint points at the price before the
//! contribution lands; cash-outs and redemptions burn points and pay a share of
//! their value; the exit cap ends a member's run at a multiple of what they spent.
//!
//! Every operation is planned first (all checks, all arithmetic, no mutation) and
//! then committed; a commit cannot fail, so a refused operation changes nothing.
//! This file holds the pool's operations (`view.rs` values positions); the rules it applies
//! live in `rules`.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rustc_hash::FxBuildHasher;

use crate::decimal::{self, difference, sum as checked_sum};
use crate::error::{PoolError, Result};
use crate::limits::{MAX_MEMBERS, MAX_ORDERS, MAX_QUANTITY};
use crate::model::config::Config;
use crate::model::member::{validate_member_id, Member};
use crate::model::receipts::{CashOutKind, CashOutReceipt, PurchaseReceipt};
use crate::model::rules::{Basis, Holder, Rules, Settled};
use crate::model::state::{PoolState, Totals};

/// Members by id. A hash map with rustc's Fx hash: a ledger row looks its member up in
/// one probe (a B-tree compared ids a dozen times a row, a tenth of the replay time in
/// wasm). Nothing depends on its order: snapshots write members sorted by id.
pub(crate) type Members = HashMap<Box<str>, Member, FxBuildHasher>;

/// The engine: a pool, its supply, its members and the parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    pub(crate) config: Config,
    pub(crate) pool_cny: Decimal,
    pub(crate) supply: Decimal,
    /// Cached `price()`, recomputed after every change of pool or supply.
    pub(crate) price: Decimal,
    pub(crate) orders: u64,
    pub(crate) totals: Totals,
    pub(crate) members: Members,
    /// Points held by members a public snapshot did not list: the supply is
    /// always the members' points plus these.
    pub(crate) unattributed: Decimal,
    /// The most one point may carry (`Rules::ceiling`), worked out once from the config.
    pub(crate) ceiling: Decimal,
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new(Config::default())
    }
}

impl Pool {
    /// An empty pool.
    pub fn new(config: Config) -> Pool {
        let price = config.initial_price;
        // A validated config always has a ceiling; the largest pool stands in for one that failed.
        let ceiling = Rules::new(&config).ceiling().unwrap_or(MAX_QUANTITY);
        Pool {
            ceiling,
            config,
            pool_cny: Decimal::ZERO,
            supply: Decimal::ZERO,
            price,
            orders: 0,
            totals: Totals::default(),
            members: Members::default(),
            unattributed: Decimal::ZERO,
        }
    }

    /// A pool from parts a snapshot has already checked (`snapshot.rs` holds the checks of
    /// docs/formats.md §2); `members: None` means the holders are not listed.
    pub(crate) fn from_checked_parts(
        config: Config,
        balances: (Decimal, Decimal, Decimal),
        orders: u64,
        totals: Totals,
        members: Option<Members>,
    ) -> Pool {
        let (pool_cny, supply, price) = balances;
        let mut pool = Pool::new(config);
        pool.orders = orders;
        pool.totals = totals;
        pool.unattributed = if members.is_some() { Decimal::ZERO } else { supply };
        pool.members = members.unwrap_or_default();
        pool.set_balances(pool_cny, supply, price);
        pool
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The rules of this pool's parameters.
    pub fn rules(&self) -> Rules<'_> {
        Rules::new(&self.config)
    }

    /// The most one point may carry (docs/model.md §5).
    pub fn ceiling(&self) -> Decimal {
        self.ceiling
    }

    /// The pool's balances and price, what its rules are computed on.
    pub fn basis(&self) -> Basis {
        Basis::Balances { pool: self.pool_cny, supply: self.supply, price: self.price }
    }

    /// CNY per point: pool ÷ supply, or the initial price when no points circulate,
    /// rounded per `rounding.price` when set.
    pub fn price(&self) -> Decimal {
        self.price
    }

    pub fn state(&self) -> PoolState {
        PoolState {
            pool: self.pool_cny,
            supply: self.supply,
            price: self.price,
            orders: self.orders,
            totals: self.totals.clone(),
        }
    }

    /// The members, sorted by id (the order snapshots write them in).
    pub fn members(&self) -> impl Iterator<Item = (&str, &Member)> {
        let mut listed: Vec<(&str, &Member)> =
            self.members.iter().map(|(id, member)| (&**id, member)).collect();
        listed.sort_unstable_by(|a, b| a.0.cmp(b.0));
        listed.into_iter()
    }

    /// One member's account as it stands.
    pub fn account(&self, member_id: &str) -> Result<&Member> {
        self.members.get(member_id).ok_or(PoolError::UnknownMember)
    }

    /// How many members a snapshot of this pool lists.
    pub fn member_count(&self) -> usize {
        self.members.len()
    }

    /// Whether every holder is listed (false for a pool loaded from a public snapshot).
    pub fn lists_every_holder(&self) -> bool {
        self.unattributed.is_zero()
    }

    /// 消费: `member` spends `amount_cny` and receives points at the current price.
    pub fn purchase(&mut self, member_id: &str, amount_cny: Decimal) -> Result<PurchaseReceipt> {
        validate_member_id(member_id)?;
        let receipt = self.quote_purchase(amount_cny)?;
        let orders = match self.orders.checked_add(1) {
            Some(orders) if orders <= MAX_ORDERS => orders,
            _ => return Err(PoolError::LimitExceeded { quantity: "orders" }),
        };
        let contributed = checked_sum(self.totals.contributed, receipt.contribution, "total contributed")?;
        let reserved = checked_sum(self.totals.reserved, receipt.reserved, "total reserved")?;
        // One look-up: check the member's sums, then commit everything.
        match self.members.get_mut(member_id) {
            Some(member) => {
                let points = checked_sum(member.points, receipt.points_granted, "member points")?;
                let spent = checked_sum(member.spent, amount_cny, "member spending")?;
                member.points = points;
                member.spent = spent;
                member.exited = false;
            }
            None => {
                // Memory stays bounded whatever a ledger holds (a member costs some 300 bytes).
                if self.members.len() >= MAX_MEMBERS {
                    return Err(PoolError::LimitExceeded { quantity: "maxMembers" });
                }
                let member =
                    Member { points: receipt.points_granted, spent: amount_cny, ..Member::default() };
                self.members.insert(member_id.into(), member);
            }
        }
        // model.md §5: an accepted purchase always mints points (quote_purchase refuses the rest).
        assert!(receipt.points_granted > Decimal::ZERO, "a purchase was accepted without points");
        self.totals.contributed = contributed;
        self.totals.reserved = reserved;
        self.set_balances(receipt.pool, receipt.supply, receipt.price_after);
        self.orders = orders;
        Ok(receipt)
    }

    /// The receipt a purchase of `amount_cny` would give now; nothing changes.
    pub fn quote_purchase(&self, amount_cny: Decimal) -> Result<PurchaseReceipt> {
        self.rules().check_amount(amount_cny)?;
        let rules = self.rules();
        let purchase = rules.purchase(amount_cny, self.basis())?;
        if purchase.points.is_zero() {
            return Err(PoolError::AmountTooSmall);
        }
        let pool = checked_sum(self.pool_cny, purchase.contribution, "pool")?;
        let supply = checked_sum(self.supply, purchase.points, "supply")?;
        let settled = rules.settle(pool, supply, self.ceiling)?;
        Ok(PurchaseReceipt {
            amount: amount_cny,
            contribution: purchase.contribution,
            grant_value: purchase.grant_value,
            price_before: self.price,
            points_granted: purchase.points,
            price_after: settled.price,
            pool: settled.pool,
            supply,
            reserved: settled.reserved,
        })
    }

    /// 提现: cash out `points` at `payoutRate`.
    pub fn withdraw(&mut self, member_id: &str, points: Decimal) -> Result<CashOutReceipt> {
        self.cash_out(CashOutKind::Withdraw, member_id, points)
    }

    /// 兑换商品: spend `points` on goods at `redeemRate`.
    pub fn redeem(&mut self, member_id: &str, points: Decimal) -> Result<CashOutReceipt> {
        self.cash_out(CashOutKind::Redeem, member_id, points)
    }

    pub fn cash_out(
        &mut self,
        kind: CashOutKind,
        member_id: &str,
        points: Decimal,
    ) -> Result<CashOutReceipt> {
        let receipt = self.quote_cash_out(kind, member_id, points)?;
        let totals = &mut self.totals;
        let total = match kind {
            CashOutKind::Withdraw => &mut totals.paid_out,
            CashOutKind::Redeem => &mut totals.redeemed,
        };
        let total_after = checked_sum(*total, receipt.payout, "total paid")?;
        let reserved = checked_sum(totals.reserved, receipt.reserved, "total reserved")?;
        let member = self.members.get_mut(member_id).ok_or(PoolError::UnknownMember)?;
        let received_after = checked_sum(member.received, receipt.payout, "member receipts")?;
        let points_after = difference(member.points, receipt.burned)?;
        // Everything is checked: commit.
        *total = total_after;
        self.totals.reserved = reserved;
        member.points = points_after;
        member.received = received_after;
        member.exited = receipt.exited;
        self.set_balances(receipt.pool, receipt.supply, receipt.price_after);
        Ok(receipt)
    }

    /// The receipt a cash-out or redemption would give now; nothing changes.
    pub fn quote_cash_out(
        &self,
        kind: CashOutKind,
        member_id: &str,
        points: Decimal,
    ) -> Result<CashOutReceipt> {
        validate_member_id(member_id)?;
        let member = self.members.get(member_id).ok_or(PoolError::UnknownMember)?;
        self.rules().check_points(points)?;
        if points > member.points {
            return Err(PoolError::InsufficientPoints { held: decimal::to_plain_string(member.points) });
        }
        let receipt = self.plan_cash_out(kind, member, points, true)?;
        // model.md §5: below the cap, points are never burned for nothing (at the cap every point
        // goes whatever is left to pay: that is the cap's rule).
        if receipt.payout.is_zero() && !receipt.exited {
            return Err(PoolError::PayoutTooSmall);
        }
        Ok(receipt)
    }

    /// Checks docs/model.md §5's invariants 1 and 2 (O(members)); tests and debug builds call it.
    pub fn check_invariants(&self) -> std::result::Result<(), String> {
        if self.pool_cny.is_sign_negative() || self.supply.is_sign_negative() {
            return Err(format!("negative pool {} or supply {}", self.pool_cny, self.supply));
        }
        let mut sum = self.unattributed;
        for (id, member) in &self.members {
            if member.points.is_sign_negative() && !member.points.is_zero() {
                return Err(format!("member {id} holds {} points", member.points));
            }
            sum = checked_sum(sum, member.points, "points").map_err(|e| e.to_string())?;
        }
        if sum != self.supply {
            return Err(format!("members hold {sum} points (with unlisted ones), supply is {}", self.supply));
        }
        let t = &self.totals;
        let accounted = checked_sum(self.pool_cny, t.paid_out, "totals")
            .and_then(|sum| checked_sum(sum, t.redeemed, "totals"))
            .and_then(|sum| checked_sum(sum, t.reserved, "totals"))
            .map_err(|e| e.to_string())?;
        if t.contributed != accounted {
            return Err(format!(
                "contributed {} ≠ pool + paid out + redeemed + reserved {accounted}",
                t.contributed
            ));
        }
        if self.price != self.rules().price(self.pool_cny, self.supply).map_err(|e| e.to_string())? {
            return Err("cached price is stale".into());
        }
        self.check_backing_invariants()
    }

    /// docs/model.md §5's backing: money in the pool exactly when points circulate, a price above
    /// 0, and no point carrying more than the ceiling.
    fn check_backing_invariants(&self) -> std::result::Result<(), String> {
        if self.supply.is_zero() != self.pool_cny.is_zero() {
            return Err(format!("pool {} with supply {}", self.pool_cny, self.supply));
        }
        if self.price <= Decimal::ZERO {
            return Err(format!("a point is priced at {}", self.price));
        }
        let most = self.ceiling.checked_mul(self.supply);
        if most.is_some_and(|most| self.pool_cny > most) {
            return Err(format!(
                "pool {} passes the ceiling {} × supply {}",
                self.pool_cny, self.ceiling, self.supply
            ));
        }
        Ok(())
    }

    /// `capped: false` values a holding whose spending is unknown, so no cap applies.
    pub(crate) fn plan_cash_out(
        &self,
        kind: CashOutKind,
        member: &Member,
        points: Decimal,
        capped: bool,
    ) -> Result<CashOutReceipt> {
        let rules = self.rules();
        let holder = Holder {
            points: member.points,
            spent: capped.then_some(member.spent),
            received: member.received,
        };
        let cash_out = rules.cash_out(rules.rate(kind), points, &holder, self.basis())?;
        let supply = difference(self.supply, cash_out.burned)?;
        let Settled { pool, price: price_after, reserved, .. } =
            rules.settle(difference(self.pool_cny, cash_out.payout)?, supply, self.ceiling)?;
        Ok(CashOutReceipt {
            points,
            price_before: self.price,
            gross: cash_out.gross,
            payout: cash_out.payout,
            retained: cash_out.retained,
            cut: cash_out.cut,
            forfeited: cash_out.forfeited,
            burned: cash_out.burned,
            exited: cash_out.exited,
            price_after,
            pool,
            supply,
            reserved,
        })
    }

    fn set_balances(&mut self, pool_cny: Decimal, supply: Decimal, price: Decimal) {
        debug_assert!(!pool_cny.is_sign_negative() || pool_cny.is_zero(), "pool went negative");
        debug_assert!(!supply.is_sign_negative() || supply.is_zero(), "supply went negative");
        self.pool_cny = pool_cny;
        self.supply = supply;
        self.price = price;
    }
}
