// Station operations and logistics: raw rows, daily and monthly rollups, benchmark fees, API tokens.
// Every table leads with county_code (the distribution column at national scale).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("station_months")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("amount_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("online_rate_bp", "integer")
    .addColumn("order_records", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("online_minutes", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("uptime_records", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("first_uptime_day", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("station_months_pk", ["county_code", "station_code", "month", "source"])
    .execute();
  await db.schema
    .createIndex("station_months_county_month")
    .on("station_months")
    .columns(["county_code", "month"])
    .execute();

  await db.schema
    .createTable("station_days")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("orders", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("amount_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addColumn("order_records", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("online_minutes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("uptime_records", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("station_days_pk", ["county_code", "station_code", "day"])
    .execute();

  await db.schema
    .createTable("ingest_orders")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("platform", "text")
    .addColumn("ordered_at", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("token_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ingest_orders_pk", ["county_code", "source_id"])
    .execute();

  await db.schema
    .createTable("ingest_uptime")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("online_minutes", "integer", (c) => c.notNull())
    .addColumn("token_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ingest_uptime_pk", ["county_code", "source_id"])
    .execute();

  await db.schema
    .createTable("shipment_events")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("waybill", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("carrier", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("dispatched_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("fee_fen", "bigint")
    .addColumn("weight_grams", "integer")
    .addColumn("token_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("shipment_events_pk", ["county_code", "source_id"])
    .execute();

  await db.schema
    .createTable("shipments")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("waybill", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("carrier", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("dispatched_at", "text", (c) => c.notNull())
    .addColumn("dispatched_month", "text", (c) => c.notNull())
    .addColumn("dispatched_day", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addColumn("delivery_seconds", "integer")
    .addColumn("fee_fen", "bigint")
    .addColumn("weight_grams", "integer")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_ref", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("shipments_pk", ["county_code", "waybill"])
    .execute();
  await db.schema
    .createIndex("shipments_county_day")
    .on("shipments")
    .columns(["county_code", "dispatched_day"])
    .execute();

  await db.schema
    .createTable("shipment_months")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("carrier", "text", (c) => c.notNull())
    .addColumn("shipments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("delivered", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("shipment_months_pk", [
      "county_code",
      "station_code",
      "month",
      "direction",
      "carrier",
    ])
    .execute();

  await db.schema
    .createTable("delivery_buckets")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("days", "integer", (c) => c.notNull())
    .addColumn("shipments", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("delivery_buckets_pk", [
      "county_code",
      "station_code",
      "month",
      "direction",
      "days",
    ])
    .execute();

  await db.schema
    .createTable("upward_fee_months")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("weight_class", "text", (c) => c.notNull())
    .addColumn("shipments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("fee_fen", "bigint", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("upward_fee_months_pk", ["county_code", "station_code", "month", "weight_class"])
    .execute();

  await db.schema
    .createTable("fee_benchmarks")
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("weight_class", "text", (c) => c.notNull())
    .addColumn("fee_fen", "bigint", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("fee_benchmarks_pk", ["county_code", "weight_class"])
    .execute();

  await db.schema
    .createTable("ingest_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("token_hint", "text", (c) => c.notNull())
    .addColumn("kinds_json", "text")
    .addColumn("station_codes_json", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema.createIndex("ingest_tokens_county").on("ingest_tokens").column("county_code").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "ingest_tokens",
    "fee_benchmarks",
    "upward_fee_months",
    "delivery_buckets",
    "shipment_months",
    "shipments",
    "shipment_events",
    "ingest_uptime",
    "ingest_orders",
    "station_days",
    "station_months",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
