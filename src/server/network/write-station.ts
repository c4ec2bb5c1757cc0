/**
 * Writes one station (insert or update by id) and its audit entry, inside the caller's
 * transaction. Callers check the village and rule F9 first; the partial unique index
 * `stations_one_funded_per_village` is the last line of defence.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { NetworkStatus } from "../../rules/network";
import type { OpeningHours } from "../../rules/opening-hours";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { NetworkTables, StationTable } from "./network.tables";

/** What a station is made of, as a form or a 站点 row gives it. */
export type StationInput = {
  stationNo: string;
  name: string;
  villageCode: string;
  /** Tenths of m². */
  areaTenths: number | null;
  equipment: string[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
  builtOn: string | null;
  closedOn: string | null;
  manager: string | null;
  status: NetworkStatus;
  /** Opening hours (rule O1); kept as stored when not given. */
  openingHours?: OpeningHours;
  isDemo?: boolean;
};

type StationColumns = Omit<StationTable, "id" | "county_code" | "created_at" | "updated_at">;

function columns(input: StationInput): StationColumns {
  return {
    station_no: input.stationNo,
    name: input.name,
    village_code: input.villageCode,
    area_tenths: input.areaTenths,
    equipment_json: JSON.stringify(input.equipment),
    has_sign: input.hasSign ? 1 : 0,
    is_centrally_funded: input.isCentrallyFunded ? 1 : 0,
    built_on: input.builtOn,
    closed_on: input.closedOn,
    manager: input.manager,
    status: input.status,
    is_demo: input.isDemo ? 1 : 0,
    ...(input.openingHours
      ? {
          opens_at_minute: input.openingHours.opensAtMinute,
          closes_at_minute: input.openingHours.closesAtMinute,
        }
      : {}),
  };
}

function sameColumns(before: StationTable, after: StationColumns): boolean {
  return (Object.keys(after) as (keyof StationColumns)[]).every(
    (k) => String(before[k] ?? "") === String(after[k] ?? ""),
  );
}

/**
 * Inserts the station when `before` is undefined, else updates it; returns its id and whether
 * anything changed (an unchanged row writes nothing and is not audited: re-imports are idempotent).
 */
export async function writeStation(
  kdb: Kysely<Database>,
  actor: Actor,
  countyCode: string,
  before: StationTable | undefined,
  input: StationInput,
): Promise<{ id: string; changed: boolean }> {
  const trx = kdb.withTables<NetworkTables>();
  const after = columns(input);
  const now = chinaTimestamp();
  if (before) {
    if (sameColumns(before, after)) return { id: before.id, changed: false };
    await trx
      .updateTable("stations")
      .set({ ...after, updated_at: now })
      .where("id", "=", before.id)
      .where("county_code", "=", countyCode)
      .execute();
    const { id: _id, county_code: _c, created_at: _ca, updated_at: _ua, ...old } = before;
    await recordAudit(kdb, actor, {
      action: "station.updated",
      entity: "station",
      entityId: before.id,
      countyCode,
      before: old,
      after,
    });
    return { id: before.id, changed: true };
  }
  const id = randomUUID();
  await trx
    .insertInto("stations")
    .values({ id, county_code: countyCode, ...after, created_at: now, updated_at: now })
    .execute();
  await recordAudit(kdb, actor, {
    action: "station.created",
    entity: "station",
    entityId: id,
    countyCode,
    after,
  });
  return { id, changed: true };
}
