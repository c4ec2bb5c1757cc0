/**
 * The server's operator sets an account's password (`shifan user password`): for a forgotten
 * demo password or an official locked out. The new password meets the policy, every session of
 * the account ends, any lockout is lifted, and the reset is audited (never the password itself).
 */
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { badRequest, notFound } from "../http/errors";
import { chinaTimestamp } from "../time/china-time";
import { hashPassword } from "./password";
import { newPasswordProblems } from "./password-strength";

export async function resetPassword(
  db: Kysely<Database>,
  input: { username: string; password: string },
): Promise<void> {
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "region_code"])
    .where("username", "=", input.username)
    .executeTakeFirst();
  if (!user) throw notFound({ zh: `用户 ${input.username}`, en: `User ${input.username}` });
  const problems = newPasswordProblems(input.password, [user.username]);
  if (problems.length) {
    throw badRequest("weak_password", {
      zh: problems.map((p) => p.zh).join("；"),
      en: problems.map((p) => p.en).join("; "),
    });
  }
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({
        password_hash: hash,
        password_changed_at: chinaTimestamp(),
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
      })
      .where("id", "=", user.id)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", user.id).execute();
    await recordAudit(
      trx,
      { id: null, name: "system" },
      { action: "password.reset", entity: "user", entityId: user.id, after: { username: user.username } },
    );
  });
}
