/**
 * Brings a county's data-quality flags (E5 evidence) up to date: when writes have bumped the
 * county's data version since the last scan, runs every detector of rules/operations-quality.ts
 * over the stored rows and syncs the flags — new problems open a flag, known ones keep theirs
 * (a resolved flag stays resolved, its figures updated), and open flags whose problem is gone
 * (a corrected 站点月报) are closed with the scan as the reason. Called before flags are read
 * (lists, the scorecard's facts), so they are never older than the data; a write only bumps a
 * counter in its own transaction, which keeps the ingest hot path free of the scan.
 */
import { randomUUID } from "node:crypto";
import {
  type DataQualityFinding,
  type DataQualitySettings,
  DEFAULT_DATA_QUALITY_SETTINGS,
  findDeliveriesBeforeDispatch,
  findDuplicateWaybills,
  findIdenticalAmountRuns,
  findMonthlyJumps,
  findOffHoursOrders,
  type QualityOrder,
} from "../../rules/operations-quality";
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { lockForTransaction } from "../platform/db/dialect";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { yieldToEventLoop } from "../platform/yield-to-event-loop";
import {
  loadFlagRows,
  loadQualityOrders,
  loadRefusedDeliveries,
  loadRepeatedWaybillRecords,
  loadScanState,
  MAX_FLAG_REFS,
  markScanned,
} from "./data-quality.repository";
import type { DataQualityFlagTable, OperationsTables } from "./operations.tables";
import { chunks } from "./rollups.repository";
import { loadStationMonthRows, mergeStationMonths } from "./station-figures";

export type RefreshDataQualityOptions = {
  db: Db;
  countyCode: string;
  settings?: DataQualitySettings;
  /** Scan even when nothing was written since the last scan (e.g. after the settings changed). */
  force?: boolean;
};

/** How far the flags may trail device ingest when the scorecard reads them (E5 evidence). */
export const FEED_RESCAN_INTERVAL_MS = 60_000;

// One scan at a time per county and database: readers arriving meanwhile share it.
const inFlight = new WeakMap<Db, Map<string, Promise<void>>>();
const running = new Set<Promise<void>>();

function scanOnce(db: Db, countyCode: string): Promise<void> {
  let scans = inFlight.get(db);
  if (!scans) {
    scans = new Map();
    inFlight.set(db, scans);
  }
  const current = scans.get(countyCode);
  if (current) return current;
  const scan = refreshDataQualityFlags({ db, countyCode })
    .then(() => undefined)
    .finally(() => {
      scans.delete(countyCode);
      running.delete(scan);
    });
  scans.set(countyCode, scan);
  running.add(scan);
  return scan;
}

/**
 * Brings the flags up to date for a reader (the scorecard's E5 evidence). A person's write not
 * yet scanned (a workbook; see markDataQualityStale), or a county never scanned, is scanned now.
 * When only machine feeds changed, the reader gets the stored flags and a scan starts in the
 * background, at most once per `intervalMs`: a scan reads the county's whole order ledger, which
 * no page should wait for at every ingest batch.
 */
export async function refreshFlagsForReaders(
  db: Db,
  countyCode: string,
  intervalMs = FEED_RESCAN_INTERVAL_MS,
): Promise<void> {
  // A second pass covers a person's write that landed while a shared scan of older data ran.
  for (let pass = 0; pass < 2; pass++) {
    const state = await loadScanState(db.db, countyCode);
    if (state && state.data_version === state.scanned_version) return;
    if (!state?.scanned_at) {
      await scanOnce(db, countyCode);
      continue;
    }
    if (Date.now() - new Date(state.scanned_at).getTime() < intervalMs) return;
    scanOnce(db, countyCode).catch((error: unknown) =>
      console.error(`data-quality scan of ${countyCode} failed`, error),
    );
    return;
  }
}

/** Settles the scans started by refreshFlagsForReaders (shutdown, tests). */
export async function settleBackgroundScans(): Promise<void> {
  await Promise.allSettled([...running]);
}

export type RefreshOutcome = {
  scanned: boolean;
  opened: number;
  updated: number;
  closed: number;
  /** A scan of newer data was stored first; this one's findings were dropped. */
  superseded?: boolean;
};

// Advisory lock keys of the flag writes, one per county (PostgreSQL; SQLite writes one at a time).
const DATA_QUALITY_LOCK = 7_600_000_000;

const SLICE_ORDERS = 5_000;

/** The orders in slices of whole stations, about SLICE_ORDERS each. */
export function* stationSlices(orders: readonly QualityOrder[]): Generator<QualityOrder[]> {
  const byStation = new Map<string, QualityOrder[]>();
  for (const o of orders) {
    const list = byStation.get(o.stationCode);
    if (list) list.push(o);
    else byStation.set(o.stationCode, [o]);
  }
  let slice: QualityOrder[] = [];
  for (const list of byStation.values()) {
    // One by one: spreading a station of 100k+ orders into push() would overflow the stack.
    for (const o of list) slice.push(o);
    if (slice.length >= SLICE_ORDERS) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length) yield slice;
}

