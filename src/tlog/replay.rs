//! Replaying a log's rows under the pool's rules (docs/verification.md). Row tags cannot be
//! linked, so the replay cannot know which rows are one member's: it holds every point in one
//! account, "*", under the pool's rules without the exit cap. A purchase, a cash-out and a
//! redemption below the cap are then recomputed exactly by the engine; an exit (a row that names
//! the points it burned: all the member held) is checked as far as the public can: it pays no
//! more than the points cashed out would, and burns no fewer than those and no more than circulate. Whether an exit's payment is
//! that member's cap is the member's own check.

use rust_decimal::Decimal;

use crate::decimal::to_plain_string;
use crate::error::ErrorCode;
use crate::error::{PoolError, Result};
use crate::ledger::rows::RowKind;
use crate::model::{CashOutKind, Config, Member, Pool, Snapshot};
use crate::tlog::code::refuse_entry;
use crate::tlog::entry::{state_bytes, RowEntry, StateEntry};
use crate::wire::{self, SnapshotDoc};

/// The one account every point is held in.
const EVERYONE: &str = "*";

/// A replay in progress.
#[derive(Clone, Debug)]
pub struct LogReplay {
    pool: Pool,
    /// The log's own parameters (the replay's pool runs them without the cap).
    config: Config,
    origin: String,
    key: String,
    last_seq: Option<u64>,
    rows: u64,
}

