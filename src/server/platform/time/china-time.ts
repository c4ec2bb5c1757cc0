/** China Standard Time (UTC+8, no daylight saving): timestamps and dates as ISO strings. */

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-11-29T13:05:00.000+08:00` for the given instant (default now). */
export function chinaTimestamp(at: Date = new Date()): string {
  return `${new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

/** `2026-11-29`, the calendar date in China for the given instant (default now). */
export function chinaDate(at: Date = new Date()): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
