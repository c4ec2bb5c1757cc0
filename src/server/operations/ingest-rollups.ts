/**
 * The station day and month rollups of one ingest batch (orders, uptime), summed in memory per
 * key while the batch's records are read — one small object per station-day and per
 * station-month, found through maps by station then day (no key strings built per record) —
 * and written once at the end with the same upserts as rollups.repository (additive, so
 * concurrent batches need no lock): on SQLite one prepared statement per key, on PostgreSQL
 * multi-row statements (ingest-statements.ts).
 */
import { type Kysely, sql } from "kysely";
import type { BulkShape } from "./bulk-statement.repository";
import { writeRows } from "./ingest-statements";
import type { OperationsTables } from "./operations.tables";

type Sums = {
  orders: number;
  amountFen: number;
  orderRecords: number;
  minutes: number;
  uptimeRecords: number;
};
type MonthSums = Sums & { firstUptimeDay: string | null };

const DAY_COLUMNS = [
  "county_code",
  "station_code",
  "day",
  "orders",
  "amount_fen",
  "order_records",
  "online_minutes",
  "uptime_records",
] as const;
const MONTH_COLUMNS = [
  "county_code",
  "station_code",
  "month",
  "source",
  "orders",
  "amount_fen",
  "order_records",
  "online_minutes",
  "uptime_records",
  "first_uptime_day",
  "is_demo",
  "updated_at",
] as const;
const SUMS = ["orders", "amount_fen", "order_records", "online_minutes", "uptime_records"] as const;

const addSums = (table: string) => (eb: any) =>
  Object.fromEntries(SUMS.map((c) => [c, eb(sql.ref(`${table}.${c}`), "+", eb.ref(`excluded.${c}`))]));

const upsertDays: BulkShape = {
  name: "ingest:station_days:add",
  columns: DAY_COLUMNS,
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("station_days")
      .values(rows as never)
      .onConflict((oc) =>
        oc.columns(["county_code", "station_code", "day"]).doUpdateSet(addSums("station_days")),
      ),
};

const upsertMonths: BulkShape = {
  name: "ingest:station_months:add",
  columns: MONTH_COLUMNS,
  build: (kdb, rows) =>
    kdb
      .withTables<OperationsTables>()
      .insertInto("station_months")
      .values(rows as never)
      .onConflict((oc) =>
        oc.columns(["county_code", "station_code", "month", "source"]).doUpdateSet((eb: any) => ({
          ...addSums("station_months")(eb),
          // The earliest day with uptime (ISO days sort as text); null means none yet.
          first_uptime_day: sql`case when excluded.first_uptime_day is not null and (station_months.first_uptime_day is null or excluded.first_uptime_day < station_months.first_uptime_day) then excluded.first_uptime_day else station_months.first_uptime_day end`,
          updated_at: sql.ref("excluded.updated_at"),
        })),
      ),
};

const zero = (): MonthSums => ({
  orders: 0,
  amountFen: 0,
  orderRecords: 0,
  minutes: 0,
  uptimeRecords: 0,
  firstUptimeDay: null,
});

export class StationRollups {
  readonly #days = new Map<string, Map<string, Sums>>();
  readonly #months = new Map<string, Map<string, MonthSums>>();
  /** YYYY-MM-DD → YYYY-MM, so a batch slices each distinct day once. */
  readonly #monthOf = new Map<string, string>();

  constructor(
    readonly countyCode: string,
    readonly receivedAt: string,
    readonly isDemo: boolean,
  ) {}

  #sums(station: string, day: string): [Sums, MonthSums] {
    let days = this.#days.get(station);
    if (!days) {
      days = new Map();
      this.#days.set(station, days);
    }
    let d = days.get(day);
    if (!d) {
      d = zero();
      days.set(day, d);
    }
    let month = this.#monthOf.get(day);
    if (month === undefined) {
      month = day.slice(0, 7);
      this.#monthOf.set(day, month);
    }
    let months = this.#months.get(station);
    if (!months) {
      months = new Map();
      this.#months.set(station, months);
    }
    let m = months.get(month);
    if (!m) {
      m = zero();
      months.set(month, m);
    }
    return [d, m];
  }

  /** Online minutes this batch has added to the station's day so far. */
  minutesOn(station: string, day: string): number {
    return this.#days.get(station)?.get(day)?.minutes ?? 0;
  }

  /** One new order record: `orders` counts agency purchases (O2), `amountFen` the amount kinds. */
  addOrder(station: string, day: string, orders: number, amountFen: number): void {
    const [d, m] = this.#sums(station, day);
    d.orders += orders;
    d.amountFen += amountFen;
    d.orderRecords++;
    m.orders += orders;
    m.amountFen += amountFen;
    m.orderRecords++;
  }

  /** One new uptime record (minutes within opening hours). */
  addUptime(station: string, day: string, minutes: number): void {
    const [d, m] = this.#sums(station, day);
    d.minutes += minutes;
    d.uptimeRecords++;
    m.minutes += minutes;
    m.uptimeRecords++;
    if (m.firstUptimeDay === null || day < m.firstUptimeDay) m.firstUptimeDay = day;
  }

  /** Adds the sums into station_days and station_months, in the caller's transaction. */
  async write(kdb: Kysely<any>): Promise<void> {
    const county = this.countyCode;
    const days: [string, string, Sums][] = [];
    for (const [station, byDay] of this.#days) for (const [day, s] of byDay) days.push([station, day, s]);
    const months: [string, string, MonthSums][] = [];
    for (const [station, byMonth] of this.#months)
      for (const [month, s] of byMonth) months.push([station, month, s]);
    const isDemo = this.isDemo ? 1 : 0;
    await writeRows(kdb, upsertDays, days.length, (i, row) => {
      const [station, day, s] = days[i]!;
      row[0] = county;
      row[1] = station;
      row[2] = day;
      row[3] = s.orders;
      row[4] = s.amountFen;
      row[5] = s.orderRecords;
      row[6] = s.minutes;
      row[7] = s.uptimeRecords;
    });
    await writeRows(kdb, upsertMonths, months.length, (i, row) => {
      const [station, month, s] = months[i]!;
      row[0] = county;
      row[1] = station;
      row[2] = month;
      row[3] = "ingest";
      row[4] = s.orders;
      row[5] = s.amountFen;
      row[6] = s.orderRecords;
      row[7] = s.minutes;
      row[8] = s.uptimeRecords;
      row[9] = s.firstUptimeDay;
      row[10] = isDemo;
      row[11] = this.receivedAt;
    });
  }
}
