/**
 * Generates and stores the county's 智能日报 (R2) from its stations' days, with no human step: the
 * generator is the pure `generateDailyReports`; a day generated again replaces its report.
 *
 * For the lead to wire: the operations domain's station-day data (orders, amount, shipments,
 * online minutes per station and day) is the input; call this with a {@link StationDaySource}
 * once operations exports one (daily, e.g. from a timer, or after each operations import).
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { generateDailyReports, type StationDayInput } from "../../../rules/reporting";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";

/** Where station days come from: the operations domain's data for a county and a date range. */
export type StationDaySource = (countyCode: string, from: string, to: string) => Promise<StationDayInput[]>;

export async function storeDailyReports(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  rows: readonly StationDayInput[];
  isDemo?: boolean;
}): Promise<{ days: number; dates: string[] }> {
  const { db, actor, countyCode } = options;
  const reports = generateDailyReports(options.rows);
  if (reports.length === 0) return { days: 0, dates: [] };
  const now = chinaTimestamp();
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const dates = reports.map((r) => r.date);
    for (let i = 0; i < dates.length; i += 500) {
      await rdb
        .deleteFrom("reporting_daily_reports")
        .where("county_code", "=", countyCode)
        .where("date", "in", dates.slice(i, i + 500))
        .execute();
    }
    const rows = reports.map((r) => ({
      id: randomUUID(),
      county_code: countyCode,
      date: r.date,
      stations: r.stations,
      orders: r.orders,
      amount_fen: r.amountFen,
      shipments: r.shipments,
      online_minutes: r.onlineMinutes,
      online_rate_bp: r.onlineRateBp,
      stations_online: r.stationsOnline,
      lines_json: JSON.stringify(r.lines),
      generated_at: now,
      is_demo: options.isDemo ? 1 : 0,
    }));
    for (let i = 0; i < rows.length; i += 100) {
      await rdb
        .insertInto("reporting_daily_reports")
        .values(rows.slice(i, i + 100))
        .execute();
    }
    await recordAudit(trx, actor, {
      action: "report.daily_generated",
      entity: "daily_report",
      entityId: countyCode,
      countyCode,
      after: { from: dates[0], to: dates[dates.length - 1], days: dates.length },
    });
  });
  return { days: reports.length, dates: reports.map((r) => r.date) };
}
