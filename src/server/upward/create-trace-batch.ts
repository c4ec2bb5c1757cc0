/** Registers a production batch (批次) of a traced enterprise and gives it a public trace code (O7). */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { TraceUnit } from "../../rules/upward";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { newTraceCode } from "./trace-code";
import type { UpwardTables } from "./upward.tables";

export type NewTraceBatch = {
  enterpriseId: string;
  productId: string | null;
  productName: string;
  lot: string;
  quantity: number;
  unit: TraceUnit;
};

export async function createTraceBatch(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  batch: NewTraceBatch;
}): Promise<{ id: string; code: string }> {
  const { db, actor, countyCode, batch } = options;
  return db.transaction().execute(async (trx) => {
    const t = trx.withTables<UpwardTables>();
    const enterprise = await t
      .selectFrom("trace_enterprises")
      .select("id")
      .where("id", "=", batch.enterpriseId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!enterprise) throw unknown("enterpriseId", "追溯企业");
    if (batch.productId) {
      const product = await t
        .selectFrom("developed_products")
        .select("id")
        .where("id", "=", batch.productId)
        .where("county_code", "=", countyCode)
        .executeTakeFirst();
      if (!product) throw unknown("productId", "单品");
    }
    const duplicate = await t
      .selectFrom("trace_batches")
      .select("id")
      .where("county_code", "=", countyCode)
      .where("enterprise_id", "=", batch.enterpriseId)
      .where("lot", "=", batch.lot)
      .executeTakeFirst();
    if (duplicate) {
      throw new AppError(409, "duplicate_lot", {
        zh: `该企业已登记批号 ${batch.lot}`,
        en: `The enterprise already has lot ${batch.lot}`,
      });
    }
    const row = {
      id: randomUUID(),
      county_code: countyCode,
      enterprise_id: batch.enterpriseId,
      product_id: batch.productId,
      product_name: batch.productName,
      lot: batch.lot,
      code: newTraceCode(),
      quantity: batch.quantity,
      unit: batch.unit,
      is_demo: 0,
      created_at: chinaTimestamp(),
    };
    await t.insertInto("trace_batches").values(row).execute();
    await recordAudit(trx, actor, {
      action: "trace_batch.created",
      entity: "trace_batch",
      entityId: row.id,
      countyCode,
      after: row,
    });
    return { id: row.id, code: row.code };
  });
}

function unknown(field: string, noun: string) {
  return new AppError(
    400,
    "unknown_reference",
    { zh: `本县没有该${noun}`, en: `Unknown ${field} in this county` },
    [{ path: field, message: `${noun}不存在或不属于本县` }],
  );
}
