/**
 * The network part of a county's acceptance facts (A1–A4): coverage counts over the region
 * registry's administrative villages (G1, S8), township express outlets (S7), every facility's
 * spec check (S3–S5) and the F9 funding conflicts, as of a date.
 */
import type { FacilityCheck, NetworkFacts } from "../../rules/acceptance/facts";
import { countCoverage, routeFundingConflicts, stationFundingConflicts } from "../../rules/network";
import type { Db } from "../platform/db/database";
import { type FacilityRecord, facilitySpec } from "./facilities.repository";
import { loadNetworkSnapshot, type NetworkSnapshot } from "./network-snapshot";
import { stationSpec } from "./stations.repository";

/** The network facts of one county on `asOf` (YYYY-MM-DD). */
export async function networkFacts(db: Db, countyCode: string, asOf: string): Promise<NetworkFacts> {
  return factsFromSnapshot(await loadNetworkSnapshot(db.db, countyCode, asOf));
}

const facilityCheck = (f: FacilityRecord): FacilityCheck => ({
  id: f.facilityNo,
  kind: f.kind,
  problems: facilitySpec(f).problems,
  centrallyFunded: f.isCentrallyFunded,
});

export function factsFromSnapshot(snapshot: NetworkSnapshot): NetworkFacts {
  const counts = countCoverage(snapshot.villages);
  const facilities = snapshot.facilitiesInService;
  const ofKind = (kind: FacilityRecord["kind"]) =>
    facilities.filter((f) => f.kind === kind).map(facilityCheck);
  return {
    villages: counts.villages,
    villagesWithStation: counts.villagesWithStation,
    poorVillages: counts.poorVillages,
    poorVillagesWithStation: counts.poorVillagesWithStation,
    villagesWithBroadband: counts.villagesWithBroadband,
    requiredVillagesWithoutStation: counts.requiredVillages - counts.requiredVillagesWithStation,
    townships: snapshot.townships.length,
    townshipsWithExpress: snapshot.townships.filter((t) => t.hasExpressOutlet).length,
    countyCenters: ofKind("county_center"),
    countyWarehouses: ofKind("county_warehouse"),
    townshipCenters: ofKind("township_center"),
    stationsFailingSpec: snapshot.stationsInService
      .map((s) => ({ s, problems: stationSpec(s).problems }))
      .filter(({ problems }) => problems.length > 0)
      .map(({ s, problems }) => ({
        id: s.stationNo,
        kind: "village_station" as const,
        problems,
        centrallyFunded: s.isCentrallyFunded,
      })),
    // Funding is judged over every station and facility on record, built or not: F9 limits the
    // support given, not what is open.
    duplicateCentralFunding: [
      ...stationFundingConflicts(snapshot.stations),
      ...routeFundingConflicts(
        snapshot.facilities.map((f) => ({
          route: f.logisticsRoute,
          company: f.logisticsCompany,
          isCentrallyFunded: f.isCentrallyFunded,
        })),
      ),
    ],
  };
}
