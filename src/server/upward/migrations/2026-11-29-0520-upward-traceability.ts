// Traceability (rule O7): enterprises, sites, batches and their EPCIS 2.0 events (append-only).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("trace_enterprises")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("credit_code", "text")
    .addColumn("system_name", "text", (c) => c.notNull())
    .addColumn("joined_on", "text", (c) => c.notNull())
    .addColumn("sales_fen", "bigint", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("trace_enterprises_county_ix")
    .on("trace_enterprises")
    .column("county_code")
    .execute();

  await db.schema
    .createTable("trace_sites")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("trace_enterprises.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("village_code", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("trace_sites_county_ix").on("trace_sites").column("county_code").execute();

  await db.schema
    .createTable("trace_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("enterprise_id", "text", (c) => c.notNull().references("trace_enterprises.id"))
    .addColumn("product_id", "text")
    .addColumn("product_name", "text", (c) => c.notNull())
    .addColumn("lot", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("quantity", "bigint", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("trace_batches_county_ix").on("trace_batches").column("county_code").execute();

  await db.schema
    .createTable("trace_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.notNull().references("trace_batches.id"))
    .addColumn("epcis_event_id", "text", (c) => c.notNull())
    .addColumn("step", "text", (c) => c.notNull())
    .addColumn("event_time", "text", (c) => c.notNull())
    .addColumn("site_id", "text")
    .addColumn("quantity", "bigint")
    .addColumn("unit", "text")
    .addColumn("inputs", "text")
    .addColumn("inspection", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("voids_event_id", "text")
    .addColumn("error_reason", "text")
    .addColumn("corrective_event_ids", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("trace_events_batch_ix").on("trace_events").column("batch_id").execute();
  // At most one error declaration per event: a second one would void what is already void.
  await db.schema
    .createIndex("trace_events_voids_uq")
    .on("trace_events")
    .column("voids_event_id")
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["trace_events", "trace_batches", "trace_sites", "trace_enterprises"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
