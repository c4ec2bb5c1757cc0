/** Creates or updates a facility from a form: checked (township, number, F9 route) and audited. */
import type { Actor } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import { assertFacilityAllowed } from "./facility-rules";
import type { FacilityTable, NetworkTables } from "./network.tables";
import { type FacilityInput, writeFacility } from "./write-facility";

export type SaveFacilityOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  /** The facility to update; a new facility when absent. */
  id?: string;
  /** For an update, only the fields given change. */
  input: Partial<FacilityInput>;
};

function current(row: FacilityTable): FacilityInput {
  return {
    facilityNo: row.facility_no,
    kind: row.kind,
    name: row.name,
    townshipCode: row.township_code,
    areaTenths: row.area_tenths === null ? null : Number(row.area_tenths),
    equipment: JSON.parse(row.equipment_json),
    rooms: JSON.parse(row.rooms_json),
    hasSign: row.has_sign === 1,
    isCentrallyFunded: row.is_centrally_funded === 1,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    manager: row.manager,
    status: row.status,
    logisticsRoute: row.logistics_route,
    logisticsCompany: row.logistics_company,
  };
}

/** Returns the facility's id. */
export async function saveFacility({
  db,
  actor,
  countyCode,
  id,
  input,
}: SaveFacilityOptions): Promise<string> {
  return db.db.transaction().execute(async (trx) => {
    let before: FacilityTable | undefined;
    if (id) {
      before = await trx
        .withTables<NetworkTables>()
        .selectFrom("facilities")
        .selectAll()
        .where("id", "=", id)
        .where("county_code", "=", countyCode)
        .executeTakeFirst();
      if (!before) throw notFound({ zh: "该设施", en: "Facility" });
    }
    const base: FacilityInput = before
      ? current(before)
      : {
          facilityNo: "",
          kind: "county_center",
          name: "",
          townshipCode: null,
          areaTenths: null,
          equipment: [],
          rooms: [],
          hasSign: false,
          isCentrallyFunded: false,
          openedOn: null,
          closedOn: null,
          manager: null,
          status: "open",
          logisticsRoute: null,
          logisticsCompany: null,
        };
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    // A person's edit makes the row real data.
    const merged: FacilityInput = { ...base, ...defined, isDemo: false };
    await assertFacilityAllowed(trx, countyCode, merged, id);
    return (await writeFacility(trx, actor, countyCode, before, merged)).id;
  });
}
