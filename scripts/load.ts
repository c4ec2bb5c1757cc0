/**
 * Load run (`npm run load`, not a test): the server in this process on 127.0.0.1 over a temporary
 * SQLite file with the demo year, and autocannon (all of a scenario's instances in one worker
 * thread, so the client neither shares the server's event loop nor takes more than one of the
 * machine's two cores) driving, for a bounded time per scenario:
 *   - each page once, unloaded: its service time (median of 5), the floor under every latency;
 *   - county users: 200 concurrent users (connections) of a county administrator's pages (county,
 *     villages, scorecard, operations KPIs, network coverage), each user asking for a page every
 *     --think seconds (open model: the rate is fixed, latency is corrected for coordinated omission);
 *   - province users: the same for the province's pages (counties, province coverage, operations
 *     roll-up, a county's scorecard and villages);
 *   - device ingest alone, at a fixed rate of order batches with a county's ingest token;
 *   - mixed: county and province users (100 + 100) while ingest runs at that rate;
 *   - saturation: 200 connections with no think time on county pages (a stress figure, not a target).
 * Prints p50/p99 latency, throughput and errors per scenario and whether the targets are met
 * (pages p99 ≤ 200 ms; zero errors, timeouts and non-2xx).
 *
 *   npx tsx scripts/load.ts [--duration 20] [--connections 200] [--think 10] [--ingest-rate 10] [--batch 100]
 *
 * Assumptions, printed with the figures: a user reads a page for --think seconds (10) before the
 * next, so 200 users ask for 20 pages/s; ingest of 10 requests/s of 100 orders is 1,000 orders/s,
 * about 150× the province's average order rate in the operations benchmark's year (2.1 M orders
 * over 365 days) — a peak hour, not an average one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import type autocannon from "autocannon";
import { buildApp } from "../src/server/app";
import { loadDemo, randomDemoPassword } from "../src/server/demo/load-demo";
import { createIngestToken } from "../src/server/operations/create-ingest-token";
import { createUser } from "../src/server/platform/auth/users";
import { openDatabase } from "../src/server/platform/db/database";
import { migrate } from "../src/server/setup";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "200" },
    "ingest-rate": { type: "string", default: "10" },
    think: { type: "string", default: "10" },
    batch: { type: "string", default: "100" },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const INGEST_RATE = Number(args["ingest-rate"]);
const BATCH = Number(args.batch);
const THINK = Number(args.think);
const PAGE_P99_TARGET_MS = 200;
const COUNTY = "130533"; // 威县
const OTHER = "130131"; // 平山县, read by the province
const PASSWORD = "Load-Test-Pass-2017";

type Request = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body?: string };
type Figures = {
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  pages: boolean;
};

type Run = { title: string; url: string; options: Partial<autocannon.Options> };

/** Runs the scenarios' autocannon instances together in one worker thread (see load-client.js). */
function runTogether(runs: Run[]): Promise<autocannon.Result[]> {
  const worker = new Worker(new URL("./load-client.js", import.meta.url), {
    workerData: {
      runs: runs.map(({ title, url, options }) => ({
        url,
        options: { title, duration: DURATION, timeout: 10, ...options },
      })),
    },
  });
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

const run = async (title: string, url: string, options: Partial<autocannon.Options>) =>
  (await runTogether([{ title, url, options }]))[0]!;

let serverTimes: () => { url: string; ms: number }[] = () => [];

/** The server's own p50/p99 over the requests served since the last call, slowest pages first. */
function sayServerTimes(): void {
  const all = serverTimes();
  if (!all.length) return;
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
  const byPath = new Map<string, number[]>();
  for (const { url, ms } of all) {
    const path = url.split("?")[0]!;
    byPath.set(path, [...(byPath.get(path) ?? []), ms]);
  }
  const rows = [...byPath].map(([path, ms]) => ({ path, ms: ms.sort((a, b) => a - b) }));
  rows.sort((a, b) => pct(b.ms, 99) - pct(a.ms, 99));
  for (const { path, ms } of rows.slice(0, 4)) {
    console.log(
      `    server ${path.padEnd(50)} n ${String(ms.length).padStart(5)}  p50 ${pct(ms, 50).toFixed(0).padStart(4)} ms  p99 ${pct(ms, 99).toFixed(0).padStart(5)} ms`,
    );
  }
}

function figures(scenario: string, result: autocannon.Result, pages: boolean): Figures {
  return {
    scenario,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / DURATION),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    pages,
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "shifan-load-"));
  const db = openDatabase(`sqlite:${join(dir, "load.db")}`);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    let started = performance.now();
    await migrate(db);
    await loadDemo(db, randomDemoPassword());
    console.log(`demo year loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    app = await buildApp({ db });
    // Server-side time per request (routing to the last byte handed to the socket), to tell the
    // server's share of each latency from the client's and the kernel's.
    const served: { url: string; ms: number }[] = [];
    app.addHook("onResponse", async (request, reply) => {
      served.push({ url: request.url, ms: reply.elapsedTime });
    });
    serverTimes = () => served.splice(0);
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;

    const signIn = async (username: string, role: "county_admin" | "province_viewer", region: string) => {
      await createUser(db.db, "system", { username, role, regionCode: region, password: PASSWORD });
      const res = await fetch(`${base}/api/v1/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status}`);
      return res.headers
        .getSetCookie()
        .find((c) => c.startsWith("shifan_session="))!
        .split(";")[0]!;
    };
    const county = await signIn("loadcounty", "county_admin", COUNTY);
    const province = await signIn("loadprovince", "province_viewer", "13");

    const countyPages: Request[] = [
      `/api/v1/counties/${COUNTY}`,
      `/api/v1/counties/${COUNTY}/villages?page=1&pageSize=50`,
      `/api/v1/counties/${COUNTY}/scorecard`,
      `/api/v1/counties/${COUNTY}/operations`,
      `/api/v1/counties/${COUNTY}/coverage`,
      `/api/v1/counties/${COUNTY}/villages?page=3&pageSize=50&kind=village_committee`,
    ].map((path) => ({ method: "GET", path, headers: { cookie: county } }));
    const provincePages: Request[] = [
      "/api/v1/counties",
      "/api/v1/network/coverage",
      "/api/v1/operations/province",
      `/api/v1/counties/${OTHER}/scorecard`,
      `/api/v1/counties/${OTHER}/villages?page=2&pageSize=50`,
    ].map((path) => ({ method: "GET", path, headers: { cookie: province } }));

    // Device ingest: order batches for the county's demo stations, each order with a fresh id.
    const stations = (
      await db.db
        .selectFrom("stations" as never)
        .select("station_no" as never)
        .where("county_code" as never, "=", COUNTY as never)
        .limit(50)
        .execute()
    ).map((s) => (s as { station_no: string }).station_no);
    if (!stations.length) throw new Error("the demo has no stations in the county");
    const { token } = await createIngestToken({
      db,
      actor: { id: null, name: "load" },
      countyCode: COUNTY,
      name: "load run",
    });
    const batchBody = JSON.stringify(
      Array.from({ length: BATCH }, (_, i) => ({
        sourceId: `load-[<id>]-${i}`,
        stationCode: stations[i % stations.length],
        kind: "代购",
        amountFen: 1000 + i,
        at: "2018-06-01 10:00",
      })),
    );
    const ingest: Partial<autocannon.Options> = {
      connections: 2,
      overallRate: INGEST_RATE,
      idReplacement: true,
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: batchBody,
    };

    const results: Figures[] = [];
    const say = (f: Figures) =>
      console.log(
        `${f.scenario.padEnd(34)} ${String(f.requests).padStart(7)} req  ${String(f.rps).padStart(5)} req/s  ` +
          `p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(5)} ms  ` +
          `errors ${f.errors}  non-2xx ${f.non2xx}  timeouts ${f.timeouts}`,
      );

    // Each page once, unloaded: the floor under every latency below.
    console.log("\nservice time per page, unloaded (median of 5):");
    for (const page of [...countyPages, ...provincePages]) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const res = await fetch(`${base}${page.path}`, { headers: page.headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${page.path}: ${res.status}`);
        times.push(performance.now() - t);
      }
      const median = times.sort((x, y) => x - y)[2]!;
      console.log(`  ${page.path.padEnd(58)} ${median.toFixed(0).padStart(5)} ms`);
    }

    console.log(
      `\n${DURATION} s per scenario; ${CONNECTIONS} users, a page each per ${THINK} s (${CONNECTIONS / THINK} pages/s); ` +
        `ingest ${INGEST_RATE} req/s × ${BATCH} orders`,
    );
    const users = (connections: number) => ({ connections, overallRate: Math.max(1, connections / THINK) });
    serverTimes(); // not the unloaded requests above
    started = performance.now();
    for (const [name, requests] of [
      [`county users (${CONNECTIONS})`, countyPages],
      [`province users (${CONNECTIONS})`, provincePages],
    ] as const) {
      const f = figures(name, await run(name, base, { ...users(CONNECTIONS), requests }), true);
      results.push(f);
      say(f);
      sayServerTimes();
    }
    const alone = figures(
      "device ingest alone",
      await run("ingest", `${base}/api/v1/ingest/orders`, ingest),
      false,
    );
    results.push(alone);
    say(alone);
    sayServerTimes();
    const [mixedCounty, mixedProvince, mixedIngest] = await runTogether([
      { title: "mixed county", url: base, options: { ...users(CONNECTIONS / 2), requests: countyPages } },
      { title: "mixed province", url: base, options: { ...users(CONNECTIONS / 2), requests: provincePages } },
      { title: "mixed ingest", url: `${base}/api/v1/ingest/orders`, options: ingest },
    ]);
    for (const f of [
      figures(`mixed: county users (${CONNECTIONS / 2})`, mixedCounty!, true),
      figures(`mixed: province users (${CONNECTIONS / 2})`, mixedProvince!, true),
      figures("mixed: device ingest", mixedIngest!, false),
    ]) {
      results.push(f);
      say(f);
    }
    sayServerTimes();
    const stress = figures(
      `saturation: county, no think time`,
      await run("saturation", base, { connections: CONNECTIONS, requests: countyPages }),
      false,
    );
    say(stress);
    const accepted = await db.db
      .selectFrom("ingest_orders" as never)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    console.log(
      `ingested orders stored: ${Number((accepted as { n: number }).n)} (${((performance.now() - started) / 1000).toFixed(0)} s of load)`,
    );

    const slow = results.filter((f) => f.pages && f.p99 > PAGE_P99_TARGET_MS);
    const failing = results.filter((f) => f.errors || f.non2xx || f.timeouts);
    console.log(
      `\ntarget pages p99 ≤ ${PAGE_P99_TARGET_MS} ms: ${slow.length ? `MISSED (${slow.map((f) => `${f.scenario} ${f.p99} ms`).join(", ")})` : "met"}`,
    );
    console.log(
      `target zero errors: ${failing.length ? `MISSED (${failing.map((f) => `${f.scenario}: ${f.errors} errors, ${f.non2xx} non-2xx, ${f.timeouts} timeouts`).join("; ")})` : "met"}`,
    );
    process.exitCode = slow.length || failing.length ? 1 : 0;
  } finally {
    await app?.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
