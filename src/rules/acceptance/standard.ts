/**
 * The Hebei 2017 acceptance standard (验收参考标准, the appendix of the seed) as data: 22 items in four
 * groups and 5 veto items, with the thresholds the evaluator applies. A province may refine it
 * ("各地在实际验收过程中可根据当地实际对标准进行细化") as a new version; every scorecard names its version.
 */

import { DEFAULT_COVERAGE_SETTINGS } from "../network";
import { DEFAULT_OPERATIONS_SETTINGS } from "../operations";
import { DEFAULT_OUTCOME_SETTINGS, type OutcomeSettings } from "../outcomes";
import { DEFAULT_UPWARD_SETTINGS } from "../upward";

export type ItemGroup = "hardware" | "capacity" | "organization" | "performance";

export type StandardItem = {
  id: string;
  group: ItemGroup;
  title: { zh: string; en: string };
  rules: string[];
};

export type VetoItem = { id: string; title: { zh: string; en: string }; rules: string[] };

/** Thresholds: the readings of rules.md, each a setting a province administrator may refine. */
export type AcceptanceThresholds = {
  /** G1: station coverage of administrative villages and of registered poor villages. */
  villageCoverageBp: number;
  poorVillageCoverageBp: number;
  /** S8: broadband coverage of administrative villages. */
  broadbandBp: number;
  /** O1: data manager online rate. */
  onlineRateBp: number;
  /** O2: per station per month. */
  ordersPerStationMonth: number;
  amountFenPerStationMonth: number;
  /** O3: share of downward shipments delivered within 7 days, and carriers integrated. */
  within7DaysBp: number;
  carriers: number;
  /** O5 */
  brands: number;
  regionalBrands: number;
  developedProductsMin: number;
  developedProductsMax: number;
  circulationStandards: number;
  /** O6: incubated shops meeting the 30,000-yuan reading. */
  incubatedShops: number;
  /** O7 */
  traceEnterprisesMin: number;
  traceEnterprisesMax: number;
  /** O7 reading: whether more than `traceEnterprisesMax` fails (off: "1–3" is a floor, not a cap). */
  traceEnterprisesMaxIsLimit: boolean;
  /** O8 / G4 (per county). */
  personTimes: number;
  /** O9 / D3 */
  poorTrainingRateBp: number;
  /** E1: reporting completeness and timeliness. */
  reportingCompletenessBp: number;
  reportingTimelinessBp: number;
  /** E4: construction and disbursement progress. */
  progressBp: number;
} & OutcomeSettings; // C1, C2, C5, D1–D4 (rules K3–K7, G2, G3): see src/rules/outcomes.ts

export type AcceptanceStandard = {
  id: string;
  version: number;
  items: StandardItem[];
  veto: VetoItem[];
  thresholds: AcceptanceThresholds;
};

/** Standards by name: a scorecard carries the id ("hebei-2017"); readers see the name. */
export const STANDARD_TITLES: Record<string, { zh: string; en: string }> = {
  "hebei-2017": {
    zh: "河北省电子商务进农村综合示范验收参考标准（2017年）",
    en: "Hebei acceptance reference standard for the e-commerce demonstration (2017)",
  },
};

/** `河北省…验收参考标准（2017年）第1版`; an unknown id stays as it is. */
export function standardTitle(id: string, version: number | undefined, lang: "zh" | "en" = "zh"): string {
  const name = STANDARD_TITLES[id]?.[lang] ?? id;
  if (version === undefined) return name;
  return lang === "zh" ? `${name}第${version}版` : `${name}, version ${version}`;
}

const item = (id: string, group: ItemGroup, zh: string, en: string, rules: string[]): StandardItem => ({
  id,
  group,
  title: { zh, en },
  rules,
});

