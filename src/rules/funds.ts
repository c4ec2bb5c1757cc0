/**
 * Rules of the central subsidy (五、项目资金使用): category shares F2, adjustment tolerance F3,
 * forbidden uses F4, payment schedule F7.
 *
 * Pure: no I/O, runs in Node and in the browser. Money is integer fen, shares are basis points
 * (1% = 100 bp). Tolerance and payment thresholds are compared with exact integer (BigInt)
 * arithmetic on fen: a floored bp value would put a plan 1 fen over the limit inside it.
 * Invalid input is reported in `problems`, never thrown, so a form can show everything at once.
 */

import { isIsoDate } from "./calendar";
import { type Bilingual, formatBp, formatYuan } from "./money";

/** Language of human-readable reasons. */
export type Lang = "zh" | "en";

// ---------------------------------------------------------------------------------------------
// F2 categories

/** The six leaf categories of rule F2, in the order of the work plan. */
export const FUND_CATEGORY_KEYS = [
  "upward_services",
  "upward_infrastructure",
  "logistics",
  "service_center",
  "village_stations",
  "training",
] as const;
export type FundCategoryKey = (typeof FUND_CATEGORY_KEYS)[number];

/** The three groups of rule F2; `training` is both a group and its only leaf. */
export type FundGroupKey = "upward" | "service_system" | "training";
/** A key in the `shares` of a fund-plan check. */
export type FundShareKey = FundCategoryKey | FundGroupKey;

/** A leaf category of rule F2: its target share and the names county staff use for it. */
export type FundCategory = {
  key: FundCategoryKey;
  group: FundGroupKey;
  targetBp: number;
  name: Bilingual;
  /** Other spellings accepted by {@link parseFundCategory} (compared after normalization). */
  aliases: readonly string[];
};

/** Rule F2: shares of the central subsidy per leaf category (控制在…%). */
export const FUND_CATEGORIES: readonly FundCategory[] = [
  {
    key: "upward_services",
    group: "upward",
    targetBp: 2000,
    name: {
      zh: "标准化、认证、品牌、质量追溯服务",
      en: "Standardization, certification, branding, traceability",
    },
    aliases: [
      "农产品标准化、生产认证、品牌培育、质量追溯等综合服务体系建设",
      "标准化、生产认证、品牌培育、质量追溯",
      "综合服务体系",
      "上行服务",
      "标准化",
      "生产认证",
      "品牌培育",
      "品牌",
      "质量追溯",
    ],
  },
  {
    key: "upward_infrastructure",
    group: "upward",
    targetBp: 1500,
    name: {
      zh: "分级、包装、预冷、初加工基础设施",
      en: "Grading, packaging, pre-cooling, processing facilities",
    },
    aliases: ["农产品分级、包装、预冷、初加工等基础设施建设", "上行基础设施", "分级包装", "预冷", "初加工"],
  },
  {
    key: "logistics",
    group: "upward",
    targetBp: 3000,
    name: { zh: "县乡村三级仓储物流", en: "County/township/village warehousing and logistics" },
    aliases: [
      "县、乡、村三级具有服务农村产品上行功能的仓储物流配送体系建设",
      "县、乡、村三级仓储物流配送体系",
      "三级仓储物流",
      "仓储物流配送",
      "仓储物流",
      "物流配送",
      "三级物流",
      "物流",
    ],
  },
  {
    key: "service_center",
    group: "service_system",
    targetBp: 1000,
    name: { zh: "县级电子商务公共服务中心", en: "County e-commerce public service center" },
    aliases: [
      "县域电子商务公共服务中心",
      "电子商务公共服务中心",
      "县级公共服务中心",
      "公共服务中心",
      "县级服务中心",
    ],
  },
  {
    key: "village_stations",
    group: "service_system",
    targetBp: 1000,
    name: { zh: "村级服务站点", en: "Village service stations" },
    aliases: [
      "村电子商务公共服务站",
      "村级电子商务服务站点",
      "村级电子商务服务站",
      "村级服务站",
      "村级站点",
      "服务站点",
      "村站",
      "站点",
    ],
  },
  {
    key: "training",
    group: "training",
    targetBp: 1500,
    name: { zh: "电子商务培训", en: "E-commerce training" },
    aliases: ["农村电子商务培训", "培训"],
  },
];

/** A group of rule F2 and its leaves. */
export type FundGroup = {
  key: FundGroupKey;
  targetBp: number;
  name: Bilingual;
  members: readonly FundCategoryKey[];
};

