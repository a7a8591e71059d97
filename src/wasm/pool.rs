//! `PointsPool`: a pool that JavaScript holds (docs/interface.md). Each method decodes its
//! arguments, calls the core's `Pool`, and encodes the receipt or view.

use wasm_bindgen::prelude::*;

use super::convert::{
    amount_arg, config_arg, from_js, member_arg, optional_money_arg, points_arg, refused, to_js,
    to_js_via_json,
};
use super::{args, guard};
use crate::model::{CashOutKind, Pool};
use crate::wire::{
    self, CashOutReceiptDoc, ConfigDoc, Input, MemberViewDoc, PoolStateDoc, PurchaseReceiptDoc, SnapshotDoc,
};

/// A pool that JavaScript holds.
#[wasm_bindgen(js_name = PointsPool)]
pub struct PointsPool {
    pub(super) inner: Pool,
}

#[wasm_bindgen(js_class = PointsPool)]
impl PointsPool {
    /// An empty pool with the given parameters (the seed's defaults when omitted).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Config")] config: Option<JsValue>,
    ) -> Result<PointsPool, JsValue> {
        let _busy = guard::enter()?;
        let config = config_arg(&config.unwrap_or(JsValue::UNDEFINED)).map_err(refused)?;
        let inner = Pool::new(config);
        Ok(guard::handed(PointsPool { inner }))
    }

    /// Loads a snapshot (object or JSON text), checking everything docs/formats.md §2 lists.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Snapshot | string")] snapshot: JsValue,
    ) -> Result<PointsPool, JsValue> {
        let _busy = guard::enter()?;
        let inner = match args::snapshot_text(&snapshot) {
            Some(text) => text.and_then(|text| wire::snapshot_from_text(&text)),
            None => from_js::<SnapshotDoc>(&snapshot, Input::Snapshot).and_then(SnapshotDoc::into_pool),
        };
        let inner = inner.map_err(refused)?;
        Ok(guard::handed(PointsPool { inner }))
    }

    /// Loads a snapshot or a bare state (`{ pool, supply }`, optionally `config`, `orders`,
    /// `totals`, `price`; docs/formats.md §2), object or JSON text: what an embed's attributes
    /// describe. A missing or bad `pool` or `supply` is `invalid_snapshot` naming it.
    #[wasm_bindgen(js_name = fromState)]
    pub fn from_state(
        #[wasm_bindgen(unchecked_param_type = "Snapshot | PoolStateInput | string")] state: JsValue,
    ) -> Result<PointsPool, JsValue> {
        let _busy = guard::enter()?;
        let inner = super::args::pool_arg(&state).map_err(refused)?;
        Ok(guard::handed(PointsPool { inner }))
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
        // Through JSON.parse: a member id "__proto__" stays a member (convert.rs).
        to_js_via_json(&SnapshotDoc::of(&self.inner))
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
