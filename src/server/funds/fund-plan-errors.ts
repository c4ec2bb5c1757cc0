/** Errors shared by the fund-plan use cases. */
import { AppError, notFound } from "../platform/http/errors";
import type { FundPlanStatus } from "./funds.tables";

const STATUS_NAMES: Record<FundPlanStatus, string> = {
  draft: "草稿",
  notice: "公示中",
  filed: "已报省",
  approved: "已批准",
  rejected: "已退回",
  superseded: "已被新版本取代",
};

export const planNotFound = () => notFound({ zh: "该资金安排版本", en: "Fund plan version" });

/** The plan, when it exists and is in one of the given states; 404 or 409 otherwise. */
export function requirePlanStatus<T extends { status: FundPlanStatus; version: number }>(
  plan: T | undefined,
  allowed: readonly FundPlanStatus[],
): T {
  if (!plan) throw planNotFound();
  if (!allowed.includes(plan.status)) {
    throw new AppError(409, "plan_status", {
      zh: `第${plan.version}版资金安排当前为“${STATUS_NAMES[plan.status]}”，不能进行此操作（需为：${allowed.map((s) => STATUS_NAMES[s]).join("、")}）`,
      en: `Version ${plan.version} is ${plan.status}; this needs ${allowed.join(" or ")}`,
    });
  }
  return plan;
}

/** The plan fails F2–F4 (or has open F4 alarms): it may not go public or be filed. */
export const planNotReady = (problems: string[]) =>
  new AppError(
    409,
    "plan_not_ready",
    {
      zh: "资金安排未通过校验（比例、全额安排或禁止用途），不能公示或报送",
      en: "The plan does not pass the checks (shares, full allocation or forbidden uses); it cannot be noticed or filed",
    },
    problems.map((message) => ({ message })),
  );
