//! Snapshots (SPEC §8): the whole pool as JSON with every decimal a string.
//! A public snapshot leaves the members out; it is what a merchant publishes.
//! Saving, loading and saving again gives the same bytes.

use rust_decimal::Decimal;

use crate::config::Config;
use crate::decimal::{self, MAX_QUANTITY};
use crate::error::{PoolError, Result};
use crate::json::{Json, Object, ObjectWriter, ToJson};
use crate::pool::{validate_member_id, Member, Members, Pool, Totals};

/// The format tag every snapshot carries.
pub const FORMAT: &str = "points-pool/1";

/// A pool seen as a snapshot, ready to be written.
pub struct Snapshot<'a> {
    pool: &'a Pool,
    with_members: bool,
}

impl ToJson for Snapshot<'_> {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        let pool = self.pool;
        object
            .string("format", FORMAT)
            .value("config", &pool.config)
            .decimal("pool", pool.pool_cny)
            .decimal("supply", pool.supply)
            .number("orders", pool.orders)
            .value("totals", &pool.totals);
        if self.with_members {
            object.object("members", |members| {
                for (id, member) in pool.members() {
                    members.object(id, |record| {
                        record
                            .decimal("points", member.points)
                            .decimal("spent", member.spent)
                            .decimal("received", member.received)
                            .bool("exited", member.exited);
                    });
                }
            });
        }
    }
}

