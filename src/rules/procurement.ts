/**
 * Procurement rules: public tender (F5), publication of the selection (T3), the tender deadline (M2)
 * and red flags modelled on the Open Contracting red-flag indicators.
 *
 * Pure: no I/O, runs in Node and in the browser. Money is integer fen; dates are ISO `YYYY-MM-DD`.
 * Comparisons of amounts use exact integer (BigInt) arithmetic.
 */

import { isIsoDate } from "./calendar";
import type { Bilingual } from "./money";

export type Lang = "zh" | "en";

/** Procurement methods of Chinese public procurement, with the OCDS `procurementMethod` they map to. */
export const TENDER_METHODS = [
  { key: "open", name: { zh: "公开招标", en: "Open tender" }, ocds: "open" },
  { key: "invitation", name: { zh: "邀请招标", en: "Invitation tender" }, ocds: "selective" },
  {
    key: "competitive_negotiation",
    name: { zh: "竞争性谈判", en: "Competitive negotiation" },
    ocds: "limited",
  },
  {
    key: "competitive_consultation",
    name: { zh: "竞争性磋商", en: "Competitive consultation" },
    ocds: "limited",
  },
  { key: "inquiry", name: { zh: "询价", en: "Request for quotations" }, ocds: "limited" },
  { key: "single_source", name: { zh: "单一来源采购", en: "Single source" }, ocds: "direct" },
] as const satisfies readonly { key: string; name: Bilingual; ocds: string }[];

export type TenderMethod = (typeof TENDER_METHODS)[number]["key"];
export const TENDER_METHOD_KEYS = TENDER_METHODS.map((m) => m.key) as [TenderMethod, ...TenderMethod[]];

/** Readings of the red-flag indicators and deadlines that a province administrator may change. */
export type RedFlagSettings = {
  /**
   * 招标投标法第二十四条: from issuing the bidding documents to the bid deadline, at least 20 days
   * (自招标文件开始发出之日起至投标人提交投标文件截止之日止，最短不得少于二十日).
   */
  minBiddingDays: number;
  /** An award this close to the estimate (in bp of the estimate, inclusive) is flagged. */
  awardNearEstimateBp: number;
  /** More calendar days than this from the bid deadline to the award is flagged. */
  maxDaysToAward: number;
  /** M2: tenders finished (awarded) by this day. */
  tendersFinishedBy: string;
  lang: Lang;
};

export const DEFAULT_RED_FLAG_SETTINGS: RedFlagSettings = {
  minBiddingDays: 20,
  awardNearEstimateBp: 100,
  maxDaysToAward: 60,
  tendersFinishedBy: "2017-12-31",
  lang: "zh",
};

export type RedFlagId =
  | "not_open_tender"
  | "single_bidder"
  | "short_bidding_window"
  | "award_near_estimate"
  | "identical_bids"
  | "shared_bidder_contact"
  | "slow_award"
  | "award_before_deadline"
  | "contract_above_plan_line"
  | "contract_before_plan_filed"
  | "contract_outside_plan";

/** One red flag: what it is, the rule or indicator behind it, and why, in the caller's language. */
export type RedFlag = { id: RedFlagId; rule: string; reason: string };

export type Bidder = {
  name: string;
  address?: string | null;
  phone?: string | null;
  contact?: string | null;
  bidFen?: number | null;
};

export type TenderForFlags = {
  method: TenderMethod;
  estimateFen?: number | null;
  documentsIssuedOn?: string | null;
  bidDeadline?: string | null;
  awardedOn?: string | null;
  awardFen?: number | null;
  bidders: readonly Bidder[];
};

const DAY_MS = 86_400_000;

/** Calendar days from `a` to `b` (negative when `b` is earlier); undefined unless both are dates. */
export function daysBetween(a: string | null | undefined, b: string | null | undefined): number | undefined {
  if (!a || !b || !isIsoDate(a) || !isIsoDate(b)) return undefined;
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

// Same address written with or without spaces, full-width digits or punctuation is the same address.
const normalizeText = (text: string | null | undefined) =>
  (text ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s,，.。、·\-—_()（）#号]+/g, "");
// Phones compare by their digits; a leading +86/86 country code is ignored.
const normalizePhone = (text: string | null | undefined) =>
  (text ?? "")
    .normalize("NFKC")
    .replace(/\D/g, "")
    .replace(/^86(?=1\d{10}$)/, "");

const yuan = (fen: number | bigint, lang: Lang) => {
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+$)/g, ",");
  const text = `${n < 0n ? "-" : ""}${whole}.${(abs % 100n).toString().padStart(2, "0")}`;
  return lang === "zh" ? `${text} 元` : `${text} yuan`;
};

