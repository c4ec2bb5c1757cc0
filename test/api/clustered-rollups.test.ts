/**
 * The rollup tables on SQLite are stored in their key's order (WITHOUT ROWID, migration
 * 2026-12-02-2300-clustered-rollups); rebuilding them either way keeps every row, the secondary
 * index and the upserts that add into them.
 */
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { down, up } from "../../src/server/operations/migrations/2026-12-02-2300-clustered-rollups";
import { createTestDb, type TestDb } from "../support/databases";

const TABLES = ["station_days", "station_months", "shipment_months", "delivery_buckets", "upward_fee_months"];

async function definitions(db: TestDb) {
  const { rows } = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where name in (${sql.join([...TABLES, "station_months_county_month"])})
    order by name`.execute(db.db);
  return rows;
}

const stationDays = (db: TestDb) =>
  sql<Record<string, unknown>>`select * from station_days order by county_code, station_code, day`.execute(
    db.db,
  );

describe("clustered rollups (SQLite)", () => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.drop();
    db = undefined;
  });

  it("stores the rollups without rowid, and rebuilds them both ways with their rows and index", async () => {
    db = await createTestDb("sqlite", { counties: ["130533"] });
    const tables = (await definitions(db)).filter((d) => TABLES.includes(d.name));
    expect(tables).toHaveLength(TABLES.length);
    for (const t of tables) expect(t.sql).toMatch(/\) without rowid$/i);

    await sql`insert into station_days (county_code, station_code, day, orders, amount_fen, order_records, online_minutes, uptime_records)
      values ('130533', 'BS-1', '2018-05-01', 3, 900, 3, 600, 1), ('130533', 'BS-2', '2018-05-01', 1, 100, 1, 0, 0)`.execute(
      db.db,
    );
    const before = (await stationDays(db)).rows;
    await down(db.db);
    for (const t of (await definitions(db)).filter((d) => TABLES.includes(d.name)))
      expect(t.sql).not.toMatch(/without rowid/i);
    expect((await stationDays(db)).rows).toEqual(before);
    await up(db.db);
    expect((await stationDays(db)).rows).toEqual(before);
    expect((await definitions(db)).map((d) => d.name)).toContain("station_months_county_month");

    // The additive upsert still finds its row by the key.
    await sql`insert into station_days (county_code, station_code, day, orders, amount_fen, order_records, online_minutes, uptime_records)
      values ('130533', 'BS-1', '2018-05-01', 1, 50, 1, 0, 0)
      on conflict (county_code, station_code, day) do update set orders = station_days.orders + excluded.orders`.execute(
      db.db,
    );
    expect((await stationDays(db)).rows[0]).toMatchObject({ station_code: "BS-1", orders: 4 });
  });
});
