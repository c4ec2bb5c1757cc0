// Acceptance: assessor decisions, evidence, sign-offs and refined standard versions.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assessor_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_by_name", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .execute();
  await db.schema
    .createIndex("assessor_decisions_county")
    .on("assessor_decisions")
    .columns(["county_code", "item_id"])
    .execute();
  await db.schema
    .createTable("acceptance_evidence")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("file_name", "text")
    .addColumn("file_path", "text")
    .addColumn("file_sha256", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("acceptance_evidence_county")
    .on("acceptance_evidence")
    .columns(["county_code", "item_id"])
    .execute();
  await db.schema
    .createTable("acceptance_signoffs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("standard_id", "text", (c) => c.notNull())
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("scorecard_json", "text", (c) => c.notNull())
    .addColumn("signed_by", "text", (c) => c.notNull())
    .addColumn("signed_by_name", "text", (c) => c.notNull())
    .addColumn("signed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("acceptance_standards")
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("thresholds_json", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("acceptance_standards_pk", ["id", "version"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "acceptance_standards",
    "acceptance_signoffs",
    "acceptance_evidence",
    "assessor_decisions",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
