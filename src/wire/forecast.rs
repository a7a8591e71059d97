//! Scenarios, Monte Carlo options and their results at the door (docs/model.md §7).

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{DecimalString, Input, MethodDoc};
use crate::decimal::approximate;
use crate::error::Result;
use crate::forecast::monte_carlo::{Band, BandDay};
use crate::forecast::{MonteCarlo, MonteCarloOptions, Projection, ProjectionDay, Scenario};

/// A stated future (docs/model.md §7). Decimals as strings; `days` a number.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Scenario"))]
pub struct ScenarioDoc {
    /// 1 to 3650.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub days: Option<u32>,
    /// Orders a day: a whole number, or a decimal string (0 to 10^7).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | DecimalString"))]
    pub orders_per_day: Option<OrdersPerDay>,
    /// The average order, CNY (0 < x ≤ 10^12).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString"))]
    pub average_order: Option<DecimalString>,
    /// Daily growth of the order count, −1 < x ≤ 1 (default "0").
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub order_growth: Option<DecimalString>,
    /// Share of the other members' points cashed out at the end of each day, 0 to 1 (default "0").
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub withdraw_rate: Option<DecimalString>,
    /// The same share for day 1 only: a withdrawal wave.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "DecimalString | null"))]
    pub wave_withdraw_rate: Option<DecimalString>,
    /// The member's own points (never cashed out by the scenario).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub points: Option<DecimalString>,
    /// What the member spent: with it the exit cap applies.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub spent: Option<DecimalString>,
    /// What the member has received so far.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub received: Option<DecimalString>,
    /// A named stress preset applied to the rest of the scenario.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "StressPreset | null"))]
    pub stress: Option<StressDoc>,
}

/// The stress presets by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "StressPreset"))]
pub enum StressDoc {
    OrdersStop,
    WithdrawalWave,
    GrowthHalves,
    NegativeGrowth,
}

/// Orders a day: a whole JavaScript number or a decimal string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrdersPerDay(pub Decimal);

/// How random Monte Carlo runs are.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "MonteCarloOptions"))]
pub struct OptionsDoc {
    /// 1 to 10,000, with runs × days ≤ 2,000,000.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub runs: Option<u32>,
    /// 0 to 2^53.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number"))]
    pub seed: Option<u64>,
    /// Coefficient of variation of one order's size, "0" to "5" (default "0.5").
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub order_size_cv: Option<DecimalString>,
    /// Coefficient of variation of each day's withdrawal share, "0" to "5" (default "0.5").
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub withdraw_cv: Option<DecimalString>,
    /// Random order counts (default true); false keeps the scenario's counts.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub random_counts: Option<bool>,
}

/// One day of a projection; day 0 is now.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "ProjectionDay"))]
pub struct ProjectionDayDoc {
    pub day: u32,
    pub price: DecimalString,
    pub pool: DecimalString,
    pub supply: DecimalString,
    /// `points × price`: what the points are worth, not what they pay.
    pub value: DecimalString,
    /// What cashing out every point that day would pay, after the cut and under the cap.
    pub cash_out_value: DecimalString,
    /// What the cap would still allow after that cash-out; `null` without a cap or spending.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub cap_left: Option<DecimalString>,
    /// The part of that day's cash-out the cap would not pay.
    pub forfeited: DecimalString,
}

/// A projection: a row for now and one for each day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Projection"))]
pub struct ProjectionDoc {
    /// `"closedForm"` (exact pools) or `"perOrder"` (rounded pools).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "ProjectionMethod"))]
    pub method: MethodDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "ProjectionDay[]"))]
    pub days: Vec<ProjectionDayDoc>,
    /// The first day received plus a cash-out covers spending; `null` if none does.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub break_even_day: Option<u32>,
    /// The first day a cash-out reaches the cap (the member would exit); `null` if none does.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "number | null"))]
    pub exit_day: Option<u32>,
    /// The one-day withdrawal wave the scenario used (after a stress preset), if any.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub wave_withdraw_rate: Option<DecimalString>,
}

/// p10, p50 and p90 of one quantity on one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Band"))]
pub struct BandDoc {
    pub p10: DecimalString,
    pub p50: DecimalString,
    pub p90: DecimalString,
}

/// One day's bands.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "BandDay"))]
pub struct BandDayDoc {
    pub day: u32,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Band"))]
    pub price: BandDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Band"))]
    pub value: BandDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Band"))]
    pub cash_out_value: BandDoc,
}

/// What the runs show.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "MonteCarlo"))]
pub struct MonteCarloDoc {
    pub runs: u32,
    pub seed: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub reaches_spent: Option<DecimalString>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecimalString | null"))]
    pub reaches_cap: Option<DecimalString>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "BandDay[]"))]
    pub days: Vec<BandDayDoc>,
}

