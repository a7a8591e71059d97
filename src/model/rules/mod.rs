//! Every rule of the model (docs/model.md §3–§4), each written once. The pool, the ledger
//! audit, a member's history check (核对), the exact projection and the population all ask
//! these functions; none of them writes a formula of the model again.
//!
//! A rule is computed over a [`Basis`]: the pool's own balances (what the pool knows), or a
//! price a platform published (all a member's line gives). The two differ where the pool
//! computes from `P / S` itself: in exact mode a purchase mints `value × S / P` points rather
//! than `value / price` (the same quotient with one rounding fewer), and only the balances
//! show a burned point's share of the pool.

pub mod approximate;
mod backing;
mod cash_out;
mod verdict;

pub use backing::Settled;
pub use cash_out::{CashOut, Holder};
pub use verdict::{Quantity, Verdict};

use rust_decimal::Decimal;

use crate::decimal::{difference, product, quotient};
use crate::error::{PoolError, Result};
use crate::limits::MAX_AMOUNT_EXPONENT;
use crate::model::config::Config;
use crate::model::exact_ratio::{product_rounded, ratio_rounded};
use crate::model::receipts::CashOutKind;
use crate::model::rounding::{toward_zero, Rounding, RoundingMode, RoundingRule};

/// What a rule is computed against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The pool's balances and the price they give (`Rules::price`).
    Balances { pool: Decimal, supply: Decimal, price: Decimal },
    /// A price the platform published; the balances behind it are not known.
    Published { price: Decimal },
}

impl Basis {
    /// The price a point trades at on this basis.
    pub fn price(self) -> Decimal {
        match self {
            Basis::Balances { price, .. } | Basis::Published { price } => price,
        }
    }
}

/// What a purchase of an amount gives, before anything changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Purchase {
    /// `money(amount × poolRate)`: what enters the pool.
    pub contribution: Decimal,
    /// `money(contribution × grantRate)`: the value minted as points.
    pub grant_value: Decimal,
    /// `pts(grantValue / price)`, at the price before the contribution lands, never more than
    /// the contribution buys at that price (`mint_bound`).
    pub points: Decimal,
}

/// The rules of one pool's parameters.
#[derive(Clone, Copy, Debug)]
pub struct Rules<'a> {
    config: &'a Config,
    rounding: Rounding,
}

impl<'a> Rules<'a> {
    pub fn new(config: &'a Config) -> Rules<'a> {
        Rules { config, rounding: config.rounding_or_exact() }
    }

    pub fn config(&self) -> &'a Config {
        self.config
    }

    /// CNY per point: `P / S` while points circulate (rust_decimal's 28-digit quotient, or
    /// rounded per `rounding.price`), `initialPrice` when none do (model.md §1).
    pub fn price(&self, pool_cny: Decimal, supply: Decimal) -> Result<Decimal> {
        if supply.is_zero() {
            return Ok(self.config.initial_price);
        }
        match self.rounding.price {
            None => quotient(pool_cny, supply, "price"),
            Some(rule) => ratio_rounded(Some(rule), pool_cny, Decimal::ONE, supply, "price"),
        }
    }

    /// The basis of a pool's balances: the balances and the price they give.
    pub fn balances(&self, pool_cny: Decimal, supply: Decimal) -> Result<Basis> {
        Ok(Basis::Balances { pool: pool_cny, supply, price: self.price(pool_cny, supply)? })
    }

    /// A purchase amount as the rules take it (model.md §4): above 0, at most 10^12, with no more
    /// decimals than money keeps. It runs for every ledger row, so each test is the cheap form of
    /// its comparison: signs and scales before rescaling.
    pub fn check_amount(&self, amount_cny: Decimal) -> Result<()> {
        if amount_cny.is_sign_negative() || amount_cny.is_zero() {
            return Err(PoolError::AmountMustBePositive { field: "amount" });
        }
        if !crate::decimal::at_most_power_of_ten(amount_cny, MAX_AMOUNT_EXPONENT) {
            return Err(PoolError::AmountTooLarge);
        }
        let max = self.config.amount_decimals();
        if amount_cny.scale() > max && crate::decimal::significant_scale(amount_cny) > max {
            return Err(PoolError::TooManyDecimals { field: "amount", max });
        }
        Ok(())
    }

