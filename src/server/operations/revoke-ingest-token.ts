/** A county administrator revokes an ingest token: it stops working at once, its data stays. */
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { type IngestTokenRecord, tokenRecord } from "./ingest-tokens.repository";
import type { OperationsTables } from "./operations.tables";

export async function revokeIngestToken(options: {
  db: Db;
  actor: Actor;
  countyCode: string;
  id: string;
}): Promise<IngestTokenRecord> {
  return options.db.db.transaction().execute(async (kdb) => {
    const trx = kdb.withTables<OperationsTables>();
    const row = await trx
      .selectFrom("ingest_tokens")
      .selectAll()
      .where("id", "=", options.id)
      .where("county_code", "=", options.countyCode)
      .executeTakeFirst();
    if (!row) throw notFound({ zh: "该数据接口令牌", en: "Ingest token" });
    if (row.revoked_at) return tokenRecord(row);
    const revokedAt = chinaTimestamp();
    await trx.updateTable("ingest_tokens").set({ revoked_at: revokedAt }).where("id", "=", row.id).execute();
    await recordAudit(kdb, options.actor, {
      action: "ingest_token.revoked",
      entity: "ingest_token",
      entityId: row.id,
      countyCode: options.countyCode,
      before: { revoked_at: null },
      after: { revoked_at: revokedAt },
    });
    return tokenRecord({ ...row, revoked_at: revokedAt });
  });
}
