/**
 * The acceptance evaluator: a pure function from a county's facts (as of a date), the standard
 * and the assessor's decisions to the scorecard of interfaces.md. Data decides what it can; the
 * rest stays `pending` until a third-party assessor decides it with evidence.
 */
import {
  describeMarketRecords,
  judgeAgriSalesAndJobs,
  judgeCoordination,
  judgeInspections,
  judgePoorHouseholdSales,
  judgePublicity,
  judgeTransactionsGrowth,
  judgeUpgradedEnterprises,
} from "../outcomes";
import type { CountyFacts } from "./facts";
import { type AcceptanceStandard, type AcceptanceThresholds, ratioBp } from "./standard";

export type ItemStatus = "pass" | "fail" | "pending" | "n/a";
export type VetoStatus = "clear" | "triggered" | "pending";
export type Verdict = "passed" | "failed" | "vetoed" | "incomplete";

export type ScorecardItem = {
  id: string;
  status: ItemStatus;
  measured: Record<string, unknown>;
  threshold: Record<string, unknown>;
  rules: string[];
  note: string;
  /** Who decided the status: the data, or the assessor (whose decision stands). */
  decidedBy: "data" | "assessor";
  /** The assessor overturned a result the data had decided (with a reason and evidence). */
  overridden: boolean;
  /** When overridden: what the data had decided, shown beside the assessor's result. */
  dataResult?: { status: ItemStatus; note: string };
};

export type ScorecardVeto = {
  id: string;
  status: VetoStatus;
  note: string;
  decidedBy: "data" | "assessor";
  overridden: boolean;
  dataResult?: { status: VetoStatus; note: string };
};

export type Scorecard = {
  county: string;
  asOf: string;
  standard: string;
  /** The version of the standard applied (1 = as published; a province refinement is 2, 3 …). */
  standardVersion: number;
  verdict: Verdict;
  items: ScorecardItem[];
  veto: ScorecardVeto[];
};

/** An assessor's decision on an item (pass/fail/n/a) or a veto item (clear/triggered). */
export type AssessorDecision = { id: string; status: ItemStatus | VetoStatus; note: string };

type Judgement = {
  status: ItemStatus;
  measured?: Record<string, unknown>;
  threshold?: Record<string, unknown>;
  note: string;
};

const pending = (note: string, measured: Record<string, unknown> = {}): Judgement => ({
  status: "pending",
  measured,
  note,
});
const judge = (ok: boolean, problems: string[], okNote: string): Pick<Judgement, "status" | "note"> =>
  ok ? { status: "pass", note: okNote } : { status: "fail", note: problems.join("；") };

type Rule = (facts: CountyFacts, t: AcceptanceThresholds) => Judgement;

const NO_NETWORK = "尚无服务体系数据（站点、设施）";
const NO_OPERATIONS = "尚无站点运营或物流数据";
const NO_UPWARD = "尚无产品、培训数据";
const NO_FUNDS = "尚无资金数据";
const ASSESSOR = "需第三方评估机构现场核实并判定";
const NO_OUTCOMES = "尚无成效与工作记录数据";

