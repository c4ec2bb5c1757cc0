/**
 * The county publishes the fund arrangement for public notice (公示, rule F6): at least 10 working
 * days on the State Council calendar; the app computes the last day and the earliest filing day.
 */
import type { Kysely } from "kysely";
import { NOTICE_MIN_WORKING_DAYS, noticePeriod } from "../../rules/calendar";
import { loadWorkCalendar, uncoveredYears } from "../calendar";
import { type Actor, recordAudit } from "../platform/audit/audit";
import type { Database } from "../platform/db/schema";
import { badRequest } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { planNotReady, requirePlanStatus } from "./fund-plan-errors";
import { findPlan, fundsDb } from "./fund-plans.repository";
import { reviewPlanLines } from "./present-fund-plan";

export type PublishFundPlanNoticeOptions = {
  db: Kysely<Database>;
  actor: Actor;
  countyCode: string;
  planId: string;
  /** The first day of the notice (YYYY-MM-DD). */
  start: string;
  workingDays?: number;
};

export async function publishFundPlanNotice(options: PublishFundPlanNoticeOptions) {
  const { db, actor, countyCode, planId, start } = options;
  const workingDays = options.workingDays ?? NOTICE_MIN_WORKING_DAYS;
  if (workingDays < NOTICE_MIN_WORKING_DAYS) {
    throw badRequest("notice_too_short", {
      zh: `公示期不少于 ${NOTICE_MIN_WORKING_DAYS} 个工作日（规则 F6）`,
      en: `The notice lasts at least ${NOTICE_MIN_WORKING_DAYS} working days (rule F6)`,
    });
  }
  const calendar = await loadWorkCalendar(db);
  const period = noticePeriod(calendar, start, workingDays);
  const gaps = uncoveredYears(calendar, start, period.earliestSubmission);
  return db.transaction().execute(async (trx) => {
    const plan = requirePlanStatus(await findPlan(trx, countyCode, planId), ["draft"]);
    if (start < plan.prepared_on) {
      throw badRequest("notice_before_plan", {
        zh: `公示开始日 ${start} 早于编制日期 ${plan.prepared_on}`,
        en: `The notice cannot start (${start}) before the plan was drawn up (${plan.prepared_on})`,
      });
    }
    const review = reviewPlanLines(plan, plan.lines, "zh");
    if (!review.isReady)
      throw planNotReady([...review.problems, ...review.openForbidden.map((f) => f.reason)]);
    const after = {
      status: "notice" as const,
      notice_start: start,
      notice_working_days: workingDays,
      notice_last_day: period.lastDay,
      notice_earliest_submission: period.earliestSubmission,
      updated_at: chinaTimestamp(),
    };
    await fundsDb(trx).updateTable("fund_plans").set(after).where("id", "=", plan.id).execute();
    await recordAudit(trx, actor, {
      action: "fund_plan.notice_published",
      entity: "fund_plan",
      entityId: plan.id,
      countyCode,
      before: { status: plan.status },
      after: { ...after, uncoveredYears: gaps },
    });
    return { ...period, calendarIncomplete: gaps.length > 0, uncoveredYears: gaps };
  });
}
