/**
 * Outcomes and the records the standard asks for (rules K3–K7, O9; acceptance C1, C2, C4, C5,
 * D1–D4): pure judgements of a county's `OutcomesFacts`. No I/O: the server, the CLI and the
 * browser call the same functions.
 *
 * Where data cannot prove an absence (a county may keep paper minutes that are not entered yet),
 * an item with no record at all stays `pending` for the assessor; records that fall short fail.
 */
import type { OutcomesFacts, YearFigures } from "./acceptance/facts";
import type { Bilingual } from "./money";
import { ratioBp } from "./ratio";
import { DEFAULT_UPWARD_SETTINGS, growthBp } from "./upward";

/** The readings of K3–K7 as settings a province administrator may refine (AcceptanceThresholds). */
export type OutcomeSettings = {
  /** D1 / G2: county e-commerce transactions year on year, in bp (+20%). */
  transactionsGrowthBp: number;
  /** D2 / G3: agricultural online retail year on year, in bp (+30%). */
  agriSalesGrowthBp: number;
  /** D2 "and jobs created". Reading: the as-of year's 带动就业(人) is at least this (jobs > 0). */
  jobsMin: number;
  /**
   * D3 "and their online sales" (O9). Reading: at least this many registered poor households have
   * online sales (amount > 0) on record up to the as-of date.
   */
  poorSalesHouseholdsMin: number;
  /** C1 / K3. Reading: a leading group headed by the county head and at least this many joint meetings. */
  jointMeetingsMin: number;
  /** C2 / K3. Reading: at least this many on-site inspection records of the county. */
  inspectionsMin: number;
  /** C5 / K4: research reports published (≥ 5). */
  researchReports: number;
  /** C5 / K4: recognitions (provincial media, provincial meeting, the three ministries). Reading: ≥ 1. */
  recognitions: number;
  /** D4 / K7. Reading: at least this many enterprises with all four capabilities upgraded. */
  upgradedEnterprisesMin: number;
};

export const DEFAULT_OUTCOME_SETTINGS: OutcomeSettings = {
  transactionsGrowthBp: DEFAULT_UPWARD_SETTINGS.ruralRetailGrowthBp, // rule G2
  agriSalesGrowthBp: DEFAULT_UPWARD_SETTINGS.agriculturalRetailGrowthBp, // rule G3
  jobsMin: 1,
  poorSalesHouseholdsMin: 1,
  jointMeetingsMin: 2,
  inspectionsMin: 1,
  researchReports: 5,
  recognitions: 1,
  upgradedEnterprisesMin: 1,
};

export type OutcomeStatus = "pass" | "fail" | "pending";

/** One item's judgement, in the shape the acceptance evaluator hands on. */
export type OutcomeJudgement = {
  status: OutcomeStatus;
  measured: Record<string, unknown>;
  threshold: Record<string, unknown>;
  note: string;
};

const pct = (bp: number) => `${bp / 100}%`;

/** The as-of year of an ISO date (China time dates are plain YYYY-MM-DD). */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** The figures of one year, or undefined when the county has none for it. */
export function figuresOf(years: readonly YearFigures[], year: number): YearFigures | undefined {
  return years.find((y) => y.year === year);
}

/** What is missing to compare `year` with the year before, in Chinese (empty when both are there). */
function missingYears(years: readonly YearFigures[], year: number): string[] {
  return [year - 1, year].filter((y) => !figuresOf(years, y)).map((y) => `${y}年`);
}

/** rule G2, acceptance D1: county e-commerce transactions, the as-of year against the year before. */
export function judgeTransactionsGrowth(
  outcomes: OutcomesFacts,
  asOf: string,
  settings: Pick<OutcomeSettings, "transactionsGrowthBp">,
): OutcomeJudgement {
  const year = yearOf(asOf);
  const current = figuresOf(outcomes.years, year);
  const previous = figuresOf(outcomes.years, year - 1);
  const threshold = { growthBp: settings.transactionsGrowthBp };
  const measured = {
    year,
    transactionsFen: current?.transactionsFen ?? null,
    previousFen: previous?.transactionsFen ?? null,
    growthBp:
      current && previous ? (growthBp(previous.transactionsFen, current.transactionsFen) ?? null) : null,
  };
  const missing = missingYears(outcomes.years, year);
  if (missing.length) {
    return {
      status: "pending",
      measured,
      threshold,
      note: `缺少${missing.join("、")}年度指标（电子商务交易额）`,
    };
  }
  if (measured.growthBp === null) {
    return { status: "pending", measured, threshold, note: `${year - 1}年电子商务交易额为0，无法计算同比` };
  }
  const ok = measured.growthBp >= settings.transactionsGrowthBp;
  return {
    status: ok ? "pass" : "fail",
    measured,
    threshold,
    note: ok
      ? `电子商务交易额同比增长 ${pct(measured.growthBp)}，达标`
      : `电子商务交易额同比增长 ${pct(measured.growthBp)} < ${pct(settings.transactionsGrowthBp)}`,
  };
}

