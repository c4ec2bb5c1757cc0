/**
 * Benchmark of the operations domain (issues 5 and 19), not a test: a deterministic year of a
 * province's station data (bench/operations-rows.ts), and, as ratios measured in the same run,
 *   (a) write speed: the 物流 sheet through the bulk importer (CSV, validation, rollups) and orders
 *       through the HTTP ingest API (auth, validation, idempotency, rollups), each against the
 *       raw ceiling of a bare insert loop of the same rows (SQLite: one prepared statement per row
 *       in a transaction; PostgreSQL: 1,000-row multi-row inserts);
 *   (b) read speed: the county KPI page and the province roll-up (reading our rollups) against
 *       DuckDB computing the same figures from the raw rows (bench/duckdb-reference.ts); the two
 *       must agree before their times are compared.
 * Writes the figures to bench/results/latest.json (`<dialect>.bulkImportVsBare`,
 * `httpIngestVsBare`, `countyKpiVsDuckdb`, `provinceRollupVsDuckdb`, `rows`, `seconds`).
 *
 *   npm run bench [-- --scale 1] [--counties 17] [--dialects sqlite,postgres] [--partition 32|none]
 *
 * Scale 1 over 17 counties is the issue's province (3,500 stations, 2.1 M orders, 2 M shipments,
 * 1.28 M device-days); `--counties 170` is ten times that (the national plan, docs/scale.md), run
 * on PostgreSQL. postgres needs SHIFAN_TEST_PG (a server where fresh databases may be created);
 * with it set, the default run covers both dialects. `--partition N` (PostgreSQL; the default
 * beyond 17 counties, with N = 32) hash-partitions the operations tables by county_code into N
 * parts before the rows arrive (docs/scale.md).
 */
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { DEMONSTRATION_COUNTIES_2017 } from "../src/rules/program";
import { buildApp } from "../src/server/app";
import { buildSheetRegistry, prepareDatabase } from "../src/server/domains";
import { countyOperationsReport } from "../src/server/operations/county-operations-report";
import { createIngestToken } from "../src/server/operations/create-ingest-token";
import { provinceOperationsReport } from "../src/server/operations/province-operations-report";
import { codeSchemeDirectory } from "../src/server/operations/station-directory";
import type { Db } from "../src/server/platform/db/database";
import { importWorkbook } from "../src/server/platform/workbook/import-workbook";
import { createTestDb, type TestDb } from "../test/support/databases";
import { registerStations } from "../test/support/stations";
import { assertSameFigures, DuckdbReference, ourCountyFigures, ourProvinceFigures } from "./duckdb-reference";
import type { IngestClientJob, IngestClientResult } from "./ingest-client";
import { ProvinceRows } from "./operations-rows";
import { partitionOperationsTables } from "./partition-operations";

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    counties: { type: "string", default: "17" },
    dialects: { type: "string" },
    partition: { type: "string" },
    out: { type: "string" },
  },
});
const scale = Number(args.scale);
const national = Number(args.counties) > 17;
// The province's figures go to latest.json; a national run to its own file beside it.
const out =
  args.out ??
  (national ? `bench/results/national-${Number(args.counties)}.json` : "bench/results/latest.json");
// The province runs on both dialects (PostgreSQL when SHIFAN_TEST_PG is set); the national plan on
// PostgreSQL, hash-partitioned by county_code into 32 parts (Citus's default shard count).
const dialects = (
  args.dialects ?? (national ? "postgres" : process.env.SHIFAN_TEST_PG ? "sqlite,postgres" : "sqlite")
)
  .split(",")
  .map((d) => d.trim());
const partitions =
  args.partition === undefined ? (national ? 32 : 0) : args.partition === "none" ? 0 : Number(args.partition);
if (!Number.isInteger(partitions) || partitions < 0)
  throw new Error(`--partition takes a number of parts or "none"`);
const TO_MONTH = "2018-12";
const AS_OF = "2018-12-31";

/**
 * The counties of the run: the 17 demonstration counties, then (for more) Hebei's other
 * county-level divisions that have villages, in code order.
 */
function benchCounties(n: number): string[] {
  const demonstration = DEMONSTRATION_COUNTIES_2017.map((c) => c.code).sort();
  if (n <= demonstration.length) return demonstration.slice(0, n);
  const lines = readFileSync(new URL("../reference/regions/13.tsv", import.meta.url), "utf8").split("\n");
  const withVillages = new Set(lines.filter((l) => /^\d{12}\t/.test(l)).map((l) => l.slice(0, 6)));
  const others = [...withVillages].filter((c) => !demonstration.includes(c)).sort();
  const all = [...demonstration, ...others];
  if (all.length < n) throw new Error(`only ${all.length} county-level divisions with villages`);
  return all.slice(0, n).sort();
}

