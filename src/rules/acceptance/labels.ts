/**
 * Chinese (and English) names of the scorecard's `measured` and `threshold` keys, and their values
 * in words: basis points as percentages, fen as yuan. The web page, the Word, Excel and HTML reports
 * all show measured values through these, so a reader never meets `poorCoverageBp`.
 */
import { formatBp, formatYuan } from "../money";

type Label = { zh: string; en: string };

export const MEASURE_LABELS: Record<string, Label> = {
  centers: { zh: "县级服务中心（个）", en: "County centers" },
  warehouses: { zh: "县级仓储物流中心（个）", en: "County warehouses" },
  townshipCenters: { zh: "乡镇配送中心（个）", en: "Township centers" },
  townships: { zh: "乡镇（个）", en: "Townships" },
  townshipsWithExpress: { zh: "有快递网点的乡镇（个）", en: "Townships with express" },
  expressCoverageBp: { zh: "快递乡镇覆盖率", en: "Express township coverage" },
  villages: { zh: "行政村（个）", en: "Administrative villages" },
  villagesWithStation: { zh: "有站点的行政村（个）", en: "Villages with a station" },
  coverageBp: { zh: "行政村站点覆盖率", en: "Village station coverage" },
  poorVillages: { zh: "建档立卡贫困村（个）", en: "Registered poor villages" },
  poorVillagesWithStation: { zh: "有站点的贫困村（个）", en: "Poor villages with a station" },
  poorCoverageBp: { zh: "贫困村站点覆盖率", en: "Poor village station coverage" },
  stationsFailingSpec: { zh: "在运营站点中不达标的（个）", en: "Stations in service failing spec" },
  requiredVillagesWithoutStation: { zh: "应建未建站点的村（个）", en: "Required villages without station" },
  broadbandBp: { zh: "宽带覆盖率", en: "Broadband coverage" },
  villagesWithBroadband: { zh: "通宽带行政村（个）", en: "Villages with broadband" },
  stations: { zh: "运营站点（个）", en: "Operating stations" },
  onlineRateBp: { zh: "上线率", en: "Online rate" },
  avgOrdersPerStationMonth: { zh: "站均月代购单数", en: "Orders per station-month" },
  avgAmountFenPerStationMonth: { zh: "站均月交易额", en: "Amount per station-month" },
  stationsMeetingBoth: { zh: "双达标站点（个）", en: "Stations meeting both" },
  shipments: { zh: "下行运单（件）", en: "Downward shipments" },
  inTransit: { zh: "在途下行运单（件，不计入送达率）", en: "In transit (not in the share)" },
  within7DaysBp: { zh: "7日内送达率", en: "Delivered within 7 days" },
  carriers: { zh: "接入快递企业（家）", en: "Express companies" },
  brands: { zh: "品牌（个）", en: "Brands" },
  regionalBrands: { zh: "县域公共品牌（个）", en: "Regional brands" },
  developedProducts: { zh: "开发单品（个）", en: "Products developed" },
  circulationStandards: { zh: "流通标准（项）", en: "Circulation standards" },
  platforms: { zh: "上线平台", en: "Platforms" },
  incubatedShops: { zh: "孵化网店（个）", en: "Incubated shops" },
  traceEnterprisesWithSales: { zh: "追溯企业（家）", en: "Traceability enterprises" },
  min: { zh: "下限", en: "Min" },
  max: { zh: "上限", en: "Max" },
  personTimes: { zh: "培训人次", en: "Person-times" },
  people: { zh: "培训人数", en: "People trained" },
  traineesFollowedUp: { zh: "有跟踪服务的学员（人）", en: "Trainees followed up" },
  forbiddenLines: { zh: "禁止用途资金项（项）", en: "Forbidden-use lines" },
  paymentProblems: { zh: "拨付问题（项）", en: "Payment problems" },
  payments: { zh: "专账支付（笔）", en: "Ledger payments" },
  paymentsMissingInvoice: { zh: "缺发票的支付（笔）", en: "Payments missing invoices" },
  forbiddenPayments: { zh: "用于禁止用途的支付（笔）", en: "Payments to forbidden uses" },
  poorHouseholds: { zh: "建档立卡贫困户（户）", en: "Poor households" },
  poorHouseholdsTrained: { zh: "已培训贫困户（户）", en: "Poor households trained" },
  trainingRateBp: { zh: "贫困户培训率", en: "Poor-household training rate" },
  constructionProgressBp: { zh: "建设进度", en: "Construction progress" },
  disbursementProgressBp: { zh: "资金拨付进度", en: "Disbursement progress" },
  // C1, C2, C4, C5, D1–D4 (src/rules/outcomes.ts)
  year: { zh: "年份", en: "Year" },
  transactionsFen: { zh: "电子商务交易额", en: "E-commerce transactions" },
  agriSalesFen: { zh: "农产品网络零售额", en: "Agricultural online retail" },
  previousFen: { zh: "上年同期", en: "Year before" },
  growthBp: { zh: "同比增长", en: "Year-on-year growth" },
  jobs: { zh: "带动就业（人）", en: "Jobs created" },
  householdsWithSales: { zh: "有网络销售的贫困户（户）", en: "Poor households with online sales" },
  salesQuantity: { zh: "贫困户网络销售数量", en: "Poor households' sales quantity" },
  salesFen: { zh: "贫困户网络销售额", en: "Poor households' online sales" },
  incomeGainFen: { zh: "贫困户增收", en: "Poor households' income gain" },
  leadingGroupMembers: { zh: "领导小组成员（人）", en: "Leading group members" },
  headedByCountyHead: { zh: "县长挂帅", en: "Headed by the county head" },
  jointMeetings: { zh: "联席会议（次）", en: "Joint meetings" },
  decisions: { zh: "议定事项（项）", en: "Decisions" },
  decisionsFollowedUp: { zh: "已落实事项（项）", en: "Decisions followed up" },
  inspections: { zh: "县级现场检查（次）", en: "County on-site inspections" },
  supervisionVisits: { zh: "省市现场督导（次）", en: "Supervision visits" },
  findingsOpen: { zh: "未整改问题（项）", en: "Findings open" },
  inspectionPhotos: { zh: "现场照片（张）", en: "Inspection photos" },
  researchReports: { zh: "调研报告（篇）", en: "Research reports" },
  recognitions: { zh: "媒体报道/会议交流（次）", en: "Media or meeting recognition" },
  typicalCases: { zh: "典型案例（个）", en: "Typical cases" },
  casesReportedUpward: { zh: "上报典型案例（个）", en: "Cases reported upward" },
  upgradedEnterprises: { zh: "转型传统商贸企业（家）", en: "Enterprises upgraded" },
  partlyUpgraded: { zh: "部分转型企业（家）", en: "Partly upgraded" },
  policies: { zh: "扶持政策（项）", en: "Promotion policies" },
  supervision: { zh: "市场监管（次）", en: "Market supervision" },
  creditEvaluations: { zh: "信用评价（项）", en: "Credit evaluations" },
};

