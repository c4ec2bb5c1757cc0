/**
 * An approver acts on a report (R2): approve it at the pending level (it climbs county → city →
 * province), return it with a comment, or reopen an approved, locked report with a comment. Every
 * decision is audited; the final approval queues the report for the ministry sink.
 */
import type { Kysely } from "kysely";
import { applyReportAction, type ReportAction } from "../../../rules/reporting";
import type { Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import { AppError } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import { enqueueReportDelivery } from "../deliveries/enqueue-report-delivery";
import type { ReportSink } from "../deliveries/report-sink";
import type { ReportTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";
import { loadReportingSettings } from "../settings/reporting-settings.repository";
import { requireApprover } from "./report-access";
import { reportForChange } from "./report-for-change";
import { type ReportRecord, reportRecord } from "./reports.repository";
import { writeReportEvent } from "./write-report-event";

export type ReviewDecision = "approve" | "return" | "reopen";

const PAST: Record<ReviewDecision, "approved" | "returned" | "reopened"> = {
  approve: "approved",
  return: "returned",
  reopen: "reopened",
};

export async function reviewReport(options: {
  db: Kysely<Database>;
  principal: Principal;
  countyCode: string;
  id: string;
  version: number;
  decision: ReviewDecision;
  comment: string;
  /** Where a finally approved report is queued for; nothing is queued when null. */
  sink: Pick<ReportSink, "kind" | "target"> | null;
}): Promise<ReportRecord> {
  const { db, principal, countyCode, id, version, decision } = options;
  const level = requireApprover(principal, countyCode);
  const comment = options.comment.trim();
  const { reporting: settings } = await loadReportingSettings(db);
  return db.transaction().execute(async (trx) => {
    const before = await reportForChange(trx, countyCode, id, version);
    const action: ReportAction =
      decision === "approve" ? { type: "approve", level } : { type: decision, level, comment };
    const result = applyReportAction(
      { status: before.status, pendingLevel: before.pending_level },
      action,
      settings.approvalChains[before.reporter_kind],
      settings,
    );
    if (!result.ok) throw new AppError(409, "bad_transition", result.reason);
    const now = chinaTimestamp();
    const after: ReportTable = {
      ...before,
      status: result.state.status,
      pending_level: result.state.pendingLevel,
      version: before.version + 1,
      approved_at: result.state.status === "approved" ? now : null,
      last_comment: decision === "approve" ? before.last_comment : comment,
      updated_at: now,
    };
    await reportingDb(trx)
      .updateTable("reporting_reports")
      .set({
        status: after.status,
        pending_level: after.pending_level,
        version: after.version,
        approved_at: after.approved_at,
        last_comment: after.last_comment,
        updated_at: now,
      })
      .where("id", "=", id)
      .execute();
    await writeReportEvent(
      trx,
      { id: principal.id, name: principal.username },
      {
        action: PAST[decision],
        report: after,
        before,
        level,
        comment: comment || null,
        statusAfter: after.status,
      },
    );
    if (after.status === "approved" && options.sink) await enqueueReportDelivery(trx, options.sink, after);
    return reportRecord(after);
  });
}
