//! The one door to JavaScript (docs/interface.md). Each export decodes its arguments into
//! the door's serde types (`crate::wire`) with serde-wasm-bindgen, calls the core, and
//! encodes the result; no rule of the model lives here. Every decimal crosses as a string,
//! both ways; a JS number where a decimal belongs is refused, never read through a float.

mod convert;
mod guard;
pub mod tlog;

use js_sys::Object;
use wasm_bindgen::prelude::*;

use crate::error::PoolError;
use crate::forecast;
use crate::ledger::Replay;
use crate::model::{CashOutKind, Pool};
use crate::wire::{
    self, AuditProgressDoc, AuditReportDoc, CashOutReceiptDoc, ConfigDoc, Input, MemberViewDoc,
    MonteCarloDoc, OptionsDoc, PoolStateDoc, ProjectionDoc, PurchaseReceiptDoc, ScenarioDoc, SnapshotDoc,
};
use convert::{
    amount_arg, config_arg, from_js, json_of, ledger_bytes, member_arg, optional_money_arg, points_arg,
    refused, to_js,
};

/// The wasm's allocator: talc, several KB smaller than the default dlmalloc.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A decimal number written as a string: `^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`, at most 40 characters. */
export type DecimalString = string;
/** Every stable error code (docs/formats.md §4). */
export type PoolErrorCode =
  | "invalid_decimal" | "amount_must_be_positive" | "amount_too_large" | "too_many_decimals"
  | "points_must_be_positive" | "insufficient_points" | "unknown_member" | "invalid_member_id"
  | "received_above_cap" | "invalid_config" | "invalid_snapshot" | "invalid_scenario" | "invalid_ledger"
  | "limit_exceeded" | "object_freed" | "object_failed";
/** What every method throws: `name === "PoolError"`, a stable `code`; `field`, `line`, `problem` and `reason` where they apply. */
export interface PoolError extends Error {
  name: "PoolError"; code: PoolErrorCode; field?: string; line?: number;
  /** For `invalid_ledger`: what was wrong with the row, an engine code or one of the ledger's own. */
  problem?: string;
  reason?: string;
}
"#;

/// Guards every exported class's methods against freed and failed objects (guard.rs).
#[wasm_bindgen(start)]
pub fn start() {
    let pool = JsValue::from(PointsPool { inner: Pool::default() });
    let audit = JsValue::from(LedgerAudit { replay: Replay::new(Pool::default()), buffer: Vec::new() });
    for instance in [&pool, &audit] {
        guard::guard_methods(&Object::get_prototype_of(instance));
    }
}

/// A pool that JavaScript holds.
#[wasm_bindgen(js_name = PointsPool)]
pub struct PointsPool {
    inner: Pool,
}

