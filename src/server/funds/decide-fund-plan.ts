/** The province approves or returns a filed fund arrangement or change (省商务厅审核, E3). */
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { requirePlanStatus } from "./fund-plan-errors";
import { findPlan, fundsDb } from "./fund-plans.repository";

export type DecideFundPlanOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  decision: "approve" | "reject";
  decidedOn: string;
  note: string;
};

export async function decideFundPlan(options: DecideFundPlanOptions) {
  const { db, actor, countyCode, planId, decision, decidedOn } = options;
  const note = options.note.trim();
  if (decision === "reject" && !note) {
    throw badRequest("note_required", { zh: "退回须写明理由", en: "A returned plan needs a reason" });
  }
  if (decidedOn > chinaDate()) {
    throw badRequest("date_in_future", {
      zh: "审核日期不能晚于今天",
      en: "The decision date cannot be in the future",
    });
  }
  return db.transaction().execute(async (trx) => {
    const plan = requirePlanStatus(await findPlan(trx, countyCode, planId), ["filed"]);
    if (plan.filed_on && decidedOn < plan.filed_on) {
      throw badRequest("decided_before_filed", {
        zh: `审核日期 ${decidedOn} 早于报送日期 ${plan.filed_on}`,
        en: `Decided on ${decidedOn}, before it was filed (${plan.filed_on})`,
      });
    }
    const after =
      decision === "approve"
        ? { status: "approved" as const, approved_on: decidedOn }
        : { status: "rejected" as const, rejected_on: decidedOn };
    await fundsDb(trx)
      .updateTable("fund_plans")
      .set({ ...after, decided_by: actor.name, decision_note: note || null, updated_at: chinaTimestamp() })
      .where("id", "=", plan.id)
      .execute();
    await recordAudit(trx, actor, {
      action: decision === "approve" ? "fund_plan.approved" : "fund_plan.rejected",
      entity: "fund_plan",
      entityId: plan.id,
      countyCode,
      before: { status: plan.status },
      after: { ...after, note },
    });
    return { id: plan.id, status: after.status };
  });
}
