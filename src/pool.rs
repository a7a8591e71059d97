//! The pool (SPEC §1, §3, §5): purchases mint points at the price before the
//! contribution lands; cash-outs and redemptions burn points and pay a share of
//! their value; the exit cap ends a member's run at a multiple of what they spent.
//!
//! Every operation is planned first (all checks, all arithmetic, no mutation) and
//! then committed; a commit cannot fail, so a refused operation changes nothing.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use crate::heap_sort::heap_sort_by;

use rust_decimal::Decimal;

use crate::config::Config;
use crate::decimal::{
    self, difference, product as mul, quotient, sum as checked_sum, PlainError, MAX_AMOUNT_EXPONENT,
    MAX_QUANTITY,
};
use crate::error::{PoolError, Result};
use crate::json::{ObjectWriter, ToJson};
use crate::rounding::{self, Rounding};

/// One member's account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Member {
    pub points: Decimal,
    /// Sum of purchase amounts, CNY.
    pub spent: Decimal,
    /// Sum of cash payouts and goods value, CNY.
    pub received: Decimal,
    /// Set by the exit cap, cleared by the next purchase.
    pub exited: bool,
}

/// Running totals, for the conservation check `contributed = pool + paidOut + redeemed`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub contributed: Decimal,
    pub paid_out: Decimal,
    pub redeemed: Decimal,
}

/// What a purchase did (or, quoted, would do).
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
}

/// What a cash-out or a redemption did (or would do). For a redemption `payout`
/// is the goods value. `retained` is the value of the burned points that stays in
/// the pool: the cash-out cut, plus the forfeited points at an exit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CashOutReceipt {
    pub points: Decimal,
    pub price_before: Decimal,
    pub gross: Decimal,
    pub payout: Decimal,
    pub retained: Decimal,
    pub burned: Decimal,
    pub exited: bool,
    pub price_after: Decimal,
    pub pool: Decimal,
    pub supply: Decimal,
}

/// A member's position, valued at the current price.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberView {
    pub points: Decimal,
    pub spent: Decimal,
    pub received: Decimal,
    /// `points × price`.
    pub value: Decimal,
    /// What cashing out every point now would pay, after the cut and the cap.
    pub cash_out_value: Decimal,
    /// What the member may still receive before the cap; `None` without a cap.
    pub cap_left: Option<Decimal>,
    pub exited: bool,
    /// How many times the price must rise for the cash-out to reach `spent`.
    pub break_even_multiple: Option<Decimal>,
    /// How many times the price must rise for the cash-out to reach the cap.
    pub cap_multiple: Option<Decimal>,
}

/// The pool as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolState {
    pub pool: Decimal,
    pub supply: Decimal,
    pub price: Decimal,
    pub orders: u64,
    pub totals: Totals,
}

impl ToJson for Totals {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .decimal("contributed", self.contributed)
            .decimal("paidOut", self.paid_out)
            .decimal("redeemed", self.redeemed);
    }
}

impl ToJson for PurchaseReceipt {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .decimal("amount", self.amount)
            .decimal("contribution", self.contribution)
            .decimal("grantValue", self.grant_value)
            .decimal("priceBefore", self.price_before)
            .decimal("pointsGranted", self.points_granted)
            .decimal("priceAfter", self.price_after)
            .decimal("pool", self.pool)
            .decimal("supply", self.supply);
    }
}

impl ToJson for CashOutReceipt {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .decimal("points", self.points)
            .decimal("priceBefore", self.price_before)
            .decimal("gross", self.gross)
            .decimal("payout", self.payout)
            .decimal("retained", self.retained)
            .decimal("burned", self.burned)
            .bool("exited", self.exited)
            .decimal("priceAfter", self.price_after)
            .decimal("pool", self.pool)
            .decimal("supply", self.supply);
    }
}

impl ToJson for MemberView {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .decimal("points", self.points)
            .decimal("spent", self.spent)
            .decimal("received", self.received)
            .decimal("value", self.value)
            .decimal("cashOutValue", self.cash_out_value)
            .optional_decimal("capLeft", self.cap_left)
            .bool("exited", self.exited)
            .optional_decimal("breakEvenMultiple", self.break_even_multiple)
            .optional_decimal("capMultiple", self.cap_multiple);
    }
}

impl ToJson for PoolState {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .decimal("pool", self.pool)
            .decimal("supply", self.supply)
            .decimal("price", self.price)
            .number("orders", self.orders)
            .value("totals", &self.totals);
    }
}

