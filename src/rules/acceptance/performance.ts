/**
 * The points-based performance evaluation (绩效评价): the county's self-assessment (rule F10) and the
 * province's evaluation (rule M5) read the same acceptance scorecard and give each indicator points
 * by its weight, then grade the county 优秀 / 良好 / 一般 / 较差. Weights, grade floors and the
 * partial-credit reading are settings; every point names the items and measured values behind it.
 *
 * Points are kept in hundredths (integers) so sums never drift: an indicator of weight w earning
 * share s (basis points) gets floor(w × s / 100) hundredths.
 */
import type { Scorecard } from "./evaluate";
import { measureLabel } from "./labels";
import { HEBEI_2017, type ItemGroup } from "./standard";

type Bilingual = { zh: string; en: string };

export type PerformanceGrade = "excellent" | "good" | "fair" | "poor";

export const GRADE_NAMES: Record<PerformanceGrade, Bilingual> = {
  excellent: { zh: "优秀", en: "Excellent" },
  good: { zh: "良好", en: "Good" },
  fair: { zh: "一般", en: "Fair" },
  poor: { zh: "较差", en: "Poor" },
};

/** A measured key compared with a threshold key of the same item, for partial credit. */
export type PartialMeasure = { measured: string; threshold: string };

/** Where an indicator's points come from: one scorecard item, or the project's progress (E4). */
export type IndicatorSource =
  | { kind: "item"; itemId: string; measures?: PartialMeasure[] }
  | { kind: "progress"; measure: "construction" | "disbursement" };

export type PerformanceIndicator = {
  key: string;
  group: ItemGroup | "progress";
  title: Bilingual;
  /** Points of the indicator; the whole set sums to 100. */
  weight: number;
  source: IndicatorSource;
};

export type PerformanceSettings = {
  indicators: PerformanceIndicator[];
  /** Lowest total of each grade: 优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, else 较差. */
  gradeFloors: { excellent: number; good: number; fair: number };
  /**
   * Reading: a failed item earns in proportion to its weakest measure against its threshold
   * (coverage 40% of a 50% target → 80% of the points), but never more than this share, so a fail
   * always costs something; a fail no measure explains (forbidden uses, a missing survey) earns 0
   * unless its measures were all met, when it earns this cap.
   */
  failedItemCapBp: number;
  /** An item the assessor judged not applicable (n/a) earns its full points; otherwise none. */
  isNotApplicableFullPoints: boolean;
  /** A triggered veto item (一票否决) sets the grade to this, whatever the points; null to ignore. */
  vetoGrade: PerformanceGrade | null;
  /** Progress earns full points at this share (by acceptance everything is built and paid). */
  progressTargetBp: number;
};

const itemIndicator = (
  itemId: string,
  weight: number,
  measures?: [string, string?][],
): PerformanceIndicator => {
  const def = HEBEI_2017.items.find((i) => i.id === itemId);
  if (!def) throw new Error(`no item ${itemId} in the standard`);
  return {
    key: itemId,
    group: def.group,
    title: def.title,
    weight,
    source: {
      kind: "item",
      itemId,
      ...(measures ? { measures: measures.map(([m, t]) => ({ measured: m, threshold: t ?? m })) } : {}),
    },
  };
};

/**
 * Reading: hardware 25, endogenous capacity 32, organization 15, performance 14 and progress 14
 * points, weighted towards what the seed's targets name (G1 coverage, O2 operations, training,
 * fund management, the poor households).
 */
