//! Snapshots (SPEC §8): the whole pool as JSON with every decimal a string.
//! A public snapshot leaves the members out; it is what a merchant publishes.
//! Saving, loading and saving again gives the same bytes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::config::Config;
use crate::decimal::{self, MAX_QUANTITY};
use crate::error::{PoolError, Result};
use crate::pool::{validate_member_id, Member, Pool, Totals};

/// The format tag every snapshot carries.
pub const FORMAT: &str = "points-pool/1";

/// The serialized shape of a snapshot.
#[derive(Serialize)]
pub struct Snapshot<'a> {
    format: &'static str,
    config: &'a Config,
    #[serde(with = "decimal::plain")]
    pool: Decimal,
    #[serde(with = "decimal::plain")]
    supply: Decimal,
    orders: u64,
    totals: &'a Totals,
    #[serde(skip_serializing_if = "Option::is_none")]
    members: Option<BTreeMap<&'a str, MemberRecord>>,
}

#[derive(Serialize)]
struct MemberRecord {
    #[serde(with = "decimal::plain")]
    points: Decimal,
    #[serde(with = "decimal::plain")]
    spent: Decimal,
    #[serde(with = "decimal::plain")]
    received: Decimal,
    exited: bool,
}

impl Pool {
    /// The snapshot of this pool. A pool loaded from a public snapshot does not know
    /// every holder, so its snapshot is public too.
    pub fn snapshot(&self) -> Snapshot<'_> {
        self.snapshot_with(self.unattributed.is_zero())
    }

    /// The public snapshot: everything but the members.
    pub fn public_snapshot(&self) -> Snapshot<'_> {
        self.snapshot_with(false)
    }

    fn snapshot_with(&self, with_members: bool) -> Snapshot<'_> {
        let members = with_members.then(|| {
            self.members
                .iter()
                .map(|(id, m)| {
                    let record = MemberRecord {
                        points: m.points,
                        spent: m.spent,
                        received: m.received,
                        exited: m.exited,
                    };
                    (&**id, record)
                })
                .collect()
        });
        Snapshot {
            format: FORMAT,
            config: &self.config,
            pool: self.pool_cny,
            supply: self.supply,
            orders: self.orders,
            totals: &self.totals,
            members,
        }
    }

    /// The snapshot as compact JSON text.
    pub fn snapshot_json(&self) -> String {
        serde_json::to_string(&self.snapshot()).expect("a snapshot always serializes")
    }

    /// Loads a snapshot, checking everything SPEC §8 lists.
    pub fn from_snapshot(value: &Value) -> Result<Pool> {
        let object = value.as_object().ok_or_else(|| PoolError::snapshot("not a JSON object"))?;
        const FIELDS: [&str; 7] = ["format", "config", "pool", "supply", "orders", "totals", "members"];
        if let Some(unknown) = object.keys().find(|key| !FIELDS.contains(&key.as_str())) {
            return Err(PoolError::snapshot(format!("unknown field \"{unknown}\"")));
        }
        match object.get("format") {
            Some(Value::String(format)) if format == FORMAT => {}
            Some(other) => {
                return Err(PoolError::snapshot(format!("unknown format {other}, expected \"{FORMAT}\"")))
            }
            None => return Err(PoolError::snapshot("missing \"format\"")),
        }
        let config = Config::from_json(object.get("config").unwrap_or(&Value::Null))
            .map_err(|error| PoolError::snapshot(format!("bad config: {error}")))?;
        let money_scale = config.money_scale();
        let points_scale = config.points_scale();
        let pool_cny = quantity(object, "pool", money_scale)?;
        let supply = quantity(object, "supply", points_scale)?;
        let orders = object
            .get("orders")
            .and_then(Value::as_u64)
            .ok_or_else(|| PoolError::snapshot("\"orders\" must be a whole number ≥ 0"))?;
        let totals = read_totals(object.get("totals"), money_scale)?;
        let accounted = [totals.paid_out, totals.redeemed]
            .into_iter()
            .try_fold(pool_cny, |sum, part| sum.checked_add(part))
            .ok_or_else(|| PoolError::snapshot("totals overflow"))?;
        if accounted != totals.contributed {
            return Err(PoolError::snapshot(format!(
                "totals break conservation: contributed {} ≠ pool + paidOut + redeemed {}",
                decimal::to_plain_string(totals.contributed),
                decimal::to_plain_string(accounted)
            )));
        }
        let mut pool = Pool::new(config);
        pool.orders = orders;
        pool.totals = totals;
        match object.get("members") {
            None => pool.unattributed = supply,
            Some(members) => {
                pool.members = read_members(members, pool.config())?;
                let held = pool
                    .members
                    .values()
                    .try_fold(Decimal::ZERO, |sum, m| {
                        sum.checked_add(m.points).filter(|s| *s <= MAX_QUANTITY)
                    })
                    .ok_or_else(|| PoolError::snapshot("members' points pass the limit"))?;
                if supply.is_zero() && !held.is_zero() {
                    return Err(PoolError::snapshot("supply is 0 but members hold points"));
                }
                if held != supply {
                    return Err(PoolError::snapshot(format!(
                        "members' points sum to {}, not to supply {}",
                        decimal::to_plain_string(held),
                        decimal::to_plain_string(supply)
                    )));
                }
            }
        }
        pool.pool_cny = pool_cny;
        pool.supply = supply;
        pool.price =
            pool.price_for(pool_cny, supply).map_err(|error| PoolError::snapshot(error.to_string()))?;
        Ok(pool)
    }

    /// Loads a snapshot from JSON text.
    pub fn from_snapshot_json(text: &str) -> Result<Pool> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| PoolError::snapshot(format!("not JSON: {error}")))?;
        Pool::from_snapshot(&value)
    }
}

