//! What backs the points (docs/model.md §5, "A pool that cannot die"): how many points a
//! purchase may mint, the ceiling on what one point may carry, and the reserve, money that
//! no point carries. Together they keep the pool's ratio `P / S` between `initialPrice` and
//! the ceiling, so that no sequence of accepted operations prices a point at 0, mints no
//! points for money taken, locks purchases, or lets a buyer take out more than they paid.

use rust_decimal::Decimal;

use super::{Basis, Rules};
use crate::decimal::{difference, product, quotient};
use crate::error::{PoolError, Result};
use crate::limits::{MAX_AMOUNT_CNY, MAX_QUANTITY, MIN_INITIAL_PRICE};
use crate::model::config::Config;
use crate::model::exact_ratio::{product_rounded, ratio_rounded};
use crate::model::rounding::{toward_zero, RoundingMode, RoundingRule};

/// The balances after an operation, once the rules of backing have settled them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settled {
    /// What stays in the pool, backing the points.
    pub pool: Decimal,
    pub supply: Decimal,
    /// The price the settled balances give.
    pub price: Decimal,
    /// What the operation set aside in the reserve (usually 0).
    pub reserved: Decimal,
}

impl Config {
    /// Checks a config whole: every field in its range (config.rs), and a pool that can live
    /// (model.md §5). Written here so that the config knows nothing of the rules built on it.
    pub fn validate(&self) -> Result<()> {
        self.validate_fields()?;
        Rules::new(self).check_backing()
    }
}

impl Rules<'_> {
    /// The most points `contribution_cny` may mint on `basis`: what it buys at the price before
    /// the purchase, `pts↓(contribution / price)` (on exact balances `pts↓(contribution × S / P)`,
    /// the same quotient `points_for` uses). A grant is never worth more than the contribution
    /// (`grantRate ≤ 1`), so this binds only where points are rounded up: then a buyer who cashed
    /// out at once could take more than they paid, and the price could fall to 0.
    pub fn mint_bound(&self, contribution_cny: Decimal, basis: Basis) -> Result<Decimal> {
        let down = Some(self.points_down());
        match self.exact_balances(basis) {
            Some((pool, supply)) => ratio_rounded(down, contribution_cny, supply, pool, "points granted"),
            None => ratio_rounded(down, contribution_cny, Decimal::ONE, basis.price(), "points granted"),
        }
    }

    /// The ceiling: the most one point may carry, `min(10^15, grant(10^12) / unit − priceUnit)`,
    /// cut down to a multiple of `10^(pointsScale − moneyScale)` (of 1 when money has as many
    /// decimals), where `grant(10^12)` is the value the largest purchase grants and `unit` one
    /// unit of points. Below it the largest purchase always mints at least one unit, so purchases
    /// are never locked; and `ceiling × S` is always a whole number of money units, so a pool held
    /// at the ceiling prices a point at exactly the ceiling (never below a price it had).
    pub fn ceiling(&self) -> Result<Decimal> {
        let (points_scale, money_scale) = (self.config.points_scale(), self.config.money_scale());
        let grant = self.grant_value(self.contribution(MAX_AMOUNT_CNY)?)?;
        let per_unit = product(grant, ten_to(points_scale))?;
        let price_unit = self.rounding.price.map_or(Decimal::ZERO, |rule| Decimal::new(1, rule.scale));
        let step = ten_to(points_scale.saturating_sub(money_scale));
        let steps = toward_zero(quotient(difference(per_unit, price_unit)?, step, "ceiling")?, 0);
        Ok(product(steps, step)?.min(MAX_QUANTITY).max(Decimal::ZERO))
    }

    /// Checks that a config's pool can live (model.md §5): the initial price is at least 10^-6
    /// and no more than the ceiling (which is above 0). A config that fails could only refuse
    /// purchases.
    pub fn check_backing(&self) -> Result<()> {
        let initial_price = self.config.initial_price;
        if initial_price < MIN_INITIAL_PRICE {
            let reason = format!(
                "must be at least {MIN_INITIAL_PRICE}: below it a purchase mints past the supply limit"
            );
            return Err(PoolError::config("initialPrice", reason));
        }
        let ceiling = self.ceiling()?;
        if initial_price > ceiling || ceiling.is_zero() {
            let reason = "the largest purchase (10^12) would mint less than one unit of points: \
                          raise poolRate or grantRate, or lower initialPrice or the points scale";
            return Err(PoolError::config("initialPrice", reason));
        }
        Ok(())
    }

    /// Settles the balances after an operation (model.md §5): when no points are left, the pool
    /// goes to the reserve and the price returns to `initialPrice`; when the points would carry
    /// more than `ceiling` each, the pool keeps `money↓(ceiling × S)` and the rest goes to the
    /// reserve.
    pub fn settle(&self, pool_cny: Decimal, supply: Decimal, ceiling: Decimal) -> Result<Settled> {
        if supply.is_zero() {
            let price = self.config.initial_price;
            return Ok(Settled { pool: Decimal::ZERO, supply, price, reserved: pool_cny });
        }
        let price = self.price(pool_cny, supply)?;
        if !may_pass(price, ceiling) {
            return Ok(Settled { pool: pool_cny, supply, price, reserved: Decimal::ZERO });
        }
        let backing = self.backing_at(ceiling, supply)?;
        if pool_cny <= backing {
            return Ok(Settled { pool: pool_cny, supply, price, reserved: Decimal::ZERO });
        }
        let reserved = difference(pool_cny, backing)?;
        Ok(Settled { pool: backing, supply, price: self.price(backing, supply)?, reserved })
    }

    /// What `supply` points may carry at `ceiling`: `money↓(ceiling × supply)`.
    fn backing_at(&self, ceiling: Decimal, supply: Decimal) -> Result<Decimal> {
        product_rounded(Some(self.money_down()), ceiling, supply, "pool")
    }

    /// The points rule toward zero: a bound on points is never rounded up.
    fn points_down(&self) -> RoundingRule {
        RoundingRule { scale: self.config.points_scale(), mode: RoundingMode::Down }
    }
}

