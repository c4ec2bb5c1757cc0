/**
 * Re-assembles an annual draft from the year's monthly reports and daily totals (after a late
 * monthly report came in): the figures, months, daily totals and projects are replaced; the
 * reporter's own summary is kept.
 */
import type { Kysely } from "kysely";
import { type AnnualReportContent, isEditable } from "../../../rules/reporting";
import type { Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import { badRequest } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import { parseJson, reportingDb } from "../reporting-db";
import { annualDraftContent } from "./annual-content";
import { assertMayReport } from "./report-access";
import { reportForChange } from "./report-for-change";
import { type ReportRecord, reportRecord } from "./reports.repository";
import { reportLocked } from "./save-report-content";
import { writeReportEvent } from "./write-report-event";

export async function reassembleAnnualReport(options: {
  db: Kysely<Database>;
  principal: Principal;
  countyCode: string;
  id: string;
  version: number;
}): Promise<ReportRecord> {
  const { db, principal, countyCode, id, version } = options;
  return db.transaction().execute(async (trx) => {
    const before = await reportForChange(trx, countyCode, id, version);
    await assertMayReport(trx, principal, countyCode, before.reporter_key);
    if (before.kind !== "annual")
      throw badRequest("not_annual", { zh: "只有年报可以汇总生成", en: "Only annual reports are assembled" });
    if (!isEditable(before.status)) throw reportLocked();
    const old = parseJson<Partial<AnnualReportContent>>(before.content_json, {});
    const fresh = await annualDraftContent(trx, countyCode, before.reporter_key, before.period);
    const content: AnnualReportContent = {
      ...fresh,
      summary: old.summary ?? "",
      issues: old.issues || fresh.issues,
    };
    const now = chinaTimestamp();
    const after = {
      ...before,
      content_json: JSON.stringify(content),
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
        action: "assembled",
        report: after,
        before,
        statusAfter: after.status,
      },
    );
    return reportRecord(after);
  });
}
