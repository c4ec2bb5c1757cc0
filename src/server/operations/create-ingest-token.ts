/** A county administrator creates an ingest token for a device or a contractor's system. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { requireContractorOrganization } from "../organizations/index";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import {
  type IngestKind,
  type IngestTokenRecord,
  newTokenText,
  tokenHash,
  tokenRecord,
} from "./ingest-tokens.repository";
import type { IngestTokenTable, OperationsTables } from "./operations.tables";

export type CreateIngestTokenOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  /** Who holds it: "3号站数据管理器", "某快递企业物流系统". */
  name: string;
  /** Kinds it may send; omitted = all. */
  kinds?: IngestKind[];
  /** 站点编号 it may send for; omitted = every station of the county. */
  stationCodes?: string[];
  /** The contractor organization (承办企业) holding it, when a contractor's system sends with it. */
  organizationId?: string | null;
};

/** Returns the token's record and its text, which is shown this once and never stored. */
export async function createIngestToken(
  options: CreateIngestTokenOptions,
): Promise<{ record: IngestTokenRecord; token: string }> {
  return options.db.db.transaction().execute(async (kdb) => {
    if (options.organizationId)
      await requireContractorOrganization(kdb, options.countyCode, options.organizationId);
    return insertIngestToken(kdb, options.actor, {
      countyCode: options.countyCode,
      name: options.name,
      kinds_json: options.kinds ? JSON.stringify([...new Set(options.kinds)].sort()) : null,
      station_codes_json: options.stationCodes
        ? JSON.stringify([...new Set(options.stationCodes)].sort())
        : null,
      organizationId: options.organizationId ?? null,
    });
  });
}

/** Inserts a token inside the caller's transaction, audited without its text; returns the text once. */
export async function insertIngestToken(
  kdb: Kysely<Database>,
  actor: Actor,
  input: {
    countyCode: string;
    name: string;
    kinds_json: string | null;
    station_codes_json: string | null;
    organizationId: string | null;
    /** Why it was issued, for the audit (e.g. the handover that replaced a revoked token). */
    reason?: string;
  },
): Promise<{ record: IngestTokenRecord; token: string }> {
  const token = newTokenText();
  const row: IngestTokenTable = {
    id: randomUUID(),
    county_code: input.countyCode,
    name: input.name,
    token_hash: tokenHash(token),
    token_hint: token.slice(-4),
    kinds_json: input.kinds_json,
    station_codes_json: input.station_codes_json,
    organization_id: input.organizationId,
    created_by: actor.id,
    created_at: chinaTimestamp(),
    revoked_at: null,
    last_used_at: null,
  };
  await kdb.withTables<OperationsTables>().insertInto("ingest_tokens").values(row).execute();
  const { token_hash: _hash, ...after } = row;
  await recordAudit(kdb, actor, {
    action: "ingest_token.created",
    entity: "ingest_token",
    entityId: row.id,
    countyCode: input.countyCode,
    after: input.reason ? { ...after, reason: input.reason } : after,
  });
  return { record: tokenRecord(row), token };
}