impl LogReplay {
    /// Starts from entry 0, which must be a state entry of an empty pool.
    pub fn start(entry: &StateEntry<'_>) -> Result<LogReplay> {
        let bad = |field: &str, why: String| refuse_entry(ErrorCode::LogBadEntry, 0, field, why);
        let public =
            wire::snapshot_from_text(entry.snapshot).map_err(|error| bad("snapshot", error.to_string()))?;
        let state = public.state();
        if !state.pool.is_zero() || !state.supply.is_zero() || state.orders != 0 || entry.last_seq.is_some() {
            return Err(bad("snapshot", "entry 0 is the empty pool".to_owned()));
        }
        let config = public.config().clone();
        Ok(LogReplay {
            pool: everyone_pool(&config, &Snapshot::public_of(&public))?,
            config,
            origin: entry.origin.to_owned(),
            key: entry.key.to_owned(),
            last_seq: None,
            rows: 0,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The key in force.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Rows replayed.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// A key entry named the next key.
    pub fn rotate(&mut self, next_key: &str) {
        self.key = next_key.to_owned();
    }

    /// The public snapshot of the pool now, under the log's parameters.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { config: self.config.clone(), ..Snapshot::public_of(&self.pool) }
    }

    /// The state entry this point of the log must carry.
    pub fn expected_state(&self) -> Vec<u8> {
        state_bytes(&self.origin, &self.key, self.last_seq, &snapshot_json(self.snapshot()))
    }

    /// Checks a state entry: byte for byte what the replay gives.
    pub fn check_state(&self, index: u64, bytes: &[u8]) -> Result<()> {
        if bytes == self.expected_state().as_slice() {
            return Ok(());
        }
        let why = "the state entry is not the pool the rows before it give".to_owned();
        Err(refuse_entry(ErrorCode::LogReplayMismatch, index, "state", why))
    }

    /// Applies row entry `index`, checking every figure it publishes.
    pub fn apply(&mut self, index: u64, row: &RowEntry<'_>) -> Result<()> {
        if let Some(last) = self.last_seq.filter(|last| row.seq <= *last) {
            let why = format!("seq {} does not follow {last}", row.seq);
            return Err(refuse_entry(ErrorCode::LogOutOfOrder, index, "seq", why));
        }
        let refused =
            |error: PoolError| mismatch(index, "value", format!("the engine refuses the row: {error}"));
        let paid_or_granted = match row.kind {
            RowKind::Purchase => {
                if row.burned.is_some() {
                    return Err(mismatch(index, "burned", "a purchase burns no points".to_owned()));
                }
                self.pool.purchase(EVERYONE, row.value).map_err(refused)?.points_granted
            }
            RowKind::Withdraw | RowKind::Redeem => {
                let kind =
                    if row.kind == RowKind::Withdraw { CashOutKind::Withdraw } else { CashOutKind::Redeem };
                match row.burned {
                    None => self.pool.cash_out(kind, EVERYONE, row.value).map_err(refused)?.payout,
                    Some(burned) => self.exit(index, kind, row, burned)?,
                }
            }
        };
        expect(index, "result", row.result, paid_or_granted)?;
        let state = self.pool.state();
        expect(index, "priceAfter", row.price_after, state.price)?;
        expect(index, "poolAfter", row.pool_after, state.pool)?;
        expect(index, "supplyAfter", row.supply_after, state.supply)?;
        self.last_seq = Some(row.seq);
        self.rows += 1;
        Ok(())
    }

    /// An exit: the member's cap paid `result` and took `burned` points (all they held).
    fn exit(
        &mut self,
        index: u64,
        kind: CashOutKind,
        row: &RowEntry<'_>,
        burned: Decimal,
    ) -> Result<Decimal> {
        if burned < row.value {
            return Err(mismatch(
                index,
                "burned",
                "a cash-out burns at least the points it names".to_owned(),
            ));
        }
        // An exit whose points would pay nothing below the cap is bounded by 0 (the quote refuses
        // such a cash-out, which at the cap is still the cap's rule).
        let bound = match self.pool.quote_cash_out(kind, EVERYONE, row.value) {
            Ok(uncapped) => uncapped.payout,
            Err(PoolError::PayoutTooSmall) => Decimal::ZERO,
            Err(error) => {
                return Err(mismatch(index, "value", format!("the engine refuses the row: {error}")))
            }
        };
        if row.result > bound || row.result.is_sign_negative() {
            let why =
                format!("an exit pays at most {}, what the points cashed out give", to_plain_string(bound));
            return Err(mismatch(index, "result", why));
        }
        let state = self.pool.state();
        let after = |field: &str, a: Decimal, b: Decimal| {
            a.checked_sub(b)
                .filter(|d| !d.is_sign_negative())
                .ok_or_else(|| mismatch(index, field, "more than the pool holds".to_owned()))
        };
        let (pool, supply) =
            (after("result", state.pool, row.result)?, after("burned", state.supply, burned)?);
        // What the points left cannot carry goes to the reserve, as after any cash-out (model.md §5).
        let settled = self
            .pool
            .rules()
            .settle(pool, supply, self.pool.ceiling())
            .map_err(|error| mismatch(index, "burned", error.to_string()))?;
        let (pool, supply) = (settled.pool, settled.supply);
        let mut totals = state.totals.clone();
        let past_limit = || mismatch(index, "result", "past the limit".to_owned());
        totals.reserved = totals.reserved.checked_add(settled.reserved).ok_or_else(past_limit)?;
        let total = if kind == CashOutKind::Withdraw { &mut totals.paid_out } else { &mut totals.redeemed };
        *total = total.checked_add(row.result).ok_or_else(past_limit)?;
        let snapshot = Snapshot {
            config: self.config.clone(),
            pool,
            supply,
            orders: state.orders,
            totals,
            members: None,
        };
        self.pool = everyone_pool(&self.config, &snapshot)
            .map_err(|error| mismatch(index, "burned", error.to_string()))?;
        Ok(row.result)
    }
}

/// The replay's pool for `snapshot`: every point held by "*", no exit cap.
fn everyone_pool(config: &Config, snapshot: &Snapshot) -> Result<Pool> {
    let everyone = Member { points: snapshot.supply, ..Member::default() };
    Snapshot {
        config: Config { exit_multiple: None, ..config.clone() },
        pool: snapshot.pool,
        supply: snapshot.supply,
        orders: snapshot.orders,
        totals: snapshot.totals.clone(),
        members: Some(vec![(EVERYONE.to_owned(), everyone)]),
    }
    .into_pool()
}

/// A snapshot as state entries write it: compact JSON on one line (docs/formats.md §2).
pub fn snapshot_json(snapshot: Snapshot) -> String {
    wire::to_text(&SnapshotDoc::from(snapshot))
}

fn expect(index: u64, field: &str, published: Decimal, computed: Decimal) -> Result<()> {
    if published == computed {
        return Ok(());
    }
    let why =
        format!("published {}, the rules give {}", to_plain_string(published), to_plain_string(computed));
    Err(mismatch(index, field, why))
}

fn mismatch(index: u64, field: &str, why: String) -> PoolError {
    refuse_entry(ErrorCode::LogReplayMismatch, index, field, why)
}
