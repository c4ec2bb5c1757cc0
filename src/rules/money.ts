/**
 * Money and share units shared by the rule calculators. Money is integer fen (分), shares are basis
 * points (1% = 100 bp). Pure: no I/O, runs in Node and in the browser.
 */

/** A message in both languages of the app. */
export type Bilingual = { zh: string; en: string };

/** Result of parsing a typed-in value; the reason says what was wrong, in both languages. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

/** Options of {@link yuanToFen}. */
export type YuanParseOptions = { allowNegative: boolean };

/** Amounts in the county workbook are costs and subsidies: never negative unless a caller says so. */
export const DEFAULT_YUAN_PARSE_OPTIONS: YuanParseOptions = { allowNegative: false };

// Digits either plain or grouped by thousands ("1234567" or "1,234,567"), then up to two decimals.
// Extra decimals are accepted only when they are zeros ("1.230"): the value is still exact.
const YUAN = /^(-)?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Parses a yuan amount as county staff type it ("1500000.10", "1,234.5", "￥800元") into integer
 * fen, by reading the digits of the string — never through floating point, so "0.29" is exactly
 * 29 fen. More than two significant decimals ("1.234") is an error, not a rounding.
 */
export function yuanToFen(
  text: string,
  options: YuanParseOptions = DEFAULT_YUAN_PARSE_OPTIONS,
): ParseResult<number> {
  // NFKC folds full-width digits and the Chinese comma "，" that IMEs produce into ASCII.
  const cleaned = text
    .normalize("NFKC")
    .trim()
    .replace(/^[¥￥]\s*/, "")
    .replace(/\s*元$/, "");
  const fail = (): ParseResult<number> => ({
    ok: false,
    reason: {
      zh: `金额应为${options.allowNegative ? "" : "非负的"}元数，最多两位小数，实为“${text}”`,
      en: `Expected ${options.allowNegative ? "an" : "a non-negative"} amount in yuan with at most 2 decimals, got "${text}"`,
    },
  });
  const m = YUAN.exec(cleaned);
  if (!m) return fail();
  const [, sign, whole = "", fraction = ""] = m;
  if (sign && !options.allowNegative) return fail();
  if (/[1-9]/.test(fraction.slice(2))) return fail();
  const fen = Number(whole.replace(/,/g, "")) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
  if (!Number.isSafeInteger(fen)) return fail();
  // `|| 0` turns "-0" into 0 so that callers never see negative zero.
  return { ok: true, value: sign ? -fen || 0 : fen };
}

/**
 * Formats integer fen as yuan with thousands separators and two decimals:
 * 150000000000 → "1,500,000,000.00 元". `unit` may be "yuan" for English text, or "" for none.
 */
export function formatYuan(fen: number, unit = "元"): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatYuan: not an integer fen amount: ${fen}`);
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, ",");
  const cents = (abs % 100).toString().padStart(2, "0");
  const number = `${fen < 0 ? "-" : ""}${whole}.${cents}`;
  return unit ? `${number} ${unit}` : number;
}

/** Formats basis points as a percentage with two decimals: 6500 → "65.00%", 1 → "0.01%". */
/**
 * Basis points as a percentage to one decimal, cut down like the stored floor (9,996 → "99.9%",
 * never "100.0%" for a share short of all): where a whole-number floor would surprise a reader
 * (199 of 200 shown as 99%) and two decimals are more than a chart or a cell needs.
 */
export function formatBpTenths(bp: number): string {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`formatBpTenths: not an integer: ${bp}`);
  const abs = Math.abs(bp);
  return `${bp < 0 ? "-" : ""}${Math.floor(abs / 100)}.${Math.floor((abs % 100) / 10)}%`;
}

export function formatBp(bp: number): string {
  if (!Number.isSafeInteger(bp)) throw new RangeError(`formatBp: not an integer: ${bp}`);
  const abs = Math.abs(bp);
  return `${bp < 0 ? "-" : ""}${Math.floor(abs / 100)}.${(abs % 100).toString().padStart(2, "0")}%`;
}
