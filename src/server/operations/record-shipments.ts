/**
 * Writes shipments into the delivery ledger (物流台账) and keeps the shipment rollups in step: each
 * changed waybill takes its old state's contribution out and puts its new state's in, in the
 * caller's transaction. Used by the 物流 sheet (a row replaces the waybill), the ingest API (an
 * event merges into it: a blank delivery time never undoes a delivery) and the demo.
 */
import type { Kysely } from "kysely";
import {
  DEFAULT_OPERATIONS_SETTINGS,
  type Direction,
  deliveryDayBucket,
  deliveryMs,
  type OperationsSettings,
  weightClassOf,
} from "../../rules/operations";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import { type BulkShape, runBulk } from "./bulk-statement.repository";
import type { FigureSource, OperationsTables, ShipmentTable } from "./operations.tables";
import { addShipmentRollups, type ShipmentDeltas, shipmentDeltas } from "./rollups.repository";

/** A waybill's state: what the ledger holds for it. */
export type ShipmentState = {
  waybill: string;
  stationCode: string;
  carrier: string;
  direction: Direction;
  /** China-time instants YYYY-MM-DDTHH:mm:ss+08:00 (rules parseShipmentTime). */
  dispatchedAt: string;
  deliveredAt: string | null;
  feeFen: number | null;
  weightGrams: number | null;
};

export type RecordShipmentsOptions = {
  /** replace: the input is the whole state (a sheet row); merge: blanks keep what is stored (events). */
  mode: "replace" | "merge";
  source: FigureSource;
  /** Per input, the reference stored with it (an event's source id). */
  sourceRefs?: readonly (string | null)[];
  isDemo?: boolean;
  settings?: OperationsSettings;
  /** Called as chunks of inputs are written (the workbook import's progress). */
  onWritten?: (inputs: number) => void;
};

export type RecordShipmentsResult = {
  /** Waybills whose stored state changed. */
  changed: number;
  /** Inputs refused once merged with what is stored (delivery before dispatch), with that state. */
  rejected: { index: number; reason: { zh: string; en: string }; state: ShipmentState }[];
};

// Inputs handled per round of read, merge and write.
const READ_CHUNK = 20_000;
// Rollup keys summed in memory before they are written: the sums of a whole county's year of
// waybills (stations × months × directions × carriers or days) are written once, not once a round.
const ROLLUP_FLUSH_KEYS = 300_000;

const deltaKeys = (d: ShipmentDeltas) => d.months.size + d.buckets.size + d.fees.size;

const fromRow = (r: ShipmentTable): ShipmentState => ({
  waybill: r.waybill,
  stationCode: r.station_code,
  carrier: r.carrier,
  direction: r.direction,
  dispatchedAt: r.dispatched_at,
  deliveredAt: r.delivered_at,
  feeFen: r.fee_fen === null ? null : Number(r.fee_fen),
  weightGrams: r.weight_grams,
});

const same = (a: ShipmentState, b: ShipmentState) =>
  a.stationCode === b.stationCode &&
  a.carrier === b.carrier &&
  a.direction === b.direction &&
  a.dispatchedAt === b.dispatchedAt &&
  a.deliveredAt === b.deliveredAt &&
  a.feeFen === b.feeFen &&
  a.weightGrams === b.weightGrams;

/** Adds (sign 1) or takes out (sign −1) one shipment's share of the rollups; returns its delivery time in ms. */
export function addShipmentContribution(
  deltas: ShipmentDeltas,
  countyCode: string,
  s: ShipmentState,
  sign: 1 | -1,
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): number | null {
  const month = s.dispatchedAt.slice(0, 7);
  deltas.months.add({
    county_code: countyCode,
    station_code: s.stationCode,
    month,
    direction: s.direction,
    carrier: s.carrier,
    shipments: sign,
    delivered: s.deliveredAt ? sign : 0,
  });
  let ms: number | null = null;
  if (s.deliveredAt) {
    ms = deliveryMs(s.dispatchedAt, s.deliveredAt);
    deltas.buckets.add({
      county_code: countyCode,
      station_code: s.stationCode,
      month,
      direction: s.direction,
      days: deliveryDayBucket(ms),
      shipments: sign,
    });
  }
  if (s.direction === "up" && s.feeFen !== null) {
    deltas.fees.add({
      county_code: countyCode,
      station_code: s.stationCode,
      month,
      weight_class: weightClassOf(s.weightGrams, settings),
      shipments: sign,
      fee_fen: sign * s.feeFen,
    });
  }
  return ms;
}

