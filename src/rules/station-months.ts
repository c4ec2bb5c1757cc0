/**
 * Rule O2's months (rules.md O2 reading, 2026-12): a station counts the completed calendar months
 * from the month after it opened (建成日期) up to the as-of date; a counted month it reported
 * nothing for counts as zero orders and zero amount, so a silent station never drops out of the
 * denominator. Pure functions.
 *
 * Readings decided here:
 * - A month is completed on `asOf` when its last day is on or before `asOf`: on 2018-10-31 October
 *   counts, on 2018-10-30 it does not (the running month is never a whole month).
 * - A station that closed counts the completed months before its closing day.
 * - A station without an opening date counts from the first month it reported figures for (that it
 *   reported shows it was open); one with neither is not operating.
 */
import type { StationMonthFigures } from "./operations";

const monthOf = (isoDate: string) => isoDate.slice(0, 7);

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

/** The month before YYYY-MM. */
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** The last completed month on `day`: its own month when `day` is the month's last day, else the one before. */
export function lastCompletedMonth(day: string): string {
  const tomorrow = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return monthOf(tomorrow) !== monthOf(day) ? monthOf(day) : previousMonth(monthOf(day));
}

export type StationOpening = { builtOn: string | null; closedOn: string | null };

/**
 * rule O2: the months a station counts on `asOf`, in order (empty: not an operating station).
 * `firstReportedMonth` is used only when the station has no opening date.
 */
export function countedMonths(station: StationOpening, asOf: string, firstReportedMonth?: string): string[] {
  const first = station.builtOn ? nextMonth(monthOf(station.builtOn)) : firstReportedMonth;
  if (!first || (station.builtOn && station.builtOn > asOf)) return [];
  let last = lastCompletedMonth(asOf);
  if (station.closedOn && station.closedOn <= asOf) {
    const dayBefore = new Date(Date.parse(`${station.closedOn}T00:00:00Z`) - 86_400_000).toISOString();
    const closedLast = lastCompletedMonth(dayBefore.slice(0, 10));
    if (closedLast < last) last = closedLast;
  }
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/**
 * rule O2: a station's figures over exactly its counted months: months outside them are left out,
 * and a counted month without figures is zero orders and zero amount (its online rate unknown).
 */
export function figuresOverCountedMonths(
  reported: readonly StationMonthFigures[],
  counted: readonly string[],
): StationMonthFigures[] {
  const byMonth = new Map(reported.map((m) => [m.month, m]));
  return counted.map((month) => byMonth.get(month) ?? { month, orders: 0, amountFen: 0, onlineRateBp: null });
}
