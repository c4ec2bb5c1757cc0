/**
 * Opens the database named by a URL: `sqlite:PATH` (embedded default, WAL) or `postgres://…`.
 * Everything dialect-specific lives in this folder.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { WaitingSqliteDialect } from "./sqlite-waiting";

export type DialectName = "sqlite" | "postgres";

export type Db = {
  db: Kysely<Database>;
  dialect: DialectName;
  url: string;
  /** The better-sqlite3 handle, for the online backup API (SQLite only). */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
};

export const DEFAULT_DATABASE_URL = "sqlite:./data/shifan.db";

// int8 (count(*), bigint money) arrives as a string from pg; fen amounts stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));

// Lets code holding only the Kysely instance (sheet handlers, repositories) reach its handle's URL.
// Keyed by the Kysely adapter, which an instance shares with its transactions and withTables() views.
const handles = new WeakMap<object, Db>();

/** The handle `openDatabase` returned for this Kysely instance, a transaction or a view of it. */
export function databaseOf(db: Kysely<any>): Db {
  const handle = handles.get(db.getExecutor().adapter);
  if (!handle) throw new Error("databaseOf: not a Kysely instance opened by openDatabase");
  return handle;
}

const registered = (handle: Db): Db => {
  handles.set(handle.db.getExecutor().adapter, handle);
  return handle;
};

export function openDatabase(url: string = DEFAULT_DATABASE_URL): Db {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // An idle client whose server connection ends (restart, failover, a dropped test database)
    // emits an error; unhandled it would crash the process. The pool replaces the client.
    pool.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") console.error("PostgreSQL idle client error:", error.message);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return registered({ db, dialect: "postgres", url, close: () => db.destroy() });
  }
  if (!url.startsWith("sqlite:")) {
    throw new Error(`Unsupported database URL "${url}": use sqlite:PATH or postgres://…`);
  }
  const path = url.slice("sqlite:".length);
  if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  // Several connections may share the file (an import's worker thread, `shifan import`): see
  // sqlite-waiting.ts for how they wait for each other without stalling the event loop.
  const db = new Kysely<Database>({ dialect: new WaitingSqliteDialect(sqlite) });
  return registered({ db, dialect: "sqlite", url, sqlite, close: () => db.destroy() });
}
