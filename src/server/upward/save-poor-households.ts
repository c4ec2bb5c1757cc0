/** Saves registered poor households (贫困户 sheet): upsert by 户编号, one audit entry per save. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import type { UpwardTables } from "./upward.tables";

export type PoorHouseholdRow = { code: string; codeLabel: string; villageCode: string; members: number };

/** Upserts households; returns how many were created or changed. */
export async function savePoorHouseholds(
  kdb: Kysely<Database>,
  countyCode: string,
  households: PoorHouseholdRow[],
  actor: Actor,
): Promise<number> {
  const trx = kdb.withTables<UpwardTables>();
  const existing = new Map(
    (
      await trx
        .selectFrom("poor_households")
        .select(["code", "village_code", "members", "is_demo"])
        .where("county_code", "=", countyCode)
        .execute()
    ).map((h) => [h.code, h]),
  );
  const now = chinaTimestamp();
  const changed: PoorHouseholdRow[] = [];
  const updates: { household: string; before: object; after: object }[] = [];
  for (const h of households) {
    const before = existing.get(h.code);
    if (before && before.village_code === h.villageCode && before.members === h.members && !before.is_demo)
      continue;
    changed.push(h);
    if (before) {
      updates.push({
        household: h.codeLabel,
        before: { villageCode: before.village_code, members: before.members },
        after: { villageCode: h.villageCode, members: h.members },
      });
    }
  }
  for (let i = 0; i < changed.length; i += 500) {
    await trx
      .insertInto("poor_households")
      .values(
        changed.slice(i, i + 500).map((h) => ({
          id: randomUUID(),
          county_code: countyCode,
          code: h.code,
          code_label: h.codeLabel,
          village_code: h.villageCode,
          members: h.members,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["county_code", "code"]).doUpdateSet((eb) => ({
          code_label: eb.ref("excluded.code_label"),
          village_code: eb.ref("excluded.village_code"),
          members: eb.ref("excluded.members"),
          // Real figures replace demo values: the row is no longer demo data.
          is_demo: 0,
          updated_at: now,
        })),
      )
      .execute();
  }
  if (changed.length) {
    await recordAudit(kdb, actor, {
      action: "poor_households.saved",
      entity: "poor_households",
      entityId: countyCode,
      countyCode,
      after: { created: changed.length - updates.length, updated: updates.length, updates },
    });
  }
  return changed.length;
}
