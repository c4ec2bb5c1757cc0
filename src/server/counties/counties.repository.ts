/** Reads of demonstration counties and their division tree; counts come from the region registry. */
import type { Kysely } from "kysely";
import { containsInsensitive } from "../platform/db/dialect";
import type { Database } from "../platform/db/schema";

export type CountySummary = {
  code: string;
  name: string;
  cityCode: string;
  cityName: string;
  batch: number;
  subsidyFen: number;
  status: string;
  townships: number;
  villages: number;
  residentsCommittees: number;
  poorVillages: number;
};

export async function listCounties(db: Kysely<Database>, onlyCode?: string): Promise<CountySummary[]> {
  let query = db
    .selectFrom("demonstration_counties as c")
    .leftJoin("regions as city", "city.code", "c.city_code")
    .select((eb) => [
      "c.county_code as code",
      "c.name",
      "c.city_code as cityCode",
      "city.name as cityName",
      "c.batch",
      "c.subsidy_fen as subsidyFen",
      "c.status",
      eb
        .selectFrom("regions as t")
        .select(eb.fn.countAll<number>().as("n"))
        .where("t.level", "=", "township")
        .whereRef("t.parent_code", "=", "c.county_code")
        .as("townships"),
      eb
        .selectFrom("regions as v")
        .select(eb.fn.countAll<number>().as("n"))
        .where("v.county_code", "=", eb.ref("c.county_code"))
        .where("v.level", "=", "village")
        .where("v.village_kind", "=", "village_committee")
        .as("villages"),
      eb
        .selectFrom("regions as v")
        .select(eb.fn.countAll<number>().as("n"))
        .where("v.county_code", "=", eb.ref("c.county_code"))
        .where("v.level", "=", "village")
        .where("v.village_kind", "=", "residents_committee")
        .as("residentsCommittees"),
      eb
        .selectFrom("villages as p")
        .innerJoin("regions as r", "r.code", "p.code")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("p.county_code", "=", "c.county_code")
        .where("p.is_poor", "=", 1)
        .where("r.village_kind", "=", "village_committee")
        .as("poorVillages"),
    ])
    .orderBy("c.county_code");
  if (onlyCode) query = query.where("c.county_code", "=", onlyCode);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    cityName: r.cityName ?? "",
    subsidyFen: Number(r.subsidyFen),
    townships: Number(r.townships ?? 0),
    villages: Number(r.villages ?? 0),
    residentsCommittees: Number(r.residentsCommittees ?? 0),
    poorVillages: Number(r.poorVillages ?? 0),
  }));
}

export async function listTownships(db: Kysely<Database>, countyCode: string) {
  const rows = await db
    .selectFrom("regions as t")
    .select((eb) => [
      "t.code",
      "t.name",
      eb
        .selectFrom("regions as v")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("v.parent_code", "=", "t.code")
        .as("villages"),
    ])
    .where("t.parent_code", "=", countyCode)
    .where("t.level", "=", "township")
    .orderBy("t.code")
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, villages: Number(r.villages ?? 0) }));
}

export type VillageQuery = {
  countyCode: string;
  q?: string;
  township?: string;
  kind?: "village_committee" | "residents_committee";
  page: number;
  pageSize: number;
};

export async function listVillages(db: Kysely<Database>, query: VillageQuery) {
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
