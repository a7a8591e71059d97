//! 提现 and 兑换商品 (docs/model.md §3): what cashing out or redeeming points pays under the
//! rate, the exit cap and the burned points' share of the pool, and what it leaves behind.

use rust_decimal::Decimal;

use super::{Basis, Rules};
use crate::decimal::difference;
use crate::error::Result;

/// Who cashes out: what they hold, spent and received. Without `spent` (a holding valued
/// against a public snapshot, another member in a projection) no cap applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holder {
    pub points: Decimal,
    pub spent: Option<Decimal>,
    pub received: Decimal,
}

impl Holder {
    /// Someone whose spending is unknown: their cash-outs are not capped.
    pub fn uncapped(points: Decimal) -> Holder {
        Holder { points, spent: None, received: Decimal::ZERO }
    }
}

/// What a cash-out or redemption pays and leaves behind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CashOut {
    /// The points' value at the price: `money(points × price)`.
    pub gross: Decimal,
    /// `money(gross × rate)`: what the rate alone would pay.
    pub uncapped: Decimal,
    /// What is paid: the rate's payout, under the cap and (on balances) the burned points' share.
    pub payout: Decimal,
    /// Whether the payout reaches the cap: the member exits, every point is burned.
    pub exited: bool,
    /// The points taken: those cashed out, or at an exit every point held.
    pub burned: Decimal,
    /// The burned points' value that stays in the pool: `cut + forfeited`.
    pub retained: Decimal,
    /// What the rate keeps (and, below the cap, whatever the share did not cover).
    pub cut: Decimal,
    /// What the cap takes at an exit: the value above it and every other point held.
    pub forfeited: Decimal,
}

impl Rules<'_> {
    /// Cashing out `points` of `holder`'s at `rate` on `basis` (model.md §3): the rate's
    /// payout; at the cap, what is left of it, and every point burned; never more than the
    /// burned points' share of the pool, which only a pool's balances show (a price alone
    /// leaves the payout unlimited by it; `verdict.rs` says what a line can prove).
    pub fn cash_out(&self, rate: Decimal, points: Decimal, holder: &Holder, basis: Basis) -> Result<CashOut> {
        let gross = self.gross(points, basis)?;
        let uncapped = self.uncapped_payout(gross, rate)?;
        let cap_left = match holder.spent {
            Some(spent) => self.cap_left(spent, holder.received)?,
            None => None,
        };
        let (capped, exited) = self.apply_cap(uncapped, cap_left);
        let burned = if exited { holder.points } else { points };
        // A rounded-up price (or a money rule rounding up) could pay more than the burned points'
        // share and leave the last points with nothing behind them: the share is the most paid.
        let payout = match self.share(burned, basis)? {
            Some(share) => capped.min(share),
            None => capped,
        };
        let burned_value = if burned == points { gross } else { self.gross(burned, basis)? };
        let retained = difference(burned_value, payout)?.max(Decimal::ZERO);
        // Below the cap everything that stays is the cut (the rate's, plus any excess the share did
        // not cover); at an exit the rate's cut and the cap's forfeit.
        let cut =
            if exited { difference(gross, uncapped)?.max(Decimal::ZERO).min(retained) } else { retained };
        let forfeited = difference(retained, cut)?;
        Ok(CashOut { gross, uncapped, payout, exited, burned, retained, cut, forfeited })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Config, Rounding, RoundingMode, RoundingRule};

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_cut_stays_and_the_cap_takes_every_point() {
        let config = Config::default();
        let rules = Rules::new(&config);
        let basis = rules.balances(d("30"), d("21")).unwrap();
        let holder = Holder { points: d("21"), spent: Some(d("100")), received: Decimal::ZERO };
        let below = rules.cash_out(d("0.8"), d("10"), &holder, basis).unwrap();
        assert_eq!(
            (below.payout, below.burned, below.cut, below.exited),
            (d("11.4285714285713"), d("10"), d("2.8571428571429"), false)
        );
        let near = Holder { received: d("195"), ..holder };
        let exit = rules.cash_out(d("0.8"), d("10"), &near, basis).unwrap();
        assert_eq!((exit.payout, exit.burned, exit.exited), (d("5"), d("21"), true));
        assert_eq!(exit.cut + exit.forfeited, exit.retained);
    }

    #[test]
    fn a_payout_never_passes_the_burned_points_share() {
        // The pool: price half up at 2 decimals, money down at 2, goods at the full rate.
        let half_up = RoundingRule { scale: 2, mode: RoundingMode::HalfUp };
        let down = RoundingRule { scale: 2, mode: RoundingMode::Down };
        let config = Config {
            rounding: Some(Rounding { money: Some(down), points: Some(down), price: Some(half_up) }),
            ..Config::default()
        };
        let rules = Rules::new(&config);
        // P / S = 1.7652…: the price rounds up to 1.77, and 1.16 points' share is 2.04.
        let basis = rules.balances(d("30"), d("16.995")).unwrap();
        let redeemed = rules.cash_out(d("1"), d("1.16"), &Holder::uncapped(d("1.16")), basis).unwrap();
        assert_eq!((basis.price(), redeemed.uncapped, redeemed.payout), (d("1.77"), d("2.05"), d("2.04")));
        let published = Basis::Published { price: basis.price() };
        let unlimited = rules.cash_out(d("1"), d("1.16"), &Holder::uncapped(d("1.16")), published).unwrap();
        assert_eq!(unlimited.payout, d("2.05"), "a price alone does not show the share");
    }
}
