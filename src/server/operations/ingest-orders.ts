/**
 * Stores order records and adds them to the station's day and month: a record whose source id is
 * already stored is a retry and changes nothing. Inserts and additive rollups only, so concurrent
 * batches need no lock. On PostgreSQL the within-batch repeats were dropped before (ingest-batch),
 * as one multi-row statement may not insert a key twice; SQLite's row-by-row insert skips them.
 */
import type { Kysely } from "kysely";
import type { OpeningHours } from "../../rules/opening-hours";
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import { isPostgres } from "../platform/db/dialect";
import type { Database } from "../platform/db/schema";
import type { BulkShape } from "./bulk-statement.repository";
import type { OrderRecord } from "./ingest-records";
import { StationRollups } from "./ingest-rollups";
import { writeRows } from "./ingest-statements";
import type { IngestOrderTable, OperationsTables } from "./operations.tables";

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

/** Inserts order records; a stored source id is skipped (PostgreSQL returns the new ones). */
const insertOrders: BulkShape = {
  name: "ingest_orders:insert",
  columns: ORDER_COLUMNS,
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("ingest_orders")
      .values(rows as IngestOrderTable[])
      .onConflict((oc) => oc.columns(["county_code", "source_id"]).doNothing())
      .$if(isPostgres(kdb), (q) => q.returning("source_id")),
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
  // A record is new when its row was inserted: a retry, or a repeat within this batch, is not.
  const inserted = await writeRows(
    kdb,
    insertOrders,
    records.length,
    (i, row) => {
      const r = records[i]!;
      row[0] = countyCode;
      row[1] = r.sourceId;
      row[2] = r.stationCode;
      row[3] = r.kind;
      row[4] = r.amountFen;
      row[5] = r.platform;
      row[6] = r.at;
      row[7] = r.day;
      row[8] = tokenId;
      row[9] = receivedAt;
    },
    { key: "source_id", column: 1 },
  );
  const rollups = new StationRollups(countyCode, receivedAt, ctx.isDemo === true);
  let fresh = 0;
  for (let i = 0; i < records.length; i++) {
    if (!inserted[i]) continue;
    const r = records[i]!;
    fresh++;
    rollups.addOrder(
      r.stationCode,
      r.day,
      r.kind === "agency_purchase" ? 1 : 0,
      amountKinds.has(r.kind) ? r.amountFen : 0,
    );
  }
  await rollups.write(kdb);
  return fresh;
}
