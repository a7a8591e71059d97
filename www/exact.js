// Exact sums of the engine's decimal strings for the operator page and its workers:
// BigInt units at 28 decimals (rust_decimal's most), so money never passes through a float.
export const SCALE = 28n;
export const ONE = 10n ** SCALE;

export function toUnits(text) {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = text.replace("-", "").split(".");
  const units = BigInt(whole + fraction.padEnd(Number(SCALE), "0").slice(0, Number(SCALE)));
  return negative ? -units : units;
}

export function fromUnits(units) {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(Number(SCALE) + 1, "0");
  const fraction = digits.slice(-Number(SCALE)).replace(/0+$/, "");
  return `${negative ? "-" : ""}${digits.slice(0, -Number(SCALE))}${fraction ? `.${fraction}` : ""}`;
}

export function decimalSum(values) {
  return fromUnits(values.reduce((total, value) => total + toUnits(value), 0n));
}
