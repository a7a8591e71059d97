//! Snapshots (docs/formats.md §2): the whole pool as data, and what loading one checks.
//! A public snapshot leaves the members out; it is what a merchant publishes. A bare state
//! (`{ pool, supply }`, what `state()` reports) is what a projection may start from.
//! The JSON and JavaScript shapes of both live in `wire`; the rules live here.

use rust_decimal::Decimal;

use crate::decimal::{self, sum};
use crate::error::{PoolError, Result};
use crate::limits::{MAX_MEMBERS, MAX_ORDERS, MAX_QUANTITY, MIN_INITIAL_PRICE};
use crate::model::config::Config;
use crate::model::member::{validate_member_id, Member};
use crate::model::pool::{Members, Pool};
use crate::model::rules::Rules;
use crate::model::state::Totals;

/// A pool as data, ready to be written or checked and loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub config: Config,
    pub pool: Decimal,
    pub supply: Decimal,
    pub orders: u64,
    pub totals: Totals,
    /// The members in the order written (sorted by id when the engine writes them);
    /// `None` in a public snapshot.
    pub members: Option<Vec<(String, Member)>>,
}

/// A pool state without members: `{ pool, supply }` and optionally the rest of `state()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BareState {
    pub config: Config,
    pub pool: Decimal,
    pub supply: Decimal,
    pub orders: Option<u64>,
    pub totals: Option<Totals>,
    /// The price the state claims; it must be the price the pool gives.
    pub price: Option<Decimal>,
}

impl Snapshot {
    /// The snapshot of `pool`: with its members, unless the pool was loaded from a public
    /// snapshot and so does not know every holder.
    pub fn of(pool: &Pool) -> Snapshot {
        Snapshot::written(pool, pool.lists_every_holder())
    }

    /// The public snapshot of `pool`: everything but the members.
    pub fn public_of(pool: &Pool) -> Snapshot {
        Snapshot::written(pool, false)
    }

    fn written(pool: &Pool, with_members: bool) -> Snapshot {
        let state = pool.state();
        let members = with_members
            .then(|| pool.members().map(|(id, member)| (id.to_owned(), member.clone())).collect());
        Snapshot {
            config: pool.config().clone(),
            pool: state.pool,
            supply: state.supply,
            orders: state.orders,
            totals: state.totals,
            members,
        }
    }

    /// Checks everything docs/formats.md §2 lists and gives the pool. The config must be
    /// valid already (`Config::validate`).
    pub fn into_pool(self) -> Result<Pool> {
        let config = self.config;
        let (money_scale, points_scale) = (config.money_scale(), config.points_scale());
        let pool_cny = quantity("pool", self.pool, money_scale)?;
        let supply = quantity("supply", self.supply, points_scale)?;
        if self.orders > MAX_ORDERS {
            return Err(PoolError::snapshot_field("orders", format!("must be at most {MAX_ORDERS}")));
        }
        let mut totals = checked_totals(self.totals, money_scale)?;
        check_conservation(pool_cny, &totals)?;
        // Written before the reserve (model.md §5): a pool no point carries is read as reserved.
        let pool_cny = if supply.is_zero() && !pool_cny.is_zero() {
            totals.reserved = sum(totals.reserved, pool_cny, "totals.reserved")?;
            Decimal::ZERO
        } else {
            pool_cny
        };
        let members = match self.members {
            None => None,
            Some(listed) => Some(checked_members(listed, &config, supply)?),
        };
        let price = checked_price(&config, pool_cny, supply)?;
        Ok(Pool::from_checked_parts(config, (pool_cny, supply, price), self.orders, totals, members))
    }
}

impl BareState {
    /// The pool this state describes, checked like a public snapshot. A state without
    /// `totals` is a pool that has paid nothing out (everything contributed is still in it).
    pub fn into_pool(self) -> Result<Pool> {
        let totals = self.totals.unwrap_or(Totals { contributed: self.pool, ..Totals::default() });
        let claimed_price = self.price;
        let pool = Snapshot {
            config: self.config,
            pool: self.pool,
            supply: self.supply,
            orders: self.orders.unwrap_or(0),
            totals,
            members: None,
        }
        .into_pool()?;
        if let Some(claimed) = claimed_price {
            if claimed != pool.price() {
                let reason = format!(
                    "{} is not the price this pool gives ({})",
                    decimal::to_plain_string(claimed),
                    decimal::to_plain_string(pool.price())
                );
                return Err(PoolError::snapshot_field("price", reason));
            }
        }
        Ok(pool)
    }
}

/// A non-negative quantity of at most `scale` decimals, at most 10^15.
fn quantity(field: &str, value: Decimal, scale: u32) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(PoolError::snapshot_field(field, "is negative"));
    }
    if value > MAX_QUANTITY {
        return Err(PoolError::snapshot_field(field, format!("passes the limit of {MAX_QUANTITY}")));
    }
    if decimal::significant_scale(value) > scale {
        return Err(PoolError::snapshot_field(field, format!("has more than {scale} decimals")));
    }
    Ok(value.normalize())
}

fn checked_totals(totals: Totals, scale: u32) -> Result<Totals> {
    Ok(Totals {
        contributed: quantity("totals.contributed", totals.contributed, scale)?,
        paid_out: quantity("totals.paidOut", totals.paid_out, scale)?,
        redeemed: quantity("totals.redeemed", totals.redeemed, scale)?,
        reserved: quantity("totals.reserved", totals.reserved, scale)?,
    })
}

