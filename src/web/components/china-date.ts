/**
 * Dates in China time whatever the browser's zone: a county officer on a laptop set to another
 * zone (or a reviewer abroad) must see the same "today" as the server and the rules (UTC+8).
 *
 * - `chinaToday()` — today's date in China, for every default date and "截至" label;
 * - `dateValue` / `dateText` — a calendar date to and from a DatePicker value;
 * - importing this module sets dayjs's default zone to Asia/Shanghai, which Ant Design's pickers
 *   read for "today" (the highlighted day and the 今天 button: @rc-component/picker's getNow calls
 *   `dayjs().tz()` when the timezone plugin is loaded; antd discussion #50934). main.tsx imports it
 *   first. `dayjs()` itself stays in the browser's zone, so pages never call it for a date.
 */
import dayjs, { type Dayjs } from "dayjs";
import timezone from "dayjs/plugin/timezone";
import utc from "dayjs/plugin/utc";

export const CHINA_TIME_ZONE = "Asia/Shanghai";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.tz.setDefault(CHINA_TIME_ZONE);

/** China Standard Time: UTC+8 all year (no daylight saving since 1991). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today in China as YYYY-MM-DD, for the given instant (default now). */
export function chinaToday(at: Date = new Date()): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A calendar date (YYYY-MM-DD) as a picker value showing that same day; null stays null. */
export function dateValue(date: string): Dayjs;
export function dateValue(date: string | null | undefined): Dayjs | null;
export function dateValue(date: string | null | undefined): Dayjs | null {
  return date ? dayjs(date) : null;
}

/** Today in China as a picker value (a form's default date). */
export function chinaTodayValue(): Dayjs {
  return dateValue(chinaToday());
}

/** A picker's value as YYYY-MM-DD (the day it shows), null when cleared. */
export function dateText(value: Dayjs | null | undefined): string | null {
  return value ? value.format("YYYY-MM-DD") : null;
}
