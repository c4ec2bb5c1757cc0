/**
 * Reads the shipment rollups (never the ledger) into tallies per county, per station or per
 * month: one grouped query per rollup table, so a page costs three small aggregates.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { OperationsTables } from "./operations.tables";
import { ShipmentTally } from "./shipment-tally";

export type TallyScope = {
  countyCodes: readonly string[];
  fromMonth?: string;
  toMonth: string;
  /** Only these stations (a township's); all when omitted. */
  stationCodes?: readonly string[];
  /** The second key of the tallies: the station, the month, or nothing (county totals). */
  by: "station" | "month" | "county";
};

/** Tallies keyed `county` or `county\u0001station` / `county\u0001month`. */
export async function loadShipmentTallies(
  kdb: Kysely<Database>,
  scope: TallyScope,
): Promise<Map<string, ShipmentTally>> {
  const tallies = new Map<string, ShipmentTally>();
  if (!scope.countyCodes.length || scope.stationCodes?.length === 0) return tallies;
  const trx = kdb.withTables<OperationsTables>();
  const dimension = scope.by === "station" ? "station_code" : scope.by === "month" ? "month" : undefined;
  const keyOf = (r: Record<string, any>) =>
    dimension ? `${r.county_code}\u0001${r[dimension]}` : r.county_code;
  const tallyOf = (key: string) => {
    const found = tallies.get(key);
    if (found) return found;
    const fresh = new ShipmentTally();
    tallies.set(key, fresh);
    return fresh;
  };
  const groups = (extra: string[]) => ["county_code", ...(dimension ? [dimension] : []), ...extra];
  // Kysely's types cannot follow a column list chosen at run time; the rows are read by name below.
  const scoped = (table: "shipment_months" | "delivery_buckets" | "upward_fee_months") => {
    let q = (trx as Kysely<any>)
      .selectFrom(table)
      .where("county_code", "in", scope.countyCodes)
      .where("month", "<=", scope.toMonth);
    if (scope.fromMonth) q = q.where("month", ">=", scope.fromMonth);
    if (scope.stationCodes) q = q.where("station_code", "in", scope.stationCodes);
    return q;
  };

  const months = await scoped("shipment_months")
    .select([
      ...groups(["direction", "carrier"]),
      (eb: any) => eb.fn.sum("shipments").as("shipments"),
      (eb: any) => eb.fn.sum("delivered").as("delivered"),
    ])
    .groupBy(groups(["direction", "carrier"]))
    .execute();
  for (const r of months) {
    tallyOf(keyOf(r)).addMonth({
      direction: r.direction,
      carrier: r.carrier,
      shipments: Number(r.shipments),
      delivered: Number(r.delivered),
    });
  }
  const buckets = await scoped("delivery_buckets")
    .where("direction", "=", "down")
    .select([...groups(["days"]), (eb: any) => eb.fn.sum("shipments").as("shipments")])
    .groupBy(groups(["days"]))
    .execute();
  for (const r of buckets)
    tallyOf(keyOf(r)).addBucket({ direction: "down", days: Number(r.days), shipments: Number(r.shipments) });
  const fees = await scoped("upward_fee_months")
    .select([
      ...groups(["weight_class"]),
      (eb: any) => eb.fn.sum("shipments").as("shipments"),
      (eb: any) => eb.fn.sum("fee_fen").as("fee_fen"),
    ])
    .groupBy(groups(["weight_class"]))
    .execute();
  for (const r of fees) {
    tallyOf(keyOf(r)).addFee({
      weight_class: r.weight_class,
      shipments: Number(r.shipments),
      fee_fen: Number(r.fee_fen),
    });
  }
  return tallies;
}
