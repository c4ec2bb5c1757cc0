/**
 * DuckDB as the operations bench's reference for reads (issue 19.4): the same raw rows the bench
 * sends through our paths, appended into an in-memory DuckDB (typed columns: timestamps, dates,
 * integers), and the county KPI page's and the province roll-up's figures computed from them
 * with DuckDB's aggregates. The month-by-station figures then go through the same pure rules as
 * ours (mergeStationMonths, summarizeStations, judgeStation), so the two paths differ only in
 * where the sums come from: our rollup tables, or DuckDB over every raw row.
 *
 * DuckDB's sqlite extension is not bundled with @duckdb/node-api and would be downloaded on
 * first use; this machine may be offline, so the rows are loaded with the appender and extension
 * auto-loading is switched off.
 */
import { isDeepStrictEqual } from "node:util";
import { type DuckDBConnection, DuckDBInstance, dateValue, timestampValue } from "@duckdb/node-api";
import {
  DEFAULT_OPERATIONS_SETTINGS,
  judgeStation,
  type OperationsSettings,
  summarizeStations,
  withinDaysBp,
} from "../src/rules/operations";
import type { CountyOperationsReport } from "../src/server/operations/county-operations-report";
import type { ProvinceOperationsReport } from "../src/server/operations/province-operations-report";
import {
  mergeStationMonths,
  type StationMonthRow,
  type StationMonths,
  stationTotals,
} from "../src/server/operations/station-figures";
import { DAY_MS, orderWallMs, type ProvinceRows, YEAR_START_MS } from "./operations-rows";

// ---------------------------------------------------------------------------------------------
// The figures both paths produce, in one comparable shape

type Delivery = { downShipments: number; withinDaysBp: number };
type Summary = {
  stations: number;
  onlineRateBp: number;
  avgOrdersPerStationMonth: number;
  avgAmountFenPerStationMonth: number;
  stationsMeetingBoth: number;
} & Delivery;

export type CountyFigures = {
  summary: Summary & { carriers: string[] };
  failing: { onlineRate: string[]; ordersAndAmount: string[]; delivery: string[] };
  trend: ({ month: string } & Omit<Summary, "stationsMeetingBoth">)[];
};

export type ProvinceFigures = {
  province: Summary;
  counties: (Summary & {
    countyCode: string;
    carriers: string[];
    failingStations: { onlineRate: number; ordersAndAmount: number; delivery: number };
  })[];
};

const pickSummary = (s: Summary): Summary => ({
  stations: s.stations,
  onlineRateBp: s.onlineRateBp,
  avgOrdersPerStationMonth: s.avgOrdersPerStationMonth,
  avgAmountFenPerStationMonth: s.avgAmountFenPerStationMonth,
  stationsMeetingBoth: s.stationsMeetingBoth,
  downShipments: s.downShipments,
  withinDaysBp: s.withinDaysBp,
});

/** The county page's figures that DuckDB computes too. */
export function ourCountyFigures(page: CountyOperationsReport): CountyFigures {
  return {
    summary: { ...pickSummary(page.summary), carriers: [...page.summary.carriers].sort() },
    failing: {
      onlineRate: [...page.failing.onlineRate].sort(),
      ordersAndAmount: [...page.failing.ordersAndAmount].sort(),
      delivery: [...page.failing.delivery].sort(),
    },
    trend: page.trend.map((t) => ({
      month: t.month,
      stations: t.stations,
      onlineRateBp: t.onlineRateBp,
      avgOrdersPerStationMonth: t.avgOrdersPerStationMonth,
      avgAmountFenPerStationMonth: t.avgAmountFenPerStationMonth,
      downShipments: t.downShipments,
      withinDaysBp: t.withinDaysBp,
    })),
  };
}

/** The province roll-up's figures that DuckDB computes too. */
export function ourProvinceFigures(report: ProvinceOperationsReport): ProvinceFigures {
  return {
    province: pickSummary(report.province),
    counties: report.counties
      .map((c) => ({
        countyCode: c.countyCode,
        ...pickSummary(c),
        carriers: [...c.carriers].sort(),
        failingStations: c.failingStations,
      }))
      .sort((a, b) => a.countyCode.localeCompare(b.countyCode)),
  };
}

