//! Scenarios (SPEC §7): what the pool and a member's points would be worth if
//! orders and cash-outs went a stated way. A projection is an estimate, never a
//! promise; this module holds the scenario's validation and the exact per-order
//! simulation that any faster method must agree with.

use crate::json::{Json, Object, ObjectWriter, ToJson};
use rust_decimal::Decimal;

use crate::closed_form::FloatPool;
use crate::decimal::{self, difference, parse_plain, product as mul, sum, MAX_QUANTITY};
use crate::error::{PoolError, Result};
use crate::pool::Pool;
use crate::rounding;

/// The longest horizon, in days.
pub const MAX_DAYS: u32 = 3650;
/// The most orders one day may have, after growth.
pub const MAX_ORDERS_PER_DAY: f64 = 1e7;

/// A stated future: how many orders, how large, how fast they grow, how much is cashed out.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub days: u32,
    pub orders_per_day: Decimal,
    pub average_order_cny: Decimal,
    /// Daily growth of the order count, −1 < x ≤ 1.
    pub order_growth: Decimal,
    /// Share of the other members' points cashed out at the end of each day.
    pub withdraw_rate: Decimal,
    /// Replaces `withdraw_rate` on day 1: a withdrawal wave.
    pub wave_withdraw_rate: Option<Decimal>,
    /// The member's own points, never cashed out by the scenario.
    pub points: Decimal,
    pub spent: Option<Decimal>,
    pub received: Option<Decimal>,
}

/// One day of a projection; day 0 is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectionDay {
    pub day: u32,
    pub price: Decimal,
    pub pool: Decimal,
    pub supply: Decimal,
    pub value: Decimal,
    pub cash_out_value: Decimal,
}

impl ToJson for ProjectionDay {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object
            .number("day", u64::from(self.day))
            .decimal("price", self.price)
            .decimal("pool", self.pool)
            .decimal("supply", self.supply)
            .decimal("value", self.value)
            .decimal("cashOutValue", self.cash_out_value);
    }
}

/// Named stress scenarios (SPEC §7) that members and operators see beside the stated one.
/// Each changes one thing of the stated scenario and keeps the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stress {
    /// Nobody else buys: `ordersPerDay = 0`.
    OrdersStop,
    /// 30% of the other members' points (or the stated rate, if higher) cashed out on day 1.
    WithdrawalWave,
    /// The order count grows half as fast: `orderGrowth ÷ 2`.
    GrowthHalves,
    /// The order count shrinks 2% a day: `orderGrowth = −0.02`.
    NegativeGrowth,
}

/// The presets by the names a scenario's `stress` field uses.
pub const STRESS_PRESETS: [(&str, Stress); 4] = [
    ("ordersStop", Stress::OrdersStop),
    ("withdrawalWave", Stress::WithdrawalWave),
    ("growthHalves", Stress::GrowthHalves),
    ("negativeGrowth", Stress::NegativeGrowth),
];

/// The share cashed out on day 1 of a withdrawal wave.
pub const WAVE_SHARE: Decimal = Decimal::from_parts(30, 0, 0, false, 2);
const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
/// The daily change of the order count under negative growth.
pub const NEGATIVE_GROWTH: Decimal = Decimal::from_parts(2, 0, 0, true, 2);

const FIELDS: [&str; 10] = [
    "days",
    "ordersPerDay",
    "averageOrder",
    "orderGrowth",
    "withdrawRate",
    "waveWithdrawRate",
    "points",
    "spent",
    "received",
    "stress",
];

