/** Removes an entry or a project from a column, with its documents' records (files stay on disk, hashed, for the audit). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { notFound } from "../../platform/http/errors";
import { reportingDb } from "../reporting-db";

export async function deleteColumnItem(options: {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  kind: "entry" | "project";
  id: string;
}): Promise<void> {
  const { db, actor, regionCode, kind, id } = options;
  const table = kind === "entry" ? "transparency_entries" : "transparency_projects";
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = await rdb
      .selectFrom(table)
      .selectAll()
      .where("id", "=", id)
      .where("region_code", "=", regionCode)
      .executeTakeFirst();
    if (!before)
      throw notFound(
        kind === "entry" ? { zh: "该公开条目", en: "Column entry" } : { zh: "该项目", en: "Project" },
      );
    const documents = await rdb
      .selectFrom("transparency_documents")
      .selectAll()
      .where("owner_kind", "=", kind)
      .where("owner_id", "=", id)
      .execute();
    await rdb
      .deleteFrom("transparency_documents")
      .where("owner_kind", "=", kind)
      .where("owner_id", "=", id)
      .execute();
    await rdb.deleteFrom(table).where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: `transparency.${kind}_removed`,
      entity: `transparency_${kind}`,
      entityId: id,
      countyCode: regionCode.length === 6 ? regionCode : null,
      before: { ...before, documents },
    });
  });
}
