/** The province puts a failed (or stuck) delivery back in the queue; it keeps its idempotency key. */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { AppError, notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";

export async function retryReportDelivery(options: {
  db: Kysely<Database>;
  actor: Actor;
  id: string;
}): Promise<void> {
  const { db, actor, id } = options;
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const row = await rdb
      .selectFrom("reporting_deliveries")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw notFound({ zh: "该报送记录", en: "Delivery" });
    if (row.status === "delivered" || row.status === "pending") {
      throw new AppError(409, "delivery_not_retryable", {
        zh: "该报送已成功或已在队列中",
        en: "The delivery succeeded already or is queued",
      });
    }
    await rdb
      .updateTable("reporting_deliveries")
      .set({ status: "pending", updated_at: chinaTimestamp() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, actor, {
      action: "report.delivery_requeued",
      entity: "report",
      entityId: row.report_id,
      countyCode: row.county_code,
      before: { status: row.status, attempts: row.attempts, error: row.last_error },
    });
  });
}
