/**
 * The county village map's data: every administrative village (G1) with its township, registry
 * figures and station status on a date — has a station in service, required by S2 (poor or 500+)
 * but without one, or optional. One query joins villages, townships and stations; a village with
 * several station rows (a closed one and its successor, say) is folded in code.
 */
import type { Kysely } from "kysely";
import { isInServiceOn, isRequiredVillage, type NetworkStatus } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import type { NetworkTables } from "./network.tables";

/** station 有站点 · required 应建未建（S2） · optional 非必建且无站点 */
export type VillageMapStatus = "station" | "required" | "optional";

export type VillageMapStation = {
  id: string;
  stationNo: string;
  status: NetworkStatus;
  inService: boolean;
};

export type VillageMapPoint = {
  code: string;
  name: string;
  townshipCode: string;
  population: number | null;
  isPoor: boolean;
  status: VillageMapStatus;
  /** The station in service, else one planned or being built, else null. */
  station: VillageMapStation | null;
};

export type VillageMap = {
  countyCode: string;
  asOf: string;
  townships: { code: string; name: string }[];
  villages: VillageMapPoint[];
};

export async function villageMap(
  kdb: Kysely<Database>,
  countyCode: string,
  asOf: string,
): Promise<VillageMap> {
  const rows = await kdb
    .withTables<NetworkTables>()
    .selectFrom("regions as r")
    .innerJoin("regions as t", "t.code", "r.parent_code")
    .leftJoin("villages as v", (j) =>
      j.onRef("v.code", "=", "r.code").onRef("v.county_code", "=", "r.county_code"),
    )
    .leftJoin("stations as s", (j) =>
      j.onRef("s.village_code", "=", "r.code").onRef("s.county_code", "=", "r.county_code"),
    )
    .select([
      "r.code",
      "r.name",
      "t.code as township_code",
      "t.name as township_name",
      "v.population",
      "v.is_poor",
      "s.id as station_id",
      "s.station_no",
      "s.status as station_status",
      "s.built_on",
      "s.closed_on",
    ])
    .where("r.county_code", "=", countyCode)
    .where("r.level", "=", "village")
    .where("r.village_kind", "=", "village_committee")
    .orderBy("t.code")
    .orderBy("r.code")
    .orderBy("s.station_no")
    .execute();

  const townships = new Map<string, string>();
  const villages = new Map<string, VillageMapPoint>();
  for (const row of rows) {
    townships.set(row.township_code, row.township_name);
    let village = villages.get(row.code);
    if (!village) {
      const facts = { population: row.population ?? null, isPoor: row.is_poor === 1 };
      village = {
        code: row.code,
        name: row.name,
        townshipCode: row.township_code,
        ...facts,
        status: isRequiredVillage(facts) ? "required" : "optional",
        station: null,
      };
      villages.set(row.code, village);
    }
    if (!row.station_id || !row.station_no || !row.station_status) continue;
    const station: VillageMapStation = {
      id: row.station_id,
      stationNo: row.station_no,
      status: row.station_status,
      inService: isInServiceOn(
        { status: row.station_status, builtOn: row.built_on ?? null, closedOn: row.closed_on ?? null },
        asOf,
      ),
    };
    if (station.inService) {
      if (village.status !== "station") village.station = station;
      village.status = "station";
    } else if (!village.station && station.status !== "closed") {
      // Like the gap list: a planned or building station is shown, but the village still lacks one.
      village.station = station;
    }
  }
  return {
    countyCode,
    asOf,
    townships: [...townships].map(([code, name]) => ({ code, name })),
    villages: [...villages.values()],
  };
}
