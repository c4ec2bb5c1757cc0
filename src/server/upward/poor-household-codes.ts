/**
 * The registered poor households of a county, by stored code (the keyed hash form of 户编号), for
 * other domains' checks (the outcomes domain's 贫困户销售 sheet names these households).
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { UpwardTables } from "./upward.tables";

export async function poorHouseholdCodes(
  db: Kysely<Database>,
  countyCode: string,
): Promise<Map<string, string>> {
  const rows = await db
    .withTables<UpwardTables>()
    .selectFrom("poor_households")
    .select(["code", "code_label"])
    .where("county_code", "=", countyCode)
    .execute();
  return new Map(rows.map((r) => [r.code, r.code_label]));
}
