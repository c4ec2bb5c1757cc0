/**
 * Rule O1 reading (rules.md, 2026-12): the data manager's online rate is measured over each
 * station's opening hours (a station setting, default 08:00–20:00 China time), not over 24 hours.
 * Minutes of the day are numbered 0–1439; a station is open in minute m when opens ≤ m < closes, so
 * with the default hours 07:59 does not count, 08:00 does, 19:59 does and 20:00 does not.
 */
import type { ParseResult } from "./money";

export type OpeningHours = { opensAtMinute: number; closesAtMinute: number };

export const DEFAULT_OPENING_HOURS: OpeningHours = { opensAtMinute: 8 * 60, closesAtMinute: 20 * 60 };

/** An online period of a day, minutes after 00:00 China time: from ≤ m < to. */
export type ClockInterval = { from: number; to: number };

export const openMinutesPerDay = (h: OpeningHours) => Math.max(0, h.closesAtMinute - h.opensAtMinute);

/** "HH:mm" (00:00–24:00) → minutes after 00:00. */
export function parseClock(text: string): ParseResult<number> {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.normalize("NFKC").trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || !(minutes <= 24 * 60)) {
    return {
      ok: false,
      reason: { zh: `时间应为 HH:mm（00:00–24:00），实为“${text}”`, en: `Time must be HH:mm, got "${text}"` },
    };
  }
  return { ok: true, value: minutes };
}

export const formatClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** Minutes covered by the intervals (overlaps counted once), within [lo, hi). */
export function coveredMinutes(intervals: readonly ClockInterval[], lo = 0, hi = 24 * 60): number {
  const clipped = intervals
    .map((i) => ({ from: Math.max(i.from, lo), to: Math.min(i.to, hi) }))
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let end = lo;
  for (const i of clipped) {
    const from = Math.max(i.from, end);
    if (i.to > from) total += i.to - from;
    end = Math.max(end, i.to);
  }
  return total;
}

/**
 * rule O1: a day's online minutes as the rate counts them. With the device's online periods, the
 * minutes inside the opening hours; with a total only (no times), at most the opening hours' length
 * — the device did not say when it was online, and a day cannot count more than fully online.
 */
export function onlineMinutesInHours(
  onlineMinutes: number,
  intervals: readonly ClockInterval[] | null,
  hours: OpeningHours = DEFAULT_OPENING_HOURS,
): number {
  if (intervals) return coveredMinutes(intervals, hours.opensAtMinute, hours.closesAtMinute);
  return Math.min(onlineMinutes, openMinutesPerDay(hours));
}

/** "08:00-20:00" (or 08:00–20:00, 8:00~20:00) → the station's opening hours (rule O1 setting). */
export function parseOpeningHours(text: string): ParseResult<OpeningHours> {
  const parts = text
    .normalize("NFKC")
    .trim()
    .split(/\s*[-–—~至]\s*/);
  const bad = {
    ok: false as const,
    reason: {
      zh: `营业时间应为“开门-关门”，如 08:00-20:00，实为“${text}”`,
      en: `Opening hours must be "HH:mm-HH:mm", got "${text}"`,
    },
  };
  if (parts.length !== 2) return bad;
  const opens = parseClock(parts[0]!);
  const closes = parseClock(parts[1]!);
  if (!opens.ok) return opens;
  if (!closes.ok) return closes;
  if (closes.value <= opens.value) {
    return {
      ok: false,
      reason: { zh: `关门时间须晚于开门时间：“${text}”`, en: `Closing must come after opening: "${text}"` },
    };
  }
  return { ok: true, value: { opensAtMinute: opens.value, closesAtMinute: closes.value } };
}
