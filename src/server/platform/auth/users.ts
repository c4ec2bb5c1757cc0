/** Creating accounts: role, region and password policy checks; no role above the creator's reach. */
import type { Kysely } from "kysely";
import { isWithin } from "../../../rules/regions";
import { type Actor, recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { AppError, badRequest, forbidden } from "../http/errors";
import { chinaTimestamp } from "../time/china-time";
import { hashPassword } from "./password";
import { newPasswordProblems } from "./password-strength";
import { CREATABLE_ROLES, type Principal, ROLE_REGION_LENGTH, type Role } from "./roles";
import { newId } from "./sessions";

export type NewUser = {
  username: string;
  displayName?: string;
  role: Role;
  regionCode: string;
  password: string;
  organizationId?: string | null;
};

/**
 * Creates an account. `creator` is the signed-in principal (checked against CREATABLE_ROLES and
 * its region) or "system" for the CLI run by the server's operator. An administrator chose the
 * password of the account it creates, so that account must change it at its first sign-in; the
 * operator's own accounts (`shifan user add`, demo accounts) need not.
 */
export async function createUser(
  db: Kysely<Database>,
  creator: Principal | "system",
  user: NewUser,
): Promise<{ id: string }> {
  if (creator !== "system") {
    if (
      !CREATABLE_ROLES[creator.role].includes(user.role) ||
      !isWithin(user.regionCode, creator.regionCode)
    ) {
      throw forbidden();
    }
  }
  if (!/^[A-Za-z0-9_.-]{3,40}$/.test(user.username)) {
    throw badRequest("invalid_username", {
      zh: "用户名须为3–40位字母、数字或 _.-",
      en: "Username must be 3–40 letters, digits or _.-",
    });
  }
  if (!ROLE_REGION_LENGTH[user.role].includes(user.regionCode.length)) {
    throw badRequest("invalid_region", {
      zh: `角色 ${user.role} 不能绑定到地区 ${user.regionCode}`,
      en: `Role ${user.role} cannot be scoped to region ${user.regionCode}`,
    });
  }
  const region = await db
    .selectFrom("regions")
    .select("name")
    .where("code", "=", user.regionCode)
    .executeTakeFirst();
  if (!region) {
    throw badRequest("unknown_region", {
      zh: `地区代码 ${user.regionCode} 不存在`,
      en: `Unknown region ${user.regionCode}`,
    });
  }
  if (user.organizationId) {
    // The account's organization is registered in its region or above it (rule K2: a contractor's
    // staff are found by their organization when it is replaced).
    const org = await db
      .selectFrom("organizations")
      .select("region_code")
      .where("id", "=", user.organizationId)
      .executeTakeFirst();
    if (!org || !(isWithin(org.region_code, user.regionCode) || isWithin(user.regionCode, org.region_code))) {
      throw badRequest(
        "unknown_organization",
        { zh: "该地区没有登记这个单位", en: "No such organization in this region" },
        [{ path: "organizationId", message: "该地区没有登记这个单位" }],
      );
    }
  }
  const problems = newPasswordProblems(
    user.password,
    [user.username, user.displayName ?? ""].filter(Boolean),
  );
  if (problems.length) {
    throw badRequest(
      "weak_password",
      { zh: problems.map((p) => p.zh).join("；"), en: problems.map((p) => p.en).join("; ") },
      problems.map((p) => ({ path: "password", message: p.zh })),
    );
  }
  const id = newId();
  const passwordHash = await hashPassword(user.password);
  const actor: Actor =
    creator === "system" ? { id: null, name: "system" } : { id: creator.id, name: creator.username };
  const now = chinaTimestamp();
  await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("users")
      .select("id")
      .where("username", "=", user.username)
      .executeTakeFirst();
    if (taken) {
      throw new AppError(409, "username_taken", {
        zh: `用户名 ${user.username} 已存在`,
        en: `Username ${user.username} is taken`,
      });
    }
    const row = {
      id,
      username: user.username,
      display_name: user.displayName ?? user.username,
      role: user.role,
      region_code: user.regionCode,
      organization_id: user.organizationId ?? null,
      failed_logins: 0,
      locked_until: null,
      is_disabled: 0,
      created_at: now,
      must_change_password: creator === "system" ? 0 : 1,
      password_changed_at: now,
    };
    await trx
      .insertInto("users")
      .values({ ...row, password_hash: passwordHash })
      .execute();
    await recordAudit(trx, actor, {
      action: "user.created",
      entity: "user",
      entityId: id,
      countyCode: user.regionCode.length >= 6 ? user.regionCode.slice(0, 6) : null,
      after: row,
    });
  });
  return { id };
}
