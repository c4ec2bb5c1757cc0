/**
 * Stations in a contractor's handover (项目交接, rule K2): the stations a contractor operates, and
 * moving them to the contractor that replaced it, each audited with the operator before and after.
 */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";
import type { NetworkTables } from "./network.tables";

/** 站点编号 of the county's stations operated by an organization. */
export async function stationsOperatedBy(
  db: Kysely<Database>,
  countyCode: string,
  organizationId: string,
): Promise<string[]> {
  const rows = await db
    .withTables<NetworkTables>()
    .selectFrom("stations")
    .select("station_no")
    .where("county_code", "=", countyCode)
    .where("operator_org_id", "=", organizationId)
    .orderBy("station_no")
    .execute();
  return rows.map((r) => r.station_no);
}

/** Refuses 站点编号 that are not the county's stations (a handover lists only real stations). */
export async function requireStationNos(
  db: Kysely<Database>,
  countyCode: string,
  stationNos: readonly string[],
): Promise<void> {
  if (stationNos.length === 0) return;
  const known = new Set(
    (
      await db
        .withTables<NetworkTables>()
        .selectFrom("stations")
        .select("station_no")
        .where("county_code", "=", countyCode)
        .where("station_no", "in", [...stationNos])
        .execute()
    ).map((r) => r.station_no),
  );
  const missing = stationNos.filter((no) => !known.has(no));
  if (missing.length) {
    throw badRequest(
      "unknown_station",
      {
        zh: `该县没有这些站点：${missing.join("、")}`,
        en: `No such stations in this county: ${missing.join(", ")}`,
      },
      missing.map((no) => ({ path: "stationNos", message: `该县没有站点 ${no}` })),
    );
  }
}

/**
 * Sets the operator of the listed stations inside the caller's transaction (a handover, or the
 * demo's first operator); returns each station with the operator it had.
 */
export async function setStationsOperator(
  trx: Kysely<Database>,
  actor: Actor,
  input: { countyCode: string; stationNos: readonly string[]; organizationId: string; reason: string },
): Promise<{ stationNo: string; fromOrgId: string | null }[]> {
  if (input.stationNos.length === 0) return [];
  await requireStationNos(trx, input.countyCode, input.stationNos);
  const t = trx.withTables<NetworkTables>();
  const rows = await t
    .selectFrom("stations")
    .select(["id", "station_no", "operator_org_id"])
    .where("county_code", "=", input.countyCode)
    .where("station_no", "in", [...input.stationNos])
    .orderBy("station_no")
    .execute();
  for (const row of rows) {
    await t
      .updateTable("stations")
      .set({ operator_org_id: input.organizationId })
      .where("id", "=", row.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "station.operator_changed",
      entity: "station",
      entityId: row.id,
      countyCode: input.countyCode,
      before: { stationNo: row.station_no, operatorOrgId: row.operator_org_id },
      after: { stationNo: row.station_no, operatorOrgId: input.organizationId, reason: input.reason },
    });
  }
  return rows.map((r) => ({ stationNo: r.station_no, fromOrgId: r.operator_org_id }));
}
