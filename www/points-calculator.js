// <points-calculator>: the member's calculator for a consumption-appreciation points
// pool (消费增值 / 绿色积分). One ES module a merchant includes with one tag:
//
//   <script type="module" src="/points/points-calculator.js"></script>
//   <points-calculator pool="3000" supply="579.93" lang="zh-CN"></points-calculator>
//
// Every figure comes from the exact engine (WebAssembly, loaded once per page);
// this file only normalizes what people type, lays out the numbers and draws the chart.
// It runs under `Content-Security-Policy: default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'`: no innerHTML, no inline styles (a constructed stylesheet), no
// network traffic but the optional same-origin `state-src`, no storage, no globals.

import init, { PointsPool } from "./pkg/points_pool.js";

let engine;
/** Loads the engine once, however many elements the page holds. */
function loadEngine() {
  engine ??= init({ module_or_path: new URL("./pkg/points_pool_bg.wasm", import.meta.url) });
  return engine;
}

const CONFIG_ATTRIBUTES = {
  "pool-rate": "poolRate",
  "grant-rate": "grantRate",
  "initial-price": "initialPrice",
  "payout-rate": "payoutRate",
  "redeem-rate": "redeemRate",
  "exit-multiple": "exitMultiple",
};
const SCENARIO_DEFAULTS = { "orders-per-day": "100", "average-order": "100", "order-growth": "0", "withdraw-rate": "0.01", days: "30" };
const PROJECTION_DAYS = 365;
const WAVE_SHARE = "0.3"; // the engine's withdrawalWave preset
/** The Monte Carlo band: runs and a fixed seed, so every member sees the same band. */
const MONTE_CARLO = { runs: 400, seed: 1 };

