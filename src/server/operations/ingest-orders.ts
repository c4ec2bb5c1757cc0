/**
 * Stores order records and adds them to the station's day and month: a record whose source id is
 * already stored is a retry and changes nothing. Inserts and additive rollups only, so concurrent
 * batches need no lock.
 */
import type { Kysely } from "kysely";
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import type { Database } from "../platform/db/schema";
import type { OrderRecord } from "./ingest-records";
import type { IngestOrderTable, OperationsTables } from "./operations.tables";
import {
  addStationDays,
  addStationMonths,
  chunks,
  stationDayDeltas,
  stationMonthDeltas,
} from "./rollups.repository";

export type IngestContext = {
  countyCode: string;
  tokenId: string | null;
  receivedAt: string;
  settings?: OperationsSettings;
  isDemo?: boolean;
};

/** Returns how many records were new (the rest were retries). */
export async function ingestOrders(
  kdb: Kysely<Database>,
  records: readonly OrderRecord[],
  ctx: IngestContext,
): Promise<number> {
  const trx = kdb.withTables<OperationsTables>();
  const settings = ctx.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const amountKinds = new Set(settings.amountOrderKinds);
  const rows: IngestOrderTable[] = records.map((r) => ({
    county_code: ctx.countyCode,
    source_id: r.sourceId,
    station_code: r.stationCode,
    kind: r.kind,
    amount_fen: r.amountFen,
    platform: r.platform,
    ordered_at: r.at,
    day: r.day,
    token_id: ctx.tokenId,
    received_at: ctx.receivedAt,
  }));
  const inserted = new Set<string>();
  for (const part of chunks(rows, 10)) {
    const done = await trx
      .insertInto("ingest_orders")
      .values(part)
      .onConflict((oc) => oc.columns(["county_code", "source_id"]).doNothing())
      .returning("source_id")
      .execute();
    for (const d of done) inserted.add(d.source_id);
  }
  const days = stationDayDeltas();
  const months = stationMonthDeltas();
  let fresh = 0;
  for (const r of records) {
    if (!inserted.delete(r.sourceId)) continue; // a retry, or a repeat within this batch
    fresh++;
    const figures = {
      orders: r.kind === "agency_purchase" ? 1 : 0,
      amount_fen: amountKinds.has(r.kind) ? r.amountFen : 0,
      order_records: 1,
      online_minutes: 0,
      uptime_records: 0,
    };
    const key = { county_code: ctx.countyCode, station_code: r.stationCode };
    days.add({ ...key, day: r.day, ...figures });
    months.add({
      ...key,
      month: r.day.slice(0, 7),
      source: "ingest",
      ...figures,
      first_uptime_day: null,
      is_demo: ctx.isDemo ? 1 : 0,
      updated_at: ctx.receivedAt,
    });
  }
  await addStationDays(kdb, days);
  await addStationMonths(kdb, months);
  return fresh;
}
