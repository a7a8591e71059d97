//! Runs a projection or a Monte Carlo natively and prints its JSON, so a test can set the
//! native numbers beside the WebAssembly ones (docs/model.md §7: the same seed, the same
//! numbers). The JSON is the door's own (`wire`), so both sides print the same shape.
//! `cargo run --example scenario -- project|monte-carlo SNAPSHOT.json SCENARIO.json [OPTIONS.json]`

use points_pool::forecast::{monte_carlo, project};
use points_pool::wire::{self, MonteCarloDoc, ProjectionDoc};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(json) => println!("{json}"),
        Err(message) => {
            eprintln!("{message}");
            eprintln!("usage: scenario project|monte-carlo SNAPSHOT.json SCENARIO.json [OPTIONS.json]");
            std::process::exit(2);
        }
    }
}

fn run(args: &[String]) -> Result<String, String> {
    let read = |index: usize| -> Result<serde_json::Value, String> {
        let path = args.get(index).ok_or("missing argument")?;
        let text = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
        serde_json::from_str(&text).map_err(|error| format!("{path}: {error}"))
    };
    let failed = |error: points_pool::PoolError| format!("{}: {error}", error.code());
    let pool = wire::pool_from_state_or_snapshot(read(1)?).map_err(failed)?;
    let scenario = wire::scenario_from_value(read(2)?).map_err(failed)?;
    match args.first().map(String::as_str) {
        Some("project") => {
            Ok(wire::to_text(&ProjectionDoc::from(&project(&pool, &scenario).map_err(failed)?)))
        }
        Some("monte-carlo") => {
            let options = wire::options_from_value(read(3)?, scenario.days).map_err(failed)?;
            let result = monte_carlo(&pool, &scenario, &options).map_err(failed)?;
            Ok(wire::to_text(&MonteCarloDoc::from(&result)))
        }
        _ => Err("the first argument is project or monte-carlo".to_owned()),
    }
}
