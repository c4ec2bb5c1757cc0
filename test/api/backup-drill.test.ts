/**
 * The backup and restore drill: a backup taken while the API keeps writing — people's forms and
 * devices' ingest batches — must restore to exactly
 * one moment of the source — the state right after one of the writes, nothing half-written — with
 * the audit chain intact. SQLite through `shifan backup` / `shifan restore` (the CLI in a child
 * process, as an operator runs it); PostgreSQL through `pg_dump -Fc` / `pg_restore`, as the README
 * documents, when SHIFAN_TEST_PG names a server and the client tools are installed.
 */
import { execFile, execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { type Db, openDatabase } from "../../src/server/platform/db/database";
import { migrate } from "../../src/server/setup";
import { buildTestApp, signedIn } from "../support/app";
import type { TestDb } from "../support/databases";

const run = promisify(execFile);
const OWN = "130533";
const PG_URL = process.env.SHIFAN_TEST_PG;
const HAS_PG_TOOLS = (() => {
  try {
    execFileSync("pg_dump", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
// Sessions change on every request (last seen) and are not part of what a backup must prove.
const VOLATILE = new Set(["sessions"]);

type State = { auditHead: number; auditHash: string; counts: Record<string, number>; checksum: string };

/** What must survive: the audit head, every table's row count and a checksum of the tables written. */
async function stateOf(db: Db): Promise<State> {
  const k = db.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const head = await db.db
    .selectFrom("audit_log")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  const tables = (await db.db.introspection.getTables())
    .map((t) => t.name)
    .filter((t) => !VOLATILE.has(t) && !t.startsWith("kysely_"))
    .sort();
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const row = await k
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  const hash = createHash("sha256");
  for (const t of ["local_products", "users", "meta", "ingest_orders", "station_days"]) {
    const rows = await k.selectFrom(t).selectAll().execute();
    const lines = rows.map((r) =>
      JSON.stringify(Object.entries(r).map(([c, v]) => [c, v === null ? null : String(v)])),
    );
    for (const line of lines.sort()) hash.update(`${t}\n${line}\n`);
  }
  return { auditHead: Number(head.seq), auditHash: head.hash, counts, checksum: hash.digest("hex") };
}

/**
 * Writes through the API (audited products and accounts) until stopped, recording the state after
 * each write; `backup` runs once enough writes went before it, and writes go on after it.
 */
async function drill(
  db: Db,
  backup: () => Promise<void>,
): Promise<{ states: Map<number, State>; first: number; last: number }> {
  const app: FastifyInstance = await buildTestApp(db as TestDb);
  try {
    const county = (await signedIn(app, db as TestDb, "county_admin", OWN)).cookie;
    // A station and a device token, so that ingest batches go on beside people's writes.
    const village = await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", OWN)
      .where("village_kind", "=", "village_committee")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    const station = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/stations`,
      headers: { cookie: county },
      payload: { stationNo: "DRILL-1", villageCode: village.code },
    });
    expect(station.statusCode, station.body).toBe(201);
    const tokenRes = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/ingest-tokens`,
      headers: { cookie: county },
      payload: { name: "演练设备" },
    });
    expect(tokenRes.statusCode, tokenRes.body).toBe(201);
    const { token } = tokenRes.json() as { token: string };
    const states = new Map<number, State>();
    const record = async () => {
      const state = await stateOf(db);
      states.set(state.auditHead, state);
    };
    await record();
    let writes = 0;
    let stop = false;
    // When each request was in flight, to show that one overlapped the backup.
    const spans: [number, number][] = [];
    let inFlight = false;
    const timed = async <T>(request: Promise<T>): Promise<T> => {
      const start = performance.now();
      inFlight = true;
      try {
        return await request;
      } finally {
        inFlight = false;
        spans.push([start, performance.now()]);
      }
    };
    const writer = (async () => {
      while (!stop) {
        writes++;
        if (writes % 3 === 1) {
          const batch = await timed(
            app.inject({
              method: "POST",
              url: "/api/v1/ingest/orders",
              headers: { authorization: `Bearer ${token}` },
              payload: Array.from({ length: 20 }, (_, i) => ({
                sourceId: `drill-${writes}-${i}`,
                stationCode: "DRILL-1",
                kind: "代购",
                amountFen: 1_000 + writes + i,
                at: "2018-06-01 10:00",
              })),
            }),
          );
          if (batch.statusCode !== 200)
            throw new Error(`ingest ${writes}: ${batch.statusCode} ${batch.body}`);
          await record();
          continue;
        }
        const res = await timed(
          writes % 10 === 0
            ? app.inject({
                method: "POST",
                url: "/api/v1/users",
                headers: { cookie: county },
                payload: {
                  username: `drill${writes}`,
                  role: "county_viewer",
                  regionCode: OWN,
                  password: "Drill-Pass-2017",
                },
              })
            : app.inject({
                method: "POST",
                url: `/api/v1/counties/${OWN}/local-products`,
                headers: { cookie: county },
                payload: {
                  name: `（演练）产品${writes}`,
                  category: "果品",
                  annualVolume: writes,
                  volumeUnit: "吨",
                  seasonFrom: 1,
                  seasonTo: 12,
                },
              }),
        );
        if (res.statusCode !== 201) throw new Error(`write ${writes}: ${res.statusCode} ${res.body}`);
        await record();
      }
    })();
    const until = async (n: number) => {
      while (writes < n) await new Promise((r) => setTimeout(r, 10));
    };
    await until(20);
    // Start the backup while a write is in flight, and let writes go on during and after it.
    while (!inFlight) await new Promise((r) => setImmediate(r));
    const backupStart = performance.now();
    await backup();
    const backupEnd = performance.now();
    await until(writes + 20);
    stop = true;
    await writer;
    expect(spans.some(([start, end]) => start < backupEnd && end > backupStart)).toBe(true);
    return { states, first: Math.min(...states.keys()), last: Math.max(...states.keys()) };
  } finally {
    await app.close();
  }
}

describe("backup and restore while the API writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "shifan-drill-"));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  it("SQLite: `shifan backup` during writes restores, via `shifan restore`, to one exact moment", async () => {
    const source = openDatabase(`sqlite:${join(dir, "live.db")}`);
    cleanups.push(() => source.close());
    await migrate(source, { counties: [OWN] });
    const backupFile = join(dir, "live.backup.db");
    const { states, first, last } = await drill(source, async () => {
      const { stdout } = await run(
        process.execPath,
        ["bin/shifan.js", "backup", backupFile, "--db", `sqlite:${join(dir, "live.db")}`],
        { cwd: process.cwd() },
      );
      expect(stdout).toContain("backup written");
    });
    const restoredPath = join(dir, "restored.db");
    const { stdout } = await run(process.execPath, [
      "bin/shifan.js",
      "restore",
      backupFile,
      "--db",
      `sqlite:${restoredPath}`,
    ]);
    expect(stdout).toContain("audit chain verified");
    // Restoring over an existing file is refused: a restore never overwrites.
    await expect(
      run(process.execPath, ["bin/shifan.js", "restore", backupFile, "--db", `sqlite:${restoredPath}`]),
    ).rejects.toThrow(/exists/);

    const restored = openDatabase(`sqlite:${restoredPath}`);
    cleanups.push(() => restored.close());
    const state = await stateOf(restored);
    // Writes went before the backup and on after it; it holds exactly the state after one of them.
    expect(state.auditHead).toBeGreaterThan(first);
    expect(state.auditHead).toBeLessThan(last);
    expect(states.get(state.auditHead), "the backup matches the source right after one write").toEqual(state);
    expect(await verifyAuditChain(restored.db)).toMatchObject({ ok: true, entries: state.auditHead });
  }, 120_000);

  it.runIf(PG_URL && HAS_PG_TOOLS)(
    "PostgreSQL: `pg_dump -Fc` during writes, `pg_restore` into a new database, to one exact moment",
    async () => {
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      const names = [
        `shifan_drill_${randomBytes(4).toString("hex")}`,
        `shifan_drill_${randomBytes(4).toString("hex")}`,
      ];
      for (const name of names) await admin.query(`create database ${name}`);
      cleanups.push(async () => {
        for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const urlOf = (name: string) => {
        const url = new URL(PG_URL!);
        url.pathname = `/${name}`;
        return url.toString();
      };
      const [live, copy] = names.map(urlOf) as [string, string];
      const source = openDatabase(live);
      await migrate(source, { counties: [OWN] });
      const dump = join(dir, "live.dump");
      let result: Awaited<ReturnType<typeof drill>>;
      try {
        result = await drill(source, async () => {
          await run("pg_dump", ["-Fc", "-f", dump, live]);
        });
      } finally {
        await source.close();
      }
      await run("pg_restore", ["--no-owner", "-d", copy, dump]);
      const { stdout } = await run(process.execPath, ["bin/shifan.js", "audit", "verify", "--db", copy]);
      expect(stdout).toContain("audit chain intact");
      const restored = openDatabase(copy);
      try {
        const state = await stateOf(restored);
        expect(state.auditHead).toBeGreaterThan(result.first);
        expect(state.auditHead).toBeLessThan(result.last);
        expect(
          result.states.get(state.auditHead),
          "the dump matches the source right after one write",
        ).toEqual(state);
      } finally {
        await restored.close();
      }
    },
    120_000,
  );
});
