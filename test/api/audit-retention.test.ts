/**
 * Retention and protection of the audit log (issue 9; Cybersecurity Law art. 21 asks for network
 * logs kept at least 180 days). The log is kept indefinitely: nothing prunes it, the database
 * refuses UPDATE, DELETE and (PostgreSQL) TRUNCATE of it, no API route changes it, and the chain's
 * head in `meta` only moves forward — so even an intruder who drops the log's own guards and cuts
 * its oldest or newest entries, or wipes it, is caught by `verifyAuditChain`.
 */
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "../../src/server/platform/audit/audit";
import type { Database } from "../../src/server/platform/db/schema";
import { buildTestApp } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const ENTRIES = 6;
const actor = { id: null, name: "tester" };

const write = (db: Kysely<Database>, i: number) =>
  db
    .transaction()
    .execute((trx) =>
      recordAudit(trx, actor, { action: "test.write", entity: "thing", entityId: String(i), after: { i } }),
    );

const count = async (db: Kysely<Database>) =>
  Number(
    (
      await db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const head = async (db: Kysely<Database>) =>
  (await db.selectFrom("meta").select("value").where("key", "=", "audit_head").executeTakeFirst())?.value;

describe.each(DIALECTS)("retention and protection of the audit log on %s", (dialect) => {
  let db: TestDb;
  const isPg = dialect === "postgres";

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    for (let i = 1; i <= ENTRIES; i++) await write(db.db, i);
  });
  afterAll(() => db.drop());

  it("refuses to update, delete or truncate entries", async () => {
    const k = db.db;
    await expect(
      k.updateTable("audit_log").set({ action: "x" }).where("seq", "=", 1).execute(),
    ).rejects.toThrow(/append-only/);
    // The oldest entry, as a pruning job would remove it, and the whole log at once.
    await expect(k.deleteFrom("audit_log").where("seq", "=", 1).execute()).rejects.toThrow(/append-only/);
    await expect(k.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
    if (isPg) {
      await expect(sql`truncate audit_log`.execute(k)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log, meta cascade`.execute(k)).rejects.toThrow(
        /append-only|audit_head/,
      );
    }
    expect(await count(k)).toBe(ENTRIES);
    expect(await verifyAuditChain(k)).toEqual({ ok: true, entries: ENTRIES, problems: [] });
  });

  it("moves the chain's head only forward, and leaves the rest of meta alone", async () => {
    const k = db.db;
    const rewind = /audit_head only moves forward/;
    await expect(
      k.updateTable("meta").set({ value: "2" }).where("key", "=", "audit_head").execute(),
    ).rejects.toThrow(rewind);
    await expect(
      k.updateTable("meta").set({ key: "audit_head_old" }).where("key", "=", "audit_head").execute(),
    ).rejects.toThrow(rewind);
    await expect(k.deleteFrom("meta").where("key", "=", "audit_head").execute()).rejects.toThrow(rewind);
    await expect(k.deleteFrom("meta").execute()).rejects.toThrow(rewind);
    if (isPg) await expect(sql`truncate meta`.execute(k)).rejects.toThrow(rewind);
    expect(await head(k)).toBe(String(ENTRIES));

    await k.insertInto("meta").values({ key: "test_key", value: "1" }).execute();
    await k.updateTable("meta").set({ value: "0" }).where("key", "=", "test_key").execute();
    await k.deleteFrom("meta").where("key", "=", "test_key").execute();
    await write(k, ENTRIES + 1);
    expect(await head(k)).toBe(String(ENTRIES + 1));
    expect(await verifyAuditChain(k)).toEqual({ ok: true, entries: ENTRIES + 1, problems: [] });
  });

  it("offers no route that changes the log to any role", async () => {
    const app = await buildTestApp(db);
    try {
      const routes = app.routeTable.filter((r) => r.url.includes("audit"));
      expect(routes.length).toBeGreaterThan(0);
      expect(routes.filter((r) => r.method !== "GET")).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it("catches a pruned start, a cut tail and a wiped log once the log's guards are dropped", async () => {
    const k = db.db;
    const last = ENTRIES + 1;
    // What the owner of the tables could do: drop the log's triggers (the head's guard stays).
    if (isPg) {
      await sql`drop trigger audit_log_no_change on audit_log`.execute(k);
      await sql`drop trigger audit_log_no_truncate on audit_log`.execute(k);
    } else {
      await sql`drop trigger audit_log_no_update`.execute(k);
      await sql`drop trigger audit_log_no_delete`.execute(k);
    }
    await k.deleteFrom("audit_log").where("seq", "=", 1).execute();
    let result = await verifyAuditChain(k);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain("entries 1–1 are missing (deleted)");

    await k
      .deleteFrom("audit_log")
      .where("seq", ">", last - 2)
      .execute();
    await expect(
      k
        .updateTable("meta")
        .set({ value: String(last - 2) })
        .where("key", "=", "audit_head")
        .execute(),
    ).rejects.toThrow(/audit_head only moves forward/);
    result = await verifyAuditChain(k);
    expect(result.problems).toContain(`entries after ${last - 2} up to ${last} are missing (deleted)`);

    if (isPg) await sql`truncate audit_log`.execute(k);
    else await k.deleteFrom("audit_log").execute();
    expect(await count(k)).toBe(0);
    result = await verifyAuditChain(k);
    expect(result).toEqual({
      ok: false,
      entries: 0,
      problems: [`entries after 0 up to ${last} are missing (deleted)`],
    });
  });
});
