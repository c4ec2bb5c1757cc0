/**
 * The fund arrangement (资金安排意见) as a whole: support methods (F1), its readiness for the public
 * notice and filing (F3/F4 with the officer's clearances), the filing deadline (M1).
 *
 * Pure: no I/O, runs in Node and in the browser.
 */

import {
  checkFundPlan,
  type ForbiddenLine,
  type FundPlanInput,
  type FundPlanResult,
  type FundSettings,
} from "./funds";
import type { Bilingual } from "./money";

/** Rule F1: support methods; all but direct subsidy are the preferred ones (鼓励). */
export const SUPPORT_METHODS = [
  { key: "equity", name: { zh: "股权投资", en: "Equity investment" }, preferred: true, aliases: ["股权"] },
  {
    key: "ppp",
    name: { zh: "PPP", en: "Public-private partnership" },
    preferred: true,
    aliases: ["政府和社会资本合作", "ppp模式"],
  },
  {
    key: "award_in_lieu",
    name: { zh: "以奖代补", en: "Award in lieu of subsidy" },
    preferred: true,
    aliases: ["奖补"],
  },
  {
    key: "interest_subsidy",
    name: { zh: "贷款贴息", en: "Loan interest subsidy" },
    preferred: true,
    aliases: ["贴息"],
  },
  {
    key: "direct_subsidy",
    name: { zh: "直接补助", en: "Direct subsidy" },
    preferred: false,
    aliases: ["补助", "直接补贴", "补贴", "先建后补"],
  },
] as const satisfies readonly {
  key: string;
  name: Bilingual;
  preferred: boolean;
  aliases: readonly string[];
}[];

export type SupportMethod = (typeof SUPPORT_METHODS)[number]["key"];
export const SUPPORT_METHOD_KEYS = SUPPORT_METHODS.map((m) => m.key) as [SupportMethod, ...SupportMethod[]];

const normalize = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s、，,/()（）]+/g, "")
    .replace(/方式$/, "");

/** The support method (F1) named by its key, its Chinese or English name or a short form. */
export function parseSupportMethod(text: string): SupportMethod | undefined {
  const t = normalize(text);
  if (!t) return undefined;
  return SUPPORT_METHODS.find((m) =>
    [m.key, m.name.zh, m.name.en, ...m.aliases].some((name) => normalize(name) === t),
  )?.key;
}

/** Deadlines of the 2017 batch (六、工作安排) that a province administrator may change. */
export type FundDeadlines = {
  /** M1: work plan and fund arrangement filed with the province. */
  planFiledBy: string;
  /** M2: tenders finished. */
  tendersFinishedBy: string;
};

export const DEFAULT_FUND_DEADLINES: FundDeadlines = {
  planFiledBy: "2017-11-30",
  tendersFinishedBy: "2017-12-31",
};

/** A line's F4 alarm confirmed as false by the officer, with the written reason. */
export type Clearance = { line: number; reason: string };

/** checkFundPlan plus the officer's clearances of false F4 alarms. */
export type FundPlanReview = FundPlanResult & {
  /** Forbidden-use alarms not cleared: these block the notice and the filing. */
  openForbidden: ForbiddenLine[];
  /** Alarms the officer cleared as false, with the reason. */
  clearedForbidden: (ForbiddenLine & { clearance: string })[];
  /** No problem and no open alarm: the plan may go to notice and be filed (F3, F4, F6). */
  isReady: boolean;
};

/**
 * Rules F2–F4 on a plan, then the officer's clearances: an alarm on a cleared line is kept for
 * the record but no longer blocks the plan. A clearance needs a written reason (not blank).
 */
export function reviewFundPlan(
  input: FundPlanInput,
  clearances: readonly Clearance[],
  settings: Partial<FundSettings> = {},
): FundPlanReview {
  const result = checkFundPlan(input, settings);
  const cleared = new Map(
    clearances.filter((c) => c.reason.trim().length > 0).map((c) => [c.line, c.reason.trim()]),
  );
  const openForbidden = result.forbidden.filter((f) => !cleared.has(f.line));
  const clearedForbidden = result.forbidden
    .filter((f) => cleared.has(f.line))
    .map((f) => ({ ...f, clearance: cleared.get(f.line)! }));
  return {
    ...result,
    openForbidden,
    clearedForbidden,
    isReady: result.problems.length === 0 && openForbidden.length === 0,
  };
}
