/** Creates or updates a station from a form: checked (village, number, F9) and audited in one transaction. */
import type { Actor } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { notFound } from "../platform/http/errors";
import type { NetworkTables, StationTable } from "./network.tables";
import { assertStationAllowed } from "./station-rules";
import { stationFields } from "./stations.repository";
import { type StationInput, writeStation } from "./write-station";

export type SaveStationOptions = {
  db: Db;
  actor: Actor;
  countyCode: string;
  /** The station to update; a new station when absent. */
  id?: string;
  /** For an update, only the fields given change. */
  input: Partial<StationInput>;
};

const noStation = () => notFound({ zh: "该站点", en: "Station" });

/** Returns the station's id. */
export async function saveStation({ db, actor, countyCode, id, input }: SaveStationOptions): Promise<string> {
  return db.db.transaction().execute(async (trx) => {
    let before: StationTable | undefined;
    if (id) {
      before = await trx
        .withTables<NetworkTables>()
        .selectFrom("stations")
        .selectAll()
        .where("id", "=", id)
        .where("county_code", "=", countyCode)
        .executeTakeFirst();
      if (!before) throw noStation();
    }
    const current = before ? stationFields(before) : undefined;
    const merged: StationInput = {
      stationNo: input.stationNo ?? current?.stationNo ?? "",
      name: input.name ?? current?.name ?? "",
      villageCode: input.villageCode ?? current?.villageCode ?? "",
      areaTenths: input.areaTenths !== undefined ? input.areaTenths : (current?.areaTenths ?? null),
      equipment: input.equipment ?? current?.equipment ?? [],
      hasSign: input.hasSign ?? current?.hasSign ?? false,
      isCentrallyFunded: input.isCentrallyFunded ?? current?.isCentrallyFunded ?? false,
      builtOn: input.builtOn !== undefined ? input.builtOn : (current?.builtOn ?? null),
      closedOn: input.closedOn !== undefined ? input.closedOn : (current?.closedOn ?? null),
      manager: input.manager !== undefined ? input.manager : (current?.manager ?? null),
      status: input.status ?? current?.status ?? "open",
      // A person's edit makes the row real data.
      isDemo: false,
    };
    await assertStationAllowed(trx, countyCode, merged, id);
    return (await writeStation(trx, actor, countyCode, before, merged)).id;
  });
}
