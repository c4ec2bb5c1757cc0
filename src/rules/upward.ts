/**
 * Products going up, people trained (农村产品上行、电商培训): the rules of O5–O9, G2–G4, B4–B8, D1–D3
 * as pure functions and vocabularies. No I/O: the server and the browser call the same functions.
 */
import type { Bilingual } from "./money";
import { ratioBp as shareBp } from "./ratio";

/** The readings of rules.md for this area, each a setting a province administrator may refine. */
export type UpwardSettings = {
  /** G4, O8, B7: training person-times (人次). Reading: per county. */
  personTimesPerCounty: number;
  /** O9, D3: households with at least one trained member / registered poor households, in bp. */
  poorTrainingRateBp: number;
  /** O5 */
  brands: number;
  regionalBrands: number;
  developedProductsMin: number;
  /** O5 says 5–10 单品; more than 10 is reported, not failed. */
  developedProductsMax: number;
  circulationStandards: number;
  /** O6 reading: a shop counts as incubated when its annual transactions reach this (per shop). */
  incubatedShopAnnualFen: number;
  /** O7: 1–3 county enterprises in a traceability system, with sales. */
  traceEnterprisesMin: number;
  traceEnterprisesMax: number;
  /** O7 reading: at least 1; more than 3 is no failure unless this is on. */
  traceEnterprisesMaxIsLimit: boolean;
  /** G2 / D1: rural online retail (and county e-commerce transactions) year on year. */
  ruralRetailGrowthBp: number;
  /** G3 / D2: agricultural product online retail year on year. */
  agriculturalRetailGrowthBp: number;
};

export const DEFAULT_UPWARD_SETTINGS: UpwardSettings = {
  personTimesPerCounty: 3000,
  poorTrainingRateBp: 8000,
  brands: 5,
  regionalBrands: 1,
  developedProductsMin: 5,
  developedProductsMax: 10,
  circulationStandards: 1,
  incubatedShopAnnualFen: 3_000_000,
  traceEnterprisesMin: 1,
  traceEnterprisesMax: 3,
  traceEnterprisesMaxIsLimit: false,
  ruralRetailGrowthBp: 2000,
  agriculturalRetailGrowthBp: 3000,
};

/** A rule's finding in both languages, with the rule id it comes from. */
export type Finding = { rule: string } & Bilingual;

/** `floor(10000 × numerator / denominator)`, 0 without a denominator: the one ratio of src/rules/ratio.ts. */
export { shareBp };

// ---------------------------------------------------------------------------------------------
// Vocabularies (keys stored in the database; Chinese as the seed names them)

/** 培训类别: free basic courses for government, enterprises, farmers; value-added for entrepreneurs (O8). */
export const TRAINING_CATEGORIES = {
  basic: { zh: "基础普及", en: "Basic (free)" },
  value_added: { zh: "增值培训", en: "Value-added" },
} as const satisfies Record<string, Bilingual>;
export type TrainingCategory = keyof typeof TRAINING_CATEGORIES;

/** 培训对象 (seed 四(四), 五3). */
export const TRAINING_AUDIENCES = {
  officials: { zh: "党政干部", en: "Officials" },
  enterprises: { zh: "涉农企业", en: "Enterprises" },
  cooperatives: { zh: "农民合作社", en: "Cooperatives" },
  farmers: { zh: "农民", en: "Farmers" },
  youth: { zh: "农村青年", en: "Rural youth" },
  poor: { zh: "建档立卡贫困户", en: "Registered poor" },
  station_staff: { zh: "电商从业人员", en: "E-commerce staff" },
} as const satisfies Record<string, Bilingual>;
export type TrainingAudience = keyof typeof TRAINING_AUDIENCES;

/** 培训后服务 (O8): follow-up, coaching, incubation; start-ups and jobs are counted periodically. */
export const FOLLOWUP_KINDS = {
  visit: { zh: "跟踪回访", en: "Follow-up visit" },
  coaching: { zh: "辅导", en: "Coaching" },
  incubation: { zh: "孵化", en: "Incubation" },
  startup: { zh: "创业", en: "Start-up" },
  job: { zh: "就业", en: "Job" },
} as const satisfies Record<string, Bilingual>;
export type FollowupKind = keyof typeof FOLLOWUP_KINDS;

