//! The one door to JavaScript (SPEC §10). Each export decodes its arguments,
//! calls the core, and encodes the result; no rule of the model lives here.
//! Every decimal crosses as a string, both ways; a JS number where a decimal
//! belongs is refused, never read through a float.

use js_sys::{Error, Reflect, JSON};
use rust_decimal::Decimal;
use wasm_bindgen::prelude::*;

use crate::error::PoolError;
use crate::json::{ObjectWriter, ToJson};
use crate::ledger::Replay;
use crate::monte_carlo::{self, MonteCarloOptions};
use crate::pool::{parse_amount, parse_points, CashOutKind, Pool};
use crate::projection::{self, Scenario};
use crate::{Config, Json};

/// The wasm's allocator: talc, several KB smaller than the default dlmalloc.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A decimal number written as a string: `^-?(0|[1-9][0-9]*)(\.[0-9]+)?$`, at most 40 characters. */
export type DecimalString = string;
export type RoundingMode = "down" | "halfUp" | "halfEven";
export interface RoundingRule { scale: number; mode: RoundingMode }
export interface Rounding { money?: RoundingRule | null; points?: RoundingRule | null; price?: RoundingRule | null }
/** SPEC §2. Every field is optional; a missing one takes the seed's default. */
export interface Config {
  poolRate?: DecimalString;
  grantRate?: DecimalString;
  initialPrice?: DecimalString;
  payoutRate?: DecimalString;
  redeemRate?: DecimalString;
  exitMultiple?: DecimalString | null;
  rounding?: Rounding | null;
}
export interface PurchaseQuote {
  amount: DecimalString; contribution: DecimalString; grantValue: DecimalString;
  priceBefore: DecimalString; pointsGranted: DecimalString; priceAfter: DecimalString;
  pool: DecimalString; supply: DecimalString;
}
export interface PurchaseReceipt extends PurchaseQuote { memberId: string }
export interface CashOutQuote {
  points: DecimalString; priceBefore: DecimalString; gross: DecimalString; payout: DecimalString;
  retained: DecimalString; burned: DecimalString; exited: boolean; priceAfter: DecimalString;
  pool: DecimalString; supply: DecimalString;
}
export interface CashOutReceipt extends CashOutQuote { memberId: string }
export interface MemberView {
  points: DecimalString; spent: DecimalString; received: DecimalString; value: DecimalString;
  cashOutValue: DecimalString; capLeft: DecimalString | null; exited: boolean;
}
export interface Totals { contributed: DecimalString; paidOut: DecimalString; redeemed: DecimalString }
export interface PoolState { pool: DecimalString; supply: DecimalString; price: DecimalString; orders: number; totals: Totals }
export interface SnapshotMember { points: DecimalString; spent: DecimalString; received: DecimalString; exited: boolean }
/** SPEC §8. `members` is absent in a public snapshot. */
export interface Snapshot {
  format: "points-pool/1"; config: Config; pool: DecimalString; supply: DecimalString; orders: number;
  totals: Totals; members?: Record<string, SnapshotMember>;
}
export interface MemberView {
  breakEvenMultiple: DecimalString | null; capMultiple: DecimalString | null;
}
/** A bare pool state to project from: `pool.state()` fits, and so does `{ pool, supply }`. */
export interface PoolStateInput {
  pool: DecimalString; supply: DecimalString; config?: Config; orders?: number; totals?: Totals; price?: DecimalString;
}
/** SPEC §7. Decimals as strings; `days` a JS number. */
export interface Scenario {
  days: number; ordersPerDay: number | DecimalString; averageOrder: DecimalString; orderGrowth?: DecimalString;
  withdrawRate?: DecimalString; waveWithdrawRate?: DecimalString | null;
  points?: DecimalString; spent?: DecimalString; received?: DecimalString;
  /** A named stress preset applied to the rest of the scenario (SPEC §7). */
  stress?: StressPreset | null;
}
export type StressPreset = "ordersStop" | "withdrawalWave" | "growthHalves" | "negativeGrowth";
/** `runs` 1..=10000 with runs × days ≤ 2,000,000; `seed` 0..=2^53; CVs "0".."5" (default "0.5"). */
export interface MonteCarloOptions {
  runs: number; seed: number; orderSizeCv?: DecimalString; withdrawCv?: DecimalString; randomCounts?: boolean;
}
export interface Band { p10: DecimalString; p50: DecimalString; p90: DecimalString }
export interface BandDay { day: number; price: Band; value: Band; cashOutValue: Band }
export interface MonteCarlo {
  runs: number; seed: number; reachesSpent: DecimalString | null; reachesCap: DecimalString | null; days: BandDay[];
}
export interface ProjectionDay { day: number; price: DecimalString; pool: DecimalString; supply: DecimalString; value: DecimalString; cashOutValue: DecimalString }
export interface Projection { method: string; days: ProjectionDay[] }
export interface Mismatch { seq: number; published: DecimalString; computed: DecimalString }
export interface AuditReport { receipts: number; checked: number; mismatches: number; firstMismatch: Mismatch | null }
/** What every method throws: `name === "PoolError"`, `code` from SPEC §9. */
export interface PoolError extends Error { name: "PoolError"; code: string }
"#;

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
        let config = config.unwrap_or(JsValue::UNDEFINED);
        let config = Config::from_json(&from_js(&config, invalid_config)?).map_err(to_js)?;
        Ok(PointsPool { inner: Pool::new(config) })
    }

    /// Loads a snapshot (object or JSON text), checking everything SPEC §8 lists.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Snapshot | string")] snapshot: JsValue,
    ) -> Result<PointsPool, JsValue> {
        let inner = match snapshot.as_string() {
            Some(text) => Pool::from_snapshot_json(&text),
            None => Pool::from_snapshot(&from_js(&snapshot, PoolError::snapshot)?),
        };
        Ok(PointsPool { inner: inner.map_err(to_js)? })
    }

    #[wasm_bindgen(unchecked_return_type = "PurchaseReceipt")]
    pub fn purchase(
        &mut self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] amount: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (member_id, amount) = (member_arg(&member_id)?, amount_arg(&amount)?);
        let receipt = self.inner.purchase(&member_id, amount).map_err(to_js)?;
        to_js_value(&WithMember { member_id: &member_id, receipt: &receipt })
    }

    #[wasm_bindgen(unchecked_return_type = "CashOutReceipt")]
    pub fn withdraw(
        &mut self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.cash_out(CashOutKind::Withdraw, member_id, points)
    }

    #[wasm_bindgen(unchecked_return_type = "CashOutReceipt")]
    pub fn redeem(
        &mut self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.cash_out(CashOutKind::Redeem, member_id, points)
    }

    #[wasm_bindgen(js_name = quotePurchase, unchecked_return_type = "PurchaseQuote")]
    pub fn quote_purchase(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] amount: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js_value(&self.inner.quote_purchase(amount_arg(&amount)?).map_err(to_js)?)
    }

    #[wasm_bindgen(js_name = quoteWithdrawal, unchecked_return_type = "CashOutQuote")]
    pub fn quote_withdrawal(
        &self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.quote_cash_out(CashOutKind::Withdraw, member_id, points)
    }

    #[wasm_bindgen(js_name = quoteRedemption, unchecked_return_type = "CashOutQuote")]
    pub fn quote_redemption(
        &self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        self.quote_cash_out(CashOutKind::Redeem, member_id, points)
    }

    #[wasm_bindgen(unchecked_return_type = "MemberView")]
    pub fn member(
        &self,
        #[wasm_bindgen(js_name = "memberId", unchecked_param_type = "string")] member_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        to_js_value(&self.inner.member(&member_arg(&member_id)?).map_err(to_js)?)
    }

    /// The position of someone holding `points` (having spent `spent` and received
    /// `received`), valued against this pool without being one of its members. Without
    /// `spent` no cap applies.
    #[wasm_bindgen(unchecked_return_type = "MemberView")]
    pub fn holding(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DecimalString")] points: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString | undefined")] spent: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalString | undefined")] received: JsValue,
    ) -> Result<JsValue, JsValue> {
        let points = parse_points(&decimal_text("points", &points)?).map_err(to_js)?;
        let money = |field, value: &JsValue| -> Result<Option<Decimal>, JsValue> {
            if value.is_undefined() || value.is_null() {
                return Ok(None);
            }
            crate::decimal::parse_field(field, &decimal_text(field, value)?).map(Some).map_err(to_js)
        };
        let (spent, received) = (money("spent", &spent)?, money("received", &received)?.unwrap_or_default());
        to_js_value(&self.inner.holding(points, spent, received).map_err(to_js)?)
    }

    #[wasm_bindgen(unchecked_return_type = "PoolState")]
    pub fn state(&self) -> Result<JsValue, JsValue> {
        to_js_value(&self.inner.state())
    }

    /// The full snapshot (public when the pool was loaded from a public one).
    #[wasm_bindgen(unchecked_return_type = "Snapshot")]
    pub fn snapshot(&self) -> Result<JsValue, JsValue> {
        to_js_value(&self.inner.snapshot())
    }

    /// The snapshot without members, for a merchant page's `state-src`.
    #[wasm_bindgen(js_name = publicSnapshot, unchecked_return_type = "Snapshot")]
    pub fn public_snapshot(&self) -> Result<JsValue, JsValue> {
        to_js_value(&self.inner.public_snapshot())
    }

    /// The parameters in force, every field present.
    #[wasm_bindgen(unchecked_return_type = "Config")]
    pub fn config(&self) -> Result<JsValue, JsValue> {
        to_js_value(self.inner.config())
    }

    /// Applies a CSV or JSON Lines ledger; a bad row leaves the pool as it was.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn replay(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] ledger: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text =
            ledger.as_string().ok_or_else(|| to_js(PoolError::ledger(0, "the ledger must be text")))?;
        to_js_value(&self.inner.replay(&text).map_err(to_js)?)
    }
}