/// Which way points leave the pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CashOutKind {
    /// 提现: paid in cash at `payoutRate`.
    Withdraw,
    /// 兑换商品: paid in goods at `redeemRate`.
    Redeem,
}

/// Members by id. A hash map with rustc's Fx hash: a ledger row looks its member up in
/// one probe (a B-tree compared ids a dozen times a row, a tenth of the replay time in
/// wasm). Nothing depends on its order: snapshots write members sorted by id.
pub(crate) type Members = HashMap<Box<str>, Member, FxBuildHasher>;

/// The engine: a pool, its supply, its members and the parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    pub(crate) config: Config,
    pub(crate) rounding: Rounding,
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
}

impl Default for Pool {
    fn default() -> Self {
        Pool::new(Config::default())
    }
}

impl Pool {
    /// An empty pool.
    pub fn new(config: Config) -> Pool {
        let rounding = config.rounding_or_exact();
        let price = config.initial_price;
        Pool {
            config,
            rounding,
            pool_cny: Decimal::ZERO,
            supply: Decimal::ZERO,
            price,
            orders: 0,
            totals: Totals::default(),
            members: Members::default(),
            unattributed: Decimal::ZERO,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
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
        heap_sort_by(&mut listed, |a, b| a.0 < b.0);
        listed.into_iter()
    }

    /// 消费: `member` spends `amount_cny` and receives points at the current price.
    pub fn purchase(&mut self, member_id: &str, amount_cny: Decimal) -> Result<PurchaseReceipt> {
        validate_member_id(member_id)?;
        let receipt = self.quote_purchase(amount_cny)?;
        let contributed = checked_sum(self.totals.contributed, receipt.contribution, "total contributed")?;
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
                let member =
                    Member { points: receipt.points_granted, spent: amount_cny, ..Member::default() };
                self.members.insert(member_id.into(), member);
            }
        }
        self.totals.contributed = contributed;
        self.set_balances(receipt.pool, receipt.supply, receipt.price_after);
        self.orders += 1;
        Ok(receipt)
    }

    /// The receipt a purchase of `amount_cny` would give now; nothing changes.
    pub fn quote_purchase(&self, amount_cny: Decimal) -> Result<PurchaseReceipt> {
        self.validate_amount(amount_cny)?;
        let rates = &self.config;
        let contribution = rounding::money(&self.rounding, mul(amount_cny, rates.pool_rate)?);
        let grant_value = rounding::money(&self.rounding, mul(contribution, rates.grant_rate)?);
        let points_granted = rounding::points(&self.rounding, self.points_worth(grant_value)?);
        let pool = checked_sum(self.pool_cny, contribution, "pool")?;
        let supply = checked_sum(self.supply, points_granted, "supply")?;
        Ok(PurchaseReceipt {
            amount: amount_cny,
            contribution,
            grant_value,
            price_before: self.price,
            points_granted,
            price_after: self.price_for(pool, supply)?,
            pool,
            supply,
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
        let member = self.members.get_mut(member_id).ok_or(PoolError::UnknownMember)?;
        let received_after = checked_sum(member.received, receipt.payout, "member receipts")?;
        let points_after = difference(member.points, receipt.burned)?;
        // Everything is checked: commit.
        *total = total_after;
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
        self.validate_points(points)?;
        if points > member.points {
            return Err(PoolError::InsufficientPoints { held: decimal::to_plain_string(member.points) });
        }
        self.plan_cash_out(kind, member, points, true)
    }

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
            return Err(PoolError::PointsMustBePositive);
        }
        let max = self.config.points_scale();
        if decimal::significant_scale(points) > max {
            return Err(PoolError::TooManyDecimals { field: "points", max });
        }
        if points > self.supply {
            return Err(PoolError::InsufficientPoints { held: decimal::to_plain_string(self.supply) });
        }
        for money in [spent.unwrap_or_default(), received] {
            if money.is_sign_negative() && !money.is_zero() {
                return Err(PoolError::AmountMustBePositive);
            }
            if money > MAX_QUANTITY {
                return Err(PoolError::LimitExceeded { quantity: "member spending" });
            }
        }
        let member = Member { points, spent: spent.unwrap_or_default(), received, exited: false };
        self.view_of(&member, spent.is_some())
    }

    fn view_of(&self, member: &Member, capped: bool) -> Result<MemberView> {
        let value = rounding::money(&self.rounding, self.value_of(member.points)?);
        let cash_out_value = if member.points.is_zero() {
            Decimal::ZERO
        } else {
            self.plan_cash_out(CashOutKind::Withdraw, member, member.points, capped)?.payout
        };
        let cap_left = self.cap_left(member)?.filter(|_| capped);
        // Cash-out value grows in proportion to the price, so these quotients are how
        // many times the price must rise for it to reach the spending and the cap.
        let uncapped = rounding::money(&self.rounding, mul(value, self.config.payout_rate)?);
        let times = |target: Decimal| {
            (target > Decimal::ZERO && uncapped > Decimal::ZERO)
                .then(|| quotient(target, uncapped, "multiple").ok())
                .flatten()
        };
        Ok(MemberView {
            points: member.points,
            spent: member.spent,
            received: member.received,
            value,
            cash_out_value,
            cap_left,
            exited: member.exited,
            break_even_multiple: times(member.spent),
            cap_multiple: cap_left.and_then(times),
        })
    }

    /// Checks SPEC §5's invariants 1 and 2 (O(members)); tests and debug builds call it.
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
        let accounted = self.pool_cny + t.paid_out + t.redeemed;
        if t.contributed != accounted {
            return Err(format!("contributed {} ≠ pool + paid out + redeemed {accounted}", t.contributed));
        }
        if self.price != self.price_for(self.pool_cny, self.supply).map_err(|e| e.to_string())? {
            return Err("cached price is stale".into());
        }
        Ok(())
    }

    /// `capped: false` values a holding whose spending is unknown, so no cap applies.
    fn plan_cash_out(
        &self,
        kind: CashOutKind,
        member: &Member,
        points: Decimal,
        capped: bool,
    ) -> Result<CashOutReceipt> {
        let rate = match kind {
            CashOutKind::Withdraw => self.config.payout_rate,
            CashOutKind::Redeem => self.config.redeem_rate,
        };
        let gross = rounding::money(&self.rounding, self.value_of(points)?);
        let mut payout = rounding::money(&self.rounding, mul(gross, rate)?);
        let mut burned = points;
        let mut exited = false;
        if let Some(cap_left) = self.cap_left(member)?.filter(|_| capped) {
            if cap_left <= payout {
                // 出局: the cap pays what is left of it and takes every point.
                payout = rounding::toward_zero(cap_left.max(Decimal::ZERO), self.config.money_scale());
                burned = member.points;
                exited = true;
            }
        }
        // Only price rounding with a rate of 1 can ask for more than the pool holds.
        payout = payout.min(self.pool_cny);
        let burned_value =
            if burned == points { gross } else { rounding::money(&self.rounding, self.value_of(burned)?) };
        let pool = difference(self.pool_cny, payout)?;
        let supply = difference(self.supply, burned)?;
        Ok(CashOutReceipt {
            points,
            price_before: self.price,
            gross,
            payout,
            retained: difference(burned_value, payout)?.max(Decimal::ZERO),
            burned,
            exited,
            price_after: self.price_for(pool, supply)?,
            pool,
            supply,
        })
    }

    /// `exitMultiple × spent − received`, never below zero; `None` without a cap.
    fn cap_left(&self, member: &Member) -> Result<Option<Decimal>> {
        let Some(multiple) = self.config.exit_multiple else { return Ok(None) };
        let cap = mul(multiple, member.spent)?;
        Ok(Some(difference(cap, member.received)?.max(Decimal::ZERO)))
    }

    fn points_worth(&self, value_cny: Decimal) -> Result<Decimal> {
        self.points_worth_at(value_cny, self.pool_cny, self.supply, self.price)
    }

    fn value_of(&self, points: Decimal) -> Result<Decimal> {
        self.value_at(points, self.pool_cny, self.supply, self.price)
    }

    /// Points that `value_cny` buys at `price` = price_for(pool, supply). In exact mode
    /// the price is `P / S` by definition, so `value × S / P` is the same quotient with
    /// one division fewer, and exact whenever the true result is (21 × 21 / 30 = 14.7).
    pub(crate) fn points_worth_at(
        &self,
        value_cny: Decimal,
        pool_cny: Decimal,
        supply: Decimal,
        price: Decimal,
    ) -> Result<Decimal> {
        if supply.is_zero() || self.rounding.price.is_some() {
            return quotient(value_cny, price, "points granted");
        }
        quotient(mul(value_cny, supply)?, pool_cny, "points granted")
    }

    /// Value in CNY of `points` at `price` = price_for(pool, supply) (exact mode: `points × P / S`).
    pub(crate) fn value_at(
        &self,
        points: Decimal,
        pool_cny: Decimal,
        supply: Decimal,
        price: Decimal,
    ) -> Result<Decimal> {
        if supply.is_zero() || self.rounding.price.is_some() {
            return mul(points, price);
        }
        quotient(mul(points, pool_cny)?, supply, "value")
    }

    pub(crate) fn price_for(&self, pool_cny: Decimal, supply: Decimal) -> Result<Decimal> {
        if supply.is_zero() {
            return Ok(self.config.initial_price);
        }
        Ok(rounding::price(&self.rounding, quotient(pool_cny, supply, "price")?))
    }

    fn set_balances(&mut self, pool_cny: Decimal, supply: Decimal, price: Decimal) {
        debug_assert!(!pool_cny.is_sign_negative() || pool_cny.is_zero(), "pool went negative");
        debug_assert!(!supply.is_sign_negative() || supply.is_zero(), "supply went negative");
        self.pool_cny = pool_cny;
        self.supply = supply;
        self.price = price;
    }

    // Both run for every ledger row, so each test is the cheap form of its comparison:
    // signs and scales before rescaling.
    fn validate_amount(&self, amount_cny: Decimal) -> Result<()> {
        if amount_cny.is_sign_negative() || amount_cny.is_zero() {
            return Err(PoolError::AmountMustBePositive);
        }
        if !decimal::at_most_power_of_ten(amount_cny, MAX_AMOUNT_EXPONENT) {
            return Err(PoolError::AmountTooLarge);
        }
        let max = self.config.amount_decimals();
        if amount_cny.scale() > max && decimal::significant_scale(amount_cny) > max {
            return Err(PoolError::TooManyDecimals { field: "amount", max });
        }
        Ok(())
    }

    fn validate_points(&self, points: Decimal) -> Result<()> {
        if points.is_sign_negative() || points.is_zero() {
            return Err(PoolError::PointsMustBePositive);
        }
        let max = self.config.points_scale();
        if points.scale() > max && decimal::significant_scale(points) > max {
            return Err(PoolError::TooManyDecimals { field: "points", max });
        }
        Ok(())
    }
}