const ITEM_RULES: Record<string, Rule> = {
  // rule S1, S3: exactly one county center, meeting its spec
  A1: ({ network: n }) => {
    if (!n) return pending(NO_NETWORK);
    const problems = n.countyCenters.length === 0 ? ["未登记县级电子商务公共服务中心"] : [];
    if (n.countyCenters.length > 1) problems.push(`县级服务中心应为1个，实有${n.countyCenters.length}个`);
    for (const c of n.countyCenters) problems.push(...c.problems);
    return {
      ...judge(problems.length === 0, problems, "县级服务中心符合要求"),
      measured: { centers: n.countyCenters.length },
    };
  },
  // rule S1, S4, S7, F9: one warehouse, township centers to spec, express in every township
  A2: ({ network: n }) => {
    if (!n) return pending(NO_NETWORK);
    const problems: string[] = [];
    if (n.countyWarehouses.length === 0) problems.push("未登记县级仓储物流配送中心");
    if (n.countyWarehouses.length > 1)
      problems.push(`县级仓储物流中心应为1个，实有${n.countyWarehouses.length}个`);
    for (const f of [...n.countyWarehouses, ...n.townshipCenters]) problems.push(...f.problems);
    if (n.townshipsWithExpress < n.townships)
      problems.push(`快递网点覆盖乡镇 ${n.townshipsWithExpress}/${n.townships}`);
    const routes = n.duplicateCentralFunding.filter((d) => d.includes("线路"));
    problems.push(...routes);
    return {
      ...judge(problems.length === 0, problems, "仓储物流体系符合要求"),
      measured: {
        warehouses: n.countyWarehouses.length,
        townshipCenters: n.townshipCenters.length,
        townships: n.townships,
        townshipsWithExpress: n.townshipsWithExpress,
        expressCoverageBp: ratioBp(n.townshipsWithExpress, n.townships),
      },
      threshold: { warehouses: 1, expressCoverageBp: 10_000 },
    };
  },
  // rule G1 coverage, S5 station spec, F9 one centrally funded station per village
  A3: ({ network: n }, t) => {
    if (!n) return pending(NO_NETWORK);
    const measured = {
      villages: n.villages,
      villagesWithStation: n.villagesWithStation,
      coverageBp: ratioBp(n.villagesWithStation, n.villages),
      poorVillages: n.poorVillages,
      poorVillagesWithStation: n.poorVillagesWithStation,
      poorCoverageBp: ratioBp(n.poorVillagesWithStation, n.poorVillages),
      stationsFailingSpec: n.stationsFailingSpec.length,
      requiredVillagesWithoutStation: n.requiredVillagesWithoutStation,
    };
    const problems: string[] = [];
    if (measured.coverageBp < t.villageCoverageBp) {
      problems.push(`行政村站点覆盖率 ${measured.coverageBp / 100}% < ${t.villageCoverageBp / 100}%`);
    }
    if (measured.poorCoverageBp < t.poorVillageCoverageBp) {
      problems.push(`贫困村站点覆盖率 ${measured.poorCoverageBp / 100}% < ${t.poorVillageCoverageBp / 100}%`);
    }
    for (const s of n.stationsFailingSpec.slice(0, 5))
      problems.push(`站点 ${s.id}：${s.problems.join("，")}`);
    if (n.stationsFailingSpec.length > 5)
      problems.push(`另有 ${n.stationsFailingSpec.length - 5} 个在运营站点不达标`);
    problems.push(...n.duplicateCentralFunding.filter((d) => !d.includes("线路")));
    return {
      ...judge(problems.length === 0, problems, "站点覆盖与建设符合要求"),
      measured,
      threshold: { coverageBp: t.villageCoverageBp, poorCoverageBp: t.poorVillageCoverageBp },
    };
  },
  // rule S8
  A4: ({ network: n }, t) => {
    if (!n) return pending(NO_NETWORK);
    const broadbandBp = ratioBp(n.villagesWithBroadband, n.villages);
    return {
      ...judge(
        broadbandBp >= t.broadbandBp,
        [`宽带覆盖行政村 ${broadbandBp / 100}% < ${t.broadbandBp / 100}%`],
        "宽带覆盖达标",
      ),
      measured: { broadbandBp, villages: n.villages, villagesWithBroadband: n.villagesWithBroadband },
      threshold: { broadbandBp: t.broadbandBp },
    };
  },
  B1: () => pending(ASSESSOR),
  // rule O1, O2
  B2: ({ operations: o }, t) => {
    if (!o) return pending(NO_OPERATIONS);
    const measured = {
      stations: o.stations,
      onlineRateBp: o.onlineRateBp,
      avgOrdersPerStationMonth: o.avgOrdersPerStationMonth,
      avgAmountFenPerStationMonth: o.avgAmountFenPerStationMonth,
      stationsMeetingBoth: o.stationsMeetingBoth,
    };
    const problems: string[] = [];
    if (o.stations === 0) problems.push("无站点运营数据");
    if (o.onlineRateBp < t.onlineRateBp)
      problems.push(`上线率 ${o.onlineRateBp / 100}% < ${t.onlineRateBp / 100}%`);
    if (o.avgOrdersPerStationMonth < t.ordersPerStationMonth) {
      problems.push(`站均月代购单数 ${o.avgOrdersPerStationMonth} < ${t.ordersPerStationMonth}`);
    }
    if (o.avgAmountFenPerStationMonth < t.amountFenPerStationMonth) {
      problems.push(
        `站均月交易额 ${o.avgAmountFenPerStationMonth / 100} 元 < ${t.amountFenPerStationMonth / 100} 元`,
      );
    }
    return {
      ...judge(problems.length === 0, problems, "站点运营达标"),
      measured,
      threshold: {
        onlineRateBp: t.onlineRateBp,
        avgOrdersPerStationMonth: t.ordersPerStationMonth,
        avgAmountFenPerStationMonth: t.amountFenPerStationMonth,
      },
    };
  },
  // rule O3
  B3: ({ operations: o }, t) => {
    if (!o) return pending(NO_OPERATIONS);
    const problems: string[] = [];
    const measured = {
      shipments: o.shipments,
      inTransit: o.inTransit,
      within7DaysBp: o.within7DaysBp,
      carriers: o.carriers,
    };
    // In-transit parcels are neither on time nor late: the share is over the others (O3 reading).
    const decided = o.shipments - o.inTransit;
    if (o.shipments === 0) problems.push("无下行物流台账");
    else if (decided > 0 && o.within7DaysBp < t.within7DaysBp)
      problems.push(
        `7日内送达 ${o.within7DaysBp / 100}% < ${t.within7DaysBp / 100}%（在途 ${o.inTransit} 件不计）`,
      );
    if (o.carriers < t.carriers) problems.push(`接入快递企业 ${o.carriers} 家 < ${t.carriers} 家`);
    for (const w of o.upwardFeeAboveBenchmark) problems.push(`上行快递价格高于基准：${w}`);
    if (o.shipments > 0 && decided === 0 && problems.length === 0)
      return pending(`下行包裹 ${o.inTransit} 件均在途，尚无送达结果`, measured);
    return {
      ...judge(problems.length === 0, problems, "物流配送达标"),
      measured,
      threshold: { within7DaysBp: t.within7DaysBp, carriers: t.carriers },
    };
  },
  // rule O5
  B4: ({ upward: u }, t) => {
    if (!u) return pending(NO_UPWARD);
    const problems: string[] = [];
    if (!u.hasProductSurvey) problems.push("缺少农产品资源普查");
    if (u.brands < t.brands) problems.push(`品牌 ${u.brands} 个 < ${t.brands} 个`);
    if (u.regionalBrands < t.regionalBrands) problems.push("缺少县域公共品牌");
    if (u.developedProducts < t.developedProductsMin)
      problems.push(`开发单品 ${u.developedProducts} 个 < ${t.developedProductsMin} 个`);
    if (u.circulationStandards < t.circulationStandards) problems.push("缺少农产品流通标准");
    if (u.platformsWithListings.length === 0) problems.push("未在电商平台上线销售");
    return {
      ...judge(problems.length === 0, problems, "产品与品牌达标"),
      measured: {
        brands: u.brands,
        regionalBrands: u.regionalBrands,
        developedProducts: u.developedProducts,
        circulationStandards: u.circulationStandards,
        platforms: u.platformsWithListings,
      },
      threshold: {
        brands: t.brands,
        regionalBrands: t.regionalBrands,
        developedProducts: [t.developedProductsMin, t.developedProductsMax],
      },
    };
  },
  // rule O6
  B5: ({ upward: u }, t) => {
    if (!u) return pending(NO_UPWARD);
    return {
      ...judge(
        u.incubatedShops >= t.incubatedShops,
        [`年交易额达3万元的孵化网店 ${u.incubatedShops} 个`],
        "网店孵化达标",
      ),
      measured: { incubatedShops: u.incubatedShops },
      threshold: { incubatedShops: t.incubatedShops },
    };
  },
  // rule O7
  B6: ({ upward: u }, t) => {
    if (!u) return pending(NO_UPWARD);
    const n = u.traceEnterprisesWithSales;
    // Reading: at least 1; more than 3 is no failure unless a province makes the upper bound a limit.
    return {
      ...judge(
        n >= t.traceEnterprisesMin && (!t.traceEnterprisesMaxIsLimit || n <= t.traceEnterprisesMax),
        [`纳入追溯体系并有销售的企业 ${n} 家`],
        "质量追溯达标",
      ),
      measured: { traceEnterprisesWithSales: n },
      threshold: { min: t.traceEnterprisesMin, max: t.traceEnterprisesMax },
    };
  },
  // rule O8, G4 (per county)
  B7: ({ upward: u }, t) => {
    if (!u) return pending(NO_UPWARD);
    return {
      ...judge(
        u.personTimes >= t.personTimes,
        [`培训 ${u.personTimes} 人次 < ${t.personTimes} 人次`],
        "培训规模达标",
      ),
      measured: { personTimes: u.personTimes, people: u.people },
      threshold: { personTimes: t.personTimes },
    };
  },
  // rule O8 after-training service: records show it; otherwise the assessor judges
  B8: ({ upward: u }) => {
    if (!u || u.traineesFollowedUp === 0) return pending(`${ASSESSOR}（暂无培训后跟踪服务记录）`);
    return {
      status: "pass",
      measured: { traineesFollowedUp: u.traineesFollowedUp },
      note: "有培训后跟踪服务记录",
    };
  },
  B9: () => pending(ASSESSOR),
  // rule K3: leading group headed by the county head, joint meetings (src/rules/outcomes.ts)
  C1: ({ outcomes: o }, t) => (o ? judgeCoordination(o, t) : pending(NO_OUTCOMES)),
  // rule K3: on-site inspection records
  C2: ({ outcomes: o }, t) => (o ? judgeInspections(o, t) : pending(NO_OUTCOMES)),
  // rule F4, F7, F8 on what was paid: dedicated ledger, invoices, uses, schedule, station charges
  C3: ({ funds: f }) => {
    if (!f) return pending(NO_FUNDS);
    const measured = {
      payments: f.payments,
      paymentsMissingInvoice: f.paymentsMissingInvoice.length,
      forbiddenPayments: f.forbiddenPayments.length,
      forbiddenLines: f.forbiddenLines,
      paymentProblems: f.paymentProblems.length,
    };
    const problems = [
      ...(f.forbiddenLines ? [`资金安排中 ${f.forbiddenLines} 项用于禁止用途（F4）`] : []),
      ...f.forbiddenPayments,
      ...f.paymentsMissingInvoice,
      ...f.paymentProblems,
    ];
    if (problems.length === 0 && f.payments === 0) {
      return pending("专账尚无中央资金支付记录，由评估机构核实专账核算", measured);
    }
    return {
      ...judge(
        problems.length === 0,
        problems,
        `专账 ${f.payments} 笔支付均有发票，用途合规，拨付进度符合规定`,
      ),
      measured,
    };
  },
  // the assessor decides C4; the policy, supervision and credit records are shown beside it
  C4: ({ outcomes: o }) => (o ? describeMarketRecords(o) : pending(ASSESSOR)),
  // rule K4: ≥ 5 research reports and media or meeting recognition
  C5: ({ outcomes: o }, t) => (o ? judgePublicity(o, t) : pending(NO_OUTCOMES)),
  // rule G2, K7: 年度指标, the as-of year against the year before
  D1: ({ outcomes: o, asOf }, t) =>
    o ? judgeTransactionsGrowth(o, asOf, t) : pending("需年度指标（县域电子商务交易额同比）"),
  // rule G3, K7: agricultural online retail year on year, and jobs created
  D2: ({ outcomes: o, asOf }, t) =>
    o ? judgeAgriSalesAndJobs(o, asOf, t) : pending("需年度指标（农产品网络零售额同比）"),
  // rule O9: training rate ≥ 80% and the poor households' online sales on record
  D3: ({ upward: u, outcomes: o }, t) => {
    if (!u) return pending(NO_UPWARD);
    const trainingRateBp = ratioBp(u.poorHouseholdsTrained, u.poorHouseholds);
    const trained = u.poorHouseholds > 0 && trainingRateBp >= t.poorTrainingRateBp;
    const sales = o ? judgePoorHouseholdSales(o, t) : undefined;
    const problems = [
      ...(trained
        ? []
        : [
            u.poorHouseholds === 0
              ? "无建档立卡贫困户名册"
              : `贫困户培训率 ${trainingRateBp / 100}% < ${t.poorTrainingRateBp / 100}%`,
          ]),
      ...(sales && !sales.ok ? [sales.problem] : []),
    ];
    return {
      ...judge(problems.length === 0, problems, "贫困户培训率达标，网络销售在案"),
      measured: {
        poorHouseholds: u.poorHouseholds,
        poorHouseholdsTrained: u.poorHouseholdsTrained,
        trainingRateBp,
        ...sales?.measured,
      },
      threshold: { trainingRateBp: t.poorTrainingRateBp, householdsWithSales: t.poorSalesHouseholdsMin },
    };
  },
  // rule K7: traditional commerce enterprises upgraded
  D4: ({ outcomes: o }, t) => (o ? judgeUpgradedEnterprises(o, t) : pending(NO_OUTCOMES)),
};

