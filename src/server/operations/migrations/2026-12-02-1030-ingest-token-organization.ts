// Ingest tokens held by a contractor (承办企业) are linked to its organization (issue 16, rule K2): a
// supervised handover revokes the outgoing contractor's tokens and issues the incoming one its own.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("ingest_tokens").addColumn("organization_id", "text").execute();
  await db.schema
    .createIndex("ingest_tokens_county_organization")
    .on("ingest_tokens")
    .columns(["county_code", "organization_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("ingest_tokens_county_organization").execute();
  await db.schema.alterTable("ingest_tokens").dropColumn("organization_id").execute();
}
