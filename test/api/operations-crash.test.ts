/**
 * Crash safety of operations data (issue 5, "Done when"): a `shifan import` of a large 物流 CSV
 * killed with SIGKILL while it writes leaves none of the batch (the whole file is one
 * transaction), and a server killed while ingest batches are in flight keeps each batch whole or
 * absent, with rollups equal to the raw rows. Afterwards `shifan audit verify` passes, and the
 * same import run to the end stores every row — so the test can tell the outcomes apart.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestToken } from "../../src/server/operations/create-ingest-token";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import type { Db } from "../../src/server/platform/db/database";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { auditVerify, backendsGone, ended, freePort, sleep, until, withDb } from "../support/server-process";
import { registerStations } from "../support/stations";

const COUNTY = "130533";
const ROWS = 150_000;
const HEADER = "运单号,站点编号,快递企业,发出时间,签收时间,方向,运费(元),重量(千克)";

/** A county's year of waybills as one 物流.csv, large enough that committing it takes a while. */
function writeShipmentCsv(dir: string): string {
  const folder = join(dir, "county-workbook");
  mkdirSync(folder, { recursive: true });
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, "0");
    lines.push(
      `CR${i},CR-${i % 60},${i % 3 ? "中通快递" : "中国邮政EMS"},2018-${month}-${day} 09:00,2018-${month}-${day} 18:30,下行,5.${i % 10}0,`,
    );
  }
  writeFileSync(join(folder, "物流.csv"), `${lines.join("\n")}\n`);
  return folder;
}

/** Has the child's database started writing the import's transaction? */
function writingProbe(db: TestDb): () => Promise<boolean> {
  if (db.dialect === "sqlite") {
    const wal = `${db.url.slice("sqlite:".length)}-wal`;
    // Uncommitted pages spill into the WAL once the page cache is full: the transaction is writing.
    return async () => existsSync(wal) && statSync(wal).size > 2 * 1024 * 1024;
  }
  const name = new URL(db.url).pathname.slice(1);
  return async () => {
    const admin = new pg.Client({ connectionString: process.env.SHIFAN_TEST_PG });
    await admin.connect();
    try {
      // A backend holding a transaction id has written something not yet committed.
      const r = await admin.query(
        "select count(*)::int as n from pg_stat_activity where datname = $1 and backend_xid is not null",
        [name],
      );
      return r.rows[0].n > 0;
    } finally {
      await admin.end();
    }
  };
}

