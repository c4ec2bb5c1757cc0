import { describe, expect, it } from "vitest";
import {
  checkFundPlan,
  checkPayments,
  DEFAULT_FUND_SETTINGS,
  DEFAULT_PAYMENT_SETTINGS,
  FORBIDDEN_USES,
  FUND_CATEGORIES,
  FUND_CATEGORY_KEYS,
  FUND_GROUPS,
  type FundCategoryKey,
  type FundPlanLine,
  findForbiddenUses,
  type Payment,
  parseFundCategory,
  retainageOf,
} from "./funds";

// ---------------------------------------------------------------------------------------------
// F2 data and category names

describe("F2 categories", () => {
  it("leaf shares are 20/15/30/10/10/15 % and add up to 100 % (F2)", () => {
    const bp = Object.fromEntries(FUND_CATEGORIES.map((c) => [c.key, c.targetBp]));
    expect(bp).toEqual({
      upward_services: 2000,
      upward_infrastructure: 1500,
      logistics: 3000,
      service_center: 1000,
      village_stations: 1000,
      training: 1500,
    });
    expect(FUND_CATEGORIES.reduce((s, c) => s + c.targetBp, 0)).toBe(10000);
  });

  it("group shares 65/20/15 % equal the sum of their leaves (F2)", () => {
    for (const g of FUND_GROUPS) {
      const sum = g.members.reduce(
        (s, m) => s + (FUND_CATEGORIES.find((c) => c.key === m)?.targetBp ?? 0),
        0,
      );
      expect(sum, g.key).toBe(g.targetBp);
    }
    expect(FUND_GROUPS.map((g) => [g.key, g.name.zh, g.targetBp])).toEqual([
      ["upward", "农村产品上行", 6500],
      ["service_system", "电子商务服务体系建设改造", 2000],
      ["training", "电子商务培训", 1500],
    ]);
  });
});

