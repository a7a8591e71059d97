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

import { el, svg, fill } from "./dom.js";
import init, { PointsPool, checkHistory } from "./pkg-member/points_pool_member.js";
import { buildCheckPanel, checkErrorText, checkText, labelCheckPanel, renderCheck } from "./check-task.js";

let engine;
/** Loads the engine once, however many elements the page holds. */
function loadEngine() {
  engine ??= init({ module_or_path: new URL("./pkg-member/points_pool_member_bg.wasm", import.meta.url) });
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
/** The element's tasks, in tab order. */
const TASKS = ["purchase", "points", "check"];
/**
 * The projection worker. Browsers refuse a module worker from another origin, so when the element
 * is served from a CDN the worker is a same-origin blob that imports the CDN's worker module (the
 * page's CSP then needs `worker-src blob:`; the module and the wasm load with CORS).
 */
function projectionWorker() {
  const url = new URL("./projection-worker.js", import.meta.url);
  if (url.origin === location.origin) return new Worker(url, { type: "module" });
  const source = new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(source);
  try {
    return new Worker(blobUrl, { type: "module" });
  } finally {
    // The worker has its script's URL by now; the blob is not needed again.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
  }
}

/** What `#currentSnapshot` answers when a newer state-src made its answer stale. */
const STALE = Symbol("stale");

/** Why `state-src` could not be used: a `code` the element's text names, never English shown as is. */
class StateError extends Error {
  constructor(code, values) {
    super(code);
    this.name = "StateError";
    this.code = code;
    this.values = values;
  }
}
/** The Monte Carlo band: runs and a fixed seed, so every member sees the same band. */
const MONTE_CARLO = { runs: 400, seed: 1 };
/**
 * Tries at one projection job, each in a fresh worker. WebKit's JavaScriptCore (as in
 * WebKitGTK 2.50; iPhones' browsers all run JavaScriptCore) now and then miscomputes while its
 * concurrent JIT compiles the engine's hottest loop (the Monte Carlo) in a freshly compiled
 * engine: a few runs in a hundred end in "Out of bounds memory access" or a limit_exceeded
 * that no other engine gives, nor the same engine once its code is compiled. A job that fails
 * is tried again in a fresh worker; a real refusal fails every time and is shown.
 */
const PROJECTION_TRIES = 3;

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
    retained: "另有 {cut} 作为提现扣除留在池中",
    forfeited: "另有 {forfeited} 因出局上限作废",
    capLeft: "距出局上限（消费的 {multiple} 倍）还可得",
    capLeftPlain: "距出局上限还可得",
    noCap: "无出局上限",
    capUnknown: "本池有上限（消费的 {multiple} 倍）：填写累计消费后可算",
    factCut: "提现只付 {payout}：现值 {value} 的积分，提现到手 {cash}，扣除的 {rest} 留在池中。",
    factForfeit: "现在提现会达到出局上限：到手 {cash}，超出上限的 {forfeited} 作废，全部积分清零出局。",
    factOthers: "积分价格只在他人消费或提现时上涨；没有新的消费，你的积分不会增值。",
    factBreakEven: "价格需涨到现在的 {times} 倍，已得 {received} 加上提现才能收回你的消费 {spent}。",
    factBreakEvenFresh: "价格需涨到现在的 {times} 倍，提现才能收回你的消费 {spent}。",
    factReceived: "你已得到 {received}，不少于消费 {spent}：已经回本。",
    factCashOutNow: "已得 {received} 加上现在提现 {cash}，不少于消费 {spent}：现在提现即可回本。",
    factNever: "没有积分，价格上涨也无法回本：已得 {received}，消费 {spent}。",
    factCap: "价格涨到现在的 {times} 倍时达到出局上限 {cap}，之后全部积分清零出局。",
    factNoBreakEven: "填写累计消费，可算出价格需上涨多少倍才能回本。",
    factWhole: "所有会员能拿回的现金和商品加在一起，最多是进入积分池的钱：全体消费的 {poolRate}。提现扣除只是把钱留给之后提现的人；拿回超过自己消费 {poolRate} 的会员，拿的是其他会员的钱。",
    projection: "情景预测（不是承诺）",
    horizon: "期限",
    daysUnit: "{days} 天",
    projected: "按商家设定的情景（不是承诺），{days} 天后提现可得 {cash}（积分按价格计 {value}）。",
    exitMark: "第 {day} 天出局",
    fieldNote: "（{field}）",
    exitOn: "按此情景，第 {day} 天提现即达出局上限 {cap}：之后多出的价值不会支付。",
    breakEvenOn: "按此情景，第 {day} 天起提现可回本。",
    scenarioMerchant: "商家情景：每天 {orders} 单，每单 {average}",
    scenarioStop: "压力情景：消费停止",
    scenarioWave: "情景：首日 {share} 积分集中提现（他人提现后价格反而上涨）",
    chartLabel: "{days} 天内三种情景下提现可得的走势",
    band: "围绕商家情景的随机模拟 10%–90% 区间（{runs} 次）",
    bandReach: "这些模拟只在商家所述的订单量附近变化：其中 {share} 的情形下，提现可得在 {days} 天内达到你的消费 {spent}。",
    disclaimer: "以下是按假设情景的估算，不是收益承诺：积分只在他人继续消费时增值，提现要扣除部分，出局上限之外的价值不会支付。",
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
      received_above_cap: "已得金额超过了出局上限",
      state_origin: "state-src 必须与本页同源（{origin}）",
      state_http: "服务器回答 HTTP {status}",
      state_json: "不是 JSON 数据",
      state_fetch: "网络请求失败",
      worker_failed: "情景计算无法启动（后台线程未能载入）",
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
    retained: "besides, {cut} is cut and stays in the pool",
    forfeited: "and {forfeited} is forfeited to the exit cap",
    capLeft: "Left before the exit cap ({multiple}× spending)",
    capLeftPlain: "Left before the exit cap",
    noCap: "No exit cap",
    capUnknown: "This pool caps at {multiple}× spending: enter what you spent to see it",
    factCut: "Cashing out pays {payout}: points worth {value} pay {cash}; the {rest} cut stays in the pool.",
    factForfeit: "Cashing out now reaches the exit cap: you get {cash}, {forfeited} above the cap is forfeited, and every point is burned.",
    factOthers: "The price rises only when others buy or cash out; without new purchases your points do not gain.",
    factBreakEven: "The price must reach {times}× today's for the {received} you received plus a cash-out to return your {spent}.",
    factBreakEvenFresh: "The price must reach {times}× today's for a cash-out to return your {spent}.",
    factReceived: "You have received {received}, at least the {spent} you spent: you are already even.",
    factCashOutNow: "The {received} you received plus {cash} cashed out now return your {spent}: cashing out now breaks even.",
    factNever: "With no points, no rise of the price brings you even: received {received} of {spent} spent.",
    factCap: "At {times}× today's price you reach the exit cap of {cap}; then every point is burned and you exit.",
    factNoBreakEven: "Enter what you spent to see how far the price must rise for you to break even.",
    factWhole: "All that members can ever be paid, in cash and goods together, is what went into the pool: {poolRate} of everything they spent. The cash-out cut only leaves money for those who cash out later; a member who gets back more than {poolRate} of their own spending is paid with other members' money.",
    projection: "Scenarios (not a promise)",
    horizon: "Horizon",
    daysUnit: "{days} days",
    projected: "Under the merchant's scenario (not a promise), cashing out after {days} days pays {cash} (the points are priced at {value}).",
    exitMark: "exit, day {day}",
    fieldNote: " ({field})",
    exitOn: "In this scenario a cash-out reaches the exit cap of {cap} on day {day}: value beyond it is never paid.",
    breakEvenOn: "In this scenario a cash-out breaks even from day {day}.",
    scenarioMerchant: "Merchant's scenario: {orders} orders a day of {average}",
    scenarioStop: "Stress: orders stop",
    scenarioWave: "Scenario: {share} of points cashed out on day 1 (others cashing out raises the price)",
    chartLabel: "What cashing out pays over {days} days in three scenarios",
    band: "Random simulations around the merchant's scenario, 10%–90% range ({runs} runs)",
    bandReach: "These simulations vary only around the merchant's stated order flow: in {share} of them a cash-out reaches what you spent ({spent}) within {days} days.",
    disclaimer: "Estimates under stated scenarios, not a promise of return: points gain only while other people keep buying, cashing out keeps a cut, and value beyond the exit cap is never paid.",
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
      received_above_cap: "That is more than the exit cap lets anyone receive",
      state_origin: "state-src must be on this page's origin ({origin})",
      state_http: "the server answered HTTP {status}",
      state_json: "not JSON data",
      state_fetch: "the request failed",
      worker_failed: "The scenarios cannot start (the background worker did not load)",
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
    .replace(/[\s\u3000]/g, "")
    // Separators only between groups of three digits ("1,000.5"); "1,5" stays as typed and is refused.
    .replace(/^(\D*\d{1,3})((?:[,，_']\d{3})+)(?=\.|\D*$)/, (_, head, groups) => head + groups.replace(/[,，_']/g, ""))
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
dl { display: grid; grid-template-columns: minmax(45%, 1fr) auto; gap: 6px 12px; margin: 12px 0; }
dt { color: var(--pp-muted); }
dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; overflow-wrap: anywhere; }
dd small { display: block; max-width: 13rem; margin-left: auto; font-weight: 400; color: var(--pp-muted); }
.facts { margin: 8px 0; padding: 12px 12px 12px 28px; background: var(--pp-surface); border-radius: 8px; font-size: 0.9rem; }
.facts li + li { margin-top: 4px; }
svg { display: block; width: 100%; max-width: 32rem; height: auto; margin: 8px auto; }
svg text { fill: var(--pp-muted); font-size: 13px; font-family: var(--pp-font); }
.axis { stroke: var(--pp-border); }
.grid { stroke: var(--pp-border); stroke-dasharray: 1 3; }
.exit { stroke: var(--pp-stress-1, currentColor); stroke-dasharray: 4 2; }
.band-reach { display: block; margin-top: 0.25rem; }
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
.disclaimer { margin: 8px 0; padding: 8px 12px; border-left: 4px solid var(--pp-accent); background: var(--pp-surface); color: var(--pp-fg); font-weight: 600; }
.working { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 8px 0; color: var(--pp-muted); }
.working progress { flex: 1; min-width: 8rem; accent-color: var(--pp-accent); }
button.secondary {
  min-height: 44px; padding: 0 16px; border: 1px solid var(--pp-border); border-radius: 999px;
  background: var(--pp-surface); color: var(--pp-fg); font: inherit; cursor: pointer;
}
textarea { display: block; width: 100%; box-sizing: border-box; margin-top: 0.25rem; padding: 0.5rem; font: 0.85rem/1.4 ui-monospace, monospace;
  color: var(--pp-fg); background: var(--pp-bg); border: 1px solid var(--pp-border); border-radius: 8px; }
textarea[aria-invalid="true"] { border-color: var(--pp-error); }
.file { display: block; margin: 0.5rem 0; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0; }
table { border-collapse: collapse; font-size: 0.85rem; min-width: 100%; }
th, td { padding: 0.25rem 0.4rem; border-bottom: 1px solid var(--pp-border); text-align: right; white-space: nowrap; }
th:nth-child(2), td:nth-child(2) { text-align: left; }
.verdict.short { color: var(--pp-error); font-weight: 600; }
.verdict.over { color: var(--pp-stress-2); font-weight: 600; }
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
  /** The state-src load under way: `{ key, promise }`. */
  #loading = null;
  #series = null;
  #seriesKey = "";
  #worker = null;
  #jobSpent;
  #job = null;
  #jobMessage = null;
  #jobTries = 0;
  #jobCount = 0;

  constructor() {
    super();
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [styleSheet()];
  }

  connectedCallback() {
    if (!this.#ui) this.#build();
    this.#queueRender();
  }

  /** Leaving the page ends the projection worker; coming back starts a fresh one when needed. */
  disconnectedCallback() {
    this.#cancelProjection({ quietly: true });
    this.#worker?.terminate();
    this.#worker = null;
  }

  attributeChangedCallback(name, _old, value) {
    if (name === "days" && this.#ui) {
      this.#ui.horizon.value = value ?? SCENARIO_DEFAULTS.days;
      this.#drawProjection();
    }
    this.#queueRender();
  }

  /** The purchase amount as typed (friendly forms allowed); setting it recomputes. */
  get amount() {
    return this.#ui?.amount.value ?? "";
  }

  set amount(value) {
    if (!this.#ui) this.#build();
    this.#ui.amount.value = String(value ?? "");
    this.#queueRender();
  }

  /** The points held, for the "my points" task. */
  get points() {
    return this.#ui?.points.value ?? "";
  }

  set points(value) {
    if (!this.#ui) this.#build();
    this.#ui.points.value = String(value ?? "");
    this.#queueRender();
  }

  /** `"purchase"`, `"points"` or `"check"`: the task shown. */
  get task() {
    return this.#task;
  }

  set task(value) {
    if (!TASKS.includes(value)) throw new TypeError('task must be "purchase", "points" or "check"');
    this.#select(value);
  }

  /** The published pool (CNY) and supply (points), reflected to their attributes. */
  get pool() {
    return this.getAttribute("pool");
  }

  set pool(value) {
    this.#reflect("pool", value);
  }

  get supply() {
    return this.getAttribute("supply");
  }

  set supply(value) {
    this.#reflect("supply", value);
  }

  #reflect(name, value) {
    if (value === null || value === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(value));
  }

  /** Tells the page: `points-result`, `points-projection` and `points-error`, bubbling out of the shadow root. */
  #announce(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  /** The language in force: this element's `lang`, else the nearest ancestor's. */
  get locale() {
    const lang = this.closest("[lang]")?.getAttribute("lang") ?? "zh-CN";
    return lang.toLowerCase().startsWith("en") ? "en" : "zh-CN";
  }

  get #text() {
    return PointsCalculator.i18n[this.locale] ?? i18n["zh-CN"];
  }

  get #checkText() {
    return checkText[this.locale] ?? checkText["zh-CN"];
  }

  /** 核对: the member's lines checked by the engine under this pool's parameters, valued at its price. */
  #renderCheckTask(snapshot) {
    const ui = this.#ui.check;
    const lines = ui.input.value;
    ui.input.removeAttribute("aria-invalid");
    if (lines.trim() === "") {
      ui.results.replaceChildren();
      this.#ui.status.textContent = this.#checkText.enterLines;
      return;
    }
    const pool = PointsPool.fromSnapshot(snapshot);
    let config;
    let price;
    try {
      [config, price] = [pool.config(), pool.state().price];
    } finally {
      pool.free();
    }
    try {
      const report = checkHistory(config, lines, price);
      renderCheck(ui, report, this.#checkText, (kind, value) => this.#format(kind, value), price);
      this.#announce("points-result", { task: "check", report });
    } catch (error) {
      ui.results.replaceChildren();
      ui.input.setAttribute("aria-invalid", "true");
      this.#ui.error.textContent = error?.code === "invalid_ledger" ? checkErrorText(error, this.#checkText) : this.#messageFor(error);
      this.#ui.error.hidden = false;
      this.#ui.error.dataset.code = error?.code ?? "";
      this.#announce("points-error", { code: error?.code ?? null, field: error?.field ?? null, line: error?.line ?? null, problem: error?.problem ?? null });
    }
  }

  #build() {
    const ui = {};
    const tab = (task) =>
      el("button", { type: "button", role: "tab", id: `${task}-tab`, "aria-controls": `${task}-panel`, part: `${task}-tab` });
    ui.purchaseTab = tab("purchase");
    ui.pointsTab = tab("points");
    ui.checkTab = tab("check");
    ui.check = buildCheckPanel(() => this.#queueRender());
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
    ui.disclaimer = el("p", { class: "disclaimer", part: "disclaimer" });
    ui.progress = el("progress", { part: "projection-progress", max: "3", value: "0" });
    ui.progressText = el("span");
    ui.cancel = el("button", { type: "button", part: "projection-cancel", class: "secondary" });
    ui.recompute = el("button", { type: "button", part: "projection-recompute", class: "secondary" });
    ui.working = el("div", { class: "working", part: "projection-status", role: "status" }, ui.progressText, ui.progress, ui.cancel, ui.recompute);
    ui.working.hidden = true;
    ui.projection = el("section", { part: "projection" }, ui.projectionTitle,
      el("label", { for: "horizon" }, ui.horizonLabel, " ", ui.horizonOutput, ui.horizon),
      ui.disclaimer, ui.working, ui.projected, ui.chart, ui.legend);
    ui.title = el("h2");
    ui.card = el("div", { class: "card", part: "container" }, ui.title,
      el("div", { role: "tablist" }, ui.purchaseTab, ui.pointsTab, ui.checkTab),
      ui.purchasePanel, ui.pointsPanel, ui.check.panel, ui.error, ui.live, ui.projection);
    this.shadowRoot.append(ui.card);

    ui.purchaseTab.addEventListener("click", () => this.#select("purchase"));
    ui.pointsTab.addEventListener("click", () => this.#select("points"));
    ui.checkTab.addEventListener("click", () => this.#select("check"));
    const tabs = { purchase: ui.purchaseTab, points: ui.pointsTab, check: ui.checkTab };
    for (const tabButton of Object.values(tabs)) {
      tabButton.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: TASKS.length - 1 }[event.key];
        if (!step) return;
        this.#select(TASKS[(TASKS.indexOf(this.#task) + step) % TASKS.length]);
        tabs[this.#task].focus();
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
    if (snapshot === STALE) return;
    this.#ui.status.textContent = "";
    if (!snapshot) {
      this.#clearResults();
      this.#ui.error.textContent = fill(text.stateError, { reason: this.#stateError });
      this.#ui.error.hidden = false;
      return;
    }
    this.#ui.error.hidden = true;
    this.#ui.error.textContent = "";
    if (this.#task === "check") {
      this.#clearResults();
      this.#renderCheckTask(snapshot);
      return;
    }
    this.#ui.check.results.replaceChildren();
    try {
      const position = this.#task === "purchase" ? this.#purchasePosition(snapshot) : this.#holdingPosition(snapshot);
      if (!position) {
        this.#clearResults();
        this.#ui.status.textContent = this.#task === "purchase" ? text.enterAmount : text.enterPoints;
        return;
      }
      this.#markInvalid(null);
      this.#renderResults(position);
      this.#announce("points-result", { task: position.kind === "purchase" ? "purchase" : "points", receipt: position.receipt ?? null, view: position.view, config: position.config });
      this.#project(position);
    } catch (error) {
      this.#clearResults();
      this.#markInvalid(error);
      this.#showError(error);
    }
  }

  #renderLabels(text) {
    const ui = this.#ui;
    ui.title.textContent = text.title;
    ui.purchaseTab.textContent = text.purchaseTab;
    ui.pointsTab.textContent = text.pointsTab;
    ui.checkTab.textContent = this.#checkText.checkTab;
    for (const [task, tabButton] of [["purchase", ui.purchaseTab], ["points", ui.pointsTab], ["check", ui.checkTab]]) {
      tabButton.setAttribute("aria-selected", String(this.#task === task));
      tabButton.tabIndex = this.#task === task ? 0 : -1;
    }
    ui.purchasePanel.hidden = this.#task !== "purchase";
    ui.pointsPanel.hidden = this.#task !== "points";
    ui.check.panel.hidden = this.#task !== "check";
    labelCheckPanel(ui.check, this.#checkText);
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
  /** What the pool data depends on: `state-src`, `pool`, `supply` and the parameters. */
  #sourceKey() {
    return JSON.stringify([this.getAttribute("state-src"), this.getAttribute("pool"), this.getAttribute("supply"), this.#config()]);
  }

  async #currentSnapshot() {
    const source = this.getAttribute("state-src");
    const config = this.#config();
    const key = this.#sourceKey();
    if (key === this.#snapshotKey) return this.#snapshot;
    // A load for these very attributes is under way (typing during a slow state-src): share it.
    if (this.#loading?.key === key) return this.#loading.promise;
    const promise = this.#loadSnapshot(key, source, config);
    this.#loading = { key, promise };
    try {
      return await promise;
    } finally {
      if (this.#loading?.key === key) this.#loading = null;
    }
  }

  async #loadSnapshot(key, source, config) {
    let snapshot;
    this.#stateError = "";
    try {
      if (source) {
        snapshot = await this.#fetchSnapshot(source);
        // A newer state-src (or pool, supply, parameter) arrived while this one loaded: its render wins.
        if (this.#sourceKey() !== key) return STALE;
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
      if (this.#sourceKey() !== key) return STALE;
      this.#stateError = this.#messageFor(error);
      snapshot = null;
    }
    this.#snapshotKey = key;
    this.#snapshot = snapshot;
    this.#seriesKey = "";
    return snapshot;
  }

  /**
   * Loads `state-src` from this page's origin, and checks the origin of the URL that answered
   * too: a same-origin URL that redirects elsewhere is refused. A snapshot with members is read
   * once, as text by the engine (fast), and only its public part (pool, supply, parameters) is
   * kept, so no later keystroke pays for the members again.
   */
  async #fetchSnapshot(source) {
    const url = new URL(source, document.baseURI);
    const origin = location.origin;
    if (url.origin !== origin) throw new StateError("state_origin", { origin });
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" }).catch(() => {
      throw new StateError("state_fetch", {});
    });
    if (new URL(response.url || url.href).origin !== origin) throw new StateError("state_origin", { origin });
    if (!response.ok) throw new StateError("state_http", { status: response.status });
    const text = await response.text();
    try {
      JSON.parse(text);
    } catch {
      throw new StateError("state_json", {});
    }
    const pool = PointsPool.fromSnapshot(text);
    try {
      return pool.publicSnapshot();
    } finally {
      pool.free();
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
      return { kind: "purchase", receipt, view, config: pool.config(), after: pool.publicSnapshot(), spent: typed, received: "0" };
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
      return { kind: "points", view, config: pool.config(), price: pool.state().price, after: snapshot, spent, received };
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
    const notes = [fill(text.retained, { cut: this.#format("money", view.cutNow) })];
    if (view.forfeitedNow !== "0") notes.push(fill(text.forfeited, { forfeited: this.#format("money", view.forfeitedNow) }));
    rows.push([text.cashOutNow, this.#cell("cash-out-now", "money", view.cashOutValue, notes.join("；"))]);
    rows.push(this.#capRow(view, position.config));
    this.#ui.results.replaceChildren(...rows.flatMap(([label, cell]) => [el("dt", {}, label), cell]));

    const money = (value) => this.#format("money", value);
    const { config } = position;
    const facts = [
      fill(text.factCut, { payout: this.#percent(config.payoutRate), value: money(view.value), cash: money(view.cashOutValue), rest: money(view.cutNow) }),
      text.factOthers,
    ];
    if (view.cap === "atCap" && view.forfeitedNow !== "0") {
      facts.push(fill(text.factForfeit, { cash: money(view.cashOutValue), forfeited: money(view.forfeitedNow) }));
    }
    const spentAndReceived = { spent: money(view.spent), received: money(view.received), cash: money(view.cashOutValue) };
    const breakEven = {
      rise: () => fill(view.received === "0" ? text.factBreakEvenFresh : text.factBreakEven, { times: this.#times(view.breakEvenMultiple), ...spentAndReceived }),
      received: () => fill(text.factReceived, spentAndReceived),
      cashOutNow: () => fill(text.factCashOutNow, spentAndReceived),
      never: () => fill(text.factNever, spentAndReceived),
      unknown: () => text.factNoBreakEven,
    }[view.breakEven];
    facts.push(breakEven());
    if (view.cap === "rise") {
      facts.push(fill(text.factCap, { times: this.#times(view.capMultiple), cap: money(view.capLeft) }));
    }
    facts.push(fill(text.factWhole, { poolRate: this.#percent(config.poolRate) }));
    this.#ui.facts.replaceChildren(...facts.map((fact) => el("li", {}, fact)));
    this.#ui.facts.hidden = false;
    this.#ui.projection.hidden = false;
  }

  /** The exit-cap row, labelled with the pool's own multiple (the engine's config), never "2×" by default. */
  #capRow(view, config) {
    const text = this.#text;
    const multiple = config.exitMultiple;
    const label = multiple ? fill(text.capLeft, { multiple: this.#times(multiple, 0) }) : text.capLeftPlain;
    if (view.cap === "none") return [text.capLeftPlain, el("dd", {}, text.noCap)];
    if (view.cap === "unknown") return [text.capLeftPlain, el("dd", {}, fill(text.capUnknown, { multiple: this.#times(multiple, 0) }))];
    return [label, this.#cell("cap-left", "money", view.capLeft)];
  }

  /** A rate from the engine ("0.8") as a percentage, by Intl's percent style: formatting, not arithmetic. */
  #percent(rate) {
    return new Intl.NumberFormat(this.locale, { style: "percent", maximumFractionDigits: 2 }).format(rate);
  }

  #times(multiple, minimumDigits = 2) {
    return new Intl.NumberFormat(this.locale, { minimumFractionDigits: minimumDigits, maximumFractionDigits: 2 }).format(multiple);
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
    this.#jobMessage = { id, snapshot: position.after, scenarios, monteCarlo };
    this.#jobTries = 1;
    this.#worker.postMessage(this.#jobMessage);
  }

  #startWorker() {
    const worker = projectionWorker();
    worker.onmessage = ({ data }) => {
      if (data.id !== this.#job) return; // a cancelled job's late word
      if (data.error && this.#jobTries < PROJECTION_TRIES) {
        // See PROJECTION_TRIES: a fresh worker, a freshly compiled engine, the same job.
        this.#jobTries += 1;
        worker.terminate();
        this.#worker = this.#startWorker();
        this.#worker.postMessage(this.#jobMessage);
      } else if (data.error) {
        this.#job = null;
        this.#ui.working.hidden = true;
        this.#showError(data.error);
      } else if (data.results) {
        this.#job = null;
        this.#ui.working.hidden = true;
        const { merchant, stop, wave } = data.results;
        this.#series = { base: this.#scenario(), spent: this.#jobSpent, projection: merchant, waveRate: wave.waveWithdrawRate, merchant: merchant.days, stop: stop.days, wave: wave.days, band: data.band };
        this.#drawProjection();
        this.#announce("points-projection", { projections: data.results, band: data.band });
      } else {
        this.#showProgress(data.done, data.of);
      }
    };
    // A worker that cannot load (a CSP without worker-src, a CDN's CORS or 404) says so here,
    // and goes the way of a failed job: tried again, then shown.
    const failed = () => worker.onmessage({ data: { id: this.#job, error: { name: "Error", code: "worker_failed", message: "the projection worker could not start" } } });
    worker.onerror = failed;
    worker.onmessageerror = failed;
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
    ui.projected.dataset.exact = end.cashOutValue;
    const { breakEvenDay, exitDay } = series.projection;
    if (breakEvenDay !== null && breakEvenDay > 0 && breakEvenDay <= days) ui.projected.append(" ", fill(text.breakEvenOn, { day: breakEvenDay }));
    if (exitDay !== null && exitDay <= days) {
      ui.projected.append(" ", fill(text.exitOn, { day: exitDay, cap: this.#format("money", series.merchant[exitDay].cashOutValue) }));
    }
    const band = series.band;
    if (band && band.reachesSpent !== null) {
      ui.projected.append(el("small", { class: "band-reach" }, fill(text.bandReach, { runs: band.runs, days: band.days.length - 1, share: this.#percent(band.reachesSpent), spent: this.#format("money", series.spent) })));
    }
    const lines = [
      ["merchant", series.merchant, fill(text.scenarioMerchant, { orders: this.#format("points", series.base.ordersPerDay), average: this.#format("money", series.base.averageOrder) })],
      ["stop", series.stop, text.scenarioStop],
      ["wave", series.wave, fill(text.scenarioWave, { share: this.#percent(series.waveRate) })],
    ];
    this.#drawChart(lines, days, band?.days);
    ui.chart.setAttribute("aria-label", fill(text.chartLabel, { days }));
    const items = lines.map(([name, rows, label]) =>
      el("li", {}, el("span", { class: `swatch ${name}` }), `${label}: ${this.#format("money", rows[days].cashOutValue)}`));
    if (band) {
      const { p10, p90 } = band.days[days].cashOutValue;
      const range = `${this.#format("money", p10)} – ${this.#format("money", p90)}`;
      items.push(el("li", { part: "band" }, el("span", { class: "swatch band" }), `${fill(text.band, { runs: band.runs })}: ${range}`));
    }
    ui.legend.replaceChildren(...items);
  }

  /** Value over the horizon, one polyline a scenario and the simulated band behind them; numbers become pixels only here. */
  #drawChart(lines, days, band) {
    const [width, height, left, right, top, bottom] = [320, 180, 48, 8, 10, 24];
    // What a cash-out pays (capped), the figure a member can act on; not points × price.
    const figures = lines.flatMap(([, rows]) => rows.slice(0, days + 1).map((row) => row.cashOutValue));
    if (band) figures.push(...band.slice(0, days + 1).map((row) => row.cashOutValue.p90));
    const values = figures.map(Number);
    const largest = figures[values.indexOf(Math.max(...values))];
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
    // The top label is the largest engine figure, compact so that ¥12,723.09 is not clipped.
    const compact = new Intl.NumberFormat(this.locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol", notation: "compact", maximumSignificantDigits: 3 });
    children.push(label(compact.format(largest), { x: left - 4, y: y(Number(largest)) + 4, "text-anchor": "end" }));
    children.push(svg("line", { class: "grid", x1: left, y1: y(Number(largest)), x2: width - right, y2: y(Number(largest)) }));
    children.push(label(this.#format("money", "0"), { x: left - 4, y: y(low), "text-anchor": "end" }));
    children.push(label("0", { x: left, y: height - 6, "text-anchor": "start" }));
    children.push(label(fill(this.#text.daysUnit, { days }), { x: width - right, y: height - 6, "text-anchor": "end" }));
    const step = Math.max(1, Math.floor(days / 120));
    if (band) {
      const sampled = [];
      for (let day = 0; day <= days; day += step) sampled.push(day);
      if ((days % step) !== 0) sampled.push(days);
      const edge = (which) => sampled.map((day) => `${x(day).toFixed(1)},${y(Number(band[day].cashOutValue[which])).toFixed(1)}`);
      children.push(svg("polygon", { class: "band", points: [...edge("p90"), ...edge("p10").reverse()].join(" ") }));
    }
    for (const [name, rows] of lines) {
      const points = [];
      for (let day = 0; day <= days; day += step) points.push(`${x(day).toFixed(1)},${y(Number(rows[day].cashOutValue)).toFixed(1)}`);
      if ((days % step) !== 0) points.push(`${x(days).toFixed(1)},${y(Number(rows[days].cashOutValue)).toFixed(1)}`);
      children.push(svg("polyline", { class: `line ${name}`, points: points.join(" ") }));
    }
    const exitDay = this.#series?.projection.exitDay;
    if (exitDay !== null && exitDay !== undefined && exitDay <= days) {
      children.push(svg("line", { class: "exit", x1: x(exitDay), y1: top, x2: x(exitDay), y2: y(low) }));
      children.push(label(fill(this.#text.exitMark, { day: exitDay }), { x: x(exitDay) + 2, y: top + 8, "text-anchor": "start" }));
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

  /** The member's language from the error's `code` and `field` (as the attribute a merchant wrote); never the English message. */
  #messageFor(error) {
    const messages = this.#text.errors;
    if (error instanceof StateError) return fill(messages[error.code], error.values);
    if (error?.name !== "PoolError") return messages[error?.code] ?? error?.message ?? String(error);
    const text = messages[error.code] ?? fill(messages.default, { message: error.code });
    // A merchant's attribute or the pool data is named; what the member typed is already beside the box.
    if (!error.field || !["invalid_config", "invalid_snapshot", "invalid_scenario"].includes(error.code)) return text;
    const attribute = Object.entries(CONFIG_ATTRIBUTES).find(([, field]) => error.field === field || error.field.startsWith(`${field}.`))?.[0];
    return text + fill(this.#text.fieldNote, { field: attribute ?? error.field });
  }

  #showError(error) {
    this.#ui.error.textContent = this.#messageFor(error);
    this.#ui.error.hidden = false;
    this.#ui.error.dataset.code = error?.code ?? "";
    this.#announce("points-error", { code: error?.code ?? null, field: error?.field ?? null });
  }

  /** `aria-invalid` on the box the error is about (none when `error` is null). */
  #markInvalid(error) {
    const ui = this.#ui;
    const boxes = { amount: ui.amount, points: ui.points, spent: ui.spent, received: ui.received };
    for (const box of Object.values(boxes)) box.removeAttribute("aria-invalid");
    if (!error) return;
    const fallback = this.#task === "purchase" ? ui.amount : ui.points;
    (boxes[error.field] ?? fallback).setAttribute("aria-invalid", "true");
  }
}

PointsCalculator.define();
