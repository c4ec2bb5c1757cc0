// Opening hours of each station (rule O1 reading, 2026-12): the data manager's online rate is
// measured over these, not over 24 hours. Minutes after 00:00 China time, opens ≤ minute < closes;
// every station stored before this migration gets the default 08:00–20:00.
import type { Kysely } from "kysely";

export const DEFAULT_OPENS_AT_MINUTE = 8 * 60;
export const DEFAULT_CLOSES_AT_MINUTE = 20 * 60;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("stations")
    .addColumn("opens_at_minute", "integer", (c) => c.notNull().defaultTo(DEFAULT_OPENS_AT_MINUTE))
    .execute();
  await db.schema
    .alterTable("stations")
    .addColumn("closes_at_minute", "integer", (c) => c.notNull().defaultTo(DEFAULT_CLOSES_AT_MINUTE))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("stations").dropColumn("closes_at_minute").execute();
  await db.schema.alterTable("stations").dropColumn("opens_at_minute").execute();
}
