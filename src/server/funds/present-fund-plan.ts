/** How a version of the fund arrangement is shown: its lines, the F2–F4 review, notice, M1. */

import { DEFAULT_FUND_DEADLINES, reviewFundPlan, SUPPORT_METHODS } from "../../rules/fund-plan";
import { FUND_CATEGORIES, type Lang } from "../../rules/funds";
import { deadlineStatus } from "../../rules/procurement";
import type { FundPlanLineTable, FundPlanObjectionTable, FundPlanTable } from "./funds.tables";

/** The F2–F4 review of a version's lines, with the officer's clearances (same function as the form). */
export function reviewPlanLines(
  plan: { subsidy_fen: number },
  lines: readonly FundPlanLineTable[],
  lang: Lang,
) {
  return reviewFundPlan(
    {
      subsidyFen: plan.subsidy_fen,
      lines: lines.map((l) => ({
        category: l.category,
        amountFen: l.amount_fen,
        description: l.description,
      })),
    },
    lines.flatMap((l, i) => (l.cleared_reason ? [{ line: i, reason: l.cleared_reason }] : [])),
    { lang },
  );
}

export function presentPlanSummary(plan: FundPlanTable, lines: readonly FundPlanLineTable[], lang: Lang) {
  const review = reviewPlanLines(plan, lines, lang);
  return {
    id: plan.id,
    version: plan.version,
    isChange: plan.is_change === 1,
    status: plan.status,
    source: plan.source,
    preparedOn: plan.prepared_on,
    totalFen: review.totalFen,
    lines: lines.length,
    isReady: review.isReady,
    openForbidden: review.openForbidden.length,
    noticeStart: plan.notice_start,
    earliestSubmission: plan.notice_earliest_submission,
    filedOn: plan.filed_on,
    approvedOn: plan.approved_on,
    rejectedOn: plan.rejected_on,
    isDemo: plan.is_demo === 1,
  };
}

export function presentPlan(
  plan: FundPlanTable,
  lines: readonly FundPlanLineTable[],
  objections: readonly FundPlanObjectionTable[],
  context: { lang: Lang; today: string; calendarIncomplete: boolean },
) {
  const review = reviewPlanLines(plan, lines, context.lang);
  const category = (key: string) => FUND_CATEGORIES.find((c) => c.key === key);
  return {
    ...presentPlanSummary(plan, lines, context.lang),
    countyCode: plan.county_code,
    basedOnId: plan.based_on_id,
    subsidyFen: plan.subsidy_fen,
    changeReason: plan.change_reason,
    decidedBy: plan.decided_by,
    decisionNote: plan.decision_note,
    supersededOn: plan.superseded_on,
    createdBy: plan.created_by,
    createdAt: plan.created_at,
    notice: plan.notice_start
      ? {
          start: plan.notice_start,
          workingDays: plan.notice_working_days ?? 0,
          lastDay: plan.notice_last_day ?? "",
          earliestSubmission: plan.notice_earliest_submission ?? "",
          calendarIncomplete: context.calendarIncomplete,
        }
      : null,
    lines: lines.map((l, i) => ({
      id: l.id,
      lineNo: l.line_no,
      lineKey: l.line_key,
      category: l.category,
      categoryName: category(l.category)?.name[context.lang] ?? l.category,
      amountFen: l.amount_fen,
      description: l.description,
      supportMethod: l.support_method,
      supportMethodName: SUPPORT_METHODS.find((m) => m.key === l.support_method)?.name[context.lang] ?? null,
      forbidden: review.forbidden.filter((f) => f.line === i).map((f) => f.reason),
      clearance: l.cleared_reason
        ? { reason: l.cleared_reason, by: l.cleared_by ?? "", at: l.cleared_at ?? "" }
        : null,
    })),
    review,
    objections: objections.map((o) => ({
      id: o.id,
      receivedOn: o.received_on,
      objector: o.objector,
      content: o.content,
      resolution: o.resolution,
      resolvedOn: o.resolved_on,
      resolvedBy: o.resolved_by,
    })),
    // M1 applies to the original arrangement, not to later changes.
    deadlineM1: plan.is_change
      ? null
      : {
          dueOn: DEFAULT_FUND_DEADLINES.planFiledBy,
          status: deadlineStatus(plan.filed_on, DEFAULT_FUND_DEADLINES.planFiledBy, context.today),
        },
  };
}
