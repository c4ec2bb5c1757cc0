/**
 * Registers stations in the network's register for tests of operations data: figures may name
 * only registered stations (interfaces.md), so a test registers the codes it sends first.
 */
import type { Kysely } from "kysely";
import type { NetworkTables } from "../../src/server/network/network.tables";
import type { Database } from "../../src/server/platform/db/schema";

export async function registerStations(
  db: Kysely<Database>,
  countyCode: string,
  stationNos: readonly string[],
  builtOn = "2017-12-01",
): Promise<void> {
  const village = await db
    .selectFrom("regions")
    .select("code")
    .where("county_code", "=", countyCode)
    .where("level", "=", "village")
    .orderBy("code")
    .executeTakeFirstOrThrow();
  const now = "2018-01-01T00:00:00+08:00";
  for (let i = 0; i < stationNos.length; i += 500) {
    await db
      .withTables<NetworkTables>()
      .insertInto("stations")
      .values(
        stationNos.slice(i, i + 500).map((no) => ({
          id: `${countyCode}:${no}`,
          county_code: countyCode,
          station_no: no,
          name: no,
          village_code: village.code,
          area_tenths: 300,
          equipment_json: "[]",
          has_sign: 1,
          is_centrally_funded: 0,
          built_on: builtOn,
          closed_on: null,
          manager: null,
          status: "open" as const,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["county_code", "station_no"]).doNothing())
      .execute();
  }
}