/** rule G3, acceptance D2: agricultural online retail year on year, and jobs created (reading). */
export function judgeAgriSalesAndJobs(
  outcomes: OutcomesFacts,
  asOf: string,
  settings: Pick<OutcomeSettings, "agriSalesGrowthBp" | "jobsMin">,
): OutcomeJudgement {
  const year = yearOf(asOf);
  const current = figuresOf(outcomes.years, year);
  const previous = figuresOf(outcomes.years, year - 1);
  const threshold = { growthBp: settings.agriSalesGrowthBp, jobs: settings.jobsMin };
  const measured = {
    year,
    agriSalesFen: current?.agriRetailFen ?? null,
    previousFen: previous?.agriRetailFen ?? null,
    growthBp: current && previous ? (growthBp(previous.agriRetailFen, current.agriRetailFen) ?? null) : null,
    jobs: current?.jobs ?? null,
  };
  const missing = missingYears(outcomes.years, year);
  if (missing.length) {
    return {
      status: "pending",
      measured,
      threshold,
      note: `缺少${missing.join("、")}年度指标（农产品网络零售额）`,
    };
  }
  if (measured.growthBp === null) {
    return { status: "pending", measured, threshold, note: `${year - 1}年农产品网络零售额为0，无法计算同比` };
  }
  const problems: string[] = [];
  if (measured.growthBp < settings.agriSalesGrowthBp) {
    problems.push(`农产品网络零售额同比增长 ${pct(measured.growthBp)} < ${pct(settings.agriSalesGrowthBp)}`);
  }
  if ((measured.jobs ?? 0) < settings.jobsMin)
    problems.push(`带动就业 ${measured.jobs} 人 < ${settings.jobsMin} 人`);
  return {
    status: problems.length ? "fail" : "pass",
    measured,
    threshold,
    note: problems.length
      ? problems.join("；")
      : `农产品网络零售额同比增长 ${pct(measured.growthBp)}，带动就业 ${measured.jobs} 人`,
  };
}

/** rule O9, acceptance D3 (sales part): poor households' online sales on record. */
export function judgePoorHouseholdSales(
  outcomes: OutcomesFacts,
  settings: Pick<OutcomeSettings, "poorSalesHouseholdsMin">,
): { ok: boolean; measured: Record<string, unknown>; problem: string } {
  const s = outcomes.poorSales;
  return {
    ok: s.households >= settings.poorSalesHouseholdsMin,
    measured: {
      householdsWithSales: s.households,
      salesQuantity: s.quantity,
      salesFen: s.amountFen,
      incomeGainFen: s.incomeGainFen,
    },
    problem:
      s.households === 0
        ? "无贫困户网络销售记录（数量、金额、增收）"
        : `有网络销售记录的贫困户 ${s.households} 户 < ${settings.poorSalesHouseholdsMin} 户`,
  };
}

/** Records present but short fail; no record at all stays pending for the assessor. */
function fromRecords(
  hasRecords: boolean,
  problems: string[],
  okNote: string,
  none: string,
  measured: Record<string, unknown>,
  threshold: Record<string, unknown>,
): OutcomeJudgement {
  if (!hasRecords) return { status: "pending", measured, threshold, note: `${none}，需第三方评估机构核实` };
  return problems.length
    ? { status: "fail", measured, threshold, note: problems.join("；") }
    : { status: "pass", measured, threshold, note: okNote };
}

