/**
 * The coverage planner (G1, S2, S7, S8): coverage of a county or one township against the
 * targets, the gap list of required villages still without a station, and the what-if of adding
 * stations in chosen villages. Pure over a snapshot, so the what-if costs no extra query.
 */
import {
  type CoverageCounts,
  type CoverageTarget,
  countCoverage,
  coverageTargets,
  gapList,
  withStationsAdded,
} from "../../rules/network";
import type { NetworkSnapshot } from "./network-snapshot";

export type CoverageScope = CoverageCounts & { townships: number; townshipsWithExpress: number };

export type TownshipCoverage = {
  code: string;
  name: string;
  hasExpressOutlet: boolean;
  counts: CoverageScope;
  targets: CoverageTarget[];
};

export type GapVillage = {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  population: number | null;
  isPoor: boolean;
  hasBroadband: boolean;
  /** A station on record that is not yet in service (planned / building), if any. */
  pendingStation: { stationNo: string; status: string } | null;
};

export type CoverageReport = {
  countyCode: string;
  asOf: string;
  /** The township the report is narrowed to, if any. */
  townshipCode: string | null;
  /** Villages the what-if added stations in (those that had none). */
  added: string[];
  counts: CoverageScope;
  targets: CoverageTarget[];
  townships: TownshipCoverage[];
  gaps: GapVillage[];
};

export type CoverageOptions = {
  townshipCode?: string;
  /** What-if: village codes to count as having a station. */
  addVillageCodes?: readonly string[];
};

export function coverageReport(snapshot: NetworkSnapshot, options: CoverageOptions = {}): CoverageReport {
  const add = options.addVillageCodes ?? [];
  const all = withStationsAdded(snapshot.villages, add);
  const townshipCode = options.townshipCode ?? null;
  const villages = townshipCode ? all.filter((v) => v.townshipCode === townshipCode) : all;
  const townships = townshipCode
    ? snapshot.townships.filter((t) => t.code === townshipCode)
    : snapshot.townships;
  const townshipNames = new Map(snapshot.townships.map((t) => [t.code, t.name]));
  const scope = (vs: typeof all, ts: typeof townships): CoverageScope => ({
    ...countCoverage(vs),
    townships: ts.length,
    townshipsWithExpress: ts.filter((t) => t.hasExpressOutlet).length,
  });
  const counts = scope(villages, townships);
  const pending = new Map(
    snapshot.stations
      .filter((s) => !snapshot.stationsInService.includes(s) && s.status !== "closed")
      .map((s) => [s.villageCode, { stationNo: s.stationNo, status: s.status }]),
  );
  const hadStation = new Set(snapshot.villages.filter((v) => v.hasStation).map((v) => v.code));
  return {
    countyCode: snapshot.countyCode,
    asOf: snapshot.asOf,
    townshipCode,
    added: [...new Set(add)].filter((c) => !hadStation.has(c)),
    counts,
    targets: coverageTargets(counts),
    townships: townships.map((t) => {
      const c = scope(
        villages.filter((v) => v.townshipCode === t.code),
        [t],
      );
      return {
        code: t.code,
        name: t.name,
        hasExpressOutlet: t.hasExpressOutlet,
        counts: c,
        targets: coverageTargets(c),
      };
    }),
    gaps: gapList(villages).map((v) => ({
      code: v.code,
      name: v.name,
      townshipCode: v.townshipCode,
      townshipName: townshipNames.get(v.townshipCode) ?? "",
      population: v.population,
      isPoor: v.isPoor,
      hasBroadband: v.hasBroadband,
      pendingStation: pending.get(v.code) ?? null,
    })),
  };
}