type VetoRule = (facts: CountyFacts, t: AcceptanceThresholds) => { status: VetoStatus; note: string };

const VETO_RULES: Record<string, VetoRule> = {
  // rule R2, R3
  E1: ({ reporting: r }, t) => {
    if (!r) return { status: "pending", note: "尚无信息报送数据" };
    const completeness = ratioBp(r.reportsReceived, r.reportsExpected);
    const timeliness = ratioBp(r.reportsOnTime, r.reportsExpected);
    if (
      r.reportsExpected > 0 &&
      (completeness < t.reportingCompletenessBp || timeliness < t.reportingTimelinessBp)
    ) {
      return { status: "triggered", note: `报送完整率 ${completeness / 100}%，及时率 ${timeliness / 100}%` };
    }
    return {
      status: "clear",
      note: `应报 ${r.reportsExpected}，已报 ${r.reportsReceived}，按时 ${r.reportsOnTime}`,
    };
  },
  // rule T1–T4: every item, and every contract paid from central funds as a project, as of asOf
  E2: ({ reporting: r, funds: f }) => {
    if (!r) return { status: "pending", note: "尚无公开专栏数据" };
    const unpublished = contractsNotInColumn(f?.contracts ?? [], r.columnProjects ?? []);
    const missing = [
      ...r.columnItemsMissing,
      ...unpublished.map((c) => `合同 ${c.contractNo}「${c.title}」未作为项目公开`),
    ];
    return missing.length
      ? { status: "triggered", note: `公开专栏缺少：${missing.join("、")}` }
      : {
          status: "clear",
          note: `公开专栏内容齐全${f?.contracts?.length ? `，${f.contracts.length} 个合同项目均已公开` : ""}`,
        };
  },
  // rule F6
  E3: ({ funds: f }) => {
    if (!f) return { status: "pending", note: "尚无资金安排数据" };
    return f.unapprovedChanges > 0
      ? { status: "triggered", note: `${f.unapprovedChanges} 项未经批准的方案调整` }
      : { status: "clear", note: "无未经批准的方案调整" };
  },
  // Reading: progress is judged at acceptance (M4, or the county's own acceptance if earlier).
  E4: ({ funds: f, asOf, acceptanceOn }, t) => {
    if (!f) return { status: "pending", note: "尚无建设与拨付进度数据" };
    const low = [
      ...(f.constructionProgressBp < t.progressBp ? [`建设进度 ${f.constructionProgressBp / 100}%`] : []),
      ...(f.disbursementProgressBp < t.progressBp ? [`资金拨付进度 ${f.disbursementProgressBp / 100}%`] : []),
    ];
    if (!low.length) return { status: "clear", note: `建设与拨付进度不低于${t.progressBp / 100}%` };
    if (acceptanceOn && asOf < acceptanceOn) {
      return {
        status: "pending",
        note: `预警：${low.join("，")} 低于 ${t.progressBp / 100}%；进度在验收时（${acceptanceOn}）判定`,
      };
    }
    return { status: "triggered", note: `${low.join("，")} 低于 ${t.progressBp / 100}%` };
  },
  // Data-quality flags are leads, never a veto: an assessor or the province confirms or clears them.
  E5: ({ openDataQualityFlags: open = [], explainedDataQualityFlags: explained = [] }) => {
    if (open.length === 0 && explained.length === 0) {
      return { status: "pending", note: "需第三方评估机构确认无弄虚作假、重大审计问题或安全质量事故" };
    }
    const parts = [
      ...(open.length ? [`未经说明的数据质量线索：${open.join("；")}`] : []),
      ...(explained.length ? [`县级已作说明的线索：${explained.join("；")}`] : []),
    ];
    return { status: "pending", note: `${parts.join("。")}。须由评估机构或省级核实后认定问题（否决）或排除` };
  },
};