impl Scenario {
    /// Reads and checks a scenario object; every refusal names the field.
    pub fn from_json(value: &Json) -> Result<Scenario> {
        let object = value.as_object().ok_or_else(|| scenario_error("scenario", "must be an object"))?;
        if let Some(unknown) = object.unknown_key(&FIELDS) {
            return Err(scenario_error("scenario", &format!("unknown field \"{unknown}\"")));
        }
        let days = object
            .get("days")
            .and_then(Json::as_u64)
            .filter(|days| (1..=u64::from(MAX_DAYS)).contains(days))
            .ok_or_else(|| scenario_error("days", "must be a whole number from 1 to 3650"))?;
        let orders_per_day = match object.get("ordersPerDay") {
            Some(number @ Json::Number(_)) => number.as_u64().map(Decimal::from),
            Some(Json::String(text)) => parse_plain(text).ok(),
            _ => None,
        }
        .filter(|n| !n.is_sign_negative() && approximate(*n) <= MAX_ORDERS_PER_DAY)
        .ok_or_else(|| scenario_error("ordersPerDay", "must be a number of orders from 0 to 10000000"))?;
        let scenario = Scenario {
            days: days as u32,
            orders_per_day,
            average_order_cny: required(
                object,
                "averageOrder",
                |x| x > Decimal::ZERO && x <= decimal::MAX_AMOUNT_CNY,
                "0 < x ≤ 10^12",
            )?,
            order_growth: optional(
                object,
                "orderGrowth",
                |x| x > -Decimal::ONE && x <= Decimal::ONE,
                "−1 < x ≤ 1",
            )?
            .unwrap_or(Decimal::ZERO),
            withdraw_rate: optional(object, "withdrawRate", is_share, "0 ≤ x ≤ 1")?.unwrap_or(Decimal::ZERO),
            wave_withdraw_rate: optional(object, "waveWithdrawRate", is_share, "0 ≤ x ≤ 1")?,
            points: optional(object, "points", is_quantity, "0 ≤ x ≤ 10^15")?.unwrap_or(Decimal::ZERO),
            spent: optional(object, "spent", is_quantity, "0 ≤ x ≤ 10^15")?,
            received: optional(object, "received", is_quantity, "0 ≤ x ≤ 10^15")?,
        };
        match object.get("stress") {
            None | Some(Json::Null) => Ok(scenario),
            Some(Json::String(name)) => match STRESS_PRESETS.iter().find(|(preset, _)| preset == name) {
                Some((_, stress)) => scenario.stressed(*stress),
                None => Err(scenario_error("stress", STRESS_NAMES)),
            },
            Some(_) => Err(scenario_error("stress", STRESS_NAMES)),
        }
    }

    /// The same scenario under a stress preset.
    pub fn stressed(&self, stress: Stress) -> Result<Scenario> {
        let mut scenario = self.clone();
        match stress {
            Stress::OrdersStop => scenario.orders_per_day = Decimal::ZERO,
            Stress::WithdrawalWave => {
                scenario.wave_withdraw_rate = Some(WAVE_SHARE.max(self.withdraw_rate));
            }
            // Halving keeps −1 < growth ≤ 1.
            Stress::GrowthHalves => scenario.order_growth = mul(self.order_growth, HALF)?,
            Stress::NegativeGrowth => scenario.order_growth = NEGATIVE_GROWTH,
        }
        Ok(scenario)
    }

    /// Orders on day `day` (1-based): `floor(ordersPerDay × (1 + growth)^(day − 1) + 0.5)`.
    pub fn orders_on(&self, day: u32) -> Result<u64> {
        let base = approximate(self.orders_per_day);
        let growth = 1.0 + approximate(self.order_growth);
        let orders = (base * growth.powi(day as i32 - 1) + 0.5).floor();
        if orders > MAX_ORDERS_PER_DAY {
            return Err(scenario_error(
                "orderGrowth",
                &format!("day {day} would have more than 10^7 orders"),
            ));
        }
        Ok(orders as u64)
    }

    /// What one average order contributes to the pool and grants in points value.
    pub(crate) fn order_values(&self, pool: &Pool) -> Result<(Decimal, Decimal)> {
        let config = pool.config();
        let rounding = config.rounding_or_exact();
        let contribution = rounding::money(&rounding, mul(self.average_order_cny, config.pool_rate)?);
        Ok((contribution, rounding::money(&rounding, mul(contribution, config.grant_rate)?)))
    }

    pub(crate) fn withdraw_rate_on(&self, day: u32) -> Decimal {
        match self.wave_withdraw_rate {
            Some(wave) if day == 1 => wave,
            _ => self.withdraw_rate,
        }
    }
}

/// A projection: a row for now and one for each day of the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Projection {
    pub days: Vec<ProjectionDay>,
    /// How the rows were computed, for the reader of the numbers.
    pub method: &'static str,
}

impl ToJson for Projection {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object.string("method", self.method);
        object.array("days", &self.days);
    }
}

/// Projects `scenario` from the pool's current state (SPEC §7) with the exact
/// per-order simulation. (`project_closed_form` does the same in one step a day; it is
/// not yet what the wasm exports: it would take the wasm past its 50 KB budget.)
pub fn project(pool: &Pool, scenario: &Scenario) -> Result<Projection> {
    Ok(Projection { days: project_exact(pool, scenario)?, method: EXACT_METHOD })
}

