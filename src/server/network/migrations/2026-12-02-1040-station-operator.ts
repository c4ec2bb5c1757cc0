// Who operates each station (运营单位, rule K2): the contractor organization, so that a supervised
// handover moves the stations of a contractor that could not operate to the one that replaced it.
// Stations stored before this migration have no recorded operator (null).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("stations").addColumn("operator_org_id", "text").execute();
  await db.schema
    .createIndex("stations_county_operator")
    .on("stations")
    .columns(["county_code", "operator_org_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("stations_county_operator").execute();
  await db.schema.alterTable("stations").dropColumn("operator_org_id").execute();
}
