// Tenders and bidders, contracts and deliverables, payments and invoices, charges to stations (F5, F7, F8, T3).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tenders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("tender_no", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("estimate_fen", "bigint")
    .addColumn("line_keys_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("announced_on", "text")
    .addColumn("documents_issued_on", "text")
    .addColumn("bid_deadline", "text")
    .addColumn("awarded_on", "text")
    .addColumn("award_bidder_id", "text")
    .addColumn("award_fen", "bigint")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("responsible_person", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("tenders_county_no_unique", ["county_code", "tender_no"])
    .execute();

  await db.schema
    .createTable("tender_bidders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tender_id", "text", (c) => c.notNull().references("tenders.id").onDelete("cascade"))
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("credit_code", "text")
    .addColumn("address", "text")
    .addColumn("phone", "text")
    .addColumn("contact", "text")
    .addColumn("bid_fen", "bigint")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("tender_bidders_tender_idx").on("tender_bidders").column("tender_id").execute();

  await db.schema
    .createTable("contracts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("contract_no", "text", (c) => c.notNull())
    .addColumn("tender_id", "text", (c) => c.references("tenders.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("contractor_name", "text", (c) => c.notNull())
    .addColumn("contractor_org_id", "text")
    .addColumn("contractor_responsible", "text")
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("line_keys_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("start_on", "text")
    .addColumn("completion_due", "text")
    .addColumn("accepted_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("contracts_county_no_unique", ["county_code", "contract_no"])
    .execute();

  await db.schema
    .createTable("contract_deliverables")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id").onDelete("cascade"))
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("due_on", "text")
    .addColumn("done_on", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("contract_deliverables_contract_idx")
    .on("contract_deliverables")
    .column("contract_id")
    .execute();

  await db.schema
    .createTable("contract_payments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id").onDelete("cascade"))
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("paid_on", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("contract_payments_contract_idx")
    .on("contract_payments")
    .column("contract_id")
    .execute();
  await db.schema
    .createIndex("contract_payments_county_idx")
    .on("contract_payments")
    .columns(["county_code", "paid_on"])
    .execute();

  await db.schema
    .createTable("payment_invoices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("payment_id", "text", (c) =>
      c.notNull().references("contract_payments.id").onDelete("cascade"),
    )
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("invoice_no", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("issued_on", "text", (c) => c.notNull())
    .addColumn("file_path", "text")
    .addColumn("file_name", "text")
    .addColumn("file_sha256", "text")
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("payment_invoices_payment_idx")
    .on("payment_invoices")
    .column("payment_id")
    .execute();

  await db.schema
    .createTable("station_charges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("contract_id", "text", (c) => c.notNull().references("contracts.id").onDelete("cascade"))
    .addColumn("county_code", "text", (c) => c.notNull())
    .addColumn("station_no", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("amount_fen", "bigint", (c) => c.notNull())
    .addColumn("charged_on", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("station_charges").ifExists().execute();
  await db.schema.dropTable("payment_invoices").ifExists().execute();
  await db.schema.dropTable("contract_payments").ifExists().execute();
  await db.schema.dropTable("contract_deliverables").ifExists().execute();
  await db.schema.dropTable("contracts").ifExists().execute();
  await db.schema.dropTable("tender_bidders").ifExists().execute();
  await db.schema.dropTable("tenders").ifExists().execute();
}
