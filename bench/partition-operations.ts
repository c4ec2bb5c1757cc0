/**
 * The operations tables hash-partitioned by county_code on PostgreSQL (docs/scale.md), for the
 * bench's national runs where Citus is not at hand: each table, still empty after the migrations,
 * is replaced by a partitioned table of the same columns, defaults, constraints and indexes
 * (every primary key leads with county_code, so each is valid on a partitioned table), with
 * `modulus` partitions. The application's SQL is unchanged: a county's reads and writes carry
 * `county_code = $1`, so the planner prunes to one partition.
 */
import { sql } from "kysely";
import type { Db } from "../src/server/platform/db/database";

/** The county-owned raw and rollup tables that grow with the rows (the others stay small). */
export const PARTITIONED_TABLES = [
  "ingest_orders",
  "ingest_uptime",
  "shipment_events",
  "shipments",
  "station_days",
  "station_months",
  "shipment_months",
  "delivery_buckets",
  "upward_fee_months",
] as const;

export async function partitionOperationsTables(db: Db, modulus = 16): Promise<void> {
  await db.db.transaction().execute(async (trx) => {
    for (const table of PARTITIONED_TABLES) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        trx,
      );
      if (rows[0]!.n > 0) throw new Error(`${table} is not empty`);
      const plain = `${table}_unpartitioned`;
      await sql`alter table ${sql.table(table)} rename to ${sql.table(plain)}`.execute(trx);
      await sql`create table ${sql.table(table)} (like ${sql.table(plain)} including defaults including constraints including indexes) partition by hash (county_code)`.execute(
        trx,
      );
      for (let r = 0; r < modulus; r++) {
        await sql`create table ${sql.table(`${table}_p${r}`)} partition of ${sql.table(table)} for values with (modulus ${sql.lit(modulus)}, remainder ${sql.lit(r)})`.execute(
          trx,
        );
      }
      await sql`drop table ${sql.table(plain)}`.execute(trx);
    }
  });
}
