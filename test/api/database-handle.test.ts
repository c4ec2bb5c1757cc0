/**
 * databaseOf finds the handle openDatabase returned from any Kysely object of it — the instance,
 * a withTables() view, a transaction — so code handed only a query builder (a sheet handler) can
 * still reach what the handle knows (its URL, for the installation key).
 */

import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseOf } from "../../src/server/platform/db/database";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

describe.each(DIALECTS)("databaseOf on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("finds the handle from the instance, a view and a transaction; refuses a stranger", async () => {
    expect(databaseOf(db.db).url).toBe(db.url);
    expect(databaseOf(db.db.withTables<{ extra: { id: string } }>()).url).toBe(db.url);
    const inside = await db.db.transaction().execute(async (trx) => databaseOf(trx).url);
    expect(inside).toBe(db.url);
    const stranger = new Kysely<any>({
      dialect: new SqliteDialect({ database: new SqliteDatabase(":memory:") }),
    });
    try {
      expect(() => databaseOf(stranger)).toThrow(/not a Kysely instance opened by openDatabase/);
    } finally {
      await stranger.destroy();
    }
  });
});
