// The one formatter of both pages: the engine's exact decimal strings laid out by Intl in the
// page's language. Intl.NumberFormat formats a decimal string exactly (ECMA-402's NumberFormat
// v3, in every engine we support), so nothing here goes through a float, and nothing does
// arithmetic: the engine computed every figure; this module only writes it down.

const formats = new Map();

/** One Intl.NumberFormat per locale and options, made once: a 5,000-line check formats 40,000 cells. */
function numberFormat(locale, options) {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

const CNY = { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol" };
/** A figure rounded for reading never shows a sign for what rounds to zero ("-¥0.00"). */
const READING = { signDisplay: "negative" };
/** A difference shows its sign and every decimal the engine gave: 0.0559 short is not "0.06". */
const DIFFERENCE = { signDisplay: "exceptZero", maximumFractionDigits: 13 };

/** Whether the engine's decimal string is zero ("0", "-0.00"): read from its digits, not computed. */
const isZero = (value) => /^[-+]?0*(\.0*)?$/.test(String(value));

/**
 * `value` rounded for reading with `options`; a positive figure that would read as zero
 * (0.000000000004 points, ¥0.0000000000596) keeps two significant digits instead of "0". (A
 * negative one still reads as zero, unsigned: rounding leftovers, never "-¥0.00".)
 */
function reading(format, options, value) {
  const text = format(options).format(value);
  if (/[1-9]/.test(text) || isZero(value) || String(value).startsWith("-")) return text;
  const significant = { ...options, maximumSignificantDigits: 2 };
  delete significant.minimumFractionDigits;
  delete significant.maximumFractionDigits;
  return format(significant).format(value);
}

/**
 * The formatter for `locale` ("zh-CN" or "en"). Every method takes the engine's decimal string
 * (or a count) and gives text; the exact string belongs in the element's `data-exact`.
 */
export function formatter(locale) {
  const format = (options) => numberFormat(locale, options);
  return {
    locale,
    /** Money to the fen: ¥1,234.56 (a positive amount under a fen: two significant digits). */
    money: (value) => reading(format, { ...CNY, ...READING, minimumFractionDigits: 2, maximumFractionDigits: 2 }, value),
    /** Money with every decimal the engine gave (at least two). */
    moneyExact: (value) => format({ ...CNY, ...READING, minimumFractionDigits: 2, maximumFractionDigits: 13 }).format(value),
    /** A money difference: +¥0.0559, −¥1.32, ¥0.00. */
    moneyDifference: (value) => format({ ...CNY, ...DIFFERENCE, minimumFractionDigits: 2 }).format(value),
    /** Points to four decimals for reading. */
    points: (value) => reading(format, { ...READING, maximumFractionDigits: 4 }, value),
    /** Points with every decimal the engine gave. */
    pointsExact: (value) => format({ ...READING, maximumFractionDigits: 13 }).format(value),
    /** A points difference: +0.05, −0.0559, 0. */
    pointsDifference: (value) => format(DIFFERENCE).format(value),
    /** A price to four decimals (the same everywhere: 5.17314999… is 5.1731 on both pages). */
    price: (value) => reading(format, { ...READING, maximumFractionDigits: 4 }, value),
    /** A rate as a percentage: "0.8" → 80%. */
    percent: (value) => format({ style: "percent", maximumFractionDigits: 2 }).format(value),
    /** A multiple of today's price: "11.8710…" → 11.87. */
    times: (value, digits = 2) => format({ minimumFractionDigits: digits, maximumFractionDigits: 2 }).format(value),
    /** A count: lines, runs, days, orders. */
    count: (value) => format({ maximumFractionDigits: 0 }).format(value),
    /** Money on a chart's axis, short: ¥1.27万, ¥12.7K. */
    compactMoney: (value) => format({ ...CNY, ...READING, notation: "compact", maximumSignificantDigits: 3 }).format(value),
    /** Any figure on an axis, short: 1.2万, 12K. */
    compact: (value) => format({ ...READING, notation: "compact", maximumSignificantDigits: 4 }).format(value),
    /** A plain decimal as written, with the page's grouping (a parameter's value). */
    plain: (value) => format({ ...READING, maximumFractionDigits: 20 }).format(value),
  };
}
