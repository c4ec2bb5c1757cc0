/** Records whether a township has an express outlet (快递网点, rule S7), audited. */
import type { Actor } from "../platform/audit/audit";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { NetworkTables } from "./network.tables";

export type SetTownshipExpressOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  townshipCode: string;
  hasExpressOutlet: boolean;
};

export async function setTownshipExpress(options: SetTownshipExpressOptions): Promise<void> {
  const { db, actor, countyCode, townshipCode, hasExpressOutlet } = options;
  await db.db.transaction().execute(async (kdb) => {
    const trx = kdb.withTables<NetworkTables>();
    const township = await trx
      .selectFrom("regions")
      .select("code")
      .where("code", "=", townshipCode)
      .where("level", "=", "township")
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!township) throw notFound({ zh: "本县的该乡镇", en: "Township of this county" });
    const before = await trx
      .selectFrom("township_express")
      .selectAll()
      .where("county_code", "=", countyCode)
      .where("township_code", "=", townshipCode)
      .executeTakeFirst();
    const value = hasExpressOutlet ? 1 : 0;
    if (before && before.has_express_outlet === value && before.is_demo === 0) return;
    const now = chinaTimestamp();
    await trx
      .insertInto("township_express")
      .values({
        county_code: countyCode,
        township_code: townshipCode,
        has_express_outlet: value,
        is_demo: 0,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["county_code", "township_code"])
          .doUpdateSet({ has_express_outlet: value, is_demo: 0, updated_at: now }),
      )
      .execute();
    await recordAudit(kdb, actor, {
      action: "township_express.set",
      entity: "township",
      entityId: townshipCode,
      countyCode,
      before: before ? { has_express_outlet: before.has_express_outlet } : undefined,
      after: { has_express_outlet: value },
    });
  });
}
