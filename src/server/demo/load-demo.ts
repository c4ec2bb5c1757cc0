/**
 * The synthetic demo data set, on top of the reference facts. Everything here is invented but
 * deterministic (derived from division codes), and marked as demo wherever it is shown.
 */
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../platform/audit/audit";
import { newId } from "../platform/auth/sessions";
import { createUser } from "../platform/auth/users";
import type { Db } from "../platform/db/database";
import { chinaTimestamp } from "../platform/time/china-time";

export type DemoAccount = { username: string; role: string; regionCode: string };

/** A stable number in [0, 1) from a seed text: the same code always yields the same village. */
export function demoFraction(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

const DEMO_FIELDS = JSON.stringify(["population", "isPoor", "hasBroadband"]);

/** Synthetic village attributes: population 120–3,200 (skewed small), ~25% poor, ~93% broadband. */
export function demoVillage(code: string, isVillageCommittee: boolean) {
  const p = demoFraction(`${code}:population`);
  const population = Math.round(120 + 3080 * p * p);
  const isPoor = isVillageCommittee && demoFraction(`${code}:poor`) < 0.25;
  const hasBroadband = demoFraction(`${code}:broadband`) < 0.93;
  return { population, is_poor: isPoor ? 1 : 0, has_broadband: hasBroadband ? 1 : 0 };
}

/** A password that satisfies the policy, for a demo run without SHIFAN_DEMO_PASSWORD. */
export function randomDemoPassword(): string {
  return `Shifan-${randomBytes(6).toString("base64url")}9`;
}

export async function loadDemo(db: Db, password: string): Promise<DemoAccount[]> {
  const counties = await db.db
    .selectFrom("demonstration_counties")
    .select(["county_code", "name"])
    .orderBy("county_code")
    .execute();
  const now = chinaTimestamp();
  const system = { id: null, name: "demo" };

  await db.db.transaction().execute(async (trx) => {
    for (const county of counties) {
      const villages = await trx
        .selectFrom("regions as r")
        .leftJoin("villages as v", (j) =>
          j.onRef("v.code", "=", "r.code").onRef("v.county_code", "=", "r.county_code"),
        )
        .select(["r.code", "r.village_kind", "v.code as existing"])
        .where("r.county_code", "=", county.county_code)
        .where("r.level", "=", "village")
        .execute();
      const rows = villages
        .filter((v) => !v.existing)
        .map((v) => ({
          county_code: county.county_code,
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
      await recordAudit(trx, system, {
        action: "demo.villages_loaded",
        entity: "county",
        entityId: county.county_code,
        countyCode: county.county_code,
        after: { villages: rows.length },
      });
    }
    const organizations = [
      { id: newId(), name: "（演示）威县电子商务运营有限公司", kind: "contractor", region_code: "130533" },
      { id: newId(), name: "（演示）河北某第三方评估机构", kind: "assessor", region_code: "13" },
    ];
    for (const org of organizations) {
      const values = { ...org, credit_code: null, contact: null, is_demo: 1, created_at: now };
      await trx.insertInto("organizations").values(values).execute();
      await recordAudit(trx, system, {
        action: "organization.created",
        entity: "organization",
        entityId: org.id,
        after: values,
      });
    }
    await trx
      .insertInto("meta")
      .values({ key: "demo_loaded_at", value: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: now }))
      .execute();
  });

  const accounts: (DemoAccount & { displayName: string })[] = [
    { username: "province", role: "province_admin", regionCode: "13", displayName: "省商务厅（演示）" },
    { username: "finance", role: "province_viewer", regionCode: "13", displayName: "省财政厅（演示）" },
    ...counties.map((c) => ({
      username: `c${c.county_code}`,
      role: "county_admin",
      regionCode: c.county_code,
      displayName: `${c.name}商务局（演示）`,
    })),
    { username: "assessor", role: "assessor", regionCode: "13", displayName: "第三方评估机构（演示）" },
    {
      username: "contractor1",
      role: "contractor",
      regionCode: "130533",
      displayName: "威县承办企业（演示）",
    },
  ];
  const existing = new Set(
    (await db.db.selectFrom("users").select("username").execute()).map((u) => u.username),
  );
  for (const account of accounts) {
    if (existing.has(account.username)) continue;
    await createUser(db.db, "system", { ...account, role: account.role as never, password });
  }
  return accounts.map(({ username, role, regionCode }) => ({ username, role, regionCode }));
}
