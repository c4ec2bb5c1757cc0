/**
 * Working days and the public-notice period (rule F6): 公示期不少于10个工作日, counted on the State
 * Council holiday calendar with its make-up working weekends (调休).
 *
 * Pure: no I/O, runs in Node and in the browser. Dates are ISO strings `YYYY-MM-DD`, plain calendar
 * dates in China; all arithmetic is done in UTC on the date itself so the host time zone never
 * shifts a day.
 *
 * Errors: invalid input (a malformed date, a non-positive count) throws {@link RuleInputError};
 * routes map it to a 400 with its bilingual message.
 */

import type { Bilingual } from "./money";

/**
 * The official calendar. `holidays`: State Council days off (on weekdays or weekends); `workdays`:
 * make-up working days that fall on a weekend (调休上班). `coveredYears`: years for which the data
 * is official and complete; when absent, a year counts as covered if it has any entry.
 */
export type WorkCalendar = {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
  coveredYears?: ReadonlySet<number>;
};

/** Bad input to a rule calculator: `field` names the offending input, `messages` say why. */
export class RuleInputError extends Error {
  constructor(
    readonly field: string,
    readonly messages: Bilingual,
  ) {
    super(messages.en);
    this.name = "RuleInputError";
  }
}

/** 公示期不少于10个工作日 — the minimum notice period of the fund arrangement (rule F6). */
export const NOTICE_MIN_WORKING_DAYS = 10;

/**
 * Guard against runaway loops (about 40 years of working days); not a rule, a sanity limit on the
 * counts this module steps through day by day.
 */
export const MAX_WORKING_DAY_STEPS = 10_000;

/** Readings of rule F6 that a province administrator may change. */
export type NoticeSettings = {
  /** The day the notice is posted counts as day 1 when it is a working day. */
  startDayCounts: boolean;
  /** When the fund arrangement may be filed once the period is over. */
  submission: "next_working_day" | "next_calendar_day";
};

/** Reading of F6 in rules.md: the posting day counts; file on the next working day after the last. */
export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  startDayCounts: true,
  submission: "next_working_day",
};

/** The last day of a notice period and the earliest day the arrangement may be filed (rule F6). */
export type NoticePeriod = { lastDay: string; earliestSubmission: string };

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a valid ISO date, or undefined when the text names no real day. */
function dayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return toIso(d.getTime() / DAY_MS) === date ? d.getTime() / DAY_MS : undefined;
}

function toIso(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear().toString().padStart(4, "0")}-${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")}`;
}

function requireDay(date: string, field: string): number {
  const day = typeof date === "string" ? dayNumber(date) : undefined;
  if (day === undefined) {
    throw new RuleInputError(field, {
      zh: `${field} 应为有效日期 YYYY-MM-DD，实为“${String(date)}”`,
      en: `${field} must be a valid date YYYY-MM-DD, got "${String(date)}"`,
    });
  }
  return day;
}

function requireCount(n: number, field: string, min: number, max = MAX_WORKING_DAY_STEPS): void {
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new RuleInputError(field, {
      zh: `${field} 应为 ${min} 至 ${max} 之间的整数，实为 ${String(n)}`,
      en: `${field} must be an integer from ${min} to ${max}, got ${String(n)}`,
    });
  }
}

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  // Calendar days are cheap (no loop), so only keep the result inside four-digit years.
  requireCount(days, "days", -3_000_000, 3_000_000);
  return toIso(requireDay(date, "date") + days);
}

function workingOn(cal: WorkCalendar, day: number): boolean {
  const iso = toIso(day);
  if (cal.workdays.has(iso)) return true; // 调休: a make-up working weekend day
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !cal.holidays.has(iso);
}

/** Rule F6: a working day is a make-up workday, or a Monday–Friday that is no holiday. */
export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return workingOn(cal, requireDay(date, "date"));
}

/**
 * The `n`-th working day strictly after `date` (strictly before when `n` is negative); `n = 0`
 * returns `date` itself, working day or not.
 */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  let day = requireDay(date, "date");
  requireCount(n, "n", -MAX_WORKING_DAY_STEPS);
  const step = n < 0 ? -1 : 1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (workingOn(cal, day)) left--;
  }
  return toIso(day);
}

/** The first working day strictly after `date` (rule F6). */
export function nextWorkingDay(cal: WorkCalendar, date: string): string {
  return addWorkingDays(cal, date, 1);
}

/**
 * Rule F6: a notice posted on `start` and lasting `workingDays` working days (default 10). With
 * the default reading, `start` is day 1 if it is a working day (else the next working day is), and
 * the arrangement may be filed from the next working day after the last day.
 *
 * The result is only as good as the calendar: check {@link calendarCovers} for the years of `start`
 * and of `earliestSubmission`.
 */
export function noticePeriod(
  cal: WorkCalendar,
  start: string,
  workingDays: number = NOTICE_MIN_WORKING_DAYS,
  settings: NoticeSettings = DEFAULT_NOTICE_SETTINGS,
): NoticePeriod {
  requireDay(start, "start");
  requireCount(workingDays, "workingDays", 1);
  const startCounts = settings.startDayCounts && isWorkingDay(cal, start);
  const lastDay = addWorkingDays(cal, start, startCounts ? workingDays - 1 : workingDays);
  const earliestSubmission =
    settings.submission === "next_working_day" ? nextWorkingDay(cal, lastDay) : addCalendarDays(lastDay, 1);
  return { lastDay, earliestSubmission };
}

/**
 * Whether the calendar holds official data for `year`. Outside covered years every weekday looks
 * like a working day, which is wrong around holidays, so callers should warn.
 */
export function calendarCovers(cal: WorkCalendar, year: number): boolean {
  if (cal.coveredYears) return cal.coveredYears.has(year);
  const prefix = `${year.toString().padStart(4, "0")}-`;
  for (const set of [cal.holidays, cal.workdays]) {
    for (const date of set) if (date.startsWith(prefix)) return true;
  }
  return false;
}