/** Rule F2: the group shares (65% / 20% / 15%). */
export const FUND_GROUPS: readonly FundGroup[] = [
  {
    key: "upward",
    targetBp: 6500,
    name: { zh: "农村产品上行", en: "Rural products going upward" },
    members: ["upward_services", "upward_infrastructure", "logistics"],
  },
  {
    key: "service_system",
    targetBp: 2000,
    name: { zh: "电子商务服务体系建设改造", en: "Service system build and renovation" },
    members: ["service_center", "village_stations"],
  },
  {
    key: "training",
    targetBp: 1500,
    name: { zh: "电子商务培训", en: "E-commerce training" },
    members: ["training"],
  },
];

// Both sides of a comparison go through this, so "电商" = "电子商务", "、" = "/" = nothing, and a
// trailing 建设/项目 is ignored: "县级电商公共服务中心建设" finds service_center.
function normalizeCategory(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/电商/g, "电子商务")
    .replace(/[\s、，,/·・.。;；:：()（）【】[\]“”"'‘’_—-]+/g, "")
    .replace(/等/g, "")
    .replace(/(建设改造|建设|项目|类)$/, "");
}

const CATEGORY_BY_NAME = new Map<string, FundCategoryKey>();
for (const c of FUND_CATEGORIES) {
  for (const name of [c.key, c.name.zh, c.name.en, ...c.aliases])
    CATEGORY_BY_NAME.set(normalizeCategory(name), c.key);
}
const GROUP_BY_NAME = new Map<string, FundGroup>();
for (const g of FUND_GROUPS) {
  if (g.members.length > 1)
    for (const name of [g.key, g.name.zh, g.name.en]) GROUP_BY_NAME.set(normalizeCategory(name), g);
}

/**
 * The leaf category (rule F2) named by `text`: its key, its Chinese or English name, or a common
 * short form ("物流", "站点", "电商培训"). A group name such as 农村产品上行 names no single leaf and
 * gives undefined, as does anything unknown.
 */
export function parseFundCategory(text: string): FundCategoryKey | undefined {
  return CATEGORY_BY_NAME.get(normalizeCategory(text));
}

// ---------------------------------------------------------------------------------------------
// F4 forbidden uses

/**
 * One forbidden use of rule F4. `terms` are matched as substrings of a line's description;
 * `innocent` are longer phrases that contain a term but describe an allowed use (e.g. 代缴电费, a
 * station service under S6) and are blanked out before matching.
 */
export type ForbiddenUse = {
  id: string;
  name: Bilingual;
  terms: readonly string[];
  innocent: readonly string[];
};

// Stations collect bills for villagers (代收代缴, rule S6): paying a bill on someone's behalf is a
// service, not the contractor's own operating cost.
const AGENCY_BILLS = ["代缴", "代收", "代交", "代付", "代充"].flatMap((p) =>
  ["水电费", "水费", "电费", "话费", "电话费", "燃气费", "取暖费"].map((bill) => p + bill),
);

/**
 * Rule F4: 中央财政支持资金不得用于网络交易平台、楼堂馆所建设、购买流量支出及食宿费、人员工资、水、电、
 * 油等日常经营性支出. Bare words that are too broad are deliberately not terms: 流量 (物流量, 客流量),
 * 交易平台 (selling on existing platforms is encouraged, O5), 住宿 (rural tourism, D2), 水/电/油.
 */
export const FORBIDDEN_USES: readonly ForbiddenUse[] = [
  {
    id: "trading_platform",
    name: { zh: "网络交易平台", en: "online trading platforms" },
    terms: [
      "网络交易平台",
      ...["交易平台", "电商平台", "电子商务平台", "网上商城", "商城系统", "购物平台"].flatMap((p) => [
        `${p}建设`,
        `${p}开发`,
        `${p}搭建`,
        `建设${p}`,
        `开发${p}`,
        `搭建${p}`,
        `自建${p}`,
      ]),
    ],
    // Opening shops on existing platforms (incubation, O6) is allowed.
    innocent: [
      "在网络交易平台",
      "入驻网络交易平台",
      "利用网络交易平台",
      "通过网络交易平台",
      "借助网络交易平台",
    ],
  },
  {
    id: "buildings",
    name: { zh: "楼堂馆所建设", en: "constructing buildings (楼堂馆所)" },
    terms: [
      "楼堂馆所",
      "办公楼",
      "修建楼",
      "新建楼",
      "建楼",
      "盖楼",
      "楼房建设",
      "购房",
      "购买房屋",
      "购置房屋",
      "购买房产",
      "购置房产",
      "购买办公用房",
      "购置办公用房",
      "新建办公用房",
    ],
    // Renovating existing space into a service center is the service-system category (F2).
    innocent: ["现有办公楼", "闲置办公楼"],
  },
  {
    id: "traffic",
    name: { zh: "购买流量支出", en: "buying traffic" },
    terms: [
      "购买流量",
      "买流量",
      "流量费",
      "流量购买",
      "采购流量",
      "流量采购",
      "推广流量",
      "流量推广",
      "付费流量",
      "引流费",
    ],
    // A flow meter (流量计) is equipment, e.g. for cold-chain facilities.
    innocent: ["流量计", "流量表"],
  },
  {
    id: "food_lodging",
    name: { zh: "食宿费", en: "food and lodging" },
    terms: ["食宿费", "食宿", "住宿费", "餐费", "餐饮费", "伙食费", "伙食", "用餐", "就餐", "宴请"],
    // 套餐费 is a (broadband, phone) plan price, not a meal.
    innocent: ["套餐"],
  },
  {
    id: "salaries",
    name: { zh: "人员工资", en: "staff salaries" },
    terms: [
      "人员工资",
      "工资",
      "薪酬",
      "薪资",
      "薪金",
      "劳务费",
      "奖金",
      "津贴",
      "人员经费",
      "五险一金",
      "社保费",
    ],
    innocent: [],
  },
  {
    id: "operating_costs",
    name: {
      zh: "水、电、油等日常经营性支出",
      en: "water, electricity, fuel and other day-to-day operating costs",
    },
    terms: [
      "日常经营性支出",
      "经营性支出",
      "日常经营费用",
      "日常运营费用",
      "日常运营支出",
      "日常开支",
      "水、电、油",
      "水、电费",
      "水电油",
      "水电费",
      "水电",
      "水费",
      "电费",
      "油费",
      "燃油",
      "燃料费",
      "汽油费",
      "柴油费",
      "加油费",
      "加油卡",
      "房租",
      "租金",
      "物业费",
      "取暖费",
      "供暖费",
      "燃气费",
      "通讯费",
      "电话费",
      "话费",
    ],
    innocent: [
      ...AGENCY_BILLS,
      "话费充值",
      // Building work: a station's plumbing and wiring, a hydropower station.
      "水电安装",
      "水电改造",
      "水电线路",
      "水电布线",
      "水电工程",
      "水电站",
      // Buying a delivery vehicle is logistics equipment (S4), whatever its engine.
      "燃油车",
      "燃油货车",
      "燃油汽车",
      "燃油三轮",
    ],
  },
];

/** A forbidden term found in a text (rule F4). */
export type ForbiddenHit = { rule: "F4"; use: string; term: string; reason: Bilingual };

const BLANK = "\u0000";

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

function blankOut(text: string, phrase: string): string {
  return phrase ? text.split(phrase).join(BLANK.repeat(phrase.length)) : text;
}

/**
 * Rule F4: the forbidden terms in `text`, in order of appearance, each once. Longer terms win
 * (人员工资 is one hit, not also 工资), and innocent phrases never hit.
 */
export function findForbiddenUses(
  text: string,
  uses: readonly ForbiddenUse[] = FORBIDDEN_USES,
): ForbiddenHit[] {
  let work = fold(text);
  const innocent = uses.flatMap((u) => u.innocent.map(fold)).sort((a, b) => b.length - a.length);
  for (const phrase of innocent) work = blankOut(work, phrase);

  const terms = uses
    .flatMap((use) => use.terms.map((term) => ({ use, term, folded: fold(term) })))
    .filter((t) => t.folded.length > 0)
    .sort((a, b) => b.folded.length - a.folded.length);
  const found: { at: number; hit: ForbiddenHit }[] = [];
  for (const { use, term, folded } of terms) {
    const at = work.indexOf(folded);
    if (at < 0) continue;
    work = blankOut(work, folded);
    found.push({
      at,
      hit: {
        rule: "F4",
        use: use.id,
        term,
        reason: {
          zh: `中央财政资金不得用于${use.name.zh}（“${term}”，规则 F4）`,
          en: `Central funds may not pay for ${use.name.en} ("${term}", rule F4)`,
        },
      },
    });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.hit);
}

// ---------------------------------------------------------------------------------------------
// F2/F3 fund plan

/** Readings of rules F3/F4 that a province administrator may change. */
export type FundSettings = {
  /** F3: 确须调整的应控制在2%以内 — allowed deviation of each share, in bp of the subsidy. */
  toleranceBp: number;
  /** Reading of F3: the plan must allocate the whole subsidy (over-allocation is always wrong). */
  requireFullAllocation: boolean;
  /** Reading of F3: the group shares (upward, service_system) must also be within tolerance. */
  checkGroupShares: boolean;
  /** F4: the forbidden uses matched against line descriptions. */
  forbiddenUses: readonly ForbiddenUse[];
  lang: Lang;
};

/** The readings in rules.md: ±2 pp on every leaf and group share, whole subsidy allocated. */
export const DEFAULT_FUND_SETTINGS: FundSettings = {
  toleranceBp: 200,
  requireFullAllocation: true,
  checkGroupShares: true,
  forbiddenUses: FORBIDDEN_USES,
  lang: "zh",
};

/** One line of a fund arrangement (资金安排意见). `category` is a key or a name (see parseFundCategory). */
export type FundPlanLine = { category: string; amountFen: number; description: string };
export type FundPlanInput = { subsidyFen: number; lines: readonly FundPlanLine[] };

/** A share of the subsidy: floor(10000 × amount / subsidy), and whether it is within F3 tolerance. */
export type FundShare = { key: FundShareKey; shareBp: number; targetBp: number; withinTolerance: boolean };
/** `line` is the 0-based index into `lines`; reasons name lines 1-based, as people count. */
export type ForbiddenLine = { line: number; rule: "F4"; reason: string };
/** The response of `POST /api/v1/rules/fund-plan` (interfaces.md). */
export type FundPlanResult = {
  ok: boolean;
  totalFen: number;
  shares: FundShare[];
  forbidden: ForbiddenLine[];
  problems: string[];
};

const isFen = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

/**
 * Rules F2/F3/F4 on a fund arrangement. `totalFen` sums every line with a valid amount (also those
 * of unknown category); shares are of the subsidy. `ok` only when every checked share is within
 * tolerance, the allocation is complete (setting), no line is forbidden and no line is invalid.
 * `shares` lists the six leaves, then the groups `upward` and `service_system` (the group
 * `training` is the leaf `training`, listed once).
 */
export function checkFundPlan(input: FundPlanInput, settings: Partial<FundSettings> = {}): FundPlanResult {
  const s: FundSettings = { ...DEFAULT_FUND_SETTINGS, ...settings };
  const say = (m: Bilingual) => m[s.lang];
  const yuan = (fen: number) => formatYuan(fen, s.lang === "zh" ? "元" : "yuan");
  const problems: string[] = [];
  const forbidden: ForbiddenLine[] = [];

  const subsidy = input.subsidyFen;
  const subsidyOk = isFen(subsidy) && subsidy > 0;
  if (!subsidyOk) {
    problems.push(
      say({
        zh: `中央补助资金应为正整数（分），实为 ${String(subsidy)}（规则 F2）`,
        en: `The central subsidy must be a positive whole number of fen, got ${String(subsidy)} (rule F2)`,
      }),
    );
  }

  const byLeaf = new Map<FundCategoryKey, bigint>(FUND_CATEGORY_KEYS.map((k) => [k, 0n]));
  let total = 0n;
  input.lines.forEach((line, i) => {
    const n = i + 1;
    const amountOk = isFen(line.amountFen) && line.amountFen >= 0;
    if (!amountOk) {
      problems.push(
        say({
          zh: `第${n}条：金额应为非负整数（分），实为 ${String(line.amountFen)}`,
          en: `Line ${n}: the amount must be a whole number of fen ≥ 0, got ${String(line.amountFen)}`,
        }),
      );
    } else total += BigInt(line.amountFen);

    const key = parseFundCategory(String(line.category ?? ""));
    if (key === undefined) {
      const group = GROUP_BY_NAME.get(normalizeCategory(String(line.category ?? "")));
      const leaves = (lang: Lang) =>
        group?.members
          .map((m) => FUND_CATEGORIES.find((c) => c.key === m)?.name[lang])
          .join(lang === "zh" ? "；" : "; ");
      problems.push(
        say(
          group
            ? {
                zh: `第${n}条：“${line.category}”是大类，请选择其中的具体类别：${leaves("zh")}（规则 F2）`,
                en: `Line ${n}: "${line.category}" is a group; choose one of its categories: ${leaves("en")} (rule F2)`,
              }
            : {
                zh: `第${n}条：无法识别的资金类别“${String(line.category)}”（规则 F2）`,
                en: `Line ${n}: unknown fund category "${String(line.category)}" (rule F2)`,
              },
        ),
      );
    } else if (amountOk) byLeaf.set(key, (byLeaf.get(key) ?? 0n) + BigInt(line.amountFen));

    // Group the hits by forbidden use, so one line says "salaries: 工资, 奖金" once.
    const hits = findForbiddenUses(String(line.description ?? ""), s.forbiddenUses);
    for (const use of s.forbiddenUses) {
      const terms = hits.filter((h) => h.use === use.id).map((h) => h.term);
      if (terms.length === 0) continue;
      forbidden.push({
        line: i,
        rule: "F4",
        reason: say({
          zh: `第${n}条：中央财政资金不得用于${use.name.zh}（“${terms.join("”“")}”，规则 F4）`,
          en: `Line ${n}: central funds may not pay for ${use.name.en} ("${terms.join('", "')}", rule F4)`,
        }),
      });
    }
  });

  const totalFen = Number(total);
  if (subsidyOk) {
    const diff = total - BigInt(subsidy);
    if (diff > 0n) {
      problems.push(
        say({
          zh: `资金安排合计 ${yuan(totalFen)}，超出中央补助资金 ${yuan(subsidy)} 共 ${yuan(Number(diff))}（规则 F3）`,
          en: `The plan totals ${yuan(totalFen)}, ${yuan(Number(diff))} more than the central subsidy of ${yuan(subsidy)} (rule F3)`,
        }),
      );
    } else if (diff < 0n && s.requireFullAllocation) {
      problems.push(
        say({
          zh: `资金安排合计 ${yuan(totalFen)}，尚有 ${yuan(Number(-diff))} 未安排；须全额安排中央补助资金 ${yuan(subsidy)}（规则 F3）`,
          en: `The plan totals ${yuan(totalFen)}, leaving ${yuan(Number(-diff))} unallocated; the whole subsidy of ${yuan(subsidy)} must be allocated (rule F3)`,
        }),
      );
    }
  }

  const shares: FundShare[] = [];
  const measured: {
    key: FundShareKey;
    name: Bilingual;
    targetBp: number;
    amount: bigint;
    counts: boolean;
  }[] = [
    ...FUND_CATEGORIES.map((c) => ({
      key: c.key,
      name: c.name,
      targetBp: c.targetBp,
      amount: byLeaf.get(c.key) ?? 0n,
      counts: true,
    })),
    ...FUND_GROUPS.filter((g) => g.members.length > 1).map((g) => ({
      key: g.key,
      name: g.name,
      targetBp: g.targetBp,
      amount: g.members.reduce((sum, m) => sum + (byLeaf.get(m) ?? 0n), 0n),
      counts: s.checkGroupShares,
    })),
  ];
  for (const m of measured) {
    if (!subsidyOk) {
      shares.push({ key: m.key, shareBp: 0, targetBp: m.targetBp, withinTolerance: false });
      continue;
    }
    const sub = BigInt(subsidy);
    const shareBp = Number((m.amount * 10000n) / sub);
    // F3, exactly: |amount/subsidy − target| ≤ tolerance  ⇔  |amount·10000 − target·subsidy| ≤ tol·subsidy.
    const gap = m.amount * 10000n - BigInt(m.targetBp) * sub;
    const withinTolerance = (gap < 0n ? -gap : gap) <= BigInt(s.toleranceBp) * sub;
    shares.push({ key: m.key, shareBp, targetBp: m.targetBp, withinTolerance });
    if (withinTolerance || !m.counts) continue;
    // The allowed range in fen: ceil((target − tol)·subsidy / 10000) .. floor((target + tol)·subsidy / 10000).
    const lowBp = BigInt(Math.max(0, m.targetBp - s.toleranceBp));
    const min = Number((lowBp * sub + 9999n) / 10000n);
    const max = Number((BigInt(m.targetBp + s.toleranceBp) * sub) / 10000n);
    const pp = formatBp(s.toleranceBp).slice(0, -1);
    problems.push(
      say({
        zh: `${m.name.zh}安排 ${yuan(Number(m.amount))}，占 ${formatBp(shareBp)}，偏离 ${formatBp(m.targetBp)} 超过 ${pp} 个百分点；应在 ${yuan(min)} 至 ${yuan(max)} 之间（规则 F3）`,
        en: `${m.name.en}: ${yuan(Number(m.amount))} is ${formatBp(shareBp)}, more than ${pp} percentage points from ${formatBp(m.targetBp)}; it must be between ${yuan(min)} and ${yuan(max)} (rule F3)`,
      }),
    );
  }

  const ok = problems.length === 0 && forbidden.length === 0;
  return { ok, totalFen, shares, forbidden, problems };
}

// ---------------------------------------------------------------------------------------------
// F7 payments

/** Readings of rule F7 that a province administrator may change. */
export type PaymentSettings = {
  /** 首期预拨资金不低于60% — the first payment after the start, in bp of the contract. */
  firstAdvanceMinBp: number;
  /** 预留10%尾款 — held back until acceptance passes, in bp of the contract. */
  retainageBp: number;
  lang: Lang;
};

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  firstAdvanceMinBp: 6000,
  retainageBp: 1000,
  lang: "zh",
};

