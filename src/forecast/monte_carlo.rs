//! Seeded Monte Carlo over a scenario (docs/model.md §7): random daily order counts (Poisson
//! around the scenario's count), random order sizes (log-normal around the average,
//! with a coefficient of variation), random withdrawal shares; p10/p50/p90 bands a day
//! and the share of runs in which the member's cash-out reaches what they spent and
//! the cap.
//!
//! Each day is one closed-form step with that day's mean order size (the mean of N
//! log-normal orders is taken as log-normal with the CV divided by √N), so a run costs
//! the same at 10 orders a day as at 10,000. Each run draws from its own Xoshiro256++
//! stream (the seed's generator jumped 2^128 steps per run, so no two runs share draws)
//! and every function comes from `libm`, so a seed gives the same bits natively and in wasm.
//! With no variance at all a run is exactly the closed-form projection.

use crate::decimal::approximate;
use crate::error::{PoolError, Result};
use crate::forecast::closed_form::{FloatPool, FloatScenario};
use crate::forecast::scenario::Scenario;
use crate::limits::{MAX_CV, MAX_RUNS, MAX_RUN_DAYS, MAX_SEED};
use crate::model::rules::approximate::apply_cap;
use crate::model::Pool;

use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

fn invalid(field: &str, reason: &str) -> PoolError {
    PoolError::scenario(format!("options.{field}"), reason)
}

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
    /// Checks the options against their limits for a scenario of `days` days.
    pub fn validate(&self, days: u32) -> Result<()> {
        if !(1..=MAX_RUNS).contains(&self.runs) {
            return Err(invalid("runs", &format!("must be a whole number from 1 to {MAX_RUNS}")));
        }
        if u64::from(self.runs) * u64::from(days) > MAX_RUN_DAYS {
            return Err(invalid("runs", &format!("runs × days must be at most {MAX_RUN_DAYS}")));
        }
        if self.seed > MAX_SEED {
            return Err(invalid("seed", &format!("must be a whole number from 0 to {MAX_SEED}")));
        }
        for (field, cv) in [("orderSizeCv", self.order_size_cv), ("withdrawCv", self.withdraw_cv)] {
            if !(0.0..=MAX_CV).contains(&cv) {
                return Err(invalid(field, &format!("must be a decimal string from 0 to {MAX_CV}")));
            }
        }
        Ok(())
    }
}

impl Default for MonteCarloOptions {
    fn default() -> Self {
        MonteCarloOptions { runs: 1000, seed: 1, order_size_cv: 0.5, withdraw_cv: 0.5, random_counts: true }
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
    options.validate(scenario.days)?;
    if pool.config().rounding.is_some() {
        return Err(PoolError::scenario("scenario", "Monte Carlo runs on exact pools (rounding: null)"));
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
    // What a cash-out must still bring in to break even: spending less what was received.
    let received = scenario.received.map_or(0.0, approximate);
    let spent = scenario.spent.map(approximate).filter(|spent| *spent > 0.0);
    let rest = spent.map(|spent| spent - received);
    let (mut reached_spent, mut reached_cap) = (0u32, 0u32);
    let mut streams = Xoshiro256PlusPlus::seed_from_u64(options.seed);
    for run in 0..runs {
        // Each run has its own stream, 2^128 draws from the next: independent runs.
        let mut random = Draws(streams.clone());
        streams.jump();
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
                state.settle(params.ceiling);
            }
            // `c` uncapped: whether it reaches the cap is what is counted.
            let (v, c) = params.position(&state);
            let at = day * runs + run;
            price[at] = state.price(params.initial_price);
            value[at] = v;
            cash_out[at] = c;
            hit_spent |= rest.is_some_and(|rest| apply_cap(c, params.cap_left) >= rest);
            hit_cap |= params.cap_left.is_some_and(|cap| cap > 0.0 && c >= cap);
            cash_out[at] = apply_cap(c, params.cap_left);
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
    values.sort_unstable_by(f64::total_cmp);
    let rank = |p: f64| values[((p * values.len() as f64).ceil() as usize).clamp(1, values.len()) - 1];
    Band { p10: rank(0.1), p50: rank(0.5), p90: rank(0.9) }
}

/// Random draws from one run's stream. The distributions are written here with `libm`
/// (not rand_distr, whose math goes through num-traits and so through the platform's
/// libm or std by feature unification) so that native and wasm give the same bits.
struct Draws(Xoshiro256PlusPlus);

impl Draws {
    fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Nearest rank by its definition: the least value that at least `p` of the values do not
    /// exceed.
    fn nearest_rank(values: &[f64], p: f64) -> f64 {
        let needed = (p * values.len() as f64).ceil().max(1.0) as usize;
        let mut candidates = values.to_vec();
        candidates.sort_by(f64::total_cmp);
        candidates.into_iter().find(|x| values.iter().filter(|v| *v <= x).count() >= needed).unwrap()
    }

    #[test]
    fn bands_are_the_nearest_rank_percentiles_of_the_runs() {
        let mut random = Xoshiro256PlusPlus::seed_from_u64(3);
        for length in [1usize, 2, 7, 10, 11, 99, 100, 401] {
            let values: Vec<f64> = (0..length).map(|_| (random.next_u64() % 1000) as f64 / 7.0).collect();
            let band = band(&mut values.clone());
            let expected = [0.1, 0.5, 0.9].map(|p| nearest_rank(&values, p));
            assert_eq!([band.p10, band.p50, band.p90], expected, "{length} runs");
        }
    }
}
