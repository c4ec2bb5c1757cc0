/**
 * The county's register of stations as other domains need it: which 站点编号 exist (operations
 * refuses rows and records naming any other, interfaces.md), when each opened and closed (rule O2's
 * months) and its opening hours (rule O1). Operations never reads the network's tables itself.
 */
import type { Kysely } from "kysely";
import type { NetworkStatus } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import type { NetworkTables } from "./network.tables";

export type RegisteredStation = {
  stationNo: string;
  status: NetworkStatus;
  /** 建成日期 YYYY-MM-DD, null when not recorded. */
  builtOn: string | null;
  closedOn: string | null;
  /** Opening hours, minutes after 00:00 China time: opens ≤ minute < closes (rule O1). */
  opensAtMinute: number;
  closesAtMinute: number;
};

export async function stationRegister(
  db: Kysely<Database>,
  countyCode: string,
): Promise<Map<string, RegisteredStation>> {
  const rows = await db
    .withTables<NetworkTables>()
    .selectFrom("stations")
    .select(["station_no", "status", "built_on", "closed_on", "opens_at_minute", "closes_at_minute"])
    .where("county_code", "=", countyCode)
    .execute();
  return new Map(
    rows.map((r) => [
      r.station_no,
      {
        stationNo: r.station_no,
        status: r.status,
        builtOn: r.built_on,
        closedOn: r.closed_on,
        opensAtMinute: Number(r.opens_at_minute),
        closesAtMinute: Number(r.closes_at_minute),
      },
    ]),
  );
}