describe("parseFundCategory (F2)", () => {
  it("accepts the keys", () => {
    for (const key of FUND_CATEGORY_KEYS) expect(parseFundCategory(key)).toBe(key);
  });

  it("accepts the Chinese and English names, and every alias maps to its own category", () => {
    for (const c of FUND_CATEGORIES) {
      for (const name of [c.name.zh, c.name.en, ...c.aliases])
        expect(parseFundCategory(name), name).toBe(c.key);
    }
  });

  it("accepts common variants: slashes, 电商, trailing 建设, spaces", () => {
    expect(parseFundCategory("标准化/认证/品牌/质量追溯服务")).toBe("upward_services");
    expect(parseFundCategory("分级/包装/预冷/初加工基础设施")).toBe("upward_infrastructure");
    expect(parseFundCategory(" 仓储物流建设 ")).toBe("logistics");
    expect(parseFundCategory("县级电商公共服务中心建设")).toBe("service_center");
    expect(parseFundCategory("村级电商服务站点")).toBe("village_stations");
    expect(parseFundCategory("电商培训")).toBe("training");
    expect(parseFundCategory("Upward_Services")).toBe("upward_services");
  });

  it("a group of several leaves, or anything unknown, names no category", () => {
    expect(parseFundCategory("农村产品上行")).toBeUndefined();
    expect(parseFundCategory("upward")).toBeUndefined();
    expect(parseFundCategory("service_system")).toBeUndefined();
    expect(parseFundCategory("")).toBeUndefined();
    expect(parseFundCategory("水果")).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// F4 forbidden uses

const terms = (text: string) => findForbiddenUses(text).map((h) => [h.use, h.term]);

describe("findForbiddenUses (F4)", () => {
  it("finds each of the six forbidden uses of F4", () => {
    expect(terms("网络交易平台开发")).toEqual([["trading_platform", "网络交易平台"]]);
    expect(terms("新建楼堂馆所")).toEqual([["buildings", "楼堂馆所"]]);
    expect(terms("修建办公楼")).toEqual([["buildings", "办公楼"]]);
    expect(terms("购买流量推广店铺")).toEqual([["traffic", "购买流量"]]);
    expect(terms("学员食宿费")).toEqual([["food_lodging", "食宿费"]]);
    expect(terms("站点人员工资")).toEqual([["salaries", "人员工资"]]);
    expect(terms("服务中心水电费")).toEqual([["operating_costs", "水电费"]]);
    expect(terms("配送车辆燃油")).toEqual([["operating_costs", "燃油"]]);
    expect(terms("站点房租")).toEqual([["operating_costs", "房租"]]);
    expect(terms("日常经营性支出")).toEqual([["operating_costs", "日常经营性支出"]]);
  });

  it("the longest term wins and a text lists hits in order (F4)", () => {
    expect(terms("工资和房租")).toEqual([
      ["salaries", "工资"],
      ["operating_costs", "房租"],
    ]);
    expect(terms("人员工资及奖金")).toEqual([
      ["salaries", "人员工资"],
      ["salaries", "奖金"],
    ]);
    expect(terms("购买流量费")).toEqual([["traffic", "购买流量"]]);
  });

  it("no false positives on similar words (F4)", () => {
    for (const text of [
      "水果分级包装", // 水果 is not 水费
      "电子商务培训", // 电子商务 is not 电费
      "提升县域物流量", // 物流量 is no bought traffic; 流量 alone is not a term
      "客流量统计",
      "入驻京东、淘宝等交易平台销售农产品", // selling on existing platforms (O5)
      "在网络交易平台开设网店孵化", // incubation (O6)
      "县级电子商务公共服务平台建设", // not a trading platform
      "村级站点代缴水电费、代收话费功能", // station services (S6)
      "话费充值服务",
      "站点水电安装", // building work
      "购置冷链燃油货车", // a vehicle (S4)
      "购买流量计", // a flow meter
      "宽带套餐费补贴", // a plan price
      "农产品仓库建设",
      "冷库建设",
    ]) {
      expect(terms(text), text).toEqual([]);
    }
  });

  it("folds full-width and Latin case before matching (F4)", () => {
    expect(terms("购买流量 ＋ 房租")).toEqual([
      ["traffic", "购买流量"],
      ["operating_costs", "房租"],
    ]);
  });

  it("gives a Chinese and an English reason citing F4", () => {
    const [hit] = findForbiddenUses("支付工资");
    expect(hit?.rule).toBe("F4");
    expect(hit?.reason.zh).toBe("中央财政资金不得用于人员工资（“工资”，规则 F4）");
    expect(hit?.reason.en).toBe('Central funds may not pay for staff salaries ("工资", rule F4)');
  });

  it("every term is found on its own, and no term is blanked by an innocent phrase of its own list (F4)", () => {
    for (const use of FORBIDDEN_USES) {
      for (const term of use.terms) {
        expect(
          findForbiddenUses(term).map((h) => h.use),
          term,
        ).toContain(use.id);
      }
    }
  });

  it("takes a custom list (a province setting)", () => {
    const custom = [{ id: "ads", name: { zh: "广告", en: "ads" }, terms: ["广告费"], innocent: [] }];
    expect(findForbiddenUses("广告费和工资", custom).map((h) => h.term)).toEqual(["广告费"]);
  });
});

// ---------------------------------------------------------------------------------------------
// F2/F3 fund plan — subsidy 15,000,000 yuan = 1,500,000,000 fen; 1 pp = 15,000,000 fen.

const SUBSIDY = 1_500_000_000;
const ON_TARGET: Record<FundCategoryKey, number> = {
  upward_services: 300_000_000, // 20 %
  upward_infrastructure: 225_000_000, // 15 %
  logistics: 450_000_000, // 30 %
  service_center: 150_000_000, // 10 %
  village_stations: 150_000_000, // 10 %
  training: 225_000_000, // 15 %
};

const plan = (changes: Partial<Record<FundCategoryKey, number>> = {}, extra: FundPlanLine[] = []) => ({
  subsidyFen: SUBSIDY,
  lines: [
    ...FUND_CATEGORY_KEYS.map((category) => ({
      category,
      amountFen: changes[category] ?? ON_TARGET[category],
      description: "",
    })),
    ...extra,
  ],
});

const share = (result: ReturnType<typeof checkFundPlan>, key: string) =>
  result.shares.find((s) => s.key === key);

describe("checkFundPlan shares (F2/F3)", () => {
  it("a plan exactly on the F2 shares is ok, with the six leaves then two groups (F2)", () => {
    const r = checkFundPlan(plan());
    expect(r).toEqual({
      ok: true,
      totalFen: SUBSIDY,
      shares: [
        { key: "upward_services", shareBp: 2000, targetBp: 2000, withinTolerance: true },
        { key: "upward_infrastructure", shareBp: 1500, targetBp: 1500, withinTolerance: true },
        { key: "logistics", shareBp: 3000, targetBp: 3000, withinTolerance: true },
        { key: "service_center", shareBp: 1000, targetBp: 1000, withinTolerance: true },
        { key: "village_stations", shareBp: 1000, targetBp: 1000, withinTolerance: true },
        { key: "training", shareBp: 1500, targetBp: 1500, withinTolerance: true },
        { key: "upward", shareBp: 6500, targetBp: 6500, withinTolerance: true },
        { key: "service_system", shareBp: 2000, targetBp: 2000, withinTolerance: true },
      ],
      forbidden: [],
      problems: [],
    });
  });

  it("sums several lines of one category (F2)", () => {
    const r = checkFundPlan(
      plan({ training: 125_000_000 }, [{ category: "培训", amountFen: 100_000_000, description: "" }]),
    );
    expect(r.ok).toBe(true);
    expect(share(r, "training")?.shareBp).toBe(1500);
  });

  it("accepts a share exactly 2.00 pp off (F3)", () => {
    // 22 % = 330,000,000 and 28 % = 420,000,000; the upward group stays at 65 %.
    const r = checkFundPlan(plan({ upward_services: 330_000_000, logistics: 420_000_000 }));
    expect(share(r, "upward_services")).toMatchObject({ shareBp: 2200, withinTolerance: true });
    expect(share(r, "logistics")).toMatchObject({ shareBp: 2800, withinTolerance: true });
    expect(r.ok).toBe(true);
  });

  it("accepts a share 1 fen under 2.00 pp off (F3)", () => {
    const r = checkFundPlan(plan({ upward_services: 329_999_999, logistics: 420_000_001 }));
    expect(share(r, "upward_services")).toMatchObject({ shareBp: 2199, withinTolerance: true });
    expect(share(r, "logistics")).toMatchObject({ shareBp: 2800, withinTolerance: true });
    expect(r.ok).toBe(true);
  });

  it("rejects a share 2.00 pp + 1 fen off although its floored bp still reads 22.00 % (F3)", () => {
    const r = checkFundPlan(plan({ upward_services: 330_000_001, logistics: 419_999_999 }));
    // floor(330,000,001 × 10000 / 1,500,000,000) = floor(2200.0000067) = 2200.
    expect(share(r, "upward_services")).toMatchObject({ shareBp: 2200, withinTolerance: false });
    expect(share(r, "logistics")).toMatchObject({ shareBp: 2799, withinTolerance: false });
    expect(share(r, "upward")).toMatchObject({ shareBp: 6500, withinTolerance: true });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      "标准化、认证、品牌、质量追溯服务安排 3,300,000.01 元，占 22.00%，偏离 20.00% 超过 2.00 个百分点；应在 2,700,000.00 元 至 3,300,000.00 元 之间（规则 F3）",
      "县乡村三级仓储物流安排 4,199,999.99 元，占 27.99%，偏离 30.00% 超过 2.00 个百分点；应在 4,200,000.00 元 至 4,800,000.00 元 之间（规则 F3）",
    ]);
  });

  it("decides tolerance exactly on a subsidy that is no round number (F3)", () => {
    // Subsidy 333 fen: logistics target 30 % = 99.9 fen, ±2 pp = ±6.66 fen → 93.24 .. 106.56 fen.
    const at = (amount: number) =>
      share(
        checkFundPlan({
          subsidyFen: 333,
          lines: [{ category: "logistics", amountFen: amount, description: "" }],
        }),
        "logistics",
      )?.withinTolerance;
    expect(at(93)).toBe(false); // |930000 − 999000| = 69000 > 66600
    expect(at(94)).toBe(true); // 59000 ≤ 66600
    expect(at(106)).toBe(true); // 61000 ≤ 66600
    expect(at(107)).toBe(false); // 71000 > 66600
  });

  it("checks group shares: leaves within ±2 pp can still push a group out (F3 reading)", () => {
    // upward_services +1.5 pp, upward_infrastructure +1.5 pp → upward 68 % (+3 pp);
    // service_center −1.5 pp, training −1.5 pp keep the total at 100 %.
    const changes = {
      upward_services: 322_500_000,
      upward_infrastructure: 247_500_000,
      service_center: 127_500_000,
      training: 202_500_000,
    };
    const r = checkFundPlan(plan(changes));
    expect(r.shares.filter((s) => !s.withinTolerance).map((s) => s.key)).toEqual(["upward"]);
    expect(r.ok).toBe(false);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain("农村产品上行");
    // With the group reading off, the same plan passes; the share still reports the deviation.
    const loose = checkFundPlan(plan(changes), { checkGroupShares: false });
    expect(loose.ok).toBe(true);
    expect(share(loose, "upward")?.withinTolerance).toBe(false);
  });

  it("a group exactly 2.00 pp off is inside, 1 fen more is outside (F3)", () => {
    // upward_services +1 pp, upward_infrastructure +1 pp → upward 67 %; training −2 pp.
    const at = { upward_services: 315_000_000, upward_infrastructure: 240_000_000, training: 195_000_000 };
    expect(checkFundPlan(plan(at)).ok).toBe(true);
    // One more fen to upward_services, taken from service_center (still within its own ±2 pp).
    const over = checkFundPlan(plan({ ...at, upward_services: 315_000_001, service_center: 149_999_999 }));
    expect(over.shares.filter((s) => !s.withinTolerance).map((s) => s.key)).toEqual(["upward"]);
  });

  it("a wider tolerance is a setting (F3)", () => {
    const changes = { upward_services: 345_000_000, logistics: 405_000_000 }; // ±3 pp
    expect(checkFundPlan(plan(changes)).ok).toBe(false);
    expect(checkFundPlan(plan(changes), { toleranceBp: 300 }).ok).toBe(true);
  });
});

describe("checkFundPlan allocation (F3 reading)", () => {
  it("1 fen unallocated is a problem by default, fine when full allocation is not required (F3)", () => {
    const r = checkFundPlan(plan({ training: 224_999_999 }));
    expect(r.totalFen).toBe(SUBSIDY - 1);
    expect(r.shares.every((s) => s.withinTolerance)).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      "资金安排合计 14,999,999.99 元，尚有 0.01 元 未安排；须全额安排中央补助资金 15,000,000.00 元（规则 F3）",
    ]);
    expect(checkFundPlan(plan({ training: 224_999_999 }), { requireFullAllocation: false }).ok).toBe(true);
  });

  it("1 fen over the subsidy is always a problem (F3)", () => {
    const r = checkFundPlan(plan({ training: 225_000_001 }), { requireFullAllocation: false });
    expect(r.totalFen).toBe(SUBSIDY + 1);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toContain("超出");
  });

  it("is in English with lang en (F3)", () => {
    const r = checkFundPlan(plan({ training: 224_999_999 }), { lang: "en" });
    expect(r.problems).toEqual([
      "The plan totals 14,999,999.99 yuan, leaving 0.01 yuan unallocated; the whole subsidy of 15,000,000.00 yuan must be allocated (rule F3)",
    ]);
  });
});

