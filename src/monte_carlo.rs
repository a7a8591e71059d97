//! Seeded Monte Carlo over a scenario (SPEC §7): random daily order counts (Poisson
//! around the scenario's count), random order sizes (log-normal around the average,
//! with a coefficient of variation), random withdrawal shares; p10/p50/p90 bands a day
//! and the share of runs in which the member's cash-out reaches what they spent and
//! the cap.
//!
//! Each day is one closed-form step with that day's mean order size (the mean of N
//! log-normal orders is taken as log-normal with the CV divided by √N), so a run costs
//! the same at 10 orders a day as at 10,000. Every random number comes from SplitMix64
//! and every function from `libm`, so a seed gives the same bits natively and in wasm.
//! With no variance at all a run is exactly the closed-form projection.

use crate::closed_form::FloatPool;
use crate::error::Result;
use crate::heap_sort::heap_sort_by;
use crate::json::{Json, ObjectWriter, ToJson};
use crate::pool::Pool;
use crate::projection::{approximate, from_float, scenario_error as invalid, FloatScenario, Scenario};

/// The most runs one call may make.
pub const MAX_RUNS: u32 = 10_000;
/// The most run-days (runs × days) one call may simulate.
pub const MAX_RUN_DAYS: u64 = 2_000_000;

/// How random the runs are.
#[derive(Clone, Debug, PartialEq)]
pub struct MonteCarloOptions {
    pub runs: u32,
    pub seed: u64,
    /// Coefficient of variation of one order's size.
    pub order_size_cv: f64,
    /// Coefficient of variation of each day's withdrawal share.
    pub withdraw_cv: f64,
    /// Poisson order counts; `false` keeps the scenario's counts.
    pub random_counts: bool,
}

impl MonteCarloOptions {
    /// Reads `{ runs, seed, orderSizeCv?, withdrawCv?, randomCounts? }`; counts are JS
    /// numbers, the coefficients decimal strings (default "0.5").
    pub fn from_json(value: &Json, days: u32) -> Result<MonteCarloOptions> {
        let object = value.as_object().ok_or_else(|| invalid("options", "must be an object"))?;
        if let Some(unknown) =
            object.unknown_key(&["runs", "seed", "orderSizeCv", "withdrawCv", "randomCounts"])
        {
            return Err(invalid("options", &format!("unknown field \"{unknown}\"")));
        }
        let runs = object
            .get("runs")
            .and_then(Json::as_u64)
            .filter(|runs| (1..=u64::from(MAX_RUNS)).contains(runs))
            .ok_or_else(|| invalid("runs", "must be a whole number from 1 to 10000"))?
            as u32;
        if u64::from(runs) * u64::from(days) > MAX_RUN_DAYS {
            return Err(invalid("runs", "runs × days must be at most 2000000"));
        }
        let seed = object
            .get("seed")
            .and_then(Json::as_u64)
            .filter(|seed| *seed <= (1 << 53))
            .ok_or_else(|| invalid("seed", "must be a whole number from 0 to 2^53"))?;
        let cv = |field: &'static str| -> Result<f64> {
            match object.get(field) {
                None => Ok(0.5),
                Some(Json::String(text)) => crate::decimal::parse_plain(text)
                    .ok()
                    .map(approximate)
                    .filter(|cv| (0.0..=5.0).contains(cv))
                    .ok_or_else(|| invalid(field, "must be a decimal string from 0 to 5")),
                Some(_) => Err(invalid(field, "must be a decimal string from 0 to 5")),
            }
        };
        let random_counts = match object.get("randomCounts") {
            None => true,
            Some(value) => value.as_bool().ok_or_else(|| invalid("randomCounts", "must be true or false"))?,
        };
        Ok(MonteCarloOptions {
            runs,
            seed,
            order_size_cv: cv("orderSizeCv")?,
            withdraw_cv: cv("withdrawCv")?,
            random_counts,
        })
    }
}

/// p10, p50 and p90 of one quantity on one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// One day's bands.
#[derive(Clone, Debug, PartialEq)]
pub struct BandDay {
    pub day: u32,
    pub price: Band,
    pub value: Band,
    pub cash_out_value: Band,
}

/// What the runs show.
#[derive(Clone, Debug, PartialEq)]
pub struct MonteCarlo {
    pub runs: u32,
    pub seed: u64,
    pub days: Vec<BandDay>,
    /// Share of runs in which the cash-out reached what the member spent at some day.
    pub reaches_spent: Option<f64>,
    /// Share of runs in which the cash-out reached the cap at some day.
    pub reaches_cap: Option<f64>,
}

