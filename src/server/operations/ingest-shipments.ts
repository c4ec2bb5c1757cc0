/**
 * Stores shipment events from courier systems and merges each into its waybill in the ledger
 * (record-shipments.ts): a retried source id changes nothing, a later event (the delivery) moves
 * the waybill and its rollups. Takes the county's operations lock: merging reads before it writes.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import { type BulkShape, runBulk } from "./bulk-statement.repository";
import { storeRefusedShipments } from "./data-quality.repository";
import type { IngestContext } from "./ingest-orders";
import type { ShipmentRecord } from "./ingest-records";
import type { UptimeOutcome } from "./ingest-uptime";
import type { OperationsTables, ShipmentEventTable } from "./operations.tables";
import { recordShipments } from "./record-shipments";
import { lockCountyOperations } from "./rollups.repository";

const insertEvents: BulkShape = {
  name: "shipment_events:insert",
  columns: [
    "county_code",
    "source_id",
    "waybill",
    "station_code",
    "carrier",
    "direction",
    "dispatched_at",
    "delivered_at",
    "fee_fen",
    "weight_grams",
    "token_id",
    "received_at",
  ],
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("shipment_events")
      .values(rows as ShipmentEventTable[]),
};

/** The source ids among the rows already stored for the county (the one argument). */
const knownEvents: BulkShape = {
  name: "shipment_events:known",
  columns: ["source_id"],
  args: 1,
  build: (kdb, rows, [county]) =>
    kdb
      .withTables<OperationsTables>()
      .selectFrom("shipment_events")
      .select("source_id")
      .where("county_code", "=", county as string)
      .where(
        "source_id",
        "in",
        rows.map((r) => r.source_id as string),
      ),
};

export async function ingestShipments(
  kdb: Kysely<Database>,
  records: readonly ShipmentRecord[],
  ctx: IngestContext,
): Promise<UptimeOutcome> {
  await lockCountyOperations(kdb, ctx.countyCode);
  const known = new Set<string>();
  const ids = records.map((r) => [r.sourceId]);
  for (const f of await runBulk<{ source_id: string }>(kdb, knownEvents, ids, [ctx.countyCode])) {
    known.add(f.source_id);
  }
  const outcome: UptimeOutcome = { accepted: 0, duplicates: 0, rejected: [] };
  const fresh: { at: number; record: ShipmentRecord }[] = [];
  records.forEach((record, at) => {
    if (known.has(record.sourceId)) outcome.duplicates++;
    else fresh.push({ at, record });
  });
  const result = await recordShipments(
    kdb,
    ctx.countyCode,
    fresh.map((f) => f.record),
    {
      mode: "merge",
      source: "ingest",
      sourceRefs: fresh.map((f) => f.record.sourceId),
      isDemo: ctx.isDemo,
      settings: ctx.settings,
    },
  );
  const refused = new Set(result.rejected.map((r) => r.index));
  for (const r of result.rejected) outcome.rejected.push({ at: fresh[r.index]!.at, reason: r.reason });
  // The merged state was signed before its (new) dispatch: kept as data-quality evidence (E5).
  await storeRefusedShipments(
    kdb,
    ctx,
    result.rejected.map((r) => ({
      ...r.state,
      sourceId: fresh[r.index]!.record.sourceId,
      deliveredAt: r.state.deliveredAt!,
      reason: r.reason.zh,
    })),
  );
  const kept = fresh.filter((_, i) => !refused.has(i)).map((f) => f.record);
  await runBulk(
    kdb,
    insertEvents,
    kept.map((r) => [
      ctx.countyCode,
      r.sourceId,
      r.waybill,
      r.stationCode,
      r.carrier,
      r.direction,
      r.dispatchedAt,
      r.deliveredAt,
      r.feeFen,
      r.weightGrams,
      ctx.tokenId,
      ctx.receivedAt,
    ]),
  );
  outcome.accepted = kept.length;
  return outcome;
}
