/**
 * The operations part of a county's acceptance facts (B2, B3; O1–O3) as of a date: the register's
 * stations over their completed months up to asOf (rule O2), shipments dispatched up to asOf with
 * those still in transit at 24:00 set apart (rule O3). Whole months come from the rollups; the
 * part of asOf's month up to asOf comes from the ledger itself, so a mid-month asOf is exact.
 */
import type { Kysely } from "kysely";
import type { OperationsFacts } from "../../rules/acceptance/facts";
import { deliveryOutcomeAsOf, endOfChinaDay, inTransitSince } from "../../rules/delivery-window";
import { openMinutesPerDay } from "../../rules/opening-hours";
import {
  DEFAULT_OPERATIONS_SETTINGS,
  deliveryDayBucket,
  deliveryMs,
  describeFeeAbove,
  monthEnd,
  type OperationsSettings,
  type StationTotals,
  summarizeStations,
  totalStation,
} from "../../rules/operations";
import { countedMonths, figuresOverCountedMonths, type StationOpening } from "../../rules/station-months";
import { stationRegister } from "../network";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import { loadFeeBenchmarks } from "./fee-benchmarks.repository";
import type { OperationsTables } from "./operations.tables";
import { addShipmentContribution, type ShipmentState } from "./record-shipments";
import { shipmentDeltas } from "./rollups.repository";
import { ShipmentTally } from "./shipment-tally";
import { loadStationMonthRows, mergeStationMonths, type StationMonths } from "./station-figures";

/** The county's O1–O3 facts on `asOf` (YYYY-MM-DD). */
export async function operationsFacts(
  db: Db,
  countyCode: string,
  asOf: string,
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): Promise<OperationsFacts> {
  const month = asOf.slice(0, 7);
  const register = await stationRegister(db.db, countyCode);
  const stations = mergeStationMonths(await loadStationMonthRows(db.db, [countyCode], month), {
    asOf,
    settings,
    // rule O1: device minutes are rated over each station's opening hours.
    openMinutesOf: (code) => {
      const station = register.get(code);
      return station ? openMinutesPerDay({ ...station }) : undefined;
    },
  });
  const summary = summarizeStations(operatingStationTotals(register, stations, asOf), settings);

  const tally = await tallyShipments(db.db, countyCode, asOf, settings);
  const fees = tally.upwardFees(await loadFeeBenchmarks(db.db, countyCode), settings);
  return {
    stations: summary.stations,
    onlineRateBp: summary.onlineRateBp,
    avgOrdersPerStationMonth: summary.avgOrdersPerStationMonth,
    avgAmountFenPerStationMonth: summary.avgAmountFenPerStationMonth,
    stationsMeetingBoth: summary.stationsMeetingBoth,
    shipments: tally.downShipments,
    inTransit: tally.inTransit,
    within7DaysBp: tally.withinDaysBp(settings),
    carriers: tally.carrierNames().length,
    upwardFeeAboveBenchmark: fees.filter((f) => f.isAbove).map(describeFeeAbove),
  };
}

/**
 * rule O2: the register's stations operating on `asOf`, each over its counted months (completed
 * months from the month after opening; a month without figures is zero). Figures of a code the
 * register does not hold count for no station.
 */
export function operatingStationTotals(
  register: ReadonlyMap<string, StationOpening>,
  reported: readonly StationMonths[],
  asOf: string,
): StationTotals[] {
  const byStation = new Map(reported.map((s) => [s.stationCode, s.months]));
  const totals: StationTotals[] = [];
  for (const [code, station] of [...register].sort(([a], [b]) => a.localeCompare(b))) {
    const months = byStation.get(code) ?? [];
    const counted = countedMonths(station, asOf, months[0]?.month);
    if (counted.length) totals.push(totalStation(code, figuresOverCountedMonths(months, counted)));
  }
  return totals;
}