function merge(before: ShipmentState | undefined, event: ShipmentState): ShipmentState {
  if (!before) return event;
  return {
    ...event,
    deliveredAt: event.deliveredAt ?? before.deliveredAt,
    feeFen: event.feeFen ?? before.feeFen,
    weightGrams: event.weightGrams ?? before.weightGrams,
  };
}

const SHIPMENT_COLUMNS = [
  "county_code",
  "waybill",
  "station_code",
  "carrier",
  "direction",
  "dispatched_at",
  "dispatched_month",
  "dispatched_day",
  "delivered_at",
  "delivery_seconds",
  "fee_fen",
  "weight_grams",
  "source",
  "source_ref",
  "is_demo",
  "updated_at",
] as const satisfies readonly (keyof ShipmentTable)[];

/** Upserts ledger rows (cells in SHIPMENT_COLUMNS order): the latest state of each waybill. */
const upsertShipments: BulkShape = {
  name: "shipments:upsert",
  columns: SHIPMENT_COLUMNS,
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("shipments")
      .values(rows as ShipmentTable[])
      .onConflict((oc) =>
        oc
          .columns(["county_code", "waybill"])
          .doUpdateSet((eb) =>
            Object.fromEntries(
              SHIPMENT_COLUMNS.filter((c) => c !== "county_code" && c !== "waybill").map((c) => [
                c,
                eb.ref(`excluded.${c}`),
              ]),
            ),
          ),
      ),
};

/** The stored states of some waybills of a county (the county is the one argument). */
const selectShipments: BulkShape = {
  name: "shipments:select",
  columns: ["waybill"],
  args: 1,
  build: (kdb, rows, [county]) =>
    kdb
      .withTables<OperationsTables>()
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
      .where("county_code", "=", county as string)
      .where(
        "waybill",
        "in",
        rows.map((r) => r.waybill as string),
      ),
};

/** Records shipments of one county; see the module comment. Call inside a transaction. */
export async function recordShipments(
  kdb: Kysely<Database>,
  countyCode: string,
  inputs: readonly ShipmentState[],
  options: RecordShipmentsOptions,
): Promise<RecordShipmentsResult> {
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const now = chinaTimestamp();
  const rejected: RecordShipmentsResult["rejected"] = [];
  const isDemo = options.isDemo ? 1 : 0;
  let changed = 0;
  let deltas = shipmentDeltas();
  for (let start = 0; start < inputs.length; start += READ_CHUNK) {
    const slice = inputs.slice(start, start + READ_CHUNK);
    const waybills = [...new Set(slice.map((s) => s.waybill))].map((w) => [w]);
    const stored = new Map(
      (await runBulk<ShipmentTable>(kdb, selectShipments, waybills, [countyCode])).map((r) => [
        r.waybill,
        fromRow(r),
      ]),
    );
    const current = new Map(stored);
    const refs = new Map<string, string | null>();
    slice.forEach((input, i) => {
      const index = start + i;
      const before = current.get(input.waybill);
      const next = options.mode === "merge" ? merge(before, input) : input;
      if (next.deliveredAt && deliveryMs(next.dispatchedAt, next.deliveredAt) < 0) {
        rejected.push({
          index,
          reason: {
            zh: `运单 ${input.waybill} 的签收时间早于发出时间`,
            en: `Waybill ${input.waybill} is delivered before it was dispatched`,
          },
          state: next,
        });
        return;
      }
      if (before && same(before, next)) return;
      current.set(input.waybill, next);
      refs.set(input.waybill, options.sourceRefs?.[index] ?? null);
    });

    const rows: unknown[][] = [];
    for (const [waybill, ref] of refs) {
      const before = stored.get(waybill);
      const after = current.get(waybill)!;
      if (before) addShipmentContribution(deltas, countyCode, before, -1, settings);
      const ms = addShipmentContribution(deltas, countyCode, after, 1, settings);
      const dispatchedAt = after.dispatchedAt;
      rows.push([
        countyCode,
        waybill,
        after.stationCode,
        after.carrier,
        after.direction,
        dispatchedAt,
        dispatchedAt.slice(0, 7),
        dispatchedAt.slice(0, 10),
        after.deliveredAt,
        ms === null ? null : ms / 1000,
        after.feeFen,
        after.weightGrams,
        options.source,
        ref,
        isDemo,
        now,
      ]);
    }
    await runBulk(kdb, upsertShipments, rows);
    changed += rows.length;
    if (deltaKeys(deltas) > ROLLUP_FLUSH_KEYS) {
      await addShipmentRollups(kdb, deltas);
      deltas = shipmentDeltas();
    }
    options.onWritten?.(slice.length);
  }
  await addShipmentRollups(kdb, deltas);
  return { changed, rejected };
}
