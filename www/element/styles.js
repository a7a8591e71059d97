// The element's look: one constructed stylesheet (no inline styles, so it runs under a CSP
// without 'unsafe-inline'), themed by the CSS custom properties the README lists, light or dark
// by prefers-color-scheme or the theme attribute. A 360 px phone never scrolls sideways.

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
input[type="text"], input[type="password"] {
  display: block; width: 100%; min-height: 44px; margin-top: 4px; padding: 8px 12px; font: inherit; font-size: 1.1rem;
  color: var(--pp-fg); background: var(--pp-bg); border: 1px solid var(--pp-border); border-radius: 8px;
}
input[type="range"] { width: 100%; min-height: 44px; accent-color: var(--pp-accent); }
.hint { font-size: 0.8rem; color: var(--pp-muted); }
/* A published log row is one long line: wrapped in the card, never cut off at its edge. */
[part~="check-log-published"] { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.8rem; }
[part="error"] { color: var(--pp-error); font-weight: 600; margin: 8px 0; }
dl { display: grid; grid-template-columns: minmax(45%, 1fr) auto; gap: 6px 12px; margin: 12px 0; }
dt { color: var(--pp-muted); }
/* A figure breaks only after a thousands separator (results.js marks them), never inside a group:
   ¥2,000,000,000,0⏎00.00 misreads. */
dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; overflow-wrap: break-word; }
dd small { display: block; max-width: 13rem; margin-left: auto; font-weight: 400; color: var(--pp-muted); overflow-wrap: anywhere; }
dd.quiet { font-weight: 400; }
.split { margin: 4px 0 12px; padding: 8px 12px; border: 1px solid var(--pp-border); border-radius: 8px; }
.split h3 { margin: 0 0 4px; font-size: 0.95rem; }
.split dl { margin: 0; }
.split dt.part { padding-left: 1em; }
.facts { margin: 8px 0; padding: 12px 12px 12px 28px; background: var(--pp-surface); border-radius: 8px; font-size: 0.9rem; }
.facts li + li { margin-top: 4px; }
svg.chart { display: block; width: 100%; max-width: 32rem; height: auto; margin: 8px auto; }
svg text { fill: var(--pp-muted); font-size: 13px; font-family: var(--pp-font); }
.axis { stroke: var(--pp-border); }
.grid { stroke: var(--pp-border); stroke-dasharray: 1 3; }
.mark { stroke: var(--pp-fg); stroke-dasharray: 4 2; opacity: 0.6; }
.mark-label { fill: var(--pp-fg); font-size: 12px; }
.band-reach { display: block; margin-top: 0.25rem; }
.note { font-size: 0.85rem; color: var(--pp-muted); margin: 4px 0; }
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
textarea[aria-invalid="true"], input[aria-invalid="true"] { border-color: var(--pp-error); outline: 2px solid var(--pp-error); }
.file { display: block; margin: 0.5rem 0; }
/* The check's lines: a row on a wide screen, a card on a phone; the verdict first, never off screen. */
.check-lines { list-style: none; margin: 0.5rem 0; padding: 0; font-size: 0.85rem; container-type: inline-size; }
.check-head, .check-line { display: grid; grid-template-columns: 2.5rem 4.5rem 3rem repeat(5, minmax(0, 1fr)); gap: 0 0.5rem;
  padding: 0.3rem 0; border-bottom: 1px solid var(--pp-border); align-items: baseline; }
.check-head { color: var(--pp-muted); font-weight: 600; }
.check-line > span { text-align: right; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
.check-line > .line-no, .check-line > .verdict, .check-line > .kind { text-align: left; }
.check-line > span::before { content: attr(data-label); display: none; color: var(--pp-muted); font-weight: 400; }
@container (max-width: 34rem) {
  .check-head { display: none; }
  .check-line { grid-template-columns: auto 1fr; gap: 0.1rem 0.75rem; }
  .check-line > .verdict { grid-column: 2; text-align: right; }
  .check-line > span:not(.line-no, .verdict) { grid-column: 1 / -1; display: flex; justify-content: space-between; gap: 0.5rem; }
  .check-line > span:not(.line-no, .verdict)::before { display: inline; }
}
.verdict.short { color: var(--pp-error); font-weight: 600; }
.verdict.over { color: var(--pp-stress-2); font-weight: 600; }
.verdict.withinShare { color: var(--pp-muted); font-weight: 600; }
.check-summary p { margin: 0.25rem 0; }
.check-actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
[hidden] { display: none !important; }
`;

let sheet;

/** The stylesheet, made once and shared by every element on the page. */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
  }
  return sheet;
}
