// 发票项目 on each invoice: rule F4 is judged on what was paid, invoices included (acceptance C3).
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("payment_invoices").addColumn("item_name", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("payment_invoices").dropColumn("item_name").execute();
}