    /// Points to cash out or redeem as the rules take them: above 0, with no more decimals than
    /// points keep.
    pub fn check_points(&self, points: Decimal) -> Result<()> {
        if points.is_sign_negative() || points.is_zero() {
            return Err(PoolError::PointsMustBePositive);
        }
        let max = self.config.points_scale();
        if points.scale() > max && crate::decimal::significant_scale(points) > max {
            return Err(PoolError::TooManyDecimals { field: "points", max });
        }
        Ok(())
    }

    /// 消费 (model.md §3): the contribution, the value granted and the points it mints on
    /// `basis`, the price before the purchase. The points may be 0 (an amount too small for one
    /// unit of points): a pool refuses such a purchase, a member's line is checked all the same.
    pub fn purchase(&self, amount_cny: Decimal, basis: Basis) -> Result<Purchase> {
        let contribution = self.contribution(amount_cny)?;
        let grant_value = self.grant_value(contribution)?;
        Ok(Purchase { contribution, grant_value, points: self.mint(contribution, grant_value, basis)? })
    }

    /// The points an order of `contribution_cny` granting `grant_value_cny` mints on `basis`:
    /// `pts(grantValue / price)`, never more than `mint_bound` (model.md §5).
    pub fn mint(&self, contribution_cny: Decimal, grant_value_cny: Decimal, basis: Basis) -> Result<Decimal> {
        let points = self.points_for(grant_value_cny, basis)?;
        // Points cut toward zero from the same quotient as the bound, for a grant no larger than
        // the contribution, can never pass it: the bound is worked out only where it can bind.
        if self.rounding.points.is_none_or(|rule| rule.mode == RoundingMode::Down) {
            return Ok(points);
        }
        Ok(points.min(self.mint_bound(contribution_cny, basis)?))
    }

    /// `money(amount × poolRate)`.
    pub fn contribution(&self, amount_cny: Decimal) -> Result<Decimal> {
        product_rounded(self.rounding.money, amount_cny, self.config.pool_rate, "pool contribution")
    }

    /// `money(contribution × grantRate)`.
    pub fn grant_value(&self, contribution_cny: Decimal) -> Result<Decimal> {
        product_rounded(self.rounding.money, contribution_cny, self.config.grant_rate, "grant value")
    }

    /// Points that `value_cny` buys: `pts(value / price)`. On a pool's balances in exact mode
    /// the price is `P / S` by definition, so `value × S / P` is the same quotient with one
    /// division fewer, and exact whenever the true result is (21 × 21 / 30 = 14.7).
    pub fn points_for(&self, value_cny: Decimal, basis: Basis) -> Result<Decimal> {
        let rule = self.rounding.points;
        match self.exact_balances(basis) {
            Some((pool_cny, supply)) => ratio_rounded(rule, value_cny, supply, pool_cny, "points granted"),
            None => ratio_rounded(rule, value_cny, Decimal::ONE, basis.price(), "points granted"),
        }
    }

    /// What `points` are worth: `money(points × price)` (on exact balances `points × P / S`).
    pub fn gross(&self, points: Decimal, basis: Basis) -> Result<Decimal> {
        let rule = self.rounding.money;
        match self.exact_balances(basis) {
            Some((pool_cny, supply)) => ratio_rounded(rule, points, pool_cny, supply, "value"),
            None => product_rounded(rule, points, basis.price(), "value"),
        }
    }

    /// The balances when the price is their exact quotient (no price rounding, points out).
    pub(crate) fn exact_balances(&self, basis: Basis) -> Option<(Decimal, Decimal)> {
        match basis {
            Basis::Balances { pool, supply, .. } if self.rounding.price.is_none() && !supply.is_zero() => {
                Some((pool, supply))
            }
            _ => None,
        }
    }

    /// The rate a cash-out of `kind` pays: `payoutRate` in cash, `redeemRate` in goods.
    pub fn rate(&self, kind: CashOutKind) -> Decimal {
        match kind {
            CashOutKind::Withdraw => self.config.payout_rate,
            CashOutKind::Redeem => self.config.redeem_rate,
        }
    }

    /// `money(gross × rate)`: what a cash-out pays before the cap and the pool's share.
    pub fn uncapped_payout(&self, gross_cny: Decimal, rate: Decimal) -> Result<Decimal> {
        product_rounded(self.rounding.money, gross_cny, rate, "cash-out")
    }

