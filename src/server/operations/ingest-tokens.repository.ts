/**
 * API tokens of the ingest endpoint: one per device or contractor system, scoped to a county and
 * optionally to kinds and stations. The database holds only the token's sha256: a token is 256
 * random bits, so an unkeyed hash cannot be reversed, and a stolen table yields no live token.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { IngestTokenTable, OperationsTables } from "./operations.tables";

export const INGEST_KINDS = ["orders", "shipments", "uptime"] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];

const PREFIX = "shf_";

/** A new token's text, shown once to the administrator who creates it. */
export const newTokenText = () => `${PREFIX}${randomBytes(32).toString("base64url")}`;

export const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** What a caller holding a valid token may do. */
export type IngestCaller = {
  tokenId: string;
  name: string;
  countyCode: string;
  /** null = every kind / every station of the county. */
  kinds: ReadonlySet<IngestKind> | null;
  stationCodes: ReadonlySet<string> | null;
};

export type IngestTokenRecord = {
  id: string;
  countyCode: string;
  name: string;
  hint: string;
  kinds: IngestKind[] | null;
  stationCodes: string[] | null;
  /** The contractor organization holding it; null for a county's own device or system. */
  organizationId: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
};

const parseList = <T extends string>(json: string | null): T[] | null =>
  json === null ? null : (JSON.parse(json) as T[]);

export const tokenRecord = (r: IngestTokenTable): IngestTokenRecord => ({
  id: r.id,
  countyCode: r.county_code,
  name: r.name,
  hint: r.token_hint,
  kinds: parseList<IngestKind>(r.kinds_json),
  stationCodes: parseList<string>(r.station_codes_json),
  organizationId: r.organization_id,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

/** The caller a bearer token stands for, or undefined when it is unknown or revoked. */
export async function findIngestCaller(
  kdb: Kysely<Database>,
  token: string,
): Promise<IngestCaller | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 100) return undefined;
  const row = await kdb
    .withTables<OperationsTables>()
    .selectFrom("ingest_tokens")
    .selectAll()
    .where("token_hash", "=", tokenHash(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const kinds = parseList<IngestKind>(row.kinds_json);
  const stations = parseList<string>(row.station_codes_json);
  return {
    tokenId: row.id,
    name: row.name,
    countyCode: row.county_code,
    kinds: kinds ? new Set(kinds) : null,
    stationCodes: stations ? new Set(stations) : null,
  };
}

export async function listIngestTokens(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<IngestTokenRecord[]> {
  const rows = await kdb
    .withTables<OperationsTables>()
    .selectFrom("ingest_tokens")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(tokenRecord);
}
