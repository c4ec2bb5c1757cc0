/** Reads of the fund arrangement (资金安排意见): versions, lines, objections, the version in effect. */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { FundPlanLineTable, FundPlanObjectionTable, FundPlanTable, FundsTables } from "./funds.tables";

/** The funds domain's view of a database handle or transaction. */
export const fundsDb = (kdb: Kysely<Database>) => kdb.withTables<FundsTables>();

export type PlanRecord = FundPlanTable & { lines: FundPlanLineTable[] };

const numeric = <T extends { subsidy_fen: number }>(row: T): T => ({
  ...row,
  subsidy_fen: Number(row.subsidy_fen),
});
const numericLine = (line: FundPlanLineTable): FundPlanLineTable => ({
  ...line,
  amount_fen: Number(line.amount_fen),
});

/** Every version of a county's plan, newest first. */
export async function listPlanVersions(kdb: Kysely<Database>, countyCode: string): Promise<FundPlanTable[]> {
  const rows = await fundsDb(kdb)
    .selectFrom("fund_plans")
    .selectAll()
    .where("county_code", "=", countyCode)
    .orderBy("version", "desc")
    .execute();
  return rows.map(numeric);
}

/** Lines of the given versions, in line order. */
export async function linesOfPlans(
  kdb: Kysely<Database>,
  planIds: readonly string[],
): Promise<FundPlanLineTable[]> {
  if (planIds.length === 0) return [];
  const rows = await fundsDb(kdb)
    .selectFrom("fund_plan_lines")
    .selectAll()
    .where("plan_id", "in", [...planIds])
    .orderBy("plan_id")
    .orderBy("line_no")
    .execute();
  return rows.map(numericLine);
}

/** One version of the county's plan with its lines; undefined when it is not the county's. */
export async function findPlan(
  kdb: Kysely<Database>,
  countyCode: string,
  planId: string,
): Promise<PlanRecord | undefined> {
  const plan = await fundsDb(kdb)
    .selectFrom("fund_plans")
    .selectAll()
    .where("id", "=", planId)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!plan) return undefined;
  return { ...numeric(plan), lines: await linesOfPlans(kdb, [plan.id]) };
}

export async function objectionsOfPlan(
  kdb: Kysely<Database>,
  planId: string,
): Promise<FundPlanObjectionTable[]> {
  return fundsDb(kdb)
    .selectFrom("fund_plan_objections")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("received_on")
    .orderBy("created_at")
    .execute();
}

/** The day a version took effect: an approved version on approval, the original once filed (F6). */
export function effectiveSince(plan: FundPlanTable): string | null {
  if (plan.approved_on) return plan.approved_on;
  if (!plan.is_change && plan.filed_on && (plan.status === "filed" || plan.status === "approved"))
    return plan.filed_on;
  return null;
}

/**
 * The version in effect on `asOf`: the latest approved one, else the filed original (备案后实施,
 * rule F6); undefined before the plan is filed.
 */
export function planInEffect<T extends FundPlanTable>(versions: readonly T[], asOf: string): T | undefined {
  let best: T | undefined;
  let bestSince = "";
  for (const v of versions) {
    if (v.status === "rejected") continue;
    const since = effectiveSince(v);
    if (!since || since > asOf) continue;
    // Approval beats filing on the same day; a later version beats an earlier one.
    if (!best || since > bestSince || (since === bestSince && v.version > best.version)) {
      best = v;
      bestSince = since;
    }
  }
  return best;
}

/** The plan as of `asOf` for checks: the one in effect, else the newest version drawn up by then. */
export function planAsOf<T extends FundPlanTable>(versions: readonly T[], asOf: string): T | undefined {
  return (
    planInEffect(versions, asOf) ??
    versions
      .filter((v) => v.prepared_on <= asOf && v.status !== "rejected")
      .sort((a, b) => b.version - a.version)[0]
  );
}

/** The original version filed with the province (M1), if any. */
export function filedOriginal<T extends FundPlanTable>(versions: readonly T[]): T | undefined {
  return versions
    .filter((v) => !v.is_change && v.filed_on && (v.status === "filed" || v.status === "approved"))
    .sort((a, b) => a.version - b.version)[0];
}
