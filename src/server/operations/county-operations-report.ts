/**
 * The county's operations KPI page (B2, B3; O1–O3), read from the rollups only: the county's
 * figures, each station's and each township's, the stations failing each KPI, the monthly
 * trend and the delivery-time distribution. A township filter narrows everything to its stations.
 */
import {
  DEFAULT_OPERATIONS_SETTINGS,
  type DeliveryBucket,
  type FeeBenchmark,
  judgeStation,
  type OperationsSettings,
  type StationJudgement,
  type StationsSummary,
  summarizeStations,
  totalStation,
  type UpwardFeeComparison,
} from "../../rules/operations";
import type { Db } from "../platform/db/database";
import { loadFeeBenchmarks } from "./fee-benchmarks.repository";
import { loadShipmentTallies } from "./shipment-figures.repository";
import { ShipmentTally } from "./shipment-tally";
import { type StationDirectory, villageOf } from "./station-directory";
import {
  loadStationMonthRows,
  mergeStationMonths,
  type StationMonths,
  stationTotals,
} from "./station-figures";

/** O3 figures of a scope. */
export type DeliveryFigures = {
  downShipments: number;
  downDelivered: number;
  withinDaysBp: number;
  /** O3: every downward shipment of the scope within the limit (at the settings' share). */
  meetsDelivery: boolean;
  upShipments: number;
  carriers: string[];
};

export type StationKpi = StationJudgement &
  DeliveryFigures & { villageCode: string | null; townshipCode: string | null };

export type ScopeKpi = StationsSummary & DeliveryFigures;

export type CountyOperationsReport = {
  countyCode: string;
  townshipCode: string | null;
  fromMonth: string | null;
  toMonth: string;
  asOf: string;
  thresholds: {
    onlineRateBp: number;
    ordersPerStationMonth: number;
    amountFenPerStationMonth: number;
    deliveryDays: number;
    withinDeliveryDaysBp: number;
    carriers: number;
  };
  summary: ScopeKpi & {
    meetsCarriers: boolean;
    upwardFees: UpwardFeeComparison[];
    meetsUpwardFees: boolean;
  };
  stations: StationKpi[];
  townships: ({ townshipCode: string | null } & ScopeKpi)[];
  /** 站点编号 of the stations failing each KPI. */
  failing: { onlineRate: string[]; ordersAndAmount: string[]; delivery: string[] };
  trend: ({ month: string } & Pick<
    ScopeKpi,
    | "stations"
    | "onlineRateBp"
    | "avgOrdersPerStationMonth"
    | "avgAmountFenPerStationMonth"
    | "downShipments"
    | "withinDaysBp"
  >)[];
  /** Downward deliveries per delivery-day bucket (31 = more than 30 days), and those in transit. */
  distribution: DeliveryBucket[];
  inTransit: number;
};

export type CountyOperationsReportOptions = {
  db: Db;
  countyCode: string;
  /** YYYY-MM; from the first month of data when omitted. */
  fromMonth?: string;
  toMonth: string;
  /** Ends the current month's expected uptime (usually today). */
  asOf: string;
  townshipCode?: string;
  directory: StationDirectory;
  settings?: OperationsSettings;
};

export function deliveryFigures(t: ShipmentTally | undefined, settings: OperationsSettings): DeliveryFigures {
  const tally = t ?? new ShipmentTally();
  const withinDaysBp = tally.withinDaysBp(settings);
  return {
    downShipments: tally.downShipments,
    downDelivered: tally.downDelivered,
    withinDaysBp,
    meetsDelivery: tally.downShipments > 0 && withinDaysBp >= settings.withinDeliveryDaysBp,
    upShipments: tally.upShipments,
    carriers: tally.carrierNames(),
  };
}

/** Adds the tallies' rows into one. */
export function combineTallies(tallies: Iterable<ShipmentTally>): ShipmentTally {
  const all = new ShipmentTally();
  for (const t of tallies) {
    all.downShipments += t.downShipments;
    all.downDelivered += t.downDelivered;
    all.upShipments += t.upShipments;
    for (const [d, n] of t.buckets) all.buckets.set(d, (all.buckets.get(d) ?? 0) + n);
    for (const [c, n] of t.carriers) all.carriers.set(c, (all.carriers.get(c) ?? 0) + n);
    for (const [w, f] of t.fees) all.addFee({ weight_class: w, shipments: f.shipments, fee_fen: f.feeFen });
  }
  return all;
}