/// Shared by the exports above; not exported.
impl PointsPool {
    fn cash_out(
        &mut self,
        kind: CashOutKind,
        member_id: JsValue,
        points: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (member_id, points) = (member_arg(&member_id)?, points_arg(&points)?);
        let receipt = self.inner.cash_out(kind, &member_id, points).map_err(to_js)?;
        to_js_value(&WithMember { member_id: &member_id, receipt: &receipt })
    }

    fn quote_cash_out(
        &self,
        kind: CashOutKind,
        member_id: JsValue,
        points: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (member_id, points) = (member_arg(&member_id)?, points_arg(&points)?);
        to_js_value(&self.inner.quote_cash_out(kind, &member_id, points).map_err(to_js)?)
    }
}

/// A ledger audit that reads a file piece by piece (SPEC §8): feed it text chunks as they
/// arrive (a line may be cut anywhere), then `finish()`. A bad row throws `invalid_ledger`
/// naming its line, and the audit stops there.
#[wasm_bindgen(js_name = LedgerAudit)]
pub struct LedgerAudit {
    replay: Replay,
}

#[wasm_bindgen(js_class = LedgerAudit)]
impl LedgerAudit {
    /// Starts from a copy of `pool` (an empty pool with the published parameters, or a
    /// published snapshot); the pool itself is not touched.
    #[wasm_bindgen(constructor)]
    pub fn new(pool: &PointsPool) -> LedgerAudit {
        LedgerAudit { replay: Replay::new(pool.inner.clone()) }
    }

