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
import type { FigureSource, OperationsTables, ShipmentTable } from "./operations.tables";
import { addShipmentRollups, chunks, type ShipmentDeltas, shipmentDeltas } from "./rollups.repository";

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
};

export type RecordShipmentsResult = {
  /** Waybills whose stored state changed. */
  changed: number;
  /** Inputs refused once merged with what is stored (delivery before dispatch). */
  rejected: { index: number; reason: { zh: string; en: string } }[];
};

// Waybills read back per query: 1,000 keeps the IN list well under both dialects' caps.
const READ_CHUNK = 1000;

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

/** Adds (sign 1) or takes out (sign −1) one shipment's share of the rollups. */
export function addShipmentContribution(
  deltas: ShipmentDeltas,
  countyCode: string,
  s: ShipmentState,
  sign: 1 | -1,
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): void {
  const key = { county_code: countyCode, station_code: s.stationCode, month: s.dispatchedAt.slice(0, 7) };
  deltas.months.add({
    ...key,
    direction: s.direction,
    carrier: s.carrier,
    shipments: sign,
    delivered: s.deliveredAt ? sign : 0,
  });
  if (s.deliveredAt) {
    const days = deliveryDayBucket(deliveryMs(s.dispatchedAt, s.deliveredAt));
    deltas.buckets.add({ ...key, direction: s.direction, days, shipments: sign });
  }
  if (s.direction === "up" && s.feeFen !== null) {
    deltas.fees.add({
      ...key,
      weight_class: weightClassOf(s.weightGrams, settings),
      shipments: sign,
      fee_fen: sign * s.feeFen,
    });
  }
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

/** Records shipments of one county; see the module comment. Call inside a transaction. */
export async function recordShipments(
  kdb: Kysely<Database>,
  countyCode: string,
  inputs: readonly ShipmentState[],
  options: RecordShipmentsOptions,
): Promise<RecordShipmentsResult> {
  const trx = kdb.withTables<OperationsTables>();
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const now = chinaTimestamp();
  const rejected: RecordShipmentsResult["rejected"] = [];
  let changed = 0;
  for (let start = 0; start < inputs.length; start += READ_CHUNK) {
    const slice = inputs.slice(start, start + READ_CHUNK);
    const waybills = [...new Set(slice.map((s) => s.waybill))];
    const stored = new Map(
      (
        await trx
          .selectFrom("shipments")
          .selectAll()
          .where("county_code", "=", countyCode)
          .where("waybill", "in", waybills)
          .execute()
      ).map((r) => [r.waybill, fromRow(r)]),
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
        });
        return;
      }
      if (before && same(before, next)) return;
      current.set(input.waybill, next);
      refs.set(input.waybill, options.sourceRefs?.[index] ?? null);
    });

    const deltas = shipmentDeltas();
    const rows: ShipmentTable[] = [];
    for (const [waybill, ref] of refs) {
      const before = stored.get(waybill);
      const after = current.get(waybill)!;
      if (before) addShipmentContribution(deltas, countyCode, before, -1, settings);
      addShipmentContribution(deltas, countyCode, after, 1, settings);
      rows.push({
        county_code: countyCode,
        waybill,
        station_code: after.stationCode,
        carrier: after.carrier,
        direction: after.direction,
        dispatched_at: after.dispatchedAt,
        dispatched_month: after.dispatchedAt.slice(0, 7),
        dispatched_day: after.dispatchedAt.slice(0, 10),
        delivered_at: after.deliveredAt,
        delivery_seconds: after.deliveredAt ? deliveryMs(after.dispatchedAt, after.deliveredAt) / 1000 : null,
        fee_fen: after.feeFen,
        weight_grams: after.weightGrams,
        source: options.source,
        source_ref: ref,
        is_demo: options.isDemo ? 1 : 0,
        updated_at: now,
      });
    }
    for (const part of chunks(rows, 16)) {
      await trx
        .insertInto("shipments")
        .values(part)
        .onConflict((oc) =>
          oc.columns(["county_code", "waybill"]).doUpdateSet((eb) => ({
            station_code: eb.ref("excluded.station_code"),
            carrier: eb.ref("excluded.carrier"),
            direction: eb.ref("excluded.direction"),
            dispatched_at: eb.ref("excluded.dispatched_at"),
            dispatched_month: eb.ref("excluded.dispatched_month"),
            dispatched_day: eb.ref("excluded.dispatched_day"),
            delivered_at: eb.ref("excluded.delivered_at"),
            delivery_seconds: eb.ref("excluded.delivery_seconds"),
            fee_fen: eb.ref("excluded.fee_fen"),
            weight_grams: eb.ref("excluded.weight_grams"),
            source: eb.ref("excluded.source"),
            source_ref: eb.ref("excluded.source_ref"),
            is_demo: eb.ref("excluded.is_demo"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
    await addShipmentRollups(kdb, deltas);
    changed += rows.length;
  }
  return { changed, rejected };
}