export async function countyOperationsReport(
  options: CountyOperationsReportOptions,
): Promise<CountyOperationsReport> {
  const { db, countyCode, toMonth, asOf } = options;
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const directory = await options.directory(db, countyCode);
  const townshipOf = (station: string) => villageOf(directory, station, countyCode)?.slice(0, 9) ?? null;
  const inScope = (station: string) => !options.townshipCode || townshipOf(station) === options.townshipCode;

  const stationMonths = mergeStationMonths(await loadStationMonthRows(db.db, [countyCode], toMonth), {
    fromMonth: options.fromMonth,
    asOf,
    settings,
  }).filter((s) => inScope(s.stationCode));
  const stationTallies = new Map<string, ShipmentTally>();
  for (const [key, tally] of await loadShipmentTallies(db.db, {
    countyCodes: [countyCode],
    fromMonth: options.fromMonth,
    toMonth,
    by: "station",
  })) {
    const station = key.split("\u0001")[1]!;
    if (inScope(station)) stationTallies.set(station, tally);
  }
  const scopedStations = options.townshipCode
    ? [...new Set([...stationMonths.map((s) => s.stationCode), ...stationTallies.keys()])]
    : undefined;

  const monthsOf = new Map(stationMonths.map((s) => [s.stationCode, s]));
  const codes = [...new Set([...monthsOf.keys(), ...stationTallies.keys()])].sort();
  const stations: StationKpi[] = codes.map((code) => {
    const village = villageOf(directory, code, countyCode) ?? null;
    return {
      ...judgeStation(totalStation(code, monthsOf.get(code)?.months ?? []), settings),
      ...deliveryFigures(stationTallies.get(code), settings),
      villageCode: village,
      townshipCode: village?.slice(0, 9) ?? null,
    };
  });

  const scopeKpi = (months: StationMonths[], tallies: ShipmentTally[]): ScopeKpi => ({
    ...summarizeStations(months.map(stationTotals), settings),
    ...deliveryFigures(combineTallies(tallies), settings),
  });
  const county = combineTallies(stationTallies.values());
  const benchmarks: FeeBenchmark[] = await loadFeeBenchmarks(db.db, countyCode);
  const upwardFees = county.upwardFees(benchmarks, settings);
  const summary = {
    ...scopeKpi(stationMonths, [county]),
    meetsCarriers: county.carrierNames().length >= settings.carriers,
    upwardFees,
    meetsUpwardFees: !upwardFees.some((f) => f.isAbove),
  };

  // Townships in code order; stations of no known township last.
  const townshipCodes = [...new Set(stations.map((s) => s.townshipCode))].sort((a, b) =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
  );
  const townships = townshipCodes.map((township) => {
    const members = new Set(stations.filter((s) => s.townshipCode === township).map((s) => s.stationCode));
    return {
      townshipCode: township,
      ...scopeKpi(
        stationMonths.filter((s) => members.has(s.stationCode)),
        [...members].map((m) => stationTallies.get(m)).filter((t): t is ShipmentTally => !!t),
      ),
    };
  });

  const operating = stations.filter((s) => s.months > 0);
  const failing = {
    onlineRate: operating.filter((s) => !s.meetsOnlineRate).map((s) => s.stationCode),
    ordersAndAmount: operating.filter((s) => !s.meetsBoth).map((s) => s.stationCode),
    delivery: stations.filter((s) => s.downShipments > 0 && !s.meetsDelivery).map((s) => s.stationCode),
  };

  const monthTallies = await loadShipmentTallies(db.db, {
    countyCodes: [countyCode],
    fromMonth: options.fromMonth,
    toMonth,
    stationCodes: scopedStations,
    by: "month",
  });
  const monthList = new Set<string>([
    ...stationMonths.flatMap((s) => s.months.map((m) => m.month)),
    ...[...monthTallies.keys()].map((k) => k.split("\u0001")[1]!),
  ]);
  const trend = [...monthList].sort().map((month) => {
    const ofMonth = stationMonths
      .map((s) => ({ ...s, months: s.months.filter((m) => m.month === month) }))
      .filter((s) => s.months.length > 0);
    const k = scopeKpi(ofMonth, [monthTallies.get(`${countyCode}\u0001${month}`) ?? new ShipmentTally()]);
    return {
      month,
      stations: k.stations,
      onlineRateBp: k.onlineRateBp,
      avgOrdersPerStationMonth: k.avgOrdersPerStationMonth,
      avgAmountFenPerStationMonth: k.avgAmountFenPerStationMonth,
      downShipments: k.downShipments,
      withinDaysBp: k.withinDaysBp,
    };
  });

  return {
    countyCode,
    townshipCode: options.townshipCode ?? null,
    fromMonth: options.fromMonth ?? null,
    toMonth,
    asOf,
    thresholds: {
      onlineRateBp: settings.onlineRateBp,
      ordersPerStationMonth: settings.ordersPerStationMonth,
      amountFenPerStationMonth: settings.amountFenPerStationMonth,
      deliveryDays: settings.deliveryDays,
      withinDeliveryDaysBp: settings.withinDeliveryDaysBp,
      carriers: settings.carriers,
    },
    summary,
    stations,
    townships,
    failing,
    trend,
    distribution: county.distribution(),
    inTransit: county.downShipments - county.downDelivered,
  };
}
