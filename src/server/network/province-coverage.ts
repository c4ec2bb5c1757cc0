/**
 * The province roll-up of the service network: per demonstration county its coverage against
 * G1 / S7 / S8 and its facilities against S1–S5, and the totals of the counties listed.
 */
import type { Kysely } from "kysely";
import { type CoverageTarget, countCoverage, coverageTargets } from "../../rules/network";
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

/** One county's row of the roll-up (computed on its own, so a cache can keep it per county). */
export async function countyNetworkSummary(
  kdb: Kysely<Database>,
  county: { code: string; name: string },
  asOf: string,
): Promise<CountyNetworkSummary> {
  const snapshot = await loadNetworkSnapshot(kdb, county.code, asOf);
  const facts = factsFromSnapshot(snapshot);
  const report = coverageReport(snapshot);
  const facilities = [...facts.countyCenters, ...facts.countyWarehouses, ...facts.townshipCenters];
  return {
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
  };
}

// No villages counted (G1 counts from countCoverage) and no townships.
const EMPTY_SCOPE: CoverageScope = { ...countCoverage([]), townships: 0, townshipsWithExpress: 0 };

/** The roll-up of the counties' rows: their counts summed, the targets judged on the sums. */
export function combineProvinceCoverage(
  summaries: readonly CountyNetworkSummary[],
  asOf: string,
): ProvinceCoverage {
  const totals = { ...EMPTY_SCOPE };
  for (const s of summaries) {
    for (const k of Object.keys(totals) as (keyof CoverageScope)[]) totals[k] += s.counts[k];
  }
  return { asOf, counties: [...summaries], totals, targets: coverageTargets(totals) };
}

export async function provinceCoverage(
  kdb: Kysely<Database>,
  counties: readonly { code: string; name: string }[],
  asOf: string,
): Promise<ProvinceCoverage> {
  const summaries: CountyNetworkSummary[] = [];
  for (const county of counties) summaries.push(await countyNetworkSummary(kdb, county, asOf));
  return combineProvinceCoverage(summaries, asOf);
}
