/**
 * Migrations run in one order everywhere: names are strictly ordered (date, then sequence), none is
 * dated after the day it is written, the migrator refuses to apply a migration named before one a
 * database already has (so a fresh and an upgraded database can never differ in order), and a
 * database upgraded one migration at a time ends with the same schema as a fresh one.
 */
import { type Kysely, type Migration, Migrator, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { allMigrations } from "../../src/server/domains";
import { runMigrations } from "../../src/server/platform/db/migrate";
import { chinaDate } from "../../src/server/platform/time/china-time";
import { createEmptyTestDb, DIALECTS, type TestDb } from "../support/databases";

const NAME = /^(\d{4}-\d{2}-\d{2})-(\d{4})-[a-z0-9]+(-[a-z0-9]+)*$/;
const names = Object.keys(allMigrations()).sort();

/** The schema as the database describes it: tables, columns, indexes (no data). */
async function schemaOf(db: TestDb): Promise<string[]> {
  if (db.dialect === "sqlite") {
    const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master
      where name not like 'sqlite_%' and name not like 'kysely_%' order by type, name`.execute(db.db);
    return rows.map((r) => `${r.type} ${r.name}: ${r.sql ?? ""}`);
  }
  const columns = await sql<Record<string, string>>`
    select table_name, column_name, data_type, is_nullable, coalesce(column_default, '') as column_default
    from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name, column_name`.execute(db.db);
  const indexes = await sql<Record<string, string>>`
    select indexname, indexdef from pg_indexes
    where schemaname = 'public' and tablename not like 'kysely_%' order by indexname`.execute(db.db);
  return [...columns.rows, ...indexes.rows].map((r) => Object.values(r).join(" | "));
}

describe("migration names", () => {
  it("are dated, sequenced and unique", () => {
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(name).toMatch(NAME);
    expect(new Set(names).size).toBe(names.length);
  });

  it("are dated no later than today in China (a later date would sort after tomorrow's migration)", () => {
    const today = chinaDate();
    expect(names.filter((n) => n.slice(0, 10) > today)).toEqual([]);
  });
});

describe.each(DIALECTS)("migrations on %s", (dialect) => {
  const dbs: TestDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.drop();
  });
  const newDb = async () => {
    const db = await createEmptyTestDb(dialect);
    dbs.push(db);
    return db;
  };

  it("upgraded one migration at a time, a database ends with the schema of a fresh one", async () => {
    const fresh = await newDb();
    await runMigrations(fresh.db, allMigrations());
    const stepwise = await newDb();
    const all = allMigrations();
    const migrator = new Migrator({
      db: stepwise.db as Kysely<unknown>,
      provider: { getMigrations: async () => all },
    });
    for (const name of names) {
      const { error } = await migrator.migrateTo(name);
      expect(error).toBeUndefined();
    }
    expect(await schemaOf(stepwise)).toEqual(await schemaOf(fresh));
  });

  it("refuses a migration named before one the database already has", async () => {
    const db = await newDb();
    const all = allMigrations();
    const skipped = names[Math.floor(names.length / 2)]!;
    const without: Record<string, Migration> = Object.fromEntries(
      Object.entries(all).filter(([name]) => name !== skipped),
    );
    await runMigrations(db.db, without);
    await expect(runMigrations(db.db, all)).rejects.toThrow(/order|corrupted|missing|unordered/i);
  });
});
