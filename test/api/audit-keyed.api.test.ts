/**
 * Issue 14, finding 2: the keyed audit chain and its signed checkpoints. Whoever has the database
 * but not the installation key can no longer edit an entry and recompute the later hashes; an
 * upgraded database keeps its plain SHA-256 entries up to a MACed cut-over; a checkpoint kept
 * elsewhere catches a truncation and a rewrite by someone who does hold the key.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  entryHash,
  prepareAuditChain,
  recordAudit,
  verifyAuditChain,
} from "../../src/server/platform/audit/audit";
import { checkAgainstCheckpoint } from "../../src/server/platform/audit/audit-checkpoint";
import { openDatabase } from "../../src/server/platform/db/database";
import { isPostgres } from "../../src/server/platform/db/dialect";
import type { Database } from "../../src/server/platform/db/schema";
import { installationSecret } from "../../src/server/platform/secrets/installation-secret";
import { buildTestApp, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const run = promisify(execFile);
const actor = { id: null, name: "tester" };

/** What an insider with the database file (or its owner role) can do: drop the guards. */
async function dropGuards(db: Kysely<any>) {
  if (isPostgres(db)) {
    await sql`drop trigger if exists audit_log_no_change on audit_log`.execute(db);
    await sql`drop trigger if exists meta_audit_head_forward on meta`.execute(db);
  } else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
    await sql`drop trigger if exists meta_audit_head_no_rewind`.execute(db);
    await sql`drop trigger if exists meta_audit_head_no_delete`.execute(db);
  }
}

const write = (db: Kysely<Database>, n: number, from = 1) =>
  (async () => {
    for (let i = from; i < from + n; i++) {
      await db
        .transaction()
        .execute((trx) =>
          recordAudit(trx, actor, { action: "test.write", entity: "thing", entityId: String(i) }),
        );
    }
  })();

/** Edits entry `seq` and recomputes every later entry's hash, as an insider with the file would. */
async function rewriteFrom(db: Kysely<Database>, seq: number, key?: Buffer) {
  await db.updateTable("audit_log").set({ after_json: '{"forged":true}' }).where("seq", "=", seq).execute();
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("seq", ">=", seq - 1)
    .orderBy("seq")
    .execute();
  let prev = rows[0]!.seq === seq ? undefined : rows[0]!.hash;
  for (const raw of rows) {
    if (Number(raw.seq) < seq) continue;
    const row = { ...raw, seq: Number(raw.seq), prev_hash: prev ?? raw.prev_hash };
    const hash = entryHash(row, key);
    await db
      .updateTable("audit_log")
      .set({ prev_hash: row.prev_hash, hash })
      .where("seq", "=", row.seq)
      .execute();
    prev = hash;
  }
}