/** Throws, naming the first differing part, unless both paths computed the same figures. */
export function assertSameFigures(what: string, ours: unknown, reference: unknown): void {
  if (isDeepStrictEqual(ours, reference)) return;
  const a = JSON.stringify(ours);
  const b = JSON.stringify(reference);
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  throw new Error(
    `${what}: our figures differ from DuckDB's at …${a.slice(Math.max(0, at - 120), at + 120)}… vs …${b.slice(Math.max(0, at - 120), at + 120)}…`,
  );
}

// ---------------------------------------------------------------------------------------------
// DuckDB

/** The first day of the month after YYYY-MM. */
const monthAfter = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};

const micros = (wallMs: number) => timestampValue(BigInt(wallMs) * 1000n);
const epochDay = (d: number) => dateValue((YEAR_START_MS + d * DAY_MS) / DAY_MS);

export class DuckdbReference {
  private constructor(
    private readonly connection: DuckDBConnection,
    private readonly rows: ProvinceRows,
    private readonly settings: OperationsSettings,
  ) {}

  /** An in-memory DuckDB holding the rows; returns it with the seconds the load took. */
  static async load(rows: ProvinceRows, settings = DEFAULT_OPERATIONS_SETTINGS) {
    const started = performance.now();
    const instance = await DuckDBInstance.create(":memory:", {
      autoinstall_known_extensions: "false",
      autoload_known_extensions: "false",
    });
    const c = await instance.connect();
    await c.run(`create table orders (county_code varchar, source_id varchar, station_code varchar,
      kind varchar, amount_fen bigint, ordered_at timestamp)`);
    await c.run(`create table uptime (county_code varchar, source_id varchar, station_code varchar,
      day date, online_minutes integer)`);
    await c.run(`create table shipments (county_code varchar, waybill varchar, station_code varchar,
      carrier varchar, direction varchar, dispatched_at timestamp, delivered_at timestamp,
      fee_fen bigint, weight_grams integer)`);

    const orders = await c.createAppender("orders");
    for (let i = 0; i < rows.orders; i++) {
      const o = rows.order(i);
      orders.appendVarchar(rows.countyOf(o.station));
      orders.appendVarchar(`o${i}`);
      orders.appendVarchar(rows.stationCode(o.station));
      orders.appendVarchar(o.kind);
      orders.appendBigInt(BigInt(o.amountFen));
      orders.appendTimestamp(micros(orderWallMs(o)));
      orders.endRow();
    }
    orders.closeSync();

    const uptime = await c.createAppender("uptime");
    for (let i = 0; i < rows.deviceDays; i++) {
      const u = rows.uptime(i);
      uptime.appendVarchar(rows.countyOf(u.station));
      uptime.appendVarchar(`u${i}`);
      uptime.appendVarchar(rows.stationCode(u.station));
      uptime.appendDate(epochDay(u.day));
      uptime.appendInteger(u.onlineMinutes);
      uptime.endRow();
    }
    uptime.closeSync();

    const shipments = await c.createAppender("shipments");
    for (let i = 0; i < rows.shipments; i++) {
      const s = rows.shipment(i);
      shipments.appendVarchar(rows.countyOf(s.station));
      shipments.appendVarchar(`BW${i}`);
      shipments.appendVarchar(rows.stationCode(s.station));
      shipments.appendVarchar(s.carrier);
      shipments.appendVarchar(s.up ? "up" : "down");
      shipments.appendTimestamp(micros(s.dispatchedWallMs));
      if (s.deliveredWallMs === null) shipments.appendNull();
      else shipments.appendTimestamp(micros(s.deliveredWallMs));
      shipments.appendBigInt(BigInt(s.feeFen));
      if (s.weightGrams === null) shipments.appendNull();
      else shipments.appendInteger(s.weightGrams);
      shipments.endRow();
    }
    shipments.closeSync();
    const reference = new DuckdbReference(c, rows, settings);
    return { reference, seconds: (performance.now() - started) / 1000 };
  }

