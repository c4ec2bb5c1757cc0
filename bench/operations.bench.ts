/**
 * Benchmark of the operations domain (issue 5), not a test: generates a deterministic year of a
 * province's station data and reports, as ratios measured in the same run,
 *   (a) write speed: the 物流 sheet through the bulk importer (CSV, validation, rollups) and orders
 *       through the HTTP ingest API (auth, validation, idempotency, rollups), each against the
 *       raw ceiling of a bare prepared-statement insert loop of the same rows;
 *   (b) read speed: the county KPI page and the province roll-up (reading rollups) against the same
 *       figures computed by SQL aggregates over the raw rows.
 * Writes the figures to bench/results/latest.json.
 *
 *   npx tsx bench/operations.bench.ts [--scale 0.1] [--dialects sqlite,postgres]
 *
 * --scale 1 is the issue's province (17 counties, 3,500 stations, 2.1 M orders, 2 M shipments,
 * 1.28 M device-days); the default 0.1 keeps a run within a few minutes on 2 cores. postgres
 * needs SHIFAN_TEST_PG (a server where fresh databases may be created).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import {
  DEFAULT_OPERATIONS_SETTINGS,
  type StationsSummary,
  summarizeStations,
  withinDaysBp,
} from "../src/rules/operations";
import { DEMONSTRATION_COUNTIES_2017 } from "../src/rules/program";
import { buildApp } from "../src/server/app";
import { buildSheetRegistry, prepareDatabase } from "../src/server/domains";
import { countyOperationsReport } from "../src/server/operations/county-operations-report";
import { createIngestToken } from "../src/server/operations/create-ingest-token";
import { provinceOperationsReport } from "../src/server/operations/province-operations-report";
import { codeSchemeDirectory } from "../src/server/operations/station-directory";
import {
  mergeStationMonths,
  type StationMonthRow,
  stationTotals,
} from "../src/server/operations/station-figures";
import type { Db } from "../src/server/platform/db/database";
import { importWorkbook } from "../src/server/platform/workbook/import-workbook";
import { createTestDb, type TestDb } from "../test/support/databases";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "0.1" },
    dialects: { type: "string", default: process.env.SHIFAN_TEST_PG ? "sqlite,postgres" : "sqlite" },
    out: { type: "string", default: "bench/results/latest.json" },
  },
});
const scale = Number(args.scale);
const counties = DEMONSTRATION_COUNTIES_2017.map((c) => c.code).sort();
const STATIONS = Math.max(counties.length, Math.round(3500 * scale));
const ORDERS = Math.round(2_100_000 * scale);
const SHIPMENTS = Math.round(2_000_000 * scale);
const DAYS = 365;
const DEVICE_DAYS = STATIONS * DAYS;
const BATCH = 5000;

// ---------------------------------------------------------------------------------------------
// Deterministic rows, generated from their index (never all in memory at once)

/** A 32-bit hash of (i, salt): the same row every run. */
function hash(i: number, salt: number): number {
  let h = (i ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
const pick = (i: number, salt: number, n: number) => hash(i, salt) % n;

const stationOf = (s: number) => ({ county: counties[s % counties.length]!, code: `BS-${s}` });
const dayOf = (d: number) => new Date(Date.UTC(2018, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
const KINDS = [
  "agency_purchase",
  "agency_purchase",
  "agency_purchase",
  "agency_sale",
  "bill_payment",
  "cash_withdrawal",
];
const CARRIERS = ["中国邮政EMS", "中通快递", "圆通速递", "韵达快递"];

function orderAt(i: number) {
  const station = stationOf(pick(i, 1, STATIONS));
  const day = dayOf(pick(i, 2, DAYS));
  const hour = String(8 + pick(i, 3, 12)).padStart(2, "0");
  return {
    county: station.county,
    record: {
      sourceId: `o${i}`,
      stationCode: station.code,
      kind: KINDS[pick(i, 4, KINDS.length)]!,
      amountFen: 500 + pick(i, 5, 20_000),
      at: `${day}T${hour}:15:00+08:00`,
    },
  };
}

function shipmentAt(i: number) {
  const station = stationOf(pick(i, 11, STATIONS));
  const d = pick(i, 12, DAYS - 12);
  const hours = 6 + pick(i, 13, 200);
  const dispatched = new Date(Date.UTC(2018, 0, 1, 1) + d * 86_400_000);
  const delivered = new Date(dispatched.getTime() + hours * 3_600_000);
  const up = pick(i, 14, 100) < 15;
  const fmt = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
  return {
    county: station.county,
    cells: [
      `BW${i}`,
      station.code,
      CARRIERS[pick(i, 15, CARRIERS.length)]!,
      fmt(dispatched),
      pick(i, 16, 50) === 0 ? "" : fmt(delivered),
      up ? "上行" : "下行",
      `${3 + pick(i, 17, 12)}.${pick(i, 18, 10)}0`,
      up ? `${1 + pick(i, 19, 8)}.5` : "",
    ],
  };
}

function uptimeAt(i: number) {
  const s = i % STATIONS;
  const station = stationOf(s);
  return {
    county: station.county,
    record: {
      sourceId: `u${i}`,
      stationCode: station.code,
      date: dayOf(Math.floor(i / STATIONS)),
      onlineMinutes: 1300 + pick(i, 21, 141),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Raw ceilings: a bare prepared-statement loop (SQLite) or multi-row inserts (PostgreSQL)

const ORDER_COLUMNS = ["county_code", "source_id", "station_code", "kind", "amount_fen", "ordered_at", "day"];
const SHIP_COLUMNS = [
  "county_code",
  "waybill",
  "station_code",
  "carrier",
  "dispatched_at",
  "delivered_at",
  "direction",
  "fee",
  "weight",
];

function orderValues(i: number): (string | number)[] {
  const { county, record: r } = orderAt(i);
  return [county, r.sourceId, r.stationCode, r.kind, r.amountFen, r.at, r.at.slice(0, 10)];
}
function shipmentValues(i: number): string[] {
  const { county, cells } = shipmentAt(i);
  return [county, ...cells];
}

/** Rows generated in slices before the clock runs: the ceiling times the inserts alone. */
function* slices(n: number, row: (i: number) => unknown[], size = 100_000): Generator<unknown[][]> {
  for (let start = 0; start < n; start += size) {
    const slice: unknown[][] = [];
    for (let i = start; i < Math.min(n, start + size); i++) slice.push(row(i));
    yield slice;
  }
}

async function bareRate(
  dialect: string,
  table: string,
  columns: string[],
  n: number,
  row: (i: number) => unknown[],
) {
  let ms = 0;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "shifan-bare-"));
    const bare = new SqliteDatabase(join(dir, "bare.db"));
    bare.pragma("journal_mode = WAL");
    bare.pragma("synchronous = NORMAL");
    bare.exec(
      `create table ${table} (${columns.map((c) => `${c} text`).join(", ")}, primary key (${columns[0]}, ${columns[1]}))`,
    );
    const insert = bare.prepare(`insert into ${table} values (${columns.map(() => "?").join(", ")})`);
    for (const slice of slices(n, row)) {
      const t0 = performance.now();
      bare.transaction(() => {
        for (const values of slice) insert.run(values);
      })();
      ms += performance.now() - t0;
    }
    bare.close();
    rmSync(dir, { recursive: true, force: true });
    return { rowsPerSecond: n / (ms / 1000), seconds: ms / 1000 };
  }
  const admin = new pg.Client({ connectionString: process.env.SHIFAN_TEST_PG });
  await admin.connect();
  await admin.query(`drop table if exists bench_${table}`);
  await admin.query(
    `create table bench_${table} (${columns.map((c) => `${c} text`).join(", ")}, primary key (${columns[0]}, ${columns[1]}))`,
  );
  const per = 1000;
  const placeholders = Array.from(
    { length: per },
    (_, k) => `(${columns.map((_, j) => `$${k * columns.length + j + 1}`).join(",")})`,
  );
  for (const slice of slices(n, row)) {
    const t0 = performance.now();
    await admin.query("begin");
    for (let start = 0; start < slice.length; start += per) {
      const part = slice.slice(start, start + per);
      await admin.query(
        `insert into bench_${table} values ${placeholders.slice(0, part.length).join(",")}`,
        part.flat().map(String),
      );
    }
    await admin.query("commit");
    ms += performance.now() - t0;
  }
  await admin.query(`drop table bench_${table}`);
  await admin.end();
  return { rowsPerSecond: n / (ms / 1000), seconds: ms / 1000 };
}

// ---------------------------------------------------------------------------------------------
// Our paths

async function bulkImport(db: TestDb, dir: string) {
  // One 物流.csv per county (a county imports its own workbook); written before the clock starts.
  const header = "运单号,站点编号,快递企业,发出时间,签收时间,方向,运费(元),重量(千克)";
  const files = new Map<string, string[]>(counties.map((c) => [c, [header]]));
  for (let i = 0; i < SHIPMENTS; i++) {
    const { county, cells } = shipmentAt(i);
    files.get(county)!.push(cells.join(","));
  }
  const paths: [string, string][] = [];
  for (const [county, lines] of files) {
    const folder = join(dir, county);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "物流.csv"), `${lines.join("\n")}\n`);
    paths.push([county, folder]);
  }
  files.clear();
  const registry = buildSheetRegistry();
  prepareDatabase(db); // as `shifan import` and the server do
  const started = performance.now();
  for (const [county, folder] of paths) {
    const result = await importWorkbook({
      db: db.db,
      registry,
      actor: { id: null, name: "bench" },
      countyCode: county,
      path: folder,
    });
    if (!result.written) throw new Error(`import refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { rowsPerSecond: SHIPMENTS / seconds, seconds };
}

async function httpIngest(
  db: Db,
  kind: "orders" | "uptime",
  n: number,
  at: (i: number) => { county: string; record: unknown },
) {
  const app = await buildApp({ db });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const tokens = new Map<string, string>();
  for (const county of counties) {
    const { token } = await createIngestToken({
      db,
      actor: { id: null, name: "bench" },
      countyCode: county,
      name: "bench",
    });
    tokens.set(county, token);
  }
  // Batches per county, as a contractor's system would send them, made before the clock runs.
  const queues = new Map<string, unknown[]>(counties.map((c) => [c, []]));
  const batches: { county: string; body: string }[] = [];
  for (let i = 0; i < n; i++) {
    const { county, record } = at(i);
    const queue = queues.get(county)!;
    queue.push(record);
    if (queue.length === BATCH) {
      batches.push({ county, body: JSON.stringify(queue) });
      queues.set(county, []);
    }
  }
  for (const [county, queue] of queues)
    if (queue.length) batches.push({ county, body: JSON.stringify(queue) });
  queues.clear();
  let accepted = 0;
  const send = async ({ county, body }: { county: string; body: string }) => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/ingest/${kind}`, {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.get(county)}`, "content-type": "application/json" },
      body,
    });
    const json = (await res.json()) as { accepted?: number; rejected?: unknown[] };
    if (res.status !== 200 || json.rejected?.length)
      throw new Error(`ingest failed: ${JSON.stringify(json).slice(0, 300)}`);
    accepted += json.accepted ?? 0;
  };
  // Two requests in flight, as two contractor systems would send.
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await send(batches[next++]!);
  };
  await Promise.all([worker(), worker()]);
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  if (accepted !== n) throw new Error(`accepted ${accepted} of ${n}`);
  return { rowsPerSecond: n / seconds, seconds };
}

// ---------------------------------------------------------------------------------------------
// The same figures from the raw rows (SQL aggregates), for the read comparison

type RawFigures = StationsSummary & { downShipments: number; withinDaysBp: number; carriers: number };

async function rawFigures(db: Db, countyCodes: string[]): Promise<Map<string, RawFigures>> {
  const k = db.db;
  const list = sql.join(countyCodes);
  const amountKinds = sql.join([...DEFAULT_OPERATIONS_SETTINGS.amountOrderKinds]);
  const orders = await sql<{
    county_code: string;
    station_code: string;
    month: string;
    orders: number;
    amount_fen: number;
    n: number;
  }>`
    select county_code, station_code, substr(day, 1, 7) as month,
      sum(case when kind = 'agency_purchase' then 1 else 0 end) as orders,
      sum(case when kind in (${amountKinds}) then amount_fen else 0 end) as amount_fen, count(*) as n
    from ingest_orders where county_code in (${list}) group by county_code, station_code, substr(day, 1, 7)`.execute(
    k,
  );
  const uptime = await sql<{
    county_code: string;
    station_code: string;
    month: string;
    minutes: number;
    n: number;
    first_day: string;
  }>`
    select county_code, station_code, substr(day, 1, 7) as month, sum(online_minutes) as minutes, count(*) as n, min(day) as first_day
    from ingest_uptime where county_code in (${list}) group by county_code, station_code, substr(day, 1, 7)`.execute(
    k,
  );
  const rows = new Map<string, StationMonthRow>();
  const rowOf = (county: string, station: string, month: string) => {
    const key = `${county}|${station}|${month}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        county_code: county,
        station_code: station,
        month,
        source: "ingest",
        orders: 0,
        amount_fen: 0,
        online_rate_bp: null,
        order_records: 0,
        online_minutes: 0,
        uptime_records: 0,
        first_uptime_day: null,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const o of orders.rows)
    Object.assign(rowOf(o.county_code, o.station_code, o.month), {
      orders: Number(o.orders),
      amount_fen: Number(o.amount_fen),
      order_records: Number(o.n),
    });
  for (const u of uptime.rows)
    Object.assign(rowOf(u.county_code, u.station_code, u.month), {
      online_minutes: Number(u.minutes),
      uptime_records: Number(u.n),
      first_uptime_day: u.first_day,
    });
  const merged = mergeStationMonths([...rows.values()], { asOf: "2018-12-31" });
  const limit = DEFAULT_OPERATIONS_SETTINGS.deliveryDays * 86_400;
  const ships = await sql<{ county_code: string; down: number; within: number; carriers: number }>`
    select county_code, sum(case when direction = 'down' then 1 else 0 end) as down,
      sum(case when direction = 'down' and delivery_seconds <= ${limit} then 1 else 0 end) as within,
      count(distinct carrier) as carriers
    from shipments where county_code in (${list}) group by county_code`.execute(k);
  const result = new Map<string, RawFigures>();
  for (const county of countyCodes) {
    const s = ships.rows.find((r) => r.county_code === county);
    const down = Number(s?.down ?? 0);
    result.set(county, {
      ...summarizeStations(merged.filter((m) => m.countyCode === county).map(stationTotals)),
      downShipments: down,
      withinDaysBp: withinDaysBp([{ days: 0, shipments: Number(s?.within ?? 0) }], down),
      carriers: Number(s?.carriers ?? 0),
    });
  }
  return result;
}

async function medianMs(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

// ---------------------------------------------------------------------------------------------

async function run(dialect: "sqlite" | "postgres") {
  const db = await createTestDb(dialect, { counties });
  const dir = mkdtempSync(join(tmpdir(), "shifan-opsbench-"));
  try {
    console.log(
      `\n${dialect}: ${counties.length} counties, ${STATIONS} stations, ${ORDERS} orders, ${SHIPMENTS} shipments, ${DEVICE_DAYS} device-days`,
    );
    const bareOrders = await bareRate(dialect, "orders", ORDER_COLUMNS, ORDERS, orderValues);
    console.log(`  bare insert, orders:       ${bareOrders.rowsPerSecond.toFixed(0)} rows/s`);
    const bareShipments = await bareRate(dialect, "shipments", SHIP_COLUMNS, SHIPMENTS, shipmentValues);
    console.log(`  bare insert, shipments:    ${bareShipments.rowsPerSecond.toFixed(0)} rows/s`);
    const bulk = await bulkImport(db, dir);
    console.log(
      `  bulk import 物流 (CSV):     ${bulk.rowsPerSecond.toFixed(0)} rows/s  (${bulk.seconds.toFixed(1)} s)`,
    );
    const http = await httpIngest(db, "orders", ORDERS, orderAt);
    console.log(
      `  HTTP ingest, orders:       ${http.rowsPerSecond.toFixed(0)} rows/s  (${http.seconds.toFixed(1)} s)`,
    );
    const uptime = await httpIngest(db, "uptime", DEVICE_DAYS, uptimeAt);
    console.log(
      `  HTTP ingest, uptime:       ${uptime.rowsPerSecond.toFixed(0)} rows/s  (${uptime.seconds.toFixed(1)} s)`,
    );

    // The county with the most stations (round robin: the first ones) and the whole province.
    const county = counties[0]!;
    const countyPage = () =>
      countyOperationsReport({
        db,
        countyCode: county,
        toMonth: "2018-12",
        asOf: "2018-12-31",
        directory: codeSchemeDirectory,
      });
    const named = counties.map((code) => ({ code, name: code }));
    const provincePage = () =>
      provinceOperationsReport({ db, counties: named, toMonth: "2018-12", asOf: "2018-12-31" });
    const page = await countyPage();
    const raw = (await rawFigures(db, [county])).get(county)!;
    // The two paths must agree before their times mean anything.
    const same = {
      stations: page.summary.stations === raw.stations,
      onlineRateBp: page.summary.onlineRateBp === raw.onlineRateBp,
      avgOrders: page.summary.avgOrdersPerStationMonth === raw.avgOrdersPerStationMonth,
      avgAmount: page.summary.avgAmountFenPerStationMonth === raw.avgAmountFenPerStationMonth,
      downShipments: page.summary.downShipments === raw.downShipments,
      withinDaysBp: page.summary.withinDaysBp === raw.withinDaysBp,
      carriers: page.summary.carriers.length === raw.carriers,
    };
    if (Object.values(same).includes(false))
      throw new Error(`rollups and raw rows disagree: ${JSON.stringify({ same, page: page.summary, raw })}`);
    const countyMs = await medianMs(5, countyPage);
    const countyRawMs = await medianMs(5, () => rawFigures(db, [county]));
    const provinceMs = await medianMs(3, provincePage);
    const provinceRawMs = await medianMs(3, () => rawFigures(db, counties));
    console.log(
      `  county KPI page:           ${countyMs.toFixed(1)} ms   raw SQL: ${countyRawMs.toFixed(1)} ms`,
    );
    console.log(
      `  province roll-up:          ${provinceMs.toFixed(1)} ms   raw SQL: ${provinceRawMs.toFixed(1)} ms`,
    );
    const result = {
      bulkImportVsBare: bulk.rowsPerSecond / bareShipments.rowsPerSecond,
      httpIngestVsBare: http.rowsPerSecond / bareOrders.rowsPerSecond,
      countyKpiVsRawSql: countyMs / countyRawMs,
      provinceRollupVsRawSql: provinceMs / provinceRawMs,
      rows: {
        counties: counties.length,
        stations: STATIONS,
        orders: ORDERS,
        shipments: SHIPMENTS,
        deviceDays: DEVICE_DAYS,
      },
      rowsPerSecond: {
        bareOrders: Math.round(bareOrders.rowsPerSecond),
        bareShipments: Math.round(bareShipments.rowsPerSecond),
        bulkImport: Math.round(bulk.rowsPerSecond),
        httpIngestOrders: Math.round(http.rowsPerSecond),
        httpIngestUptime: Math.round(uptime.rowsPerSecond),
      },
      seconds: {
        bulkImport: bulk.seconds,
        httpIngestOrders: http.seconds,
        httpIngestUptime: uptime.seconds,
        countyKpi: countyMs / 1000,
        countyRawSql: countyRawMs / 1000,
        provinceRollup: provinceMs / 1000,
        provinceRawSql: provinceRawMs / 1000,
      },
    };
    console.log(
      `  ratios: bulk import ${result.bulkImportVsBare.toFixed(2)}× bare, HTTP ingest ${result.httpIngestVsBare.toFixed(2)}× bare, county page ${result.countyKpiVsRawSql.toFixed(2)}× raw, province ${result.provinceRollupVsRawSql.toFixed(2)}× raw`,
    );
    return result;
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = performance.now();
const results: Record<string, unknown> = {
  scale,
  note: "write ratios: our rows/s ÷ bare rows/s; read ratios: our ms ÷ raw-SQL ms",
};
for (const dialect of args.dialects.split(",").map((d) => d.trim())) {
  if (dialect !== "sqlite" && dialect !== "postgres") throw new Error(`unknown dialect ${dialect}`);
  results[dialect] = await run(dialect);
}
results.totalSeconds = (performance.now() - started) / 1000;
mkdirSync(join(args.out, ".."), { recursive: true });
writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten ${args.out} in ${(results.totalSeconds as number).toFixed(0)} s`);
