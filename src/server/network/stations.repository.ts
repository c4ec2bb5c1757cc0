/** Village stations with what their spec check needs: the village's name, township and registry figures. */
import type { Kysely } from "kysely";
import { checkStationSpec, isInServiceOn, type NetworkStatus, type SpecCheck } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import type { NetworkTables, StationTable } from "./network.tables";

export type StationRecord = {
  id: string;
  countyCode: string;
  stationNo: string;
  name: string;
  villageCode: string;
  villageName: string | null;
  villageKind: "village_committee" | "residents_committee" | null;
  townshipCode: string | null;
  townshipName: string | null;
  population: number | null;
  isPoorVillage: boolean;
  areaTenths: number | null;
  equipment: string[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
  builtOn: string | null;
  closedOn: string | null;
  manager: string | null;
  status: NetworkStatus;
  isDemo: boolean;
  updatedAt: string;
};

export type StationFilter = {
  countyCode?: string;
  id?: string;
  townshipCode?: string;
  villageCode?: string;
};

/** Stations matching the filter, in station-number order. */
export async function listStationRecords(
  kdb: Kysely<Database>,
  filter: StationFilter,
): Promise<StationRecord[]> {
  let query = kdb
    .withTables<NetworkTables>()
    .selectFrom("stations as s")
    .leftJoin("regions as r", "r.code", "s.village_code")
    .leftJoin("regions as t", "t.code", "r.parent_code")
    .leftJoin("villages as v", (j) =>
      j.onRef("v.code", "=", "s.village_code").onRef("v.county_code", "=", "s.county_code"),
    )
    .selectAll("s")
    .select([
      "r.name as village_name",
      "r.village_kind",
      "r.parent_code as township_code",
      "t.name as township_name",
      "v.population",
      "v.is_poor",
    ]);
  if (filter.countyCode) query = query.where("s.county_code", "=", filter.countyCode);
  if (filter.id) query = query.where("s.id", "=", filter.id);
  if (filter.villageCode) query = query.where("s.village_code", "=", filter.villageCode);
  if (filter.townshipCode) query = query.where("r.parent_code", "=", filter.townshipCode);
  const rows = await query.orderBy("s.station_no").execute();
  return rows.map((r) => ({
    ...stationFields(r),
    villageName: r.village_name ?? null,
    villageKind: r.village_kind ?? null,
    townshipCode: r.township_code ?? null,
    townshipName: r.township_name ?? null,
    population: r.population ?? null,
    isPoorVillage: r.is_poor === 1,
  }));
}

/** The station's own columns in the app's terms. */
export function stationFields(row: StationTable) {
  return {
    id: row.id,
    countyCode: row.county_code,
    stationNo: row.station_no,
    name: row.name,
    villageCode: row.village_code,
    areaTenths: row.area_tenths === null ? null : Number(row.area_tenths),
    equipment: JSON.parse(row.equipment_json) as string[],
    hasSign: row.has_sign === 1,
    isCentrallyFunded: row.is_centrally_funded === 1,
    builtOn: row.built_on,
    closedOn: row.closed_on,
    manager: row.manager,
    status: row.status,
    isDemo: row.is_demo === 1,
    updatedAt: row.updated_at,
  };
}

/** Rule S5 for a stored station. */
export function stationSpec(station: StationRecord): SpecCheck {
  return checkStationSpec({
    areaTenths: station.areaTenths,
    equipment: station.equipment,
    population: station.population,
    isPoorVillage: station.isPoorVillage,
  });
}

/** Stations on the county's register, and those in service on `asOf` (the county home's card). */
export async function stationCounts(
  kdb: Kysely<Database>,
  countyCode: string,
  asOf: string,
): Promise<{ inService: number; registered: number }> {
  const stations = await listStationRecords(kdb, { countyCode });
  return {
    registered: stations.length,
    inService: stations.filter((s) =>
      isInServiceOn({ status: s.status, builtOn: s.builtOn, closedOn: s.closedOn }, asOf),
    ).length,
  };
}
