// Types for `points-pool/element`: the <points-calculator> element (points-calculator.js).
// scripts/package-meta.mjs copies this beside the element in the npm package (www/pkg).
// Importing the module defines the element; every figure in an event is the engine's exact string.
import type { CheckReport, Config, MemberView, MonteCarlo, Projection, PurchaseReceipt } from "./pkg/points_pool.js";

/** `points-result`: a purchase quote or a held position, recomputed on every input. */
export type PointsResultDetail =
  | {
      task: "purchase" | "points";
      /** The purchase's receipt ("purchase" task), else null. */
      receipt: PurchaseReceipt | null;
      /** The member's position after the purchase, or for the points held. */
      view: MemberView;
      config: Config;
    }
  | {
      task: "check";
      /** The engine's check of the member's lines (docs/formats.md §5). */
      report: CheckReport;
    };

/** `points-projection`: the worker's year ahead, the merchant's scenario and two stress presets. */
export interface PointsProjectionDetail {
  projections: { merchant: Projection; stop: Projection; wave: Projection };
  /** The Monte Carlo band behind the merchant's line; null when the pool cannot run one (a rounded pool). */
  band: MonteCarlo | null;
}

/** `points-error`: what the element showed the member, by the engine's stable `code` and `field`. */
export interface PointsErrorDetail {
  code: string | null;
  field: string | null;
  /** For a line of the Check task: its number and what was wrong with it. */
  line?: number | null;
  problem?: string | null;
}

export interface PointsCalculatorEventMap extends HTMLElementEventMap {
  "points-result": CustomEvent<PointsResultDetail>;
  "points-projection": CustomEvent<PointsProjectionDetail>;
  "points-error": CustomEvent<PointsErrorDetail>;
}

/** One language's text: strings, and `errors` by code. Replace or extend `PointsCalculator.i18n`. */
export type PointsCalculatorText = Record<string, string | Record<string, string>>;

export declare const i18n: Record<string, PointsCalculatorText>;

/** What people type (full-width digits, ¥, 元, separators) as the engine's plain decimal. */
export declare function normalizeAmount(text: string): string;

export declare class PointsCalculator extends HTMLElement {
  static i18n: Record<string, PointsCalculatorText>;
  static readonly observedAttributes: string[];
  /** Registers the element (once) under `name`; the module already did so as `points-calculator`. */
  static define(name?: string): void;

  /** The purchase amount as typed (friendly forms allowed); setting it recomputes. */
  get amount(): string;
  set amount(value: string | number);
  /** The points held, for the "my points" task. */
  get points(): string;
  set points(value: string | number);
  /** The task shown; any other value throws a TypeError. */
  task: "purchase" | "points" | "check";
  /** The published pool (CNY), reflected to the `pool` attribute; null when absent. */
  get pool(): string | null;
  set pool(value: string | number | null | undefined);
  /** Points in circulation, reflected to the `supply` attribute; null when absent. */
  get supply(): string | null;
  set supply(value: string | number | null | undefined);
  /** The language in force: `lang` on the element or its nearest ancestor. */
  readonly locale: "zh-CN" | "en";

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
