/** Reads of demonstration counties and their division tree; counts come from the region registry. */
import type { Kysely } from "kysely";
import { canRead, type Principal } from "../platform/auth/roles";
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

export async function countyExists(db: Kysely<Database>, code: string): Promise<boolean> {
  const row = await db
    .selectFrom("demonstration_counties")
    .select("county_code")
    .where("county_code", "=", code)
    .executeTakeFirst();
  return row !== undefined;
}

/** The demonstration counties the caller may read, by code: what a province roll-up lists. */
export async function readableCounties(
  db: Kysely<Database>,
  principal: Principal,
): Promise<{ code: string; name: string }[]> {
  const counties = await db
    .selectFrom("demonstration_counties")
    .select(["county_code as code", "name"])
    .orderBy("county_code")
    .execute();
  return counties.filter((c) => canRead(principal, c.code));
}