#[wasm_bindgen(js_class = PointsPool)]
impl PointsPool {
    /// An empty pool with the given parameters (the seed's defaults when omitted).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: Option<JsValue>,
    ) -> Result<PointsPool, JsValue> {
        let config = config_arg(&config.unwrap_or(JsValue::UNDEFINED)).map_err(refused)?;
        Ok(PointsPool { inner: Pool::new(config) })
    }

    /// Loads a snapshot (object or JSON text), checking everything docs/formats.md §2 lists.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Snapshot | string")] snapshot: JsValue,
    ) -> Result<PointsPool, JsValue> {
        let inner = match snapshot.as_string() {
            Some(text) => wire::snapshot_from_text(&text),
            None => from_js::<SnapshotDoc>(&snapshot, Input::Snapshot).and_then(SnapshotDoc::into_pool),
        };
        Ok(PointsPool { inner: inner.map_err(refused)? })
    }

    #[wasm_bindgen(unchecked_return_type = "PurchaseReceipt")]
    pub fn purchase(
        &mut self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] amount: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (member_id, amount) =
            (member_arg(&member_id).map_err(refused)?, amount_arg(&amount).map_err(refused)?);
        let receipt = self.inner.purchase(&member_id, amount).map_err(refused)?;
        to_js(&PurchaseReceiptDoc::of(&receipt, Some(&member_id)))
    }

    #[wasm_bindgen(unchecked_return_type = "CashOutReceipt")]
    pub fn withdraw(
        &mut self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.cash_out(CashOutKind::Withdraw, &member_id, &points)
    }

    #[wasm_bindgen(unchecked_return_type = "CashOutReceipt")]
    pub fn redeem(
        &mut self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.cash_out(CashOutKind::Redeem, &member_id, &points)
    }

    #[wasm_bindgen(js_name = quotePurchase, unchecked_return_type = "PurchaseReceipt")]
    pub fn quote_purchase(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] amount: JsValue,
    ) -> Result<JsValue, JsValue> {
        let receipt = self.inner.quote_purchase(amount_arg(&amount).map_err(refused)?).map_err(refused)?;
        to_js(&PurchaseReceiptDoc::of(&receipt, None))
    }

    #[wasm_bindgen(js_name = quoteWithdrawal, unchecked_return_type = "CashOutReceipt")]
    pub fn quote_withdrawal(
        &self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.quote_cash_out(CashOutKind::Withdraw, &member_id, &points)
    }

    #[wasm_bindgen(js_name = quoteRedemption, unchecked_return_type = "CashOutReceipt")]
    pub fn quote_redemption(
        &self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.quote_cash_out(CashOutKind::Redeem, &member_id, &points)
    }

    #[wasm_bindgen(unchecked_return_type = "MemberView")]
    pub fn member(
        &self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let view = self.inner.member(&member_arg(&member_id).map_err(refused)?).map_err(refused)?;
        to_js(&MemberViewDoc::from(&view))
    }

    /// The position of someone holding `points` (having spent `spent` and received
    /// `received`), valued against this pool without being one of its members.
    #[wasm_bindgen(unchecked_return_type = "MemberView")]
    pub fn holding(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString | undefined")] spent: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString | undefined")] received: JsValue,
    ) -> Result<JsValue, JsValue> {
        let points = points_arg(&points).map_err(refused)?;
        let spent = optional_money_arg("spent", &spent).map_err(refused)?;
        let received = optional_money_arg("received", &received).map_err(refused)?.unwrap_or_default();
        let view = self.inner.holding(points, spent, received).map_err(refused)?;
        to_js(&MemberViewDoc::from(&view))
    }

    #[wasm_bindgen(unchecked_return_type = "PoolState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js(&PoolStateDoc::from(&self.inner.state()))
    }

    /// The full snapshot (public when the pool was loaded from a public one).
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn snapshot(&self) -> Result<JsValue, JsValue> {
        to_js(&SnapshotDoc::of(&self.inner))
    }

    /// The snapshot as JSON text, the fastest way to save a large pool.
    #[wasm_bindgen(js_name = snapshotText)]
    pub fn snapshot_text(&self) -> String {
        wire::snapshot_to_text(&self.inner)
    }

    /// The snapshot without members, for a merchant page's `state-src`.
    #[wasm_bindgen(js_name = publicSnapshot, unchecked_return_type = "Snapshot")]
    pub fn public_snapshot(&self) -> Result<JsValue, JsValue> {
        to_js(&SnapshotDoc::public_of(&self.inner))
    }

    /// The parameters in force, every field present.
    #[wasm_bindgen(unchecked_return_type = "Config")]
    pub fn config(&self) -> Result<JsValue, JsValue> {
        to_js(&ConfigDoc::of(self.inner.config()))
    }

    /// Applies a CSV or JSON Lines ledger (text or bytes); a bad row leaves the pool as it was.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn replay(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] ledger: JsValue,
    ) -> Result<JsValue, JsValue> {
        let mut buffer = Vec::new();
        let bytes = ledger_bytes(&ledger, &mut buffer).map_err(refused)?;
        let mut replay = Replay::new(std::mem::take(&mut self.inner));
        let outcome = replay.feed(bytes).and_then(|()| replay.finish());
        self.inner = replay.into_pool();
        to_js(&AuditReportDoc::from(&outcome.map_err(refused)?))
    }

    /// An audit of a ledger fed in pieces, starting from a copy of this pool.
    pub fn audit(&self) -> LedgerAudit {
        LedgerAudit { replay: Replay::new(self.inner.clone()), buffer: Vec::new() }
    }
}

