/** The county's benchmark upward express fees per weight class (O3): what the KPIs compare with. */
import type { Kysely } from "kysely";
import type { FeeBenchmark } from "../../rules/operations";
import type { Database } from "../platform/db/schema";
import type { OperationsTables } from "./operations.tables";

export type FeeBenchmarkRecord = FeeBenchmark & { note: string; isDemo: boolean; updatedAt: string };

export async function loadFeeBenchmarks(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<FeeBenchmarkRecord[]> {
  const rows = await kdb
    .withTables<OperationsTables>()
    .selectFrom("fee_benchmarks")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("weight_class")
    .execute();
  return rows.map((r) => ({
    weightClass: r.weight_class,
    feeFen: Number(r.fee_fen),
    note: r.note,
    isDemo: r.is_demo === 1,
    updatedAt: r.updated_at,
  }));
}

/** Benchmarks of several counties at once (the province roll-up), by county. */
export async function loadFeeBenchmarksOf(
  kdb: Kysely<Database>,
  countyCodes: readonly string[],
): Promise<Map<string, FeeBenchmark[]>> {
  const result = new Map<string, FeeBenchmark[]>();
  if (!countyCodes.length) return result;
  const rows = await kdb
    .withTables<OperationsTables>()
    .selectFrom("fee_benchmarks")
    .select(["county_code", "weight_class", "fee_fen"])
    .where("county_code", "in", countyCodes)
    .execute();
  for (const r of rows) {
    const list = result.get(r.county_code) ?? [];
    list.push({ weightClass: r.weight_class, feeFen: Number(r.fee_fen) });
    result.set(r.county_code, list);
  }
  return result;
}
