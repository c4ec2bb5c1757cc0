/**
 * The daily report job (智能日报, R2): for every demonstration county, generate the report of a day
 * from the operations domain's station days, with no human step. Generating a day again replaces
 * its report, so the job may run as often as convenient; `shifan serve` runs it hourly for
 * yesterday and today.
 */
import { stationDays } from "../operations";
import type { Db } from "../platform/db/database";
import { storeDailyReports } from "../reporting/index";

export async function generateDailyReportsFor(db: Db, from: string, to: string): Promise<number> {
  const counties = await db.db.selectFrom("demonstration_counties").select("county_code").execute();
  let days = 0;
  for (const { county_code } of counties) {
    const rows = await stationDays(db.db, county_code, from, to);
    const stored = await storeDailyReports({
      db: db.db,
      actor: { id: null, name: "job:daily-reports" },
      countyCode: county_code,
      rows,
    });
    days += stored.days;
  }
  return days;
}
