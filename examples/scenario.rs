//! Runs a projection or a Monte Carlo natively and prints its JSON, so a test can set the
//! native numbers beside the WebAssembly ones (SPEC §7: the same seed, the same numbers).
//! `cargo run --example scenario -- project|monte-carlo SNAPSHOT.json SCENARIO.json [OPTIONS.json]`

use points_pool::json::ToJson;
use points_pool::monte_carlo::{monte_carlo, MonteCarloOptions};
use points_pool::projection::{project_closed_form, Scenario};
use points_pool::{Json, Pool};

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
    let read = |index: usize| -> Result<Json, String> {
        let path = args.get(index).ok_or("missing argument")?;
        let text = std::fs::read_to_string(path).map_err(|error| format!("{path}: {error}"))?;
        Json::parse(&text).map_err(|error| format!("{path}: {error}"))
    };
    let pool = Pool::from_snapshot(&read(1)?).map_err(|error| error.to_string())?;
    let scenario = Scenario::from_json(&read(2)?).map_err(|error| error.to_string())?;
    match args.first().map(String::as_str) {
        Some("project") => {
            Ok(project_closed_form(&pool, &scenario).map_err(|error| error.to_string())?.to_json())
        }
        Some("monte-carlo") => {
            let options =
                MonteCarloOptions::from_json(&read(3)?, scenario.days).map_err(|e| e.to_string())?;
            Ok(monte_carlo(&pool, &scenario, &options).map_err(|error| error.to_string())?.to_json())
        }
        _ => Err("the first argument is project or monte-carlo".to_owned()),
    }
}
