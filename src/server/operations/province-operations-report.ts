/**
 * The province's operations roll-up: each county's O1–O3 figures and how many of its stations
 * fail each KPI, plus the province as a whole (mean over all its operating stations), read from
 * the rollups only.
 */
import {
  DEFAULT_OPERATIONS_SETTINGS,
  judgeStation,
  type OperationsSettings,
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

export async function provinceOperationsReport(options: {
  db: Db;
  counties: readonly { code: string; name: string }[];
  fromMonth?: string;
  toMonth: string;
  asOf: string;
  settings?: OperationsSettings;
}): Promise<ProvinceOperationsReport> {
  const { db, counties, toMonth, asOf } = options;
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const codes = counties.map((c) => c.code);
  const stationMonths = mergeStationMonths(await loadStationMonthRows(db.db, codes, toMonth), {
    fromMonth: options.fromMonth,
    asOf,
    settings,
  });
  const tallies = await loadShipmentTallies(db.db, {
    countyCodes: codes,
    fromMonth: options.fromMonth,
    toMonth,
    by: "station",
  });
  const benchmarks = await loadFeeBenchmarksOf(db.db, codes);

  const rollups = counties.map((county): CountyRollup => {
    const months = stationMonths.filter((s) => s.countyCode === county.code);
    const stationTallies: ShipmentTally[] = [];
    let failingDelivery = 0;
    for (const [key, tally] of tallies) {
      if (!key.startsWith(`${county.code}\u0001`)) continue;
      stationTallies.push(tally);
      const d = deliveryFigures(tally, settings);
      if (d.downShipments > 0 && !d.meetsDelivery) failingDelivery++;
    }
    const tally = combineTallies(stationTallies);
    const judged = months.map((s) => judgeStation(stationTotals(s), settings));
    return {
      countyCode: county.code,
      name: county.name,
      ...summarizeStations(months.map(stationTotals), settings),
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
    };
  });
  return {
    fromMonth: options.fromMonth ?? null,
    toMonth,
    asOf,
    province: {
      ...summarizeStations(stationMonths.map(stationTotals), settings),
      ...deliveryFigures(combineTallies(tallies.values()), settings),
    },
    counties: rollups,
  };
}
