/** County and township facilities with their township's name, and their spec check (S3, S4). */
import type { Kysely } from "kysely";
import { checkFacilitySpec, type NetworkStatus, type Room, type SpecCheck } from "../../rules/network";
import type { Database } from "../platform/db/schema";
import type { FacilityKindKey, NetworkTables } from "./network.tables";

export type FacilityRecord = {
  id: string;
  countyCode: string;
  facilityNo: string;
  kind: FacilityKindKey;
  name: string;
  townshipCode: string | null;
  townshipName: string | null;
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
  isDemo: boolean;
  updatedAt: string;
};

export async function listFacilityRecords(
  kdb: Kysely<Database>,
  filter: { countyCode?: string; id?: string },
): Promise<FacilityRecord[]> {
  let query = kdb
    .withTables<NetworkTables>()
    .selectFrom("facilities as f")
    .leftJoin("regions as t", "t.code", "f.township_code")
    .selectAll("f")
    .select("t.name as township_name");
  if (filter.countyCode) query = query.where("f.county_code", "=", filter.countyCode);
  if (filter.id) query = query.where("f.id", "=", filter.id);
  const rows = await query.orderBy("f.kind").orderBy("f.facility_no").execute();
  return rows.map((r) => ({
    id: r.id,
    countyCode: r.county_code,
    facilityNo: r.facility_no,
    kind: r.kind,
    name: r.name,
    townshipCode: r.township_code,
    townshipName: r.township_name ?? null,
    areaTenths: r.area_tenths === null ? null : Number(r.area_tenths),
    equipment: JSON.parse(r.equipment_json) as string[],
    rooms: JSON.parse(r.rooms_json) as Room[],
    hasSign: r.has_sign === 1,
    isCentrallyFunded: r.is_centrally_funded === 1,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    manager: r.manager,
    status: r.status,
    logisticsRoute: r.logistics_route,
    logisticsCompany: r.logistics_company,
    isDemo: r.is_demo === 1,
    updatedAt: r.updated_at,
  }));
}

/** Rule S3 or S4 for a stored facility. */
export function facilitySpec(facility: FacilityRecord): SpecCheck {
  return checkFacilitySpec(facility);
}
