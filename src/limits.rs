//! Every limit of the engine, in one place (docs/model.md §8). A limit keeps every sum
//! exact (a 96-bit decimal holds 10^15 at 13 decimals), keeps counts exact in JavaScript
//! (2^53), or keeps one call's work and memory bounded.

use rust_decimal::Decimal;

/// The largest purchase amount, in CNY: 10^12.
pub const MAX_AMOUNT_CNY: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);
/// `MAX_AMOUNT_CNY` as a power of ten.
pub const MAX_AMOUNT_EXPONENT: u32 = 12;
/// The largest pool, supply, member balance or running total: 10^15.
pub const MAX_QUANTITY: Decimal = Decimal::from_parts(0xA4C6_8000, 0x38D7E, 0, false, 0);
/// `MAX_QUANTITY` as a power of ten.
pub const MAX_QUANTITY_EXPONENT: u32 = 15;
/// Decimals kept for every money amount and point count in exact mode (no rounding entry).
/// 10^15 at 13 decimals is a 28-digit mantissa, so every sum below the limits is exact.
pub const EXACT_SCALE: u32 = 13;
/// Decimals allowed in an amount when money rounding is not set.
pub const DEFAULT_AMOUNT_DECIMALS: u32 = 10;
/// The most decimals a rounding entry may keep.
pub const MAX_ROUNDING_SCALE: u32 = 12;
/// The highest `initialPrice`, CNY per point: 10^6.
pub const MAX_INITIAL_PRICE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// The lowest `initialPrice`: 10^-6. A pool's ratio never falls below its initial price, so at
/// the smallest amount a purchase mints at most 10^-4 points, far from the supply limit.
pub const MIN_INITIAL_PRICE: Decimal = Decimal::from_parts(1, 0, 0, false, 6);
/// The lowest and highest `exitMultiple` (两倍出局 is 2).
pub const MIN_EXIT_MULTIPLE: Decimal = Decimal::ONE;
pub const MAX_EXIT_MULTIPLE: Decimal = Decimal::ONE_HUNDRED;
/// The longest decimal string accepted.
pub const MAX_DECIMAL_CHARS: usize = 40;
/// The longest member id, in characters.
pub const MAX_MEMBER_ID_CHARS: usize = 64;
/// The most members one pool holds: a member costs some 300 bytes in wasm (an audit of
/// 6,000,000 distinct ids took 1.9 GB), and a pool is copied at times (`audit()`, `pool()`), so
/// this keeps a pool far below wasm32's 4 GB. It admits a 1,000,000-member snapshot.
pub const MAX_MEMBERS: usize = 1_000_000;
/// The most orders a pool counts: 2^53 − 1 (`Number.MAX_SAFE_INTEGER`), the largest count a
/// JavaScript number holds exactly, so that `state()` can always write it.
pub const MAX_ORDERS: u64 = (1 << 53) - 1;
/// The largest Monte Carlo or population seed, for the same reason (a result reports it).
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// The largest log a full verification (`LogAudit`, verify.html, `points-pool verify`) reads:
/// it plans every file first (about 2 per 256 entries: some 800,000 here, 20 MB), and a page
/// lists them. A checkpoint claiming more is refused before anything is planned, signed or not:
/// a size of 2^63 once made the plan itself exhaust the module. (A checkpoint of any size up to
/// `MAX_ORDERS`, so that it can be written exactly, is read; the member's check needs 6 tiles.)
pub const MAX_AUDITED_LOG_ENTRIES: u64 = 100_000_000;
/// The longest projection, in days.
pub const MAX_DAYS: u32 = 3650;
/// The most orders one projected day may have, after growth.
pub const MAX_ORDERS_PER_DAY: f64 = 1e7;
/// The most mints a projection of a rounded pool works out (each run of orders that mint the
/// same points costs a few): bounds its time at a few seconds in the browser.
pub const MAX_PROJECTION_STEPS: u64 = 2_000_000;
/// The largest coefficient of variation a Monte Carlo run draws with.
pub const MAX_CV: f64 = 5.0;
/// The most values a parameter sweep tries.
pub const MAX_SWEEP_STEPS: u32 = 50;
/// The most purchases a population simulation makes, and the days it runs when not told.
pub const MAX_POPULATION_ORDERS: u32 = 200_000;
pub const DEFAULT_POPULATION_DAYS: u32 = 100;
/// The most Monte Carlo runs one call may make.
pub const MAX_RUNS: u32 = 10_000;
/// The most run-days (runs × days) one Monte Carlo call may simulate.
pub const MAX_RUN_DAYS: u64 = 2_000_000;
/// The longest ledger line, in bytes: a real row is under 200.
pub const MAX_LEDGER_LINE_BYTES: usize = 64 * 1024;
/// The most lines one history check (核对) reads.
pub const MAX_CHECK_LINES: usize = 100_000;
/// The most text one history check reads, in bytes (100,000 lines of 160 bytes): its time stays
/// well under a second whatever the text.
pub const MAX_CHECK_BYTES: usize = 16 * 1024 * 1024;
/// The most bytes one `replay` or one `LedgerAudit.feed` call takes (a file is fed in pieces):
/// at the shortest rows, some 4,000,000 of them, a few seconds in the browser.
pub const MAX_PIECE_BYTES: usize = 64 * 1024 * 1024;
/// Mismatches an audit lists one by one (it counts all of them).
pub const MAX_LISTED_MISMATCHES: usize = 10_000;
/// The longest JSON text a config, scenario or options object may make (`JSON.stringify`), in
/// UTF-16 units: a real one is under 1 KB.
pub const MAX_ARGUMENT_BYTES: usize = 64 * 1024;
/// The longest snapshot or state, as text or as the JSON text of an object, in UTF-16 units:
/// 1,000,000 members with the longest ids fit.
pub const MAX_SNAPSHOT_BYTES: usize = 256 * 1024 * 1024;
/// The deepest nesting of arrays and objects any JSON input may have (serde_json's reader
/// refuses past it, long before Rust's stack could overflow); a real input nests 4 deep.
pub const MAX_NESTING: usize = 128;
/// The most characters of any input an error message quotes.
pub const MAX_QUOTED_CHARS: usize = 64;
