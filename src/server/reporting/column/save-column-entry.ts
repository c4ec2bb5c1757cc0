/** Adds or changes a column entry: implementation plan, decision process, selection method/process/result (T1, T3). */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { notFound } from "../../platform/http/errors";
import { chinaTimestamp } from "../../platform/time/china-time";
import type { ColumnEntryTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";

export type ColumnEntryInput = { itemKey: string; title: string; body: string; publishedOn: string | null };

export async function saveColumnEntry(options: {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  id?: string;
  input: ColumnEntryInput;
}): Promise<string> {
  const { db, actor, regionCode, id, input } = options;
  return db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = id
      ? await rdb
          .selectFrom("transparency_entries")
          .selectAll()
          .where("id", "=", id)
          .where("region_code", "=", regionCode)
          .executeTakeFirst()
      : undefined;
    if (id && !before) throw notFound({ zh: "该公开条目", en: "Column entry" });
    const now = chinaTimestamp();
    const columns = {
      item_key: input.itemKey,
      title: input.title.trim(),
      body: input.body.trim(),
      published_on: input.publishedOn,
      is_demo: 0,
      updated_at: now,
    };
    let row: ColumnEntryTable;
    if (before) {
      row = { ...before, ...columns };
      await rdb.updateTable("transparency_entries").set(columns).where("id", "=", before.id).execute();
    } else {
      row = { id: randomUUID(), region_code: regionCode, ...columns, created_at: now };
      await rdb.insertInto("transparency_entries").values(row).execute();
    }
    await recordAudit(trx, actor, {
      action: before ? "transparency.entry_updated" : "transparency.entry_added",
      entity: "transparency_entry",
      entityId: row.id,
      countyCode: regionCode.length === 6 ? regionCode : null,
      before,
      after: row,
    });
    return row.id;
  });
}
