/**
 * A county's service network as of a date: its administrative villages (from the region registry,
 * rule G1) with their registry figures and whether a station serves them, its townships with
 * their express outlets, and all its stations and facilities. The facts for the scorecard and
 * the coverage planner are both computed from this one read.
 */
import type { Kysely } from "kysely";
import { countsAsTownship, isInServiceOn, type PlannerVillage } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import { type FacilityRecord, listFacilityRecords } from "./facilities.repository";
import type { NetworkTables } from "./network.tables";
import { listStationRecords, type StationRecord } from "./stations.repository";

export type SnapshotTownship = {
  code: string;
  name: string;
  hasExpressOutlet: boolean;
  expressIsDemo: boolean;
};

export type NetworkSnapshot = {
  countyCode: string;
  asOf: string;
  /** Administrative villages (village committees) only; residents' committees count in no denominator. */
  villages: PlannerVillage[];
  /** Townships of rule S7 (乡, 镇, and 街道 only with village committees). */
  townships: SnapshotTownship[];
  stations: StationRecord[];
  /** Stations in service on asOf. */
  stationsInService: StationRecord[];
  facilities: FacilityRecord[];
  facilitiesInService: FacilityRecord[];
};

export async function loadNetworkSnapshot(
  kdb: Kysely<Database>,
  countyCode: string,
  asOf: string,
): Promise<NetworkSnapshot> {
  const db = kdb.withTables<NetworkTables>();
  const [villageRows, townshipRows, stations, facilities] = await Promise.all([
    db
      .selectFrom("regions as r")
      .leftJoin("villages as v", (j) =>
        j.onRef("v.code", "=", "r.code").onRef("v.county_code", "=", "r.county_code"),
      )
      .select(["r.code", "r.name", "r.parent_code", "v.population", "v.is_poor", "v.has_broadband"])
      .where("r.county_code", "=", countyCode)
      .where("r.level", "=", "village")
      .where("r.village_kind", "=", "village_committee")
      .orderBy("r.code")
      .execute(),
    db
      .selectFrom("regions as t")
      .leftJoin("township_express as e", (j) =>
        j.onRef("e.township_code", "=", "t.code").onRef("e.county_code", "=", "t.county_code"),
      )
      .select(["t.code", "t.name", "e.has_express_outlet", "e.is_demo"])
      .where("t.county_code", "=", countyCode)
      .where("t.level", "=", "township")
      .orderBy("t.code")
      .execute(),
    listStationRecords(kdb, { countyCode }),
    listFacilityRecords(kdb, { countyCode }),
  ]);
  const stationsInService = stations.filter((s) =>
    isInServiceOn({ status: s.status, builtOn: s.builtOn, closedOn: s.closedOn }, asOf),
  );
  const served = new Set(stationsInService.map((s) => s.villageCode));
  const villagesIn = new Map<string, number>();
  for (const v of villageRows) {
    if (v.parent_code) villagesIn.set(v.parent_code, (villagesIn.get(v.parent_code) ?? 0) + 1);
  }
  return {
    countyCode,
    asOf,
    villages: villageRows.map((v) => ({
      code: v.code,
      name: v.name,
      townshipCode: v.parent_code ?? "",
      population: v.population ?? null,
      isPoor: v.is_poor === 1,
      hasBroadband: v.has_broadband === 1,
      hasStation: served.has(v.code),
    })),
    townships: townshipRows
      .filter((t) => countsAsTownship({ name: t.name, villageCommittees: villagesIn.get(t.code) ?? 0 }))
      .map((t) => ({
        code: t.code,
        name: t.name,
        hasExpressOutlet: t.has_express_outlet === 1,
        expressIsDemo: t.is_demo === 1,
      })),
    stations,
    stationsInService,
    facilities,
    facilitiesInService: facilities.filter((f) =>
      isInServiceOn({ status: f.status, builtOn: f.openedOn, closedOn: f.closedOn }, asOf),
    ),
  };
}
