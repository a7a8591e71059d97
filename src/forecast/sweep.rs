//! Parameter sweeps (docs/model.md §7): the values a sweep of one parameter tries, in exact
//! decimal steps from one bound to the other, so the operator page never interpolates.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::decimal::{difference, product, sum};
use crate::error::{PoolError, Result};
use crate::limits::MAX_SWEEP_STEPS;

/// Extra decimals a step may carry beyond its bounds' own (`0` to `1` in 3 steps: `0.5`).
const EXTRA_DECIMALS: u32 = 4;

/// `steps` values from `from` to `to`, both included, evenly spaced: value i is
/// `from + (to − from) × i / (steps − 1)`, rounded half to even at four decimals more than
/// the bounds have (at most 28). Errors name `sweep.steps`.
pub fn sweep_values(from: Decimal, to: Decimal, steps: u32) -> Result<Vec<Decimal>> {
    if !(2..=MAX_SWEEP_STEPS).contains(&steps) {
        let reason = format!("must be a whole number from 2 to {MAX_SWEEP_STEPS}");
        return Err(PoolError::scenario("sweep.steps", reason));
    }
    let decimals = (from.scale().max(to.scale()) + EXTRA_DECIMALS).min(28);
    let range = difference(to, from)?;
    let intervals = Decimal::from(steps - 1);
    (0..steps)
        .map(|step| {
            let share = product(range, Decimal::from(step))?;
            let offset = share
                .checked_div(intervals)
                .ok_or(PoolError::LimitExceeded { quantity: "sweep" })?
                .round_dp_with_strategy(decimals, RoundingStrategy::MidpointNearestEven);
            Ok(sum(from, offset, "sweep")?.normalize())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn steps_are_exact_and_end_on_the_bounds() {
        let values = sweep_values(d("0.2"), d("0.4"), 5).unwrap();
        assert_eq!(values, ["0.2", "0.25", "0.3", "0.35", "0.4"].map(d));
        let thirds = sweep_values(d("0"), d("1"), 4).unwrap();
        assert_eq!(thirds, ["0", "0.3333", "0.6667", "1"].map(d), "rounded half to even at 4 more decimals");
        assert_eq!(sweep_values(d("2"), d("1"), 2).unwrap(), [d("2"), d("1")], "downward sweeps too");
        assert_eq!(sweep_values(d("1"), d("2"), 1).unwrap_err().field(), Some("sweep.steps"));
        assert_eq!(sweep_values(d("1"), d("2"), 51).unwrap_err().field(), Some("sweep.steps"));
    }
}
