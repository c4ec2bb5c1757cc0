/**
 * The working-day calendar the app computes every deadline with (rule F6): `chinese-days` plus the
 * province administrator's corrections in `calendar_days`.
 */
import type { Kysely } from "kysely";
import { calendarCovers, type WorkCalendar } from "../../rules/calendar";
import type { Database } from "../platform/db/schema";
import type { CalendarTables } from "./calendar.tables";
import { buildWorkCalendar, loadChineseDaysData } from "./chinese-days-source";

export type CalendarOverrideRow = {
  date: string;
  kind: "holiday" | "workday";
  note: string;
  updatedBy: string;
  updatedAt: string;
};

/** The corrections, in date order, optionally of one year. */
export async function listCalendarOverrides(
  kdb: Kysely<Database>,
  year?: number,
): Promise<CalendarOverrideRow[]> {
  let query = kdb.withTables<CalendarTables>().selectFrom("calendar_days").selectAll().orderBy("date");
  if (year !== undefined) query = query.where("date", "like", `${String(year).padStart(4, "0")}-%`);
  const rows = await query.execute();
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind,
    note: r.note,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/**
 * The calendar with the corrections applied. A year counts as covered when the package has it or
 * the province has entered days for it: the province adds a year the package lacks by entering
 * its holidays and make-up days.
 */
export async function loadWorkCalendar(kdb: Kysely<Database>): Promise<WorkCalendar> {
  const overrides = await listCalendarOverrides(kdb);
  const calendar = buildWorkCalendar(loadChineseDaysData(), overrides);
  const coveredYears = new Set(calendar.coveredYears ?? []);
  for (const o of overrides) coveredYears.add(Number(o.date.slice(0, 4)));
  return { ...calendar, coveredYears };
}

/** Years from `from` to `to` (ISO dates) the calendar has no data for: only weekends are known there. */
export function uncoveredYears(calendar: WorkCalendar, from: string, to: string): number[] {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    if (!calendarCovers(calendar, y)) years.push(y);
  }
  return years;
}
