//! The exit cap (两倍出局, docs/model.md §3): a member may receive, in cash and goods
//! together, at most `exitMultiple × spent`. This is the one place the rule is written;
//! cash-outs, member views and projections all ask it.

use rust_decimal::Decimal;

use crate::decimal::{difference, product};
use crate::error::Result;
use crate::model::config::Config;
use crate::model::rounding::toward_zero;

/// `exitMultiple × spent`, cut to the money scale (a cap is money: what an exit pays); `None`
/// without a cap.
pub fn cap(config: &Config, spent: Decimal) -> Result<Option<Decimal>> {
    let scale = config.money_scale();
    config.exit_multiple.map(|multiple| Ok(toward_zero(product(multiple, spent)?, scale))).transpose()
}

/// What a member may still receive: the cap less what was received, never below zero;
/// `None` without a cap.
pub fn cap_left(config: &Config, spent: Decimal, received: Decimal) -> Result<Option<Decimal>> {
    cap(config, spent)?.map(|cap| Ok(difference(cap, received)?.max(Decimal::ZERO))).transpose()
}

/// A payout under the cap: what is paid and whether it reaches the cap (the member exits,
/// every point is taken; the exit pays what is left of the cap, cut to the money scale).
/// `cap_left` is `None` without a cap.
pub fn apply(config: &Config, payout: Decimal, cap_left: Option<Decimal>) -> (Decimal, bool) {
    match cap_left {
        Some(left) if left <= payout => (toward_zero(left, config.money_scale()), true),
        _ => (payout, false),
    }
}

/// The same in floating point, for projections: the part of `cash_out` the cap would pay.
pub fn apply_approximate(cash_out: f64, cap_left: Option<f64>) -> f64 {
    cap_left.map_or(cash_out, |left| cash_out.min(left))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_the_multiple_of_spending_less_what_was_received() {
        let d = |text: &str| text.parse::<Decimal>().unwrap();
        let two = Config::default();
        let none = Config { exit_multiple: None, ..Config::default() };
        assert_eq!(cap_left(&two, d("100"), d("30")).unwrap(), Some(d("170")));
        assert_eq!(cap_left(&two, d("100"), d("250")).unwrap(), Some(d("0")));
        assert_eq!(cap_left(&none, d("100"), d("30")).unwrap(), None);
        // A cap is money: 1.5 × 33.33 = 49.995 is a cap of 49.99 where money has 2 decimals.
        let rule = crate::model::RoundingRule { scale: 2, mode: crate::model::RoundingMode::HalfUp };
        let cents = Config {
            exit_multiple: Some(d("1.5")),
            rounding: Some(crate::model::Rounding { money: Some(rule), points: None, price: None }),
            ..Config::default()
        };
        assert_eq!(
            cap_left(&cents, d("33.33"), d("49.99")).unwrap(),
            Some(d("0")),
            "nothing left after the exit"
        );
        assert_eq!(apply(&two, d("50"), Some(d("170"))), (d("50"), false));
        assert_eq!(
            apply(&two, d("170"), Some(d("170"))),
            (d("170"), true),
            "reaching the cap exactly is an exit"
        );
        assert_eq!(apply(&two, d("500"), None), (d("500"), false));
        assert_eq!(apply_approximate(300.0, Some(170.0)), 170.0);
    }
}
