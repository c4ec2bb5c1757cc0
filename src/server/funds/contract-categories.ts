/**
 * What a contractor organization was engaged for in a county: the fund categories (rule F2 keys)
 * of the plan lines its contracts there cover. The workbook importer lets a contractor's account
 * import the sheets of those categories only (its stations' months, its parcels, its trainees).
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import { fundsDb } from "./fund-plans.repository";

export async function contractCategoriesOf(
  db: Kysely<Database>,
  organizationId: string,
  countyCode: string,
): Promise<Set<string>> {
  const fdb = fundsDb(db);
  const contracts = await fdb
    .selectFrom("contracts")
    .select("line_keys_json")
    .where("county_code", "=", countyCode)
    .where("contractor_org_id", "=", organizationId)
    .execute();
  const lineKeys = [...new Set(contracts.flatMap((c) => JSON.parse(c.line_keys_json) as string[]))];
  if (lineKeys.length === 0) return new Set();
  // Line keys stay the same across plan versions; any version's line names the category.
  const lines = await fdb
    .selectFrom("fund_plan_lines")
    .select("category")
    .where("county_code", "=", countyCode)
    .where("line_key", "in", lineKeys)
    .execute();
  return new Set(lines.map((l) => l.category));
}
