/**
 * One station's months (rollups only): the figures the KPIs use, what the workbook and the
 * machines each said, and its downward deliveries — so a county can see why a station fails.
 */
import { DEFAULT_OPERATIONS_SETTINGS, type OperationsSettings } from "../../rules/operations";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { loadShipmentTallies } from "./shipment-figures.repository";
import { loadStationMonthRows, mergeStationMonths, type StationMonthRow } from "./station-figures";

const sourceFigures = (r: StationMonthRow | undefined) =>
  r
    ? {
        orders: r.orders,
        amountFen: r.amount_fen,
        onlineRateBp: r.online_rate_bp,
        onlineMinutes: r.online_minutes,
        orderRecords: r.order_records,
      }
    : null;

export async function stationOperations(options: {
  db: Db;
  countyCode: string;
  stationCode: string;
  toMonth: string;
  asOf: string;
  settings?: OperationsSettings;
}) {
  const { db, countyCode, stationCode, toMonth, asOf } = options;
  const settings = options.settings ?? DEFAULT_OPERATIONS_SETTINGS;
  const rows = await loadStationMonthRows(db.db, [countyCode], toMonth, stationCode);
  const [merged] = mergeStationMonths(rows, { asOf, settings });
  const tallies = await loadShipmentTallies(db.db, {
    countyCodes: [countyCode],
    toMonth,
    stationCodes: [stationCode],
    by: "month",
  });
  if (!merged && tallies.size === 0)
    throw notFound({ zh: "该站点的运营数据", en: "Operations data of this station" });
  const months = new Set([
    ...(merged?.months ?? []).map((m) => m.month),
    ...[...tallies.keys()].map((k) => k.split("\u0001")[1]!),
  ]);
  const figures = new Map((merged?.months ?? []).map((m) => [m.month, m]));
  return {
    countyCode,
    stationCode,
    months: [...months].sort().map((month) => {
      const f = figures.get(month);
      const tally = tallies.get(`${countyCode}\u0001${month}`);
      return {
        month,
        orders: f?.orders ?? 0,
        amountFen: f?.amountFen ?? 0,
        onlineRateBp: f?.onlineRateBp ?? null,
        workbook: sourceFigures(rows.find((r) => r.month === month && r.source === "workbook")),
        machine: sourceFigures(rows.find((r) => r.month === month && r.source === "ingest")),
        downShipments: tally?.downShipments ?? 0,
        withinDaysBp: tally?.withinDaysBp(settings) ?? 0,
      };
    }),
  };
}
