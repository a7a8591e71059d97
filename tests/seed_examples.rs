#![cfg(not(target_arch = "wasm32"))]
//! docs/model.md §6: the seed document's worked examples, to the digit.

mod common;
use common::{d, pool_with};

use points_pool::model::rounding::toward_zero;
use points_pool::Pool;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::json;

fn four_places(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn exact_mode_first_four_buyers_and_the_hundredth() {
    let mut pool = Pool::default();
    let table = [
        ("A", "21", "21", "1.4286"),
        ("B", "14.7", "35.7", "1.6807"),
        ("C", "12.495", "48.195", "1.8674"),
        ("D", "11.2455", "59.4405", "2.0188"),
    ];
    for (member, granted, supply, price) in table {
        let receipt = pool.purchase(member, d("100")).unwrap();
        assert_eq!(receipt.points_granted, d(granted), "{member} points granted");
        assert_eq!(receipt.supply, d(supply), "supply after {member}");
        assert_eq!(four_places(receipt.price_after), d(price), "price after {member}");
    }
    for n in 5..=100 {
        pool.purchase(&format!("m{n}"), d("100")).unwrap();
    }
    assert_eq!(four_places(pool.price()), d("5.1731"), "price after the 100th purchase");
    let a = pool.member("A").unwrap();
    assert_eq!(a.value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero), d("108.63"));
    // The seed's 108.6351 multiplies by the already rounded price.
    assert_eq!(d("21") * four_places(pool.price()), d("108.6351"));
    pool.check_invariants().unwrap();
}

#[test]
fn rounded_first_example_a_b_c() {
    let mut pool = pool_with(json!({
        "rounding": {"price": {"scale": 2, "mode": "down"}, "points": {"scale": 2, "mode": "down"}}
    }));
    let a = pool.purchase("A", d("100")).unwrap();
    assert_eq!((a.points_granted, a.price_after), (d("21.00"), d("1.42")));
    let b = pool.purchase("B", d("100")).unwrap();
    assert_eq!((b.points_granted, b.price_after), (d("14.78"), d("1.67")));
    let c = pool.purchase("C", d("300")).unwrap();
    assert_eq!((c.points_granted, c.supply, c.price_after), (d("37.72"), d("73.50"), d("2.04")));
    assert_eq!(toward_zero(c.price_after, 2), d("2.04"));
    pool.check_invariants().unwrap();
}
