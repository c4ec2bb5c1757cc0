/**
 * Where a station lies (its village, hence its township), for the township KPIs. Stations belong
 * to the network domain; operations never reads its tables. The module takes a directory as a
 * port: the network's use case when it provides one, else this fallback, which reads the
 * village from station codes of the form `<12-digit village code>-NN` (the demo's scheme) and
 * leaves other stations outside any township.
 */
import type { Db } from "../platform/db/database";

/** 站点编号 → 12-digit village code of the county's stations (absent = unknown). */
export type StationDirectory = (db: Db, countyCode: string) => Promise<ReadonlyMap<string, string>>;

/** The village code a station code starts with, when it does. */
export function villageOfStationCode(stationCode: string, countyCode: string): string | undefined {
  const m = /^(\d{12})-\d+$/.exec(stationCode);
  return m && m[1]!.startsWith(countyCode) ? m[1] : undefined;
}

/** The fallback directory: an empty map, resolved per code with villageOfStationCode. */
export const codeSchemeDirectory: StationDirectory = async () => new Map();

/** The village of a station from the directory, else from its code. */
export function villageOf(directory: ReadonlyMap<string, string>, stationCode: string, countyCode: string) {
  return directory.get(stationCode) ?? villageOfStationCode(stationCode, countyCode);
}
