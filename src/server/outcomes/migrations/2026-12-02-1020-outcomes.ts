// Outcomes and the records of the standard (rules K3–K7, O9; acceptance C1, C2, C4, C5, D1–D4).
import type { Kysely } from "kysely";

type Builder = ReturnType<Kysely<any>["schema"]["createTable"]>;

/** id, county_code first; is_demo and timestamps last: the shape of every county roster. */
async function roster(db: Kysely<any>, name: string, columns: (t: Builder) => Builder): Promise<void> {
  const table = db.schema
    .createTable(name)
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull());
  await columns(table)
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex(`${name}_county_ix`).on(name).column("county_code").execute();
}

/** The key an upsert conflicts on (a unique index serves ON CONFLICT on both dialects). */
async function unique(db: Kysely<any>, name: string, columns: string[]): Promise<void> {
  await db.schema.createIndex(`${name}_uq`).on(name).columns(columns).unique().execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  // 年度指标 (K7, D1, D2): one row per county and year.
  await roster(db, "year_figures", (t) =>
    t
      .addColumn("year", "integer", (c) => c.notNull())
      .addColumn("transactions_fen", "bigint", (c) => c.notNull())
      .addColumn("rural_retail_fen", "bigint", (c) => c.notNull())
      .addColumn("agri_retail_fen", "bigint", (c) => c.notNull())
      .addColumn("jobs", "integer", (c) => c.notNull())
      .addColumn("source_document", "text", (c) => c.notNull()),
  );
  await unique(db, "year_figures", ["county_code", "year"]);
  // 贫困户销售 (O9, D3): one row per household and month.
  await roster(db, "poor_household_sales", (t) =>
    t
      .addColumn("household_code", "text", (c) => c.notNull())
      .addColumn("household_label", "text", (c) => c.notNull())
      .addColumn("month", "text", (c) => c.notNull())
      .addColumn("quantity", "bigint", (c) => c.notNull())
      .addColumn("amount_fen", "bigint", (c) => c.notNull())
      .addColumn("income_gain_fen", "bigint", (c) => c.notNull()),
  );
  await unique(db, "poor_household_sales", ["county_code", "household_code", "month"]);
  // Staff of the center, warehouses and stations (K5).
  await roster(db, "facility_staff", (t) =>
    t
      .addColumn("facility_kind", "text", (c) => c.notNull())
      .addColumn("facility_code", "text", (c) => c.notNull())
      .addColumn("person_key", "text", (c) => c.notNull())
      .addColumn("person_label", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("started_on", "text", (c) => c.notNull())
      .addColumn("ended_on", "text")
      .addColumn("is_poor", "integer", (c) => c.notNull()),
  );
  // Leading group and joint meetings (K3, C1).
  await roster(db, "leading_group_members", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("position", "text", (c) => c.notNull())
      .addColumn("group_role", "text", (c) => c.notNull())
      .addColumn("is_county_head", "integer", (c) => c.notNull()),
  );
  await roster(db, "joint_meetings", (t) =>
    t
      .addColumn("held_on", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("attendees", "text", (c) => c.notNull())
      .addColumn("minutes", "text", (c) => c.notNull())
      .addColumn("decisions", "integer", (c) => c.notNull())
      .addColumn("decisions_followed_up", "integer", (c) => c.notNull())
      .addColumn("follow_up", "text", (c) => c.notNull()),
  );
  // On-site inspections and supervision visits (K3, C2).
  await roster(db, "inspections", (t) =>
    t
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("inspected_on", "text", (c) => c.notNull())
      .addColumn("inspector", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("findings", "text", (c) => c.notNull())
      .addColumn("findings_open", "integer", (c) => c.notNull())
      .addColumn("photo_refs", "text", (c) => c.notNull()),
  );
  // Typical cases, research reports, recognitions (K4, C5).
  await roster(db, "typical_cases", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("reported_on", "text")
      .addColumn("publicity", "text", (c) => c.notNull()),
  );
  await roster(db, "research_reports", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("published_on", "text", (c) => c.notNull())
      .addColumn("column_url", "text", (c) => c.notNull()),
  );
  await roster(db, "recognitions", (t) =>
    t
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("outlet", "text", (c) => c.notNull())
      .addColumn("recognized_on", "text", (c) => c.notNull())
      .addColumn("reference", "text", (c) => c.notNull()),
  );
  // Traditional enterprises upgraded (K7, D4) and market supervision / credit (C4).
  await roster(db, "upgraded_enterprises", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("has_inventory", "integer", (c) => c.notNull())
      .addColumn("has_purchasing", "integer", (c) => c.notNull())
      .addColumn("has_online_sales", "integer", (c) => c.notNull())
      .addColumn("has_statistics", "integer", (c) => c.notNull())
      .addColumn("upgraded_on", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull()),
  );
  await roster(db, "market_records", (t) =>
    t
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("recorded_on", "text", (c) => c.notNull())
      .addColumn("evidence", "text", (c) => c.notNull()),
  );
  // Poverty-alleviation channel listings (K5) and 基地+社区直供 links (K6).
  await roster(db, "poverty_channel_listings", (t) =>
    t
      .addColumn("product", "text", (c) => c.notNull())
      .addColumn("shop_name", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("listed_on", "text", (c) => c.notNull()),
  );
  await roster(db, "direct_supply_links", (t) =>
    t
      .addColumn("base_name", "text", (c) => c.notNull())
      .addColumn("community", "text", (c) => c.notNull())
      .addColumn("products", "text", (c) => c.notNull())
      .addColumn("cold_chain", "integer", (c) => c.notNull())
      .addColumn("started_on", "text", (c) => c.notNull()),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "direct_supply_links",
    "poverty_channel_listings",
    "market_records",
    "upgraded_enterprises",
    "recognitions",
    "research_reports",
    "typical_cases",
    "inspections",
    "joint_meetings",
    "leading_group_members",
    "facility_staff",
    "poor_household_sales",
    "year_figures",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
