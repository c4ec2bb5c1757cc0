/**
 * Starts a reporter's monthly or annual report as a draft (R2). A monthly draft carries the
 * projects of the reporter's previous monthly report forward; an annual draft is assembled from
 * the year's monthly reports and daily totals. Refused once entry for the period has closed.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import {
  dueDate,
  EMPTY_MONTHLY_CONTENT,
  entryState,
  isPeriod,
  type MonthlyReportContent,
  type ReportKind,
} from "../../../rules/reporting";
import type { Actor } from "../../platform/audit/audit";
import type { Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import { AppError, badRequest } from "../../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../../platform/time/china-time";
import { listReporters } from "../liaisons/liaisons.repository";
import type { ReportTable } from "../reporting.tables";
import { parseJson, reportingDb } from "../reporting-db";
import { reportingCalendar } from "../settings/reporting-calendar";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { annualDraftContent } from "./annual-content";
import { assertMayReport } from "./report-access";
import { entryExceptionUntil, type ReportRecord, reportRecord } from "./reports.repository";
import { writeReportEvent } from "./write-report-event";

export type CreateReportOptions = {
  db: Kysely<Database>;
  principal: Principal;
  countyCode: string;
  kind: ReportKind;
  period: string;
  reporterKey: string;
  /** The day it happens (China); today by default. */
  today?: string;
};

export const entryClosed = () =>
  new AppError(409, "entry_closed", {
    zh: "该报告期的填报已截止；如需补报，请向省级申请例外",
    en: "Entry for this period has closed; ask the province for an exception",
  });

export async function createReport(options: CreateReportOptions): Promise<ReportRecord> {
  const { db, principal, countyCode, kind, period, reporterKey } = options;
  const today = options.today ?? chinaDate();
  const actor: Actor = { id: principal.id, name: principal.username };
  await assertMayReport(db, principal, countyCode, reporterKey);
  if (!isPeriod(kind, period)) throw badRequest("bad_period", { zh: "报告期格式不对", en: "Bad period" });
  const { reporting: settings } = await loadReportingSettings(db);
  const reporter = (await listReporters(db, countyCode)).find((r) => r.key === reporterKey);
  if (!reporter)
    throw badRequest("unknown_reporter", {
      zh: "联络员名单中没有该报送单位",
      en: "No such reporter on the liaison list",
    });
  const first = kind === "monthly" ? settings.firstMonth : String(settings.firstYear);
  const periodStart = kind === "monthly" ? `${period}-01` : `${period}-01-01`;
  const last =
    settings.lastMonth && (kind === "monthly" ? settings.lastMonth : settings.lastMonth.slice(0, 4));
  if (period < first || periodStart > today || (last && period > last)) {
    throw badRequest("period_not_open", {
      zh: `报告期 ${period} 不在填报范围内（${first} 至 ${last || "今"}，且须已开始）`,
      en: `Period ${period} is not open for reports (${first} to ${last || "now"}, once it has started)`,
    });
  }
  const exceptionUntil = await entryExceptionUntil(db, countyCode, kind, period);
  if (entryState({ kind, period, today, settings, exceptionUntil }) === "closed") throw entryClosed();
  const cal = await reportingCalendar(db);

  return db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const existing = await rdb
      .selectFrom("reporting_reports")
      .select("id")
      .where("county_code", "=", countyCode)
      .where("kind", "=", kind)
      .where("period", "=", period)
      .where("reporter_key", "=", reporterKey)
      .executeTakeFirst();
    if (existing) {
      throw new AppError(409, "report_exists", { zh: "该报告已存在", en: "This report already exists" }, [
        { path: "id", message: existing.id },
      ]);
    }
    let content: MonthlyReportContent;
    if (kind === "annual") {
      content = await annualDraftContent(trx, countyCode, reporterKey, period);
    } else {
      const previous = await rdb
        .selectFrom("reporting_reports")
        .select("content_json")
        .where("county_code", "=", countyCode)
        .where("kind", "=", "monthly")
        .where("reporter_key", "=", reporterKey)
        .where("period", "<", period)
        .orderBy("period", "desc")
        .limit(1)
        .executeTakeFirst();
      const projects =
        parseJson<MonthlyReportContent>(previous?.content_json, EMPTY_MONTHLY_CONTENT).projects ?? [];
      content = { ...EMPTY_MONTHLY_CONTENT, projects };
    }
    const now = chinaTimestamp();
    const row: ReportTable = {
      id: randomUUID(),
      county_code: countyCode,
      kind,
      period,
      reporter_key: reporterKey,
      reporter_kind: reporter.kind,
      reporter_name: reporter.name,
      status: "draft",
      pending_level: null,
      content_json: JSON.stringify(content),
      version: 1,
      due_on: dueDate(cal, kind, period, settings),
      first_submitted_on: null,
      first_submitted_at: null,
      submitted_at: null,
      approved_at: null,
      last_comment: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    };
    await rdb.insertInto("reporting_reports").values(row).execute();
    await writeReportEvent(trx, actor, { action: "created", report: row, statusAfter: "draft" });
    return reportRecord(row);
  });
}
