/**
 * Stores device uptime records (online minutes per day) and adds them to the station's day and
 * month. Rule O1 reading: the minutes stored are those the rate counts — within the station's
 * opening hours (rules/opening-hours: the device's periods clipped to the hours, or a bare total
 * capped at their length). A retried source id changes nothing; a record that would take a
 * station's day past its opening hours is refused (two devices, or a device counting twice).
 * Takes the county's operations lock: the check reads before it writes.
 */
import type { Kysely } from "kysely";
import {
  DEFAULT_OPENING_HOURS,
  formatClock,
  onlineMinutesInHours,
  openMinutesPerDay,
} from "../../rules/opening-hours";
import type { Database } from "../platform/db/schema";
import type { Bilingual } from "../platform/workbook/sheet-handler";
import { type BulkShape, runBulk } from "./bulk-statement.repository";
import type { IngestContext } from "./ingest-orders";
import type { UptimeRecord } from "./ingest-records";
import { StationRollups } from "./ingest-rollups";
import { writeRows } from "./ingest-statements";
import type { IngestUptimeTable, OperationsTables } from "./operations.tables";
import { chunks, lockCountyOperations } from "./rollups.repository";

export type UptimeOutcome = {
  accepted: number;
  duplicates: number;
  rejected: { at: number; reason: Bilingual }[];
};

const insertUptime: BulkShape = {
  name: "ingest_uptime:insert",
  columns: ["county_code", "source_id", "station_code", "day", "online_minutes", "token_id", "received_at"],
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("ingest_uptime")
      .values(rows as IngestUptimeTable[]),
};

/** The source ids among the rows already stored for the county (the one argument). */
const knownUptime: BulkShape = {
  name: "ingest_uptime:known",
  columns: ["source_id"],
  args: 1,
  build: (kdb, rows, [county]) =>
    kdb
      .withTables<OperationsTables>()
      .selectFrom("ingest_uptime")
      .select("source_id")
      .where("county_code", "=", county as string)
      .where(
        "source_id",
        "in",
        rows.map((r) => r.source_id as string),
      ),
};

/** `records[i]` outcomes are reported by position `at` = i. */
export async function ingestUptime(
  kdb: Kysely<Database>,
  records: readonly UptimeRecord[],
  ctx: IngestContext,
): Promise<UptimeOutcome> {
  const trx = kdb.withTables<OperationsTables>();
  await lockCountyOperations(kdb, ctx.countyCode);
  const known = new Set<string>();
  const ids = records.map((r) => [r.sourceId]);
  for (const f of await runBulk<{ source_id: string }>(kdb, knownUptime, ids, [ctx.countyCode])) {
    known.add(f.source_id);
  }
  // Minutes already stored for the station-days this batch touches, by station then day.
  const stations = [...new Set(records.map((r) => r.stationCode))];
  // ISO days sort as text: the first and last bound the station_days read.
  const dayList = [...new Set(records.map((r) => r.day))].sort();
  const stored = new Map<string, Map<string, number>>();
  for (const part of chunks(stations, 1)) {
    if (!dayList.length) break;
    const rows = await trx
      .selectFrom("station_days")
      .select(["station_code", "day", "online_minutes"])
      .where("county_code", "=", ctx.countyCode)
      .where("station_code", "in", part)
      .where("day", ">=", dayList[0]!)
      .where("day", "<=", dayList[dayList.length - 1]!)
      .execute();
    for (const r of rows) {
      let days = stored.get(r.station_code);
      if (!days) {
        days = new Map();
        stored.set(r.station_code, days);
      }
      days.set(r.day, Number(r.online_minutes));
    }
  }

  const outcome: UptimeOutcome = { accepted: 0, duplicates: 0, rejected: [] };
  const rollups = new StationRollups(ctx.countyCode, ctx.receivedAt, ctx.isDemo === true);
  // The new records by position, and the minutes of each that count (within opening hours).
  const fresh: number[] = [];
  const freshMinutes: number[] = [];
  for (let at = 0; at < records.length; at++) {
    const r = records[at]!;
    if (known.has(r.sourceId)) {
      outcome.duplicates++;
      continue;
    }
    const hours = ctx.openingHours?.get(r.stationCode) ?? DEFAULT_OPENING_HOURS;
    const open = openMinutesPerDay(hours);
    const minutes = onlineMinutesInHours(r.onlineMinutes, r.intervals, hours);
    const before = (stored.get(r.stationCode)?.get(r.day) ?? 0) + rollups.minutesOn(r.stationCode, r.day);
    if (before + minutes > open) {
      const span = `${formatClock(hours.opensAtMinute)}–${formatClock(hours.closesAtMinute)}`;
      outcome.rejected.push({
        at,
        reason: {
          zh: `站点 ${r.stationCode} 在 ${r.day} 营业时间（${span}）内的在线时长合计将超过 ${open} 分钟（已有 ${before} 分钟）`,
          en: `Station ${r.stationCode} would be online more than its opening hours (${span}) on ${r.day}`,
        },
      });
      continue;
    }
    known.add(r.sourceId);
    fresh.push(at);
    freshMinutes.push(minutes);
    rollups.addUptime(r.stationCode, r.day, minutes);
  }
  const { countyCode, tokenId, receivedAt } = ctx;
  await writeRows(kdb, insertUptime, fresh.length, (i, row) => {
    const r = records[fresh[i]!]!;
    row[0] = countyCode;
    row[1] = r.sourceId;
    row[2] = r.stationCode;
    row[3] = r.day;
    row[4] = freshMinutes[i];
    row[5] = tokenId;
    row[6] = receivedAt;
  });
  await rollups.write(kdb);
  outcome.accepted = fresh.length;
  return outcome;
}