    /// Applies the whole lines in `chunk` and gives the report so far.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] chunk: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = chunk.as_string().ok_or_else(|| to_js(PoolError::ledger(0, "the ledger must be text")))?;
        self.replay.feed(&text).map_err(to_js)?;
        to_js_value(self.replay.report())
    }

    /// Applies a last line without a line break and gives the final report.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        to_js_value(&self.replay.finish().map_err(to_js)?)
    }

    /// A copy of the pool after the rows so far, for its state and snapshots.
    pub fn pool(&self) -> PointsPool {
        PointsPool { inner: self.replay.pool().clone() }
    }
}

/// Projects a scenario from a snapshot or a bare state (SPEC §7). An estimate under
/// the stated scenario, never a promise.
#[wasm_bindgen(unchecked_return_type = "Projection")]
pub fn project(
    #[wasm_bindgen(js_name = "stateOrSnapshot", unchecked_param_type = "Snapshot | PoolStateInput | string")]
    state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
) -> Result<JsValue, JsValue> {
    let (pool, scenario) = (pool_arg(&state)?, scenario_arg(&scenario)?);
    to_js_value(&projection::project_closed_form(&pool, &scenario).map_err(to_js)?)
}

/// Seeded Monte Carlo around a scenario (SPEC §7): p10/p50/p90 bands a day. The same
/// seed gives the same numbers here and natively.
#[wasm_bindgen(js_name = monteCarlo, unchecked_return_type = "MonteCarlo")]
pub fn monte_carlo(
    #[wasm_bindgen(js_name = "stateOrSnapshot", unchecked_param_type = "Snapshot | PoolStateInput | string")]
    state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Scenario")] scenario: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MonteCarloOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (pool, scenario) = (pool_arg(&state)?, scenario_arg(&scenario)?);
    let options = from_js(&options, |reason| PoolError::InvalidScenario { field: "options", reason })?;
    let options = MonteCarloOptions::from_json(&options, scenario.days).map_err(to_js)?;
    to_js_value(&monte_carlo::monte_carlo(&pool, &scenario, &options).map_err(to_js)?)
}

