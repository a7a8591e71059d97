//! Verdicts (docs/model.md §4, docs/formats.md §3 and §5): whether a figure a platform
//! published follows the rules. Values are compared, never spellings (`6.3` is `6.30`), and
//! the tolerance is the pool's declared rounding, never the decimals the platform happened to
//! write: `40` where the rules give 40.619 is short, whatever the platform's display.

use rust_decimal::Decimal;

use super::{Basis, Rules};
use crate::decimal::difference;
use crate::error::Result;
use crate::model::exact_ratio::product_rounded;
use crate::model::rounding::{toward_zero, RoundingMode, RoundingRule};

/// What the rules say of one published figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within one unit of the scale the pool's rounding gives the quantity.
    Ok,
    /// Less than the rules give.
    Short,
    /// More than the rules give.
    Over,
    /// A cash-out paid less than its rate gives, but no less than the burned points' share of
    /// the pool can be at the published price: the pool's share may have limited it, and a
    /// line that gives only the price cannot show whether it did (model.md §3).
    WithinShare,
}

/// Which rounding a figure follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    Money,
    Points,
}

impl Rules<'_> {
    /// One unit of the scale the pool's rounding gives `quantity` (13 decimals in exact mode).
    pub fn unit(&self, quantity: Quantity) -> Decimal {
        let scale = match quantity {
            Quantity::Money => self.config.money_scale(),
            Quantity::Points => self.config.points_scale(),
        };
        Decimal::new(1, scale)
    }

    /// `published` against what the rules give: within one unit (inclusive) of the declared
    /// scale is `Ok`. The unit covers a figure computed from a published price where the pool
    /// divided its balances (in exact mode a 28-digit price can put a result one unit below a
    /// cut the balances land on exactly: 21 / 1.4285714285714285714285714286 for 14.7).
    pub fn verdict(&self, quantity: Quantity, published: Decimal, expected: Decimal) -> Result<Verdict> {
        self.verdict_within(quantity, published, expected, Decimal::ZERO)
    }

    /// `verdict`, the tolerance widened by `slack`: what the last unit of a full-precision price
    /// moves a figure computed from it (`price_precision_unit`).
    pub fn verdict_within(
        &self,
        quantity: Quantity,
        published: Decimal,
        expected: Decimal,
        slack: Decimal,
    ) -> Result<Verdict> {
        let gap = difference(published, expected)?;
        Ok(if gap.abs() <= self.unit(quantity).saturating_add(slack) {
            Verdict::Ok
        } else if gap.is_sign_negative() {
            Verdict::Short
        } else {
            Verdict::Over
        })
    }

    /// A published cash-out against the rules' `expected` payout at a published price: short
    /// lines that the burned points' share could explain are `WithinShare`. `least_share` is
    /// the least that share can be at that price (`least_share`).
    /// The tolerance is widened by `slack`, as in `verdict_within`.
    pub fn cash_out_verdict(
        &self,
        published: Decimal,
        expected: Decimal,
        least_share: Decimal,
        slack: Decimal,
    ) -> Result<Verdict> {
        let verdict = self.verdict_within(Quantity::Money, published, expected, slack)?;
        if verdict == Verdict::Short
            && self.verdict_within(Quantity::Money, published, least_share, slack)? != Verdict::Short
        {
            return Ok(Verdict::WithinShare);
        }
        Ok(verdict)
    }

    /// The least the burned points' share of the pool, `money↓(P × burned / S)`, can be when the
    /// platform published `price` (written with `written_decimals`): `P / S` is at least the
    /// published price less what rounding it could have taken off (half a unit of the declared
    /// price rule for the half modes, nothing for `down`; half a unit of the last written
    /// decimal for a price without a declared rule).
    pub fn least_share(&self, burned: Decimal, price: Decimal, written_decimals: u32) -> Result<Decimal> {
        let lowest = match self.config.rounding.and_then(|rounding| rounding.price) {
            Some(RoundingRule { mode: RoundingMode::Down, .. }) => price,
            Some(RoundingRule { scale, .. }) => difference(price, Decimal::new(5, scale + 1))?,
            None if written_decimals >= 28 => price,
            None => difference(price, Decimal::new(5, written_decimals + 1))?,
        };
        product_rounded(Some(self.money_down()), burned, lowest.max(Decimal::ZERO), "share")
    }

    /// The last unit of a published price that no rule rounded but the engine's precision did:
    /// without a declared price rule the pool divides its balances exactly, and a price written
    /// at the full precision a decimal holds (28 decimals, or 28–29 significant digits) is that
    /// ratio cut or rounded there. A figure computed from it may then be off by what one unit
    /// of the price moves it, which a low price and a large figure make more than one unit of the
    /// figure (¥10^12 at 0.001: points off by 10^-11). `None` for a declared rule. A price written
    /// with fewer digits gets the unit of the finest decimal it could hold, which moves nothing
    /// a verdict can see: its value is then the basis, as written.
    pub fn price_precision_unit(&self, price: Decimal) -> Option<Decimal> {
        if self.config.rounding.and_then(|rounding| rounding.price).is_some() {
            return None;
        }
        // The finest decimal this value can hold (a published price is normalized: its written
        // scale may be one short of what the engine held, when its last digit was 0).
        let (mut mantissa, mut scale) = (price.mantissa().unsigned_abs(), price.scale());
        let most = Decimal::MAX.mantissa().unsigned_abs();
        while scale < 28 && mantissa <= most / 10 {
            mantissa *= 10;
            scale += 1;
        }
        Some(Decimal::new(1, scale))
    }

    /// What one `price_precision_unit` of `price` moves `figure` (a rule's result on a published
    /// price, which is `at` at `price` itself): the slack a verdict on that figure allows. Zero
    /// where the price is the basis exactly.
    pub fn price_slack(
        &self,
        price: Decimal,
        at: Decimal,
        figure: impl Fn(Basis) -> Result<Decimal>,
    ) -> Result<Decimal> {
        let Some(unit) = self.price_precision_unit(price) else {
            return Ok(Decimal::ZERO);
        };
        let mut slack = Decimal::ZERO;
        for moved in [price.checked_add(unit), price.checked_sub(unit)].into_iter().flatten() {
            if moved > Decimal::ZERO {
                slack = slack.max(difference(figure(Basis::Published { price: moved })?, at)?.abs());
            }
        }
        Ok(slack)
    }

    /// Whether a published price follows the rules (model.md §4): with a declared price rule,
    /// within one unit of its scale; without one, the exact price cut or rounded half up to the
    /// decimals written (`1.6807` for 1.680672… passes; `1.69`, and `44` for 43.3116, do not).
    pub fn price_follows(
        &self,
        published: Decimal,
        written_decimals: u32,
        computed: Decimal,
    ) -> Result<bool> {
        if let Some(rule) = self.config.rounding.and_then(|rounding| rounding.price) {
            return Ok(difference(published, computed)?.abs() <= Decimal::new(1, rule.scale));
        }
        let decimals = written_decimals.min(28);
        let half_up = RoundingRule { scale: decimals, mode: RoundingMode::HalfUp };
        if published == toward_zero(computed, decimals) || published == half_up.apply(computed) {
            return Ok(true);
        }
        // At full precision the engine's price is itself the ratio rounded there: a price cut
        // where the engine rounded up is one unit under it, and as right (one unit over is not).
        Ok(self.price_precision_unit(published).is_some_and(|unit| {
            published <= computed && difference(computed, published).is_ok_and(|gap| gap <= unit)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, Rounding};

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_tolerance_is_the_declared_scale_not_the_written_one() {
        let exact = Config::default();
        let rules = Rules::new(&exact);
        assert_eq!(rules.verdict(Quantity::Points, d("40"), d("40.619")).unwrap(), Verdict::Short);
        assert_eq!(rules.verdict(Quantity::Points, d("40.619"), d("40.619")).unwrap(), Verdict::Ok);
        assert_eq!(rules.verdict(Quantity::Points, d("14.7"), d("14.6999999999999")).unwrap(), Verdict::Ok);
        assert_eq!(rules.verdict(Quantity::Money, d("5.01"), d("5")).unwrap(), Verdict::Over);
        let cents = RoundingRule { scale: 2, mode: RoundingMode::Down };
        let rounded = Config {
            rounding: Some(Rounding { money: Some(cents), points: Some(cents), price: Some(cents) }),
            ..Config::default()
        };
        let rules = Rules::new(&rounded);
        assert_eq!(rules.verdict(Quantity::Money, d("6.3"), d("6.30")).unwrap(), Verdict::Ok);
        assert_eq!(rules.verdict(Quantity::Money, d("6.28"), d("6.30")).unwrap(), Verdict::Short);
    }

    #[test]
    fn a_price_without_a_rule_is_cut_or_rounded_half_up_where_written() {
        let config = Config::default();
        let rules = Rules::new(&config);
        let computed = d("1.6806722689075630252100840336");
        assert!(rules.price_follows(d("1.6807"), 4, computed).unwrap());
        assert!(rules.price_follows(d("1.6806"), 4, computed).unwrap());
        assert!(!rules.price_follows(d("1.69"), 2, computed).unwrap());
        assert!(!rules.price_follows(d("44"), 0, d("43.3116")).unwrap());
        assert!(rules.price_follows(d("43"), 0, d("43.3116")).unwrap());
        assert!(rules.price_follows(computed, 28, computed).unwrap());
    }
}