/** Localized text. Replace `PointsCalculator.i18n[lang]` to change or add a language. */
export const i18n = {
  "zh-CN": {
    title: "积分计算器",
    loading: "正在载入计算引擎…",
    purchaseTab: "消费",
    pointsTab: "我的积分",
    amountLabel: "消费金额（元）",
    amountHint: "例如 100、¥1,000.50、１００元",
    pointsLabel: "持有积分",
    spentLabel: "累计消费（元，可选）",
    receivedLabel: "累计已提现与兑换（元，可选）",
    pointsGranted: "获得积分",
    priceNow: "积分价格",
    priceMove: "{before} → {after}",
    valueNow: "积分现值",
    cashOutNow: "现在全部提现可得",
    retained: "其中 {retained} 留在池中",
    capLeft: "距两倍出局上限还可得",
    noCap: "无出局上限",
    factCut: "提现只付 {payout}%：现值 {value} 的积分，提现到手 {cash}，其余 {rest} 留在池中。",
    factOthers: "积分价格只在他人消费或提现时上涨；没有新的消费，你的积分不会增值。",
    factBreakEven: "价格需涨到现在的 {times} 倍，提现才能收回你的消费 {spent}。",
    factCap: "价格涨到现在的 {times} 倍时达到出局上限 {cap}，之后全部积分清零出局。",
    factNoBreakEven: "填写累计消费，可算出价格需上涨多少倍才能回本。",
    projection: "情景预测（不是承诺）",
    horizon: "期限",
    daysUnit: "{days} 天",
    projected: "按商家设定的情景，{days} 天后积分价值 {value}，提现可得 {cash}。",
    scenarioMerchant: "商家情景：每天 {orders} 单，每单 {average}",
    scenarioStop: "压力情景：消费停止",
    scenarioWave: "压力情景：首日 {share}% 积分集中提现",
    chartLabel: "{days} 天内三种情景下积分价值的走势",
    band: "随机模拟 10%–90% 区间（{runs} 次，种子 {seed}）",
    bandReach: "在 {runs} 次随机模拟中，{share}% 的情形下提现可得在一年内达到你的消费 {spent}。",
    disclaimer: "以上为按假设情景计算的估算，取决于他人未来的消费，不是收益承诺。",
    computing: "正在计算情景（{done}/{of}）…",
    cancel: "取消",
    cancelled: "情景计算已取消。",
    recompute: "重新计算",
    stateError: "无法读取积分池数据：{reason}",
    enterAmount: "请输入消费金额",
    enterPoints: "请输入持有积分",
    errors: {
      invalid_decimal: "请输入数字，例如 100 或 99.5",
      amount_must_be_positive: "金额必须大于 0",
      amount_too_large: "金额不能超过 1 万亿元",
      too_many_decimals: "小数位数太多",
      points_must_be_positive: "积分必须大于 0",
      insufficient_points: "积分超过了全网流通的积分",
      invalid_config: "商家参数设置有误",
      invalid_snapshot: "积分池数据无效",
      invalid_scenario: "预测情景设置有误",
      limit_exceeded: "数额超出了计算范围",
      default: "无法计算：{message}",
    },
  },
  en: {
    title: "Points calculator",
    loading: "Loading the calculator…",
    purchaseTab: "Purchase",
    pointsTab: "My points",
    amountLabel: "Purchase amount (CNY)",
    amountHint: "e.g. 100, ¥1,000.50",
    pointsLabel: "Points held",
    spentLabel: "Total spent (CNY, optional)",
    receivedLabel: "Total cashed out and redeemed (CNY, optional)",
    pointsGranted: "Points granted",
    priceNow: "Point price",
    priceMove: "{before} → {after}",
    valueNow: "Value now",
    cashOutNow: "Cash out everything now",
    retained: "{retained} of it stays in the pool",
    capLeft: "Left before the 2× exit cap",
    noCap: "No exit cap",
    factCut: "Cashing out pays {payout}%: points worth {value} pay {cash}; the other {rest} stays in the pool.",
    factOthers: "The price rises only when others buy or cash out; without new purchases your points do not gain.",
    factBreakEven: "The price must reach {times}× today's for a cash-out to return your {spent}.",
    factCap: "At {times}× today's price you reach the exit cap of {cap}; then every point is burned and you exit.",
    factNoBreakEven: "Enter what you spent to see how far the price must rise for you to break even.",
    projection: "Scenarios (not a promise)",
    horizon: "Horizon",
    daysUnit: "{days} days",
    projected: "Under the merchant's scenario, after {days} days your points are worth {value}; cashing out pays {cash}.",
    scenarioMerchant: "Merchant's scenario: {orders} orders a day of {average}",
    scenarioStop: "Stress: orders stop",
    scenarioWave: "Stress: {share}% of points cashed out on day 1",
    chartLabel: "Value of your points over {days} days in three scenarios",
    band: "Random simulation, 10%–90% range ({runs} runs, seed {seed})",
    bandReach: "In {share}% of {runs} random simulations, cashing out reaches what you spent ({spent}) within a year.",
    disclaimer: "Estimates under stated scenarios. They depend on other people's future purchases and are not a promise of return.",
    computing: "Computing scenarios ({done}/{of})…",
    cancel: "Cancel",
    cancelled: "Scenario computation cancelled.",
    recompute: "Compute again",
    stateError: "Cannot read the pool's data: {reason}",
    enterAmount: "Enter a purchase amount",
    enterPoints: "Enter the points you hold",
    errors: {
      invalid_decimal: "Enter a number such as 100 or 99.5",
      amount_must_be_positive: "The amount must be more than 0",
      amount_too_large: "The amount must be at most 1,000,000,000,000",
      too_many_decimals: "Too many decimals",
      points_must_be_positive: "Points must be more than 0",
      insufficient_points: "That is more than all the points in circulation",
      invalid_config: "The merchant's parameters are invalid",
      invalid_snapshot: "The pool's data is invalid",
      invalid_scenario: "The projection scenario is invalid",
      limit_exceeded: "The numbers are beyond what can be computed",
      default: "Cannot compute: {message}",
    },
  },
};

/**
 * Turns what people type into the engine's plain decimal: full-width digits and
 * punctuation, currency signs, 元, thousands separators and spaces are accepted.
 * Anything else is left for the engine to refuse with a code.
 */
