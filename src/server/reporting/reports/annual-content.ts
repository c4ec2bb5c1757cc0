/**
 * The inputs of an annual report (年报): the reporter's monthly reports of the year that were
 * received (submitted or approved), and for the county authority the year's daily-report totals.
 */
import type { Kysely } from "kysely";
import {
  type AnnualReportContent,
  assembleAnnualReport,
  type MonthlyReportContent,
} from "../../../rules/reporting";
import type { Database } from "../../platform/db/schema";
import { COUNTY_REPORTER_KEY } from "../liaisons/liaisons.repository";
import { parseJson, reportingDb } from "../reporting-db";

export async function annualDraftContent(
  kdb: Kysely<Database>,
  countyCode: string,
  reporterKey: string,
  year: string,
): Promise<AnnualReportContent> {
  const rdb = reportingDb(kdb);
  const monthly = await rdb
    .selectFrom("reporting_reports")
    .select(["period", "content_json"])
    .where("county_code", "=", countyCode)
    .where("reporter_key", "=", reporterKey)
    .where("kind", "=", "monthly")
    .where("period", "like", `${year}-%`)
    .where("status", "in", ["submitted", "approved"])
    .execute();
  let daily = { days: 0, orders: 0, amountFen: 0, shipments: 0 };
  if (reporterKey === COUNTY_REPORTER_KEY) {
    const totals = await rdb
      .selectFrom("reporting_daily_reports")
      .select((eb) => [
        eb.fn.countAll<number>().as("days"),
        eb.fn.sum<number>("orders").as("orders"),
        eb.fn.sum<number>("amount_fen").as("amount"),
        eb.fn.sum<number>("shipments").as("shipments"),
      ])
      .where("county_code", "=", countyCode)
      .where("date", "like", `${year}-%`)
      .executeTakeFirstOrThrow();
    daily = {
      days: Number(totals.days ?? 0),
      orders: Number(totals.orders ?? 0),
      amountFen: Number(totals.amount ?? 0),
      shipments: Number(totals.shipments ?? 0),
    };
  }
  return assembleAnnualReport(
    monthly.map((m) => ({
      period: m.period,
      content: parseJson<MonthlyReportContent>(m.content_json, { ...EMPTY }),
    })),
    daily,
  );
}

const EMPTY: MonthlyReportContent = {
  countyEcommerceFen: null,
  ruralOnlineRetailFen: null,
  agriculturalOnlineRetailFen: null,
  projects: [],
  issues: "",
};