fn pool_arg(state: &JsValue) -> Result<Pool, JsValue> {
    let state = match state.as_string() {
        Some(text) => Json::parse(&text).map_err(|reason| to_js(PoolError::snapshot(reason)))?,
        None => from_js(state, PoolError::snapshot)?,
    };
    Pool::from_state_or_snapshot(&state).map_err(to_js)
}

fn scenario_arg(scenario: &JsValue) -> Result<Scenario, JsValue> {
    let scenario = from_js(scenario, |reason| PoolError::InvalidScenario { field: "scenario", reason })?;
    Scenario::from_json(&scenario).map_err(to_js)
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// A receipt with the member it belongs to first.
struct WithMember<'a, R: ToJson> {
    member_id: &'a str,
    receipt: &'a R,
}

impl<R: ToJson> ToJson for WithMember<'_, R> {
    fn write_fields(&self, object: &mut ObjectWriter<'_>) {
        object.string("memberId", self.member_id);
        self.receipt.write_fields(object);
    }
}

fn member_arg(value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| to_js(PoolError::InvalidMemberId))
}

fn amount_arg(value: &JsValue) -> Result<Decimal, JsValue> {
    parse_amount(&decimal_text("amount", value)?).map_err(to_js)
}

fn points_arg(value: &JsValue) -> Result<Decimal, JsValue> {
    parse_points(&decimal_text("points", value)?).map_err(to_js)
}

/// A decimal must arrive as a string: `100` (a JS number) is refused like `"1e2"`.
fn decimal_text(field: &'static str, value: &JsValue) -> Result<String, JsValue> {
    // Formatting the float would pull float printing into the wasm; the kind is enough.
    value.as_string().ok_or_else(|| {
        let found = if value.as_f64().is_some() { "(a JS number)" } else { "(not a string)" };
        to_js(PoolError::InvalidDecimal { field, found: found.to_owned() })
    })
}

fn invalid_config(message: String) -> PoolError {
    PoolError::config("config", message)
}

/// A JS value as JSON for the core to validate. `JSON.stringify` is the browser's own
/// reader, so the wasm carries no JS-object walker; numbers stay numbers, so the core
/// can refuse them by field name.
fn from_js(value: &JsValue, error: impl Fn(String) -> PoolError) -> Result<Json, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Json::Null);
    }
    let text = JSON::stringify(value).ok().and_then(|text| JsValue::from(text).as_string());
    let text = text.ok_or_else(|| to_js(error("cannot be read as JSON".to_owned())))?;
    Json::parse(&text).map_err(|reason| to_js(error(reason)))
}

/// The core writes JSON text and the browser's own `JSON.parse` builds the object:
/// far less wasm than walking JS objects from Rust.
fn to_js_value(value: &impl ToJson) -> Result<JsValue, JsValue> {
    JSON::parse(&value.to_json()).map_err(|_| to_js(PoolError::snapshot("internal: unreadable JSON")))
}

/// A JS `Error` with `name = "PoolError"` and the stable `code`.
fn to_js(error: PoolError) -> JsValue {
    let js_error = Error::new(&error.to_string());
    js_error.set_name("PoolError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&js_error, &JsValue::from_str("code"), &JsValue::from_str(error.code()));
    js_error.into()
}
