//! Native side of bench/primitives.mjs: prints the best of 5 runs, in seconds.
use std::time::Instant;

fn main() {
    let count: u32 = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        std::hint::black_box(points_pool_primitives::purchases(std::hint::black_box(count)));
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!("{best}");
}
