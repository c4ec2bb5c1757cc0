/**
 * Lost phone: the county revokes the station account. Its sessions end at once (the phone's next
 * request is refused), its unused QR links die with it, and the account is disabled for good; the
 * records it already sent stay. A new phone gets a new account.
 */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { StationsAppTables } from "./stations-app.tables";

export async function revokeStationAccount(
  kdb: Kysely<Database>,
  actor: Actor,
  countyCode: string,
  userId: string,
): Promise<void> {
  await kdb.transaction().execute(async (trx) => {
    const t = trx.withTables<StationsAppTables>();
    const account = await t
      .selectFrom("station_accounts")
      .select(["user_id", "revoked_at", "station_no"])
      .where("user_id", "=", userId)
      .where("county_code", "=", countyCode)
      .executeTakeFirst();
    if (!account) throw notFound({ zh: "该站点管理员账号", en: "Station account" });
    if (account.revoked_at) return;
    const now = chinaTimestamp();
    await t
      .updateTable("station_accounts")
      .set({ revoked_at: now, revoked_by: actor.id })
      .where("user_id", "=", userId)
      .execute();
    await trx.updateTable("users").set({ is_disabled: 1 }).where("id", "=", userId).execute();
    const ended = await trx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
    await t
      .updateTable("station_sign_in_links")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
    await recordAudit(trx, actor, {
      action: "station_account.revoked",
      entity: "user",
      entityId: userId,
      countyCode,
      before: { revoked_at: null },
      after: { revoked_at: now, station_no: account.station_no, sessionsEnded: Number(ended.numDeletedRows) },
    });
  });
}
