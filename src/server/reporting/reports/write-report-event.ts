/** Appends a report's history entry and its audit entry, inside the caller's transaction. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { ApprovalLevel, ReportStatus } from "../../../rules/reporting";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { chinaTimestamp } from "../../platform/time/china-time";
import type { ReportTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";

export async function writeReportEvent(
  trx: Kysely<Database>,
  actor: Actor,
  event: {
    action: "created" | "saved" | "submitted" | "approved" | "returned" | "reopened" | "assembled";
    report: ReportTable;
    before?: ReportTable;
    level?: ApprovalLevel | null;
    comment?: string | null;
    statusAfter: ReportStatus;
  },
): Promise<void> {
  await reportingDb(trx)
    .insertInto("reporting_report_events")
    .values({
      id: randomUUID(),
      report_id: event.report.id,
      county_code: event.report.county_code,
      action: event.action,
      level: event.level ?? null,
      actor_name: actor.name,
      comment: event.comment ?? null,
      status_after: event.statusAfter,
      at: chinaTimestamp(),
    })
    .execute();
  const summary = (r: ReportTable | undefined) =>
    r && {
      kind: r.kind,
      period: r.period,
      reporter: r.reporter_name,
      status: r.status,
      pendingLevel: r.pending_level,
      version: r.version,
      content:
        event.action === "saved" || event.action === "created" || event.action === "assembled"
          ? r.content_json
          : undefined,
    };
  await recordAudit(trx, actor, {
    action: `report.${event.action}`,
    entity: "report",
    entityId: event.report.id,
    countyCode: event.report.county_code,
    before: summary(event.before),
    after: { ...summary(event.report), level: event.level ?? null, comment: event.comment ?? null },
  });
}
