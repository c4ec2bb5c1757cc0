/** Saves village attributes (from the 村庄 sheet or the UI), auditing every village that changes. */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { NetworkTables } from "./network.tables";

export type VillageRow = { code: string; population: number; isPoor: boolean; hasBroadband: boolean };

/** Upserts village attributes, auditing each village whose values change; returns how many changed. */
export async function saveVillages(
  kdb: Kysely<Database>,
  countyCode: string,
  villages: VillageRow[],
  actor: Actor,
): Promise<number> {
  const trx = kdb.withTables<NetworkTables>();
  const existing = new Map(
    (await trx.selectFrom("villages").selectAll().where("county_code", "=", countyCode).execute()).map(
      (v) => [v.code, v],
    ),
  );
  const now = chinaTimestamp();
  let changed = 0;
  for (const v of villages) {
    const before = existing.get(v.code);
    const after = {
      population: v.population,
      is_poor: v.isPoor ? 1 : 0,
      has_broadband: v.hasBroadband ? 1 : 0,
    };
    if (
      before &&
      before.population === after.population &&
      before.is_poor === after.is_poor &&
      before.has_broadband === after.has_broadband &&
      before.demo_fields === "[]"
    ) {
      continue;
    }
    // Real figures replace demo values: the row is no longer marked as demo data.
    await trx
      .insertInto("villages")
      .values({ county_code: countyCode, code: v.code, ...after, demo_fields: "[]", updated_at: now })
      .onConflict((oc) =>
        oc.columns(["county_code", "code"]).doUpdateSet({ ...after, demo_fields: "[]", updated_at: now }),
      )
      .execute();
    await recordAudit(kdb, actor, {
      action: before ? "village.updated" : "village.created",
      entity: "village",
      entityId: v.code,
      countyCode,
      before: before
        ? { population: before.population, is_poor: before.is_poor, has_broadband: before.has_broadband }
        : undefined,
      after,
    });
    changed++;
  }
  return changed;
}
