// The contract a column project publishes (E2: every contract paid from central funds stands in the column).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("transparency_projects").addColumn("contract_no", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("transparency_projects").dropColumn("contract_no").execute();
}