const rows = new ProvinceRows(benchCounties(Number(args.counties)), scale);
const counties = rows.counties;

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
  const paths: [string, string][] = counties.map((c) => [c, join(dir, c)]);
  const pending = new Map<string, string[]>(counties.map((c) => [c, [header]]));
  const flush = (county: string) => {
    const lines = pending.get(county)!;
    if (lines.length) appendFileSync(join(dir, county, "物流.csv"), `${lines.join("\n")}\n`);
    pending.set(county, []);
  };
  for (const [, folder] of paths) mkdirSync(folder, { recursive: true });
  for (let i = 0; i < rows.shipments; i++) {
    const { county, cells } = rows.shipmentCells(i);
    const lines = pending.get(county)!;
    lines.push(cells.join(","));
    if (lines.length >= 20_000) flush(county);
  }
  for (const county of counties) flush(county);
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
  return { rowsPerSecond: rows.shipments / seconds, seconds };
}

/**
 * Sends the kind's records through `POST /api/v1/ingest/{kind}` from a client in a worker thread
 * (bench/ingest-client.ts): full batches of 5,000 per county, two requests in flight.
 */
async function httpIngest(db: Db, kind: "orders" | "uptime") {
  const app = await buildApp({ db });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const tokens: Record<string, string> = {};
  for (const county of counties) {
    const { token } = await createIngestToken({
      db,
      actor: { id: null, name: "bench" },
      countyCode: county,
      name: "bench",
    });
    tokens[county] = token;
  }
  const job: IngestClientJob = {
    url: `http://127.0.0.1:${port}`,
    kind,
    counties: [...counties],
    scale,
    tokens,
  };
  try {
    const result = await new Promise<IngestClientResult>((resolve, reject) => {
      const worker = new Worker(new URL("./ingest-client-entry.mjs", import.meta.url), { workerData: job });
      worker.once("message", (m: { ok: boolean; result?: IngestClientResult; error?: string }) => {
        if (m.ok) resolve(m.result!);
        else reject(new Error(m.error));
        void worker.terminate();
      });
      worker.once("error", reject);
    });
    if (result.accepted !== result.records)
      throw new Error(`accepted ${result.accepted} of ${result.records}`);
    return { rowsPerSecond: result.records / (result.ms / 1000), seconds: result.ms / 1000 };
  } finally {
    await app.close();
  }
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

/** Median times of two computations, run alternately so both see the same load. */
async function pairedMedians(runs: number, ours: () => Promise<unknown>, reference: () => Promise<unknown>) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await medianMs(1, ours));
    b.push(await medianMs(1, reference));
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { oursMs: median(a), referenceMs: median(b) };
}

const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const clock = (since: number) => `${((performance.now() - since) / 1000).toFixed(0)} s`;

// ---------------------------------------------------------------------------------------------

