/**
 * Stores shipment events from courier systems and merges each into its waybill in the ledger
 * (record-shipments.ts): a retried source id changes nothing, a later event (the delivery) moves
 * the waybill and its rollups. Takes the county's operations lock: merging reads before it writes.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { IngestContext } from "./ingest-orders";
import type { ShipmentRecord } from "./ingest-records";
import type { UptimeOutcome } from "./ingest-uptime";
import type { OperationsTables } from "./operations.tables";
import { recordShipments } from "./record-shipments";
import { chunks, lockCountyOperations } from "./rollups.repository";

export async function ingestShipments(
  kdb: Kysely<Database>,
  records: readonly ShipmentRecord[],
  ctx: IngestContext,
): Promise<UptimeOutcome> {
  const trx = kdb.withTables<OperationsTables>();
  await lockCountyOperations(kdb, ctx.countyCode);
  const known = new Set<string>();
  for (const part of chunks(records, 1)) {
    const found = await trx
      .selectFrom("shipment_events")
      .select("source_id")
      .where("county_code", "=", ctx.countyCode)
      .where(
        "source_id",
        "in",
        part.map((r) => r.sourceId),
      )
      .execute();
    for (const f of found) known.add(f.source_id);
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
  const kept = fresh.filter((_, i) => !refused.has(i)).map((f) => f.record);
  for (const part of chunks(kept, 12)) {
    await trx
      .insertInto("shipment_events")
      .values(
        part.map((r) => ({
          county_code: ctx.countyCode,
          source_id: r.sourceId,
          waybill: r.waybill,
          station_code: r.stationCode,
          carrier: r.carrier,
          direction: r.direction,
          dispatched_at: r.dispatchedAt,
          delivered_at: r.deliveredAt,
          fee_fen: r.feeFen,
          weight_grams: r.weightGrams,
          token_id: ctx.tokenId,
          received_at: ctx.receivedAt,
        })),
      )
      .execute();
  }
  outcome.accepted = kept.length;
  return outcome;
}