export const DEFAULT_PERFORMANCE_SETTINGS: PerformanceSettings = {
  indicators: [
    itemIndicator("A1", 6),
    itemIndicator("A2", 6, [["warehouses"], ["expressCoverageBp"]]),
    itemIndicator("A3", 10, [["coverageBp"], ["poorCoverageBp"]]),
    itemIndicator("A4", 3, [["broadbandBp"]]),
    itemIndicator("B1", 3),
    itemIndicator("B2", 6, [["onlineRateBp"], ["avgOrdersPerStationMonth"], ["avgAmountFenPerStationMonth"]]),
    itemIndicator("B3", 4, [["within7DaysBp"], ["carriers"]]),
    itemIndicator("B4", 4, [["brands"], ["regionalBrands"], ["developedProducts"]]),
    itemIndicator("B5", 3, [["incubatedShops"]]),
    itemIndicator("B6", 3, [["traceEnterprisesWithSales", "min"]]),
    itemIndicator("B7", 5, [["personTimes"]]),
    itemIndicator("B8", 2),
    itemIndicator("B9", 2),
    itemIndicator("C1", 3),
    itemIndicator("C2", 3),
    itemIndicator("C3", 5),
    itemIndicator("C4", 2),
    itemIndicator("C5", 2),
    itemIndicator("D1", 4),
    itemIndicator("D2", 4),
    itemIndicator("D3", 4, [["trainingRateBp"]]),
    itemIndicator("D4", 2),
    {
      key: "progress.construction",
      group: "progress",
      title: { zh: "项目建设进度", en: "Construction progress" },
      weight: 7,
      source: { kind: "progress", measure: "construction" },
    },
    {
      key: "progress.disbursement",
      group: "progress",
      title: { zh: "资金拨付进度", en: "Disbursement progress" },
      weight: 7,
      source: { kind: "progress", measure: "disbursement" },
    },
  ],
  gradeFloors: { excellent: 90, good: 80, fair: 60 },
  failedItemCapBp: 9000,
  isNotApplicableFullPoints: true,
  vetoGrade: "poor",
  progressTargetBp: 10_000,
};

export const GROUP_NAMES: Record<PerformanceIndicator["group"], Bilingual> = {
  hardware: { zh: "硬件设备设施", en: "Hardware" },
  capacity: { zh: "内生发展能力", en: "Endogenous capacity" },
  organization: { zh: "组织实施情况", en: "Organization" },
  performance: { zh: "工作绩效", en: "Performance" },
  progress: { zh: "项目进度", en: "Progress" },
};

/** Construction and disbursement progress (E4) in basis points, from the funds facts. */
export type ProgressFacts = { constructionProgressBp: number; disbursementProgressBp: number };

export type MeasureRatio = { measured: string; value: number; threshold: number; ratioBp: number };

/** How an indicator earned its points: the item's status, partial credit, or progress. */
export type ScoreBasis = "pass" | "partial" | "fail" | "pending" | "n/a" | "progress" | "no_data";

export type IndicatorScore = {
  key: string;
  group: PerformanceIndicator["group"];
  title: Bilingual;
  weight: number;
  /** Points earned, two decimals. */
  points: number;
  /** Share of the weight earned, in basis points. */
  shareBp: number;
  basis: ScoreBasis;
  /** The scorecard items (and veto item E4 for progress) the points rest on. */
  itemIds: string[];
  /** The measured values read, as the scorecard holds them. */
  measured: Record<string, unknown>;
  /** Partial credit: each measure against its threshold. */
  ratios: MeasureRatio[];
  /** How the points were reached, in Chinese. */
  note: string;
};

export type PerformanceEvaluation = {
  county: string;
  asOf: string;
  standard: string;
  standardVersion: number;
  /** Total points (two decimals) out of `maxPoints`. */
  points: number;
  maxPoints: number;
  grade: PerformanceGrade;
  /** The grade the points alone give (differs from `grade` when a veto caps it). */
  gradeByPoints: PerformanceGrade;
  /** Triggered veto items. */
  vetoed: string[];
  /** Items still pending: they earn nothing yet, so the grade may rise once decided. */
  pendingItems: string[];
  isProvisional: boolean;
  gradeFloors: PerformanceSettings["gradeFloors"];
  groups: { group: PerformanceIndicator["group"]; title: Bilingual; weight: number; points: number }[];
  indicators: IndicatorScore[];
};

/** The grade of a total given in hundredths of a point. */
export function gradeOf(hundredths: number, floors: PerformanceSettings["gradeFloors"]): PerformanceGrade {
  if (hundredths >= floors.excellent * 100) return "excellent";
  if (hundredths >= floors.good * 100) return "good";
  if (hundredths >= floors.fair * 100) return "fair";
  return "poor";
}

