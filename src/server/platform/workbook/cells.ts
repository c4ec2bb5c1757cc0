/** Parsers for the county workbook's cell conventions (interfaces.md): 是/否, integers, dates. */
import type { Bilingual } from "./sheet-handler";

export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const YES = new Set(["是", "y", "yes", "true", "1", "有"]);
const NO = new Set(["否", "n", "no", "false", "0", "无"]);

export function parseYesNo(text: string): CellResult<boolean> {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return { ok: true, value: true };
  if (NO.has(t)) return { ok: true, value: false };
  return {
    ok: false,
    reason: { zh: `应填“是”或“否”，实为“${text}”`, en: `Expected 是 or 否, got "${text}"` },
  };
}

export function parseNonNegativeInteger(text: string): CellResult<number> {
  const t = text.trim().replace(/,/g, "");
  if (/^\d+(\.0+)?$/.test(t)) {
    const value = Number.parseInt(t, 10);
    if (Number.isSafeInteger(value)) return { ok: true, value };
  }
  return {
    ok: false,
    reason: { zh: `应为非负整数，实为“${text}”`, en: `Expected a whole number ≥ 0, got "${text}"` },
  };
}

/** YYYY-MM-DD that names a real calendar day. */
export function parseIsoDate(text: string): CellResult<string> {
  const t = text.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) {
    const d = new Date(`${t}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === t) return { ok: true, value: t };
  }
  return {
    ok: false,
    reason: { zh: `日期应为 YYYY-MM-DD，实为“${text}”`, en: `Expected a date YYYY-MM-DD, got "${text}"` },
  };
}