/** Every detector over the county's stored rows. */
export async function scanCounty(
  db: Db,
  countyCode: string,
  settings: DataQualitySettings,
): Promise<DataQualityFinding[]> {
  const findings: DataQualityFinding[] = [];
  // Both order detectors look at one station at a time: run them over slices of whole stations,
  // letting requests in between (a county's ledger holds a year of device orders).
  for (const slice of stationSlices(await loadQualityOrders(db.db, countyCode))) {
    findings.push(...findOffHoursOrders(slice, settings), ...findIdenticalAmountRuns(slice, settings));
    await yieldToEventLoop();
  }
  const months = mergeStationMonths(await loadStationMonthRows(db.db, [countyCode], "9999-12"), {
    asOf: chinaDate(),
  }).flatMap((s) => s.months.map((m) => ({ stationCode: s.stationCode, month: m.month, orders: m.orders })));
  return [
    ...findings,
    ...findMonthlyJumps(months, settings),
    ...findDuplicateWaybills(await loadRepeatedWaybillRecords(db.db, countyCode), settings),
    ...findDeliveriesBeforeDispatch(await loadRefusedDeliveries(db.db, countyCode), settings),
  ];
}

const keyOf = (kind: string, subject: string) => `${kind}\u0001${subject}`;

export async function refreshDataQualityFlags(options: RefreshDataQualityOptions): Promise<RefreshOutcome> {
  const { db, countyCode } = options;
  const settings = options.settings ?? DEFAULT_DATA_QUALITY_SETTINGS;
  const state = await loadScanState(db.db, countyCode);
  const outcome: RefreshOutcome = { scanned: false, opened: 0, updated: 0, closed: 0 };
  if (!options.force && state && state.data_version === state.scanned_version) return outcome;
  // The version seen before reading: a write during the scan leaves the county stale for the next one.
  const version = state?.data_version ?? 0;
  const findings = await scanCounty(db, countyCode, settings);
  outcome.scanned = true;

  await db.db.transaction().execute(async (kdb) => {
    // Scans of one county store one at a time, and a scan of older data than one already stored
    // stores nothing: it would close the newer scan's flags as "gone" and nothing would reopen them.
    await lockForTransaction(kdb, DATA_QUALITY_LOCK + Number(countyCode));
    const latest = await loadScanState(kdb, countyCode);
    if (latest && latest.scanned_version > version) {
      outcome.scanned = false;
      outcome.superseded = true;
      return;
    }
    const trx = kdb.withTables<OperationsTables>();
    const now = chinaTimestamp();
    const stored = new Map((await loadFlagRows(kdb, countyCode)).map((f) => [keyOf(f.kind, f.subject), f]));
    const inserts: DataQualityFlagTable[] = [];
    const found = new Set<string>();
    for (const f of findings) {
      const key = keyOf(f.kind, f.subject);
      if (found.has(key)) continue;
      found.add(key);
      const fields = {
        station_code: f.stationCode,
        period: f.period,
        summary_zh: f.summary.zh,
        summary_en: f.summary.en,
        measures_json: JSON.stringify(f.measures),
        refs_json: JSON.stringify(f.refs.slice(0, MAX_FLAG_REFS)),
        ref_count: f.refs.length,
      };
      const before = stored.get(key);
      if (!before) {
        inserts.push({
          id: randomUUID(),
          county_code: countyCode,
          kind: f.kind,
          subject: f.subject,
          status: "open",
          ...fields,
          detected_at: now,
          updated_at: now,
          resolved_at: null,
          resolved_by: null,
          resolved_by_name: null,
          resolution: null,
        });
        continue;
      }
      const changed = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => before[k] !== fields[k]);
      if (!changed) continue;
      await trx
        .updateTable("data_quality_flags")
        .set({ ...fields, updated_at: now })
        .where("id", "=", before.id)
        .execute();
      outcome.updated++;
    }
    for (const part of chunks(inserts, 19)) {
      // Two scans may race on PostgreSQL: the first one's flag wins, the same problem is not stored twice.
      await trx
        .insertInto("data_quality_flags")
        .values(part)
        .onConflict((oc) => oc.columns(["county_code", "kind", "subject"]).doNothing())
        .execute();
    }
    outcome.opened = inserts.length;
    const gone = [...stored.values()].filter(
      (f) => f.status === "open" && !found.has(keyOf(f.kind, f.subject)),
    );
    for (const part of chunks(gone, 1)) {
      await trx
        .updateTable("data_quality_flags")
        .set({
          status: "resolved",
          resolved_at: now,
          resolved_by: null,
          resolved_by_name: "系统复核",
          resolution: "重新检测未再发现该问题（数据已更正或撤回）",
          updated_at: now,
        })
        .where(
          "id",
          "in",
          part.map((f) => f.id),
        )
        .execute();
    }
    outcome.closed = gone.length;
    await markScanned(kdb, countyCode, version, now);
    if (outcome.opened || outcome.updated || outcome.closed) {
      // One entry per scan: the flags it opened and closed are named by subject.
      await recordAudit(
        kdb,
        { id: null, name: "system:data-quality" },
        {
          action: "operations.data_quality_scanned",
          // Derived from the machine feeds: read only by read models that read those.
          kind: "feed",
          entity: "data_quality_flags",
          countyCode,
          after: {
            opened: inserts.map((f) => `${f.kind}:${f.subject}`),
            updated: outcome.updated,
            closed: gone.map((f) => `${f.kind}:${f.subject}`),
          },
        },
      );
    }
  });
  return outcome;
}
