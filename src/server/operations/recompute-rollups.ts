/**
 * The rollups of a county computed afresh from the raw rows (orders, uptime, the ledger): what the
 * maintained rollup tables must equal. Tests compare the two; the benchmark times this path
 * against the KPI page, which reads the maintained rollups.
 */
import type { Kysely } from "kysely";
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import type { Database } from "../platform/db/schema";
import type { OperationsTables } from "./operations.tables";
import { addShipmentContribution } from "./record-shipments";
import {
  type DeltaMap,
  type ShipmentDeltas,
  type StationDayDelta,
  type StationMonthDelta,
  shipmentDeltas,
  stationDayDeltas,
  stationMonthDeltas,
} from "./rollups.repository";

export type RecomputedRollups = {
  days: DeltaMap<StationDayDelta>;
  months: DeltaMap<StationMonthDelta>;
  shipments: ShipmentDeltas;
};

export async function recomputeRollups(
  kdb: Kysely<Database>,
  countyCode: string,
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): Promise<RecomputedRollups> {
  const trx = kdb.withTables<OperationsTables>();
  const days = stationDayDeltas();
  const months = stationMonthDeltas();
  const amountKinds = new Set(settings.amountOrderKinds);
  const add = (
    station: string,
    day: string,
    figures: Omit<StationDayDelta, "county_code" | "station_code" | "day">,
    uptimeDay: string | null,
  ) => {
    days.add({ county_code: countyCode, station_code: station, day, ...figures });
    months.add({
      county_code: countyCode,
      station_code: station,
      month: day.slice(0, 7),
      source: "ingest",
      ...figures,
      first_uptime_day: uptimeDay,
      is_demo: 0,
      updated_at: "",
    });
  };
  const orders = await trx
    .selectFrom("ingest_orders")
    .select(["station_code", "day", "kind", "amount_fen"])
    .where("county_code", "=", countyCode)
    .execute();
  for (const o of orders) {
    add(
      o.station_code,
      o.day,
      {
        orders: o.kind === "agency_purchase" ? 1 : 0,
        amount_fen: amountKinds.has(o.kind) ? Number(o.amount_fen) : 0,
        order_records: 1,
        online_minutes: 0,
        uptime_records: 0,
      },
      null,
    );
  }
  const uptime = await trx
    .selectFrom("ingest_uptime")
    .select(["station_code", "day", "online_minutes"])
    .where("county_code", "=", countyCode)
    .execute();
  for (const u of uptime) {
    add(
      u.station_code,
      u.day,
      { orders: 0, amount_fen: 0, order_records: 0, online_minutes: u.online_minutes, uptime_records: 1 },
      u.day,
    );
  }
  const shipments = shipmentDeltas();
  const ledger = await trx
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
    .execute();
  for (const s of ledger) {
    addShipmentContribution(
      shipments,
      countyCode,
      {
        waybill: s.waybill,
        stationCode: s.station_code,
        carrier: s.carrier,
        direction: s.direction,
        dispatchedAt: s.dispatched_at,
        deliveredAt: s.delivered_at,
        feeFen: s.fee_fen === null ? null : Number(s.fee_fen),
        weightGrams: s.weight_grams,
      },
      1,
      settings,
    );
  }
  return { days, months, shipments };
}
