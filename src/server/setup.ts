/**
 * Bringing a database to life: schema, reference facts (regions, demonstration counties), and on
 * request the synthetic demo data set.
 */

import { loadDemonstrationCounties } from "./counties/load-demonstration-counties";
import { allMigrations } from "./domains";
import type { Db } from "./platform/db/database";
import { runMigrations } from "./platform/db/migrate";
import { loadRegions } from "./platform/regions/load-regions";

export type MigrateOptions = {
  /** Restrict the reference regions to these counties (tests); all of the province when unset. */
  counties?: readonly string[];
};

export async function migrate(db: Db, options: MigrateOptions = {}) {
  const applied = await runMigrations(db.db, allMigrations());
  const regions = await loadRegions(db.db, { counties: options.counties });
  const counties = await loadDemonstrationCounties(db.db, options.counties);
  return { applied, regions, counties };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
