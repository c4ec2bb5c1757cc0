/** The county (or province) sets its column's supervision telephone (T2) and introduction. */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { chinaTimestamp } from "../../platform/time/china-time";
import { reportingDb } from "../reporting-db";

export async function saveColumnSettings(options: {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  supervisionPhone: string | null;
  intro: string;
}): Promise<void> {
  const { db, actor, regionCode } = options;
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = await rdb
      .selectFrom("transparency_columns")
      .selectAll()
      .where("region_code", "=", regionCode)
      .executeTakeFirst();
    const values = {
      supervision_phone: options.supervisionPhone?.trim() || null,
      intro: options.intro.trim(),
      is_demo: 0,
      updated_by: actor.name,
      updated_at: chinaTimestamp(),
    };
    await rdb
      .insertInto("transparency_columns")
      .values({ region_code: regionCode, ...values })
      .onConflict((oc) => oc.column("region_code").doUpdateSet(values))
      .execute();
    await recordAudit(trx, actor, {
      action: "transparency.column_saved",
      entity: "transparency_column",
      entityId: regionCode,
      countyCode: regionCode.length === 6 ? regionCode : null,
      before,
      after: values,
    });
  });
}
