/** A county engages an outside account (a third-party assessor): grant and revoke its access. */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";
import { AppError, notFound } from "../http/errors";
import { chinaTimestamp } from "../time/china-time";
import { GRANT_SCOPED_ROLES, isRole } from "./roles";
import { newId } from "./sessions";

export async function grantCountyAccess(
  db: Kysely<Database>,
  actor: Actor,
  input: { username: string; countyCode: string },
): Promise<{ id: string }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("users")
      .select(["id", "role"])
      .where("username", "=", input.username)
      .executeTakeFirst();
    if (!user) throw notFound({ zh: `账户 ${input.username}`, en: `Account ${input.username}` });
    if (!isRole(user.role) || !GRANT_SCOPED_ROLES.has(user.role)) {
      throw new AppError(400, "not_grantable", {
        zh: "只能邀请第三方评估机构账户",
        en: "Only third-party assessor accounts can be invited",
      });
    }
    const existing = await trx
      .selectFrom("access_grants")
      .select("id")
      .where("user_id", "=", user.id)
      .where("county_code", "=", input.countyCode)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (existing) return { id: existing.id };
    const row = {
      id: newId(),
      user_id: user.id,
      county_code: input.countyCode,
      granted_by: actor.name,
      granted_at: chinaTimestamp(),
      revoked_at: null,
    };
    await trx.insertInto("access_grants").values(row).execute();
    await recordAudit(trx, actor, {
      action: "access.granted",
      entity: "access_grant",
      entityId: row.id,
      countyCode: input.countyCode,
      after: { username: input.username, countyCode: input.countyCode },
    });
    return { id: row.id };
  });
}

export async function revokeCountyAccess(
  db: Kysely<Database>,
  actor: Actor,
  input: { username: string; countyCode: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const grant = await trx
      .selectFrom("access_grants")
      .innerJoin("users", "users.id", "access_grants.user_id")
      .select(["access_grants.id"])
      .where("users.username", "=", input.username)
      .where("access_grants.county_code", "=", input.countyCode)
      .where("access_grants.revoked_at", "is", null)
      .executeTakeFirst();
    if (!grant) throw notFound({ zh: "该邀请", en: "Invitation" });
    await trx
      .updateTable("access_grants")
      .set({ revoked_at: chinaTimestamp() })
      .where("id", "=", grant.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "access.revoked",
      entity: "access_grant",
      entityId: grant.id,
      countyCode: input.countyCode,
      before: { username: input.username },
    });
  });
}

export async function listCountyGrants(db: Kysely<Database>, countyCode: string) {
  return db
    .selectFrom("access_grants")
    .innerJoin("users", "users.id", "access_grants.user_id")
    .select([
      "users.username",
      "users.display_name as displayName",
      "access_grants.granted_at as grantedAt",
      "access_grants.granted_by as grantedBy",
    ])
    .where("access_grants.county_code", "=", countyCode)
    .where("access_grants.revoked_at", "is", null)
    .orderBy("access_grants.granted_at")
    .execute();
}
