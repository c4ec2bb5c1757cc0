// Data versions: one counter per county (and "*" for province-wide data), bumped with every audited
// write, so cached read models know when they are stale — in this process or another one.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("data_versions")
    .addColumn("scope", "text", (c) => c.primaryKey())
    .addColumn("version", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("data_versions").ifExists().execute();
}
