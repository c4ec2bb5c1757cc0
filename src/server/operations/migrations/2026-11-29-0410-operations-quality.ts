// Data-quality flags of station operations (E5 evidence): the flags, each county's data version
// against the version last scanned, and shipment records refused for delivery before dispatch.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("data_quality_flags")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("station_code", "text")
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("summary_zh", "text", (c) => c.notNull())
    .addColumn("summary_en", "text", (c) => c.notNull())
    .addColumn("measures_json", "text", (c) => c.notNull())
    .addColumn("refs_json", "text", (c) => c.notNull())
    .addColumn("ref_count", "integer", (c) => c.notNull())
    .addColumn("detected_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .addColumn("resolved_by", "text")
    .addColumn("resolved_by_name", "text")
    .addColumn("resolution", "text")
    .execute();
  await db.schema
    .createIndex("data_quality_flags_subject")
    .on("data_quality_flags")
    .columns(["county_code", "kind", "subject"])
    .unique()
    .execute();
  await db.schema
    .createIndex("data_quality_flags_status")
    .on("data_quality_flags")
    .columns(["county_code", "status"])
    .execute();

  await db.schema
    .createTable("data_quality_scans")
    .addColumn("county_code", "text", (c) => c.primaryKey())
    .addColumn("data_version", "integer", (c) => c.notNull())
    .addColumn("scanned_version", "integer", (c) => c.notNull())
    .addColumn("scanned_at", "text")
    .execute();

  await db.schema
    .createTable("refused_shipment_events")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("waybill", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("carrier", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("dispatched_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("token_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("refused_shipment_events_pk", ["county_code", "source_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["refused_shipment_events", "data_quality_scans", "data_quality_flags"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
