/**
 * Storage of the data-quality flags (E5 evidence): the per-county data version that writes bump
 * in their own transaction (so a crash never leaves data the scan has not been told about), the
 * scan's inputs, the flags themselves and the rows behind each flag.
 */
import { type Kysely, sql } from "kysely";
import type { Bilingual } from "../../rules/money";
import { type Direction, ORDER_KINDS, type OrderKind } from "../../rules/operations";
import {
  DATA_QUALITY_KINDS,
  type DataQualityKind,
  type QualityDelivery,
  type QualityOrder,
  type QualityWaybillRecord,
} from "../../rules/operations-quality";
import type { Database } from "../platform/db/schema";
import { yieldToEventLoop } from "../platform/yield-to-event-loop";
import type { DataQualityFlagTable, OperationsTables } from "./operations.tables";
import { chunks } from "./rollups.repository";

/** Rows kept per flag; `ref_count` says how many there are in all. */
export const MAX_FLAG_REFS = 500;

const ops = (kdb: Kysely<Database>) => kdb.withTables<OperationsTables>();

/**
 * Tells the scan that the county's data changed; call inside the writing transaction. A person's
 * write (a workbook) also clears `scanned_at`, so the next read scans at once instead of waiting
 * for the feed rescan interval (see refreshDataQualityFlags).
 */
export async function markDataQualityStale(
  kdb: Kysely<Database>,
  countyCode: string,
  by: "person" | "feed" = "person",
): Promise<void> {
  await ops(kdb)
    .insertInto("data_quality_scans")
    .values({ county_code: countyCode, data_version: 1, scanned_version: 0, scanned_at: null })
    .onConflict((oc) =>
      oc.column("county_code").doUpdateSet({
        data_version: sql`data_quality_scans.data_version + 1`,
        ...(by === "person" ? { scanned_at: null } : {}),
      }),
    )
    .execute();
}

/** The county's data version and the version last scanned (undefined: never written nor scanned). */
export async function loadScanState(kdb: Kysely<Database>, countyCode: string) {
  return ops(kdb)
    .selectFrom("data_quality_scans")
    .select(["data_version", "scanned_version", "scanned_at"])
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
}

/** Records that the scan saw `version`; a newer write in the meantime keeps the county stale. */
export async function markScanned(
  kdb: Kysely<Database>,
  countyCode: string,
  version: number,
  at: string,
): Promise<void> {
  await ops(kdb)
    .insertInto("data_quality_scans")
    .values({ county_code: countyCode, data_version: version, scanned_version: version, scanned_at: at })
    .onConflict((oc) =>
      oc.column("county_code").doUpdateSet({
        scanned_version: sql`case when data_quality_scans.scanned_version > ${version} then data_quality_scans.scanned_version else ${version} end`,
        // A person's write after the data this scan read keeps "scan at the next read".
        scanned_at: sql`case when data_quality_scans.scanned_at is null and data_quality_scans.data_version > ${version} then null else ${at} end`,
      }),
    )
    .execute();
}

/** A shipment refused at the door for being signed before its dispatch. */
export type RefusedShipment = {
  sourceId: string;
  waybill: string;
  stationCode: string;
  carrier: string;
  direction: Direction;
  dispatchedAt: string;
  deliveredAt: string;
  reason: string;
};

/**
 * Keeps refused deliveries-before-dispatch as evidence (the sender was told, and the ledger never
 * saw them); a retried record is stored once. Call inside the ingest transaction.
 */
export async function storeRefusedShipments(
  kdb: Kysely<Database>,
  ctx: { countyCode: string; tokenId: string | null; receivedAt: string },
  refused: readonly RefusedShipment[],
): Promise<void> {
  for (const part of chunks(refused, 11)) {
    await ops(kdb)
      .insertInto("refused_shipment_events")
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
          reason: r.reason,
          token_id: ctx.tokenId,
          received_at: ctx.receivedAt,
        })),
      )
      .onConflict((oc) => oc.columns(["county_code", "source_id"]).doNothing())
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// The scan's inputs

/** Rows read per query by loadQualityOrders: a slice the event loop answers requests between. */
const QUALITY_ORDERS_PAGE = 5_000;

export async function loadQualityOrders(kdb: Kysely<Database>, countyCode: string): Promise<QualityOrder[]> {
  const orders: QualityOrder[] = [];
  let after = "";
  for (;;) {
    const rows = await ops(kdb)
      .selectFrom("ingest_orders")
      .select(["source_id", "station_code", "kind", "amount_fen", "ordered_at"])
      .where("county_code", "=", countyCode)
      .where("source_id", ">", after)
      .orderBy("source_id")
      .limit(QUALITY_ORDERS_PAGE)
      .execute();
    for (const r of rows) {
      orders.push({
        sourceId: r.source_id,
        stationCode: r.station_code,
        kind: r.kind,
        amountFen: Number(r.amount_fen),
        at: r.ordered_at,
      });
    }
    if (rows.length < QUALITY_ORDERS_PAGE) return orders;
    after = rows[rows.length - 1]!.source_id;
    await yieldToEventLoop();
  }
}

