// The village registry: county-owned attributes of village-level units (村庄 sheet).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("villages")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("population", "integer")
    .addColumn("is_poor", "integer")
    .addColumn("has_broadband", "integer")
    .addColumn("demo_fields", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("villages_pk", ["county_code", "code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("villages").ifExists().execute();
}
