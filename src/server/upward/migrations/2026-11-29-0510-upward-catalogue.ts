// The product catalogue (rule O5) and incubated shops (rule O6).
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

export async function up(db: Kysely<any>): Promise<void> {
  await roster(db, "product_surveys", (t) =>
    t
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("surveyed_on", "text", (c) => c.notNull())
      .addColumn("document_ref", "text", (c) => c.notNull()),
  );
  await roster(db, "local_products", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("category", "text", (c) => c.notNull())
      .addColumn("annual_volume", "bigint", (c) => c.notNull())
      .addColumn("volume_unit", "text", (c) => c.notNull())
      .addColumn("season_from", "integer", (c) => c.notNull())
      .addColumn("season_to", "integer", (c) => c.notNull())
      .addColumn("township_code", "text"),
  );
  await roster(db, "brands", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("is_regional", "integer", (c) => c.notNull())
      .addColumn("owner", "text", (c) => c.notNull())
      .addColumn("trademark_no", "text")
      .addColumn("registered_on", "text"),
  );
  await roster(db, "developed_products", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("brand_id", "text")
      .addColumn("standard", "text", (c) => c.notNull())
      .addColumn("packaging", "text", (c) => c.notNull())
      .addColumn("grade", "text", (c) => c.notNull())
      .addColumn("price_fen", "bigint", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("launched_on", "text"),
  );
  await roster(db, "circulation_standards", (t) =>
    t
      .addColumn("number", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("issued_on", "text", (c) => c.notNull())
      .addColumn("document_ref", "text", (c) => c.notNull()),
  );
  await roster(db, "platform_listings", (t) =>
    t
      .addColumn("product_id", "text")
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("platform_name", "text")
      .addColumn("shop_name", "text", (c) => c.notNull())
      .addColumn("shop_url", "text", (c) => c.notNull())
      .addColumn("monthly_sales_fen", "bigint", (c) => c.notNull())
      .addColumn("listed_on", "text"),
  );
  await roster(db, "incubated_shops", (t) =>
    t
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("owner_categories", "text", (c) => c.notNull())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("platform_name", "text")
      .addColumn("shop_url", "text", (c) => c.notNull())
      .addColumn("opened_on", "text", (c) => c.notNull())
      .addColumn("services", "text", (c) => c.notNull())
      .addColumn("monthly_transactions_fen", "bigint", (c) => c.notNull())
      .addColumn("annual_transactions_fen", "bigint", (c) => c.notNull()),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "incubated_shops",
    "platform_listings",
    "circulation_standards",
    "developed_products",
    "brands",
    "local_products",
    "product_surveys",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
