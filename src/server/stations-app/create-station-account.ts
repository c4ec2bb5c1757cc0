/**
 * A county (or its contractor) creates a station manager's account bound to one station. The
 * account signs in only by QR link: its password is random and never shown, so nothing is typed on
 * a phone in the village and there is no password to change at first sign-in.
 */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { listStationRecords } from "../network";
import { type Actor, recordAudit } from "../platform/audit/audit";
import { hashPassword } from "../platform/auth/password";
import { newId } from "../platform/auth/sessions";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import type { StationsAppTables } from "./stations-app.tables";

export type NewStationAccount = { stationId: string; username: string; displayName: string };

export async function createStationAccount(
  kdb: Kysely<Database>,
  actor: Actor,
  countyCode: string,
  input: NewStationAccount,
): Promise<{ userId: string }> {
  const [station] = await listStationRecords(kdb, { countyCode, id: input.stationId });
  if (!station) {
    throw badRequest("unknown_station", { zh: "该县没有这个站点", en: "No such station in this county" }, [
      { path: "stationId", message: "该县没有这个站点" },
    ]);
  }
  if (station.status === "closed" || station.closedOn) {
    throw badRequest("station_closed", { zh: "站点已关闭，不能再开账号", en: "The station is closed" });
  }
  const userId = newId();
  const now = chinaTimestamp();
  // Unusable: 256 random bits nobody ever sees; the account signs in by QR link only.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  await kdb.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("users")
      .select("id")
      .where("username", "=", input.username)
      .executeTakeFirst();
    if (taken) {
      throw new AppError(409, "username_taken", {
        zh: `用户名 ${input.username} 已存在`,
        en: `Username ${input.username} is taken`,
      });
    }
    const user = {
      id: userId,
      username: input.username,
      display_name: input.displayName,
      role: "station_manager" as const,
      // Scoped to the station's village: the account reads no county page, only its station.
      region_code: station.villageCode,
      organization_id: null,
      failed_logins: 0,
      locked_until: null,
      is_disabled: 0,
      created_at: now,
      must_change_password: 0,
      password_changed_at: now,
    };
    await trx
      .insertInto("users")
      .values({ ...user, password_hash: passwordHash })
      .execute();
    const binding = {
      user_id: userId,
      county_code: countyCode,
      station_id: station.id,
      station_no: station.stationNo,
      created_by: actor.id,
      created_at: now,
      revoked_at: null,
      revoked_by: null,
    };
    await trx.withTables<StationsAppTables>().insertInto("station_accounts").values(binding).execute();
    await recordAudit(trx, actor, {
      action: "station_account.created",
      entity: "user",
      entityId: userId,
      countyCode,
      after: { ...user, station_no: station.stationNo, station_id: station.id },
    });
  });
  return { userId };
}
