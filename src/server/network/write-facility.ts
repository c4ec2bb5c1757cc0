/**
 * Writes one facility (县级服务中心 / 县级仓储物流中心 / 乡镇配送中心) and its audit entry, inside the
 * caller's transaction. Callers check the township and rule F9 (one funded company per route) first.
 */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { NetworkStatus, Room } from "../../rules/network";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { FacilityKindKey, FacilityTable, NetworkTables } from "./network.tables";

/** What a facility is made of, as a form or a 设施 row gives it. */
export type FacilityInput = {
  facilityNo: string;
  kind: FacilityKindKey;
  name: string;
  /** 9-digit township code; required for township centres. */
  townshipCode: string | null;
  /** Tenths of m². */
  areaTenths: number | null;
  equipment: string[];
  rooms: Room[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
  openedOn: string | null;
  closedOn: string | null;
  manager: string | null;
  status: NetworkStatus;
  logisticsRoute: string | null;
  logisticsCompany: string | null;
  isDemo?: boolean;
};

type FacilityColumns = Omit<FacilityTable, "id" | "county_code" | "created_at" | "updated_at">;

function columns(input: FacilityInput): FacilityColumns {
  return {
    facility_no: input.facilityNo,
    kind: input.kind,
    name: input.name,
    township_code: input.townshipCode,
    area_tenths: input.areaTenths,
    equipment_json: JSON.stringify(input.equipment),
    rooms_json: JSON.stringify(input.rooms),
    has_sign: input.hasSign ? 1 : 0,
    is_centrally_funded: input.isCentrallyFunded ? 1 : 0,
    opened_on: input.openedOn,
    closed_on: input.closedOn,
    manager: input.manager,
    status: input.status,
    logistics_route: input.logisticsRoute,
    logistics_company: input.logisticsCompany,
    is_demo: input.isDemo ? 1 : 0,
  };
}

function sameColumns(before: FacilityTable, after: FacilityColumns): boolean {
  return (Object.keys(after) as (keyof FacilityColumns)[]).every(
    (k) => String(before[k] ?? "") === String(after[k] ?? ""),
  );
}

/** Inserts (no `before`) or updates; an unchanged facility writes nothing and is not audited. */
export async function writeFacility(
  kdb: Kysely<Database>,
  actor: Actor,
  countyCode: string,
  before: FacilityTable | undefined,
  input: FacilityInput,
): Promise<{ id: string; changed: boolean }> {
  const trx = kdb.withTables<NetworkTables>();
  const after = columns(input);
  const now = chinaTimestamp();
  if (before) {
    if (sameColumns(before, after)) return { id: before.id, changed: false };
    await trx
      .updateTable("facilities")
      .set({ ...after, updated_at: now })
      .where("id", "=", before.id)
      .where("county_code", "=", countyCode)
      .execute();
    const { id: _id, county_code: _c, created_at: _ca, updated_at: _ua, ...old } = before;
    await recordAudit(kdb, actor, {
      action: "facility.updated",
      entity: "facility",
      entityId: before.id,
      countyCode,
      before: old,
      after,
    });
    return { id: before.id, changed: true };
  }
  const id = randomUUID();
  await trx
    .insertInto("facilities")
    .values({ id, county_code: countyCode, ...after, created_at: now, updated_at: now })
    .execute();
  await recordAudit(kdb, actor, {
    action: "facility.created",
    entity: "facility",
    entityId: id,
    countyCode,
    after,
  });
  return { id, changed: true };
}
