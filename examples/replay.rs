//! Replays a ledger file natively and prints rows per second, for `bench/budgets.mjs`
//! to set beside the WebAssembly and decimal.js numbers.
//! `cargo run --profile bench --example replay -- LEDGER.csv [REPEATS]`

use std::time::Instant;

use points_pool::{ledger, Pool};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: replay LEDGER.csv [REPEATS]");
        std::process::exit(2);
    };
    let repeats: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    };
    let mut best = f64::INFINITY;
    let mut rows = 0;
    for _ in 0..repeats {
        let mut pool = Pool::default();
        let start = Instant::now();
        match ledger::replay(&mut pool, &text) {
            Ok(report) => rows = report.receipts,
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("{{\"rows\":{rows},\"seconds\":{best}}}");
}
