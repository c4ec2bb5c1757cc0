/** The officer edits a draft version in place: its lines are replaced (a draft is not yet public). */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import { lockForTransaction } from "../platform/db/dialect";
import type { Database } from "../platform/db/schema";
import { chinaTimestamp } from "../platform/time/china-time";
import { continueLines, type PlanLineInput, planLockKey } from "./create-fund-plan-version";
import { requirePlanStatus } from "./fund-plan-errors";
import { findPlan, fundsDb } from "./fund-plans.repository";

export type UpdateFundPlanDraftOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  lines: readonly PlanLineInput[];
  changeReason?: string | null;
};

export async function updateFundPlanDraft({
  db,
  actor,
  countyCode,
  planId,
  lines,
  changeReason,
}: UpdateFundPlanDraftOptions) {
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, planLockKey(countyCode));
    const plan = requirePlanStatus(await findPlan(trx, countyCode, planId), ["draft"]);
    const fdb = fundsDb(trx);
    const known = await fdb
      .selectFrom("fund_plan_lines")
      .select("line_key")
      .where("county_code", "=", countyCode)
      .execute();
    const continued = continueLines(lines, plan.lines, new Set(known.map((k) => k.line_key)));
    await fdb.deleteFrom("fund_plan_lines").where("plan_id", "=", plan.id).execute();
    const rows = lines.map((line, i) => ({
      id: randomUUID(),
      plan_id: plan.id,
      county_code: countyCode,
      line_no: i + 1,
      line_key: continued[i]!.lineKey,
      category: line.category,
      amount_fen: line.amountFen,
      description: line.description.trim(),
      support_method: line.supportMethod,
      ...continued[i]!.clearance,
    }));
    if (rows.length) await fdb.insertInto("fund_plan_lines").values(rows).execute();
    const reason = changeReason === undefined ? plan.change_reason : changeReason?.trim() || null;
    await fdb
      .updateTable("fund_plans")
      .set({ change_reason: reason, updated_at: chinaTimestamp() })
      .where("id", "=", plan.id)
      .execute();
    const summary = (ls: readonly { category: string; amount_fen: number; description: string }[]) =>
      ls.map((l) => ({ category: l.category, amountFen: l.amount_fen, description: l.description }));
    await recordAudit(trx, actor, {
      action: "fund_plan.draft_updated",
      entity: "fund_plan",
      entityId: plan.id,
      countyCode,
      before: { lines: summary(plan.lines), changeReason: plan.change_reason },
      after: { lines: summary(rows), changeReason: reason },
    });
    return { id: plan.id };
  });
}
