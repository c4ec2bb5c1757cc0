/** A county administrator creates an ingest token for a device or a contractor's system. */
import { randomUUID } from "node:crypto";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
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
};

/** Returns the token's record and its text, which is shown this once and never stored. */
export async function createIngestToken(
  options: CreateIngestTokenOptions,
): Promise<{ record: IngestTokenRecord; token: string }> {
  const token = newTokenText();
  const row: IngestTokenTable = {
    id: randomUUID(),
    county_code: options.countyCode,
    name: options.name,
    token_hash: tokenHash(token),
    token_hint: token.slice(-4),
    kinds_json: options.kinds ? JSON.stringify([...new Set(options.kinds)].sort()) : null,
    station_codes_json: options.stationCodes
      ? JSON.stringify([...new Set(options.stationCodes)].sort())
      : null,
    created_by: options.actor.id,
    created_at: chinaTimestamp(),
    revoked_at: null,
    last_used_at: null,
  };
  await options.db.db.transaction().execute(async (kdb) => {
    await kdb.withTables<OperationsTables>().insertInto("ingest_tokens").values(row).execute();
    const { token_hash: _hash, ...after } = row;
    await recordAudit(kdb, options.actor, {
      action: "ingest_token.created",
      entity: "ingest_token",
      entityId: row.id,
      countyCode: options.countyCode,
      after,
    });
  });
  return { record: tokenRecord(row), token };
}
