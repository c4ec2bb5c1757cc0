/**
 * A phone's queue of records made offline, synced through the operations ingest (the same path
 * devices use): each record carries the id the phone gave it, prefixed with the account, so a
 * sync retried after a lost answer counts nothing twice. Before a parcel is filed, the ledger is
 * asked whether its waybill was already signed for (by another station, or by the courier's
 * system): such a record is a conflict, told in plain words, and not counted.
 */
import type { Kysely } from "kysely";
import { DIRECTIONS } from "../../rules/operations";
import type { IngestCaller, IngestKind, OperationsTables } from "../operations";
import { type IngestResult, ingestBatch } from "../operations";
import type { Db } from "../platform/db/database";
import type { Database } from "../platform/db/schema";
import type { StationBinding } from "./station-accounts.repository";

export type AppOrder = { sourceId: string; kind: string; amountFen: number; at: string };
export type AppParcel = {
  sourceId: string;
  waybill: string;
  carrier: string;
  direction: "down" | "up";
  at: string;
  /** 下行: the dispatch date printed on the waybill, used when no courier system reported it. */
  dispatchedOn?: string | null;
  feeFen?: number | null;
  weightGrams?: number | null;
};
export type AppDay = { sourceId: string; day: string; openedAt: string; closedAt: string };
export type AppRecords = { orders: AppOrder[]; parcels: AppParcel[]; days: AppDay[] };

export type SyncOutcome = {
  sourceId: string;
  /** synced: stored now or earlier (a retry); conflict: not counted; rejected: bad record. */
  status: "synced" | "conflict" | "rejected";
  message: string | null;
};

/** The source id stored for a phone's record: unique across the county's feeds. */
export const storedSourceId = (binding: StationBinding, sourceId: string) =>
  `app:${binding.userId}:${sourceId}`;

const callerOf = (binding: StationBinding): IngestCaller => ({
  tokenId: `station-account:${binding.userId}`,
  name: `站点 ${binding.stationNo}（${binding.username}）`,
  countyCode: binding.countyCode,
  kinds: null,
  stationCodes: new Set([binding.stationNo]),
});

const MINUTE = 60_000;

/** Minutes the station was open that day, cut at midnight (a day closed after it counts to 24:00). */
export function openMinutes(day: AppDay): number {
  const opened = Date.parse(day.openedAt);
  const midnight = Date.parse(`${day.day}T00:00:00+08:00`) + 1440 * MINUTE;
  const closed = Math.min(Date.parse(day.closedAt), midnight);
  if (Number.isNaN(opened) || Number.isNaN(closed)) return -1;
  return Math.max(0, Math.floor((closed - Math.max(opened, midnight - 1440 * MINUTE)) / MINUTE));
}

async function ingest(
  db: Db,
  binding: StationBinding,
  kind: IngestKind,
  items: { sourceId: string; record: unknown }[],
  outcomes: SyncOutcome[],
): Promise<void> {
  if (!items.length) return;
  const result: IngestResult = await ingestBatch({
    db,
    caller: callerOf(binding),
    kind,
    records: items.map((i) => i.record),
  });
  const rejected = new Map(result.rejected.map((r) => [r.index, r.reason.zh]));
  items.forEach((item, index) => {
    const reason = rejected.get(index);
    outcomes.push({
      sourceId: item.sourceId,
      status: reason ? "rejected" : "synced",
      message: reason ? `记录有误，未计入：${reason}` : null,
    });
  });
}

type LedgerRow = { waybill: string; station_code: string; delivered_at: string | null };

