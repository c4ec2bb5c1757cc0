/**
 * The reporter saves a draft's content (R2). Only a draft or a returned report may change; an
 * approved report is locked until an approver reopens it. Saving never validates: a draft may be
 * incomplete, submission checks it.
 */
import type { Kysely } from "kysely";
import { entryState, isEditable, type MonthlyReportContent } from "../../../rules/reporting";
import type { Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import { AppError } from "../../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { entryClosed } from "./create-report";
import { assertMayReport } from "./report-access";
import { reportForChange } from "./report-for-change";
import { entryExceptionUntil, type ReportRecord, reportRecord } from "./reports.repository";
import { writeReportEvent } from "./write-report-event";

export const reportLocked = () =>
  new AppError(409, "report_locked", {
    zh: "报告已提交或已审核，已锁定；如需修改请由审核人退回或重新打开",
    en: "The report is submitted or approved and locked; an approver must return or reopen it",
  });

export async function saveReportContent(options: {
  db: Kysely<Database>;
  principal: Principal;
  countyCode: string;
  id: string;
  version: number;
  content: MonthlyReportContent;
  today?: string;
}): Promise<ReportRecord> {
  const { db, principal, countyCode, id, version, content } = options;
  const today = options.today ?? chinaDate();
  const { reporting: settings } = await loadReportingSettings(db);
  return db.transaction().execute(async (trx) => {
    const before = await reportForChange(trx, countyCode, id, version);
    await assertMayReport(trx, principal, countyCode, before.reporter_key);
    if (!isEditable(before.status)) throw reportLocked();
    const exceptionUntil = await entryExceptionUntil(trx, countyCode, before.kind, before.period);
    const state = entryState({
      kind: before.kind,
      period: before.period,
      today,
      settings,
      exceptionUntil,
      isCorrection: before.status === "returned",
    });
    if (state === "closed") throw entryClosed();
    // An annual report keeps its assembled parts (months, daily totals) unless the form sends them.
    const merged = before.kind === "annual" ? { ...JSON.parse(before.content_json), ...content } : content;
    const now = chinaTimestamp();
    const after = {
      ...before,
      content_json: JSON.stringify(merged),
      version: before.version + 1,
      updated_at: now,
    };
    await reportingDb(trx)
      .updateTable("reporting_reports")
      .set({ content_json: after.content_json, version: after.version, updated_at: now })
      .where("id", "=", id)
      .execute();
    await writeReportEvent(
      trx,
      { id: principal.id, name: principal.username },
      {
        action: "saved",
        report: after,
        before,
        statusAfter: after.status,
      },
    );
    return reportRecord(after);
  });
}
