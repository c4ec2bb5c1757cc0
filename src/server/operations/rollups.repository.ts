/**
 * Rollups maintained as data arrives: deltas are summed per key in memory, then added to the
 * rollup rows with one multi-row `insert … on conflict do update set n = n + excluded.n` per chunk,
 * inside the caller's transaction. The same SQL runs on SQLite and PostgreSQL.
 */
import { type Kysely, sql } from "kysely";
import type { Direction } from "../../rules/operations";
import { lockForTransaction } from "../platform/db/dialect";
import { type BulkShape, runBulk } from "./bulk-statement.repository";

// Both dialects cap bound parameters per statement (SQLite 32,766; PostgreSQL 65,535).
const MAX_PARAMS = 30_000;

/** Rows of `rows` in slices that keep a statement under the parameter cap. */
export function* chunks<T>(rows: readonly T[], columns: number): Generator<T[]> {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Sums of additive columns per key: add() merges rows with the same key before they reach the
 * database (PostgreSQL refuses to update one row twice in a single statement).
 */
export class DeltaMap<Row extends Record<string, string | number | null>> {
  readonly #rows = new Map<string, Row>();
  constructor(
    readonly keys: readonly (keyof Row & string)[],
    readonly sums: readonly (keyof Row & string)[],
    /** Merges the columns that are not sums (e.g. keeps the earliest day). */
    readonly combine?: (into: Row, row: Row) => void,
  ) {}

  /** Adds a row's sums to its key's; the first row of a key is kept as it is (pass a fresh object). */
  add(row: Row): void {
    // Hot path of bulk imports (three calls per waybill): no copy, no template literal per key.
    const keys = this.keys;
    let id = String(row[keys[0]!]);
    for (let i = 1; i < keys.length; i++) id = `${id}\u0001${row[keys[i]!]}`;
    const at = this.#rows.get(id);
    if (at === undefined) {
      this.#rows.set(id, row);
      return;
    }
    const sums = this.sums;
    for (let i = 0; i < sums.length; i++) {
      const s = sums[i]!;
      (at as Record<string, unknown>)[s] = Number(at[s]) + Number(row[s]);
    }
    this.combine?.(at, row);
  }

  get size(): number {
    return this.#rows.size;
  }

  /** The rows whose sums are not all zero (a change and its undo cancel out). */
  rows(): Row[] {
    return [...this.#rows.values()].filter((r) => this.sums.some((s) => Number(r[s]) !== 0));
  }
}

/** Adds the rows' sums into `table`, creating rows for new keys. */
export async function addInto<Row extends Record<string, string | number | null>>(
  trx: Kysely<any>,
  table: string,
  deltas: DeltaMap<Row>,
  extraSet: Record<string, unknown> = {},
): Promise<void> {
  const rows = deltas.rows();
  if (!rows.length) return;
  const columns = Object.keys(rows[0]!);
  const shape: BulkShape = {
    // One shape per table: its columns and the extra assignments never vary.
    name: `rollup:${table}:${columns.join(",")}`,
    columns,
    build: (kdb, values) =>
      kdb
        .insertInto(table)
        .values(values)
        .onConflict((oc) =>
          oc.columns(deltas.keys as string[]).doUpdateSet((eb: any) => ({
            ...Object.fromEntries(
              deltas.sums.map((c) => [c, eb(sql.ref(`${table}.${c}`), "+", eb.ref(`excluded.${c}`))]),
            ),
            ...extraSet,
          })),
        ),
  };
  await runBulk(
    trx,
    shape,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

// ---------------------------------------------------------------------------------------------
// The rollup rows of this domain

export type StationDayDelta = {
  county_code: string;
  station_code: string;
  day: string;
  orders: number;
  amount_fen: number;
  order_records: number;
  online_minutes: number;
  uptime_records: number;
};

export const stationDayDeltas = () =>
  new DeltaMap<StationDayDelta>(
    ["county_code", "station_code", "day"],
    ["orders", "amount_fen", "order_records", "online_minutes", "uptime_records"],
  );

/** A machine month row (source = ingest); first_uptime_day keeps the earliest day seen. */
export type StationMonthDelta = {
  county_code: string;
  station_code: string;
  month: string;
  source: "ingest";
  orders: number;
  amount_fen: number;
  order_records: number;
  online_minutes: number;
  uptime_records: number;
  first_uptime_day: string | null;
  is_demo: number;
  updated_at: string;
};

export const stationMonthDeltas = () =>
  new DeltaMap<StationMonthDelta>(
    ["county_code", "station_code", "month", "source"],
    ["orders", "amount_fen", "order_records", "online_minutes", "uptime_records"],
    (into, row) => {
      // The earliest of the two days (ISO days sort as text); null means none yet.
      const days = [into.first_uptime_day, row.first_uptime_day].filter((d): d is string => d !== null);
      into.first_uptime_day = days.sort()[0] ?? null;
    },
  );

export async function addStationDays(trx: Kysely<any>, deltas: DeltaMap<StationDayDelta>): Promise<void> {
  await addInto(trx, "station_days", deltas);
}

export async function addStationMonths(trx: Kysely<any>, deltas: DeltaMap<StationMonthDelta>): Promise<void> {
  await addInto(trx, "station_months", deltas, {
    // Portable "least, ignoring nulls" (SQLite's min() returns null if any argument is null).
    first_uptime_day: sql`case when excluded.first_uptime_day is not null and (station_months.first_uptime_day is null or excluded.first_uptime_day < station_months.first_uptime_day) then excluded.first_uptime_day else station_months.first_uptime_day end`,
    updated_at: sql.ref("excluded.updated_at"),
  });
}

export type ShipmentMonthDelta = {
  county_code: string;
  station_code: string;
  month: string;
  direction: Direction;
  carrier: string;
  shipments: number;
  delivered: number;
};
export type DeliveryBucketDelta = {
  county_code: string;
  station_code: string;
  month: string;
  direction: Direction;
  days: number;
  shipments: number;
};
export type UpwardFeeDelta = {
  county_code: string;
  station_code: string;
  month: string;
  weight_class: string;
  shipments: number;
  fee_fen: number;
};

/** The three shipment rollups of one batch. */
export type ShipmentDeltas = {
  months: DeltaMap<ShipmentMonthDelta>;
  buckets: DeltaMap<DeliveryBucketDelta>;
  fees: DeltaMap<UpwardFeeDelta>;
};

export const shipmentDeltas = (): ShipmentDeltas => ({
  months: new DeltaMap<ShipmentMonthDelta>(
    ["county_code", "station_code", "month", "direction", "carrier"],
    ["shipments", "delivered"],
  ),
  buckets: new DeltaMap<DeliveryBucketDelta>(
    ["county_code", "station_code", "month", "direction", "days"],
    ["shipments"],
  ),
  fees: new DeltaMap<UpwardFeeDelta>(
    ["county_code", "station_code", "month", "weight_class"],
    ["shipments", "fee_fen"],
  ),
});

export async function addShipmentRollups(trx: Kysely<any>, deltas: ShipmentDeltas): Promise<void> {
  await addInto(trx, "shipment_months", deltas.months);
  await addInto(trx, "delivery_buckets", deltas.buckets);
  await addInto(trx, "upward_fee_months", deltas.fees);
}

/**
 * Serialises writers that read before they write (shipment states, the 24-hour uptime cap) for
 * one county. Pure inserts with additive rollups (orders) need no lock.
 */
export async function lockCountyOperations(trx: Kysely<any>, countyCode: string): Promise<void> {
  await lockForTransaction(trx, 7_400_000_000 + Number(countyCode));
}
