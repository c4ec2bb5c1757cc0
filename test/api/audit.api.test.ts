import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit, verifyAuditChain } from "../../src/server/platform/audit/audit";
import { isPostgres } from "../../src/server/platform/db/dialect";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

async function dropGuards(db: Kysely<any>) {
  if (isPostgres(db)) await sql`drop trigger audit_log_no_change on audit_log`.execute(db);
  else {
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  }
}

describe.each(DIALECTS)("the hash-chained audit log on %s", (dialect) => {
  let db: TestDb;
  const actor = { id: null, name: "tester" };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    for (let i = 1; i <= 5; i++) {
      await db.db.transaction().execute((trx) =>
        recordAudit(trx, actor, {
          action: "test.write",
          entity: "thing",
          entityId: String(i),
          after: { i, password: "secret-1A" },
        }),
      );
    }
  });
  afterAll(() => db.drop());

  it("verifies an untouched chain and never stores secrets", async () => {
    expect(await verifyAuditChain(db.db)).toEqual({ ok: true, entries: 5, problems: [] });
    const rows = await db.db.selectFrom("audit_log").select("after_json").execute();
    expect(JSON.stringify(rows)).not.toContain("secret-1A");
  });

  it("is append-only in the database itself", async () => {
    await expect(
      db.db.updateTable("audit_log").set({ action: "x" }).where("seq", "=", 2).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.db.deleteFrom("audit_log").where("seq", "=", 2).execute()).rejects.toThrow(/append-only/);
  });

  it("detects an edited entry, a deleted entry and a deleted tail once the guards are bypassed", async () => {
    await dropGuards(db.db);
    await db.db.updateTable("audit_log").set({ after_json: '{"i":99}' }).where("seq", "=", 2).execute();
    let result = await verifyAuditChain(db.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain("entry 2 was altered");
    await db.db.deleteFrom("audit_log").where("seq", "=", 3).execute();
    result = await verifyAuditChain(db.db);
    expect(result.problems.some((p) => p.includes("3–3 are missing"))).toBe(true);
    await db.db.deleteFrom("audit_log").where("seq", "=", 5).execute();
    result = await verifyAuditChain(db.db);
    expect(result.problems.some((p) => p.includes("after 4 up to 5 are missing"))).toBe(true);
  });
});
