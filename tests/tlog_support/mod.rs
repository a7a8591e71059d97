//! Helpers shared by the log's native tests: logs kept in memory, ledgers made to order,
//! a log built by hand (to stand for a platform that rewrites its own history), and feeding
//! a log to the member's check and to full verification.
#![allow(dead_code)]

use std::collections::BTreeMap;

use points_pool::tlog::audit::AuditReport;
use points_pool::tlog::builder::TileBuilder;
use points_pool::tlog::bundle;
use points_pool::tlog::checkpoint::Checkpoint;
use points_pool::tlog::hash::leaf_hash;
use points_pool::tlog::publish::{publish, LogFiles, Publish, PublishError, Published};
use points_pool::tlog::sign::{sign_note, NoteSigner};
use points_pool::tlog::tile::{TileId, TileKind, TILE_WIDTH};
use points_pool::tlog::{LogAudit, LogCheck, Verified};
use points_pool::{Config, Pool, PoolError};
use rust_decimal::Decimal;

pub const ORIGIN: &str = "pool.example/log";

/// A log's files in memory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MemoryLog(pub BTreeMap<String, Vec<u8>>);

impl LogFiles for MemoryLog {
    fn read(&self, path: &str) -> std::io::Result<Option<Vec<u8>>> {
        Ok(self.0.get(path).cloned())
    }

    fn create(&mut self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        assert!(!self.0.contains_key(path), "{path} written twice");
        self.0.insert(path.to_owned(), bytes.to_vec());
        Ok(())
    }

    fn replace_checkpoint(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.0.insert("checkpoint".to_owned(), bytes.to_vec());
        Ok(())
    }
}

impl MemoryLog {
    pub fn checkpoint(&self) -> String {
        String::from_utf8(self.0["checkpoint"].clone()).unwrap()
    }

    pub fn file(&self, path: &str) -> Vec<u8> {
        self.0.get(path).cloned().unwrap_or_else(|| panic!("no {path}"))
    }
}

/// The log's signer: a fixed seed, so logs are the same on every run.
pub fn signer() -> NoteSigner {
    NoteSigner::from_seed(ORIGIN, [7; 32]).unwrap()
}

pub fn other_signer() -> NoteSigner {
    NoteSigner::from_seed(ORIGIN, [9; 32]).unwrap()
}

pub const PLATFORM_SECRET: [u8; 32] = [42; 32];

/// A ledger of `rows` rows: purchases by 12 members, and cash-outs and redemptions of points
/// they hold, some reaching the cap (exits). The same every time.
pub fn ledger(rows: usize, seed: u64) -> String {
    let mut pool = Pool::default();
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move |bound: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % bound
    };
    let mut text = String::from("seq,type,member,value\n");
    let mut seq = 0;
    while seq < rows {
        let member = format!("m{}", next(12));
        let held = pool.member(&member).map(|view| view.points).unwrap_or_default();
        let roll = next(10);
        let row = if roll < 6 || held < Decimal::ONE {
            let amount = Decimal::from(10 + next(490));
            pool.purchase(&member, amount).unwrap();
            format!("purchase,{member},{amount}")
        } else {
            let points =
                (held * Decimal::new(next(90) as i64 + 10, 2)).trunc_with_scale(2).max(Decimal::new(1, 2));
            let kind = if roll < 9 { "withdraw" } else { "redeem" };
            if kind == "withdraw" {
                pool.withdraw(&member, points).unwrap()
            } else {
                pool.redeem(&member, points).unwrap()
            };
            format!("{kind},{member},{points}")
        };
        seq += 1;
        text.push_str(&format!("{},{row}\n", seq * 10));
    }
    text
}

/// Publishes `ledger` into `log` with the test signer.
pub fn publish_into(log: &mut MemoryLog, ledger: &str) -> Result<Published, PublishError> {
    publish_with(log, ledger, Config::default())
}

/// Publishes `ledger` under `config`.
pub fn publish_with(log: &mut MemoryLog, ledger: &str, config: Config) -> Result<Published, PublishError> {
    let signer = signer();
    let request =
        Publish { signer: &signer, rotate_to: None, platform_secret: PLATFORM_SECRET, config: Some(config) };
    publish(log, ledger.as_bytes(), &request, &mut |_| {})
}

pub fn published(ledger: &str) -> MemoryLog {
    let mut log = MemoryLog::default();
    publish_into(&mut log, ledger).expect("the test ledger publishes");
    log
}

/// Every entry of a log, in order.
pub fn entries(log: &MemoryLog) -> Vec<Vec<u8>> {
    let size = Checkpoint::read(&log.checkpoint()).unwrap().size;
    let mut all = Vec::new();
    for index in 0..size.div_ceil(TILE_WIDTH) {
        let tile = TileId::in_tree(TileKind::Entries, index, size).unwrap();
        all.extend(bundle::split(&tile, &log.file(&tile.path())).unwrap());
    }
    all
}

/// A log made of exactly these entries, signed by `signer`: what a platform that rewrites its
/// history would serve.
pub fn log_of(entries: &[Vec<u8>], signer: &NoteSigner) -> MemoryLog {
    let mut log = MemoryLog::default();
    let mut builder = TileBuilder::default();
    let size = entries.len() as u64;
    for (index, chunk) in entries.chunks(TILE_WIDTH as usize).enumerate() {
        let mut bytes = Vec::new();
        for entry in chunk {
            bundle::push(&mut bytes, entry);
            builder.push(leaf_hash(entry));
        }
        let tile = TileId::in_tree(TileKind::Entries, index as u64, size).unwrap();
        log.0.insert(tile.path(), bytes);
        for (tile, bytes) in builder.take_finished() {
            log.0.insert(tile.path(), bytes);
        }
    }
    for (tile, bytes) in builder.partial_tiles() {
        log.0.insert(tile.path(), bytes);
    }
    let body = Checkpoint::body(signer.name(), size, &builder.root());
    log.0.insert("checkpoint".to_owned(), sign_note(&body, &[signer]).into_bytes());
    log
}

/// The member's check of `log`, fetching what it asks for from `log`.
pub fn check(log: &MemoryLog, previous: Option<&str>) -> Result<Verified, PoolError> {
    check_with(log, &signer().verifier_text(), None, previous)
}

pub fn check_with(
    log: &MemoryLog,
    key: &str,
    origin: Option<&str>,
    previous: Option<&str>,
) -> Result<Verified, PoolError> {
    let mut check = LogCheck::new(key, origin)?;
    let plan = check.checkpoint(&log.checkpoint(), previous)?;
    for path in &plan.paths {
        if let Some(bytes) = log.0.get(path) {
            check.tile(path, bytes)?;
        }
    }
    check.result()
}

/// Full verification of `log`, file by file.
pub fn audit(log: &MemoryLog) -> Result<AuditReport, PoolError> {
    let mut audit = LogAudit::new(&signer().verifier_text(), None)?;
    audit.checkpoint(&log.checkpoint())?;
    while let Some(path) = audit.next_path() {
        let Some(bytes) = log.0.get(&path) else { break };
        audit.feed(&path, bytes)?;
    }
    audit.finish()
}

/// The code of a refusal.
pub fn code<T: std::fmt::Debug>(result: Result<T, PoolError>) -> &'static str {
    result.expect_err("should be refused").code()
}

/// The code of a refused publish.
pub fn publish_code(result: Result<Published, PublishError>) -> &'static str {
    match result {
        Err(PublishError::Refused(error)) => error.code(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}
