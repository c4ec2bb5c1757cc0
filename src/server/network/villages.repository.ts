/** The village registry: village-level units of a county with their county-owned attributes. */
import type { Kysely } from "kysely";
import { containsInsensitive } from "../platform/db/dialect";
import type { Database } from "../platform/db/schema";
import type { NetworkTables } from "./network.tables";

export type VillageQuery = {
  countyCode: string;
  q?: string;
  township?: string;
  kind?: "village_committee" | "residents_committee";
  page: number;
  pageSize: number;
};

export async function listVillages(kdb: Kysely<Database>, query: VillageQuery) {
  const db = kdb.withTables<NetworkTables>();
  let base = db
    .selectFrom("regions as r")
    .innerJoin("regions as t", "t.code", "r.parent_code")
    .leftJoin("villages as v", (join) =>
      join.onRef("v.code", "=", "r.code").onRef("v.county_code", "=", "r.county_code"),
    )
    .where("r.county_code", "=", query.countyCode)
    .where("r.level", "=", "village");
  if (query.township) base = base.where("r.parent_code", "=", query.township);
  if (query.kind) base = base.where("r.village_kind", "=", query.kind);
  if (query.q) {
    const q = query.q.trim();
    base = /^\d+$/.test(q)
      ? base.where("r.code", "like", `${q}%`)
      : base.where(containsInsensitive("r.name", q));
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      "r.code",
      "r.name",
      "r.parent_code as townshipCode",
      "t.name as townshipName",
      "r.village_kind as kind",
      "v.population",
      "v.is_poor",
      "v.has_broadband",
      "v.demo_fields",
    ])
    .orderBy("r.code")
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      code: r.code,
      name: r.name,
      townshipCode: r.townshipCode ?? "",
      townshipName: r.townshipName,
      kind: r.kind ?? "village_committee",
      population: r.population ?? null,
      isPoor: r.is_poor === null || r.is_poor === undefined ? null : r.is_poor === 1,
      hasBroadband: r.has_broadband === null || r.has_broadband === undefined ? null : r.has_broadband === 1,
      demoFields: JSON.parse(r.demo_fields ?? "[]") as string[],
    })),
  };
}

/** Registered-poor administrative villages per county (rule G1: village committees only). */
export async function countPoorVillages(
  kdb: Kysely<Database>,
  countyCode?: string,
): Promise<Map<string, number>> {
  let query = kdb
    .withTables<NetworkTables>()
    .selectFrom("villages as p")
    .innerJoin("regions as r", "r.code", "p.code")
    .select(["p.county_code", (eb) => eb.fn.countAll<number>().as("n")])
    .where("p.is_poor", "=", 1)
    .where("r.village_kind", "=", "village_committee")
    .groupBy("p.county_code");
  if (countyCode) query = query.where("p.county_code", "=", countyCode);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.county_code, Number(r.n)]));
}