  /** Station-month sums of orders and uptime, as our station_months rows (source = ingest). */
  private async stationMonths(countyCode: string | null, toMonth: string): Promise<StationMonthRow[]> {
    const kinds = this.settings.amountOrderKinds.map((k) => `'${k}'`).join(", ");
    const where = countyCode === null ? "true" : "county_code = $county";
    // Months are truncated as timestamps and formatted once per group, not per row.
    const reader = await this.connection.runAndReadAll(
      `with o as (
         select county_code, station_code, date_trunc('month', ordered_at)::date as m,
           count(*) filter (where kind = 'agency_purchase') as orders,
           coalesce(sum(amount_fen) filter (where kind in (${kinds})), 0) as amount_fen,
           count(*) as order_records
         from orders where ${where} and ordered_at < $end::timestamp group by all),
       u as (
         select county_code, station_code, date_trunc('month', day)::date as m,
           sum(online_minutes) as online_minutes, count(*) as uptime_records, min(day) as first_day
         from uptime where ${where} and day < $end::date group by all)
       select county_code, station_code, strftime(m, '%Y-%m') as month,
         coalesce(orders, 0)::integer as orders, coalesce(amount_fen, 0)::double as amount_fen,
         coalesce(order_records, 0)::integer as order_records,
         coalesce(online_minutes, 0)::double as online_minutes,
         coalesce(uptime_records, 0)::integer as uptime_records,
         strftime(first_day, '%Y-%m-%d') as first_uptime_day
       from o full outer join u using (county_code, station_code, m)`,
      countyCode === null ? { end: monthAfter(toMonth) } : { county: countyCode, end: monthAfter(toMonth) },
    );
    const out: StationMonthRow[] = [];
    for (const r of reader.getRowObjectsJS() as Record<string, unknown>[]) {
      out.push({
        county_code: r.county_code as string,
        station_code: r.station_code as string,
        month: r.month as string,
        source: "ingest",
        orders: r.orders as number,
        amount_fen: r.amount_fen as number,
        online_rate_bp: null,
        order_records: r.order_records as number,
        online_minutes: r.online_minutes as number,
        uptime_records: r.uptime_records as number,
        first_uptime_day: (r.first_uptime_day as string | null) ?? null,
      });
    }
    return out;
  }

  /**
   * Downward shipments and those delivered within the limit, per grouping set (`m` is the
   * dispatch month; within N days = signed at most N × 24 h after dispatch, as the day buckets).
   */
  private deliverySql(where: string, columns: string, sets: string): string {
    return `select ${columns},
        count(*) filter (where direction = 'down') as down,
        count(*) filter (where direction = 'down'
          and delivered_at <= dispatched_at + to_days(${this.settings.deliveryDays})) as within,
        count(*) as shipments
      from (select county_code, station_code, carrier, direction, dispatched_at, delivered_at,
              date_trunc('month', dispatched_at) as m
            from shipments where ${where} and dispatched_at < $end::timestamp)
      group by grouping sets (${sets})`;
  }

  private delivery(down: number, within: number): Delivery {
    return {
      downShipments: down,
      withinDaysBp: withinDaysBp([{ days: 0, shipments: within }], down, this.settings),
    };
  }

  private meetsDelivery(d: Delivery): boolean {
    return d.downShipments > 0 && d.withinDaysBp >= this.settings.withinDeliveryDaysBp;
  }

  private summary(months: readonly StationMonths[], d: Delivery): Summary {
    return { ...pickSummary({ ...summarizeStations(months.map(stationTotals), this.settings), ...d }) };
  }