/// Member ids: 1 to 64 characters, none of them a control character.
pub fn validate_member_id(member_id: &str) -> Result<()> {
    // By bytes, as it runs for every ledger row: a character starts at every byte that is
    // not a UTF-8 continuation byte, and the control characters (`char::is_control`,
    // U+0000–U+001F and U+007F–U+009F) are the bytes below 0x20, 0x7F, and 0xC2 followed
    // by 0x80–0x9F.
    let bytes = member_id.as_bytes();
    let (mut count, mut index) = (0, 0);
    while index < bytes.len() {
        let byte = bytes[index];
        count += usize::from(byte & 0xC0 != 0x80);
        let c1 = byte == 0xC2 && matches!(bytes.get(index + 1), Some(0x80..=0x9F));
        if count > 64 || byte < 0x20 || byte == 0x7F || c1 {
            return Err(PoolError::InvalidMemberId);
        }
        index += 1;
    }
    if count == 0 {
        return Err(PoolError::InvalidMemberId);
    }
    Ok(())
}

/// Reads a purchase amount typed as a strict decimal string.
pub fn parse_amount(text: &str) -> Result<Decimal> {
    match decimal::parse_plain(text) {
        Ok(amount) => Ok(amount),
        Err(PlainError::Syntax) => Err(decimal::invalid_decimal("amount", text)),
        Err(PlainError::TooBig) if text.starts_with('-') => Err(PoolError::AmountMustBePositive),
        Err(PlainError::TooBig) => Err(PoolError::AmountTooLarge),
        Err(PlainError::TooPrecise) => Err(PoolError::TooManyDecimals { field: "amount", max: 28 }),
    }
}

/// Reads a point count typed as a strict decimal string.
pub fn parse_points(text: &str) -> Result<Decimal> {
    match decimal::parse_plain(text) {
        Ok(points) => Ok(points),
        Err(PlainError::Syntax) => Err(decimal::invalid_decimal("points", text)),
        Err(PlainError::TooBig) if text.starts_with('-') => Err(PoolError::PointsMustBePositive),
        Err(PlainError::TooBig) => Err(PoolError::LimitExceeded { quantity: "points" }),
        Err(PlainError::TooPrecise) => Err(PoolError::TooManyDecimals { field: "points", max: 28 }),
    }
}