/** Groups of distinct bidders sharing the same normalized value of one field. */
function sharedBy(bidders: readonly Bidder[], pick: (b: Bidder) => string): string[][] {
  const by = new Map<string, Set<string>>();
  for (const b of bidders) {
    const key = pick(b);
    if (!key) continue;
    const names = by.get(key) ?? new Set<string>();
    names.add(b.name.trim());
    by.set(key, names);
  }
  return [...by.values()].filter((names) => names.size > 1).map((names) => [...names]);
}

/**
 * Red flags of one tender (F5, T3 and the Open Contracting indicators), as of `asOf` (for awards
 * still outstanding). Contract-level flags are in {@link contractRedFlags}.
 */
export function tenderRedFlags(
  tender: TenderForFlags,
  asOf: string,
  settings: Partial<RedFlagSettings> = {},
): RedFlag[] {
  const s: RedFlagSettings = { ...DEFAULT_RED_FLAG_SETTINGS, ...settings };
  const flags: RedFlag[] = [];
  const say = (id: RedFlagId, rule: string, m: Bilingual) => flags.push({ id, rule, reason: m[s.lang] });

  if (tender.method !== "open") {
    const method = TENDER_METHODS.find((m) => m.key === tender.method)?.name ?? {
      zh: tender.method,
      en: tender.method,
    };
    say("not_open_tender", "F5", {
      zh: `采购方式为${method.zh}，规则要求公开招标选择承办企业（规则 F5）`,
      en: `Procured by ${method.en}; contractors must be chosen by public tender (rule F5)`,
    });
  }

  const bidderCount = tender.bidders.length;
  const deadlinePassed = tender.bidDeadline ? tender.bidDeadline <= asOf : false;
  if (bidderCount === 1 && (deadlinePassed || tender.awardedOn)) {
    say("single_bidder", "T3", {
      zh: "仅有 1 家投标人（单一投标，竞争不足）",
      en: "Only one bidder (no competition)",
    });
  }

  const window = daysBetween(tender.documentsIssuedOn, tender.bidDeadline);
  if (window !== undefined && window < s.minBiddingDays) {
    say("short_bidding_window", "T3", {
      zh: `招标文件发出至投标截止仅 ${window} 日，少于法定的 ${s.minBiddingDays} 日（招标投标法第二十四条）`,
      en: `Only ${window} days from issuing the bidding documents to the bid deadline, below the legal minimum of ${s.minBiddingDays} days (Tendering and Bidding Law, art. 24)`,
    });
  }

  const estimate = tender.estimateFen;
  const award = tender.awardFen;
  if (estimate && estimate > 0 && award !== null && award !== undefined && award >= 0) {
    const gap = BigInt(award) - BigInt(estimate);
    const abs = gap < 0n ? -gap : gap;
    if (abs * 10000n <= BigInt(estimate) * BigInt(s.awardNearEstimateBp)) {
      const pct = `${(s.awardNearEstimateBp / 100).toString()}%`;
      say("award_near_estimate", "T3", {
        zh: `中标金额 ${yuan(award, "zh")} 与预算 ${yuan(estimate, "zh")} 相差不超过 ${pct}`,
        en: `The award of ${yuan(award, "en")} is within ${pct} of the estimate of ${yuan(estimate, "en")}`,
      });
    }
  }

  const byPrice = new Map<number, Set<string>>();
  for (const b of tender.bidders) {
    if (b.bidFen === null || b.bidFen === undefined) continue;
    const names = byPrice.get(b.bidFen) ?? new Set<string>();
    names.add(b.name.trim());
    byPrice.set(b.bidFen, names);
  }
  for (const [price, names] of byPrice) {
    if (names.size < 2) continue;
    const list = [...names];
    say("identical_bids", "T3", {
      zh: `${list.join("、")} 的投标报价相同（${yuan(price, "zh")}）`,
      en: `${list.join(", ")} bid the same price (${yuan(price, "en")})`,
    });
  }

  const fields: [string, Bilingual, (b: Bidder) => string][] = [
    ["address", { zh: "地址", en: "address" }, (b) => normalizeText(b.address)],
    ["phone", { zh: "电话", en: "phone" }, (b) => normalizePhone(b.phone)],
    ["contact", { zh: "联系人", en: "contact person" }, (b) => normalizeText(b.contact)],
  ];
  for (const [, label, pick] of fields) {
    for (const names of sharedBy(tender.bidders, pick)) {
      say("shared_bidder_contact", "T3", {
        zh: `${names.join("、")} 的${label.zh}相同（围标风险）`,
        en: `${names.join(", ")} share the same ${label.en} (bid-rigging risk)`,
      });
    }
  }

  if (tender.awardedOn && tender.bidDeadline && tender.awardedOn < tender.bidDeadline) {
    say("award_before_deadline", "T3", {
      zh: `定标日期 ${tender.awardedOn} 早于投标截止 ${tender.bidDeadline}`,
      en: `Awarded on ${tender.awardedOn}, before the bid deadline ${tender.bidDeadline}`,
    });
  }
  const toAward = daysBetween(tender.bidDeadline, tender.awardedOn ?? asOf);
  if (toAward !== undefined && toAward > s.maxDaysToAward) {
    say(
      "slow_award",
      "T3",
      tender.awardedOn
        ? {
            zh: `投标截止后 ${toAward} 日才定标，超过 ${s.maxDaysToAward} 日`,
            en: `Awarded ${toAward} days after the bid deadline, more than ${s.maxDaysToAward}`,
          }
        : {
            zh: `投标截止已过 ${toAward} 日仍未定标，超过 ${s.maxDaysToAward} 日`,
            en: `Still not awarded ${toAward} days after the bid deadline, more than ${s.maxDaysToAward}`,
          },
    );
  }
  return flags;
}