describe.each(DIALECTS)("the keyed audit chain on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: string;
  let key: Buffer;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    app = await buildTestApp(db);
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
    key = await installationSecret(db, "audit.chain_hmac_key");
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("keys every entry of a new database: plain SHA-256 hashes do not verify", async () => {
    await write(db.db, 4);
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true, problems: [] });
    const row = await db.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", "=", 2)
      .executeTakeFirstOrThrow();
    const fields = { ...row, seq: Number(row.seq) };
    expect(row.hash).toBe(entryHash(fields, key));
    expect(row.hash).not.toBe(entryHash(fields));
  });

  it("exports a signed checkpoint to province admins only, and the chain matches it", async () => {
    const viewer = await signedIn(app, db, "province_viewer", "13");
    const refused = await app.inject({
      method: "GET",
      url: "/api/v1/audit/checkpoint",
      headers: { cookie: viewer.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/audit/checkpoint",
      headers: { cookie: province },
    });
    expect(res.statusCode).toBe(200);
    const checkpoint = res.json();
    expect(checkpoint).toMatchObject({ format: "shifan-audit-checkpoint/1", headSeq: expect.any(Number) });
    expect(checkpoint.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(await checkAgainstCheckpoint(db.db, checkpoint)).toEqual([]);
    // A checkpoint altered by hand is refused.
    const forged = { ...checkpoint, headSeq: checkpoint.headSeq - 1 };
    expect((await checkAgainstCheckpoint(db.db, forged))[0]).toMatch(/signature/);
  });

  it("catches an edit whose later hashes were all recomputed as plain SHA-256 (no key)", async () => {
    await dropGuards(db.db);
    await rewriteFrom(db.db, 2);
    const result = await verifyAuditChain(db.db);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain("entry 2 was altered");
  });

  it("with the key, a rewrite passes the chain but not a checkpoint taken before it; nor a truncation", async () => {
    const checkpoint = (
      await app.inject({ method: "GET", url: "/api/v1/audit/checkpoint", headers: { cookie: province } })
    ).json();
    // Undo the keyless forgery first: rewrite with the key, as someone holding the key file would.
    await rewriteFrom(db.db, 1, key);
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    expect((await checkAgainstCheckpoint(db.db, checkpoint))[0]).toMatch(/differs from the checkpoint/);
    // Truncated after the checkpoint (its head and what follows deleted, the kept head moved back):
    // the chain alone looks whole, the checkpoint does not.
    await db.db.deleteFrom("audit_log").where("seq", ">=", checkpoint.headSeq).execute();
    await db.db
      .updateTable("meta")
      .set({ value: String(checkpoint.headSeq - 1) })
      .where("key", "=", "audit_head")
      .execute();
    expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
    expect((await checkAgainstCheckpoint(db.db, checkpoint))[0]).toMatch(/missing: the log was truncated/);
  });

  it("keeps an upgraded database's plain entries up to a MACed cut-over that cannot be moved or dropped", async () => {
    // An older version's chain: plain SHA-256 entries, no cut-over record.
    await db.db.deleteFrom("audit_log").execute();
    await db.db.deleteFrom("meta").where("key", "in", ["audit_keyed_from", "audit_head"]).execute();
    let prev = "0".repeat(64);
    for (let seq = 1; seq <= 3; seq++) {
      const row = {
        seq,
        at: "2026-11-01T09:00:00.000+08:00",
        actor_id: null,
        actor_name: "old",
        action: "legacy.write",
        entity: "thing",
        entity_id: String(seq),
        county_code: null,
        before_json: null,
        after_json: null,
        prev_hash: prev,
      };
      prev = entryHash(row);
      await db.db
        .insertInto("audit_log")
        .values({ ...row, hash: prev })
        .execute();
    }
    // The new version starts (a fresh handle: nothing cached), records the cut-over, writes on.
    const upgraded = openDatabase(db.url);
    try {
      await prepareAuditChain(upgraded);
      const cutOver = JSON.parse(
        (
          await upgraded.db
            .selectFrom("meta")
            .select("value")
            .where("key", "=", "audit_keyed_from")
            .executeTakeFirstOrThrow()
        ).value,
      );
      expect(cutOver).toMatchObject({ from: 4, prev });
      await write(upgraded.db, 2, 4);
      expect(await verifyAuditChain(upgraded.db)).toMatchObject({ ok: true, entries: 5 });
      // A plain entry edited and the plain hashes up to the cut-over recomputed: the first keyed
      // entry no longer follows.
      await upgraded.db
        .updateTable("audit_log")
        .set({ after_json: '{"forged":true}' })
        .where("seq", "=", 2)
        .execute();
      const rows = await upgraded.db
        .selectFrom("audit_log")
        .selectAll()
        .where("seq", "<=", 3)
        .orderBy("seq")
        .execute();
      let p = rows[0]!.hash;
      for (const raw of rows.slice(1)) {
        const row = { ...raw, seq: Number(raw.seq), prev_hash: p };
        p = entryHash(row);
        await upgraded.db
          .updateTable("audit_log")
          .set({ prev_hash: row.prev_hash, hash: p })
          .where("seq", "=", row.seq)
          .execute();
      }
      const edited = await verifyAuditChain(upgraded.db);
      expect(edited.problems).toContain("entry 4 does not follow the entry before it");
      // Moving the cut-over past the head, to pass keyed entries off as plain: refused.
      const moved = { ...cutOver, from: 99 };
      await upgraded.db
        .updateTable("meta")
        .set({ value: JSON.stringify(moved) })
        .where("key", "=", "audit_keyed_from")
        .execute();
      expect((await verifyAuditChain(upgraded.db)).problems).toContain(
        "the keyed cut-over record (meta audit_keyed_from) was altered or moved",
      );
      await upgraded.db.deleteFrom("meta").where("key", "=", "audit_keyed_from").execute();
      expect((await verifyAuditChain(upgraded.db)).problems).toContain(
        "the keyed cut-over record (meta audit_keyed_from) is missing",
      );
    } finally {
      await upgraded.close();
    }
  });
});

describe.each(DIALECTS)("shifan audit checkpoint / verify --checkpoint on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    await write(db.db, 3);
  });
  afterAll(() => db.drop());

  it("exits 0 against a fresh checkpoint and 1 once the log was truncated after it", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "shifan-cp-")), "checkpoint.json");
    await run("node", ["bin/shifan.js", "audit", "checkpoint", "--out", file, "--db", db.url]);
    const checkpoint = JSON.parse(readFileSync(file, "utf8"));
    expect(checkpoint.headSeq).toBe(3);
    const ok = await run("node", ["bin/shifan.js", "audit", "verify", "--checkpoint", file, "--db", db.url]);
    expect(ok.stdout).toContain("matches the checkpoint");
    await dropGuards(db.db);
    await db.db.deleteFrom("audit_log").where("seq", ">=", 3).execute();
    await db.db.updateTable("meta").set({ value: "2" }).where("key", "=", "audit_head").execute();
    const broken = await run("node", [
      "bin/shifan.js",
      "audit",
      "verify",
      "--checkpoint",
      file,
      "--db",
      db.url,
    ]).catch((e: { code: number; stdout: string }) => e);
    expect((broken as { code: number }).code).toBe(1);
    expect((broken as { stdout: string }).stdout).toContain("truncated");
    writeFileSync(file, JSON.stringify({ ...checkpoint, count: 1 }));
    const forged = await run("node", [
      "bin/shifan.js",
      "audit",
      "verify",
      "--checkpoint",
      file,
      "--db",
      db.url,
    ]).catch((e: { code: number; stdout: string }) => e);
    expect((forged as { stdout: string }).stdout).toContain("signature");
  }, 240_000); // four runs of the CLI, each compiling and opening the database
});