/** Who opened an incubated shop (O6, seed 三(三)). */
export const OWNER_CATEGORIES = {
  youth: { zh: "青年", en: "Youth" },
  women: { zh: "妇女", en: "Women" },
  poor: { zh: "建档立卡贫困人口", en: "Registered poor" },
  disabled: { zh: "残疾人", en: "Disabled" },
  graduates: { zh: "返乡大学生", en: "Returning graduates" },
  migrants: { zh: "返乡农民工", en: "Returning migrant workers" },
  veterans: { zh: "退伍军人", en: "Veterans" },
} as const satisfies Record<string, Bilingual>;
export type OwnerCategory = keyof typeof OWNER_CATEGORIES;

/** Value-added services to incubated shops (O6, seed appendix 电商孵化). */
export const SHOP_SERVICES = {
  brand_registration: { zh: "品牌注册", en: "Brand registration" },
  brand_building: { zh: "品牌培育", en: "Brand building" },
  sorting: { zh: "分拣", en: "Sorting" },
  packaging: { zh: "包装", en: "Packaging" },
  testing: { zh: "检测", en: "Testing" },
  marketing: { zh: "网络营销策划", en: "Online marketing" },
  hosting: { zh: "网站托管", en: "Shop hosting" },
} as const satisfies Record<string, Bilingual>;
export type ShopService = keyof typeof SHOP_SERVICES;

/** Platforms named by O5; `other` carries its own name. */
export const PLATFORMS = {
  taobao: { zh: "淘宝", en: "Taobao" },
  jd: { zh: "京东", en: "JD.com" },
  suning: { zh: "苏宁", en: "Suning" },
  weidian: { zh: "微店", en: "Weidian" },
  cunzhang: { zh: "超级村长", en: "Chaoji Cunzhang" },
  fupin: { zh: "电商扶贫频道", en: "E-commerce poverty alleviation channel" },
  other: { zh: "其他", en: "Other" },
} as const satisfies Record<string, Bilingual>;
export type Platform = keyof typeof PLATFORMS;

/** The name a listing's platform is counted under: the named platform, or the given name of another. */
export function platformLabel(platform: Platform, otherName?: string | null): string {
  return platform === "other" && otherName?.trim() ? otherName.trim() : PLATFORMS[platform].zh;
}

/**
 * Business steps of the traceability chain (O7), modelled on GS1 EPCIS 2.0. Where the Core Business
 * Vocabulary has a step it is used; planting and harvesting have none, so they get URIs of ours.
 * Harvesting creates the lot (ADD with its master data); processing turns input lots into this lot.
 */
export const TRACE_STEPS = {
  planting: {
    zh: "种植/养殖",
    en: "Planting",
    eventType: "ObjectEvent",
    action: "OBSERVE",
    bizStep: "urn:shifan:bizstep:planting",
  },
  harvesting: {
    zh: "采收",
    en: "Harvest",
    eventType: "ObjectEvent",
    action: "ADD",
    bizStep: "creating_class_instance",
  },
  inspecting: {
    zh: "检测",
    en: "Inspection",
    eventType: "ObjectEvent",
    action: "OBSERVE",
    bizStep: "inspecting",
  },
  processing: {
    zh: "加工",
    en: "Processing",
    eventType: "TransformationEvent",
    action: null,
    bizStep: "urn:shifan:bizstep:processing",
  },
  packing: { zh: "包装", en: "Packing", eventType: "ObjectEvent", action: "OBSERVE", bizStep: "packing" },
  shipping: { zh: "发货", en: "Shipping", eventType: "ObjectEvent", action: "OBSERVE", bizStep: "shipping" },
  receiving: {
    zh: "收货",
    en: "Receiving",
    eventType: "ObjectEvent",
    action: "OBSERVE",
    bizStep: "receiving",
  },
} as const;
export type TraceStep = keyof typeof TRACE_STEPS;

/** Quantity units of lots, with their UN/ECE Recommendation 20/21 codes for EPCIS `uom`. */
export const TRACE_UNITS = {
  kg: { zh: "千克", uom: "KGM" },
  t: { zh: "吨", uom: "TNE" },
  piece: { zh: "件", uom: "H87" },
  box: { zh: "箱", uom: "XBX" },
} as const;
export type TraceUnit = keyof typeof TRACE_UNITS;

