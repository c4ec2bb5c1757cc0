// Village stations (站点), county and township facilities (设施), their photos, township express
// outlets (S7).
// Areas are integer tenths of a square metre (area_tenths: 12.5 m² = 125).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("stations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_no", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("village_code", "text", (c) => c.notNull())
    .addColumn("area_tenths", "integer")
    .addColumn("equipment_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("has_sign", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_centrally_funded", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("built_on", "text")
    .addColumn("closed_on", "text")
    .addColumn("manager", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("stations_county_no_unique", ["county_code", "station_no"])
    .execute();
  await db.schema
    .createIndex("stations_county_village_idx")
    .on("stations")
    .columns(["county_code", "village_code"])
    .execute();
  // Rule F9 held by the database too: one centrally funded station per village.
  await db.schema
    .createIndex("stations_one_funded_per_village")
    .on("stations")
    .columns(["county_code", "village_code"])
    .unique()
    .where(sql<boolean>`is_centrally_funded = 1`)
    .execute();

  await db.schema
    .createTable("facilities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("facility_no", "text", (c) => c.notNull())
    // county_center | county_warehouse | township_center
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("township_code", "text")
    .addColumn("area_tenths", "integer")
    .addColumn("equipment_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("rooms_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("has_sign", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_centrally_funded", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("opened_on", "text")
    .addColumn("closed_on", "text")
    .addColumn("manager", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("logistics_route", "text")
    .addColumn("logistics_company", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("facilities_county_no_unique", ["county_code", "facility_no"])
    .execute();

  await db.schema
    .createTable("township_express")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("township_code", "text", (c) => c.notNull())
    .addColumn("has_express_outlet", "integer", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("township_express_pk", ["county_code", "township_code"])
    .execute();

  // Photos of a station or facility, for assessors checking the spec on site; the file lies in
  // the file store under a generated name.
  await db.schema
    .createTable("network_photos")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    // station | facility
    .addColumn("owner_kind", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("file_path", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("caption", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("uploaded_by", "text", (c) => c.notNull())
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("network_photos_owner_idx")
    .on("network_photos")
    .columns(["owner_kind", "owner_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("network_photos").ifExists().execute();
  await db.schema.dropTable("township_express").ifExists().execute();
  await db.schema.dropTable("facilities").ifExists().execute();
  await db.schema.dropTable("stations").ifExists().execute();
}