export type Payment = { date: string; amountFen: number };
/** `accepted`: whether acceptance has passed (today); `started`: the project's start date. */
export type PaymentInput = {
  contractFen: number;
  accepted: boolean;
  started: string;
  payments: readonly Payment[];
};
export type PaymentProblem = { rule: "F7"; reason: string };
/** The response of `POST /api/v1/rules/payment` (interfaces.md). */
export type PaymentResult = { ok: boolean; paidFen: number; problems: PaymentProblem[] };

/**
 * Rule F7 on a contract's payments, taken in date order (same-day payments in input order).
 * Readings: the first payment on or after `started` is the first advance and must be at least
 * `firstAdvanceMinBp` of the contract; a payment before `started` is a problem; while not
 * `accepted`, the running total may not exceed the contract minus the retainage; it may never
 * exceed the contract. With `accepted` true the retainage cap is not checked (the acceptance date
 * is unknown). Payments with a bad date or a non-positive amount are reported and left out of
 * `paidFen` and of the other checks.
 */
export function checkPayments(input: PaymentInput, settings: Partial<PaymentSettings> = {}): PaymentResult {
  const s: PaymentSettings = { ...DEFAULT_PAYMENT_SETTINGS, ...settings };
  const problems: PaymentProblem[] = [];
  const report = (m: Bilingual) => problems.push({ rule: "F7", reason: m[s.lang] });
  const yuan = (fen: number | bigint) => formatYuan(Number(fen), s.lang === "zh" ? "元" : "yuan");

  const contract = input.contractFen;
  const contractOk = isFen(contract) && contract > 0;
  if (!contractOk) {
    report({
      zh: `合同金额应为正整数（分），实为 ${String(contract)}（规则 F7）`,
      en: `The contract amount must be a positive whole number of fen, got ${String(contract)} (rule F7)`,
    });
  }
  const startedOk = typeof input.started === "string" && isIsoDate(input.started);
  if (!startedOk) {
    report({
      zh: `开工日期应为 YYYY-MM-DD，实为“${String(input.started)}”（规则 F7）`,
      en: `The start date must be YYYY-MM-DD, got "${String(input.started)}" (rule F7)`,
    });
  }

  const valid: (Payment & { n: number })[] = [];
  input.payments.forEach((p, i) => {
    const n = i + 1;
    let good = true;
    if (typeof p.date !== "string" || !isIsoDate(p.date)) {
      good = false;
      report({
        zh: `第${n}笔付款：日期应为 YYYY-MM-DD，实为“${String(p.date)}”`,
        en: `Payment ${n}: the date must be YYYY-MM-DD, got "${String(p.date)}"`,
      });
    }
    if (!isFen(p.amountFen) || p.amountFen <= 0) {
      good = false;
      report({
        zh: `第${n}笔付款：金额应为正整数（分），实为 ${String(p.amountFen)}`,
        en: `Payment ${n}: the amount must be a positive whole number of fen, got ${String(p.amountFen)}`,
      });
    }
    if (good) valid.push({ ...p, n });
  });
  // ISO dates sort as strings; Array.prototype.sort is stable, keeping same-day input order.
  valid.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const paid = valid.reduce((sum, p) => sum + BigInt(p.amountFen), 0n);
  const paidFen = Number(paid);
  if (!contractOk) return { ok: false, paidFen, problems };

  const c = BigInt(contract);
  if (startedOk) {
    for (const p of valid.filter((p) => p.date < input.started)) {
      report({
        zh: `第${p.n}笔付款 ${yuan(p.amountFen)} 的日期 ${p.date} 早于开工日期 ${input.started}；项目开工后方可拨付（规则 F7）`,
        en: `Payment ${p.n} of ${yuan(p.amountFen)} is dated ${p.date}, before the start on ${input.started}; pay only after the project starts (rule F7)`,
      });
    }
    const first = valid.find((p) => p.date >= input.started);
    if (first && BigInt(first.amountFen) * 10000n < c * BigInt(s.firstAdvanceMinBp)) {
      const min = (c * BigInt(s.firstAdvanceMinBp) + 9999n) / 10000n;
      report({
        zh: `开工后首期拨付（第${first.n}笔，${first.date}）${yuan(first.amountFen)}，低于合同金额 ${yuan(contract)} 的 ${formatBp(s.firstAdvanceMinBp)}（${yuan(min)}）（规则 F7）`,
        en: `The first advance after the start (payment ${first.n}, ${first.date}) of ${yuan(first.amountFen)} is below ${formatBp(s.firstAdvanceMinBp)} of the contract ${yuan(contract)} (${yuan(min)}) (rule F7)`,
      });
    }
  }

  const capBp = BigInt(10000 - s.retainageBp);
  let running = 0n;
  let overCap = false;
  let overContract = false;
  for (const p of valid) {
    running += BigInt(p.amountFen);
    if (!input.accepted && !overCap && running * 10000n > c * capBp) {
      overCap = true;
      report({
        zh: `截至 ${p.date}（第${p.n}笔）累计拨付 ${yuan(running)}，超过合同金额的 ${formatBp(Number(capBp))}（${yuan((c * capBp) / 10000n)}）；验收通过前须预留 ${formatBp(s.retainageBp)} 尾款（规则 F7）`,
        en: `By ${p.date} (payment ${p.n}) ${yuan(running)} was paid, more than ${formatBp(Number(capBp))} of the contract (${yuan((c * capBp) / 10000n)}); ${formatBp(s.retainageBp)} must be retained until acceptance passes (rule F7)`,
      });
    }
    if (!overContract && running > c) {
      overContract = true;
      report({
        zh: `截至 ${p.date}（第${p.n}笔）累计拨付 ${yuan(running)}，超过合同金额 ${yuan(contract)}（规则 F7）`,
        en: `By ${p.date} (payment ${p.n}) ${yuan(running)} was paid, more than the contract amount ${yuan(contract)} (rule F7)`,
      });
    }
  }

  return { ok: problems.length === 0, paidFen, problems };
}

