/**
 * Sends queued reports to the sink and records each outcome in the delivery log. A row is claimed
 * (pending → sending) before it is sent, so two workers never send the same row; the sink retries
 * within one call; a row that still fails is marked failed for the province to retry.
 */
import type { Kysely } from "kysely";
import { recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";
import type { ReportEnvelope } from "../reports/report-export";
import type { ReportSink } from "./report-sink";

export type DeliveryRun = { delivered: number; failed: number };

export async function deliverPendingReports(options: {
  db: Kysely<Database>;
  sink: ReportSink;
  /** At most this many rows per run (default 50). */
  limit?: number;
}): Promise<DeliveryRun> {
  const { db, sink } = options;
  const rdb = reportingDb(db);
  const pending = await rdb
    .selectFrom("reporting_deliveries")
    .selectAll()
    .where("sink", "=", sink.kind)
    .where("target", "=", sink.target)
    .where("status", "=", "pending")
    .orderBy("created_at")
    .limit(options.limit ?? 50)
    .execute();
  const run: DeliveryRun = { delivered: 0, failed: 0 };
  for (const row of pending) {
    const claimed = await rdb
      .updateTable("reporting_deliveries")
      .set({ status: "sending", updated_at: chinaTimestamp() })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const outcome = await sink.deliver(JSON.parse(row.payload_json) as ReportEnvelope, row.idempotency_key);
    const now = chinaTimestamp();
    await db.transaction().execute(async (trx) => {
      await reportingDb(trx)
        .updateTable("reporting_deliveries")
        .set({
          status: outcome.ok ? "delivered" : "failed",
          attempts: Number(row.attempts) + outcome.attempts,
          last_http_status: outcome.httpStatus,
          last_error: outcome.error,
          delivered_at: outcome.ok ? now : null,
          updated_at: now,
        })
        .where("id", "=", row.id)
        .execute();
      await recordAudit(
        trx,
        { id: null, name: "report-sink" },
        {
          action: outcome.ok ? "report.delivered" : "report.delivery_failed",
          entity: "report",
          entityId: row.report_id,
          countyCode: row.county_code,
          after: {
            sink: sink.kind,
            target: sink.target,
            key: row.idempotency_key,
            attempts: outcome.attempts,
            error: outcome.error,
          },
        },
      );
    });
    if (outcome.ok) run.delivered++;
    else run.failed++;
  }
  return run;
}
