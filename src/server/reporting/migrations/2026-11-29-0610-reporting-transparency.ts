// The public transparency column (T1–T4): column settings, entries, projects, documents, and the
// comment and complaint windows. region_code is a county's code or the province's (provincial zone).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("transparency_columns")
    .addColumn("region_code", "text", (c) => c.primaryKey())
    .addColumn("supervision_phone", "text")
    .addColumn("intro", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("transparency_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("published_on", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("transparency_entries_region_idx")
    .on("transparency_entries")
    .columns(["region_code", "item_key"])
    .execute();

  await db.schema
    .createTable("transparency_projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contractor_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("subsidy_fen", "bigint")
    .addColumn("deadline", "text")
    .addColumn("performance_targets", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("county_responsible", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("contractor_responsible", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("progress_bp", "integer")
    .addColumn("progress_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("progress_updated_on", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("transparency_projects_region_idx")
    .on("transparency_projects")
    .columns(["region_code", "sort_order"])
    .execute();

  await db.schema
    .createTable("transparency_documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("owner_kind", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("file_path", "text")
    .addColumn("file_name", "text")
    .addColumn("file_sha256", "text")
    .addColumn("file_bytes", "bigint")
    .addColumn("content_type", "text")
    .addColumn("published_on", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("transparency_documents_owner_idx")
    .on("transparency_documents")
    .columns(["region_code", "owner_kind", "owner_id"])
    .execute();

  await db.schema
    .createTable("transparency_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("tracking_no", "text", (c) => c.notNull().unique())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("contact_name", "text")
    .addColumn("contact_phone", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("is_published", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reply", "text")
    .addColumn("replied_by", "text")
    .addColumn("replied_at", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("handled_at", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("transparency_messages_region_idx")
    .on("transparency_messages")
    .columns(["region_code", "submitted_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "transparency_messages",
    "transparency_documents",
    "transparency_projects",
    "transparency_entries",
    "transparency_columns",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