impl Pool {
    /// The snapshot of this pool. A pool loaded from a public snapshot does not know
    /// every holder, so its snapshot is public too.
    pub fn snapshot(&self) -> Snapshot<'_> {
        Snapshot { pool: self, with_members: self.unattributed.is_zero() }
    }

    /// The public snapshot: everything but the members.
    pub fn public_snapshot(&self) -> Snapshot<'_> {
        Snapshot { pool: self, with_members: false }
    }

    /// The snapshot as compact JSON text.
    pub fn snapshot_json(&self) -> String {
        self.snapshot().to_json()
    }

    /// Loads a snapshot, or a bare pool state (`{ pool, supply }`, optionally with `config`,
    /// `orders`, `totals` and the `price` that `state()` reports): what a projection starts
    /// from (SPEC §10, `project(stateOrSnapshot, …)`). A state without `totals` is taken as
    /// a pool that has paid nothing out; it is then checked like a public snapshot.
    pub fn from_state_or_snapshot(value: &Json) -> Result<Pool> {
        let object = value.as_object().ok_or_else(|| PoolError::snapshot("not a JSON object"))?;
        if object.get("format").is_some() {
            return Pool::from_snapshot(value);
        }
        if let Some(unknown) = object.unknown_key(&["config", "pool", "supply", "price", "orders", "totals"])
        {
            return Err(reason(&["unknown field \"", unknown, "\" in a pool state"]));
        }
        let mut snapshot = Object::default().with("format", Json::String(FORMAT.to_owned()));
        for (key, value) in object.iter().filter(|(key, _)| *key != "price") {
            snapshot = snapshot.with(key, value.clone());
        }
        if object.get("orders").is_none() {
            snapshot = snapshot.with("orders", Json::Number("0".to_owned()));
        }
        if object.get("totals").is_none() {
            let contributed = object.get("pool").cloned().unwrap_or(Json::Null);
            let zero = || Json::String("0".to_owned());
            let totals = Object::default()
                .with("contributed", contributed)
                .with("paidOut", zero())
                .with("redeemed", zero());
            snapshot = snapshot.with("totals", Json::Object(totals));
        }
        Pool::from_snapshot(&Json::Object(snapshot))
    }

    /// Loads a snapshot, checking everything SPEC §8 lists.
    pub fn from_snapshot(value: &Json) -> Result<Pool> {
        let object = value.as_object().ok_or_else(|| PoolError::snapshot("not a JSON object"))?;
        const FIELDS: [&str; 7] = ["format", "config", "pool", "supply", "orders", "totals", "members"];
        if let Some(unknown) = object.unknown_key(&FIELDS) {
            return Err(reason(&["unknown field \"", unknown, "\""]));
        }
        match object.get("format") {
            Some(Json::String(format)) if format == FORMAT => {}
            Some(other) => {
                let found = other.as_str().unwrap_or("(not a string)");
                return Err(reason(&["unknown format \"", found, "\", expected \"", FORMAT, "\""]));
            }
            None => return Err(PoolError::snapshot("missing \"format\"")),
        }
        let config = Config::from_json(object.get("config").unwrap_or(&Json::Null))
            .map_err(|error| reason(&["bad config: ", &error.to_string()]))?;
        let money_scale = config.money_scale();
        let points_scale = config.points_scale();
        let pool_cny = quantity(object, "pool", money_scale)?;
        let supply = quantity(object, "supply", points_scale)?;
        let orders = object
            .get("orders")
            .and_then(Json::as_u64)
            .ok_or_else(|| PoolError::snapshot("\"orders\" must be a whole number ≥ 0"))?;
        let totals = read_totals(object.get("totals"), money_scale)?;
        let overflow = |_| PoolError::snapshot("totals pass the limit of 10^15");
        let accounted = decimal::sum(pool_cny, totals.paid_out, "totals").map_err(overflow)?;
        let accounted = decimal::sum(accounted, totals.redeemed, "totals").map_err(overflow)?;
        if accounted != totals.contributed {
            let (contributed, accounted) = (plain(totals.contributed), plain(accounted));
            let why = [
                "totals break conservation: contributed ",
                &contributed,
                " ≠ pool + paidOut + redeemed ",
                &accounted,
            ];
            return Err(reason(&why));
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
                    .try_fold(Decimal::ZERO, |held, m| decimal::sum(held, m.points, "members' points"))
                    .map_err(|_| PoolError::snapshot("members' points pass the limit of 10^15"))?;
                if supply.is_zero() && !held.is_zero() {
                    return Err(PoolError::snapshot("supply is 0 but members hold points"));
                }
                if held != supply {
                    let (held, supply) = (plain(held), plain(supply));
                    return Err(reason(&["members' points sum to ", &held, ", not to supply ", &supply]));
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
        let value = Json::parse(text).map_err(|error| reason(&["not JSON: ", &error]))?;
        Pool::from_snapshot(&value)
    }
}

/// A non-negative decimal string of at most `scale` decimals, at most 10^15.
fn quantity(object: &Object, field: &str, scale: u32) -> Result<Decimal> {
    let Some(value) = object.get(field) else {
        return Err(reason(&["missing \"", field, "\""]));
    };
    let Json::String(text) = value else {
        return Err(reason(&["\"", field, "\" must be a decimal string"]));
    };
    let number = decimal::parse_plain(text)
        .map_err(|_| reason(&["\"", field, "\": \"", text, "\" is not a plain decimal string"]))?;
    if number.is_sign_negative() && !number.is_zero() {
        return Err(reason(&["\"", field, "\" is negative"]));
    }
    if number > MAX_QUANTITY {
        return Err(reason(&["\"", field, "\" passes the limit of 10^15"]));
    }
    if decimal::significant_scale(number) > scale {
        return Err(reason(&["\"", field, "\" has more than ", &scale.to_string(), " decimals"]));
    }
    Ok(number)
}

fn read_totals(value: Option<&Json>, scale: u32) -> Result<Totals> {
    let object =
        value.and_then(Json::as_object).ok_or_else(|| PoolError::snapshot("\"totals\" must be an object"))?;
    if let Some(unknown) = object.unknown_key(&["contributed", "paidOut", "redeemed"]) {
        return Err(reason(&["unknown field \"totals.", unknown, "\""]));
    }
    let field = |name: &str| quantity(object, name, scale).map_err(|e| prefix_reason(e, "totals."));
    Ok(Totals {
        contributed: field("contributed")?,
        paid_out: field("paidOut")?,
        redeemed: field("redeemed")?,
    })
}

fn read_members(value: &Json, config: &Config) -> Result<Members> {
    let (money_scale, points_scale) = (config.money_scale(), config.points_scale());
    let object = value.as_object().ok_or_else(|| PoolError::snapshot("\"members\" must be an object"))?;
    let mut members = Members::default();
    for (id, record) in object.iter() {
        validate_member_id(id).map_err(|_| reason(&["bad member id \"", &printable(id), "\""]))?;
        let fields = record.as_object().ok_or_else(|| reason(&["member \"", id, "\" must be an object"]))?;
        const MEMBER_FIELDS: [&str; 4] = ["points", "spent", "received", "exited"];
        if let Some(unknown) = fields.unknown_key(&MEMBER_FIELDS) {
            return Err(reason(&["unknown field \"", unknown, "\" in member \"", id, "\""]));
        }
        let prefix = ["member \"", id, "\": "].concat();
        let in_member = |e| prefix_reason(e, &prefix);
        let member = Member {
            points: quantity(fields, "points", points_scale).map_err(in_member)?,
            spent: quantity(fields, "spent", config.amount_decimals()).map_err(in_member)?,
            received: quantity(fields, "received", money_scale).map_err(in_member)?,
            exited: fields
                .get("exited")
                .and_then(Json::as_bool)
                .ok_or_else(|| reason(&["member \"", id, "\": \"exited\" must be true or false"]))?,
        };
        members.insert(id.into(), member);
    }
    Ok(members)
}

/// An id that failed validation, shown without its control characters.
fn printable(id: &str) -> String {
    id.chars().take(64).map(|c| if c.is_control() { '\u{fffd}' } else { c }).collect()
}

fn plain(value: Decimal) -> String {
    decimal::to_plain_string(value)
}

/// A snapshot refusal from pieces, without the formatting machinery (smaller wasm).
fn reason(parts: &[&str]) -> PoolError {
    PoolError::snapshot(parts.concat())
}

fn prefix_reason(error: PoolError, prefix: &str) -> PoolError {
    match error {
        PoolError::InvalidSnapshot { reason: why } => reason(&[prefix, &why]),
        other => other,
    }
}