/** Rule E2: contracts with no project of the same contract number (or, unlinked, the same title) in the column. */
export function contractsNotInColumn<C extends { contractNo: string; title: string; contractorName: string }>(
  contracts: readonly C[],
  projects: readonly { name: string; contractNo: string | null; contractorName: string }[],
): C[] {
  const norm = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");
  const linked = new Set(projects.filter((p) => p.contractNo).map((p) => p.contractNo));
  const unlinked = projects
    .filter((p) => !p.contractNo)
    .map((p) => `${norm(p.name)}|${norm(p.contractorName)}`);
  return contracts.filter(
    (c) => !linked.has(c.contractNo) && !unlinked.includes(`${norm(c.title)}|${norm(c.contractorName)}`),
  );
}

/** Scorecard of one county as of a date; see interfaces.md for the verdict rules. */
export function evaluate(
  facts: CountyFacts,
  standard: AcceptanceStandard,
  decisions: readonly AssessorDecision[] = [],
): Scorecard {
  const decided = new Map(decisions.map((d) => [d.id, d]));
  const items: ScorecardItem[] = standard.items.map((def) => {
    const rule = ITEM_RULES[def.id];
    const data = rule ? rule(facts, standard.thresholds) : pending(ASSESSOR);
    const decision = decided.get(def.id);
    const byAssessor = decision && ["pass", "fail", "n/a", "pending"].includes(decision.status);
    const base = {
      id: def.id,
      measured: data.measured ?? {},
      threshold: data.threshold ?? {},
      rules: def.rules,
    };
    if (!byAssessor)
      return { ...base, status: data.status, note: data.note, decidedBy: "data", overridden: false };
    // An assessor decides what the data left pending; overturning what the data decided is an
    // override (made with a reason and evidence) and shows both results.
    const status = decision.status as ItemStatus;
    const overridden = data.status !== "pending" && data.status !== status;
    return {
      ...base,
      status,
      note: decision.note,
      decidedBy: "assessor",
      overridden,
      ...(overridden ? { dataResult: { status: data.status, note: data.note } } : {}),
    };
  });
  const veto: ScorecardVeto[] = standard.veto.map((def) => {
    const rule = VETO_RULES[def.id];
    const data = rule ? rule(facts, standard.thresholds) : { status: "pending" as const, note: ASSESSOR };
    const decision = decided.get(def.id);
    if (decision && (decision.status === "clear" || decision.status === "triggered")) {
      const overridden = data.status !== "pending" && data.status !== decision.status;
      return {
        id: def.id,
        status: decision.status,
        note: decision.note,
        decidedBy: "assessor",
        overridden,
        ...(overridden ? { dataResult: data } : {}),
      };
    }
    return { id: def.id, ...data, decidedBy: "data", overridden: false };
  });
  return {
    county: facts.countyCode,
    asOf: facts.asOf,
    standard: standard.id,
    standardVersion: standard.version,
    verdict: verdictOf(items, veto),
    items,
    veto,
  };
}

/** vetoed if any veto is triggered; else incomplete while anything is pending; passed only if all pass. */
export function verdictOf(
  items: readonly Pick<ScorecardItem, "status">[],
  veto: readonly Pick<ScorecardVeto, "status">[],
): Verdict {
  if (veto.some((v) => v.status === "triggered")) return "vetoed";
  if (items.some((i) => i.status === "pending") || veto.some((v) => v.status === "pending"))
    return "incomplete";
  return items.every((i) => i.status === "pass" || i.status === "n/a") ? "passed" : "failed";
}