/// A non-negative decimal string of at most `scale` decimals, at most 10^15.
fn quantity(object: &Map<String, Value>, field: &str, scale: u32) -> Result<Decimal> {
    let Some(value) = object.get(field) else {
        return Err(PoolError::snapshot(format!("missing \"{field}\"")));
    };
    let Value::String(text) = value else {
        return Err(PoolError::snapshot(format!("\"{field}\" must be a decimal string")));
    };
    let number = decimal::parse_plain(text)
        .map_err(|_| PoolError::snapshot(format!("\"{field}\": \"{text}\" is not a plain decimal string")))?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(PoolError::snapshot(format!("\"{field}\" is negative")));
    }
    if number > MAX_QUANTITY {
        return Err(PoolError::snapshot(format!("\"{field}\" passes the limit of 10^15")));
    }
    if decimal::significant_scale(number) > scale {
        return Err(PoolError::snapshot(format!("\"{field}\" has more than {scale} decimals")));
    }
    Ok(number)
}

fn read_totals(value: Option<&Value>, scale: u32) -> Result<Totals> {
    let object = value
        .and_then(Value::as_object)
        .ok_or_else(|| PoolError::snapshot("\"totals\" must be an object"))?;
    if let Some(unknown) =
        object.keys().find(|k| !["contributed", "paidOut", "redeemed"].contains(&k.as_str()))
    {
        return Err(PoolError::snapshot(format!("unknown field \"totals.{unknown}\"")));
    }
    let field = |name: &str| quantity(object, name, scale).map_err(|e| prefix_reason(e, "totals."));
    Ok(Totals {
        contributed: field("contributed")?,
        paid_out: field("paidOut")?,
        redeemed: field("redeemed")?,
    })
}

fn read_members(value: &Value, config: &Config) -> Result<BTreeMap<Box<str>, Member>> {
    let (money_scale, points_scale) = (config.money_scale(), config.points_scale());
    let object = value.as_object().ok_or_else(|| PoolError::snapshot("\"members\" must be an object"))?;
    let mut members = BTreeMap::new();
    for (id, record) in object {
        validate_member_id(id).map_err(|_| PoolError::snapshot(format!("bad member id {id:?}")))?;
        let fields = record
            .as_object()
            .ok_or_else(|| PoolError::snapshot(format!("member {id:?} must be an object")))?;
        const MEMBER_FIELDS: [&str; 4] = ["points", "spent", "received", "exited"];
        if let Some(unknown) = fields.keys().find(|k| !MEMBER_FIELDS.contains(&k.as_str())) {
            return Err(PoolError::snapshot(format!("unknown field \"{unknown}\" in member {id:?}")));
        }
        let in_member = |e| prefix_reason(e, &format!("member {id:?}: "));
        let member = Member {
            points: quantity(fields, "points", points_scale).map_err(in_member)?,
            spent: quantity(fields, "spent", config.amount_decimals()).map_err(in_member)?,
            received: quantity(fields, "received", money_scale).map_err(in_member)?,
            exited: fields.get("exited").and_then(Value::as_bool).ok_or_else(|| {
                PoolError::snapshot(format!("member {id:?}: \"exited\" must be true or false"))
            })?,
        };
        members.insert(id.as_str().into(), member);
    }
    Ok(members)
}

fn prefix_reason(error: PoolError, prefix: &str) -> PoolError {
    match error {
        PoolError::InvalidSnapshot { reason } => PoolError::snapshot(format!("{prefix}{reason}")),
        other => other,
    }
}
