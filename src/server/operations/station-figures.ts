/**
 * A station's months as the KPIs see them: the workbook row (人工月报) and the machines' rollup
 * (智能日报) merged per month. Machines win where they said something — orders where they sent
 * order records, the online rate where the data manager reported uptime — because their figures
 * are the harder ones to fake; the workbook fills the rest.
 */
import type { Kysely } from "kysely";
import {
  expectedUptimeDays,
  type OperationsSettings,
  type StationMonthFigures,
  type StationTotals,
  totalStation,
  uptimeRateBp,
} from "../../rules/operations";
import type { Database } from "../platform/db/schema";
import type { OperationsTables, StationMonthTable } from "./operations.tables";

export type StationMonthRow = Pick<
  StationMonthTable,
  | "county_code"
  | "station_code"
  | "month"
  | "source"
  | "orders"
  | "amount_fen"
  | "online_rate_bp"
  | "order_records"
  | "online_minutes"
  | "uptime_records"
  | "first_uptime_day"
>;

/** Every station month of the counties up to `toMonth` (earlier months tell when a device first reported). */
export async function loadStationMonthRows(
  kdb: Kysely<Database>,
  countyCodes: readonly string[],
  toMonth: string,
  stationCode?: string,
): Promise<StationMonthRow[]> {
  if (!countyCodes.length) return [];
  let query = kdb
    .withTables<OperationsTables>()
    .selectFrom("station_months")
    .select([
      "county_code",
      "station_code",
      "month",
      "source",
      "orders",
      "amount_fen",
      "online_rate_bp",
      "order_records",
      "online_minutes",
      "uptime_records",
      "first_uptime_day",
    ])
    .where("county_code", "in", countyCodes)
    .where("month", "<=", toMonth);
  if (stationCode !== undefined) query = query.where("station_code", "=", stationCode);
  const rows = await query.execute();
  return rows.map((r) => ({
    ...r,
    amount_fen: Number(r.amount_fen),
    online_minutes: Number(r.online_minutes),
  }));
}

export type StationMonths = { countyCode: string; stationCode: string; months: StationMonthFigures[] };

/**
 * Merges the rows of each station month (see the module comment), keeping months from `fromMonth`
 * on; `asOf` ends the current month's expected uptime days.
 */
export function mergeStationMonths(
  rows: readonly StationMonthRow[],
  options: {
    fromMonth?: string;
    asOf: string;
    settings?: OperationsSettings;
    /** Rule O1: a station's opening minutes a day (default 08:00–20:00 = 720). */
    openMinutesOf?: (stationCode: string) => number | undefined;
  },
): StationMonths[] {
  const byStation = new Map<string, StationMonthRow[]>();
  for (const r of rows) {
    const key = `${r.county_code}\u0001${r.station_code}`;
    const list = byStation.get(key);
    if (list) list.push(r);
    else byStation.set(key, [r]);
  }
  const result: StationMonths[] = [];
  for (const list of byStation.values()) {
    let firstReport: string | null = null;
    for (const r of list) {
      if (r.source === "ingest" && r.uptime_records > 0 && r.first_uptime_day) {
        if (firstReport === null || r.first_uptime_day < firstReport) firstReport = r.first_uptime_day;
      }
    }
    const byMonth = new Map<string, { workbook?: StationMonthRow; ingest?: StationMonthRow }>();
    for (const r of list) {
      if (options.fromMonth && r.month < options.fromMonth) continue;
      const at = byMonth.get(r.month) ?? {};
      if (r.source === "ingest") at.ingest = r;
      else at.workbook = r;
      byMonth.set(r.month, at);
    }
    const months: StationMonthFigures[] = [];
    for (const [month, { workbook, ingest }] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
      const machineOrders = ingest && ingest.order_records > 0 ? ingest : undefined;
      const orderSource = machineOrders ?? workbook;
      let onlineRateBp: number | null = workbook?.online_rate_bp ?? null;
      if (ingest && ingest.uptime_records > 0 && firstReport) {
        const days = expectedUptimeDays(month, firstReport, options.asOf);
        const perDay = options.openMinutesOf?.(ingest.station_code);
        onlineRateBp = uptimeRateBp(ingest.online_minutes, days, perDay);
      }
      months.push({
        month,
        orders: orderSource?.orders ?? 0,
        amountFen: orderSource?.amount_fen ?? 0,
        onlineRateBp,
      });
    }
    if (months.length)
      result.push({ countyCode: list[0]!.county_code, stationCode: list[0]!.station_code, months });
  }
  return result.sort(
    (a, b) => a.countyCode.localeCompare(b.countyCode) || a.stationCode.localeCompare(b.stationCode),
  );
}

export const stationTotals = (s: StationMonths): StationTotals => totalStation(s.stationCode, s.months);