/// How `project` computed its rows, as it reports it.
pub const EXACT_METHOD: &str = "exact per-order simulation";
pub const CLOSED_FORM_METHOD: &str =
    "closed form for each day of equal orders, within 1e-9 relative of the exact per-order simulation";

/// The scenario's parameters in floating point.
pub(crate) struct FloatScenario {
    pub contribution: f64,
    pub grant: f64,
    pub initial_price: f64,
    pub payout_rate: f64,
    pub points: f64,
    pub cap_left: Option<f64>,
}

impl FloatScenario {
    pub(crate) fn new(pool: &Pool, scenario: &Scenario) -> Result<FloatScenario> {
        let config = pool.config();
        let (contribution, grant) = scenario.order_values(pool)?;
        let cap_left = match (config.exit_multiple, scenario.spent) {
            (Some(multiple), Some(spent)) => {
                let left = difference(mul(multiple, spent)?, scenario.received.unwrap_or_default())?;
                Some(approximate(left.max(Decimal::ZERO)))
            }
            _ => None,
        };
        Ok(FloatScenario {
            contribution: approximate(contribution),
            grant: approximate(grant),
            initial_price: approximate(config.initial_price),
            payout_rate: approximate(config.payout_rate),
            points: approximate(scenario.points),
            cap_left,
        })
    }

    /// The member's value and cash-out value at the pool's price.
    pub(crate) fn position(&self, pool: &FloatPool) -> (f64, f64) {
        let value = self.points * pool.price(self.initial_price);
        let cash_out = value * self.payout_rate;
        (value, self.cap_left.map_or(cash_out, |cap| cash_out.min(cap)))
    }
}

/// The projection with each day of equal orders as one closed-form step (exact mode:
/// within 1e-9 relative of `project_exact`; a rounded pool's per-order cuts are not
/// followed, so it falls back to the per-order simulation).
pub fn project_closed_form(pool: &Pool, scenario: &Scenario) -> Result<Projection> {
    if pool.config().rounding.is_some() {
        return Ok(Projection { days: project_exact(pool, scenario)?, method: EXACT_METHOD });
    }
    Ok(Projection { days: closed_form_days(pool, scenario)?, method: CLOSED_FORM_METHOD })
}

fn closed_form_days(pool: &Pool, scenario: &Scenario) -> Result<Vec<ProjectionDay>> {
    let params = FloatScenario::new(pool, scenario)?;
    let state = pool.state();
    let mut float_pool = FloatPool { pool: approximate(state.pool), supply: approximate(state.supply) };
    let mut days = Vec::with_capacity(scenario.days as usize + 1);
    days.push(day_row(pool, scenario, 0, state.pool, state.supply)?);
    for day in 1..=scenario.days {
        float_pool.buy(scenario.orders_on(day)?, params.contribution, params.grant, params.initial_price)?;
        let others = (float_pool.supply - params.points).max(0.0);
        float_pool.cash_out(approximate(scenario.withdraw_rate_on(day)) * others, params.payout_rate);
        let (value, cash_out) = params.position(&float_pool);
        days.push(ProjectionDay {
            day,
            price: from_float(float_pool.price(params.initial_price)),
            pool: from_float(float_pool.pool),
            supply: from_float(float_pool.supply),
            value: from_float(value),
            cash_out_value: from_float(cash_out),
        });
    }
    Ok(days)
}

/// A float as a decimal of 12 significant digits: the accuracy a closed form promises,
/// and no more. (By hand: rust_decimal's `from_f64` and `round_sf` cost the wasm 2 KB.)
pub(crate) fn from_float(value: f64) -> Decimal {
    if !value.is_finite() || value == 0.0 {
        return Decimal::ZERO;
    }
    let mut exponent = 0i32;
    let mut magnitude = value.abs();
    while magnitude >= 1e12 {
        magnitude /= 10.0;
        exponent += 1;
    }
    while magnitude < 1e11 {
        magnitude *= 10.0;
        exponent -= 1;
    }
    // 12 digits in `magnitude`, rounded half to even by the float rounding itself.
    let digits = libm::rint(magnitude) as i64 * if value < 0.0 { -1 } else { 1 };
    let decimal = if exponent >= 0 {
        decimal::product(Decimal::from(digits), Decimal::from(10i64.pow(exponent.min(18) as u32)))
            .unwrap_or_default()
    } else {
        Decimal::try_new(digits, (-exponent).min(28) as u32).unwrap_or_default()
    };
    decimal.normalize()
}