export type ContractForFlags = {
  amountFen: number;
  signedOn?: string | null;
  /** Sum of the covered lines of the plan in effect, or null when the contract names no line. */
  coveredPlanFen: number | null;
  /** The day the fund arrangement was filed (F6), or null when it is not yet filed. */
  planFiledOn: string | null;
  /** Covered lines that were in no plan in effect when the contract was signed (E3 evidence). */
  linesOutsidePlan?: number;
};

/** Red flags of one contract: above its plan lines, signed before the plan was filed (F6). */
export function contractRedFlags(
  contract: ContractForFlags,
  settings: Partial<Pick<RedFlagSettings, "lang">> = {},
): RedFlag[] {
  const lang = settings.lang ?? DEFAULT_RED_FLAG_SETTINGS.lang;
  const flags: RedFlag[] = [];
  if (contract.coveredPlanFen !== null && BigInt(contract.amountFen) > BigInt(contract.coveredPlanFen)) {
    const m = {
      zh: `合同金额 ${yuan(contract.amountFen, "zh")} 超过所对应资金安排 ${yuan(contract.coveredPlanFen, "zh")}`,
      en: `The contract amount ${yuan(contract.amountFen, "en")} exceeds its plan lines, ${yuan(contract.coveredPlanFen, "en")}`,
    };
    flags.push({ id: "contract_above_plan_line", rule: "F2", reason: m[lang] });
  }
  if (contract.signedOn && (!contract.planFiledOn || contract.signedOn < contract.planFiledOn)) {
    const m = contract.planFiledOn
      ? {
          zh: `合同签订于 ${contract.signedOn}，早于资金安排备案日 ${contract.planFiledOn}（规则 F6）`,
          en: `Signed on ${contract.signedOn}, before the fund arrangement was filed on ${contract.planFiledOn} (rule F6)`,
        }
      : {
          zh: "资金安排尚未公示备案即签订合同（规则 F6）",
          en: "Signed before the fund arrangement was noticed and filed (rule F6)",
        };
    flags.push({ id: "contract_before_plan_filed", rule: "F6", reason: m[lang] });
  }
  if (
    contract.linesOutsidePlan &&
    contract.planFiledOn &&
    contract.signedOn &&
    contract.signedOn >= contract.planFiledOn
  ) {
    const m = {
      zh: `合同涉及 ${contract.linesOutsidePlan} 项未经省级批准的资金安排调整内容（一票否决 E3 证据）`,
      en: `The contract covers ${contract.linesOutsidePlan} line(s) of a plan change the province had not approved (veto E3 evidence)`,
    };
    flags.push({ id: "contract_outside_plan", rule: "E3", reason: m[lang] });
  }
  return flags;
}

/** Met, missed, or still open: a deadline such as M1 or M2 as of a date. */
export type DeadlineStatus = "met" | "missed" | "pending";

/** A deadline `dueOn` for something done on `doneOn` (or not yet), as of `asOf` (M1, M2). */
export function deadlineStatus(
  doneOn: string | null | undefined,
  dueOn: string,
  asOf: string,
): DeadlineStatus {
  if (doneOn && doneOn <= asOf) return doneOn <= dueOn ? "met" : "missed";
  return asOf > dueOn ? "missed" : "pending";
}