impl ScenarioDoc {
    /// The scenario, every field checked, the stress preset applied.
    pub fn into_scenario(self) -> Result<Scenario> {
        let required = |field: &str| Input::Scenario.refusal(field, "is required");
        let scenario = Scenario {
            days: self.days.ok_or_else(|| required("days"))?,
            orders_per_day: self.orders_per_day.ok_or_else(|| required("ordersPerDay"))?.0,
            average_order_cny: self.average_order.ok_or_else(|| required("averageOrder"))?.0,
            order_growth: self.order_growth.map_or(Decimal::ZERO, |d| d.0),
            withdraw_rate: self.withdraw_rate.map_or(Decimal::ZERO, |d| d.0),
            wave_withdraw_rate: self.wave_withdraw_rate.map(|d| d.0),
            points: self.points.map_or(Decimal::ZERO, |d| d.0),
            spent: self.spent.map(|d| d.0),
            received: self.received.map(|d| d.0),
        };
        scenario.validate()?;
        match self.stress {
            None => Ok(scenario),
            Some(stress) => scenario.stressed(stress.into_stress()),
        }
    }
}

impl StressDoc {
    fn into_stress(self) -> crate::forecast::Stress {
        use crate::forecast::Stress;
        match self {
            StressDoc::OrdersStop => Stress::OrdersStop,
            StressDoc::WithdrawalWave => Stress::WithdrawalWave,
            StressDoc::GrowthHalves => Stress::GrowthHalves,
            StressDoc::NegativeGrowth => Stress::NegativeGrowth,
        }
    }
}

impl OptionsDoc {
    /// The options, missing ones at their defaults, checked against a scenario of `days` days.
    pub fn into_options(self, days: u32) -> Result<MonteCarloOptions> {
        let required = |field: &str| Input::Options.refusal(field, "is required");
        let defaults = MonteCarloOptions::default();
        let options = MonteCarloOptions {
            runs: self.runs.ok_or_else(|| required("runs"))?,
            seed: self.seed.ok_or_else(|| required("seed"))?,
            order_size_cv: self.order_size_cv.map_or(defaults.order_size_cv, |cv| approximate(cv.0)),
            withdraw_cv: self.withdraw_cv.map_or(defaults.withdraw_cv, |cv| approximate(cv.0)),
            random_counts: self.random_counts.unwrap_or(defaults.random_counts),
        };
        options.validate(days)?;
        Ok(options)
    }
}

impl<'de> Deserialize<'de> for OrdersPerDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_any(OrdersVisitor)
    }
}

struct OrdersVisitor;

impl Visitor<'_> for OrdersVisitor {
    type Value = OrdersPerDay;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a whole number of orders or a decimal string")
    }

    fn visit_u64<E: de::Error>(self, orders: u64) -> std::result::Result<OrdersPerDay, E> {
        Ok(OrdersPerDay(Decimal::from(orders)))
    }

    fn visit_i64<E: de::Error>(self, orders: i64) -> std::result::Result<OrdersPerDay, E> {
        Ok(OrdersPerDay(Decimal::from(orders)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> std::result::Result<OrdersPerDay, E> {
        DecimalString::deserialize(de::value::StrDeserializer::<E>::new(text)).map(|d| OrdersPerDay(d.0))
    }
}

impl From<&ProjectionDay> for ProjectionDayDoc {
    fn from(day: &ProjectionDay) -> Self {
        ProjectionDayDoc {
            day: day.day,
            price: day.price.into(),
            pool: day.pool.into(),
            supply: day.supply.into(),
            value: day.value.into(),
            cash_out_value: day.cash_out_value.into(),
            cap_left: day.cap_left.map(DecimalString),
            forfeited: day.forfeited.into(),
        }
    }
}

impl From<&Projection> for ProjectionDoc {
    fn from(projection: &Projection) -> Self {
        ProjectionDoc {
            method: projection.method.into(),
            days: projection.days.iter().map(Into::into).collect(),
            break_even_day: projection.break_even_day,
            exit_day: projection.exit_day,
            wave_withdraw_rate: projection.wave_withdraw_rate.map(DecimalString),
        }
    }
}

impl From<Band> for BandDoc {
    fn from(band: Band) -> Self {
        use crate::decimal::from_float;
        BandDoc {
            p10: from_float(band.p10).into(),
            p50: from_float(band.p50).into(),
            p90: from_float(band.p90).into(),
        }
    }
}

impl From<&BandDay> for BandDayDoc {
    fn from(day: &BandDay) -> Self {
        BandDayDoc {
            day: day.day,
            price: day.price.into(),
            value: day.value.into(),
            cash_out_value: day.cash_out_value.into(),
        }
    }
}

impl From<&MonteCarlo> for MonteCarloDoc {
    fn from(result: &MonteCarlo) -> Self {
        use crate::decimal::from_float;
        MonteCarloDoc {
            runs: result.runs,
            seed: result.seed,
            reaches_spent: result.reaches_spent.map(|share| from_float(share).into()),
            reaches_cap: result.reaches_cap.map(|share| from_float(share).into()),
            days: result.days.iter().map(Into::into).collect(),
        }
    }
}