/// The exact per-order simulation: every order minted one after another with the
/// engine's own arithmetic. It is the reference a faster projection is tested against.
pub fn project_exact(pool: &Pool, scenario: &Scenario) -> Result<Vec<ProjectionDay>> {
    let config = pool.config();
    let rounding = config.rounding_or_exact();
    let state = pool.state();
    let (mut pool_cny, mut supply) = (state.pool, state.supply);
    let (contribution, grant_value) = scenario.order_values(pool)?;
    let mut days = Vec::with_capacity(scenario.days as usize + 1);
    days.push(day_row(pool, scenario, 0, pool_cny, supply)?);
    for day in 1..=scenario.days {
        for _ in 0..scenario.orders_on(day)? {
            let price = pool.price_for(pool_cny, supply)?;
            let points =
                rounding::points(&rounding, pool.points_worth_at(grant_value, pool_cny, supply, price)?);
            pool_cny = sum(pool_cny, contribution, "pool")?;
            supply = sum(supply, points, "supply")?;
        }
        let others = difference(supply, scenario.points)?.max(Decimal::ZERO);
        let cashed = rounding::points(&rounding, mul(scenario.withdraw_rate_on(day), others)?);
        if !cashed.is_zero() {
            let price = pool.price_for(pool_cny, supply)?;
            let gross = rounding::money(&rounding, pool.value_at(cashed, pool_cny, supply, price)?);
            let paid = rounding::money(&rounding, mul(gross, config.payout_rate)?).min(pool_cny);
            pool_cny = difference(pool_cny, paid)?;
            supply = difference(supply, cashed)?;
        }
        days.push(day_row(pool, scenario, day, pool_cny, supply)?);
    }
    Ok(days)
}

fn day_row(
    pool: &Pool,
    scenario: &Scenario,
    day: u32,
    pool_cny: Decimal,
    supply: Decimal,
) -> Result<ProjectionDay> {
    let config = pool.config();
    let rounding = config.rounding_or_exact();
    let price = pool.price_for(pool_cny, supply)?;
    let value = rounding::money(&rounding, pool.value_at(scenario.points, pool_cny, supply, price)?);
    let mut cash_out_value = rounding::money(&rounding, mul(value, config.payout_rate)?);
    if let (Some(multiple), Some(spent)) = (config.exit_multiple, scenario.spent) {
        let cap_left =
            difference(mul(multiple, spent)?, scenario.received.unwrap_or_default())?.max(Decimal::ZERO);
        cash_out_value = cash_out_value.min(cap_left);
    }
    Ok(ProjectionDay { day, price, pool: pool_cny, supply, value, cash_out_value })
}

/// A decimal as a float: mantissa over a power of ten (within an ulp or two; rust_decimal's
/// `to_f64` is exact to the last bit and larger in the wasm).
pub(crate) fn approximate(value: Decimal) -> f64 {
    value.mantissa() as f64 / 10f64.powi(value.scale() as i32)
}

const STRESS_NAMES: &str =
    "must be null, \"ordersStop\", \"withdrawalWave\", \"growthHalves\" or \"negativeGrowth\"";

fn is_share(x: Decimal) -> bool {
    x >= Decimal::ZERO && x <= Decimal::ONE
}

fn is_quantity(x: Decimal) -> bool {
    x >= Decimal::ZERO && x <= MAX_QUANTITY
}

fn required(object: &Object, field: &'static str, ok: fn(Decimal) -> bool, allowed: &str) -> Result<Decimal> {
    optional(object, field, ok, allowed)?.ok_or_else(|| scenario_error(field, "is required"))
}

fn optional(
    object: &Object,
    field: &'static str,
    ok: fn(Decimal) -> bool,
    allowed: &str,
) -> Result<Option<Decimal>> {
    match object.get(field) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(text)) => match parse_plain(text) {
            Ok(x) if ok(x) => Ok(Some(x)),
            Ok(_) => Err(scenario_error(field, &format!("\"{text}\" is out of range ({allowed})"))),
            Err(_) => Err(scenario_error(field, &format!("\"{text}\" is not a plain decimal string"))),
        },
        Some(_) => Err(scenario_error(field, "must be a decimal string")),
    }
}

pub(crate) fn scenario_error(field: &'static str, reason: &str) -> PoolError {
    PoolError::InvalidScenario { field, reason: reason.to_owned() }
}