/// Whether a price may be at or past the ceiling: the exact test runs only then. A rounded price
/// is at most one unit of its scale from the ratio (below 1 whenever the test is skipped), and
/// the ceiling is a whole number.
fn may_pass(price: Decimal, ceiling: Decimal) -> bool {
    price.checked_add(Decimal::ONE).is_none_or(|bound| bound >= ceiling)
}

/// 10^exponent for an exponent of at most 13 (a points scale).
fn ten_to(exponent: u32) -> Decimal {
    Decimal::from(10u64.pow(exponent))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, Rounding};

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_ceiling_is_where_the_largest_purchase_still_mints_a_unit() {
        let exact = Config::default();
        assert_eq!(Rules::new(&exact).ceiling().unwrap(), MAX_QUANTITY, "2.1e24 is past 10^15");
        let rule = |scale| Some(RoundingRule { scale, mode: RoundingMode::Down });
        let whole = Config {
            rounding: Some(Rounding { money: rule(2), points: rule(0), price: rule(2) }),
            ..Config::default()
        };
        // 10^12 × 0.3 × 0.7 = 2.1 × 10^11 per whole point, less a cent of price rounding.
        assert_eq!(Rules::new(&whole).ceiling().unwrap(), d("209999999999"));
    }

    #[test]
    fn no_points_left_means_the_pool_goes_to_the_reserve() {
        let config = Config::default();
        let rules = Rules::new(&config);
        let ceiling = rules.ceiling().unwrap();
        let empty = rules.settle(d("6.35"), Decimal::ZERO, ceiling).unwrap();
        assert_eq!((empty.pool, empty.price, empty.reserved), (d("0"), d("1"), d("6.35")));
        let dust = rules.settle(d("1000"), d("0.0000000000001"), ceiling).unwrap();
        assert_eq!((dust.pool, dust.price, dust.reserved), (d("100"), ceiling, d("900")));
        let normal = rules.settle(d("30"), d("21"), ceiling).unwrap();
        assert_eq!((normal.pool, normal.reserved), (d("30"), d("0")));
    }
}