/** rule K3, acceptance C1: a leading group headed by the county head, and joint meetings held. */
export function judgeCoordination(
  o: OutcomesFacts,
  settings: Pick<OutcomeSettings, "jointMeetingsMin">,
): OutcomeJudgement {
  const problems: string[] = [];
  if (!o.leadingGroup.headedByCountyHead) problems.push("领导小组未由县长挂帅");
  if (o.jointMeetings < settings.jointMeetingsMin)
    problems.push(`联席会议 ${o.jointMeetings} 次 < ${settings.jointMeetingsMin} 次`);
  return fromRecords(
    o.leadingGroup.members > 0 || o.jointMeetings > 0,
    problems,
    `县长挂帅的领导小组，联席会议 ${o.jointMeetings} 次，议定事项 ${o.decisions} 项（已落实 ${o.decisionsFollowedUp} 项）`,
    "尚无领导小组与联席会议记录",
    {
      leadingGroupMembers: o.leadingGroup.members,
      headedByCountyHead: o.leadingGroup.headedByCountyHead,
      jointMeetings: o.jointMeetings,
      decisions: o.decisions,
      decisionsFollowedUp: o.decisionsFollowedUp,
    },
    { headedByCountyHead: true, jointMeetings: settings.jointMeetingsMin },
  );
}

/** rule K3, acceptance C2: on-site inspection records (and the province's supervision visits). */
export function judgeInspections(
  o: OutcomesFacts,
  settings: Pick<OutcomeSettings, "inspectionsMin">,
): OutcomeJudgement {
  const problems =
    o.inspections < settings.inspectionsMin
      ? [`现场检查记录 ${o.inspections} 次 < ${settings.inspectionsMin} 次`]
      : [];
  return fromRecords(
    o.inspections > 0 || o.supervisionVisits > 0,
    problems,
    `现场检查记录 ${o.inspections} 次，省级督导 ${o.supervisionVisits} 次，未整改问题 ${o.findingsOpen} 项，现场照片 ${o.inspectionPhotos} 张`,
    "尚无现场检查记录",
    {
      inspections: o.inspections,
      supervisionVisits: o.supervisionVisits,
      findingsOpen: o.findingsOpen,
      inspectionPhotos: o.inspectionPhotos,
    },
    { inspections: settings.inspectionsMin },
  );
}

/** rule K4, acceptance C5: ≥ 5 research reports published and media or meeting recognition. */
export function judgePublicity(
  o: OutcomesFacts,
  settings: Pick<OutcomeSettings, "researchReports" | "recognitions">,
): OutcomeJudgement {
  const problems: string[] = [];
  if (o.researchReports < settings.researchReports)
    problems.push(`发表调研报告 ${o.researchReports} 篇 < ${settings.researchReports} 篇`);
  if (o.recognitions < settings.recognitions) problems.push("无省级以上媒体报道、省级会议交流或三部委推广");
  return fromRecords(
    o.researchReports + o.recognitions + o.typicalCases > 0,
    problems,
    `调研报告 ${o.researchReports} 篇，媒体/会议推广 ${o.recognitions} 次，典型案例 ${o.typicalCases} 个`,
    "尚无典型案例、调研报告与宣传记录",
    {
      researchReports: o.researchReports,
      recognitions: o.recognitions,
      typicalCases: o.typicalCases,
      casesReportedUpward: o.casesReportedUpward,
    },
    { researchReports: settings.researchReports, recognitions: settings.recognitions },
  );
}

/** rule K7, acceptance D4: traditional enterprises upgraded with inventory, purchasing, online sales, statistics. */
export function judgeUpgradedEnterprises(
  o: OutcomesFacts,
  settings: Pick<OutcomeSettings, "upgradedEnterprisesMin">,
): OutcomeJudgement {
  const problems =
    o.upgradedEnterprises < settings.upgradedEnterprisesMin
      ? [
          `完成进销存、采购、网络销售、统计全部转型的传统商贸企业 ${o.upgradedEnterprises} 家 < ${settings.upgradedEnterprisesMin} 家`,
        ]
      : [];
  return fromRecords(
    o.upgradedEnterprises + o.enterprisesPartlyUpgraded > 0,
    problems,
    `传统商贸企业转型 ${o.upgradedEnterprises} 家`,
    "尚无传统商贸企业转型记录",
    { upgradedEnterprises: o.upgradedEnterprises, partlyUpgraded: o.enterprisesPartlyUpgraded },
    { upgradedEnterprises: settings.upgradedEnterprisesMin },
  );
}

/** Acceptance C4 stays with the assessor; the records on file are shown beside it. */
export function describeMarketRecords(o: OutcomesFacts): OutcomeJudgement {
  const m = o.marketRecords;
  return {
    status: "pending",
    measured: { policies: m.policies, supervision: m.supervision, creditEvaluations: m.creditEvaluations },
    threshold: {},
    note: `在案：扶持政策 ${m.policies} 项、市场监管 ${m.supervision} 次、信用评价 ${m.creditEvaluations} 项；需第三方评估机构判定`,
  };
}