  /** The county KPI page's figures (summary, failing stations, monthly trend) from the raw rows. */
  async countyFigures(countyCode: string, toMonth: string, asOf: string): Promise<CountyFigures> {
    const months = mergeStationMonths(await this.stationMonths(countyCode, toMonth), {
      asOf,
      settings: this.settings,
    });
    const reader = await this.connection.runAndReadAll(
      this.deliverySql(
        "county_code = $county",
        "station_code, strftime(m, '%Y-%m') as month, carrier",
        "(station_code), (m), (carrier), ()",
      ),
      { county: countyCode, end: monthAfter(toMonth) },
    );
    const byStation = new Map<string, Delivery>();
    const byMonth = new Map<string, Delivery>();
    const carriers: string[] = [];
    let county: Delivery = this.delivery(0, 0);
    for (const r of reader.getRowObjectsJS() as Record<string, unknown>[]) {
      const d = this.delivery(Number(r.down), Number(r.within));
      if (r.station_code !== null) byStation.set(r.station_code as string, d);
      else if (r.month !== null) byMonth.set(r.month as string, d);
      else if (r.carrier !== null) {
        if (Number(r.shipments) > 0) carriers.push(r.carrier as string);
      } else county = d;
    }
    const judged = months.map((m) => judgeStation(stationTotals(m), this.settings));
    const monthList = [
      ...new Set([...months.flatMap((s) => s.months.map((m) => m.month)), ...byMonth.keys()]),
    ];
    return {
      summary: { ...this.summary(months, county), carriers: carriers.sort() },
      failing: {
        onlineRate: judged.filter((j) => !j.meetsOnlineRate).map((j) => j.stationCode),
        ordersAndAmount: judged.filter((j) => !j.meetsBoth).map((j) => j.stationCode),
        delivery: [...byStation]
          .filter(([, d]) => d.downShipments > 0 && !this.meetsDelivery(d))
          .map(([code]) => code)
          .sort(),
      },
      trend: monthList.sort().map((month) => {
        const ofMonth = months
          .map((s) => ({ ...s, months: s.months.filter((m) => m.month === month) }))
          .filter((s) => s.months.length > 0);
        const { stationsMeetingBoth: _, ...k } = this.summary(
          ofMonth,
          byMonth.get(month) ?? this.delivery(0, 0),
        );
        return { month, ...k };
      }),
    };
  }

  /** The province roll-up's figures (each county's and the province's) from the raw rows. */
  async provinceFigures(toMonth: string, asOf: string): Promise<ProvinceFigures> {
    const months = mergeStationMonths(await this.stationMonths(null, toMonth), {
      asOf,
      settings: this.settings,
    });
    const reader = await this.connection.runAndReadAll(
      this.deliverySql(
        "true",
        "county_code, station_code, carrier",
        "(county_code, station_code), (county_code, carrier), (county_code), ()",
      ),
      { end: monthAfter(toMonth) },
    );
    const failingDelivery = new Map<string, number>();
    const countyDelivery = new Map<string, Delivery>();
    const carriers = new Map<string, string[]>();
    let province: Delivery = this.delivery(0, 0);
    for (const r of reader.getRowObjectsJS() as Record<string, unknown>[]) {
      const county = r.county_code as string | null;
      const d = this.delivery(Number(r.down), Number(r.within));
      if (county === null) province = d;
      else if (r.station_code !== null) {
        if (d.downShipments > 0 && !this.meetsDelivery(d))
          failingDelivery.set(county, (failingDelivery.get(county) ?? 0) + 1);
      } else if (r.carrier !== null) {
        if (Number(r.shipments) > 0)
          carriers.set(county, [...(carriers.get(county) ?? []), r.carrier as string]);
      } else countyDelivery.set(county, d);
    }
    const monthsOf = new Map<string, StationMonths[]>();
    for (const m of months) monthsOf.set(m.countyCode, [...(monthsOf.get(m.countyCode) ?? []), m]);
    const counties = [...new Set([...monthsOf.keys(), ...countyDelivery.keys()])].sort();
    return {
      province: this.summary(months, province),
      counties: counties.map((code) => {
        const ofCounty = monthsOf.get(code) ?? [];
        const judged = ofCounty.map((m) => judgeStation(stationTotals(m), this.settings));
        return {
          countyCode: code,
          ...this.summary(ofCounty, countyDelivery.get(code) ?? this.delivery(0, 0)),
          carriers: (carriers.get(code) ?? []).sort(),
          failingStations: {
            onlineRate: judged.filter((j) => !j.meetsOnlineRate).length,
            ordersAndAmount: judged.filter((j) => !j.meetsBoth).length,
            delivery: failingDelivery.get(code) ?? 0,
          },
        };
      }),
    };
  }

  /** Counties of the rows (for the caller's checks). */
  get counties(): readonly string[] {
    return this.rows.counties;
  }
}