/** Machine records of waybills that arrived more than once (only those can conflict). */
export async function loadRepeatedWaybillRecords(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<QualityWaybillRecord[]> {
  const t = ops(kdb);
  const rows = await t
    .selectFrom("shipment_events")
    .select(["source_id", "waybill", "station_code", "carrier", "direction", "dispatched_at"])
    .where("county_code", "=", countyCode)
    .where(
      "waybill",
      "in",
      t
        .selectFrom("shipment_events")
        .select("waybill")
        .where("county_code", "=", countyCode)
        .groupBy("waybill")
        .having((eb) => eb.fn.countAll(), ">", 1),
    )
    .execute();
  return rows.map((r) => ({
    ref: r.source_id,
    waybill: r.waybill,
    stationCode: r.station_code,
    carrier: r.carrier,
    direction: r.direction,
    dispatchedAt: r.dispatched_at,
  }));
}

export async function loadRefusedDeliveries(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<QualityDelivery[]> {
  const rows = await ops(kdb)
    .selectFrom("refused_shipment_events")
    .select(["source_id", "waybill", "station_code", "dispatched_at", "delivered_at"])
    .where("county_code", "=", countyCode)
    .execute();
  return rows.map((r) => ({
    ref: r.source_id,
    waybill: r.waybill,
    stationCode: r.station_code,
    dispatchedAt: r.dispatched_at,
    deliveredAt: r.delivered_at,
  }));
}

// ---------------------------------------------------------------------------------------------
// Flags

export type DataQualityFlag = {
  id: string;
  countyCode: string;
  kind: DataQualityKind;
  kindName: Bilingual;
  subject: string;
  stationCode: string | null;
  period: string;
  status: "open" | "resolved";
  summary: Bilingual;
  measures: Record<string, number | string>;
  refCount: number;
  detectedAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolution: string | null;
};

export const flagOf = (r: DataQualityFlagTable): DataQualityFlag => ({
  id: r.id,
  countyCode: r.county_code,
  kind: r.kind,
  kindName: DATA_QUALITY_KINDS[r.kind],
  subject: r.subject,
  stationCode: r.station_code,
  period: r.period,
  status: r.status,
  summary: { zh: r.summary_zh, en: r.summary_en },
  measures: JSON.parse(r.measures_json) as Record<string, number | string>,
  refCount: r.ref_count,
  detectedAt: r.detected_at,
  updatedAt: r.updated_at,
  resolvedAt: r.resolved_at,
  resolvedByName: r.resolved_by_name,
  resolution: r.resolution,
});

export async function loadFlagRows(kdb: Kysely<Database>, countyCode: string) {
  return ops(kdb)
    .selectFrom("data_quality_flags")
    .selectAll()
    .where("county_code", "=", countyCode)
    .execute();
}

export type FlagFilter = {
  countyCodes: readonly string[];
  status?: "open" | "resolved";
  kind?: DataQualityKind;
};

/** Flags of the counties, newest period first. */
export async function listFlags(kdb: Kysely<Database>, filter: FlagFilter): Promise<DataQualityFlag[]> {
  if (!filter.countyCodes.length) return [];
  let query = ops(kdb)
    .selectFrom("data_quality_flags")
    .selectAll()
    .where("county_code", "in", filter.countyCodes);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.kind) query = query.where("kind", "=", filter.kind);
  const rows = await query.orderBy("county_code").orderBy("period", "desc").orderBy("subject").execute();
  return rows.map(flagOf);
}

export async function findFlag(kdb: Kysely<Database>, countyCode: string, id: string) {
  return ops(kdb)
    .selectFrom("data_quality_flags")
    .selectAll()
    .where("county_code", "=", countyCode)
    .where("id", "=", id)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// The rows behind a flag

/** A column of the rows behind a flag; keys ending in `Fen` hold integer fen (shown as yuan). */
export type EvidenceColumn = { key: string; title: Bilingual };
export type Evidence = {
  columns: EvidenceColumn[];
  rows: Record<string, string | number | null>[];
  /** Rows behind the flag in all (only the first MAX_FLAG_REFS are kept and shown). */
  total: number;
};

const col = (key: string, zh: string, en: string): EvidenceColumn => ({ key, title: { zh, en } });
const kindName = (k: string) => ORDER_KINDS[k as OrderKind]?.zh ?? k;
const directionName = (d: string) => (d === "up" ? "上行" : d === "down" ? "下行" : d);

async function inChunks<T>(refs: readonly string[], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(refs, 30)) out.push(...(await read(part)));
  return out;
}

/** The stored rows a flag stands on, read from the tables they live in (county-scoped). */
export async function flagEvidence(kdb: Kysely<Database>, flag: DataQualityFlagTable): Promise<Evidence> {
  const t = ops(kdb);
  const county = flag.county_code;
  const refs = JSON.parse(flag.refs_json) as string[];
  const total = flag.ref_count;
  switch (flag.kind) {
    case "off_hours_orders":
    case "identical_amounts": {
      const rows = await inChunks(refs, (part) =>
        t
          .selectFrom("ingest_orders")
          .select([
            "source_id",
            "station_code",
            "kind",
            "amount_fen",
            "platform",
            "ordered_at",
            "received_at",
          ])
          .where("county_code", "=", county)
          .where("source_id", "in", part)
          .execute(),
      );
      rows.sort((a, b) => a.ordered_at.localeCompare(b.ordered_at) || a.source_id.localeCompare(b.source_id));
      return {
        total,
        columns: [
          col("sourceId", "来源编号", "Source id"),
          col("stationCode", "站点编号", "Station"),
          col("kind", "业务类型", "Kind"),
          col("amountFen", "金额", "Amount"),
          col("platform", "平台", "Platform"),
          col("orderedAt", "下单时间", "Ordered at"),
          col("receivedAt", "接收时间", "Received at"),
        ],
        rows: rows.map((r) => ({
          sourceId: r.source_id,
          stationCode: r.station_code,
          kind: kindName(r.kind),
          amountFen: Number(r.amount_fen),
          platform: r.platform,
          orderedAt: r.ordered_at,
          receivedAt: r.received_at,
        })),
      };
    }
    case "monthly_jump": {
      const rows = refs.length
        ? await t
            .selectFrom("station_months")
            .select(["month", "source", "orders", "amount_fen", "order_records", "online_rate_bp"])
            .where("county_code", "=", county)
            .where("station_code", "=", flag.station_code ?? "")
            .where("month", "in", refs)
            .orderBy("month")
            .orderBy("source")
            .execute()
        : [];
      return {
        total: rows.length,
        columns: [
          col("month", "月份", "Month"),
          col("source", "来源", "Source"),
          col("orders", "代购单数", "Orders"),
          col("amountFen", "交易额", "Amount"),
          col("orderRecords", "机器订单记录数", "Machine order records"),
        ],
        rows: rows.map((r) => ({
          month: r.month,
          source: r.source === "ingest" ? "机器数据" : "人工月报",
          orders: r.orders,
          amountFen: Number(r.amount_fen),
          orderRecords: r.source === "ingest" ? r.order_records : null,
        })),
      };
    }
    case "duplicate_waybill": {
      const rows = await t
        .selectFrom("shipment_events")
        .select([
          "source_id",
          "waybill",
          "station_code",
          "carrier",
          "direction",
          "dispatched_at",
          "delivered_at",
          "received_at",
        ])
        .where("county_code", "=", county)
        .where("waybill", "=", flag.subject)
        .orderBy("dispatched_at")
        .orderBy("source_id")
        .execute();
      return {
        total: rows.length,
        columns: [
          col("sourceId", "来源编号", "Source id"),
          col("waybill", "运单号", "Waybill"),
          col("stationCode", "站点编号", "Station"),
          col("carrier", "快递企业", "Carrier"),
          col("direction", "方向", "Direction"),
          col("dispatchedAt", "发出时间", "Dispatched at"),
          col("deliveredAt", "签收时间", "Delivered at"),
          col("receivedAt", "接收时间", "Received at"),
        ],
        rows: rows.map((r) => ({
          sourceId: r.source_id,
          waybill: r.waybill,
          stationCode: r.station_code,
          carrier: r.carrier,
          direction: directionName(r.direction),
          dispatchedAt: r.dispatched_at,
          deliveredAt: r.delivered_at,
          receivedAt: r.received_at,
        })),
      };
    }
    case "delivered_before_dispatch": {
      const rows = await inChunks(refs, (part) =>
        t
          .selectFrom("refused_shipment_events")
          .selectAll()
          .where("county_code", "=", county)
          .where("source_id", "in", part)
          .execute(),
      );
      rows.sort(
        (a, b) => a.dispatched_at.localeCompare(b.dispatched_at) || a.source_id.localeCompare(b.source_id),
      );
      return {
        total,
        columns: [
          col("sourceId", "来源编号", "Source id"),
          col("waybill", "运单号", "Waybill"),
          col("stationCode", "站点编号", "Station"),
          col("carrier", "快递企业", "Carrier"),
          col("direction", "方向", "Direction"),
          col("dispatchedAt", "发出时间", "Dispatched at"),
          col("deliveredAt", "签收时间", "Delivered at"),
          col("reason", "拒收原因", "Reason refused"),
        ],
        rows: rows.map((r) => ({
          sourceId: r.source_id,
          waybill: r.waybill,
          stationCode: r.station_code,
          carrier: r.carrier,
          direction: directionName(r.direction),
          dispatchedAt: r.dispatched_at,
          deliveredAt: r.delivered_at,
          reason: r.reason,
        })),
      };
    }
  }
}
