//! Scenarios (docs/model.md §7): a stated future of orders and cash-outs, its ranges,
//! and the stress presets members and operators see beside it.

use rust_decimal::Decimal;

use crate::decimal::approximate;
use crate::decimal::product as mul;
use crate::error::{PoolError, Result};
use crate::limits::{MAX_AMOUNT_CNY, MAX_DAYS, MAX_ORDERS_PER_DAY, MAX_QUANTITY};
use crate::model::Rules;

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

/// Named stress scenarios (docs/model.md §7) that members and operators see beside the stated one.
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

impl Scenario {
    /// Checks every field against its range (docs/model.md §7); a refusal names the field.
    pub fn validate(&self) -> Result<()> {
        if !(1..=MAX_DAYS).contains(&self.days) {
            return Err(scenario_error("days", &format!("must be a whole number from 1 to {MAX_DAYS}")));
        }
        if self.orders_per_day.is_sign_negative() || approximate(self.orders_per_day) > MAX_ORDERS_PER_DAY {
            let reason = format!("must be a number of orders from 0 to {MAX_ORDERS_PER_DAY}");
            return Err(scenario_error("ordersPerDay", &reason));
        }
        let positive_amount = |x: Decimal| x > Decimal::ZERO && x <= MAX_AMOUNT_CNY;
        check("averageOrder", self.average_order_cny, positive_amount, &format!("0 < x ≤ {MAX_AMOUNT_CNY}"))?;
        check("orderGrowth", self.order_growth, |x| x > -Decimal::ONE && x <= Decimal::ONE, "−1 < x ≤ 1")?;
        check("withdrawRate", self.withdraw_rate, is_share, "0 ≤ x ≤ 1")?;
        let quantity = format!("0 ≤ x ≤ {MAX_QUANTITY}");
        let optional = [
            ("waveWithdrawRate", self.wave_withdraw_rate, is_share as fn(Decimal) -> bool, "0 ≤ x ≤ 1"),
            ("points", Some(self.points), is_quantity, quantity.as_str()),
            ("spent", self.spent, is_quantity, quantity.as_str()),
            ("received", self.received, is_quantity, quantity.as_str()),
        ];
        for (field, value, ok, allowed) in optional {
            if let Some(value) = value {
                check(field, value, ok, allowed)?;
            }
        }
        Ok(())
    }

    /// The stress preset a scenario names, if any.
    pub fn stress_named(name: &str) -> Result<Stress> {
        STRESS_PRESETS
            .iter()
            .find(|(preset, _)| *preset == name)
            .map(|(_, stress)| *stress)
            .ok_or_else(|| scenario_error("stress", STRESS_NAMES))
    }

    /// The same scenario under a stress preset.
    pub fn stressed(&self, stress: Stress) -> Result<Scenario> {
        let mut scenario = self.clone();
        match stress {
            Stress::OrdersStop => scenario.orders_per_day = Decimal::ZERO,
            Stress::WithdrawalWave => {
                // A stress never softens the scenario: a higher stated wave or daily rate stays.
                let stated = self.wave_withdraw_rate.unwrap_or_default().max(self.withdraw_rate);
                scenario.wave_withdraw_rate = Some(WAVE_SHARE.max(stated));
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
        // libm's pow, not `powi` (whose precision the standard library leaves to the platform),
        // so native and wasm count the same orders.
        let orders = libm::floor(base * libm::pow(growth, f64::from(day) - 1.0) + 0.5);
        if orders > MAX_ORDERS_PER_DAY {
            return Err(scenario_error(
                "orderGrowth",
                &format!("day {day} would have more than 10^7 orders"),
            ));
        }
        Ok(orders as u64)
    }

    /// What one average order contributes to the pool and grants in points value.
    pub(crate) fn order_values(&self, rules: &Rules) -> Result<(Decimal, Decimal)> {
        let contribution = rules.contribution(self.average_order_cny)?;
        Ok((contribution, rules.grant_value(contribution)?))
    }

    pub fn withdraw_rate_on(&self, day: u32) -> Decimal {
        match self.wave_withdraw_rate {
            Some(wave) if day == 1 => wave,
            _ => self.withdraw_rate,
        }
    }
}

const STRESS_NAMES: &str =
    "must be null, \"ordersStop\", \"withdrawalWave\", \"growthHalves\" or \"negativeGrowth\"";

fn is_share(x: Decimal) -> bool {
    x >= Decimal::ZERO && x <= Decimal::ONE
}

fn is_quantity(x: Decimal) -> bool {
    x >= Decimal::ZERO && x <= MAX_QUANTITY
}

fn check(field: &str, value: Decimal, ok: impl Fn(Decimal) -> bool, allowed: &str) -> Result<()> {
    if ok(value) {
        return Ok(());
    }
    let shown = crate::decimal::to_plain_string(value);
    Err(scenario_error(field, &format!("{shown} is out of range ({allowed})")))
}

pub(crate) fn scenario_error(field: &str, reason: &str) -> PoolError {
    PoolError::scenario(field, reason)
}
