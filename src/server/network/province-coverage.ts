/**
 * The province roll-up of the service network: per demonstration county its coverage against
 * G1 / S7 / S8 and its facilities against S1–S5, and the totals of the counties listed.
 */
import type { Kysely } from "kysely";
import { type CoverageTarget, coverageTargets } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import { type CoverageScope, coverageReport } from "./coverage-report";
import { factsFromSnapshot } from "./network-facts";
import { loadNetworkSnapshot } from "./network-snapshot";

export type CountyNetworkSummary = {
  code: string;
  name: string;
  counts: CoverageScope;
  targets: CoverageTarget[];
  stations: number;
  stationsInService: number;
  stationsFailingSpec: number;
  countyCenters: number;
  countyWarehouses: number;
  townshipCenters: number;
  facilitiesFailingSpec: number;
  gaps: number;
  fundingConflicts: string[];
};

export type ProvinceCoverage = {
  asOf: string;
  counties: CountyNetworkSummary[];
  totals: CoverageScope;
  targets: CoverageTarget[];
};

export async function provinceCoverage(
  kdb: Kysely<Database>,
  counties: readonly { code: string; name: string }[],
  asOf: string,
): Promise<ProvinceCoverage> {
  const summaries: CountyNetworkSummary[] = [];
  for (const county of counties) {
    const snapshot = await loadNetworkSnapshot(kdb, county.code, asOf);
    const facts = factsFromSnapshot(snapshot);
    const report = coverageReport(snapshot);
    const facilities = [...facts.countyCenters, ...facts.countyWarehouses, ...facts.townshipCenters];
    summaries.push({
      code: county.code,
      name: county.name,
      counts: report.counts,
      targets: report.targets,
      stations: snapshot.stations.length,
      stationsInService: snapshot.stationsInService.length,
      stationsFailingSpec: facts.stationsFailingSpec.length,
      countyCenters: facts.countyCenters.length,
      countyWarehouses: facts.countyWarehouses.length,
      townshipCenters: facts.townshipCenters.length,
      facilitiesFailingSpec: facilities.filter((f) => f.problems.length > 0).length,
      gaps: report.gaps.length,
      fundingConflicts: facts.duplicateCentralFunding,
    });
  }
  const keys = Object.keys(summaries[0]?.counts ?? {}) as (keyof CoverageScope)[];
  const totals = Object.fromEntries(
    keys.map((k) => [k, summaries.reduce((sum, s) => sum + s.counts[k], 0)]),
  ) as CoverageScope;
  const empty: CoverageScope = {
    villages: 0,
    villagesWithStation: 0,
    poorVillages: 0,
    poorVillagesWithStation: 0,
    villagesWithBroadband: 0,
    requiredVillages: 0,
    requiredVillagesWithStation: 0,
    townships: 0,
    townshipsWithExpress: 0,
  };
  const sum = summaries.length ? totals : empty;
  return { asOf, counties: summaries, totals: sum, targets: coverageTargets(sum) };
}
