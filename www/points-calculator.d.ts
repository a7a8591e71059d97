// Types for `points-pool/element`: the <points-calculator> element (points-calculator.js).
// scripts/package-meta.mjs copies this beside the element in the npm package (www/pkg).
// Importing the module defines the element; every figure in an event is the engine's exact string.
// The engine's names (error codes, ledger problems, states, verdicts) are the generated unions
// of the member's engine, imported, never retyped.
import type {
  CheckReport, Config, LedgerProblem, MemberView, MonteCarlo, PoolErrorCode, Projection, PurchaseReceipt, PurchaseSplit,
} from "./pkg-member/points_pool_member.js";

/** `points-result`: a purchase quote or a held position, recomputed on every input; or 核对's report. */
export type PointsResultDetail =
  | {
      task: "purchase" | "points";
      /** The purchase's receipt ("purchase" task), else null. */
      receipt: PurchaseReceipt | null;
      /** The member's position after the purchase, or for the points held. */
      view: MemberView;
      config: Config;
      /** Where the purchase's money went (the merchant, the pool, the member's points, earlier holders); null for points held. */
      split: PurchaseSplit | null;
    }
  | {
      task: "check";
      /** The engine's check of the member's lines (docs/formats.md §5). */
      report: CheckReport;
    };

/** `points-projection`: the worker's year ahead, the merchant's scenario and two stress presets. */
export interface PointsProjectionDetail {
  projections: { merchant: Projection; stop: Projection; wave: Projection };
  /** The Monte Carlo band over the horizon shown; null when the pool cannot run one (a rounded pool). */
  band: MonteCarlo | null;
}

/**
 * What the element reports before the engine is reached: a state-src it cannot fetch, a worker that cannot start,
 * a file of a release that differs from its pinned sha384 (`integrity_failed`) or does not load (`module_failed`).
 */
export type PointsSetupCode =
  | "state_origin" | "state_http" | "state_json" | "state_fetch" | "worker_failed" | "integrity_failed" | "module_failed" | "unknown";

/** `points-error`: what the element showed the member, by the engine's stable `code` and `field`. */
export interface PointsErrorDetail {
  code: PoolErrorCode | PointsSetupCode;
  field: string | null;
  /** Where it came from: the merchant's setup (attributes, state-src), the member's input, 核对, or the scenarios. */
  source: "setup" | "input" | "check" | "projection";
  /** For a line of 核对: its number and what was wrong with it. */
  line: number | null;
  problem: PoolErrorCode | LedgerProblem | null;
  /** For `state_http`: the status the server answered. */
  status: number | null;
}

/** `points-verified`: the log at `log-src` was verified before any figure was shown (docs/verification.md). */
export interface PointsVerifiedDetail {
  /** The checkpoint's tree size. */
  size: number;
  /** The last entry's index: the state entry the figures use. */
  entry: number;
  /** 16 hex digits members compare with one another. */
  fingerprint: string;
  origin: string;
}

export interface PointsCalculatorEventMap extends HTMLElementEventMap {
  "points-verified": CustomEvent<PointsVerifiedDetail>;
  "points-result": CustomEvent<PointsResultDetail>;
  "points-projection": CustomEvent<PointsProjectionDetail>;
  "points-error": CustomEvent<PointsErrorDetail>;
}

/** One language's text: strings, or `{ one, other }` chosen by plural rules. Replace or extend `PointsCalculator.i18n`. */
export type PointsCalculatorText = Record<string, string | Record<string, string>>;

export declare const i18n: Record<string, PointsCalculatorText>;

/** An attribute's value as its property gives it: the attribute's text, or null when absent. */
type Reflected = string | null;

export declare class PointsCalculator extends HTMLElement {
  static i18n: Record<string, PointsCalculatorText>;
  static readonly observedAttributes: string[];
  /** Registers the element (once) under `name`; the module already did so as `points-calculator`. */
  static define(name?: string): void;
  /** Where the engine's wasm and the projection worker are; the module already said. */
  static locate(files: { wasm?: URL; worker?: URL }): void;

  /** The purchase amount as typed (friendly forms allowed); setting it recomputes. */
  get amount(): string;
  set amount(value: string | number);
  /** The points held, for the "my points" task, and what was spent and received (optional). */
  get points(): string;
  set points(value: string | number);
  get spent(): string;
  set spent(value: string | number);
  get received(): string;
  set received(value: string | number);
  /** The task shown; any other value throws a TypeError. */
  task: "purchase" | "points" | "check";
  /** The language in force: `lang` on the element or its nearest ancestor. */
  readonly locale: "zh-CN" | "en";

  // A property for every observed attribute, reflecting it (null removes it).
  get pool(): Reflected;
  set pool(value: string | number | null | undefined);
  get supply(): Reflected;
  set supply(value: string | number | null | undefined);
  get stateSrc(): Reflected;
  set stateSrc(value: string | null | undefined);
  get logSrc(): Reflected;
  set logSrc(value: string | null | undefined);
  get logKey(): Reflected;
  set logKey(value: string | null | undefined);
  get poolRate(): Reflected;
  set poolRate(value: string | null | undefined);
  get grantRate(): Reflected;
  set grantRate(value: string | null | undefined);
  get initialPrice(): Reflected;
  set initialPrice(value: string | null | undefined);
  get payoutRate(): Reflected;
  set payoutRate(value: string | null | undefined);
  get redeemRate(): Reflected;
  set redeemRate(value: string | null | undefined);
  get exitMultiple(): Reflected;
  set exitMultiple(value: string | null | undefined);
  /** `"2 down"`, `"2 halfUp"`, `"2 halfEven"` or `"exact"`: the platform's rounding of money, points, prices. */
  get roundingMoney(): Reflected;
  set roundingMoney(value: string | null | undefined);
  get roundingPoints(): Reflected;
  set roundingPoints(value: string | null | undefined);
  get roundingPrice(): Reflected;
  set roundingPrice(value: string | null | undefined);
  get ordersPerDay(): Reflected;
  set ordersPerDay(value: string | number | null | undefined);
  get averageOrder(): Reflected;
  set averageOrder(value: string | null | undefined);
  get orderGrowth(): Reflected;
  set orderGrowth(value: string | null | undefined);
  get withdrawRate(): Reflected;
  set withdrawRate(value: string | null | undefined);
  get days(): Reflected;
  set days(value: string | number | null | undefined);
  get theme(): Reflected;
  set theme(value: "light" | "dark" | null | undefined);

  addEventListener<K extends keyof PointsCalculatorEventMap>(
    type: K,
    listener: (this: PointsCalculator, event: PointsCalculatorEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PointsCalculatorEventMap>(
    type: K,
    listener: (this: PointsCalculator, event: PointsCalculatorEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    "points-calculator": PointsCalculator;
  }
}
