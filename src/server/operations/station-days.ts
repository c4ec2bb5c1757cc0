/**
 * Each station's day (orders, amount, online minutes from the rollup; shipments dispatched that
 * day from the ledger): what the daily report (智能日报, R2) is generated from.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { OperationsTables } from "./operations.tables";

export type StationDay = {
  stationCode: string;
  date: string;
  orders: number;
  amountFen: number;
  shipments: number;
  onlineMinutes: number;
};

export async function stationDays(
  db: Kysely<Database>,
  countyCode: string,
  from: string,
  to: string,
): Promise<StationDay[]> {
  const odb = db.withTables<OperationsTables>();
  const [days, shipments] = await Promise.all([
    odb
      .selectFrom("station_days")
      .select(["station_code", "day", "orders", "amount_fen", "online_minutes"])
      .where("county_code", "=", countyCode)
      .where("day", ">=", from)
      .where("day", "<=", to)
      .execute(),
    odb
      .selectFrom("shipments")
      .select(["station_code", "dispatched_day", (eb) => eb.fn.countAll<number>().as("n")])
      .where("county_code", "=", countyCode)
      .where("dispatched_day", ">=", from)
      .where("dispatched_day", "<=", to)
      .groupBy(["station_code", "dispatched_day"])
      .execute(),
  ]);
  const byKey = new Map<string, StationDay>();
  const entry = (station: string, date: string) => {
    const key = `${station}\n${date}`;
    let day = byKey.get(key);
    if (!day) {
      day = { stationCode: station, date, orders: 0, amountFen: 0, shipments: 0, onlineMinutes: 0 };
      byKey.set(key, day);
    }
    return day;
  };
  for (const d of days) {
    const day = entry(d.station_code, d.day);
    day.orders += Number(d.orders);
    day.amountFen += Number(d.amount_fen);
    day.onlineMinutes += Number(d.online_minutes);
  }
  for (const s of shipments) entry(s.station_code, s.dispatched_day).shipments += Number(s.n);
  return [...byKey.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || a.stationCode.localeCompare(b.stationCode),
  );
}