const GRADE_ORDER: PerformanceGrade[] = ["excellent", "good", "fair", "poor"];
const worseOf = (a: PerformanceGrade, b: PerformanceGrade) =>
  GRADE_ORDER.indexOf(a) >= GRADE_ORDER.indexOf(b) ? a : b;

/** Problems with a set of settings (weights that do not sum to 100, unknown items …), in Chinese. */
export function checkPerformanceSettings(settings: PerformanceSettings): string[] {
  const problems: string[] = [];
  const total = settings.indicators.reduce((s, i) => s + i.weight, 0);
  if (total !== 100) problems.push(`指标权重合计应为 100，实为 ${total}`);
  const keys = new Set<string>();
  for (const i of settings.indicators) {
    if (!Number.isInteger(i.weight) || i.weight < 0) problems.push(`指标 ${i.key} 的权重应为非负整数`);
    if (keys.has(i.key)) problems.push(`指标 ${i.key} 重复`);
    keys.add(i.key);
    const source = i.source;
    if (source.kind === "item" && !HEBEI_2017.items.some((d) => d.id === source.itemId)) {
      problems.push(`指标 ${i.key} 引用的验收项 ${source.itemId} 不存在`);
    }
  }
  const { excellent, good, fair } = settings.gradeFloors;
  if (!(excellent <= 100 && excellent > good && good > fair && fair > 0)) {
    problems.push("等级分数线应满足 100 ≥ 优秀 > 良好 > 一般 > 0");
  }
  if (settings.failedItemCapBp < 0 || settings.failedItemCapBp > 10_000) {
    problems.push("未通过项的最高得分比例应在 0–10000 基点之间");
  }
  if (settings.progressTargetBp <= 0 || settings.progressTargetBp > 10_000) {
    problems.push("进度满分线应在 1–10000 基点之间");
  }
  return problems;
}

