/**
 * Checks a station must pass before a form saves it: its village lies in the county, its number
 * is free, and rule F9 (one centrally funded station per village) holds against stored stations.
 */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import type { NetworkTables } from "./network.tables";
import type { StationInput } from "./write-station";

export async function assertStationAllowed(
  kdb: Kysely<Database>,
  countyCode: string,
  input: StationInput,
  selfId?: string,
): Promise<void> {
  const db = kdb.withTables<NetworkTables>();
  const village = await db
    .selectFrom("regions")
    .select("code")
    .where("code", "=", input.villageCode)
    .where("level", "=", "village")
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!village) {
    throw badRequest("village_not_in_county", {
      zh: `村代码 ${input.villageCode} 不是本县的村级单位`,
      en: `${input.villageCode} is not a village-level unit of this county`,
    });
  }
  const sameNo = await db
    .selectFrom("stations")
    .select("id")
    .where("county_code", "=", countyCode)
    .where("station_no", "=", input.stationNo)
    .executeTakeFirst();
  if (sameNo && sameNo.id !== selfId) {
    throw new AppError(409, "station_no_taken", {
      zh: `站点编号 ${input.stationNo} 已存在`,
      en: `Station number ${input.stationNo} already exists`,
    });
  }
  if (!input.isCentrallyFunded) return;
  const funded = await db
    .selectFrom("stations")
    .select(["id", "station_no"])
    .where("county_code", "=", countyCode)
    .where("village_code", "=", input.villageCode)
    .where("is_centrally_funded", "=", 1)
    .executeTakeFirst();
  if (funded && funded.id !== selfId) {
    throw new AppError(409, "station_funded_twice", {
      zh: `村 ${input.villageCode} 已有中央资金支持的站点 ${funded.station_no}：同一行政村中央财政支持不超过1个（F9）`,
      en: `Village ${input.villageCode} already has the centrally funded station ${funded.station_no}: at most one per village (F9)`,
    });
  }
}
