/** Display formats for numbers and money. Money arrives as integer fen and is never turned into a float. */
import { formatYuan } from "../../rules/money";
import type { Language } from "../app/language";

export const FEN_PER_WAN_YUAN = 1_000_000; // 1 万元 = 10,000 yuan = 1,000,000 fen

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

/** A count with thousands separators: 54321 → "54,321"; null → "—". */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const sign = value < 0 ? "-" : "";
  return `${sign}${groupThousands(Math.trunc(Math.abs(value)).toString())}`;
}

/**
 * Integer fen as 万元, to at most two decimals (i.e. to the hundred yuan), rounding half up:
 * 1,500,000,000 → "1,500 万元"; 1,234,567,890 → "1,234.57 万元".
 */
export function formatWanYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatWanYuan: not an integer fen amount: ${fen}`);
  const abs = Math.abs(fen);
  // Hundredths of 万元 (= hundreds of yuan), by integer arithmetic.
  const hundredths =
    Math.floor(abs / (FEN_PER_WAN_YUAN / 100)) + (abs % (FEN_PER_WAN_YUAN / 100) >= 5_000 ? 1 : 0);
  const whole = groupThousands(Math.floor(hundredths / 100).toString());
  const cents = hundredths % 100;
  const fraction = cents === 0 ? "" : `.${cents.toString().padStart(2, "0").replace(/0$/, "")}`;
  return `${fen < 0 && hundredths > 0 ? "-" : ""}${whole}${fraction} 万元`;
}

/** Money as the interface language reads it: 万元 in Chinese, exact yuan in English. */
export function formatMoney(fen: number, language: Language): string {
  return language === "zh" ? formatWanYuan(fen) : formatYuan(fen, "yuan");
}

/** Integer fen as the plain yuan text a form field takes back (yuanToFen's input): 75050 → "750.50". */
export function fenToYuanInput(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`fenToYuanInput: not a fen amount ≥ 0: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}