const pct = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, "0")}%`;

/** A threshold value as a number: a [min, max] range counts by its min. */
function thresholdNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (Array.isArray(value) && typeof value[0] === "number") return value[0];
  return undefined;
}

function ratiosOf(
  measures: readonly PartialMeasure[],
  measured: Record<string, unknown>,
  threshold: Record<string, unknown>,
): MeasureRatio[] {
  const ratios: MeasureRatio[] = [];
  for (const m of measures) {
    const value = measured[m.measured];
    const target = thresholdNumber(threshold[m.threshold]);
    if (typeof value !== "number" || target === undefined) continue;
    const ratioBp = target <= 0 ? 10_000 : Math.min(10_000, Math.floor((value * 10_000) / target));
    ratios.push({ measured: m.measured, value, threshold: target, ratioBp });
  }
  return ratios;
}

function scoreItem(
  indicator: PerformanceIndicator,
  source: Extract<IndicatorSource, { kind: "item" }>,
  card: Scorecard,
  settings: PerformanceSettings,
): Omit<IndicatorScore, "points" | "key" | "group" | "title" | "weight"> {
  const item = card.items.find((i) => i.id === source.itemId);
  const base = { itemIds: [source.itemId], measured: item?.measured ?? {}, ratios: [] as MeasureRatio[] };
  if (!item) return { ...base, shareBp: 0, basis: "no_data", note: "评分表中无此项，不计分" };
  const by = item.decidedBy === "assessor" ? "评估机构判定" : "数据判定";
  switch (item.status) {
    case "pass":
      return { ...base, shareBp: 10_000, basis: "pass", note: `${by}通过，得满分 ${indicator.weight} 分` };
    case "n/a":
      return settings.isNotApplicableFullPoints
        ? { ...base, shareBp: 10_000, basis: "n/a", note: `${by}不适用，按满分计` }
        : { ...base, shareBp: 0, basis: "n/a", note: `${by}不适用，不计分` };
    case "pending":
      return { ...base, shareBp: 0, basis: "pending", note: "待评估，暂不计分" };
    case "fail": {
      const ratios = ratiosOf(source.measures ?? [], item.measured, item.threshold);
      if (ratios.length === 0) return { ...base, shareBp: 0, basis: "fail", note: `${by}未通过，不得分` };
      const weakest = ratios.reduce((a, b) => (b.ratioBp < a.ratioBp ? b : a));
      const shareBp = Math.min(weakest.ratioBp, settings.failedItemCapBp);
      const capped = shareBp < weakest.ratioBp ? `，未通过项最多得 ${pct(settings.failedItemCapBp)}` : "";
      return {
        ...base,
        ratios,
        shareBp,
        basis: "partial",
        note: `${by}未通过；按最弱指标「${measureLabel(weakest.measured)}」达到标准的 ${pct(weakest.ratioBp)} 计分${capped}`,
      };
    }
  }
}

function scoreProgress(
  source: Extract<IndicatorSource, { kind: "progress" }>,
  progress: ProgressFacts | undefined,
  settings: PerformanceSettings,
): Omit<IndicatorScore, "points" | "key" | "group" | "title" | "weight"> {
  const key = source.measure === "construction" ? "constructionProgressBp" : "disbursementProgressBp";
  if (!progress) {
    return {
      itemIds: ["E4"],
      measured: {},
      ratios: [],
      shareBp: 0,
      basis: "no_data",
      note: "尚无建设与拨付进度数据，不计分",
    };
  }
  const value = progress[key];
  const ratioBp = Math.max(0, Math.min(10_000, Math.floor((value * 10_000) / settings.progressTargetBp)));
  return {
    itemIds: ["E4"],
    measured: { [key]: value },
    ratios: [{ measured: key, value, threshold: settings.progressTargetBp, ratioBp }],
    shareBp: ratioBp,
    basis: "progress",
    note: `进度 ${pct(value)}，满分线 ${pct(settings.progressTargetBp)}，按比例计分`,
  };
}

/**
 * The performance evaluation of a scorecard: indicator points, group sums, total and grade.
 * `progress` comes from the funds facts (E4); without it the progress indicators earn nothing.
 */
export function evaluatePerformance(
  card: Scorecard,
  progress: ProgressFacts | undefined,
  settings: PerformanceSettings = DEFAULT_PERFORMANCE_SETTINGS,
): PerformanceEvaluation {
  const indicators: IndicatorScore[] = settings.indicators.map((indicator) => {
    const scored =
      indicator.source.kind === "item"
        ? scoreItem(indicator, indicator.source, card, settings)
        : scoreProgress(indicator.source, progress, settings);
    const hundredths = Math.floor((indicator.weight * scored.shareBp) / 100);
    return {
      key: indicator.key,
      group: indicator.group,
      title: indicator.title,
      weight: indicator.weight,
      points: hundredths / 100,
      ...scored,
    };
  });
  const hundredthsOf = (list: IndicatorScore[]) => list.reduce((s, i) => s + Math.round(i.points * 100), 0);
  const total = hundredthsOf(indicators);
  const gradeByPoints = gradeOf(total, settings.gradeFloors);
  const vetoed = card.veto.filter((v) => v.status === "triggered").map((v) => v.id);
  const pendingItems = card.items.filter((i) => i.status === "pending").map((i) => i.id);
  const groups = [...new Set(indicators.map((i) => i.group))].map((group) => {
    const members = indicators.filter((i) => i.group === group);
    return {
      group,
      title: GROUP_NAMES[group],
      weight: members.reduce((s, i) => s + i.weight, 0),
      points: hundredthsOf(members) / 100,
    };
  });
  return {
    county: card.county,
    asOf: card.asOf,
    standard: card.standard,
    standardVersion: card.standardVersion,
    points: total / 100,
    maxPoints: settings.indicators.reduce((s, i) => s + i.weight, 0),
    grade: vetoed.length && settings.vetoGrade ? worseOf(settings.vetoGrade, gradeByPoints) : gradeByPoints,
    gradeByPoints,
    vetoed,
    pendingItems,
    isProvisional: pendingItems.length > 0 || card.veto.some((v) => v.status === "pending"),
    gradeFloors: settings.gradeFloors,
    groups,
    indicators,
  };
}