/// Shared by the exports above; not exported.
impl PointsPool {
    fn cash_out(
        &mut self,
        kind: CashOutKind,
        member_id: &JsValue,
        points: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (member_id, points) =
            (member_arg(member_id).map_err(refused)?, points_arg(points).map_err(refused)?);
        let receipt = self.inner.cash_out(kind, &member_id, points).map_err(refused)?;
        to_js(&CashOutReceiptDoc::of(&receipt, Some(&member_id)))
    }

    fn quote_cash_out(
        &self,
        kind: CashOutKind,
        member_id: &JsValue,
        points: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let (member_id, points) =
            (member_arg(member_id).map_err(refused)?, points_arg(points).map_err(refused)?);
        let receipt = self.inner.quote_cash_out(kind, &member_id, points).map_err(refused)?;
        to_js(&CashOutReceiptDoc::of(&receipt, None))
    }
}

/// A ledger audit that reads a file piece by piece (docs/formats.md §3): feed it text or
/// `Uint8Array` pieces as they arrive (cut anywhere, even inside a character), then
/// `finish()`. A bad row throws `invalid_ledger` naming its line, and the audit stops there.
#[wasm_bindgen(js_name = LedgerAudit)]
pub struct LedgerAudit {
    replay: Replay,
    /// The current piece, copied in from JavaScript; reused so memory stays bounded.
    buffer: Vec<u8>,
}

#[wasm_bindgen(js_class = LedgerAudit)]
impl LedgerAudit {
    /// Starts from an empty pool with the given parameters (the seed's defaults when
    /// omitted). `pool.audit()` starts from a copy of an existing pool instead.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: Option<JsValue>,
    ) -> Result<LedgerAudit, JsValue> {
        let config = config_arg(&config.unwrap_or(JsValue::UNDEFINED)).map_err(refused)?;
        Ok(LedgerAudit { replay: Replay::new(Pool::new(config)), buffer: Vec::new() })
    }

    /// Applies the whole lines in `piece` and gives what the rows so far have found.
    #[wasm_bindgen(unchecked_return_type = "AuditProgress")]
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] piece: JsValue,
    ) -> Result<JsValue, JsValue> {
        let bytes = ledger_bytes(&piece, &mut self.buffer).map_err(refused)?;
        self.replay.feed(bytes).map_err(refused)?;
        to_js(&AuditProgressDoc::of(self.replay.report(), self.replay.lines()))
    }

    /// Applies a last line without a line break and gives the final report.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        to_js(&AuditReportDoc::from(&self.replay.finish().map_err(refused)?))
    }

    /// A copy of the pool after the rows so far, for its state and snapshots.
    pub fn pool(&self) -> PointsPool {
        PointsPool { inner: self.replay.pool().clone() }
    }
}

/// Projects a scenario from a snapshot or a bare state (docs/model.md §7). An estimate
/// under the stated scenario, never a promise.
#[wasm_bindgen(unchecked_return_type = "Projection")]
pub fn project(
    #[wasm_bindgen(js_name = "stateOrSnapshot", unchecked_param_type = "Snapshot | PoolStateInput | string")]
    state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
) -> Result<JsValue, JsValue> {
    let (pool, scenario) = (pool_arg(&state).map_err(refused)?, scenario_arg(&scenario).map_err(refused)?);
    to_js(&ProjectionDoc::from(&forecast::project(&pool, &scenario).map_err(refused)?))
}

/// Seeded Monte Carlo around a scenario (docs/model.md §7): p10/p50/p90 bands a day. The
/// same seed gives the same numbers here and natively.
#[wasm_bindgen(js_name = monteCarlo, unchecked_return_type = "MonteCarlo")]
pub fn monte_carlo(
    #[wasm_bindgen(js_name = "stateOrSnapshot", unchecked_param_type = "Snapshot | PoolStateInput | string")]
    state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MonteCarloOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (pool, scenario) = (pool_arg(&state).map_err(refused)?, scenario_arg(&scenario).map_err(refused)?);
    let options = from_js::<OptionsDoc>(&options, Input::Options)
        .and_then(|options| options.into_options(scenario.days))
        .map_err(refused)?;
    let result = forecast::monte_carlo(&pool, &scenario, &options).map_err(refused)?;
    to_js(&MonteCarloDoc::from(&result))
}

