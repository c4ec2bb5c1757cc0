/**
 * Saves station months as the county reports them (站点月报, 人工月报): a row for a 站点编号 and
 * 月份 replaces the one stored, so re-importing a sheet never double counts. Machine figures for
 * the same month live in their own row (source = ingest) and are never touched here.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import { markDataQualityStale } from "./data-quality.repository";
import type { OperationsTables, StationMonthTable } from "./operations.tables";
import { chunks } from "./rollups.repository";

export type StationMonthInput = {
  stationCode: string;
  /** YYYY-MM */
  month: string;
  /** 代购单数 */
  orders: number;
  /** 交易额 in fen */
  amountFen: number;
  /** 上线率 in bp */
  onlineRateBp: number;
};

/** Upserts the months that differ from what is stored; returns how many changed. */
export async function saveStationMonths(
  kdb: Kysely<Database>,
  countyCode: string,
  months: readonly StationMonthInput[],
  options: { isDemo?: boolean } = {},
): Promise<number> {
  const trx = kdb.withTables<OperationsTables>();
  // A county holds stations × months rows (hundreds × dozens): reading them all is cheap.
  const stored = new Map(
    (
      await trx
        .selectFrom("station_months")
        .select(["station_code", "month", "orders", "amount_fen", "online_rate_bp", "is_demo"])
        .where("county_code", "=", countyCode)
        .where("source", "=", "workbook")
        .execute()
    ).map((r) => [`${r.station_code}\u0001${r.month}`, r]),
  );
  const isDemo = options.isDemo ? 1 : 0;
  const now = chinaTimestamp();
  const rows: StationMonthTable[] = [];
  for (const m of months) {
    const before = stored.get(`${m.stationCode}\u0001${m.month}`);
    if (
      before &&
      before.orders === m.orders &&
      Number(before.amount_fen) === m.amountFen &&
      before.online_rate_bp === m.onlineRateBp &&
      before.is_demo === isDemo
    ) {
      continue;
    }
    rows.push({
      county_code: countyCode,
      station_code: m.stationCode,
      month: m.month,
      source: "workbook",
      orders: m.orders,
      amount_fen: m.amountFen,
      online_rate_bp: m.onlineRateBp,
      order_records: 0,
      online_minutes: 0,
      uptime_records: 0,
      first_uptime_day: null,
      is_demo: isDemo,
      updated_at: now,
    });
  }
  for (const part of chunks(rows, 13)) {
    await trx
      .insertInto("station_months")
      .values(part)
      .onConflict((oc) =>
        oc.columns(["county_code", "station_code", "month", "source"]).doUpdateSet((eb) => ({
          orders: eb.ref("excluded.orders"),
          amount_fen: eb.ref("excluded.amount_fen"),
          online_rate_bp: eb.ref("excluded.online_rate_bp"),
          is_demo: eb.ref("excluded.is_demo"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
  // A replaced month may make or unmake a jump in the station's orders (data-quality scan).
  if (rows.length) await markDataQualityStale(kdb, countyCode);
  return rows.length;
}
