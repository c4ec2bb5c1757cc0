/**
 * Corrects a trace event the EPCIS way (O7): the erroneous event stays; a new record repeats it
 * with an error declaration (reason, time, the corrective events), and the corrective event, if
 * any, is appended as a new event. Nothing is edited or deleted.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { findCountyBatch, prepareTraceEvent, type TraceEventInput } from "./record-trace-event";
import type { UpwardTables } from "./upward.tables";

export type ErrorReason = "did_not_occur" | "incorrect_data";

export async function voidTraceEvent(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  batchId: string;
  eventId: string;
  reason: ErrorReason;
  /** Kept for the county's records; never published. */
  explanation: string;
  correction: TraceEventInput | null;
}): Promise<{ declarationId: string; correctiveId: string | null }> {
  const { db, actor, countyCode, batchId, eventId, reason, explanation, correction } = options;
  return db.transaction().execute(async (trx) => {
    const t = trx.withTables<UpwardTables>();
    await findCountyBatch(trx, countyCode, batchId);
    const original = await t
      .selectFrom("trace_events")
      .selectAll()
      .where("id", "=", eventId)
      .where("batch_id", "=", batchId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!original) throw notFound({ zh: "该追溯事件", en: "Trace event" });
    if (original.voids_event_id) {
      throw new AppError(409, "is_declaration", {
        zh: "这是一条更正声明，不能再作废",
        en: "This is an error declaration; it cannot be voided",
      });
    }
    const already = await t
      .selectFrom("trace_events")
      .select("id")
      .where("voids_event_id", "=", original.id)
      .executeTakeFirst();
    if (already) {
      throw new AppError(409, "already_voided", { zh: "该事件已作废", en: "The event is already voided" });
    }
    let correctiveId: string | null = null;
    if (correction) {
      const corrective = await prepareTraceEvent(trx, countyCode, batchId, correction);
      await t.insertInto("trace_events").values(corrective).execute();
      correctiveId = corrective.id;
    }
    const declaration = {
      ...original,
      id: randomUUID(),
      // EPCIS: the declaration carries the erroneous event's own eventID.
      epcis_event_id: original.epcis_event_id,
      note: explanation,
      voids_event_id: original.id,
      error_reason: reason,
      corrective_event_ids: JSON.stringify(correctiveId ? [correctiveId] : []),
      recorded_at: chinaTimestamp(),
      is_demo: original.is_demo,
    };
    await t.insertInto("trace_events").values(declaration).execute();
    await recordAudit(trx, actor, {
      action: "trace_event.voided",
      entity: "trace_event",
      entityId: original.id,
      countyCode,
      after: { declaration: declaration.id, reason, corrective: correctiveId },
    });
    return { declarationId: declaration.id, correctiveId };
  });
}
