/**
 * Graceful shutdown of `shifan serve` (issue 9): on SIGTERM it stops accepting connections, lets
 * the request in flight — here an ingest batch whose body is still arriving — finish and commit,
 * closes the database and exits 0 within a bound. The batch is whole in the database afterwards,
 * the audit chain verifies, and the restarted server stops the same way on SIGINT.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestToken } from "../../src/server/operations/create-ingest-token";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { auditVerify, sleep, startServer, until, withDb } from "../support/server-process";
import { registerStations } from "../support/stations";

const COUNTY = "130533";
const BATCH = 5000;
const EXIT_BOUND_MS = 15_000;

const records = Array.from({ length: BATCH }, (_, i) => ({
  sourceId: `g-${i}`,
  stationCode: `GS-${i % 40}`,
  kind: i % 4 ? "代购" : "代卖",
  amountFen: 100 + ((i * 37) % 9000),
  at: `2018-06-${String(1 + (i % 28)).padStart(2, "0")} 10:15`,
}));

/** Does a new connection to the port get answered at all? */
const accepts = (base: string) =>
  fetch(`${base}/api/v1/health`).then(
    () => true,
    () => false,
  );

describe.each(DIALECTS)("graceful shutdown of shifan serve on %s", (dialect) => {
  let db: TestDb;
  let token: string;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    await registerStations(
      db.db,
      COUNTY,
      Array.from({ length: 40 }, (_, i) => `GS-${i}`),
    );
    ({ token } = await createIngestToken({
      db,
      actor: { id: null, name: "test" },
      countyCode: COUNTY,
      name: "停机测试",
    }));
    await db.close();
  }, 120_000);
  afterAll(async () => {
    await db.drop();
  });

  it("answers the ingest batch in flight at SIGTERM, refuses new connections and exits 0", async () => {
    const server = await startServer(db.url);
    const body = Buffer.from(JSON.stringify(records));
    const half = Math.floor(body.length / 2);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server.base}/api/v1/ingest/orders`,
        {
          method: "POST",
          agent: false,
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "content-length": body.length,
          },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => {
            text += String(chunk);
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      req.write(body.subarray(0, half));
      // The rest of the body is sent once the server has begun stopping.
      void until(() => server.output().includes("stopping on SIGTERM"), 30_000, "the server to stop")
        .then(async () => {
          expect(await accepts(server.base)).toBe(false);
          req.end(body.subarray(half));
        })
        .catch(reject);
    });
    // The request is under way (headers and half the body received) when the signal arrives.
    await sleep(500);
    const signalled = Date.now();
    server.child.kill("SIGTERM");

    const answer = await response;
    expect(answer.status, answer.body).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ received: BATCH, accepted: BATCH, rejected: [] });
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(EXIT_BOUND_MS);
    expect(server.output()).toContain("stopped");

    await withDb(db.url, async (after) => {
      const stored = await after.db
        .withTables<OperationsTables>()
        .selectFrom("ingest_orders")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(BATCH);
      const entries = await after.db
        .selectFrom("audit_log")
        .select("seq")
        .where("action", "=", "operations.ingested")
        .execute();
      expect(entries).toHaveLength(1);
    });
    expect(await auditVerify(db.url)).toContain("审计链完整");
  }, 120_000);

  it("restarts on the same database, serves what was stored and stops on SIGINT", async () => {
    const server = await startServer(db.url);
    const again = await fetch(`${server.base}/api/v1/ingest/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(records.slice(0, 10)),
    });
    // The batch sent before the shutdown is there: the same source ids are duplicates now.
    expect(await again.json()).toMatchObject({ received: 10, accepted: 0, duplicates: 10 });
    const signalled = Date.now();
    server.child.kill("SIGINT");
    expect(await server.exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(EXIT_BOUND_MS);
  }, 120_000);
});