// ---------------------------------------------------------------------------------------------
// Training (G4, O8, O9; acceptance B7, B8, D3)

/** One training attendance: one row of the 培训 sheet is one person-time (人次). */
export type AttendanceFact = { date: string; personKey: string; householdCode?: string | null };

export type TrainingTally = {
  personTimes: number;
  people: number;
  /** Households (户编号) with at least one member trained. */
  householdsTrained: ReadonlySet<string>;
};

/** Person-times, distinct people and trained households among attendances dated on or before asOf. */
export function tallyTraining(attendances: readonly AttendanceFact[], asOf: string): TrainingTally {
  const people = new Set<string>();
  const households = new Set<string>();
  let personTimes = 0;
  for (const a of attendances) {
    if (a.date > asOf) continue;
    personTimes++;
    people.add(a.personKey);
    if (a.householdCode) households.add(a.householdCode);
  }
  return { personTimes, people: people.size, householdsTrained: households };
}

/** Rule G4 / O8 (acceptance B7): at least 3,000 person-times, per county. */
export function trainingVolume(personTimes: number, settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS) {
  const threshold = settings.personTimesPerCounty;
  const met = personTimes >= threshold;
  const findings: Finding[] = met
    ? []
    : [
        {
          rule: "G4",
          zh: `培训 ${personTimes} 人次，少于 ${threshold} 人次`,
          en: `${personTimes} person-times trained, fewer than ${threshold}`,
        },
      ];
  return { met, personTimes, threshold, findings };
}

/**
 * Rule O9 (acceptance D3): registered poor households with at least one trained member, over the
 * registered poor households of the county, in bp (floor); at least 80%. No roster, no pass.
 */
export function poorHouseholdTraining(
  households: number,
  householdsTrained: number,
  settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS,
) {
  const rateBp = shareBp(householdsTrained, households);
  const threshold = settings.poorTrainingRateBp;
  const met = households > 0 && rateBp >= threshold;
  const findings: Finding[] = [];
  if (households === 0) {
    findings.push({ rule: "O9", zh: "无建档立卡贫困户名册", en: "No roster of registered poor households" });
  } else if (!met) {
    findings.push({
      rule: "O9",
      zh: `贫困户培训率 ${rateBp / 100}%，低于 ${threshold / 100}%`,
      en: `Poor-household training rate ${rateBp / 100}% is below ${threshold / 100}%`,
    });
  }
  return { met, households, householdsTrained, rateBp, threshold, findings };
}

// ---------------------------------------------------------------------------------------------
// Products, incubation, traceability (O5–O7; acceptance B4–B6)

export type ProductWorkFacts = {
  hasProductSurvey: boolean;
  brands: number;
  regionalBrands: number;
  developedProducts: number;
  circulationStandards: number;
  platformsWithListings: readonly string[];
};

/** Rule O5 (acceptance B4): survey, ≥ 5 brands incl. 1 county regional brand, 5–10 单品, a standard, sales online. */
export function productWork(facts: ProductWorkFacts, settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS) {
  const s = settings;
  const findings: Finding[] = [];
  if (!facts.hasProductSurvey)
    findings.push({ rule: "O5", zh: "缺少农产品摸底档案或报告", en: "No survey of local products" });
  if (facts.brands < s.brands)
    findings.push({
      rule: "O5",
      zh: `品牌 ${facts.brands} 个，少于 ${s.brands} 个`,
      en: `${facts.brands} brands, fewer than ${s.brands}`,
    });
  if (facts.regionalBrands < s.regionalBrands)
    findings.push({ rule: "O5", zh: "缺少县域公共品牌", en: "No county regional brand" });
  if (facts.developedProducts < s.developedProductsMin)
    findings.push({
      rule: "O5",
      zh: `开发单品 ${facts.developedProducts} 个，少于 ${s.developedProductsMin} 个`,
      en: `${facts.developedProducts} products developed, fewer than ${s.developedProductsMin}`,
    });
  if (facts.circulationStandards < s.circulationStandards)
    findings.push({ rule: "O5", zh: "缺少农产品流通标准", en: "No circulation standard" });
  if (facts.platformsWithListings.length === 0)
    findings.push({ rule: "O5", zh: "未在电商平台实现销售", en: "Not sold on any platform" });
  const aboveRange = facts.developedProducts > s.developedProductsMax;
  return { met: findings.length === 0, aboveRange, findings };
}

