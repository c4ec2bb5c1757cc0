/**
 * Stores order records and adds them to the station's day and month: a record whose source id is
 * already stored is a retry and changes nothing. Inserts and additive rollups only, so concurrent
 * batches need no lock.
 */
import type { Kysely } from "kysely";
import type { OpeningHours } from "../../rules/opening-hours";
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import type { Database } from "../platform/db/schema";
import { type BulkShape, runBulk } from "./bulk-statement.repository";
import type { OrderRecord } from "./ingest-records";
import type { IngestOrderTable, OperationsTables } from "./operations.tables";
import { addStationDays, addStationMonths, stationDayDeltas, stationMonthDeltas } from "./rollups.repository";

export type IngestContext = {
  countyCode: string;
  tokenId: string | null;
  receivedAt: string;
  settings?: OperationsSettings;
  isDemo?: boolean;
  /** The county's registered stations' opening hours (rule O1), by 站点编号. */
  openingHours?: ReadonlyMap<string, OpeningHours>;
};

const ORDER_COLUMNS = [
  "county_code",
  "source_id",
  "station_code",
  "kind",
  "amount_fen",
  "platform",
  "ordered_at",
  "day",
  "token_id",
  "received_at",
] as const satisfies readonly (keyof IngestOrderTable)[];

/** Inserts order records; a stored source id is skipped, and only new ones come back. */
const insertOrders: BulkShape = {
  name: "ingest_orders:insert",
  columns: ORDER_COLUMNS,
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("ingest_orders")
      .values(rows as IngestOrderTable[])
      .onConflict((oc) => oc.columns(["county_code", "source_id"]).doNothing())
      .returning("source_id"),
};

/** Returns how many records were new (the rest were retries). */
export async function ingestOrders(
  kdb: Kysely<Database>,
  records: readonly OrderRecord[],
  ctx: IngestContext,
): Promise<number> {
  const settings = ctx.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const amountKinds = new Set(settings.amountOrderKinds);
  const { countyCode, tokenId, receivedAt } = ctx;
  const rows = records.map((r) => [
    countyCode,
    r.sourceId,
    r.stationCode,
    r.kind,
    r.amountFen,
    r.platform,
    r.at,
    r.day,
    tokenId,
    receivedAt,
  ]);
  const inserted = new Set<string>();
  for (const d of await runBulk<{ source_id: string }>(kdb, insertOrders, rows)) inserted.add(d.source_id);
  const days = stationDayDeltas();
  const months = stationMonthDeltas();
  const isDemo = ctx.isDemo ? 1 : 0;
  let fresh = 0;
  for (const r of records) {
    if (!inserted.delete(r.sourceId)) continue; // a retry, or a repeat within this batch
    fresh++;
    const orders = r.kind === "agency_purchase" ? 1 : 0;
    const amountFen = amountKinds.has(r.kind) ? r.amountFen : 0;
    days.add({
      county_code: countyCode,
      station_code: r.stationCode,
      day: r.day,
      orders,
      amount_fen: amountFen,
      order_records: 1,
      online_minutes: 0,
      uptime_records: 0,
    });
    months.add({
      county_code: countyCode,
      station_code: r.stationCode,
      month: r.day.slice(0, 7),
      source: "ingest",
      orders,
      amount_fen: amountFen,
      order_records: 1,
      online_minutes: 0,
      uptime_records: 0,
      first_uptime_day: null,
      is_demo: isDemo,
      updated_at: receivedAt,
    });
  }
  await addStationDays(kdb, days);
  await addStationMonths(kdb, months);
  return fresh;
}