export const HEBEI_2017: AcceptanceStandard = {
  id: "hebei-2017",
  version: 1,
  items: [
    item("A1", "hardware", "县级电子商务公共服务中心", "County public service center", ["S1", "S3"]),
    item("A2", "hardware", "县乡村三级物流配送体系", "Warehousing and logistics", ["S1", "S4", "S7", "F9"]),
    item("A3", "hardware", "村级服务站点", "Village service stations", ["S2", "S5", "G1", "F9"]),
    item("A4", "hardware", "宽带网络覆盖", "Broadband coverage", ["S8"]),
    item("B1", "capacity", "电子商务服务企业", "E-commerce service enterprise", ["O4"]),
    item("B2", "capacity", "站点运营", "Station operations", ["O1", "O2"]),
    item("B3", "capacity", "物流配送", "Logistics", ["O3"]),
    item("B4", "capacity", "产品与品牌", "Products and brands", ["O5"]),
    item("B5", "capacity", "网店孵化", "Online shop incubation", ["O6"]),
    item("B6", "capacity", "质量追溯", "Traceability", ["O7"]),
    item("B7", "capacity", "培训规模与体系", "Training volume and system", ["O8", "G4"]),
    item("B8", "capacity", "培训后续服务", "After-training service", ["O8"]),
    item("B9", "capacity", "设施开放共享", "Openness of facilities", ["O10"]),
    item("C1", "organization", "协调机制与工作方案落实", "Coordination mechanism and work plan", ["P2"]),
    item("C2", "organization", "项目管理制度与现场检查记录", "Project management and inspections", ["F10"]),
    item("C3", "organization", "资金管理", "Fund management", ["F4", "F7", "F8"]),
    item("C4", "organization", "扶持政策与市场监管", "Policies, market supervision, credit", []),
    item("C5", "organization", "宣传推广", "Publicity", []),
    item("D1", "performance", "县域电子商务交易额增长", "County e-commerce transactions growth", ["G2"]),
    item("D2", "performance", "农产品网络销售增长与就业", "Agricultural online sales growth and jobs", [
      "G3",
    ]),
    item("D3", "performance", "贫困户培训与网络销售", "Poor households trained and their sales", ["O9"]),
    item("D4", "performance", "传统商贸企业转型", "Traditional commerce upgraded", []),
  ],
  veto: [
    {
      id: "E1",
      title: { zh: "信息报送未接入、迟报或不实", en: "Information reporting missing, late or inaccurate" },
      rules: ["R2", "R3"],
    },
    {
      id: "E2",
      title: { zh: "公开专栏内容缺失或散见", en: "Transparency items missing or scattered" },
      rules: ["T1", "T2", "T3", "T4"],
    },
    {
      id: "E3",
      title: { zh: "未经批准调整实施方案", en: "Work plan changed without approval" },
      rules: ["F6"],
    },
    {
      id: "E4",
      title: { zh: "建设或资金拨付进度低于40%", en: "Construction or disbursement progress below 40%" },
      rules: [],
    },
    {
      id: "E5",
      title: {
        zh: "弄虚作假、重大审计问题、安全质量事故",
        en: "Fraud, major audit findings, accidents, losses",
      },
      rules: [],
    },
  ],
  thresholds: {
    // One source for each threshold: the rule settings of the domain that states it.
    villageCoverageBp: DEFAULT_COVERAGE_SETTINGS.villageCoverageBp, // rule G1
    poorVillageCoverageBp: DEFAULT_COVERAGE_SETTINGS.poorVillageCoverageBp, // rule G1
    broadbandBp: DEFAULT_COVERAGE_SETTINGS.broadbandBp, // rule S8
    onlineRateBp: DEFAULT_OPERATIONS_SETTINGS.onlineRateBp, // rule O1
    ordersPerStationMonth: DEFAULT_OPERATIONS_SETTINGS.ordersPerStationMonth, // rule O2
    amountFenPerStationMonth: DEFAULT_OPERATIONS_SETTINGS.amountFenPerStationMonth, // rule O2
    within7DaysBp: DEFAULT_OPERATIONS_SETTINGS.withinDeliveryDaysBp, // rule O3
    carriers: DEFAULT_OPERATIONS_SETTINGS.carriers, // rule O3
    brands: DEFAULT_UPWARD_SETTINGS.brands, // rule O5
    regionalBrands: DEFAULT_UPWARD_SETTINGS.regionalBrands,
    developedProductsMin: DEFAULT_UPWARD_SETTINGS.developedProductsMin,
    developedProductsMax: DEFAULT_UPWARD_SETTINGS.developedProductsMax,
    circulationStandards: DEFAULT_UPWARD_SETTINGS.circulationStandards,
    incubatedShops: 1, // rule O6: at least one shop meeting the 30,000-yuan reading
    traceEnterprisesMin: DEFAULT_UPWARD_SETTINGS.traceEnterprisesMin, // rule O7
    traceEnterprisesMax: DEFAULT_UPWARD_SETTINGS.traceEnterprisesMax,
    traceEnterprisesMaxIsLimit: DEFAULT_UPWARD_SETTINGS.traceEnterprisesMaxIsLimit,
    personTimes: DEFAULT_UPWARD_SETTINGS.personTimesPerCounty, // rules G4, O8
    poorTrainingRateBp: DEFAULT_UPWARD_SETTINGS.poorTrainingRateBp, // rule O9
    reportingCompletenessBp: 10_000,
    reportingTimelinessBp: 10_000,
    progressBp: 4000,
    ...DEFAULT_OUTCOME_SETTINGS, // rules G2, G3, K3–K7
  },
};

export { ratioBp } from "../ratio";
