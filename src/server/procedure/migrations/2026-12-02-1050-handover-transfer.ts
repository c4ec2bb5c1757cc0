// The handover of a replaced contractor (rule K2) moves real things: the termination names the
// outgoing and the incoming contractor organization, a station item lists its stations, and each
// checked item records what it moved (stations, accounts, ingest tokens).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("contract_terminations").addColumn("from_org_id", "text").execute();
  await db.schema.alterTable("contract_terminations").addColumn("to_org_id", "text").execute();
  await db.schema.alterTable("handover_items").addColumn("subjects_json", "text").execute();
  await db.schema.alterTable("handover_items").addColumn("effects_json", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("handover_items").dropColumn("effects_json").execute();
  await db.schema.alterTable("handover_items").dropColumn("subjects_json").execute();
  await db.schema.alterTable("contract_terminations").dropColumn("to_org_id").execute();
  await db.schema.alterTable("contract_terminations").dropColumn("from_org_id").execute();
}
