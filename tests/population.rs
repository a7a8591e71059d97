#![cfg(not(target_arch = "wasm32"))]
//! docs/model.md §7, "where the gain comes from": the seeded population summed exactly.

mod common;
use common::config;

use points_pool::forecast::simulate_population;
use points_pool::wire::population_options_from_value;
use rust_decimal::Decimal;
use serde_json::json;

fn run(config_value: serde_json::Value, options: serde_json::Value) -> points_pool::forecast::Population {
    let options = population_options_from_value(options).unwrap();
    simulate_population(config(config_value).unwrap(), &options, |_| {}).unwrap()
}

#[test]
fn every_flow_is_conserved_exactly() {
    let options = json!({"orders": 20000, "repeatShare": "0.2", "chance": "0.2", "seed": 1});
    let mut days = Vec::new();
    let population = {
        let options = population_options_from_value(options.clone()).unwrap();
        simulate_population(config(json!({"exitMultiple": "1"})).unwrap(), &options, |day| days.push(day))
            .unwrap()
    };
    assert_eq!(days, (1..=100).collect::<Vec<_>>(), "progress after every day");
    let flows = &population.flows;
    let state = population.pool.state();
    assert_eq!(flows.contributed, state.totals.contributed);
    assert_eq!(flows.paid, state.totals.paid_out);
    assert_eq!(flows.contributed, state.pool + flows.paid, "money in = money held + money paid");
    assert_eq!(flows.surplus, flows.contributed - flows.granted);
    assert_eq!(flows.gain, flows.surplus + flows.cuts + flows.forfeits);
    assert!(flows.cuts > Decimal::ZERO && flows.forfeits > Decimal::ZERO, "{flows:?}");
    let shares = flows.gain_shares().unwrap();
    let total: Decimal = shares.iter().sum();
    assert!((total - Decimal::ONE).abs() < Decimal::new(1, 26), "the shares add up to the gain: {total}");
    assert!(population.exits > 0 && population.cash_outs >= population.exits);
    assert!(
        Decimal::ZERO < population.top1
            && population.top1 <= population.top10
            && population.top10 <= Decimal::ONE
    );
    population.pool.check_invariants().unwrap();
}

#[test]
fn the_same_seed_gives_the_same_population() {
    let options = json!({"orders": 500, "repeatShare": "0.5", "chance": "0.5", "seed": 3});
    let (a, b) = (run(json!({}), options.clone()), run(json!({}), options));
    assert_eq!((a.flows, a.cash_outs, a.joined), (b.flows.clone(), b.cash_outs, b.joined));
    let other = run(json!({}), json!({"orders": 500, "repeatShare": "0.5", "chance": "0.5", "seed": 4}));
    assert_ne!(other.flows, b.flows);
}

#[test]
fn bad_options_name_their_field() {
    for (options, field) in [
        (json!({"orders": 0, "repeatShare": "0.4", "chance": "0.3", "seed": 1}), "population.orders"),
        (json!({"orders": 10, "repeatShare": "1", "chance": "0.3", "seed": 1}), "population.repeatShare"),
        (json!({"orders": 10, "repeatShare": "0.4", "chance": "1.5", "seed": 1}), "population.chance"),
        (json!({"orders": 10, "repeatShare": "0.4", "chance": 0.3, "seed": 1}), "chance"),
    ] {
        let error = population_options_from_value(options.clone()).unwrap_err();
        assert_eq!((error.code(), error.field()), ("invalid_scenario", Some(field)), "{options}");
    }
}
