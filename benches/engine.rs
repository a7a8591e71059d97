//! `make bench` (native part): purchases/s with 10,000 distinct members, cash-outs/s,
//! ledger rows/s, and the memory one member costs. Budgets (issue 2): ≥ 1.5 M
//! purchases/s, ≥ 1 M ledger rows/s, < 200 bytes per member. They are reported, not
//! asserted: a timed assertion would fail on a busy machine for no fault of the code.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};

use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use points_pool::decimal::parse_amount;
use points_pool::{ledger, Pool};
use rust_decimal::Decimal;

/// Counts live heap bytes, to measure what a member costs.
struct CountingAllocator;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

const MEMBERS: usize = 10_000;
const LEDGER_ROWS: usize = 200_000;

fn member_ids(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("member-{i:06}")).collect()
}

fn pool_with_members(ids: &[String]) -> Pool {
    let mut pool = Pool::default();
    for (i, id) in ids.iter().enumerate() {
        pool.purchase(id, Decimal::from(50 + i % 200)).expect("setup purchase");
    }
    pool
}

/// A generated ledger: mostly purchases, every fifth row a small cash-out, each with
/// the price a platform would publish (4 decimals, truncated).
pub fn generated_ledger(rows: usize) -> String {
    let mut pool = Pool::default();
    let mut text = String::with_capacity(rows * 40);
    text.push_str("seq,type,member,value,priceAfter\n");
    for seq in 1..=rows {
        let member = format!("m{}", seq % 5_000);
        let (kind, value) = if seq % 5 == 0 && pool.member(&member).is_ok_and(|m| m.points > Decimal::ONE) {
            ("withdraw", "0.5".to_owned())
        } else {
            ("purchase", format!("{}.{:02}", 10 + seq % 490, seq % 100))
        };
        let price = match kind {
            "withdraw" => pool.withdraw(&member, Decimal::new(5, 1)).expect("ledger withdraw").price_after,
            _ => {
                pool.purchase(&member, parse_amount(&value).expect("amount"))
                    .expect("ledger purchase")
                    .price_after
            }
        };
        let published = price.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::ToZero);
        text.push_str(&format!("{seq},{kind},{member},{value},{published}\n"));
    }
    text
}

fn bytes_per_member() -> f64 {
    let ids = member_ids(100_000);
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    let pool = pool_with_members(&ids);
    let after = LIVE_BYTES.load(Ordering::Relaxed);
    drop(black_box(pool));
    (after - before) as f64 / ids.len() as f64
}

fn engine(c: &mut Criterion) {
    let ids = member_ids(MEMBERS);
    let populated = pool_with_members(&ids);
    let amounts: Vec<Decimal> = (0..MEMBERS).map(|i| Decimal::new(1_000 + (i as i64 % 9_000), 2)).collect();

    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Elements(MEMBERS as u64));
    group.bench_function("purchases (10,000 distinct members)", |b| {
        b.iter_batched_ref(
            || populated.clone(),
            |pool| {
                for (id, amount) in ids.iter().zip(&amounts) {
                    black_box(pool.purchase(id, *amount).expect("purchase"));
                }
            },
            BatchSize::LargeInput,
        )
    });
    let small = Decimal::new(1, 2);
    group.bench_function("withdrawals (10,000 distinct members)", |b| {
        b.iter_batched_ref(
            || populated.clone(),
            |pool| {
                for id in &ids {
                    black_box(pool.withdraw(id, small).expect("withdraw"));
                }
            },
            BatchSize::LargeInput,
        )
    });
    let ledger = generated_ledger(LEDGER_ROWS);
    group.throughput(Throughput::Elements(LEDGER_ROWS as u64));
    group.sample_size(10);
    group.bench_function("ledger replay (200,000 CSV rows with published prices)", |b| {
        b.iter_batched_ref(
            Pool::default,
            |pool| {
                let report = ledger::replay(pool, &ledger).expect("replay");
                assert_eq!(report.mismatches, 0);
                black_box(report)
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, engine);

fn main() {
    println!("memory: {:.0} bytes per member (100,000 members; budget < 200)", bytes_per_member());
    benches();
    Criterion::default().configure_from_args().final_summary();
}