async function run(dialect: "sqlite" | "postgres", reference: DuckdbReference, since: number) {
  const db = await createTestDb(dialect, { counties });
  const dir = mkdtempSync(join(tmpdir(), "shifan-opsbench-"));
  const loadBefore = load();
  try {
    console.log(
      `\n${dialect}${partitions && dialect === "postgres" ? ` (hash-partitioned by county_code into ${partitions})` : ""}: ${counties.length} counties, ${rows.stations} stations, ${rows.orders} orders, ${rows.shipments} shipments, ${rows.deviceDays} device-days  (load ${loadBefore.join(" ")})`,
    );
    if (partitions && dialect === "postgres") await partitionOperationsTables(db, partitions);
    for (const county of counties) await registerStations(db.db, county, rows.stationsOf(county));

    const bareOrders = await bareRate(dialect, "orders", ORDER_COLUMNS, rows.orders, (i) =>
      rows.orderValues(i),
    );
    console.log(
      `  bare insert, orders:       ${bareOrders.rowsPerSecond.toFixed(0)} rows/s  [${clock(since)}]`,
    );
    const bareShipments = await bareRate(dialect, "shipments", SHIP_COLUMNS, rows.shipments, (i) =>
      rows.shipmentValues(i),
    );
    console.log(
      `  bare insert, shipments:    ${bareShipments.rowsPerSecond.toFixed(0)} rows/s  [${clock(since)}]`,
    );
    const bulk = await bulkImport(db, dir);
    console.log(
      `  bulk import 物流 (CSV):     ${bulk.rowsPerSecond.toFixed(0)} rows/s  (${bulk.seconds.toFixed(1)} s)  [${clock(since)}]`,
    );
    const http = await httpIngest(db, "orders");
    console.log(
      `  HTTP ingest, orders:       ${http.rowsPerSecond.toFixed(0)} rows/s  (${http.seconds.toFixed(1)} s)  [${clock(since)}]`,
    );
    const uptime = await httpIngest(db, "uptime");
    console.log(
      `  HTTP ingest, uptime:       ${uptime.rowsPerSecond.toFixed(0)} rows/s  (${uptime.seconds.toFixed(1)} s)  [${clock(since)}]`,
    );

    // PostgreSQL reads as it runs in steady state: autovacuum would have vacuumed and analyzed these
    // freshly loaded tables within a minute (without statistics the planner misjudges the rollups).
    if (dialect === "postgres") await sql`vacuum analyze`.execute(db.db);

    // The county with the most stations (round robin: the first ones) and the whole province.
    const county = counties[0]!;
    const countyPage = () =>
      countyOperationsReport({
        db,
        countyCode: county,
        toMonth: TO_MONTH,
        asOf: AS_OF,
        directory: codeSchemeDirectory,
      });
    const named = counties.map((code) => ({ code, name: code }));
    const provincePage = () =>
      provinceOperationsReport({ db, counties: named, toMonth: TO_MONTH, asOf: AS_OF });
    const countyReference = () => reference.countyFigures(county, TO_MONTH, AS_OF);
    const provinceReference = () => reference.provinceFigures(TO_MONTH, AS_OF);
    // The two paths must agree before their times mean anything.
    assertSameFigures("county KPI page", ourCountyFigures(await countyPage()), await countyReference());
    assertSameFigures(
      "province roll-up",
      ourProvinceFigures(await provincePage()),
      await provinceReference(),
    );
    const countyTimes = await pairedMedians(7, countyPage, countyReference);
    const provinceTimes = await pairedMedians(3, provincePage, provinceReference);
    console.log(
      `  county KPI page:           ${countyTimes.oursMs.toFixed(1)} ms   DuckDB: ${countyTimes.referenceMs.toFixed(1)} ms`,
    );
    console.log(
      `  province roll-up:          ${provinceTimes.oursMs.toFixed(1)} ms   DuckDB: ${provinceTimes.referenceMs.toFixed(1)} ms  [${clock(since)}]`,
    );
    const result = {
      bulkImportVsBare: bulk.rowsPerSecond / bareShipments.rowsPerSecond,
      httpIngestVsBare: http.rowsPerSecond / bareOrders.rowsPerSecond,
      countyKpiVsDuckdb: countyTimes.oursMs / countyTimes.referenceMs,
      provinceRollupVsDuckdb: provinceTimes.oursMs / provinceTimes.referenceMs,
      partitions: dialect === "postgres" ? partitions : 0,
      rows: {
        counties: counties.length,
        stations: rows.stations,
        orders: rows.orders,
        shipments: rows.shipments,
        deviceDays: rows.deviceDays,
      },
      rowsPerSecond: {
        bareOrders: Math.round(bareOrders.rowsPerSecond),
        bareShipments: Math.round(bareShipments.rowsPerSecond),
        bulkImport: Math.round(bulk.rowsPerSecond),
        httpIngestOrders: Math.round(http.rowsPerSecond),
        httpIngestUptime: Math.round(uptime.rowsPerSecond),
      },
      seconds: {
        bareOrders: bareOrders.seconds,
        bareShipments: bareShipments.seconds,
        bulkImport: bulk.seconds,
        httpIngestOrders: http.seconds,
        httpIngestUptime: uptime.seconds,
        countyKpi: countyTimes.oursMs / 1000,
        countyKpiDuckdb: countyTimes.referenceMs / 1000,
        provinceRollup: provinceTimes.oursMs / 1000,
        provinceRollupDuckdb: provinceTimes.referenceMs / 1000,
      },
      loadAverage: { before: loadBefore, after: load() },
    };
    console.log(
      `  ratios: bulk import ${result.bulkImportVsBare.toFixed(2)}× bare (target ≥ 0.5), HTTP ingest ${result.httpIngestVsBare.toFixed(2)}× bare (≥ 0.25), county page ${result.countyKpiVsDuckdb.toFixed(2)}× DuckDB (≤ 0.25), province ${result.provinceRollupVsDuckdb.toFixed(2)}× DuckDB (≤ 1)`,
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
  counties: counties.length,
  note: "write ratios: our rows/s ÷ bare rows/s; read ratios: our ms ÷ DuckDB's ms for the same figures from the raw rows",
  loadAverageAtStart: load(),
};
const loaded = await DuckdbReference.load(rows);
console.log(
  `DuckDB reference: ${rows.orders + rows.shipments + rows.deviceDays} raw rows appended in ${loaded.seconds.toFixed(1)} s`,
);
results.duckdbLoadSeconds = loaded.seconds;
for (const dialect of dialects) {
  if (dialect !== "sqlite" && dialect !== "postgres") throw new Error(`unknown dialect ${dialect}`);
  results[dialect] = await run(dialect, loaded.reference, started);
}
results.totalSeconds = (performance.now() - started) / 1000;
mkdirSync(join(out, ".."), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwritten ${out} in ${(results.totalSeconds as number).toFixed(0)} s`);
