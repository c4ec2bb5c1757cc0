/**
 * Test databases for every dialect: a fresh SQLite file always, and a fresh PostgreSQL database
 * when SHIFAN_TEST_PG names a server (CI sets it). Suites loop over `DIALECTS`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type Db, type DialectName, openDatabase } from "../../src/server/platform/db/database";
import { type MigrateOptions, migrate } from "../../src/server/setup";

const PG_URL = process.env.SHIFAN_TEST_PG;

export const DIALECTS: DialectName[] = PG_URL ? ["sqlite", "postgres"] : ["sqlite"];

if (!PG_URL && !process.env.SHIFAN_PG_SKIP_NOTED) {
  process.env.SHIFAN_PG_SKIP_NOTED = "1";
  console.warn("SHIFAN_TEST_PG is not set: PostgreSQL variants of the API suites are skipped.");
}

export type TestDb = Db & { drop(): Promise<void> };

/** A new empty database of the dialect, migrated with reference data (optionally fewer counties). */
export async function createTestDb(dialect: DialectName, options: MigrateOptions = {}): Promise<TestDb> {
  let db: Db;
  let cleanup: () => Promise<void>;
  if (dialect === "postgres") {
    if (!PG_URL) throw new Error("SHIFAN_TEST_PG is not set");
    // Without this the installation key file would default to ./data/shifan.key in the repository.
    if (!process.env.SHIFAN_SECRET_KEY_FILE) {
      const keyDir = mkdtempSync(join(tmpdir(), "shifan-key-"));
      process.once("exit", () => rmSync(keyDir, { recursive: true, force: true }));
      process.env.SHIFAN_SECRET_KEY_FILE = join(keyDir, "shifan.key");
    }
    const name = `shifan_t_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    db = openDatabase(url.toString());
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "shifan-test-"));
    db = openDatabase(`sqlite:${join(dir, "test.db")}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await migrate(db, options);
  return {
    ...db,
    async drop() {
      await db.close();
      await cleanup();
    },
  };
}