describe("checkFundPlan invalid input (F2)", () => {
  it("reports negative and fractional amounts and leaves them out of the total", () => {
    const r = checkFundPlan(
      plan({}, [
        { category: "training", amountFen: -1, description: "" },
        { category: "training", amountFen: 1.5, description: "" },
      ]),
    );
    expect(r.ok).toBe(false);
    expect(r.totalFen).toBe(SUBSIDY);
    expect(r.problems).toEqual([
      "第7条：金额应为非负整数（分），实为 -1",
      "第8条：金额应为非负整数（分），实为 1.5",
    ]);
  });

  it("reports an unknown category but counts its amount in the total (F2)", () => {
    const r = checkFundPlan(
      plan({ training: 0 }, [{ category: "差旅", amountFen: 225_000_000, description: "" }]),
    );
    expect(r.totalFen).toBe(SUBSIDY);
    expect(share(r, "training")?.withinTolerance).toBe(false);
    expect(r.problems[0]).toBe("第7条：无法识别的资金类别“差旅”（规则 F2）");
  });

  it("asks for a leaf when a line names a group (F2)", () => {
    const r = checkFundPlan({
      subsidyFen: SUBSIDY,
      lines: [{ category: "农村产品上行", amountFen: 1, description: "" }],
    });
    expect(r.problems[0]).toBe(
      "第1条：“农村产品上行”是大类，请选择其中的具体类别：标准化、认证、品牌、质量追溯服务；分级、包装、预冷、初加工基础设施；县乡村三级仓储物流（规则 F2）",
    );
    const en = checkFundPlan(
      { subsidyFen: SUBSIDY, lines: [{ category: "service_system", amountFen: 1, description: "" }] },
      { lang: "en" },
    );
    expect(en.problems[0]).toBe(
      'Line 1: "service_system" is a group; choose one of its categories: County e-commerce public service center; Village service stations (rule F2)',
    );
  });

  it("a zero or missing subsidy fails every share (F2)", () => {
    const r = checkFundPlan({ ...plan(), subsidyFen: 0 });
    expect(r.ok).toBe(false);
    expect(r.shares).toHaveLength(8);
    expect(r.shares.every((s) => !s.withinTolerance && s.shareBp === 0)).toBe(true);
    expect(r.problems[0]).toContain("中央补助资金应为正整数");
  });

  it("an empty plan is not ok (F3)", () => {
    const r = checkFundPlan({ subsidyFen: SUBSIDY, lines: [] });
    expect(r.ok).toBe(false);
    expect(r.totalFen).toBe(0);
  });
});

