/**
 * The synthetic demo data set, on top of the reference facts: demo accounts and organizations,
 * then each domain's demo data. Everything is invented but deterministic, and marked as demo.
 */
import { randomBytes } from "node:crypto";
import { DOMAINS, gatherCountyFacts } from "../domains";
import { recordAudit } from "../platform/audit/audit";
import { grantCountyAccess } from "../platform/auth/grants";
import { newId } from "../platform/auth/sessions";
import { createUser } from "../platform/auth/users";
import type { Db } from "../platform/db/database";
import { chinaTimestamp } from "../platform/time/china-time";

export type DemoAccount = { username: string; role: string; regionCode: string };

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
  const context = {
    counties: counties.map((c) => ({ code: c.county_code, name: c.name })),
    countyFacts: (code: string, asOf: string) => gatherCountyFacts(db, code, asOf),
  };

  await db.db.transaction().execute(async (trx) => {
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

  const contractorOrg = await db.db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "contractor")
    .where("region_code", "=", "130533")
    .where("is_demo", "=", 1)
    .orderBy("created_at")
    .executeTakeFirst();
  const accounts: (DemoAccount & { displayName: string; organizationId?: string })[] = [
    { username: "province", role: "province_admin", regionCode: "13", displayName: "省商务厅（演示）" },
    { username: "finance", role: "province_viewer", regionCode: "13", displayName: "省财政厅（演示）" },
    ...counties.map((c) => ({
      username: `c${c.county_code}`,
      role: "county_admin",
      regionCode: c.county_code,
      displayName: `${c.name}商务局（演示）`,
    })),
    { username: "assessor", role: "assessor", regionCode: "13", displayName: "第三方评估机构（演示）" },
    // 邢台市商务局 reviews its counties' acceptance filings (K1); 巨鹿县's contractor applies.
    { username: "city1305", role: "city_admin", regionCode: "1305", displayName: "邢台市商务局（演示）" },
    {
      username: "contractor2",
      role: "contractor",
      regionCode: "130529",
      displayName: "巨鹿县承办企业（演示）",
    },
    {
      username: "contractor1",
      role: "contractor",
      regionCode: "130533",
      displayName: "威县承办企业（演示）",
      organizationId: contractorOrg?.id,
    },
  ];
  for (const domain of DOMAINS) await domain.demo?.(db, context);
  const existing = new Set(
    (await db.db.selectFrom("users").select("username").execute()).map((u) => u.username),
  );
  // A database set up with fewer counties (tests) has no region for some demo accounts: skip those.
  const regions = new Set(
    (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where(
          "code",
          "in",
          accounts.map((a) => a.regionCode),
        )
        .execute()
    ).map((r) => r.code),
  );
  for (const account of accounts) {
    if (existing.has(account.username) || !regions.has(account.regionCode)) continue;
    await createUser(db.db, "system", { ...account, role: account.role as never, password });
  }
  // Every demo county engaged the same (demo) third-party assessor.
  for (const county of counties) {
    await grantCountyAccess(db.db, system, { username: "assessor", countyCode: county.county_code });
  }
  return accounts.map(({ username, role, regionCode }) => ({ username, role, regionCode }));
}