/** Rule O6 reading: a shop counts as incubated when its annual transactions reach 30,000 yuan. */
export function isIncubatedShop(
  annualTransactionsFen: number,
  settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS,
): boolean {
  return annualTransactionsFen >= settings.incubatedShopAnnualFen;
}

/** Rule O7 (acceptance B6): 1–3 county enterprises in a traceability system, with sales. */
export function traceabilityEnterprises(
  enterprisesWithSales: number,
  settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS,
) {
  const { traceEnterprisesMin: min, traceEnterprisesMax: max, traceEnterprisesMaxIsLimit: capped } = settings;
  const met = enterprisesWithSales >= min && (!capped || enterprisesWithSales <= max);
  const findings: Finding[] = met
    ? []
    : [
        {
          rule: "O7",
          zh: capped
            ? `纳入追溯体系并有销售的企业 ${enterprisesWithSales} 家，应为 ${min}–${max} 家`
            : `纳入追溯体系并有销售的企业 ${enterprisesWithSales} 家，应不少于 ${min} 家`,
          en: capped
            ? `${enterprisesWithSales} traced enterprises with sales, expected ${min}–${max}`
            : `${enterprisesWithSales} traced enterprises with sales, expected at least ${min}`,
        },
      ];
  return { met, enterprisesWithSales, min, max, findings };
}

// ---------------------------------------------------------------------------------------------
// Year-on-year performance (G2, G3; acceptance D1, D2)

/**
 * Growth of `current` over `base` in bp, floored (a fall is negative); undefined without a base
 * year figure, since growth from nothing cannot be stated.
 */
export function growthBp(baseFen: number, currentFen: number): number | undefined {
  if (baseFen <= 0) return undefined;
  // In integers: a county's year of transactions × 10000 passes 2^53 (~9 billion yuan of fen).
  const diff = BigInt(currentFen - baseFen) * 10_000n;
  const base = BigInt(baseFen);
  const quotient = diff / base; // truncates toward zero; floor needs one less for a negative remainder
  return Number(diff % base !== 0n && diff < 0n ? quotient - 1n : quotient);
}

/** G2 (+20%) for rural online retail or county e-commerce transactions; G3 (+30%) for agricultural products. */
export function yearOnYear(
  measure: "rural_retail" | "agricultural_retail",
  baseFen: number,
  currentFen: number,
  settings: UpwardSettings = DEFAULT_UPWARD_SETTINGS,
) {
  const threshold =
    measure === "rural_retail" ? settings.ruralRetailGrowthBp : settings.agriculturalRetailGrowthBp;
  const growth = growthBp(baseFen, currentFen);
  return { growthBp: growth, threshold, met: growth !== undefined && growth >= threshold };
}

// ---------------------------------------------------------------------------------------------
// After-training service (O8; acceptance B8): periodic statistics of follow-up, start-ups, jobs

export type FollowupFact = { personKey: string; date: string; kind: FollowupKind };
export type FollowupPeriod = "month" | "quarter" | "year";

export type FollowupPeriodStats = {
  period: string;
  /** Records of each kind in the period. */
  records: Record<FollowupKind, number>;
  /** Distinct trainees with any record in the period. */
  people: number;
};

/** `2018-05`, `2018-Q2` or `2018` for a date. */
export function periodOf(date: string, period: FollowupPeriod): string {
  if (period === "year") return date.slice(0, 4);
  if (period === "month") return date.slice(0, 7);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Follow-up records per period (O8 "定期统计从业及创业人员情况"), oldest period first. */
export function followupStatistics(
  rows: readonly FollowupFact[],
  period: FollowupPeriod,
): FollowupPeriodStats[] {
  const byPeriod = new Map<string, { records: Record<FollowupKind, number>; people: Set<string> }>();
  for (const r of rows) {
    const key = periodOf(r.date, period);
    let entry = byPeriod.get(key);
    if (!entry) {
      entry = { records: { visit: 0, coaching: 0, incubation: 0, startup: 0, job: 0 }, people: new Set() };
      byPeriod.set(key, entry);
    }
    entry.records[r.kind]++;
    entry.people.add(r.personKey);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, e]) => ({ period: p, records: e.records, people: e.people.size }));
}
