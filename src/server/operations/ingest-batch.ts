/**
 * One request of the ingest API: check each record, keep the good ones, name the bad ones by
 * index, and store the batch in one transaction with its rollups and an audit entry. Records
 * carry source ids: a retried batch (or a record repeated within one) never counts twice.
 */
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import { stationRegister } from "../network";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { chinaTimestamp } from "../platform/time/china-time";
import type { Bilingual } from "../platform/workbook/sheet-handler";
import { reuseStatementsOn } from "./bulk-statement.repository";
import { markDataQualityStale, type RefusedShipment, storeRefusedShipments } from "./data-quality.repository";
import { type IngestContext, ingestOrders } from "./ingest-orders";
import { checkRecord, type OrderRecord, type ShipmentRecord, type UptimeRecord } from "./ingest-records";
import { ingestShipments } from "./ingest-shipments";
import type { IngestCaller, IngestKind } from "./ingest-tokens.repository";
import { ingestUptime } from "./ingest-uptime";
import { unknownStation } from "./known-stations";
import type { OperationsTables } from "./operations.tables";

export type IngestResult = {
  kind: IngestKind;
  received: number;
  /** New records stored. */
  accepted: number;
  /** Records whose source id was already stored (or repeated in the batch): counted once. */
  duplicates: number;
  rejected: { index: number; reason: Bilingual }[];
};

export type IngestBatchOptions = {
  db: Db;
  caller: IngestCaller;
  kind: IngestKind;
  records: readonly unknown[];
  settings?: OperationsSettings;
  /** Marks rows as demo data (the demo loader goes through the same path). */
  isDemo?: boolean;
};

export async function ingestBatch(options: IngestBatchOptions): Promise<IngestResult> {
  const { db, caller, kind, records } = options;
  const received = records.length;
  const result: IngestResult = { kind, received, accepted: 0, duplicates: 0, rejected: [] };
  const latest = chinaTimestamp(new Date(Date.now() + 86_400_000))
    .slice(0, 19)
    .concat("+08:00");
  const seen = new Set<string>();
  // The good records and their indexes in the request, side by side (no wrapper per record).
  const good: (OrderRecord | UptimeRecord | ShipmentRecord)[] = [];
  const goodIndex: number[] = [];
  const refused = new Map<string, RefusedShipment>();
  const mayReport = (stationCode: string) => !caller.stationCodes || caller.stationCodes.has(stationCode);
  // A station code must name a station of the county's register (interfaces.md): records never
  // create a station in the B2/B3 counts.
  const register = await stationRegister(db.db, caller.countyCode);
  for (let index = 0; index < records.length; index++) {
    const checked = checkRecord(kind, records[index], latest);
    if (!checked.ok) {
      result.rejected.push({ index, reason: checked.reason });
      const early = checked.deliveredBeforeDispatch;
      if (early?.deliveredAt && mayReport(early.stationCode) && register.has(early.stationCode)) {
        refused.set(early.sourceId, { ...early, deliveredAt: early.deliveredAt, reason: checked.reason.zh });
      }
      continue;
    }
    const value = checked.value;
    if (!mayReport(value.stationCode)) {
      result.rejected.push({
        index,
        reason: {
          zh: `stationCode：该令牌无权提交站点 ${value.stationCode} 的数据`,
          en: `stationCode: this token may not send data for station ${value.stationCode}`,
        },
      });
      continue;
    }
    if (!register.has(value.stationCode)) {
      const reason = unknownStation(value.stationCode);
      result.rejected.push({
        index,
        reason: { zh: `stationCode：${reason.zh}`, en: `stationCode: ${reason.en}` },
      });
      continue;
    }
    if (seen.has(value.sourceId)) {
      result.duplicates++;
      continue;
    }
    seen.add(value.sourceId);
    good.push(value);
    goodIndex.push(index);
  }

  reuseStatementsOn(db);
  await db.db.transaction().execute(async (kdb) => {
    const receivedAt = chinaTimestamp();
    const ctx: IngestContext = {
      countyCode: caller.countyCode,
      tokenId: caller.tokenId,
      receivedAt,
      settings: options.settings ?? DEFAULT_OPERATIONS_SETTINGS,
      isDemo: options.isDemo,
      openingHours: register,
    };
    if (kind === "orders") {
      const fresh = await ingestOrders(kdb, good as OrderRecord[], ctx);
      result.accepted = fresh;
      result.duplicates += good.length - fresh;
    } else {
      const outcome =
        kind === "uptime"
          ? await ingestUptime(kdb, good as UptimeRecord[], ctx)
          : await ingestShipments(kdb, good as ShipmentRecord[], ctx);
      result.accepted = outcome.accepted;
      result.duplicates += outcome.duplicates;
      for (const r of outcome.rejected) result.rejected.push({ index: goodIndex[r.at]!, reason: r.reason });
    }
    result.rejected.sort((a, b) => a.index - b.index);
    await storeRefusedShipments(kdb, ctx, [...refused.values()]);
    // Orders and shipment events feed the data-quality scan (uptime does not).
    const changed = result.accepted > 0 || (kind === "shipments" && result.rejected.length > 0);
    if (kind !== "uptime" && changed) {
      await markDataQualityStale(kdb, caller.countyCode, "feed");
    }
    await kdb
      .withTables<OperationsTables>()
      .updateTable("ingest_tokens")
      .set({ last_used_at: receivedAt })
      .where("id", "=", caller.tokenId)
      .execute();
    await recordAudit(
      kdb,
      { id: null, name: `ingest:${caller.name}` },
      {
        action: "operations.ingested",
        kind: "feed",
        entity: "ingest_token",
        entityId: caller.tokenId,
        countyCode: caller.countyCode,
        after: {
          kind,
          received,
          accepted: result.accepted,
          duplicates: result.duplicates,
          rejected: result.rejected.length,
        },
      },
    );
  });
  return result;
}
