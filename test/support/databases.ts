/**
 * Test databases for every dialect: a fresh SQLite file always, and a fresh PostgreSQL database
 * when SHIFAN_TEST_PG names a server (CI sets it). Suites loop over `DIALECTS`.
 */
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
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

/**
 * Migrating a new database (schema and the region tree) costs seconds, and the suites make a hundred
 * and more. Within one test run (test/support/global-setup.ts names a run folder and a run id) each
 * dialect migrates once per set of options into a template; every test then gets a copy: a file
 * copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Without a run folder (a file run on
 * its own with another config) each database is migrated from scratch, as before.
 */
const RUN_DIR = process.env.SHIFAN_TEST_RUN_DIR;
const RUN_ID = process.env.SHIFAN_TEST_RUN_ID;

function templateKey(options: MigrateOptions): string {
  const counties = options.counties ? [...options.counties].sort().join(",") : "all";
  return createHash("sha256").update(counties).digest("hex").slice(0, 12);
}

/** The migrated SQLite template for `options`, built once per run (atomically renamed into place). */
async function sqliteTemplate(options: MigrateOptions): Promise<string | undefined> {
  if (!RUN_DIR) return undefined;
  const path = join(RUN_DIR, `template-${templateKey(options)}.db`);
  if (existsSync(path)) return path;
  const building = join(RUN_DIR, `building-${randomBytes(6).toString("hex")}.db`);
  const db = openDatabase(`sqlite:${building}`);
  await migrate(db, options);
  await db.close();
  renameSync(building, path);
  return path;
}

/** Runs `work` with an admin connection to the PostgreSQL server, under a lock taken on `lockKey`. */
async function withAdmin<T>(lockKey: string | undefined, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    if (lockKey) await admin.query("select pg_advisory_lock(hashtext($1))", [lockKey]);
    return await work(admin);
  } finally {
    await admin.end();
  }
}

const databaseUrl = (name: string) => {
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The migrated PostgreSQL template database for `options`, built once per run under a lock. */
async function postgresTemplate(options: MigrateOptions): Promise<string | undefined> {
  if (!RUN_ID) return undefined;
  const name = `shifan_tpl_${RUN_ID}_${templateKey(options)}`;
  return withAdmin(name, async (admin) => {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount) return name;
    await admin.query(`create database ${name}`);
    const db = openDatabase(databaseUrl(name));
    await migrate(db, options);
    await db.close();
    return name;
  });
}

/** `create database … template …`, retried while another copy of the same template is being made. */
async function copyPostgresTemplate(name: string, template: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await withAdmin(undefined, (admin) => admin.query(`create database ${name} template ${template}`));
      return;
    } catch (error) {
      // 55006: "source database is being accessed by other users".
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** A new database of the dialect, migrated with reference data (optionally fewer counties). */
export async function createTestDb(dialect: DialectName, options: MigrateOptions = {}): Promise<TestDb> {
  return newTestDb(dialect, options);
}

/** A new database of the dialect with nothing in it (for tests of the migrations themselves). */
export async function createEmptyTestDb(dialect: DialectName): Promise<TestDb> {
  return newTestDb(dialect, "empty");
}

async function newTestDb(dialect: DialectName, options: MigrateOptions | "empty"): Promise<TestDb> {
  let db: Db;
  let cleanup: () => Promise<void>;
  let migrated = false;
  if (dialect === "postgres") {
    if (!PG_URL) throw new Error("SHIFAN_TEST_PG is not set");
    // Without this the installation key file would default to ./data/shifan.key in the repository.
    if (!process.env.SHIFAN_SECRET_KEY_FILE) {
      const keyDir = mkdtempSync(join(tmpdir(), "shifan-key-"));
      process.once("exit", () => rmSync(keyDir, { recursive: true, force: true }));
      process.env.SHIFAN_SECRET_KEY_FILE = join(keyDir, "shifan.key");
    }
    const name = `shifan_t_${randomBytes(5).toString("hex")}`;
    const template = options === "empty" ? undefined : await postgresTemplate(options);
    if (template) {
      await copyPostgresTemplate(name, template);
      migrated = true;
    } else {
      await withAdmin(undefined, (admin) => admin.query(`create database ${name}`));
    }
    db = openDatabase(databaseUrl(name));
    cleanup = () =>
      withAdmin(undefined, (admin) => admin.query(`drop database if exists ${name} with (force)`)).then(
        () => {},
      );
  } else {
    const dir = mkdtempSync(join(tmpdir(), "shifan-test-"));
    const file = join(dir, "test.db");
    const template = options === "empty" ? undefined : await sqliteTemplate(options);
    if (template) {
      copyFileSync(template, file);
      migrated = true;
    }
    db = openDatabase(`sqlite:${file}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // A copy is already migrated; migrating again is a no-op that proves it (and applies nothing new).
  if (!migrated && options !== "empty") await migrate(db, options);
  return {
    ...db,
    async drop() {
      await db.close();
      await cleanup();
    },
  };
}
