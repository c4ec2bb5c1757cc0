/**
 * Changing one's own password: the current one is proved, the new one meets the policy and is none
 * of the last few (their hashes are kept in password_history, never the clear text). Other
 * sessions of the account end; the one that changed it stays open. Wrong current passwords count
 * towards the sign-in lockout (sessions.ts), and a locked account cannot change its password.
 */
import type { Kysely } from "kysely";
import { recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { AppError, badRequest } from "../http/errors";
import { chinaTimestamp } from "../time/china-time";
import { hashPassword, verifyPassword } from "./password";
import { newPasswordProblems } from "./password-strength";
import type { Principal } from "./roles";
import {
  countWrongPassword,
  DEFAULT_SESSION_SETTINGS,
  newId,
  type SessionSettings,
  sessionId,
} from "./sessions";
import type { SignInLockout } from "./sign-in-lockout";

export async function changePassword(
  db: Kysely<Database>,
  principal: Principal,
  change: { currentPassword: string; newPassword: string; sessionToken: string; address: string },
  lockout: SignInLockout,
  settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
): Promise<void> {
  const actor = { id: principal.id, name: principal.username };
  const user = await db
    .selectFrom("users")
    .select(["id", "username", "password_hash", "region_code"])
    .where("id", "=", principal.id)
    .executeTakeFirstOrThrow();
  // A wrong current password counts towards the sign-in lockout: a session is no free guesser.
  lockout.refuseWhileLocked(user.username, change.address);
  if (!(await verifyPassword(change.currentPassword, user.password_hash))) {
    await countWrongPassword(db, user, lockout, change.address, "password.change_failed");
    throw badRequest("wrong_password", { zh: "当前密码不正确", en: "The current password is wrong" }, [
      { path: "currentPassword", message: "当前密码不正确" },
    ]);
  }
  const problems = newPasswordProblems(change.newPassword, [user.username]);
  if (problems.length) {
    throw badRequest(
      "weak_password",
      { zh: problems.map((p) => p.zh).join("；"), en: problems.map((p) => p.en).join("; ") },
      problems.map((p) => ({ path: "newPassword", message: p.zh })),
    );
  }
  // The current password and the ones before it, newest first: `passwordHistory` in all.
  const previous = await db
    .selectFrom("password_history")
    .select("password_hash")
    .where("user_id", "=", user.id)
    .orderBy("created_at", "desc")
    .limit(Math.max(settings.passwordHistory - 1, 0))
    .execute();
  for (const hash of [user.password_hash, ...previous.map((p) => p.password_hash)]) {
    if (await verifyPassword(change.newPassword, hash)) {
      const n = settings.passwordHistory;
      throw badRequest(
        "password_reused",
        {
          zh: `新密码不能与最近${n}次使用过的密码相同，请换一个`,
          en: `The new password must differ from your last ${n} passwords`,
        },
        [{ path: "newPassword", message: `新密码不能与最近${n}次使用过的密码相同` }],
      );
    }
  }
  const passwordHash = await hashPassword(change.newPassword);
  const now = chinaTimestamp();
  await db.transaction().execute(async (trx) => {
    // Only over the hash that was verified: of two changes at once, the second finds it gone.
    const updated = await trx
      .updateTable("users")
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: 0,
      })
      .where("id", "=", user.id)
      .where("password_hash", "=", user.password_hash)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw passwordChangedMeanwhile();
    await trx
      .insertInto("password_history")
      .values({ id: newId(), user_id: user.id, password_hash: user.password_hash, created_at: now })
      .execute();
    const kept = trx
      .selectFrom("password_history")
      .select("id")
      .where("user_id", "=", user.id)
      .orderBy("created_at", "desc")
      .limit(Math.max(settings.passwordHistory - 1, 0));
    await trx
      .deleteFrom("password_history")
      .where("user_id", "=", user.id)
      .where("id", "not in", kept)
      .execute();
    await trx
      .deleteFrom("sessions")
      .where("user_id", "=", user.id)
      .where("id", "<>", sessionId(change.sessionToken))
      .execute();
    await recordAudit(trx, actor, {
      action: "password.changed",
      entity: "user",
      entityId: user.id,
      countyCode: user.region_code.length >= 6 ? user.region_code.slice(0, 6) : null,
    });
  });
}

const passwordChangedMeanwhile = () =>
  new AppError(409, "password_changed", {
    zh: "密码已在别处被修改，请使用新密码重试",
    en: "The password was changed meanwhile; try again with the new one",
  });
