/**
 * A contractor organization leaves a county (a supervised handover, rule K2): the accounts of its
 * staff scoped to that county are disabled and their sessions end at once, so they no longer read or
 * act for the county. A contractor account is scoped to one county, so this is all it could reach.
 * Station managers' accounts are not touched: they go on with their stations.
 */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../audit/audit";
import type { Database } from "../db/schema";

export async function endOrganizationAccess(
  trx: Kysely<Database>,
  actor: Actor,
  input: { countyCode: string; organizationId: string; reason: string },
): Promise<{ username: string; sessionsEnded: number }[]> {
  const users = await trx
    .selectFrom("users")
    .select(["id", "username"])
    .where("organization_id", "=", input.organizationId)
    .where("role", "=", "contractor")
    .where("region_code", "=", input.countyCode)
    .where("is_disabled", "=", 0)
    .orderBy("username")
    .execute();
  const ended: { username: string; sessionsEnded: number }[] = [];
  for (const user of users) {
    await trx.updateTable("users").set({ is_disabled: 1 }).where("id", "=", user.id).execute();
    const sessions = await trx.deleteFrom("sessions").where("user_id", "=", user.id).executeTakeFirst();
    const sessionsEnded = Number(sessions.numDeletedRows);
    await recordAudit(trx, actor, {
      action: "user.access_ended",
      entity: "user",
      entityId: user.id,
      countyCode: input.countyCode,
      before: { is_disabled: 0 },
      after: { is_disabled: 1, sessionsEnded, reason: input.reason },
    });
    ended.push({ username: user.username, sessionsEnded });
  }
  return ended;
}
