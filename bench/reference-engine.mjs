// The engine as a web developer would write it in plain JavaScript with decimal.js:
// the same rules (docs/model.md §3, exact mode: accumulated quantities cut toward zero at 13
// decimals, prices to 28 significant digits), the same CSV ledger and price check.
// It exists to be measured against the WebAssembly engine (`bench/budgets.mjs`), and
// its final pool is compared with the engine's so the race is between equals.
import Decimal from "decimal.js";

const D = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_EVEN });
const SCALE = 13;
const cut = (x) => x.toDecimalPlaces(SCALE, D.ROUND_DOWN);

export class ReferencePool {
  constructor({ poolRate = "0.3", grantRate = "0.7", initialPrice = "1", payoutRate = "0.8", redeemRate = "1", exitMultiple = "2" } = {}) {
    this.poolRate = new D(poolRate);
    this.grantRate = new D(grantRate);
    this.initialPrice = new D(initialPrice);
    this.payoutRate = new D(payoutRate);
    this.redeemRate = new D(redeemRate);
    this.exitMultiple = exitMultiple === null ? null : new D(exitMultiple);
    this.pool = new D(0);
    this.supply = new D(0);
    this.members = new Map();
  }

  price() {
    return this.supply.isZero() ? this.initialPrice : this.pool.div(this.supply);
  }

  purchase(id, amountText) {
    const amount = new D(amountText);
    if (!(amount.gt(0))) throw new Error("amount_must_be_positive");
    const contribution = cut(amount.mul(this.poolRate));
    const grant = cut(contribution.mul(this.grantRate));
    const points = cut(this.supply.isZero() ? grant.div(this.initialPrice) : grant.mul(this.supply).div(this.pool));
    const member = this.members.get(id) ?? { points: new D(0), spent: new D(0), received: new D(0) };
    member.points = member.points.add(points);
    member.spent = member.spent.add(amount);
    this.members.set(id, member);
    this.pool = this.pool.add(contribution);
    this.supply = this.supply.add(points);
    return this.price();
  }

  cashOut(id, pointsText, rate) {
    const member = this.members.get(id);
    if (!member) throw new Error("unknown_member");
    const points = new D(pointsText);
    if (points.gt(member.points)) throw new Error("insufficient_points");
    const gross = cut(points.mul(this.pool).div(this.supply));
    let payout = cut(gross.mul(rate));
    let burned = points;
    if (this.exitMultiple) {
      const capLeft = D.max(this.exitMultiple.mul(member.spent).sub(member.received), 0);
      if (capLeft.lte(payout)) {
        payout = cut(capLeft);
        burned = member.points;
      }
    }
    payout = D.min(payout, this.pool);
    member.points = member.points.sub(burned);
    member.received = member.received.add(payout);
    this.pool = this.pool.sub(payout);
    this.supply = this.supply.sub(burned);
    return this.price();
  }

  /** Replays a CSV ledger with a header; returns the audit counts. */
  replay(text) {
    let receipts = 0;
    let mismatches = 0;
    const lines = text.split("\n");
    for (let index = 1; index < lines.length; index += 1) {
      const line = lines[index];
      if (!line) continue;
      const [, type, member, value, published] = line.split(",");
      const price = type === "purchase" ? this.purchase(member, value) : this.cashOut(member, value, type === "withdraw" ? this.payoutRate : this.redeemRate);
      receipts += 1;
      if (published) {
        const decimals = published.split(".")[1]?.length ?? 0;
        if (new D(published).sub(price).abs().gte(new D(1).div(new D(10).pow(decimals)))) mismatches += 1;
      }
    }
    return { receipts, mismatches };
  }
}