/** Shipments of the county dispatched up to the end of `asOf` (China time). */
async function tallyShipments(
  kdb: Kysely<Database>,
  countyCode: string,
  asOf: string,
  settings: OperationsSettings,
): Promise<ShipmentTally> {
  const trx = kdb.withTables<OperationsTables>();
  const month = asOf.slice(0, 7);
  const wholeMonths = asOf >= monthEnd(month);
  // Whole months from the rollups: up to asOf's month when asOf ends it, else the months before.
  const op = wholeMonths ? "<=" : "<";
  const until = month;
  const tally = new ShipmentTally();
  const months = await trx
    .selectFrom("shipment_months")
    .select([
      "direction",
      "carrier",
      (eb) => eb.fn.sum<number>("shipments").as("shipments"),
      (eb) => eb.fn.sum<number>("delivered").as("delivered"),
    ])
    .where("county_code", "=", countyCode)
    .where("month", op, until)
    .groupBy(["direction", "carrier"])
    .execute();
  for (const r of months)
    tally.addMonth({ ...r, shipments: Number(r.shipments), delivered: Number(r.delivered) });
  const buckets = await trx
    .selectFrom("delivery_buckets")
    .select(["direction", "days", (eb) => eb.fn.sum<number>("shipments").as("shipments")])
    .where("county_code", "=", countyCode)
    .where("direction", "=", "down")
    .where("month", op, until)
    .groupBy(["direction", "days"])
    .execute();
  for (const r of buckets) tally.addBucket({ ...r, shipments: Number(r.shipments) });
  const fees = await trx
    .selectFrom("upward_fee_months")
    .select([
      "weight_class",
      (eb) => eb.fn.sum<number>("shipments").as("shipments"),
      (eb) => eb.fn.sum<number>("fee_fen").as("fee_fen"),
    ])
    .where("county_code", "=", countyCode)
    .where("month", op, until)
    .groupBy("weight_class")
    .execute();
  for (const r of fees) tally.addFee({ ...r, shipments: Number(r.shipments), fee_fen: Number(r.fee_fen) });

  if (!wholeMonths) {
    const partial = await trx
      .selectFrom("shipments")
      .select([
        "waybill",
        "station_code",
        "carrier",
        "direction",
        "dispatched_at",
        "delivered_at",
        "fee_fen",
        "weight_grams",
      ])
      .where("county_code", "=", countyCode)
      .where("dispatched_day", ">=", `${month}-01`)
      .where("dispatched_day", "<=", asOf)
      .execute();
    const deltas = shipmentDeltas();
    for (const r of partial) {
      const state: ShipmentState = {
        waybill: r.waybill,
        stationCode: r.station_code,
        carrier: r.carrier,
        direction: r.direction,
        dispatchedAt: r.dispatched_at,
        deliveredAt: r.delivered_at,
        feeFen: r.fee_fen === null ? null : Number(r.fee_fen),
        weightGrams: r.weight_grams,
      };
      addShipmentContribution(deltas, countyCode, state, 1, settings);
    }
    for (const r of deltas.months.rows()) tally.addMonth(r);
    for (const r of deltas.buckets.rows()) tally.addBucket(r);
    for (const r of deltas.fees.rows()) tally.addFee(r);
  }
  await takeInTransit(kdb, tally, countyCode, asOf, settings);
  return tally;
}

/**
 * rule O3 as of `asOf`: the rollups and the ledger hold each parcel as it stands today, so a
 * parcel of the last 7 days that is unsigned, or was signed only after 24:00 of `asOf`, counts as
 * delivered or late there. Those are in transit on `asOf`: taken out of the share. Older parcels
 * judge alike either way (their window ended before 24:00, and a later signature is late).
 */
async function takeInTransit(
  kdb: Kysely<Database>,
  tally: ShipmentTally,
  countyCode: string,
  asOf: string,
  settings: OperationsSettings,
): Promise<void> {
  const end = endOfChinaDay(asOf);
  const rows = await kdb
    .withTables<OperationsTables>()
    .selectFrom("shipments")
    .select(["dispatched_at", "delivered_at"])
    .where("county_code", "=", countyCode)
    .where("direction", "=", "down")
    .where("dispatched_at", ">=", inTransitSince(asOf, settings))
    .where("dispatched_day", "<=", asOf)
    .where((eb) => eb.or([eb("delivered_at", "is", null), eb("delivered_at", ">=", end)]))
    .execute();
  for (const r of rows) {
    if (deliveryOutcomeAsOf(r.dispatched_at, null, asOf, settings) !== "in_transit") continue;
    tally.takeInTransit(
      r.delivered_at === null ? null : deliveryDayBucket(deliveryMs(r.dispatched_at, r.delivered_at)),
    );
  }
}

/** Whether the county has any station month up to asOf's month or any shipment dispatched by asOf. */
export async function hasOperationsFigures(kdb: Kysely<Database>, countyCode: string, asOf: string) {
  const trx = kdb.withTables<OperationsTables>();
  const found = await trx
    .selectFrom("station_months")
    .select("county_code")
    .where("county_code", "=", countyCode)
    .where("month", "<=", asOf.slice(0, 7))
    .union(
      trx
        .selectFrom("shipments")
        .select("county_code")
        .where("county_code", "=", countyCode)
        .where("dispatched_day", "<=", asOf),
    )
    .limit(1)
    .execute();
  return found.length > 0;
}