export function normalizeAmount(text) {
  return String(text)
    .replace(/[\uFF10-\uFF19]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, ".")
    .replace(/[\s\u3000,，_']/g, "")
    .replace(/^(?:[¥￥]|RMB|CNY)/i, "")
    .replace(/(?:元|块|RMB|CNY)$/i, "");
}

const STYLES = `
:host {
  --pp-bg: #ffffff; --pp-fg: #1f2328; --pp-muted: #59636e; --pp-border: #d1d9e0;
  --pp-accent: #c2410c; --pp-accent-fg: #ffffff; --pp-error: #b42318; --pp-surface: #f6f8fa;
  --pp-stress-1: #2563eb; --pp-stress-2: #7c3aed;
  --pp-radius: 12px; --pp-font: system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  display: block; box-sizing: border-box; max-width: 40rem; color: var(--pp-fg); font-family: var(--pp-font);
  font-size: 16px; line-height: 1.5;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --pp-bg: #0d1117; --pp-fg: #e6edf3; --pp-muted: #9198a1; --pp-border: #3d444d; --pp-accent: #fb923c;
    --pp-accent-fg: #111111; --pp-error: #ff8182; --pp-surface: #151b23; --pp-stress-1: #60a5fa; --pp-stress-2: #c4b5fd;
  }
}
:host([theme="dark"]) {
  --pp-bg: #0d1117; --pp-fg: #e6edf3; --pp-muted: #9198a1; --pp-border: #3d444d; --pp-accent: #fb923c;
  --pp-accent-fg: #111111; --pp-error: #ff8182; --pp-surface: #151b23; --pp-stress-1: #60a5fa; --pp-stress-2: #c4b5fd;
}
*, *::before, *::after { box-sizing: inherit; }
.card { background: var(--pp-bg); border: 1px solid var(--pp-border); border-radius: var(--pp-radius); padding: 16px; }
h2 { margin: 0 0 12px; font-size: 1.25rem; }
h3 { margin: 16px 0 8px; font-size: 1.05rem; }
[role="tablist"] { display: flex; gap: 8px; margin-bottom: 12px; }
[role="tab"] {
  flex: 1; min-height: 44px; border: 1px solid var(--pp-border); border-radius: 999px; background: var(--pp-surface);
  color: var(--pp-fg); font: inherit; cursor: pointer;
}
[role="tab"][aria-selected="true"] { background: var(--pp-accent); border-color: var(--pp-accent); color: var(--pp-accent-fg); font-weight: 600; }
[role="tab"]:focus-visible, input:focus-visible { outline: 3px solid var(--pp-accent); outline-offset: 2px; }
label { display: block; margin: 8px 0; color: var(--pp-muted); font-size: 0.9rem; }
input[type="text"] {
  display: block; width: 100%; min-height: 44px; margin-top: 4px; padding: 8px 12px; font: inherit; font-size: 1.1rem;
  color: var(--pp-fg); background: var(--pp-bg); border: 1px solid var(--pp-border); border-radius: 8px;
}
input[type="range"] { width: 100%; min-height: 44px; accent-color: var(--pp-accent); }
.hint { font-size: 0.8rem; color: var(--pp-muted); }
[part="error"] { color: var(--pp-error); font-weight: 600; margin: 8px 0; }
dl { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 6px 12px; margin: 12px 0; }
dt { color: var(--pp-muted); }
dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; overflow-wrap: anywhere; }
dd small { display: block; font-weight: 400; color: var(--pp-muted); }
.facts { margin: 8px 0; padding: 12px 12px 12px 28px; background: var(--pp-surface); border-radius: 8px; font-size: 0.9rem; }
.facts li + li { margin-top: 4px; }
svg { display: block; width: 100%; max-width: 32rem; height: auto; margin: 8px auto; }
svg text { fill: var(--pp-muted); font-size: 13px; font-family: var(--pp-font); }
.axis { stroke: var(--pp-border); }
.line { fill: none; stroke-width: 2.5; }
.line.merchant { stroke: var(--pp-accent); }
.line.stop { stroke: var(--pp-stress-1); stroke-dasharray: 6 4; }
.line.wave { stroke: var(--pp-stress-2); stroke-dasharray: 2 3; }
.band { fill: var(--pp-accent); fill-opacity: 0.16; stroke: none; }
.legend { list-style: none; margin: 0; padding: 0; font-size: 0.85rem; }
.legend li { display: flex; align-items: center; gap: 8px; }
.swatch { width: 20px; height: 0; border-top: 3px solid var(--pp-accent); flex: none; }
.swatch.stop { border-top: 3px dashed var(--pp-stress-1); }
.swatch.wave { border-top: 3px dotted var(--pp-stress-2); }
.swatch.band { height: 10px; border: 0; background: var(--pp-accent); opacity: 0.3; }
.disclaimer { font-size: 0.8rem; color: var(--pp-muted); }
.working { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; color: var(--pp-muted); }
.working progress { flex: 1; min-width: 8rem; accent-color: var(--pp-accent); }
button.secondary {
  min-height: 44px; padding: 0 16px; border: 1px solid var(--pp-border); border-radius: 999px;
  background: var(--pp-surface); color: var(--pp-fg); font: inherit; cursor: pointer;
}
[hidden] { display: none !important; }
`;

let sheet;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}

/** `el("dd", { part: "value-now" }, "text")`: elements without innerHTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function svg(tag, attributes = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

export class PointsCalculator extends HTMLElement {
  static i18n = i18n;

  static observedAttributes = [
    "pool", "supply", "state-src", "lang", ...Object.keys(CONFIG_ATTRIBUTES), ...Object.keys(SCENARIO_DEFAULTS),
  ];

  /** Registers the element once, however often the module is imported. */
  static define(name = "points-calculator") {
    if (!customElements.get(name)) customElements.define(name, this);
  }

  #ui;
  #task = "purchase";
  #renderQueued = false;
  #snapshot = null;
  #snapshotKey = "";
  #stateError = "";
  #series = null;
  #seriesKey = "";
  #worker = null;
  #jobSpent;
  #job = null;
  #jobCount = 0;

  constructor() {
    super();
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [styleSheet()];
  }

  connectedCallback() {
    if (!this.#ui) this.#build();
    this.#queueRender();
  }

  attributeChangedCallback() {
    this.#queueRender();
  }

  /** The language in force: this element's `lang`, else the nearest ancestor's. */
  get locale() {
    const lang = this.closest("[lang]")?.getAttribute("lang") ?? "zh-CN";
    return lang.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  }

  get #text() {
    return PointsCalculator.i18n[this.locale] ?? i18n["zh-CN"];
  }

  #build() {
    const ui = {};
    const tab = (task) =>
      el("button", { type: "button", role: "tab", id: `${task}-tab`, "aria-controls": `${task}-panel`, part: `${task}-tab` });
    ui.purchaseTab = tab("purchase");
    ui.pointsTab = tab("points");
    const input = (part, id) => el("input", { type: "text", inputmode: "decimal", autocomplete: "off", spellcheck: "false", part, id });
    ui.amount = input("amount-input", "amount");
    ui.points = input("points-input", "points");
    ui.spent = input("spent-input", "spent");
    ui.received = input("received-input", "received");
    ui.amountLabel = el("span");
    ui.amountHint = el("span", { class: "hint", id: "amount-hint" });
    ui.amount.setAttribute("aria-describedby", "amount-hint");
    ui.pointsLabel = el("span");
    ui.spentLabel = el("span");
    ui.receivedLabel = el("span");
    ui.purchasePanel = el("section", { role: "tabpanel", id: "purchase-panel", "aria-labelledby": "purchase-tab" },
      el("label", { for: "amount" }, ui.amountLabel, ui.amount, ui.amountHint));
    ui.pointsPanel = el("section", { role: "tabpanel", id: "points-panel", "aria-labelledby": "points-tab" },
      el("label", { for: "points" }, ui.pointsLabel, ui.points),
      el("label", { for: "spent" }, ui.spentLabel, ui.spent),
      el("label", { for: "received" }, ui.receivedLabel, ui.received));
    ui.error = el("p", { part: "error", role: "alert" });
    ui.status = el("p", { class: "hint", part: "status" });
    ui.results = el("dl", { part: "results" });
    ui.facts = el("ul", { class: "facts", part: "facts" });
    ui.live = el("div", { "aria-live": "polite", "aria-atomic": "true" }, ui.status, ui.results, ui.facts);
    ui.projectionTitle = el("h3");
    ui.horizon = el("input", { type: "range", min: "7", max: String(PROJECTION_DAYS), step: "1", id: "horizon", part: "horizon" });
    ui.horizonLabel = el("span");
    ui.horizonOutput = el("output", { for: "horizon" });
    ui.projected = el("p", { part: "projected-value" });
    ui.chart = svg("svg", { part: "chart", role: "img", viewBox: "0 0 320 180", preserveAspectRatio: "xMidYMid meet" });
    ui.legend = el("ul", { class: "legend" });
    ui.disclaimer = el("p", { class: "disclaimer" });
    ui.progress = el("progress", { part: "projection-progress", max: "3", value: "0" });
    ui.progressText = el("span");
    ui.cancel = el("button", { type: "button", part: "projection-cancel", class: "secondary" });
    ui.recompute = el("button", { type: "button", part: "projection-recompute", class: "secondary" });
    ui.working = el("div", { class: "working", part: "projection-status", role: "status" }, ui.progressText, ui.progress, ui.cancel, ui.recompute);
    ui.working.hidden = true;
    ui.projection = el("section", { part: "projection" }, ui.projectionTitle,
      el("label", { for: "horizon" }, ui.horizonLabel, " ", ui.horizonOutput, ui.horizon),
      ui.working, ui.projected, ui.chart, ui.legend, ui.disclaimer);
    ui.title = el("h2");
    ui.card = el("div", { class: "card", part: "container" }, ui.title,
      el("div", { role: "tablist" }, ui.purchaseTab, ui.pointsTab),
      ui.purchasePanel, ui.pointsPanel, ui.error, ui.live, ui.projection);
    this.shadowRoot.append(ui.card);

    ui.purchaseTab.addEventListener("click", () => this.#select("purchase"));
    ui.pointsTab.addEventListener("click", () => this.#select("points"));
    for (const tabButton of [ui.purchaseTab, ui.pointsTab]) {
      tabButton.addEventListener("keydown", (event) => {
        if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
          this.#select(this.#task === "purchase" ? "points" : "purchase");
          (this.#task === "purchase" ? ui.purchaseTab : ui.pointsTab).focus();
        }
      });
    }
    for (const field of [ui.amount, ui.points, ui.spent, ui.received]) field.addEventListener("input", () => this.#queueRender());
    ui.horizon.addEventListener("input", () => this.#drawProjection());
    ui.cancel.addEventListener("click", () => this.#cancelProjection());
    ui.recompute.addEventListener("click", () => {
      this.#seriesKey = "";
      this.#queueRender();
    });
    ui.horizon.value = this.getAttribute("days") ?? SCENARIO_DEFAULTS.days;
    this.#ui = ui;
  }

  #select(task) {
    this.#task = task;
    this.#queueRender();
  }

  /** Batches every change in one microtask, as relative-time-element does. */
  #queueRender() {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      this.#render().catch((error) => this.#showError(error));
    });
  }

  async #render() {
    if (!this.#ui) return;
    const text = this.#text;
    this.#renderLabels(text);
    await loadEngine();
    const snapshot = await this.#currentSnapshot();
    this.#ui.status.textContent = "";
    if (!snapshot) {
      this.#clearResults();
      this.#ui.error.textContent = fill(text.stateError, { reason: this.#stateError });
      this.#ui.error.hidden = false;
      return;
    }
    this.#ui.error.hidden = true;
    this.#ui.error.textContent = "";
    try {
      const position = this.#task === "purchase" ? this.#purchasePosition(snapshot) : this.#holdingPosition(snapshot);
      if (!position) {
        this.#clearResults();
        this.#ui.status.textContent = this.#task === "purchase" ? text.enterAmount : text.enterPoints;
        return;
      }
      this.#renderResults(position);
      this.#project(position);
    } catch (error) {
      this.#clearResults();
      this.#showError(error);
    }
  }

  #renderLabels(text) {
    const ui = this.#ui;
    ui.title.textContent = text.title;
    ui.purchaseTab.textContent = text.purchaseTab;
    ui.pointsTab.textContent = text.pointsTab;
    ui.purchaseTab.setAttribute("aria-selected", String(this.#task === "purchase"));
    ui.pointsTab.setAttribute("aria-selected", String(this.#task === "points"));
    ui.purchaseTab.tabIndex = this.#task === "purchase" ? 0 : -1;
    ui.pointsTab.tabIndex = this.#task === "points" ? 0 : -1;
    ui.purchasePanel.hidden = this.#task !== "purchase";
    ui.pointsPanel.hidden = this.#task !== "points";
    ui.amountLabel.textContent = text.amountLabel;
    ui.amountHint.textContent = text.amountHint;
    ui.pointsLabel.textContent = text.pointsLabel;
    ui.spentLabel.textContent = text.spentLabel;
    ui.receivedLabel.textContent = text.receivedLabel;
    ui.projectionTitle.textContent = text.projection;
    ui.horizonLabel.textContent = text.horizon;
    ui.horizonOutput.textContent = fill(text.daysUnit, { days: ui.horizon.value });
    ui.disclaimer.textContent = text.disclaimer;
    ui.cancel.textContent = text.cancel;
    ui.recompute.textContent = text.recompute;
    if (!engine) ui.status.textContent = text.loading;
  }

  #config() {
    const config = {};
    for (const [attribute, field] of Object.entries(CONFIG_ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value === null) continue;
      config[field] = field === "exitMultiple" && /^(none|null)$/i.test(value.trim()) ? null : value.trim();
    }
    return config;
  }

  /** The pool as a public snapshot: fetched from `state-src`, or built from `pool` and `supply`. */
  async #currentSnapshot() {
    const source = this.getAttribute("state-src");
    const config = this.#config();
    const key = JSON.stringify([source, this.getAttribute("pool"), this.getAttribute("supply"), config]);
    if (key === this.#snapshotKey) return this.#snapshot;
    let snapshot;
    this.#stateError = "";
    try {
      if (source) {
        snapshot = await this.#fetchSnapshot(source);
        if (Object.keys(config).length) snapshot = { ...snapshot, config: { ...snapshot.config, ...config } };
      } else {
        const pool = (this.getAttribute("pool") ?? "0").trim();
        const supply = (this.getAttribute("supply") ?? "0").trim();
        snapshot = {
          format: "points-pool/1", config, pool, supply, orders: 0,
          totals: { contributed: pool, paidOut: "0", redeemed: "0" },
        };
      }
      PointsPool.fromSnapshot(snapshot).free(); // validates: a bad snapshot throws here, once
    } catch (error) {
      this.#stateError = this.#messageFor(error);
      snapshot = null;
    }
    this.#snapshotKey = key;
    this.#snapshot = snapshot;
    this.#seriesKey = "";
    return snapshot;
  }

  async #fetchSnapshot(source) {
    const url = new URL(source, document.baseURI);
    if (url.origin !== location.origin) throw new Error(`state-src must be on ${location.origin}`);
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new Error(`${url.pathname}: not JSON`);
    }
  }

  /** Buys `amount` on a throwaway copy of the pool: the receipt and position are exact. */
  #purchasePosition(snapshot) {
    const typed = normalizeAmount(this.#ui.amount.value);
    if (typed === "") return null;
    const pool = PointsPool.fromSnapshot(snapshot);
    try {
      const receipt = pool.purchase("you", typed);
      const view = pool.member("you");
      return { kind: "purchase", receipt, view, after: pool.publicSnapshot(), spent: typed, received: "0" };
    } finally {
      pool.free();
    }
  }

  #holdingPosition(snapshot) {
    const points = normalizeAmount(this.#ui.points.value);
    if (points === "") return null;
    const spent = normalizeAmount(this.#ui.spent.value) || undefined;
    const received = normalizeAmount(this.#ui.received.value) || undefined;
    const pool = PointsPool.fromSnapshot(snapshot);
    try {
      const view = pool.holding(points, spent, received);
      return { kind: "points", view, price: pool.state().price, after: snapshot, spent, received };
    } finally {
      pool.free();
    }
  }

  #format(kind, value) {
    const locale = this.locale;
    if (kind === "money") {
      return new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);
    }
    // Points and prices: four decimals for reading; the exact figure is in data-exact.
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value);
  }

  /** A result cell: rounded for reading, the exact engine figure in `data-exact` and the tooltip. */
  #cell(part, kind, value, note) {
    const cell = el("dd", { "data-exact": value, title: value }, this.#format(kind, value));
    if (part) cell.setAttribute("part", part);
    if (note) cell.append(el("small", {}, note));
    return cell;
  }

  #renderResults(position) {
    const text = this.#text;
    const { view } = position;
    const rows = [];
    if (position.kind === "purchase") {
      const { receipt } = position;
      rows.push([text.pointsGranted, this.#cell("points-granted", "points", receipt.pointsGranted)]);
      const move = fill(text.priceMove, { before: this.#format("price", receipt.priceBefore), after: this.#format("price", receipt.priceAfter) });
      rows.push([text.priceNow, el("dd", { "data-exact": receipt.priceAfter, title: receipt.priceAfter }, move)]);
    } else {
      rows.push([text.priceNow, this.#cell("", "price", position.price)]);
    }
    rows.push([text.valueNow, this.#cell("value-now", "money", view.value)]);
    const retained = this.#subtract(view.value, view.cashOutValue);
    rows.push([text.cashOutNow, this.#cell("cash-out-now", "money", view.cashOutValue, fill(text.retained, { retained: this.#format("money", retained) }))]);
    rows.push([text.capLeft, view.capLeft === null ? el("dd", {}, text.noCap) : this.#cell("cap-left", "money", view.capLeft)]);
    this.#ui.results.replaceChildren(...rows.flatMap(([label, cell]) => [el("dt", {}, label), cell]));

    const payoutPercent = this.#percent(this.#payoutRate());
    const facts = [
      fill(text.factCut, { payout: payoutPercent, value: this.#format("money", view.value), cash: this.#format("money", view.cashOutValue), rest: this.#format("money", retained) }),
      text.factOthers,
    ];
    if (view.breakEvenMultiple) {
      facts.push(fill(text.factBreakEven, { times: this.#times(view.breakEvenMultiple), spent: this.#format("money", position.spent) }));
    } else if (position.kind === "points") {
      facts.push(text.factNoBreakEven);
    }
    if (view.capMultiple && view.capLeft) {
      facts.push(fill(text.factCap, { times: this.#times(view.capMultiple), cap: this.#format("money", view.capLeft) }));
    }
    this.#ui.facts.replaceChildren(...facts.map((fact) => el("li", {}, fact)));
    this.#ui.facts.hidden = false;
    this.#ui.projection.hidden = false;
  }

  /** A display difference of two exact money strings (value − cash-out = what stays behind). */
  #subtract(a, b) {
    const scale = Math.max(...[a, b].map((x) => (x.split(".")[1] ?? "").length));
    const units = (x) => BigInt(x.replace(".", "") + "0".repeat(scale - (x.split(".")[1] ?? "").length));
    const difference = units(a) - units(b);
    const sign = difference < 0n ? "-" : "";
    const digits = (difference < 0n ? -difference : difference).toString().padStart(scale + 1, "0");
    return scale ? `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}` : `${sign}${digits}`;
  }

  #payoutRate() {
    return this.getAttribute("payout-rate") ?? this.#snapshot?.config?.payoutRate ?? "0.8";
  }

  #percent(rate) {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: 2 }).format(rate * 100);
  }

  #times(multiple) {
    return new Intl.NumberFormat(this.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(multiple);
  }

  #scenario() {
    const value = (name) => (this.getAttribute(name) ?? SCENARIO_DEFAULTS[name]).trim();
    return {
      ordersPerDay: value("orders-per-day"),
      averageOrder: value("average-order"),
      orderGrowth: value("order-growth"),
      withdrawRate: value("withdraw-rate"),
    };
  }

  /**
   * The merchant's scenario and two stress lines, a year ahead, computed once in a Web
   * Worker (the page never waits for them); the slider only re-draws. A new input
   * cancels a running job.
   */
  #project(position) {
    const base = this.#scenario();
    const member = { points: position.view.points };
    if (position.spent !== undefined) member.spent = position.spent;
    if (position.received !== undefined) member.received = position.received;
    const key = JSON.stringify([position.after, base, member]);
    if (key === this.#seriesKey && (this.#series || this.#job)) {
      if (this.#series) this.#drawProjection();
      return;
    }
    this.#cancelProjection({ quietly: true });
    this.#seriesKey = key;
    this.#series = null;
    const scenario = (changes) => ({ days: PROJECTION_DAYS, ...base, ...member, ...changes });
    const scenarios = [
      ["merchant", scenario({})],
      ["stop", scenario({ stress: "ordersStop" })],
      ["wave", scenario({ stress: "withdrawalWave" })],
    ];
    const id = ++this.#jobCount;
    this.#job = id;
    this.#jobSpent = member.spent;
    this.#showProgress(0, scenarios.length + 1);
    this.#worker ??= this.#startWorker();
    const monteCarlo = { scenario: scenario({}), options: MONTE_CARLO };
    this.#worker.postMessage({ id, snapshot: position.after, scenarios, monteCarlo });
  }

  #startWorker() {
    const worker = new Worker(new URL("./projection-worker.js", import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      if (data.id !== this.#job) return; // a cancelled job's late word
      if (data.error) {
        this.#job = null;
        this.#ui.working.hidden = true;
        this.#showError(data.error);
      } else if (data.results) {
        this.#job = null;
        this.#ui.working.hidden = true;
        this.#series = { base: this.#scenario(), spent: this.#jobSpent, ...data.results, band: data.band };
        this.#drawProjection();
      } else {
        this.#showProgress(data.done, data.of);
      }
    };
    return worker;
  }

  /** Stops a running projection: the worker is ended, and a fresh one starts on the next job. */
  #cancelProjection({ quietly = false } = {}) {
    if (this.#job === null) return;
    this.#job = null;
    this.#worker?.terminate();
    this.#worker = null;
    if (quietly) return;
    this.#seriesKey = "";
    const ui = this.#ui;
    ui.progressText.textContent = this.#text.cancelled;
    ui.progress.hidden = true;
    ui.cancel.hidden = true;
    ui.recompute.hidden = false;
  }

  #showProgress(done, of) {
    const ui = this.#ui;
    ui.working.hidden = false;
    ui.progress.hidden = false;
    ui.cancel.hidden = false;
    ui.recompute.hidden = true;
    ui.progress.max = of;
    ui.progress.value = done;
    ui.progressText.textContent = fill(this.#text.computing, { done, of });
    for (const stale of [ui.projected, ui.chart, ui.legend]) stale.replaceChildren();
    ui.chart.setAttribute("hidden", "");
  }

  #drawProjection() {
    const ui = this.#ui;
    const series = this.#series;
    const text = this.#text;
    const days = Number(ui.horizon.value);
    ui.horizonOutput.textContent = fill(text.daysUnit, { days });
    if (!series) return;
    ui.chart.removeAttribute("hidden");
    const end = series.merchant[days];
    ui.projected.textContent = fill(text.projected, { days, value: this.#format("money", end.value), cash: this.#format("money", end.cashOutValue) });
    ui.projected.dataset.exact = end.value;
    const band = series.band;
    if (band && band.reachesSpent !== null) {
      ui.projected.append(" ", fill(text.bandReach, { runs: band.runs, share: this.#percent(band.reachesSpent), spent: this.#format("money", series.spent) }));
    }
    const lines = [
      ["merchant", series.merchant, fill(text.scenarioMerchant, { orders: this.#format("points", series.base.ordersPerDay), average: this.#format("money", series.base.averageOrder) })],
      ["stop", series.stop, text.scenarioStop],
      ["wave", series.wave, fill(text.scenarioWave, { share: this.#percent(WAVE_SHARE) })],
    ];
    this.#drawChart(lines, days, band?.days);
    ui.chart.setAttribute("aria-label", fill(text.chartLabel, { days }));
    const items = lines.map(([name, rows, label]) =>
      el("li", {}, el("span", { class: `swatch ${name}` }), `${label}: ${this.#format("money", rows[days].value)}`));
    if (band) {
      const { p10, p90 } = band.days[days].value;
      const range = `${this.#format("money", p10)} – ${this.#format("money", p90)}`;
      items.push(el("li", { part: "band" }, el("span", { class: "swatch band" }), `${fill(text.band, { runs: band.runs, seed: band.seed })}: ${range}`));
    }
    ui.legend.replaceChildren(...items);
  }

  /** Value over the horizon, one polyline a scenario and the simulated band behind them; numbers become pixels only here. */
  #drawChart(lines, days, band) {
    const [width, height, left, right, top, bottom] = [320, 180, 48, 8, 10, 24];
    const values = lines.flatMap(([, rows]) => rows.slice(0, days + 1).map((row) => Number(row.value)));
    if (band) values.push(...band.slice(0, days + 1).map((row) => Number(row.value.p90)));
    const high = Math.max(...values) * 1.05 || 1;
    const low = Math.min(0, ...values);
    const x = (day) => left + ((width - left - right) * day) / days;
    const y = (value) => top + (height - top - bottom) * (1 - (value - low) / (high - low));
    const children = [
      svg("line", { class: "axis", x1: left, y1: y(low), x2: width - right, y2: y(low) }),
      svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: y(low) }),
    ];
    const label = (content, attributes) => {
      const node = svg("text", attributes);
      node.textContent = content;
      return node;
    };
    children.push(label(this.#format("money", String(high.toFixed(2))), { x: left - 4, y: top + 8, "text-anchor": "end" }));
    children.push(label(this.#format("money", "0"), { x: left - 4, y: y(low), "text-anchor": "end" }));
    children.push(label("0", { x: left, y: height - 6, "text-anchor": "start" }));
    children.push(label(fill(this.#text.daysUnit, { days }), { x: width - right, y: height - 6, "text-anchor": "end" }));
    const step = Math.max(1, Math.floor(days / 120));
    if (band) {
      const sampled = [];
      for (let day = 0; day <= days; day += step) sampled.push(day);
      if ((days % step) !== 0) sampled.push(days);
      const edge = (which) => sampled.map((day) => `${x(day).toFixed(1)},${y(Number(band[day].value[which])).toFixed(1)}`);
      children.push(svg("polygon", { class: "band", points: [...edge("p90"), ...edge("p10").reverse()].join(" ") }));
    }
    for (const [name, rows] of lines) {
      const points = [];
      for (let day = 0; day <= days; day += step) points.push(`${x(day).toFixed(1)},${y(Number(rows[day].value)).toFixed(1)}`);
      if ((days % step) !== 0) points.push(`${x(days).toFixed(1)},${y(Number(rows[days].value)).toFixed(1)}`);
      children.push(svg("polyline", { class: `line ${name}`, points: points.join(" ") }));
    }
    this.#ui.chart.replaceChildren(...children);
  }

  #clearResults() {
    this.#cancelProjection({ quietly: true });
    this.#series = null;
    this.#seriesKey = "";
    this.#ui.results.replaceChildren();
    this.#ui.facts.replaceChildren();
    this.#ui.facts.hidden = true;
    this.#ui.projection.hidden = true;
  }

  #messageFor(error) {
    const messages = this.#text.errors;
    if (error?.name === "PoolError") return messages[error.code] ?? fill(messages.default, { message: error.message });
    return error?.message ?? String(error);
  }

  #showError(error) {
    this.#ui.error.textContent = this.#messageFor(error);
    this.#ui.error.hidden = false;
    this.#ui.error.dataset.code = error?.code ?? "";
  }
}

PointsCalculator.define();
