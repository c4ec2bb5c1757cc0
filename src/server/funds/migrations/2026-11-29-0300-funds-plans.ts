// The fund arrangement (资金安排意见) in versions with its lines, notice and objections (F1–F6, M1, E3).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("fund_plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("is_change", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("based_on_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("subsidy_fen", "bigint", (c) => c.notNull())
    .addColumn("prepared_on", "text", (c) => c.notNull())
    .addColumn("change_reason", "text")
    .addColumn("notice_start", "text")
    .addColumn("notice_working_days", "integer")
    .addColumn("notice_last_day", "text")
    .addColumn("notice_earliest_submission", "text")
    .addColumn("filed_on", "text")
    .addColumn("approved_on", "text")
    .addColumn("rejected_on", "text")
    .addColumn("decided_by", "text")
    .addColumn("decision_note", "text")
    .addColumn("superseded_on", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("fund_plans_county_version_unique", ["county_code", "version"])
    .execute();

  await db.schema
    .createTable("fund_plan_lines")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("fund_plans.id").onDelete("cascade"))
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("line_no", "integer", (c) => c.notNull())
    .addColumn("line_key", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("support_method", "text")
    .addColumn("cleared_reason", "text")
    .addColumn("cleared_by", "text")
    .addColumn("cleared_at", "text")
    .addUniqueConstraint("fund_plan_lines_plan_no_unique", ["plan_id", "line_no"])
    .execute();
  await db.schema
    .createIndex("fund_plan_lines_county_key_idx")
    .on("fund_plan_lines")
    .columns(["county_code", "line_key"])
    .execute();

  await db.schema
    .createTable("fund_plan_objections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("plan_id", "text", (c) => c.notNull().references("fund_plans.id").onDelete("cascade"))
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("received_on", "text", (c) => c.notNull())
    .addColumn("objector", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("resolution", "text")
    .addColumn("resolved_on", "text")
    .addColumn("resolved_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("fund_plan_objections_plan_idx")
    .on("fund_plan_objections")
    .column("plan_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("fund_plan_objections").ifExists().execute();
  await db.schema.dropTable("fund_plan_lines").ifExists().execute();
  await db.schema.dropTable("fund_plans").ifExists().execute();
}
