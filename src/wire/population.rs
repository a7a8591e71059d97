//! The population simulation at the door (docs/model.md §7, "where the gain comes from").

use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{DecimalString, Input, PoolStateDoc, SnapshotDoc};
use crate::error::Result;
use crate::forecast::population::{Flows, Population, PopulationOptions};
use crate::limits::DEFAULT_POPULATION_DAYS;

/// What a population simulation is asked to do.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "PopulationOptions"))]
pub struct PopulationOptionsDoc {
    /// Purchases in all, 1 to 200,000.
    pub orders: u32,
    /// Days they are spread over (default 100).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub days: Option<u32>,
    /// Share of purchases by members who already joined, "0" to below "1".
    pub repeat_share: DecimalString,
    /// Chance a holder looks in on a day, "0" to "1".
    pub chance: DecimalString,
    /// 0 to 2^53.
    pub seed: u64,
}

/// Every flow, summed exactly; `gain = surplus + cuts + forfeits`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Flows"))]
pub struct FlowsDoc {
    pub contributed: DecimalString,
    pub granted: DecimalString,
    pub surplus: DecimalString,
    pub cuts: DecimalString,
    pub forfeits: DecimalString,
    /// Of the gain, what no point carries any more: set aside in the reserve (docs/model.md §5).
    pub reserved: DecimalString,
    pub paid: DecimalString,
    pub gain: DecimalString,
    /// `surplus / gain`, `cuts / gain`, `forfeits / gain` (zeros without a gain).
    pub surplus_share: DecimalString,
    pub cuts_share: DecimalString,
    pub forfeits_share: DecimalString,
}

/// What the population did.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Population"))]
pub struct PopulationDoc {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Flows"))]
    pub totals: FlowsDoc,
    pub cash_outs: u32,
    pub exits: u32,
    pub joined: u32,
    pub holders: u32,
    /// Share of the points the top 1% of holders hold.
    pub top1: DecimalString,
    /// Share of the points the top 10% of holders hold.
    pub top10: DecimalString,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "PoolState"))]
    pub state: PoolStateDoc,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Snapshot"))]
    pub public_snapshot: SnapshotDoc,
}

impl PopulationOptionsDoc {
    pub fn into_options(self) -> Result<PopulationOptions> {
        let options = PopulationOptions {
            orders: self.orders,
            days: self.days.unwrap_or(DEFAULT_POPULATION_DAYS),
            repeat_share: self.repeat_share.0,
            chance: self.chance.0,
            seed: self.seed,
        };
        options.validate()?;
        Ok(options)
    }
}

impl From<&Flows> for FlowsDoc {
    fn from(flows: &Flows) -> Self {
        // Three quotients of sums below 10^15 by their own total: they cannot overflow.
        let [surplus_share, cuts_share, forfeits_share] = flows.gain_shares().unwrap_or_default();
        FlowsDoc {
            surplus_share: surplus_share.into(),
            cuts_share: cuts_share.into(),
            forfeits_share: forfeits_share.into(),
            contributed: flows.contributed.into(),
            granted: flows.granted.into(),
            surplus: flows.surplus.into(),
            cuts: flows.cuts.into(),
            forfeits: flows.forfeits.into(),
            reserved: flows.reserved.into(),
            paid: flows.paid.into(),
            gain: flows.gain.into(),
        }
    }
}

impl From<&Population> for PopulationDoc {
    fn from(population: &Population) -> Self {
        PopulationDoc {
            totals: (&population.flows).into(),
            cash_outs: population.cash_outs,
            exits: population.exits,
            joined: population.joined,
            holders: population.holders,
            top1: population.top1.into(),
            top10: population.top10.into(),
            state: (&population.pool.state()).into(),
            public_snapshot: SnapshotDoc::public_of(&population.pool),
        }
    }
}

/// Population options from a JSON value (native callers and tests).
pub fn population_options_from_value(value: serde_json::Value) -> Result<PopulationOptions> {
    super::from_value::<PopulationOptionsDoc>(value, Input::Scenario)?.into_options()
}
