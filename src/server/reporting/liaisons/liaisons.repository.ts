/** Reads of liaison lists (R4, M3) and the reporters they define. */
import type { Kysely } from "kysely";
import type { Reporter } from "../../../rules/reporting";
import type { Database } from "../../platform/db/schema";
import type { LiaisonTable } from "../reporting.tables";
import { reportingDb } from "../reporting-db";

/** The county authority reports under this key; contractors under their own. */
export const COUNTY_REPORTER_KEY = "county";

export type LiaisonRecord = {
  id: string;
  countyCode: string;
  role: "authority" | "contractor";
  reporterKey: string;
  organizationId: string | null;
  organizationName: string;
  name: string;
  position: string;
  phone: string;
  email: string | null;
  reportsFrom: string | null;
  reportsUntil: string | null;
  isDemo: boolean;
  updatedAt: string;
};

export function liaisonRecord(row: LiaisonTable): LiaisonRecord {
  return {
    id: row.id,
    countyCode: row.county_code,
    role: row.role,
    reporterKey: row.reporter_key,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    name: row.name,
    position: row.position,
    phone: row.phone,
    email: row.email,
    reportsFrom: row.reports_from,
    reportsUntil: row.reports_until,
    isDemo: row.is_demo === 1,
    updatedAt: row.updated_at,
  };
}

/** The county's liaisons: the authority first, then contractors by name. */
export async function listLiaisons(kdb: Kysely<Database>, countyCode: string): Promise<LiaisonRecord[]> {
  const rows = await reportingDb(kdb)
    .selectFrom("reporting_liaisons")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("role")
    .orderBy("organization_name")
    .orderBy("id")
    .execute();
  return rows.map(liaisonRecord);
}

export type LiaisonFiling = { filedOn: string; filedAt: string; filedBy: string; isDemo: boolean };

export async function getLiaisonFiling(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<LiaisonFiling | null> {
  const row = await reportingDb(kdb)
    .selectFrom("reporting_liaison_filings")
    .selectAll()
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  return row
    ? { filedOn: row.filed_on, filedAt: row.filed_at, filedBy: row.filed_by, isDemo: row.is_demo === 1 }
    : null;
}

/** Contractors registered in the county (organizations of kind contractor): each owes a liaison. */
export async function knownContractors(
  kdb: Kysely<Database>,
  countyCode: string,
): Promise<{ id: string; name: string }[]> {
  return kdb
    .selectFrom("organizations")
    .select(["id", "name"])
    .where("kind", "=", "contractor")
    .where("region_code", "like", `${countyCode}%`)
    .orderBy("name")
    .execute();
}

/**
 * Who owes reports in the county (R2, R4): the county authority always, and every contractor on
 * the liaison list for its months.
 */
export function reportersFrom(countyName: string, liaisons: readonly LiaisonRecord[]): Reporter[] {
  const authority = liaisons.find((l) => l.role === "authority");
  return [
    {
      key: COUNTY_REPORTER_KEY,
      kind: "county",
      name: authority?.organizationName || `${countyName}商务主管部门`,
    },
    ...liaisons
      .filter((l) => l.role === "contractor")
      .map((l) => ({
        key: l.reporterKey,
        kind: "contractor" as const,
        name: l.organizationName,
        fromMonth: l.reportsFrom,
        untilMonth: l.reportsUntil,
      })),
  ];
}

export async function countyName(kdb: Kysely<Database>, countyCode: string): Promise<string> {
  const row = await kdb
    .selectFrom("demonstration_counties")
    .select("name")
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  return row?.name ?? countyCode;
}

export async function listReporters(kdb: Kysely<Database>, countyCode: string): Promise<Reporter[]> {
  return reportersFrom(await countyName(kdb, countyCode), await listLiaisons(kdb, countyCode));
}