const shifan = (args: string[]) =>
  spawn("node", ["bin/shifan.js", ...args], {
    env: { ...process.env, SHIFAN_LOG: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });

const count = (db: Db, table: keyof OperationsTables) =>
  db.db
    .withTables<OperationsTables>()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

describe.each(DIALECTS)("crash safety of operations writes on %s", (dialect) => {
  let db: TestDb;
  const dir = mkdtempSync(join(tmpdir(), "shifan-crash-"));
  let folder: string;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    // Figures name registered stations only (interfaces.md): the import's CR-* and the ingest's IN-*.
    await registerStations(db.db, COUNTY, [
      ...Array.from({ length: 60 }, (_, i) => `CR-${i}`),
      ...Array.from({ length: 40 }, (_, i) => `IN-${i}`),
    ]);
    // The child processes open the database themselves: close ours (SQLite folds its WAL back in).
    await db.close();
    folder = writeShipmentCsv(dir);
  }, 120_000);
  afterAll(async () => {
    // drop() closes again (harmless) and removes the database.
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps none of a `shifan import` killed while it writes, and all of one run to the end", async () => {
    const child = shifan(["import", folder, "--county", COUNTY, "--db", db.url]);
    const exit = ended(child);
    let finished = false;
    void exit.then(() => {
      finished = true;
    });
    const writing = writingProbe(db);
    await until(async () => finished || (await writing()), 120_000, "the import to start writing");
    child.kill("SIGKILL");
    // Killed mid-write, not after it had finished on its own.
    expect(await exit).toEqual({ code: null, signal: "SIGKILL" });
    await backendsGone(db);

    await withDb(db.url, async (after) => {
      expect(await count(after, "shipments")).toBe(0);
      expect(await count(after, "shipment_months")).toBe(0);
      const imported = await after.db
        .selectFrom("audit_log")
        .select("seq")
        .where("action", "=", "workbook.imported")
        .execute();
      expect(imported).toEqual([]);
    });
    expect(await auditVerify(db.url)).toContain("审计链完整");

    const again = shifan(["import", folder, "--county", COUNTY, "--db", db.url]);
    expect(await ended(again)).toEqual({ code: 0, signal: null });
    await withDb(db.url, async (after) => {
      expect(await count(after, "shipments")).toBe(ROWS);
      const months = await after.db
        .withTables<OperationsTables>()
        .selectFrom("shipment_months")
        .select((eb) => eb.fn.sum<number>("shipments").as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(months.n)).toBe(ROWS);
    });
    expect(await auditVerify(db.url)).toContain("审计链完整");
  }, 300_000);

  it("keeps each ingest batch whole or absent when the server is killed mid-stream", async () => {
    const { token } = await withDb(db.url, (d) =>
      createIngestToken({ db: d, actor: { id: null, name: "test" }, countyCode: COUNTY, name: "崩溃测试" }),
    );
    const port = await freePort();
    const server = shifan(["serve", "--port", String(port), "--host", "127.0.0.1", "--db", db.url]);
    const exit = ended(server);
    let output = "";
    server.stdout!.on("data", (chunk) => {
      output += String(chunk);
    });
    await until(() => output.includes("serving on"), 60_000, "the server to listen");

    const BATCH = 5000;
    const batch = (k: number) =>
      Array.from({ length: BATCH }, (_, i) => ({
        sourceId: `b${k}-${i}`,
        stationCode: `IN-${i % 40}`,
        kind: i % 4 ? "代购" : "代卖",
        amountFen: 100 + ((i * 37) % 9000),
        at: `2018-06-${String(1 + (i % 28)).padStart(2, "0")} ${String(8 + (i % 12)).padStart(2, "0")}:15`,
      }));
    const acknowledged: number[] = [];
    const failed: number[] = [];
    let next = 0;
    let stop = false;
    const send = async () => {
      while (!stop) {
        const k = next++;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/ingest/orders`, {
            method: "POST",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
            body: JSON.stringify(batch(k)),
          });
          if (res.status === 200) acknowledged.push(k);
          else failed.push(k);
        } catch {
          failed.push(k); // the connection died with the server
          return;
        }
      }
    };
    const senders = [send(), send()];
    // Kill while batches are in flight, once a few have been stored.
    await until(() => acknowledged.length >= 3, 60_000, "three batches to be stored");
    await sleep(37);
    server.kill("SIGKILL");
    stop = true;
    await Promise.all(senders);
    expect(await exit).toEqual({ code: null, signal: "SIGKILL" });
    expect(failed.length).toBeGreaterThan(0);
    await backendsGone(db);

    await withDb(db.url, async (after) => {
      const ops = after.db.withTables<OperationsTables>();
      const stored = new Map<string, number>();
      for (const r of await ops.selectFrom("ingest_orders").select("source_id").execute()) {
        const k = r.source_id.split("-")[0]!;
        stored.set(k, (stored.get(k) ?? 0) + 1);
      }
      // Every batch whole or absent; every acknowledged batch whole.
      for (const n of stored.values()) expect(n).toBe(BATCH);
      for (const k of acknowledged) expect(stored.get(`b${k}`), `batch ${k}`).toBe(BATCH);
      // The rollups hold exactly the stored rows.
      const days = await ops
        .selectFrom("station_days")
        .select((eb) => eb.fn.sum<number>("order_records").as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(days.n)).toBe(stored.size * BATCH);
      const months = await ops
        .selectFrom("station_months")
        .select((eb) => eb.fn.sum<number>("order_records").as("n"))
        .where("source", "=", "ingest")
        .executeTakeFirstOrThrow();
      expect(Number(months.n)).toBe(stored.size * BATCH);
      // One audit entry per stored batch.
      const entries = await after.db
        .selectFrom("audit_log")
        .select("seq")
        .where("action", "=", "operations.ingested")
        .execute();
      expect(entries).toHaveLength(stored.size);
    });
    expect(await auditVerify(db.url)).toContain("审计链完整");
  }, 300_000);
});
