// The one chart of both pages: lines (the engine's figures over days, or over a swept
// parameter), bands behind them (Monte Carlo p10–p90), marks on the x axis (the day the cap is
// reached) and dots. Figures arrive as the engine's decimal strings; here, and only here, they
// become pixels (through Number: a position on a screen, never a figure anyone reads). Labels
// are the engine's strings, formatted by the caller's `formatY` and `formatX`.

import { svg } from "./dom.js";

/** The most points a line is drawn with: a 3,650-day series needs no more to look the same. */
const MOST_POINTS = 180;

/** `points` thinned to at most MOST_POINTS, the first and the last always kept. */
function thin(points) {
  const step = Math.ceil(points.length / MOST_POINTS);
  if (step <= 1) return points;
  const kept = points.filter((_, index) => index % step === 0);
  if (kept.at(-1) !== points.at(-1)) kept.push(points.at(-1));
  return kept;
}

/**
 * An `<svg role="img">` chart.
 * - `lines`: `[{ className, points: [[x, y], …] }]`, x a count or a decimal string, y a decimal string;
 * - `bands`: `[{ className, high: [[x, y], …], low: [[x, y], …] }]`;
 * - `marks`: `[{ x, label, className }]`: a dashed line at x, its label in the band above the plot,
 *   so that it never lies over a line;
 * - `formatY(string)`, `formatX(value)`: the axis labels (the largest figure and zero; the first and last x);
 * - `title`: the accessible name; `xLabel`: words under the axis; `dots`: a dot at every point.
 */
export function lineChart({ title, lines, bands = [], marks = [], formatY, formatX = String, xLabel = "", dots = false, width = 560, height = 240, part = null }) {
  const [left, right, top, bottom] = [width < 400 ? 52 : 70, 10, marks.length ? 24 : 12, xLabel ? 36 : 24];
  const plain = (points) => points.map(([x, y]) => ({ x: Number(x), y: Number(y), label: y }));
  const drawn = lines.map((line) => ({ ...line, points: thin(plain(line.points)).filter((point) => Number.isFinite(point.y)) }));
  const shaded = bands.map((band) => ({ ...band, high: thin(plain(band.high)), low: thin(plain(band.low)) }));
  const every = [...drawn.flatMap((line) => line.points), ...shaded.flatMap((band) => band.high)];
  const xs = every.map((point) => point.x);
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const largest = every.reduce((best, point) => (best === null || point.y > best.y ? point : best), null);
  const least = every.reduce((best, point) => (best === null || point.y < best.y ? point : best), null);
  const lowest = Math.min(0, least?.y ?? 0);
  const yMax = (largest?.y ?? 0) > 0 ? largest.y * 1.05 : 1;
  const x = (value) => left + ((width - left - right) * (value - xMin)) / (xMax - xMin || 1);
  const y = (value) => top + (height - top - bottom) * (1 - (value - lowest) / (yMax - lowest || 1));
  const at = (point) => `${x(point.x).toFixed(1)},${y(point.y).toFixed(1)}`;
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, preserveAspectRatio: "xMidYMid meet" });
  if (part) chart.setAttribute("part", part);
  if (every.length === 0) return chart;
  chart.append(
    svg("line", { class: "axis", x1: left, y1: y(lowest), x2: width - right, y2: y(lowest) }),
    svg("line", { class: "axis", x1: left, y1: top, x2: left, y2: y(lowest) }),
    svg("text", { x: left - 4, y: y(lowest), "text-anchor": "end" }, formatY(lowest < 0 ? least.label : "0")),
    svg("text", { x: left, y: height - (xLabel ? 22 : 6), "text-anchor": "start" }, formatX(xMin)),
    svg("text", { x: width - right, y: height - (xLabel ? 22 : 6), "text-anchor": "end" }, formatX(xMax)),
  );
  if (largest && largest.y > 0) {
    chart.append(
      svg("line", { class: "grid", x1: left, y1: y(largest.y), x2: width - right, y2: y(largest.y) }),
      svg("text", { x: left - 4, y: y(largest.y) + 4, "text-anchor": "end", "data-exact": largest.label }, formatY(largest.label)),
    );
  }
  if (xLabel) chart.append(svg("text", { x: (left + width - right) / 2, y: height - 4, "text-anchor": "middle" }, xLabel));
  for (const band of shaded) {
    chart.append(svg("polygon", { class: `band ${band.className}`, points: [...band.high.map(at), ...band.low.map(at).reverse()].join(" ") }));
  }
  for (const line of drawn) {
    chart.append(svg("polyline", { class: `line ${line.className}`, points: line.points.map(at).join(" ") }));
    if (dots) for (const point of line.points) chart.append(svg("circle", { class: `dot ${line.className}`, cx: x(point.x).toFixed(1), cy: y(point.y).toFixed(1), r: 3 }));
  }
  for (const mark of marks) {
    const position = x(Number(mark.x));
    const anchor = position > (left + width - right) / 2 ? "end" : "start";
    chart.append(
      svg("line", { class: `mark ${mark.className ?? ""}`, x1: position, y1: top, x2: position, y2: y(lowest) }),
      svg("text", { class: "mark-label", x: position + (anchor === "end" ? -3 : 3), y: top - 8, "text-anchor": anchor }, mark.label),
    );
  }
  return chart;
}