/** rule K5: share of registered poor people among the staff of one facility or the county, in bp. */
export function poorStaffShareBp(staff: number, poorStaff: number): number {
  return ratioBp(poorStaff, staff);
}

/** Kinds of the records (stored keys; Chinese as the seed names them). */
export const INSPECTION_KINDS = {
  county: { zh: "县级现场检查", en: "County on-site inspection" },
  province: { zh: "省级现场督导", en: "Province supervision visit" },
  city: { zh: "市级现场督导", en: "City supervision visit" },
} as const satisfies Record<string, Bilingual>;

export const CASE_KINDS = {
  youth: { zh: "青年创业", en: "Youth entrepreneurship" },
  farm_sales: { zh: "农产品网销", en: "Online sales of farm products" },
  logistics: { zh: "农村物流", en: "Rural logistics" },
  poverty: { zh: "电商扶贫", en: "E-commerce poverty alleviation" },
  model: { zh: "运营模式", en: "Operating model" },
} as const satisfies Record<string, Bilingual>;

export const RECOGNITION_KINDS = {
  media: { zh: "省级以上媒体报道", en: "Provincial or national media" },
  meeting: { zh: "省级会议交流", en: "Presented at a provincial meeting" },
  ministries: { zh: "三部委推广", en: "Published by the three ministries" },
} as const satisfies Record<string, Bilingual>;

export const ENTERPRISE_KINDS = {
  post: { zh: "邮政", en: "Post" },
  coop: { zh: "供销社", en: "Supply and marketing co-op" },
  wancun: { zh: "万村千乡", en: "万村千乡 network" },
  other: { zh: "其他传统商贸企业", en: "Other traditional commerce" },
} as const satisfies Record<string, Bilingual>;

export const MARKET_RECORD_KINDS = {
  policy: { zh: "扶持政策", en: "Promotion policy" },
  supervision: { zh: "市场秩序监管", en: "Market-order supervision" },
  credit: { zh: "信用评价", en: "Credit evaluation" },
} as const satisfies Record<string, Bilingual>;

export const FACILITY_KINDS = {
  county_center: { zh: "县级服务中心", en: "County center" },
  county_warehouse: { zh: "县级仓储物流中心", en: "County warehouse" },
  township_center: { zh: "乡镇配送中心", en: "Township center" },
  village_station: { zh: "村级服务站点", en: "Village station" },
} as const satisfies Record<string, Bilingual>;

export const GROUP_ROLES = {
  leader: { zh: "组长", en: "Leader" },
  deputy: { zh: "副组长", en: "Deputy" },
  member: { zh: "成员", en: "Member" },
} as const satisfies Record<string, Bilingual>;

/** A record's fields that contradict each other: the field to fix and why, in both languages. */
export type FieldProblem = { path: string; zh: string; en: string };

/** rule K3 (C1): a joint meeting cannot have followed up more decisions than it took. */
export function meetingProblem(m: {
  decisions: number;
  decisionsFollowedUp: number;
}): FieldProblem | undefined {
  return m.decisionsFollowedUp > m.decisions
    ? { path: "decisionsFollowedUp", zh: "已落实事项不能多于议定事项", en: "Cannot exceed the decisions" }
    : undefined;
}

/** rule K3 (C2): findings still open must be written down. */
export function inspectionProblem(i: { findingsOpen: number; findings: string }): FieldProblem | undefined {
  return i.findingsOpen > 0 && !i.findings.trim()
    ? { path: "findings", zh: "有未整改问题时须写明发现的问题", en: "Describe the findings still open" }
    : undefined;
}

/** Links to a published report or a channel listing (K4, K5) are web addresses. */
export function webLinkProblem(path: string, value: string): FieldProblem | undefined {
  return /^https?:\/\/[^\s/]+\S*$/i.test(value.trim())
    ? undefined
    : { path, zh: "须为以 http:// 或 https:// 开头的网址", en: "Must be an http:// or https:// address" };
}

/** rule K5: a post ends on or after the day it started (blank while the person is still employed). */
export function staffDatesProblem(s: {
  startedOn: string;
  endedOn: string | null;
}): FieldProblem | undefined {
  return s.endedOn && s.endedOn < s.startedOn
    ? { path: "endedOn", zh: "离岗日期不能早于上岗日期", en: "The end date cannot precede the start date" }
    : undefined;
}
