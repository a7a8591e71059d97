//! What the operator page and the npm package's full engine add to the member's door
//! (the `operator` feature): ledger replays and audits, snapshots as text, the population
//! simulation and parameter sweeps. The member's calculator never loads them.

use wasm_bindgen::prelude::*;

use super::convert::{config_arg, decimal_arg, from_js, refused, to_js};
use super::guard;
use super::pieces::{self, TextPieces};
use super::pool::PointsPool;
use crate::forecast;
use crate::ledger::Replay;
use crate::model::Pool;
use crate::wire::{self, AuditProgressDoc, AuditReportDoc, Input};

#[wasm_bindgen(js_class = PointsPool)]
impl PointsPool {
    /// The snapshot as JSON text, the fastest way to save a large pool.
    #[wasm_bindgen(js_name = snapshotText)]
    pub fn snapshot_text(&self) -> String {
        wire::snapshot_to_text(&self.inner)
    }

    /// Applies a CSV or JSON Lines ledger (text or bytes); a bad row leaves the pool as it was.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn replay(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] ledger: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (mut buffer, mut pieces) = (Vec::new(), TextPieces::default());
        pieces::ledger_piece(&ledger, &mut pieces, &mut buffer).map_err(refused)?;
        let mut replay = Replay::new(std::mem::take(&mut self.inner));
        let outcome =
            replay.feed(&buffer).and_then(|()| replay.feed(pieces.end())).and_then(|()| replay.finish());
        self.inner = replay.into_pool();
        to_js(&AuditReportDoc::from(&outcome.map_err(refused)?))
    }

    /// An audit of a ledger fed in pieces, starting from a copy of this pool.
    pub fn audit(&self) -> LedgerAudit {
        let replay = Replay::new(self.inner.clone());
        guard::handed(LedgerAudit { replay, buffer: Vec::new(), pieces: TextPieces::default() })
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
    /// Text pieces: a surrogate pair cut between two of them is one character.
    pieces: TextPieces,
}

#[wasm_bindgen(js_class = LedgerAudit)]
impl LedgerAudit {
    /// Starts from an empty pool with the given parameters (the seed's defaults when
    /// omitted). `pool.audit()` starts from a copy of an existing pool instead.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: Option<JsValue>,
    ) -> Result<LedgerAudit, JsValue> {
        let _busy = guard::enter()?;
        let config = config_arg(&config.unwrap_or(JsValue::UNDEFINED)).map_err(refused)?;
        let replay = Replay::new(Pool::new(config));
        Ok(guard::handed(LedgerAudit { replay, buffer: Vec::new(), pieces: TextPieces::default() }))
    }

    /// Applies the whole lines in `piece` and gives what the rows so far have found.
    #[wasm_bindgen(unchecked_return_type = "AuditProgress")]
    pub fn feed(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] piece: JsValue,
    ) -> Result<JsValue, JsValue> {
        pieces::ledger_piece(&piece, &mut self.pieces, &mut self.buffer).map_err(refused)?;
        self.replay.feed(&self.buffer).map_err(refused)?;
        to_js(&AuditProgressDoc::of(self.replay.report(), self.replay.lines()))
    }

    /// Applies a last line without a line break and gives the final report.
    #[wasm_bindgen(unchecked_return_type = "AuditReport")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        self.replay.feed(self.pieces.end()).map_err(refused)?;
        to_js(&AuditReportDoc::from(&self.replay.finish().map_err(refused)?))
    }

    /// A copy of the pool after the rows so far, for its state and snapshots.
    pub fn pool(&self) -> PointsPool {
        let inner = self.replay.pool().clone();
        guard::handed(PointsPool { inner })
    }
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
    // Busy until it returns: the progress callback cannot call back into the engine.
    let _busy = guard::enter()?;
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
    let _busy = guard::enter()?;
    let bound = |field: &'static str, value: &JsValue| decimal_arg(field, value).map_err(refused);
    let values = forecast::sweep_values(bound("sweep.from", &from)?, bound("sweep.to", &to)?, steps)
        .map_err(refused)?;
    to_js(&values.into_iter().map(wire::DecimalString).collect::<Vec<_>>())
}

/// Guards `LedgerAudit` as `start()` guards `PointsPool` (guard.rs).
pub(super) fn guard() -> Result<(), JsValue> {
    let audit = LedgerAudit {
        replay: Replay::new(Pool::default()),
        buffer: Vec::new(),
        pieces: TextPieces::default(),
    };
    super::guard::guard_class(&JsValue::from(audit))
}
