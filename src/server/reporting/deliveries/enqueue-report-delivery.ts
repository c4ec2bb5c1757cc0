/**
 * Queues an approved report for the ministry sink, inside the approval's transaction (an outbox):
 * the approval and the promise to deliver it commit together, and a crash cannot lose either.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../platform/db/schema";
import { chinaTimestamp } from "../../platform/time/china-time";
import { countyName } from "../liaisons/liaisons.repository";
import type { ReportTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";
import { reportEnvelope, reportIdempotencyKey } from "../reports/report-export";
import { reportRecord } from "../reports/reports.repository";
import type { ReportSink } from "./report-sink";

export async function enqueueReportDelivery(
  trx: Kysely<Database>,
  sink: Pick<ReportSink, "kind" | "target">,
  row: ReportTable,
): Promise<string> {
  const report = reportRecord(row);
  const now = chinaTimestamp();
  const key = reportIdempotencyKey(report);
  const envelope = reportEnvelope(report, await countyName(trx, row.county_code), now);
  await reportingDb(trx)
    .insertInto("reporting_deliveries")
    .values({
      id: randomUUID(),
      report_id: row.id,
      county_code: row.county_code,
      sink: sink.kind,
      target: sink.target,
      idempotency_key: key,
      payload_json: JSON.stringify(envelope),
      status: "pending",
      attempts: 0,
      last_http_status: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      delivered_at: null,
    })
    .onConflict((oc) => oc.columns(["sink", "target", "idempotency_key"]).doNothing())
    .execute();
  return key;
}