/** The ledger rows of the waybills, and which of the phone's source ids are already stored. */
async function ledgerOf(kdb: Kysely<Database>, binding: StationBinding, parcels: AppParcel[]) {
  const t = kdb.withTables<OperationsTables>();
  const waybills = [...new Set(parcels.map((p) => p.waybill.trim()))];
  const ids = parcels.map((p) => storedSourceId(binding, p.sourceId));
  const rows: LedgerRow[] = waybills.length
    ? await t
        .selectFrom("shipments")
        .select(["waybill", "station_code", "delivered_at", "dispatched_at"])
        .where("county_code", "=", binding.countyCode)
        .where("waybill", "in", waybills)
        .execute()
    : [];
  const known = ids.length
    ? await t
        .selectFrom("shipment_events")
        .select("source_id")
        .where("county_code", "=", binding.countyCode)
        .where("source_id", "in", ids)
        .execute()
    : [];
  return {
    ledger: new Map(rows.map((r) => [r.waybill, r as LedgerRow & { dispatched_at: string }])),
    known: new Set(known.map((k) => k.source_id)),
  };
}

const clock = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)}`;

/** Why a parcel is not counted, or undefined when it may be filed. */
function conflictOf(binding: StationBinding, p: AppParcel, row: LedgerRow | undefined): string | undefined {
  if (!row) return undefined;
  const what = `${DIRECTIONS[p.direction].zh}运单 ${p.waybill}`;
  if (row.station_code !== binding.stationNo) {
    return row.delivered_at
      ? `${what} 已由站点 ${row.station_code} 于 ${clock(row.delivered_at)} 签收，本次未计入。如有疑问请联系县里核实。`
      : `${what} 已登记在站点 ${row.station_code}，本次未计入。如有疑问请联系县里核实。`;
  }
  if (p.direction === "down" && row.delivered_at) {
    return `${what} 已于 ${clock(row.delivered_at)} 签收（快递公司系统已报），不再重复计入。`;
  }
  return undefined;
}

export async function syncStationRecords(
  db: Db,
  binding: StationBinding,
  records: AppRecords,
): Promise<SyncOutcome[]> {
  const outcomes: SyncOutcome[] = [];
  const id = (sourceId: string) => storedSourceId(binding, sourceId);
  await ingest(
    db,
    binding,
    "orders",
    records.orders.map((o) => ({
      sourceId: o.sourceId,
      record: {
        sourceId: id(o.sourceId),
        stationCode: binding.stationNo,
        kind: o.kind,
        amountFen: o.amountFen,
        platform: "站长App",
        at: o.at,
      },
    })),
    outcomes,
  );

  const { ledger, known } = await ledgerOf(db.db, binding, records.parcels);
  const parcels: { sourceId: string; record: unknown }[] = [];
  for (const p of records.parcels) {
    const row = ledger.get(p.waybill.trim());
    const conflict = known.has(id(p.sourceId)) ? undefined : conflictOf(binding, p, row);
    if (conflict) {
      outcomes.push({ sourceId: p.sourceId, status: "conflict", message: conflict });
      continue;
    }
    // A received parcel: the courier's dispatch time when its system reported one; else the date
    // on the label, read as 00:00 (the earliest it can be, so the 7 days are never flattered).
    const dispatchedAt = p.direction === "up" ? p.at : (row?.dispatched_at ?? p.dispatchedOn ?? "");
    parcels.push({
      sourceId: p.sourceId,
      record: {
        sourceId: id(p.sourceId),
        waybill: p.waybill.trim(),
        stationCode: binding.stationNo,
        carrier: p.carrier,
        direction: p.direction,
        dispatchedAt,
        deliveredAt: p.direction === "down" ? p.at : null,
        feeFen: p.feeFen ?? null,
        weightGrams: p.weightGrams ?? null,
      },
    });
  }
  await ingest(db, binding, "shipments", parcels, outcomes);

  const days: { sourceId: string; record: unknown }[] = [];
  for (const d of records.days) {
    const minutes = openMinutes(d);
    if (minutes < 0 || d.closedAt < d.openedAt) {
      outcomes.push({
        sourceId: d.sourceId,
        status: "rejected",
        message: "营业记录有误：收摊时间早于开门时间",
      });
      continue;
    }
    days.push({
      sourceId: d.sourceId,
      record: {
        sourceId: id(d.sourceId),
        stationCode: binding.stationNo,
        date: d.day,
        onlineMinutes: minutes,
      },
    });
  }
  await ingest(db, binding, "uptime", days, outcomes);
  return outcomes;
}
