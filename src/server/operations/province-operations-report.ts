/**
 * The province's operations roll-up: each county's O1–O3 figures and how many of its stations
 * fail each KPI, plus the province as a whole (mean over all its operating stations), read from
 * the rollups only. Each county's part is computed on its own, so a cache can recompute only the
 * counties whose data changed.
 */
import {
  DEFAULT_OPERATIONS_SETTINGS,
  judgeStation,
  type OperationsSettings,
  type StationTotals,
  summarizeStations,
} from "../../rules/operations";
import type { Db } from "../platform/db/database";
import { combineTallies, deliveryFigures, type ScopeKpi } from "./county-operations-report";
import { loadFeeBenchmarksOf } from "./fee-benchmarks.repository";
import { loadShipmentTallies } from "./shipment-figures.repository";
import type { ShipmentTally } from "./shipment-tally";
import { loadStationMonthRows, mergeStationMonths, stationTotals } from "./station-figures";

export type CountyRollup = ScopeKpi & {
  countyCode: string;
  name: string;
  meetsCarriers: boolean;
  /** Weight classes whose mean upward fee is above the county's benchmark (O3). */
  upwardFeesAbove: string[];
  failingStations: { onlineRate: number; ordersAndAmount: number; delivery: number };
};

export type ProvinceOperationsReport = {
  fromMonth: string | null;
  toMonth: string;
  asOf: string;
  province: ScopeKpi;
  counties: CountyRollup[];
};

/** One county's share of the province roll-up: its row, and what the province totals add up. */
export type CountyOperationsPart = {
  rollup: CountyRollup;
  stations: StationTotals[];
  tally: ShipmentTally;
};

type PeriodOptions = { fromMonth?: string; toMonth: string; asOf: string; settings?: OperationsSettings };

/** A county's part of the province roll-up, read from the rollups only (cacheable per county). */
export async function countyOperationsPart(
  db: Db,
  county: { code: string; name: string },
  options: PeriodOptions,
): Promise<CountyOperationsPart> {
  const { toMonth, asOf } = options;
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const months = mergeStationMonths(await loadStationMonthRows(db.db, [county.code], toMonth), {
    fromMonth: options.fromMonth,
    asOf,
    settings,
  });
  const tallies = await loadShipmentTallies(db.db, {
    countyCodes: [county.code],
    fromMonth: options.fromMonth,
    toMonth,
    by: "station",
  });
  const benchmarks = await loadFeeBenchmarksOf(db.db, [county.code]);
  let failingDelivery = 0;
  for (const stationTally of tallies.values()) {
    const d = deliveryFigures(stationTally, settings);
    if (d.downShipments > 0 && !d.meetsDelivery) failingDelivery++;
  }
  const tally = combineTallies(tallies.values());
  const stations = months.map(stationTotals);
  const judged = stations.map((s) => judgeStation(s, settings));
  return {
    stations,
    tally,
    rollup: {
      countyCode: county.code,
      name: county.name,
      ...summarizeStations(stations, settings),
      ...deliveryFigures(tally, settings),
      meetsCarriers: tally.carrierNames().length >= settings.carriers,
      upwardFeesAbove: tally
        .upwardFees(benchmarks.get(county.code) ?? [], settings)
        .filter((f) => f.isAbove)
        .map((f) => f.weightClass),
      failingStations: {
        onlineRate: judged.filter((j) => !j.meetsOnlineRate).length,
        ordersAndAmount: judged.filter((j) => !j.meetsBoth).length,
        delivery: failingDelivery,
      },
    },
  };
}

/** The province roll-up from its counties' parts: the province is the mean over all their stations. */
export function combineProvinceOperations(
  parts: readonly CountyOperationsPart[],
  options: PeriodOptions,
): ProvinceOperationsReport {
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  return {
    fromMonth: options.fromMonth ?? null,
    toMonth: options.toMonth,
    asOf: options.asOf,
    province: {
      ...summarizeStations(
        parts.flatMap((p) => p.stations),
        settings,
      ),
      ...deliveryFigures(combineTallies(parts.map((p) => p.tally)), settings),
    },
    counties: parts.map((p) => p.rollup),
  };
}

export async function provinceOperationsReport(
  options: PeriodOptions & { db: Db; counties: readonly { code: string; name: string }[] },
): Promise<ProvinceOperationsReport> {
  const parts: CountyOperationsPart[] = [];
  for (const county of options.counties) parts.push(await countyOperationsPart(options.db, county, options));
  return combineProvinceOperations(parts, options);
}
