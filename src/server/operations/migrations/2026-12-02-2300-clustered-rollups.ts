// SQLite only: the rollup tables become WITHOUT ROWID tables, stored in their primary key's order
// (county_code, station_code, month …). A KPI page reads a county's rollups as one range of the
// key: in a rowid table each row found through the key index is then fetched from the table
// (a second b-tree), in a WITHOUT ROWID table the key's b-tree holds the row. Measured on the
// province bench (issue 19): the county page and the province roll-up about a third faster.
// PostgreSQL keeps its heap tables (its index-only scans need other means; nothing changes there).
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../../platform/db/dialect";

const TABLES = ["station_days", "station_months", "shipment_months", "delivery_buckets", "upward_fee_months"];

/** Rebuilds `table` from its own definition, with or without its rowid, rows and indexes kept. */
async function rebuild(db: Kysely<any>, table: string, withoutRowid: boolean): Promise<void> {
  const { rows } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const definition = rows[0]?.sql;
  if (!definition) throw new Error(`no table ${table}`);
  const body = definition.slice(definition.indexOf("("), definition.lastIndexOf(")") + 1);
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    db,
  );
  const rebuilt = `${table}_rebuilt`;
  await sql.raw(`create table "${rebuilt}" ${body}${withoutRowid ? " without rowid" : ""}`).execute(db);
  await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  for (const table of TABLES) await rebuild(db, table, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  for (const table of TABLES) await rebuild(db, table, false);
}
