/**
 * Filing with the province (报省备案, rule F6, deadline M1): the original after its notice period,
 * with no objection standing; a change after filing goes the same way for approval (报批, E3).
 */
import type { Kysely } from "kysely";
import { noticePeriod } from "../../rules/calendar";
import { loadWorkCalendar } from "../calendar";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { AppError, badRequest } from "../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { planNotReady, requirePlanStatus } from "./fund-plan-errors";
import { findPlan, fundsDb, objectionsOfPlan } from "./fund-plans.repository";
import { reviewPlanLines } from "./present-fund-plan";

export type FileFundPlanOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  filedOn: string;
  /** Why the plan changes (required for a change after filing). */
  changeReason?: string;
};

export async function fileFundPlan(options: FileFundPlanOptions) {
  const { db, actor, countyCode, planId, filedOn } = options;
  if (filedOn > chinaDate()) {
    throw badRequest("date_in_future", {
      zh: "报送日期不能晚于今天",
      en: "The filing date cannot be in the future",
    });
  }
  const calendar = await loadWorkCalendar(db);
  return db.transaction().execute(async (trx) => {
    const found = await findPlan(trx, countyCode, planId);
    const plan = requirePlanStatus(found, found?.is_change ? ["draft", "notice"] : ["notice"]);
    const review = reviewPlanLines(plan, plan.lines, "zh");
    if (!review.isReady)
      throw planNotReady([...review.problems, ...review.openForbidden.map((f) => f.reason)]);

    const open = (await objectionsOfPlan(trx, plan.id)).filter((o) => !o.resolved_on);
    if (open.length) {
      throw new AppError(
        409,
        "objections_open",
        {
          zh: `尚有 ${open.length} 条异议未处理，处理完毕后方可报送（规则 F6）`,
          en: `${open.length} objection(s) still stand; resolve them before filing (rule F6)`,
        },
        open.map((o) => ({ message: `${o.received_on} ${o.objector}: ${o.content}` })),
      );
    }
    // The calendar may have been corrected since the notice was posted: count again.
    let earliest = plan.notice_earliest_submission;
    if (plan.notice_start) {
      earliest = noticePeriod(
        calendar,
        plan.notice_start,
        plan.notice_working_days ?? undefined,
      ).earliestSubmission;
      if (filedOn < earliest) {
        throw new AppError(409, "notice_not_over", {
          zh: `公示期未满：最早可于 ${earliest} 报送（规则 F6）`,
          en: `The notice period is not over: file on ${earliest} at the earliest (rule F6)`,
        });
      }
    }
    const changeReason = (options.changeReason ?? plan.change_reason ?? "").trim();
    if (plan.is_change && !changeReason) {
      throw badRequest("change_reason_required", {
        zh: "资金安排调整须写明调整理由，报省批准",
        en: "A change to the filed plan needs a reason for the province's approval",
      });
    }
    const after = {
      status: "filed" as const,
      filed_on: filedOn,
      notice_earliest_submission: earliest,
      change_reason: changeReason || null,
      updated_at: chinaTimestamp(),
    };
    await fundsDb(trx).updateTable("fund_plans").set(after).where("id", "=", plan.id).execute();
    await recordAudit(trx, actor, {
      action: plan.is_change ? "fund_plan.change_submitted" : "fund_plan.filed",
      entity: "fund_plan",
      entityId: plan.id,
      countyCode,
      before: { status: plan.status },
      after,
    });
    return { id: plan.id, filedOn };
  });
}
