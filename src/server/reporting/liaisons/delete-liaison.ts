/** Removes a liaison from the county's list (R4); reports already filed keep their reporter's name. */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { notFound } from "../../platform/http/errors";
import { reportingDb } from "../reporting-db";

export async function deleteLiaison(options: {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  id: string;
}): Promise<void> {
  const { db, actor, countyCode, id } = options;
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = await rdb
      .selectFrom("reporting_liaisons")
      .selectAll()
      .where("id", "=", id)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!before) throw notFound({ zh: "该联络员", en: "Liaison" });
    await rdb.deleteFrom("reporting_liaisons").where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: "reporting.liaison_removed",
      entity: "reporting_liaison",
      entityId: id,
      countyCode,
      before,
    });
  });
}
