/**
 * Who may act on a report. A reporter's report is written by the county administrator (for the
 * county authority, or on a contractor's behalf) or by the contractor's own accounts (the account's
 * organization is the reporter). Approvers act at the level their role stands for.
 */
import type { Kysely } from "kysely";
import type { ApprovalLevel } from "../../../rules/reporting";
import { canAdminister, canRead, type Principal } from "../../platform/auth/roles";
import type { Database } from "../../platform/db/schema";
import { forbidden } from "../../platform/http/errors";

/** The approval level an account acts at, if any: county, city or province (R2 approval chain). */
export function approvalLevelOf(principal: Principal): ApprovalLevel | null {
  switch (principal.role) {
    case "province_admin":
      return "province";
    case "city_viewer":
      return "city";
    case "county_admin":
      return "county";
    default:
      return null;
  }
}

/** The caller may write reports of this reporter in this county, or 403. */
export async function assertMayReport(
  kdb: Kysely<Database>,
  principal: Principal,
  countyCode: string,
  reporterKey: string,
): Promise<void> {
  if (principal.role === "county_admin" && canAdminister(principal, countyCode)) return;
  if (principal.role === "contractor" && canRead(principal, countyCode)) {
    const user = await kdb
      .selectFrom("users")
      .select("organization_id")
      .where("id", "=", principal.id)
      .executeTakeFirst();
    if (user?.organization_id && user.organization_id === reporterKey) return;
  }
  throw forbidden();
}

/** The caller's approval level, when it reaches the county; else 403. */
export function requireApprover(principal: Principal, countyCode: string): ApprovalLevel {
  const level = approvalLevelOf(principal);
  if (!level || !canRead(principal, countyCode)) throw forbidden();
  return level;
}

/**
 * The one reporter whose reports a contractor's account may read (its own organization, R1: a
 * contractor's data is protected from other contractors); undefined for every other role.
 */
export async function ownReporterKey(
  kdb: Kysely<Database>,
  principal: Principal,
): Promise<string | undefined> {
  if (principal.role !== "contractor") return undefined;
  const user = await kdb
    .selectFrom("users")
    .select("organization_id")
    .where("id", "=", principal.id)
    .executeTakeFirst();
  // An account without an organization reads no reports.
  return user?.organization_id ?? "-";
}

/** 403 unless the caller may read this reporter's reports. */
export async function assertMayReadReporter(
  kdb: Kysely<Database>,
  principal: Principal,
  reporterKey: string,
): Promise<void> {
  const own = await ownReporterKey(kdb, principal);
  if (own !== undefined && own !== reporterKey) throw forbidden();
}