/// Runs the simulation. Native and wasm give the same numbers for the same inputs.
pub fn monte_carlo(pool: &Pool, scenario: &Scenario, options: &MonteCarloOptions) -> Result<MonteCarlo> {
    if pool.config().rounding.is_some() {
        return Err(invalid("scenario", "Monte Carlo runs on exact pools (rounding: null)"));
    }
    let params = FloatScenario::new(pool, scenario)?;
    let state = pool.state();
    let start = FloatPool { pool: approximate(state.pool), supply: approximate(state.supply) };
    let days = scenario.days as usize;
    let expected: Vec<u64> = (1..=scenario.days).map(|day| scenario.orders_on(day)).collect::<Result<_>>()?;
    let withdraw: Vec<f64> =
        (1..=scenario.days).map(|day| approximate(scenario.withdraw_rate_on(day))).collect();
    let runs = options.runs as usize;
    // Series laid out day-major, so each day's runs sit together for the percentiles.
    let mut price = vec![0.0; runs * (days + 1)];
    let mut value = price.clone();
    let mut cash_out = price.clone();
    let spent = scenario.spent.map(approximate).filter(|spent| *spent > 0.0);
    let (mut reached_spent, mut reached_cap) = (0u32, 0u32);
    for run in 0..runs {
        let mut random = SplitMix64::new(options.seed ^ (run as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut state = start;
        let (mut hit_spent, mut hit_cap) = (false, false);
        for day in 0..=days {
            if day > 0 {
                let mean = expected[day - 1];
                let orders = if options.random_counts { random.poisson(mean as f64) } else { mean };
                let size = random.mean_factor(options.order_size_cv, orders);
                state.buy(orders, params.contribution * size, params.grant * size, params.initial_price)?;
                let share = (withdraw[day - 1] * random.mean_factor(options.withdraw_cv, 1)).min(1.0);
                state.cash_out(share * (state.supply - params.points).max(0.0), params.payout_rate);
            }
            let (v, c) = params.position(&state);
            let at = day * runs + run;
            price[at] = state.price(params.initial_price);
            value[at] = v;
            cash_out[at] = c;
            hit_spent |= spent.is_some_and(|spent| c >= spent);
            hit_cap |= params.cap_left.is_some_and(|cap| cap > 0.0 && c >= cap);
        }
        reached_spent += u32::from(hit_spent);
        reached_cap += u32::from(hit_cap);
    }
    let share = |count: u32| f64::from(count) / runs as f64;
    let band_days = (0..=days)
        .map(|day| {
            let slice = |series: &mut Vec<f64>| band(&mut series[day * runs..(day + 1) * runs]);
            BandDay {
                day: day as u32,
                price: slice(&mut price),
                value: slice(&mut value),
                cash_out_value: slice(&mut cash_out),
            }
        })
        .collect();
    Ok(MonteCarlo {
        runs: options.runs,
        seed: options.seed,
        days: band_days,
        reaches_spent: spent.map(|_| share(reached_spent)),
        reaches_cap: params.cap_left.map(|_| share(reached_cap)),
    })
}

/// Nearest-rank percentiles of one day's runs.
fn band(values: &mut [f64]) -> Band {
    heap_sort_by(values, |a, b| a.total_cmp(b).is_lt());
    let rank = |p: f64| values[((p * values.len() as f64).ceil() as usize).clamp(1, values.len()) - 1];
    Band { p10: rank(0.1), p50: rank(0.5), p90: rank(0.9) }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and the same on every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Marsaglia's polar method: Box–Muller without the cosine, whose
    /// argument reduction would be the largest function in the wasm).
    fn normal(&mut self) -> f64 {
        loop {
            let (u, v) = (2.0 * self.uniform() - 1.0, 2.0 * self.uniform() - 1.0);
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                return u * libm::sqrt(-2.0 * libm::log(s) / s);
            }
        }
    }

    /// Poisson(λ): multiplication of uniforms below 30, the normal approximation above.
    fn poisson(&mut self, lambda: f64) -> u64 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda < 30.0 {
            let limit = libm::exp(-lambda);
            let (mut count, mut product) = (0u64, self.uniform());
            while product > limit {
                count += 1;
                product *= self.uniform();
            }
            return count;
        }
        libm::round(lambda + libm::sqrt(lambda) * self.normal()).max(0.0) as u64
    }

    /// A log-normal factor with mean 1 for the mean of `count` draws of coefficient of
    /// variation `cv`; exactly 1 when there is no variance (no random number is drawn).
    fn mean_factor(&mut self, cv: f64, count: u64) -> f64 {
        if cv == 0.0 || count == 0 {
            return 1.0;
        }
        let variance = libm::log1p(cv * cv / count as f64);
        libm::exp(libm::sqrt(variance) * self.normal() - variance / 2.0)
    }
}

impl ToJson for MonteCarlo {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object.number("runs", u64::from(self.runs)).number("seed", self.seed);
        object
            .optional_decimal("reachesSpent", self.reaches_spent.map(from_float))
            .optional_decimal("reachesCap", self.reaches_cap.map(from_float));
        object.array("days", &self.days);
    }
}

impl ToJson for BandDay {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object.number("day", u64::from(self.day));
        for (key, band) in
            [("price", self.price), ("value", self.value), ("cashOutValue", self.cash_out_value)]
        {
            object.object(key, |o| {
                o.decimal("p10", from_float(band.p10))
                    .decimal("p50", from_float(band.p50))
                    .decimal("p90", from_float(band.p90));
            });
        }
    }
}