/** A contract's retainage (预留10%尾款, rule F7): what stays retained, and whether it may be paid. */
export type Retainage = {
  /** The retainage of the contract: `retainageBp` of it, in fen (floored). */
  retainageFen: number;
  /** What of the contract is still unpaid and held back as retainage (0 once paid in full). */
  retainedFen: number;
  /**
   * "retained" until acceptance passes; "payable" from then; "paid" once nothing is held;
   * "terminated" for a contract ended early (K2): what is owed is settled by the termination
   * decision, not by the acceptance, so nothing becomes payable with it.
   */
  state: "retained" | "payable" | "paid" | "terminated";
  /** The day acceptance passed (the province approved the filing, K1), or null. */
  payableSince: string | null;
};

export function retainageOf(
  contractFen: number,
  paidFen: number,
  acceptedOn: string | null,
  settings: Pick<PaymentSettings, "retainageBp"> = DEFAULT_PAYMENT_SETTINGS,
  terminatedOn: string | null = null,
): Retainage {
  const retainageFen = Math.floor((contractFen * settings.retainageBp) / 10_000);
  const retainedFen = Math.max(0, Math.min(retainageFen, contractFen - paidFen));
  if (retainedFen > 0 && terminatedOn)
    return { retainageFen, retainedFen, state: "terminated", payableSince: null };
  const state = retainedFen === 0 ? "paid" : acceptedOn ? "payable" : "retained";
  return { retainageFen, retainedFen, state, payableSince: acceptedOn };
}