/** The name of a measured or threshold key; the key itself when it has none. */
export function measureLabel(key: string, lang: "zh" | "en" = "zh"): string {
  return MEASURE_LABELS[key]?.[lang] ?? key;
}

/** A measured or threshold value in words: `…Bp` as a percentage, `…Fen…` as yuan, lists joined. */
export function formatMeasure(key: string, value: unknown, lang: "zh" | "en" = "zh"): string {
  if (Array.isArray(value)) {
    // A [min, max] pair of numbers is a range (B4 developed products 5–10); otherwise a list.
    if (value.length === 2 && value.every((v) => typeof v === "number")) return `${value[0]}–${value[1]}`;
    return value.map(String).join(lang === "zh" ? "、" : ", ") || (lang === "zh" ? "无" : "none");
  }
  if (typeof value === "number" && Number.isSafeInteger(value)) {
    if (key === "year") return String(value); // 2018, not 2,018
    if (key.endsWith("Bp")) return formatBp(value);
    if (/Fen/.test(key)) return formatYuan(value, lang === "zh" ? "元" : "yuan");
    return value.toLocaleString(lang === "zh" ? "zh-CN" : "en-US");
  }
  if (value === null || value === undefined) return lang === "zh" ? "无数据" : "no data";
  if (typeof value === "boolean") return value ? (lang === "zh" ? "是" : "yes") : lang === "zh" ? "否" : "no";
  return String(value);
}

/** `行政村站点覆盖率 45.00%；贫困村站点覆盖率 60.00%` — every key named, every value in words. */
export function describeMeasures(values: Record<string, unknown>, lang: "zh" | "en" = "zh"): string {
  return Object.entries(values)
    .map(([k, v]) => `${measureLabel(k, lang)} ${formatMeasure(k, v, lang)}`)
    .join(lang === "zh" ? "；" : "; ");
}
