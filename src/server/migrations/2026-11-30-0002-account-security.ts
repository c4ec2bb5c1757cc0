// Account security (GB/T 22239 level 2): a forced password change for accounts an administrator
// created, password age for expiry, and the previous password hashes so that reuse is refused.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("users").addColumn("password_changed_at", "text").execute();
  // Existing passwords start ageing when the policy arrives, not from their accounts' creation.
  // (China time, as chinaTimestamp writes it; migrations import no app code.)
  const now = `${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
  await db.updateTable("users").set({ password_changed_at: now }).execute();
  await db.schema
    .createTable("password_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("password_history_user")
    .on("password_history")
    .columns(["user_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("password_history").ifExists().execute();
  await db.schema.alterTable("users").dropColumn("password_changed_at").execute();
  await db.schema.alterTable("users").dropColumn("must_change_password").execute();
}
