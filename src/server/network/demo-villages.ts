/** Demo village attributes: synthetic, deterministic from the division code, marked as demo. */
import { recordAudit } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { demoFraction } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { chinaTimestamp } from "../platform/time/china-time";
import type { NetworkTables } from "./network.tables";

const DEMO_FIELDS = JSON.stringify(["population", "isPoor", "hasBroadband"]);

/** Population 120–3,200 (skewed small), ~25% of village committees poor, ~93% broadband. */
export function demoVillage(code: string, isVillageCommittee: boolean) {
  const p = demoFraction(`${code}:population`);
  const population = Math.round(120 + 3080 * p * p);
  const isPoor = isVillageCommittee && demoFraction(`${code}:poor`) < 0.25;
  const hasBroadband = demoFraction(`${code}:broadband`) < 0.93;
  return { population, is_poor: isPoor ? 1 : 0, has_broadband: hasBroadband ? 1 : 0 };
}

export async function loadDemoVillages(db: Db, { counties }: DemoContext): Promise<void> {
  const now = chinaTimestamp();
  await db.db.transaction().execute(async (kdb) => {
    const trx = kdb.withTables<NetworkTables>();
    for (const county of counties) {
      const villages = await trx
        .selectFrom("regions as r")
        .leftJoin("villages as v", (j) =>
          j.onRef("v.code", "=", "r.code").onRef("v.county_code", "=", "r.county_code"),
        )
        .select(["r.code", "r.village_kind", "v.code as existing"])
        .where("r.county_code", "=", county.code)
        .where("r.level", "=", "village")
        .execute();
      const rows = villages
        .filter((v) => !v.existing)
        .map((v) => ({
          county_code: county.code,
          code: v.code,
          ...demoVillage(v.code, v.village_kind === "village_committee"),
          demo_fields: DEMO_FIELDS,
          updated_at: now,
        }));
      for (let i = 0; i < rows.length; i += 500) {
        await trx
          .insertInto("villages")
          .values(rows.slice(i, i + 500))
          .execute();
      }
      await recordAudit(
        kdb,
        { id: null, name: "demo" },
        {
          action: "demo.villages_loaded",
          entity: "county",
          entityId: county.code,
          countyCode: county.code,
          after: { villages: rows.length },
        },
      );
    }
  });
}
