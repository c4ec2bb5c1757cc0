/** Loads the 2017 batch's 17 demonstration counties (facts of rule P1, not demo data). */
import type { Kysely } from "kysely";
import { DEMONSTRATION_COUNTIES_2017 } from "../../rules/program";
import type { Database } from "../platform/db/schema";

export async function loadDemonstrationCounties(
  db: Kysely<Database>,
  only?: readonly string[],
): Promise<number> {
  const present = new Set(
    (await db.selectFrom("demonstration_counties").select("county_code").execute()).map((r) => r.county_code),
  );
  const regions = new Map(
    (await db.selectFrom("regions").select(["code", "name"]).where("level", "=", "county").execute()).map(
      (r) => [r.code, r.name],
    ),
  );
  const missing = DEMONSTRATION_COUNTIES_2017.filter(
    (c) => !present.has(c.code) && regions.has(c.code) && (!only || only.includes(c.code)),
  );
  if (missing.length) {
    await db
      .insertInto("demonstration_counties")
      .values(
        missing.map((c) => ({
          county_code: c.code,
          name: regions.get(c.code) ?? c.name,
          city_code: c.code.slice(0, 4),
          batch: c.batch,
          subsidy_fen: c.subsidyFen,
          status: "implementing",
        })),
      )
      .execute();
  }
  return missing.length;
}
