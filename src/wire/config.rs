//! `Config` at the door (docs/model.md §2): every field optional on the way in (a missing
//! one takes the seed's default), every field present on the way out.

use serde::{Deserialize, Serialize};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{present, DecimalString};
use crate::error::Result;
use crate::model::{Config, Rounding, RoundingMode, RoundingRule};

/// The parameters of a pool. Every field is optional; a missing one takes the seed's default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Config"))]
pub struct ConfigDoc {
    /// Share of each purchase that enters the pool, 0 < x ≤ 1 (default "0.30").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pool_rate: Option<DecimalString>,
    /// Share of that contribution minted as points value, 0 < x ≤ 1 (default "0.70").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grant_rate: Option<DecimalString>,
    /// Price while no points circulate, 0 < x ≤ 10^6 (default "1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub initial_price: Option<DecimalString>,
    /// Share of a cash-out paid; the rest stays in the pool, 0 < x ≤ 1 (default "0.80").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub payout_rate: Option<DecimalString>,
    /// Share of value credited when points buy goods, 0 < x ≤ 1 (default "1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub redeem_rate: Option<DecimalString>,
    /// Cap on what a member receives, × what they spent (两倍出局); `null` = no cap (default "2").
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "DecimalString | null"))]
    pub exit_multiple: Option<Option<DecimalString>>,
    /// Per-quantity rounding; `null` = exact (the default).
    #[serde(default, deserialize_with = "present", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Rounding | null"))]
    pub rounding: Option<Option<RoundingDoc>>,
}

/// `{ money, points, price }`, each entry optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Rounding"))]
pub struct RoundingDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "RoundingRule | null"))]
    pub money: Option<RuleDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "RoundingRule | null"))]
    pub points: Option<RuleDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "RoundingRule | null"))]
    pub price: Option<RuleDoc>,
}

/// One rounding entry: 0 to 12 decimals and a mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "RoundingRule"))]
pub struct RuleDoc {
    pub scale: u32,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RoundingMode"))]
    pub mode: ModeDoc,
}

/// `down` = toward zero (截断), `halfUp` = 四舍五入, `halfEven` = banker's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "RoundingMode"))]
pub enum ModeDoc {
    Down,
    HalfUp,
    HalfEven,
}

impl ConfigDoc {
    /// The config this document describes, missing fields at their defaults, every field checked.
    pub fn into_config(self) -> Result<Config> {
        let defaults = Config::default();
        let config = Config {
            pool_rate: self.pool_rate.map_or(defaults.pool_rate, |d| d.0),
            grant_rate: self.grant_rate.map_or(defaults.grant_rate, |d| d.0),
            initial_price: self.initial_price.map_or(defaults.initial_price, |d| d.0),
            payout_rate: self.payout_rate.map_or(defaults.payout_rate, |d| d.0),
            redeem_rate: self.redeem_rate.map_or(defaults.redeem_rate, |d| d.0),
            exit_multiple: self.exit_multiple.map_or(defaults.exit_multiple, |m| m.map(|d| d.0)),
            rounding: self.rounding.map_or(defaults.rounding, |r| r.map(RoundingDoc::into_rounding)),
        };
        config.validate()?;
        Ok(config)
    }

    /// Every field of `config`, as snapshots and `config()` carry it.
    pub fn of(config: &Config) -> ConfigDoc {
        ConfigDoc {
            pool_rate: Some(config.pool_rate.into()),
            grant_rate: Some(config.grant_rate.into()),
            initial_price: Some(config.initial_price.into()),
            payout_rate: Some(config.payout_rate.into()),
            redeem_rate: Some(config.redeem_rate.into()),
            exit_multiple: Some(config.exit_multiple.map(DecimalString)),
            rounding: Some(config.rounding.map(|rounding| RoundingDoc::of(&rounding))),
        }
    }
}

impl RoundingDoc {
    fn into_rounding(self) -> Rounding {
        Rounding {
            money: self.money.map(RuleDoc::into_rule),
            points: self.points.map(RuleDoc::into_rule),
            price: self.price.map(RuleDoc::into_rule),
        }
    }

    fn of(rounding: &Rounding) -> RoundingDoc {
        RoundingDoc {
            money: rounding.money.map(RuleDoc::of),
            points: rounding.points.map(RuleDoc::of),
            price: rounding.price.map(RuleDoc::of),
        }
    }
}

impl RuleDoc {
    fn into_rule(self) -> RoundingRule {
        let mode = match self.mode {
            ModeDoc::Down => RoundingMode::Down,
            ModeDoc::HalfUp => RoundingMode::HalfUp,
            ModeDoc::HalfEven => RoundingMode::HalfEven,
        };
        RoundingRule { scale: self.scale, mode }
    }

    fn of(rule: RoundingRule) -> RuleDoc {
        let mode = match rule.mode {
            RoundingMode::Down => ModeDoc::Down,
            RoundingMode::HalfUp => ModeDoc::HalfUp,
            RoundingMode::HalfEven => ModeDoc::HalfEven,
        };
        RuleDoc { scale: rule.scale, mode }
    }
}
