/** 站点编号 → village code of a county's stations: the network's answer to "where is this station?". */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { NetworkTables } from "./network.tables";

export async function stationDirectory(
  db: Kysely<Database>,
  countyCode: string,
): Promise<Map<string, string>> {
  const rows = await db
    .withTables<NetworkTables>()
    .selectFrom("stations")
    .select(["station_no", "village_code"])
    .where("county_code", "=", countyCode)
    .orderBy("station_no")
    .execute();
  return new Map(rows.map((r) => [r.station_no, r.village_code]));
}
