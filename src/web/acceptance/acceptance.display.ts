/** How the acceptance area shows statuses, verdicts and grades: tag colours and names. */
import type { PerformanceGrade } from "../../rules/acceptance/performance";
import type { TimelineStatus } from "../../rules/acceptance/timeline";
import type { Scorecard } from "./acceptance.api";

type Shown = { color: string; zh: string; en: string };

export const STATUS: Record<string, Shown> = {
  pass: { color: "green", zh: "通过", en: "Pass" },
  fail: { color: "red", zh: "未通过", en: "Fail" },
  pending: { color: "gold", zh: "待评估", en: "Pending" },
  "n/a": { color: "default", zh: "不适用", en: "N/A" },
  clear: { color: "green", zh: "未触发", en: "Clear" },
  triggered: { color: "red", zh: "触发", en: "Triggered" },
};

export const VERDICT: Record<Scorecard["verdict"], Shown> = {
  passed: { color: "green", zh: "通过验收", en: "Passed" },
  failed: { color: "red", zh: "未通过验收", en: "Failed" },
  vetoed: { color: "magenta", zh: "一票否决", en: "Vetoed" },
  incomplete: { color: "gold", zh: "评估未完成", en: "Incomplete" },
};

export const GRADE: Record<PerformanceGrade, Shown> = {
  excellent: { color: "green", zh: "优秀", en: "Excellent" },
  good: { color: "blue", zh: "良好", en: "Good" },
  fair: { color: "gold", zh: "一般", en: "Fair" },
  poor: { color: "red", zh: "较差", en: "Poor" },
};

export const TIMELINE_STATUS: Record<TimelineStatus, Shown> = {
  done: { color: "green", zh: "已完成", en: "Done" },
  due: { color: "blue", zh: "待完成", en: "Due" },
  overdue: { color: "red", zh: "已逾期", en: "Overdue" },
};
