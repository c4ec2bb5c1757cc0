// Information reporting (R2–R4, M3): liaisons and their filing, monthly/annual reports with their
// approval history, generated daily reports, entry exceptions, settings, and the delivery log.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("reporting_liaisons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("reporter_key", "text", (c) => c.notNull())
    .addColumn("organization_id", "text")
    .addColumn("organization_name", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("position", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("reports_from", "text")
    .addColumn("reports_until", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reporting_liaisons_reporter_unique", ["county_code", "reporter_key"])
    .execute();

  await db.schema
    .createTable("reporting_liaison_filings")
    .addColumn("county_code", "text", (c) => c.primaryKey())
    .addColumn("filed_on", "text", (c) => c.notNull())
    .addColumn("filed_at", "text", (c) => c.notNull())
    .addColumn("filed_by", "text", (c) => c.notNull())
    .addColumn("list_json", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("reporting_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("reporter_key", "text", (c) => c.notNull())
    .addColumn("reporter_kind", "text", (c) => c.notNull())
    .addColumn("reporter_name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("pending_level", "text")
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("first_submitted_on", "text")
    .addColumn("first_submitted_at", "text")
    .addColumn("submitted_at", "text")
    .addColumn("approved_at", "text")
    .addColumn("last_comment", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reporting_reports_slot_unique", ["county_code", "kind", "period", "reporter_key"])
    .execute();

  await db.schema
    .createTable("reporting_report_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("status_after", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("reporting_report_events_report_idx")
    .on("reporting_report_events")
    .columns(["report_id", "at"])
    .execute();

  await db.schema
    .createTable("reporting_daily_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("stations", "integer", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("shipments", "integer", (c) => c.notNull())
    .addColumn("online_minutes", "bigint", (c) => c.notNull())
    .addColumn("online_rate_bp", "integer", (c) => c.notNull())
    .addColumn("stations_online", "integer", (c) => c.notNull())
    .addColumn("lines_json", "text", (c) => c.notNull())
    .addColumn("generated_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("reporting_daily_reports_day_unique", ["county_code", "date"])
    .execute();

  await db.schema
    .createTable("reporting_entry_exceptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("open_until", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("reporting_entry_exceptions_county_idx")
    .on("reporting_entry_exceptions")
    .columns(["county_code", "kind", "period"])
    .execute();

  await db.schema
    .createTable("reporting_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value_json", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("reporting_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("sink", "text", (c) => c.notNull())
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    // The report as approved (the ministry envelope): a later reopening does not change what is sent.
    .addColumn("payload_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_http_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addUniqueConstraint("reporting_deliveries_key_unique", ["sink", "target", "idempotency_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "reporting_deliveries",
    "reporting_settings",
    "reporting_entry_exceptions",
    "reporting_daily_reports",
    "reporting_report_events",
    "reporting_reports",
    "reporting_liaison_filings",
    "reporting_liaisons",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