/// 核对 / Check my points (docs/formats.md §5): a member's lines (CSV or JSON Lines) checked
/// against the rules of `config` at the prices the platform published; `currentPrice` (optional)
/// values the position now. A bad line throws `invalid_ledger` naming it.
#[wasm_bindgen(js_name = checkHistory, unchecked_return_type = "CheckReport")]
pub fn check_history(
    #[wasm_bindgen(unchecked_param_type = "Config | undefined")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] lines: JsValue,
    #[wasm_bindgen(js_name = "currentPrice", unchecked_param_type = "DecimalString | undefined")]
    current_price: JsValue,
) -> Result<JsValue, JsValue> {
    let config = config_arg(&config).map_err(refused)?;
    let text = lines.as_string().ok_or_else(|| {
        let reason = "the lines must be text".to_owned();
        refused(PoolError::InvalidLedger { line: 0, field: None, problem: "not_text", reason })
    })?;
    let price = convert::optional_money_arg("currentPrice", &current_price).map_err(refused)?;
    let report = crate::ledger::check_history(&config, &text, price).map_err(refused)?;
    to_js(&wire::CheckReportDoc::from(&report))
}

/// A seeded population of members under `config` (docs/model.md §7, "where the gain comes
/// from"), every flow summed exactly. `onProgress(day)` is called after each simulated day.
#[wasm_bindgen(js_name = simulatePopulation, unchecked_return_type = "Population")]
pub fn simulate_population(
    #[wasm_bindgen(unchecked_param_type = "Config | undefined")] config: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PopulationOptions")] options: JsValue,
    #[wasm_bindgen(js_name = "onProgress", unchecked_param_type = "((day: number) => void) | undefined")]
    on_progress: JsValue,
) -> Result<JsValue, JsValue> {
    let config = config_arg(&config).map_err(refused)?;
    let options = from_js::<wire::PopulationOptionsDoc>(&options, Input::Scenario)
        .and_then(wire::PopulationOptionsDoc::into_options)
        .map_err(refused)?;
    let callback = on_progress.dyn_ref::<js_sys::Function>().cloned();
    let progress = |day: u32| {
        if let Some(callback) = &callback {
            let _ = callback.call1(&JsValue::NULL, &JsValue::from(day));
        }
    };
    let population = forecast::simulate_population(config, &options, progress).map_err(refused)?;
    to_js(&wire::PopulationDoc::from(&population))
}

/// The values a sweep of one parameter tries: `steps` (2 to 50) exact decimal steps from
/// `from` to `to`, both included (docs/model.md §7).
#[wasm_bindgen(js_name = sweepValues, unchecked_return_type = "DecimalString[]")]
pub fn sweep_values(
    #[wasm_bindgen(unchecked_param_type = "DecimalString")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalString")] to: JsValue,
    steps: u32,
) -> Result<JsValue, JsValue> {
    let bound = |field: &'static str, value: &JsValue| convert::decimal_arg(field, value).map_err(refused);
    let values = forecast::sweep_values(bound("sweep.from", &from)?, bound("sweep.to", &to)?, steps)
        .map_err(refused)?;
    to_js(&values.into_iter().map(wire::DecimalString).collect::<Vec<_>>())
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

fn pool_arg(state: &JsValue) -> Result<Pool, PoolError> {
    match state.as_string() {
        Some(text) => wire::pool_from_state_or_snapshot_text(&text),
        None => wire::pool_from_state_or_snapshot(json_of(state, Input::Snapshot)?),
    }
}

fn scenario_arg(scenario: &JsValue) -> Result<crate::forecast::Scenario, PoolError> {
    from_js::<ScenarioDoc>(scenario, Input::Scenario)?.into_scenario()
}