describe("checkFundPlan forbidden lines (F4)", () => {
  it("lists each forbidden use of a line once, with the 0-based line index (F4)", () => {
    const p = plan();
    p.lines[1] = { ...p.lines[1]!, description: "人员工资、奖金及购买流量" };
    const r = checkFundPlan(p);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.forbidden).toEqual([
      { line: 1, rule: "F4", reason: "第2条：中央财政资金不得用于购买流量支出（“购买流量”，规则 F4）" },
      { line: 1, rule: "F4", reason: "第2条：中央财政资金不得用于人员工资（“人员工资”“奖金”，规则 F4）" },
    ]);
  });

  it("gives English reasons with lang en, and a province may clear the list (F4)", () => {
    const p = plan();
    p.lines[0] = { ...p.lines[0]!, description: "学员食宿" };
    expect(checkFundPlan(p, { lang: "en" }).forbidden[0]?.reason).toBe(
      'Line 1: central funds may not pay for food and lodging ("食宿", rule F4)',
    );
    expect(checkFundPlan(p, { forbiddenUses: [] }).ok).toBe(true);
  });

  it("exports the default readings", () => {
    expect(DEFAULT_FUND_SETTINGS).toMatchObject({
      toleranceBp: 200,
      requireFullAllocation: true,
      checkGroupShares: true,
      lang: "zh",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// F7 payments — contract 1,000,000 yuan = 100,000,000 fen; 60 % = 60,000,000; 90 % = 90,000,000.

const CONTRACT = 100_000_000;
const pay = (payments: Payment[], accepted = false, contractFen = CONTRACT) =>
  checkPayments({ contractFen, accepted, started: "2018-01-02", payments });

describe("checkPayments first advance (F7)", () => {
  it("exports the default readings", () => {
    expect(DEFAULT_PAYMENT_SETTINGS).toEqual({ firstAdvanceMinBp: 6000, retainageBp: 1000, lang: "zh" });
  });

  it("accepts a first advance of exactly 60 % (F7)", () => {
    expect(pay([{ date: "2018-01-02", amountFen: 60_000_000 }])).toEqual({
      ok: true,
      paidFen: 60_000_000,
      problems: [],
    });
  });

  it("rejects a first advance 1 fen under 60 % (F7)", () => {
    const r = pay([{ date: "2018-01-10", amountFen: 59_999_999 }]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        rule: "F7",
        reason:
          "开工后首期拨付（第1笔，2018-01-10）599,999.99 元，低于合同金额 1,000,000.00 元 的 60.00%（600,000.00 元）（规则 F7）",
      },
    ]);
  });

  it("rounds the 60 % minimum up on an odd contract: 100,000,001 fen needs 60,000,001 (F7)", () => {
    // 60 % of 100,000,001 = 60,000,000.6 fen.
    expect(pay([{ date: "2018-01-02", amountFen: 60_000_000 }], false, 100_000_001).ok).toBe(false);
    expect(pay([{ date: "2018-01-02", amountFen: 60_000_001 }], false, 100_000_001).ok).toBe(true);
  });

  it("takes the first payment by date, not by input order (F7)", () => {
    const r = pay([
      { date: "2018-03-01", amountFen: 30_000_000 },
      { date: "2018-01-10", amountFen: 60_000_000 },
    ]);
    expect(r).toEqual({ ok: true, paidFen: 90_000_000, problems: [] });
  });

  it("same-day payments keep input order: the first of them is the advance (F7 reading)", () => {
    const r = pay([
      { date: "2018-01-10", amountFen: 30_000_000 },
      { date: "2018-01-10", amountFen: 30_000_000 },
    ]);
    expect(r.problems.map((p) => p.reason)).toEqual([expect.stringContaining("第1笔")]);
  });

  it("a lower minimum is a setting (F7)", () => {
    expect(
      checkPayments(
        {
          contractFen: CONTRACT,
          accepted: false,
          started: "2018-01-02",
          payments: [{ date: "2018-01-02", amountFen: 50_000_000 }],
        },
        { firstAdvanceMinBp: 5000 },
      ).ok,
    ).toBe(true);
  });
});

describe("checkPayments retainage and cap (F7)", () => {
  it("before acceptance, exactly 90 % paid is fine (F7)", () => {
    const r = pay([
      { date: "2018-01-02", amountFen: 60_000_000 },
      { date: "2018-06-01", amountFen: 30_000_000 },
    ]);
    expect(r).toEqual({ ok: true, paidFen: 90_000_000, problems: [] });
  });

  it("before acceptance, 90 % + 1 fen breaks the 10 % retainage (F7)", () => {
    const r = pay([
      { date: "2018-01-02", amountFen: 60_000_000 },
      { date: "2018-06-01", amountFen: 30_000_001 },
    ]);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      {
        rule: "F7",
        reason:
          "截至 2018-06-01（第2笔）累计拨付 900,000.01 元，超过合同金额的 90.00%（900,000.00 元）；验收通过前须预留 10.00% 尾款（规则 F7）",
      },
    ]);
  });

  it("after acceptance, 100 % is fine and 100 % + 1 fen is not (F7)", () => {
    const full = [
      { date: "2018-01-02", amountFen: 60_000_000 },
      { date: "2018-11-01", amountFen: 40_000_000 },
    ];
    expect(pay(full, true)).toEqual({ ok: true, paidFen: 100_000_000, problems: [] });
    const over = pay([...full, { date: "2018-11-02", amountFen: 1 }], true);
    expect(over.problems.map((p) => p.reason)).toEqual([
      "截至 2018-11-02（第3笔）累计拨付 1,000,000.01 元，超过合同金额 1,000,000.00 元（规则 F7）",
    ]);
  });

  it("before acceptance, paying over 100 % reports both the retainage and the contract cap (F7)", () => {
    const r = pay([
      { date: "2018-01-02", amountFen: 60_000_000 },
      { date: "2018-06-01", amountFen: 40_000_001 },
    ]);
    expect(r.problems).toHaveLength(2);
  });

  it("reports a payment before the start; the first advance is the first on or after it (F7)", () => {
    const r = pay([
      { date: "2017-12-29", amountFen: 10_000_000 },
      { date: "2018-01-02", amountFen: 60_000_000 },
    ]);
    expect(r.paidFen).toBe(70_000_000);
    expect(r.problems.map((p) => p.reason)).toEqual([
      "第1笔付款 100,000.00 元 的日期 2017-12-29 早于开工日期 2018-01-02；项目开工后方可拨付（规则 F7）",
    ]);
  });

  it("no payments yet is fine (F7)", () => {
    expect(pay([])).toEqual({ ok: true, paidFen: 0, problems: [] });
  });

  it("is in English with lang en, amounts in yuan (F7)", () => {
    const r = checkPayments(
      {
        contractFen: CONTRACT,
        accepted: false,
        started: "2018-01-02",
        payments: [{ date: "2018-01-02", amountFen: 1 }],
      },
      { lang: "en" },
    );
    expect(r.problems[0]?.reason).toBe(
      "The first advance after the start (payment 1, 2018-01-02) of 0.01 yuan is below 60.00% of the contract 1,000,000.00 yuan (600,000.00 yuan) (rule F7)",
    );
  });
});

describe("checkPayments invalid input (F7)", () => {
  it("reports zero, negative and fractional amounts and bad dates, and leaves them out (F7)", () => {
    const r = pay([
      { date: "2018-01-02", amountFen: 60_000_000 },
      { date: "2018-02-01", amountFen: 0 },
      { date: "2018-02-02", amountFen: -5 },
      { date: "2018-02-03", amountFen: 1.5 },
      { date: "2018-02-30", amountFen: 100 },
    ]);
    expect(r.paidFen).toBe(60_000_000);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.reason)).toEqual([
      "第2笔付款：金额应为正整数（分），实为 0",
      "第3笔付款：金额应为正整数（分），实为 -5",
      "第4笔付款：金额应为正整数（分），实为 1.5",
      "第5笔付款：日期应为 YYYY-MM-DD，实为“2018-02-30”",
    ]);
    expect(r.problems.every((p) => p.rule === "F7")).toBe(true);
  });

  it("reports a bad contract amount or start date (F7)", () => {
    expect(pay([], false, 0).ok).toBe(false);
    const r = checkPayments({ contractFen: CONTRACT, accepted: false, started: "2018/01/02", payments: [] });
    expect(r.problems.map((p) => p.reason)).toEqual(["开工日期应为 YYYY-MM-DD，实为“2018/01/02”（规则 F7）"]);
  });
});

describe("retainage per contract (F7)", () => {
  it("holds 10% until acceptance passes, payable from the province's approval, none once paid", () => {
    expect(retainageOf(1_000_000, 900_000, null)).toEqual({
      retainageFen: 100_000,
      retainedFen: 100_000,
      state: "retained",
      payableSince: null,
    });
    expect(retainageOf(1_000_000, 600_000, null).retainedFen).toBe(100_000);
    expect(retainageOf(1_000_000, 900_001, "2018-10-25")).toMatchObject({
      retainedFen: 99_999,
      state: "payable",
    });
    expect(retainageOf(1_000_000, 1_000_000, "2018-10-25")).toMatchObject({ retainedFen: 0, state: "paid" });
    // rule K2: a contract ended early is settled by its termination decision, never by acceptance
    expect(retainageOf(1_000_000, 600_000, "2018-10-25", undefined, "2018-06-30")).toMatchObject({
      retainedFen: 100_000,
      state: "terminated",
      payableSince: null,
    });
    expect(retainageOf(1_000_000, 1_000_000, null, undefined, "2018-06-30").state).toBe("paid");
  });
});
