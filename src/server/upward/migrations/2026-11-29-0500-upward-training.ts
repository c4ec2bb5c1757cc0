// Training (培训) and registered poor households (贫困户): rules G4, O8, O9.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("poor_households")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("code_label", "text", (c) => c.notNull())
    .addColumn("village_code", "text", (c) => c.notNull())
    .addColumn("members", "integer", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("poor_households_code_uq", ["county_code", "code"])
    .execute();
  await db.schema
    .createIndex("poor_households_village_ix")
    .on("poor_households")
    .columns(["county_code", "village_code"])
    .execute();

  await db.schema
    .createTable("training_attendances")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("course_code", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("person_key", "text", (c) => c.notNull())
    .addColumn("person_label", "text", (c) => c.notNull())
    .addColumn("is_poor", "integer", (c) => c.notNull())
    .addColumn("household_code", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_attendances_uq", ["county_code", "course_code", "person_key"])
    .execute();
  await db.schema
    .createIndex("training_attendances_date_ix")
    .on("training_attendances")
    .columns(["county_code", "date"])
    .execute();
  await db.schema
    .createIndex("training_attendances_person_ix")
    .on("training_attendances")
    .columns(["county_code", "person_key"])
    .execute();
  await db.schema
    .createIndex("training_attendances_household_ix")
    .on("training_attendances")
    .columns(["county_code", "household_code"])
    .execute();

  await db.schema
    .createTable("training_courses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("audiences", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("institution", "text", (c) => c.notNull())
    .addColumn("start_date", "text")
    .addColumn("end_date", "text")
    .addColumn("hours_tenths", "integer")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("training_courses_uq", ["county_code", "code"])
    .execute();

  await db.schema
    .createTable("training_followups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("person_key", "text", (c) => c.notNull())
    .addColumn("person_label", "text", (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("training_followups_ix")
    .on("training_followups")
    .columns(["county_code", "date"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["training_followups", "training_courses", "training_attendances", "poor_households"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
