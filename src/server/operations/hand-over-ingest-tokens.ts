/**
 * Ingest tokens in a contractor's handover (项目交接, rule K2): every live token the outgoing
 * contractor holds in the county is revoked at once (it knows their text, so moving them would leave
 * it able to send), and the incoming contractor gets a new token of the same name and scope for each.
 * Runs inside the caller's transaction; the new tokens' text is returned this once, never stored.
 */
import type { Kysely } from "kysely";
import type { Actor } from "../platform/audit/audit";
import { recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import { insertIngestToken } from "./create-ingest-token";
import type { IngestTokenRecord } from "./ingest-tokens.repository";
import type { OperationsTables } from "./operations.tables";

export type IngestTokenHandover = {
  /** The outgoing contractor's token, revoked. */
  revoked: { id: string; name: string; hint: string };
  /** Its replacement, held by the incoming contractor; `token` is shown this once. */
  issued: IngestTokenRecord;
  token: string;
};

export async function handOverIngestTokens(
  trx: Kysely<Database>,
  actor: Actor,
  input: { countyCode: string; fromOrgId: string; toOrgId: string; handoverItemId: string },
): Promise<IngestTokenHandover[]> {
  const t = trx.withTables<OperationsTables>();
  const live = await t
    .selectFrom("ingest_tokens")
    .selectAll()
    .where("county_code", "=", input.countyCode)
    .where("organization_id", "=", input.fromOrgId)
    .where("revoked_at", "is", null)
    .orderBy("created_at")
    .execute();
  const revokedAt = chinaTimestamp();
  const moved: IngestTokenHandover[] = [];
  for (const row of live) {
    await t.updateTable("ingest_tokens").set({ revoked_at: revokedAt }).where("id", "=", row.id).execute();
    await recordAudit(trx, actor, {
      action: "ingest_token.revoked",
      entity: "ingest_token",
      entityId: row.id,
      countyCode: input.countyCode,
      before: { revoked_at: null, organization_id: row.organization_id },
      after: { revoked_at: revokedAt, reason: `handover ${input.handoverItemId}` },
    });
    const { record, token } = await insertIngestToken(trx, actor, {
      countyCode: input.countyCode,
      name: row.name,
      kinds_json: row.kinds_json,
      station_codes_json: row.station_codes_json,
      organizationId: input.toOrgId,
      reason: `handover ${input.handoverItemId} replaces ${row.id}`,
    });
    moved.push({ revoked: { id: row.id, name: row.name, hint: row.token_hint }, issued: record, token });
  }
  return moved;
}
