/**
 * Data versions: a counter per scope — a county code, or ANY_COUNTY for data that belongs to no
 * one county (calendar overrides, settings, the standard), or a county's feed scope for machine
 * data (device ingest), which changes many times a second and which most read models (the service
 * network, funds, reports) never read. recordAudit bumps the scope of every audited write inside
 * the write's own transaction, so a version never moves without its data and every process
 * sharing the database sees the same counters.
 */
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** The scope of writes that are not one county's; a change there may affect any county's figures. */
export const ANY_COUNTY = "*";

/** The scope of a county's machine feeds (kind "feed" in the audit log). */
export const feedScope = (countyCode: string) => `feed:${countyCode}`;

/** Bumps `scope`; call inside the writing transaction (recordAudit does). */
export async function bumpDataVersion(trx: Kysely<Database>, scope: string): Promise<void> {
  await trx
    .insertInto("data_versions")
    .values({ scope, version: 1 })
    .onConflict((oc) =>
      oc.column("scope").doUpdateSet((eb) => ({ version: eb("data_versions.version", "+", 1) })),
    )
    .execute();
}

/** A read model's stamp: the versions of its counties' data, and apart those of their feeds. */
export type DataStamp = { data: string; feeds: string };

/**
 * The versions of the counties (0 for a county never written), always with ANY_COUNTY, and of
 * their feed scopes when `feeds`: stamps that change whenever data read from them may have.
 */
export async function readDataVersions(
  db: Kysely<Database>,
  counties: readonly string[],
  feeds = false,
): Promise<DataStamp> {
  const dataScopes = [ANY_COUNTY, ...counties];
  const feedScopes = feeds ? counties.map(feedScope) : [];
  const rows = await db
    .selectFrom("data_versions")
    .select(["scope", "version"])
    .where("scope", "in", [...dataScopes, ...feedScopes])
    .execute();
  const found = new Map(rows.map((r) => [r.scope, String(r.version)]));
  const stamp = (scopes: string[]) => scopes.map((s) => `${s}=${found.get(s) ?? "0"}`).join(",");
  return { data: stamp(dataScopes), feeds: stamp(feedScopes) };
}
