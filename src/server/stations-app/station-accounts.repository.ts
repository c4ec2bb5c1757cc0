/** Station accounts (站点管理员账号) with their user and station, as the county's page lists them. */
import type { Kysely } from "kysely";
import type { NetworkTables } from "../network";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { StationsAppTables } from "./stations-app.tables";

export type StationAccountRecord = {
  id: string;
  username: string;
  displayName: string;
  countyCode: string;
  stationId: string;
  stationNo: string;
  stationName: string;
  createdAt: string;
  revokedAt: string | null;
  /** Live sessions of the account (phones signed in). */
  sessions: number;
};

/** What a signed-in station account is bound to; undefined when it is none or revoked. */
export type StationBinding = {
  userId: string;
  username: string;
  countyCode: string;
  stationId: string;
  stationNo: string;
};

const tables = (kdb: Kysely<Database>) => kdb.withTables<StationsAppTables & NetworkTables>();

export async function findStationBinding(
  kdb: Kysely<Database>,
  userId: string,
): Promise<StationBinding | undefined> {
  const row = await tables(kdb)
    .selectFrom("station_accounts as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.user_id", "u.username", "a.county_code", "a.station_id", "a.station_no"])
    .where("a.user_id", "=", userId)
    .where("a.revoked_at", "is", null)
    .where("u.is_disabled", "=", 0)
    .executeTakeFirst();
  return row
    ? {
        userId: row.user_id,
        username: row.username,
        countyCode: row.county_code,
        stationId: row.station_id,
        stationNo: row.station_no,
      }
    : undefined;
}

export async function listStationAccounts(
  kdb: Kysely<Database>,
  countyCode: string,
  userId?: string,
): Promise<StationAccountRecord[]> {
  let query = tables(kdb)
    .selectFrom("station_accounts as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .innerJoin("stations as s", "s.id", "a.station_id")
    .select((eb) => [
      "a.user_id",
      "u.username",
      "u.display_name",
      "a.county_code",
      "a.station_id",
      "a.station_no",
      "s.name as station_name",
      "a.created_at",
      "a.revoked_at",
      eb
        .selectFrom("sessions")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("sessions.user_id", "=", "a.user_id")
        .where("sessions.expires_at", ">", chinaTimestamp())
        .as("sessions"),
    ])
    .where("a.county_code", "=", countyCode);
  if (userId) query = query.where("a.user_id", "=", userId);
  const rows = await query.orderBy("a.station_no").orderBy("a.created_at").execute();
  return rows.map((r) => ({
    id: r.user_id,
    username: r.username,
    displayName: r.display_name,
    countyCode: r.county_code,
    stationId: r.station_id,
    stationNo: r.station_no,
    stationName: r.station_name,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
    sessions: Number(r.sessions ?? 0),
  }));
}
