/** One report with its history, its current validation problems and where its entry stands. */
import type { Kysely } from "kysely";
import {
  entryClosesOn,
  entryState,
  type MonthlyReportContent,
  validateReportContent,
} from "../../../rules/reporting";
import type { Database } from "../../platform/db/schema";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { noReport } from "./report-for-change";
import { entryExceptionUntil, getReportRow, listReportEvents, reportRecord } from "./reports.repository";

export async function getReportDetail(
  kdb: Kysely<Database>,
  countyCode: string,
  id: string,
  today: string,
  lang: "zh" | "en",
) {
  const row = await getReportRow(kdb, countyCode, id);
  if (!row) throw noReport();
  const report = reportRecord(row);
  const { reporting: settings } = await loadReportingSettings(kdb);
  const exceptionUntil = await entryExceptionUntil(kdb, countyCode, report.kind, report.period);
  const problems = validateReportContent(report.content as MonthlyReportContent, report.reporterKind);
  return {
    ...report,
    events: await listReportEvents(kdb, id),
    problems: problems.map((p) => ({ rule: p.rule, path: p.path, message: p.message[lang] })),
    entry: {
      state: entryState({
        kind: report.kind,
        period: report.period,
        today,
        settings,
        exceptionUntil,
        isCorrection: report.status === "returned",
      }),
      closesOn: entryClosesOn(report.kind, report.period, settings, exceptionUntil),
    },
  };
}
