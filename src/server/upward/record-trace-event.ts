/**
 * Appends an EPCIS event to a batch (O7): what (the batch's lot, or input lots for processing),
 * when, where (a site of the county), why (the business step) and, for inspections, the result.
 * Events are never edited; see void-trace-event.ts for corrections.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TraceStep, TraceUnit } from "../../rules/upward";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { TraceEventTable, UpwardTables } from "./upward.tables";

export type TraceEventInput = {
  step: TraceStep;
  /** ISO date-time with an offset. */
  eventTime: string;
  siteId: string | null;
  quantity: number | null;
  unit: TraceUnit | null;
  inputs: { batchId: string; quantity: number; unit: TraceUnit }[];
  inspection: { item: string; result: "pass" | "fail"; agency: string; reportNo: string } | null;
  note: string;
};

// A trace records what happened: an event a day or more in the future is a typing error.
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

function assertPlausibleTime(eventTime: string): void {
  const at = new Date(eventTime).getTime();
  if (Number.isNaN(at))
    throw new AppError(400, "invalid_time", { zh: "时间格式无效", en: "Invalid event time" });
  if (at > Date.now() + FUTURE_TOLERANCE_MS) {
    throw new AppError(400, "event_in_future", {
      zh: "事件时间晚于当前时间",
      en: "The event time is in the future",
    });
  }
}

/** Checks an event against its batch and county; returns the row to insert (not yet inserted). */
export async function prepareTraceEvent(
  trx: Kysely<Database>,
  countyCode: string,
  batchId: string,
  input: TraceEventInput,
  options: { isDemo?: boolean } = {},
): Promise<TraceEventTable> {
  assertPlausibleTime(input.eventTime);
  const t = trx.withTables<UpwardTables>();
  if (input.step === "inspecting" && !input.inspection) {
    throw badRequest(
      "inspection_required",
      { zh: "检测环节须填写检测结果", en: "An inspection needs its result" },
      [{ path: "inspection", message: "检测环节须填写检测项目、结果和机构" }],
    );
  }
  if (input.step !== "inspecting" && input.inspection) {
    throw badRequest("inspection_not_allowed", {
      zh: "只有检测环节可填写检测结果",
      en: "Only inspections carry results",
    });
  }
  if (input.step !== "processing" && input.inputs.length) {
    throw badRequest("inputs_not_allowed", {
      zh: "只有加工环节可填写原料批次",
      en: "Only processing has input lots",
    });
  }
  if ((input.quantity === null) !== (input.unit === null)) {
    throw badRequest("quantity_unit", { zh: "数量与单位须同时填写", en: "Give quantity and unit together" });
  }
  if (input.siteId) {
    const site = await t
      .selectFrom("trace_sites")
      .select("id")
      .where("id", "=", input.siteId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!site) {
      throw badRequest("unknown_reference", { zh: "本县没有该地点", en: "No such site in this county" }, [
        { path: "siteId", message: "地点不存在或不属于本县" },
      ]);
    }
  }
  for (const [i, inputBatch] of input.inputs.entries()) {
    const found = await t
      .selectFrom("trace_batches")
      .select("id")
      .where("id", "=", inputBatch.batchId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!found || inputBatch.batchId === batchId) {
      throw badRequest("unknown_reference", { zh: "原料批次无效", en: "Invalid input lot" }, [
        { path: `inputs.${i}.batchId`, message: "原料批次不存在、不属于本县或就是本批次" },
      ]);
    }
  }
  const id = randomUUID();
  return {
    id,
    county_code: countyCode,
    batch_id: batchId,
    epcis_event_id: `urn:uuid:${id}`,
    step: input.step,
    event_time: chinaTimestamp(new Date(input.eventTime)),
    site_id: input.siteId,
    quantity: input.quantity,
    unit: input.unit,
    inputs: input.inputs.length ? JSON.stringify(input.inputs) : null,
    inspection: input.inspection ? JSON.stringify(input.inspection) : null,
    note: input.note,
    voids_event_id: null,
    error_reason: null,
    corrective_event_ids: null,
    recorded_at: chinaTimestamp(),
    is_demo: options.isDemo ? 1 : 0,
  };
}

export async function findCountyBatch(trx: Kysely<Database>, countyCode: string, batchId: string) {
  const batch = await trx
    .withTables<UpwardTables>()
    .selectFrom("trace_batches")
    .select(["id", "code"])
    .where("id", "=", batchId)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!batch) throw notFound({ zh: "该追溯批次", en: "Trace batch" });
  return batch;
}

export async function recordTraceEvent(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  batchId: string;
  event: TraceEventInput;
}): Promise<{ id: string; eventId: string }> {
  const { db, actor, countyCode, batchId, event } = options;
  return db.transaction().execute(async (trx) => {
    await findCountyBatch(trx, countyCode, batchId);
    const row = await prepareTraceEvent(trx, countyCode, batchId, event);
    await trx.withTables<UpwardTables>().insertInto("trace_events").values(row).execute();
    await recordAudit(trx, actor, {
      action: "trace_event.recorded",
      entity: "trace_event",
      entityId: row.id,
      countyCode,
      after: row,
    });
    return { id: row.id, eventId: row.epcis_event_id };
  });
}