/// `contributed = pool + paidOut + redeemed + reserved`: money is conserved.
fn check_conservation(pool_cny: Decimal, totals: &Totals) -> Result<()> {
    let overflow = |_| PoolError::snapshot_field("totals", format!("passes the limit of {MAX_QUANTITY}"));
    let accounted = sum(pool_cny, totals.paid_out, "totals").map_err(overflow)?;
    let accounted = sum(accounted, totals.redeemed, "totals").map_err(overflow)?;
    let accounted = sum(accounted, totals.reserved, "totals").map_err(overflow)?;
    if accounted != totals.contributed {
        let reason = format!(
            "break conservation: contributed {} ≠ pool + paidOut + redeemed + reserved {}",
            decimal::to_plain_string(totals.contributed),
            decimal::to_plain_string(accounted)
        );
        return Err(PoolError::snapshot_field("totals", reason));
    }
    Ok(())
}

/// The listed members, each checked, no id twice (in one pass over a hash map), and their
/// points summing exactly to the supply.
fn checked_members(listed: Vec<(String, Member)>, config: &Config, supply: Decimal) -> Result<Members> {
    if listed.len() > MAX_MEMBERS {
        return Err(PoolError::snapshot_field("members", format!("more than maxMembers ({MAX_MEMBERS})")));
    }
    let rules = Rules::new(config);
    let mut members = Members::default();
    members.reserve(listed.len());
    let mut held = Decimal::ZERO;
    for (id, member) in listed {
        let field = |name: &str| format!("members.{}.{name}", crate::error::quote(&id));
        validate_member_id(&id).map_err(|_| {
            PoolError::snapshot_field("members", format!("bad member id {}", crate::error::quote(&id)))
        })?;
        let member = Member {
            points: quantity(&field("points"), member.points, config.points_scale())?,
            spent: quantity(&field("spent"), member.spent, config.amount_decimals())?,
            received: quantity(&field("received"), member.received, config.money_scale())?,
            exited: member.exited,
        };
        check_member_state(&rules, &member, field)?;
        held = sum(held, member.points, "members' points").map_err(|_| {
            PoolError::snapshot_field("members", format!("points pass the limit of {MAX_QUANTITY}"))
        })?;
        if members.insert(id.clone().into_boxed_str(), member).is_some() {
            let reason = format!("member id {} is listed twice", crate::error::quote(&id));
            return Err(PoolError::snapshot_field("members", reason));
        }
    }
    if supply.is_zero() && !held.is_zero() {
        return Err(PoolError::snapshot_field("supply", "is 0 but members hold points"));
    }
    if held != supply {
        let reason = format!(
            "members' points sum to {}, not to supply {}",
            decimal::to_plain_string(held),
            decimal::to_plain_string(supply)
        );
        return Err(PoolError::snapshot_field("supply", reason));
    }
    Ok(members)
}

/// What the rules let a member's account be (model.md §3): no more received than the cap allows,
/// and no points held after an exit (an exit burns every point; a purchase ends it).
fn check_member_state(rules: &Rules, member: &Member, field: impl Fn(&str) -> String) -> Result<()> {
    let cap = rules.cap(member.spent)?;
    if cap.is_some_and(|cap| member.received > cap) {
        let cap = decimal::to_plain_string(cap.unwrap_or_default());
        return Err(PoolError::snapshot_field(field("received"), format!("passes the exit cap of {cap}")));
    }
    if member.exited && !member.points.is_zero() {
        return Err(PoolError::snapshot_field(field("exited"), "an exited member holds no points"));
    }
    Ok(())
}

/// The price the balances give, checked against what the rules keep it within (model.md §5): a
/// supply with an empty pool has no price to trade at; a point carries at least 10^-6 and at most
/// the ceiling.
fn checked_price(config: &Config, pool_cny: Decimal, supply: Decimal) -> Result<Decimal> {
    if pool_cny.is_zero() && !supply.is_zero() {
        return Err(PoolError::snapshot_field(
            "pool",
            "is 0 while points circulate: they would be worth nothing",
        ));
    }
    let rules = Rules::new(config);
    let price_error = |error: PoolError| PoolError::snapshot_field("price", error.to_string());
    let price = rules.price(pool_cny, supply).map_err(price_error)?;
    if supply.is_zero() {
        return Ok(price);
    }
    let ratio = decimal::quotient(pool_cny, supply, "price").map_err(price_error)?;
    if ratio < MIN_INITIAL_PRICE || price.is_zero() {
        return Err(PoolError::snapshot_field("pool", format!("prices a point below {MIN_INITIAL_PRICE}")));
    }
    // model.md §5, invariant 7: without a declared price rule no sequence of the rules brings
    // P / S under the initial price while points circulate; a state that claims it was not made
    // by these rules. (A price rule mints at the rounded price, which may sit below the ratio.)
    let price_rule = config.rounding.and_then(|rounding| rounding.price);
    if price_rule.is_none() && ratio < config.initial_price {
        let reason =
            format!("prices a point below the initial price of {} (docs/model.md §5)", config.initial_price);
        return Err(PoolError::snapshot_field("pool", reason));
    }
    let ceiling = rules.ceiling()?;
    if rules.settle(pool_cny, supply, ceiling)?.reserved > Decimal::ZERO {
        let reason = format!("prices a point above the ceiling of {ceiling} (docs/model.md §5)");
        return Err(PoolError::snapshot_field("pool", reason));
    }
    Ok(price)
}
