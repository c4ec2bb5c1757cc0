/**
 * Station app accounts in a contractor's handover (项目交接, rule K2): the station managers' accounts
 * go on with their stations and now belong to the incoming contractor. The QR sign-in links not yet
 * used die, since the outgoing contractor may hold them; the phones already signed in stay signed in.
 * Runs inside the caller's transaction, each account audited.
 */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { StationsAppTables } from "./stations-app.tables";

export async function handOverStationAccounts(
  trx: Kysely<Database>,
  actor: Actor,
  input: { countyCode: string; stationNos: readonly string[]; toOrgId: string; handoverItemId: string },
): Promise<{ username: string; stationNo: string; linksEnded: number }[]> {
  if (input.stationNos.length === 0) return [];
  const t = trx.withTables<StationsAppTables>();
  const accounts = await t
    .selectFrom("station_accounts as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.user_id", "a.station_no", "u.username", "u.organization_id"])
    .where("a.county_code", "=", input.countyCode)
    .where("a.station_no", "in", [...input.stationNos])
    .where("a.revoked_at", "is", null)
    .orderBy("a.station_no")
    .orderBy("u.username")
    .execute();
  const now = chinaTimestamp();
  const moved: { username: string; stationNo: string; linksEnded: number }[] = [];
  for (const account of accounts) {
    await trx
      .updateTable("users")
      .set({ organization_id: input.toOrgId })
      .where("id", "=", account.user_id)
      .execute();
    const ended = await t
      .updateTable("station_sign_in_links")
      .set({ used_at: now })
      .where("user_id", "=", account.user_id)
      .where("used_at", "is", null)
      .executeTakeFirst();
    const linksEnded = Number(ended.numUpdatedRows);
    await recordAudit(trx, actor, {
      action: "station_account.handed_over",
      entity: "user",
      entityId: account.user_id,
      countyCode: input.countyCode,
      before: { organizationId: account.organization_id },
      after: {
        organizationId: input.toOrgId,
        stationNo: account.station_no,
        signInLinksEnded: linksEnded,
        handoverItem: input.handoverItemId,
      },
    });
    moved.push({ username: account.username, stationNo: account.station_no, linksEnded });
  }
  return moved;
}
