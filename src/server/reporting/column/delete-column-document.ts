/** Removes a document from the column (the stored file stays, hashed, for the audit trail). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../platform/audit/audit";
import type { Database } from "../../platform/db/schema";
import { notFound } from "../../platform/http/errors";
import { reportingDb } from "../reporting-db";

export async function deleteColumnDocument(options: {
  db: Kysely<Database>;
  actor: Actor;
  regionCode: string;
  id: string;
}) {
  const { db, actor, regionCode, id } = options;
  await db.transaction().execute(async (trx) => {
    const rdb = reportingDb(trx);
    const before = await rdb
      .selectFrom("transparency_documents")
      .selectAll()
      .where("id", "=", id)
      .where("region_code", "=", regionCode)
      .executeTakeFirst();
    if (!before) throw notFound({ zh: "该文件", en: "Document" });
    await rdb.deleteFrom("transparency_documents").where("id", "=", id).execute();
    await recordAudit(trx, actor, {
      action: "transparency.document_removed",
      entity: "transparency_document",
      entityId: id,
      countyCode: regionCode.length === 6 ? regionCode : null,
      before,
    });
  });
}