    /// What `points` own of the pool, `money↓(P × points / S)`: the most a cash-out of them
    /// can pay (model.md §3). Only a pool's balances show it.
    pub fn share(&self, points: Decimal, basis: Basis) -> Result<Option<Decimal>> {
        let Basis::Balances { pool, supply, .. } = basis else { return Ok(None) };
        if supply.is_zero() {
            return Ok(Some(Decimal::ZERO));
        }
        ratio_rounded(Some(self.money_down()), pool, points, supply, "share").map(Some)
    }

    /// The exit cap (两倍出局): `money↓(exitMultiple × spent)` (a cap is money: what an exit
    /// pays); `None` without a cap.
    pub fn cap(&self, spent_cny: Decimal) -> Result<Option<Decimal>> {
        let scale = self.config.money_scale();
        self.config
            .exit_multiple
            .map(|multiple| Ok(toward_zero(product(multiple, spent_cny)?, scale)))
            .transpose()
    }

    /// What a member may still receive: the cap less what was received, never below zero;
    /// `None` without a cap.
    pub fn cap_left(&self, spent_cny: Decimal, received_cny: Decimal) -> Result<Option<Decimal>> {
        self.cap(spent_cny)?.map(|cap| Ok(difference(cap, received_cny)?.max(Decimal::ZERO))).transpose()
    }

    /// A payout under the cap: what is paid and whether it reaches the cap (then the member
    /// exits and every point is burned; the exit pays what is left of the cap, cut to the money
    /// scale). `cap_left` is `None` without a cap or when spending is unknown.
    pub fn apply_cap(&self, payout_cny: Decimal, cap_left: Option<Decimal>) -> (Decimal, bool) {
        match cap_left {
            Some(left) if left <= payout_cny => (toward_zero(left, self.config.money_scale()), true),
            _ => (payout_cny, false),
        }
    }

    /// The money rule toward zero: shares and caps are never rounded up.
    fn money_down(&self) -> RoundingRule {
        RoundingRule { scale: self.config.money_scale(), mode: RoundingMode::Down }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rounding;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_cap_is_the_multiple_of_spending_less_what_was_received() {
        let two = Config::default();
        let none = Config { exit_multiple: None, ..Config::default() };
        assert_eq!(Rules::new(&two).cap_left(d("100"), d("30")).unwrap(), Some(d("170")));
        assert_eq!(Rules::new(&two).cap_left(d("100"), d("250")).unwrap(), Some(d("0")));
        assert_eq!(Rules::new(&none).cap_left(d("100"), d("30")).unwrap(), None);
        // A cap is money: 1.5 × 33.33 = 49.995 is a cap of 49.99 where money has 2 decimals.
        let rule = RoundingRule { scale: 2, mode: RoundingMode::HalfUp };
        let cents = Config {
            exit_multiple: Some(d("1.5")),
            rounding: Some(Rounding { money: Some(rule), points: None, price: None }),
            ..Config::default()
        };
        assert_eq!(Rules::new(&cents).cap_left(d("33.33"), d("49.99")).unwrap(), Some(d("0")));
        let rules = Rules::new(&two);
        assert_eq!(rules.apply_cap(d("50"), Some(d("170"))), (d("50"), false));
        assert_eq!(rules.apply_cap(d("170"), Some(d("170"))), (d("170"), true), "reaching it is an exit");
        assert_eq!(rules.apply_cap(d("500"), None), (d("500"), false));
        assert_eq!(approximate::apply_cap(300.0, Some(170.0)), 170.0);
    }

    #[test]
    fn exact_balances_mint_by_the_quotient_a_published_price_by_division() {
        let config = Config::default();
        let rules = Rules::new(&config);
        let balances = rules.balances(d("30"), d("21")).unwrap();
        assert_eq!(rules.points_for(d("21"), balances).unwrap(), d("14.7"));
        // The 28-digit price 1.4285714285714285714285714286 is a hair above 30/21.
        let published = Basis::Published { price: balances.price() };
        assert_eq!(rules.points_for(d("21"), published).unwrap(), d("14.6999999999999"));
        assert_eq!(rules.share(d("21"), balances).unwrap(), Some(d("30")));
        assert_eq!(rules.share(d("21"), published).unwrap(), None, "a price alone shows no share");
    }
}
