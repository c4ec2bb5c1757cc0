import { describe, expect, it } from "vitest";
import { type AssessorDecision, evaluate, verdictOf } from "./evaluate";
import type { CountyFacts } from "./facts";
import { HEBEI_2017, ratioBp } from "./standard";

/** Facts of a county that meets every data-decided item exactly at its threshold. */
function passingFacts(): CountyFacts {
  return {
    countyCode: "130533",
    asOf: "2018-10-31",
    network: {
      villages: 400,
      villagesWithStation: 200,
      poorVillages: 100,
      poorVillagesWithStation: 50,
      villagesWithBroadband: 360,
      requiredVillagesWithoutStation: 0,
      townships: 16,
      townshipsWithExpress: 16,
      countyCenters: [{ id: "C1", kind: "county_center", problems: [], centrallyFunded: true }],
      countyWarehouses: [{ id: "W1", kind: "county_warehouse", problems: [], centrallyFunded: true }],
      townshipCenters: [],
      stationsFailingSpec: [],
      duplicateCentralFunding: [],
    },
    operations: {
      stations: 200,
      onlineRateBp: 9500,
      avgOrdersPerStationMonth: 50,
      avgAmountFenPerStationMonth: 200_000,
      stationsMeetingBoth: 120,
      shipments: 1000,
      inTransit: 0,
      within7DaysBp: 10_000,
      carriers: 2,
      upwardFeeAboveBenchmark: [],
    },
    upward: {
      hasProductSurvey: true,
      brands: 5,
      regionalBrands: 1,
      developedProducts: 5,
      circulationStandards: 1,
      platformsWithListings: ["淘宝"],
      incubatedShops: 1,
      traceEnterprisesWithSales: 1,
      personTimes: 3000,
      people: 2100,
      poorHouseholds: 1000,
      poorHouseholdsTrained: 800,
      traineesFollowedUp: 10,
    },
    funds: {
      planFiled: true,
      planApproved: true,
      unapprovedChanges: 0,
      forbiddenLines: 0,
      paymentProblems: [],
      payments: 3,
      paymentsMissingInvoice: [],
      forbiddenPayments: [],
      contracts: [{ contractNo: "HT-1", title: "县级服务中心", contractorName: "甲公司" }],
      constructionProgressBp: 4000,
      disbursementProgressBp: 4000,
    },
    reporting: {
      reportsExpected: 10,
      reportsReceived: 10,
      reportsOnTime: 10,
      liaisonsFiled: true,
      columnItemsMissing: [],
      columnProjects: [{ name: "县级服务中心建设", contractNo: "HT-1", contractorName: "甲公司" }],
    },
  };
}

const ASSESSOR_PASSES: AssessorDecision[] = ["B1", "B9", "C1", "C2", "C4", "C5", "D1", "D2", "D4"].map(
  (id) => ({
    id,
    status: "pass",
    note: "现场核实",
  }),
);
const ALL_DECIDED = [...ASSESSOR_PASSES, { id: "E5", status: "clear" as const, note: "未发现问题" }];

const item = (card: ReturnType<typeof evaluate>, id: string) => card.items.find((i) => i.id === id)!;
const veto = (card: ReturnType<typeof evaluate>, id: string) => card.veto.find((v) => v.id === id)!;

describe("the scorecard", () => {
  it("always carries all 22 items and 5 veto items of the standard", () => {
    const card = evaluate({ countyCode: "130533", asOf: "2018-10-31" }, HEBEI_2017);
    expect(card.items.map((i) => i.id)).toEqual([
      "A1",
      "A2",
      "A3",
      "A4",
      "B1",
      "B2",
      "B3",
      "B4",
      "B5",
      "B6",
      "B7",
      "B8",
      "B9",
      "C1",
      "C2",
      "C3",
      "C4",
      "C5",
      "D1",
      "D2",
      "D3",
      "D4",
    ]);
    expect(card.veto.map((v) => v.id)).toEqual(["E1", "E2", "E3", "E4", "E5"]);
    expect(card.standard).toBe("hebei-2017");
    expect(card.verdict).toBe("incomplete");
  });

  it("passes a county at every threshold once the assessor has decided the rest", () => {
    const card = evaluate(passingFacts(), HEBEI_2017, ALL_DECIDED);
    expect(card.items.filter((i) => i.status !== "pass")).toEqual([]);
    expect(card.verdict).toBe("passed");
  });

  it("stays incomplete while an item is pending (C1 needs the assessor)", () => {
    const card = evaluate(
      passingFacts(),
      HEBEI_2017,
      ALL_DECIDED.filter((d) => d.id !== "C1"),
    );
    expect(item(card, "C1").status).toBe("pending");
    expect(card.verdict).toBe("incomplete");
  });
});

describe("A3 station coverage (rule G1) at 50%", () => {
  it.each([
    [199, "fail"],
    [200, "pass"],
    [201, "pass"],
  ])("%i of 400 villages with a station → %s", (withStation, status) => {
    const facts = passingFacts();
    facts.network!.villagesWithStation = withStation as number;
    const a3 = item(evaluate(facts, HEBEI_2017), "A3");
    expect(a3.status).toBe(status);
    expect(a3.measured).toMatchObject({
      villages: 400,
      villagesWithStation: withStation,
      coverageBp: ratioBp(withStation as number, 400),
    });
  });
  it("fails on poor-village coverage just under 50% (49 of 100)", () => {
    const facts = passingFacts();
    facts.network!.poorVillagesWithStation = 49;
    const a3 = item(evaluate(facts, HEBEI_2017), "A3");
    expect(a3.status).toBe("fail");
    expect(a3.measured.poorCoverageBp).toBe(4900);
  });
  it("floors the basis points: 1 of 3 is 3333 bp", () => {
    expect(ratioBp(1, 3)).toBe(3333);
    expect(ratioBp(2, 3)).toBe(6666);
    expect(ratioBp(5, 0)).toBe(0);
  });
  it("fails when a station misses its spec (S5) or a village has two funded stations (F9)", () => {
    const facts = passingFacts();
    facts.network!.stationsFailingSpec = [
      { id: "S9", kind: "village_station", problems: ["缺少 42寸电视"], centrallyFunded: true },
    ];
    expect(item(evaluate(facts, HEBEI_2017), "A3").note).toContain("缺少 42寸电视");
    const f9 = passingFacts();
    f9.network!.duplicateCentralFunding = ["村 130533100201 有2个中央资金支持的站点"];
    expect(item(evaluate(f9, HEBEI_2017), "A3").status).toBe("fail");
  });
});

describe("A4 broadband (rule S8) at 90%", () => {
  it.each([
    [359, "fail", 8975],
    [360, "pass", 9000],
    [361, "pass", 9025],
  ])("%i of 400 villages → %s", (n, status, bp) => {
    const facts = passingFacts();
    facts.network!.villagesWithBroadband = n as number;
    const a4 = item(evaluate(facts, HEBEI_2017), "A4");
    expect(a4.status).toBe(status);
    expect(a4.measured.broadbandBp).toBe(bp);
  });
});

describe("B2 station operations (rules O1, O2)", () => {
  it.each([
    ["onlineRateBp", 9499, "fail"],
    ["onlineRateBp", 9500, "pass"],
    ["avgOrdersPerStationMonth", 49.99, "fail"],
    ["avgOrdersPerStationMonth", 50, "pass"],
    ["avgAmountFenPerStationMonth", 199_999, "fail"],
    ["avgAmountFenPerStationMonth", 200_000, "pass"],
    ["avgAmountFenPerStationMonth", 200_001, "pass"],
  ] as const)("%s = %d → %s", (key, value, status) => {
    const facts = passingFacts();
    (facts.operations as Record<string, unknown>)[key] = value;
    const b2 = item(evaluate(facts, HEBEI_2017), "B2");
    expect(b2.status).toBe(status);
    expect(Object.keys(b2.measured)).toEqual([
      "stations",
      "onlineRateBp",
      "avgOrdersPerStationMonth",
      "avgAmountFenPerStationMonth",
      "stationsMeetingBoth",
    ]);
  });
});

describe("B3 logistics (rule O3)", () => {
  it("needs 2 carriers: 1 fails, 2 pass", () => {
    const facts = passingFacts();
    facts.operations!.carriers = 1;
    expect(item(evaluate(facts, HEBEI_2017), "B3").status).toBe("fail");
    facts.operations!.carriers = 2;
    expect(item(evaluate(facts, HEBEI_2017), "B3").measured).toEqual({
      shipments: 1000,
      inTransit: 0,
      within7DaysBp: 10_000,
      carriers: 2,
    });
  });
  it.each([
    [9499, "fail"],
    [9500, "pass"],
    [9501, "pass"],
  ])("meets O3 at 95%% of the parcels with an outcome: %i bp → %s", (bp, status) => {
    const facts = passingFacts();
    facts.operations!.within7DaysBp = bp as number;
    expect(item(evaluate(facts, HEBEI_2017), "B3").status).toBe(status);
  });
  it("999 of 1,000 on time with 1 in transit passes, and carries inTransit", () => {
    const facts = passingFacts();
    Object.assign(facts.operations!, { shipments: 1000, inTransit: 1, within7DaysBp: 10_000 });
    const b3 = item(evaluate(facts, HEBEI_2017), "B3");
    expect(b3.status).toBe("pass");
    expect(b3.measured).toMatchObject({ shipments: 1000, inTransit: 1 });
  });
  it("all parcels in transit: no outcome yet, pending; none at all fails", () => {
    const facts = passingFacts();
    Object.assign(facts.operations!, { shipments: 3, inTransit: 3, within7DaysBp: 0 });
    expect(item(evaluate(facts, HEBEI_2017), "B3").status).toBe("pending");
    Object.assign(facts.operations!, { shipments: 0, inTransit: 0, within7DaysBp: 0 });
    expect(item(evaluate(facts, HEBEI_2017), "B3").status).toBe("fail");
  });
});

describe("B7 training volume (rules O8, G4) and D3 poor households (rule O9)", () => {
  it.each([
    [2999, "fail"],
    [3000, "pass"],
    [3001, "pass"],
  ])("%i person-times → %s", (n, status) => {
    const facts = passingFacts();
    facts.upward!.personTimes = n as number;
    const b7 = item(evaluate(facts, HEBEI_2017), "B7");
    expect(b7.status).toBe(status);
    expect(b7.measured).toEqual({ personTimes: n, people: 2100 });
  });
  it.each([
    [799, "fail"],
    [800, "pass"],
  ])("%i of 1000 poor households trained → %s", (n, status) => {
    const facts = passingFacts();
    facts.upward!.poorHouseholdsTrained = n as number;
    expect(item(evaluate(facts, HEBEI_2017), "D3").status).toBe(status);
  });
});

describe("veto items", () => {
  it("E4 triggers just under 40% progress and not at 40% (either measure)", () => {
    const facts = passingFacts();
    facts.funds!.disbursementProgressBp = 3999;
    const card = evaluate(facts, HEBEI_2017, ALL_DECIDED);
    expect(veto(card, "E4").status).toBe("triggered");
    expect(card.verdict).toBe("vetoed");
    facts.funds!.disbursementProgressBp = 4000;
    facts.funds!.constructionProgressBp = 3999;
    expect(veto(evaluate(facts, HEBEI_2017), "E4").status).toBe("triggered");
  });
  it("E1 triggers on a missing or late report; E2 on a missing column item; E3 on an unapproved change", () => {
    const late = passingFacts();
    late.reporting!.reportsOnTime = 9;
    expect(veto(evaluate(late, HEBEI_2017), "E1").status).toBe("triggered");
    const e2 = passingFacts();
    e2.reporting!.columnItemsMissing = ["承办企业名称"];
    expect(veto(evaluate(e2, HEBEI_2017), "E2").status).toBe("triggered");
    const e3 = passingFacts();
    e3.funds!.unapprovedChanges = 1;
    expect(veto(evaluate(e3, HEBEI_2017), "E3").status).toBe("triggered");
  });
  it("vetoes whatever else passes; an assessor's clearance of a data-triggered veto shows as an override", () => {
    const facts = passingFacts();
    facts.funds!.unapprovedChanges = 2;
    expect(evaluate(facts, HEBEI_2017, ALL_DECIDED).verdict).toBe("vetoed");
    const card = evaluate(facts, HEBEI_2017, [
      ...ALL_DECIDED,
      { id: "E3", status: "clear", note: "省厅已补批" },
    ]);
    expect(veto(card, "E3")).toMatchObject({
      status: "clear",
      decidedBy: "assessor",
      overridden: true,
      dataResult: { status: "triggered", note: "2 项未经批准的方案调整" },
    });
    expect(card.verdict).toBe("passed");
  });
  it("E5 is never triggered by a machine: flags leave it pending for the assessor or the province", () => {
    expect(veto(evaluate(passingFacts(), HEBEI_2017), "E5").status).toBe("pending");
    const flagged = { ...passingFacts(), openDataQualityFlags: ["签收早于发出 1 单"] };
    const e5 = veto(evaluate(flagged, HEBEI_2017, ASSESSOR_PASSES), "E5");
    expect(e5).toMatchObject({ status: "pending", decidedBy: "data", overridden: false });
    expect(e5.note).toContain("未经说明的数据质量线索：签收早于发出 1 单");
    const explained = { ...passingFacts(), explainedDataQualityFlags: ["月单量跃升"] };
    expect(veto(evaluate(explained, HEBEI_2017), "E5").note).toContain("县级已作说明的线索：月单量跃升");
    // The assessor confirms a finding (veto) or clears the leads; neither is an override of data.
    const confirmed = evaluate(flagged, HEBEI_2017, [
      ...ASSESSOR_PASSES,
      { id: "E5", status: "triggered", note: "核实为虚假签收" },
    ]);
    expect(veto(confirmed, "E5")).toMatchObject({ status: "triggered", overridden: false });
    expect(confirmed.verdict).toBe("vetoed");
    const cleared = evaluate(flagged, HEBEI_2017, [
      ...ASSESSOR_PASSES,
      { id: "E5", status: "clear", note: "系录入时区错误，已更正" },
    ]);
    expect(veto(cleared, "E5")).toMatchObject({ status: "clear", overridden: false });
    expect(cleared.verdict).toBe("passed");
  });
  it("E4 is judged at acceptance: below 40% the day before is a warning (pending), on the day a veto", () => {
    const facts = passingFacts();
    facts.funds!.constructionProgressBp = 3999;
    const before = evaluate({ ...facts, asOf: "2018-10-30", acceptanceOn: "2018-10-31" }, HEBEI_2017);
    expect(veto(before, "E4").status).toBe("pending");
    expect(veto(before, "E4").note).toContain("预警");
    const on = evaluate({ ...facts, asOf: "2018-10-31", acceptanceOn: "2018-10-31" }, HEBEI_2017);
    expect(veto(on, "E4").status).toBe("triggered");
    // An earlier acceptance of the county's own moves the judgement forward.
    const early = evaluate({ ...facts, asOf: "2018-09-01", acceptanceOn: "2018-09-01" }, HEBEI_2017);
    expect(veto(early, "E4").status).toBe("triggered");
    facts.funds!.constructionProgressBp = 4000;
    expect(
      veto(evaluate({ ...facts, asOf: "2018-10-30", acceptanceOn: "2018-10-31" }, HEBEI_2017), "E4").status,
    ).toBe("clear");
  });
  it("E2 needs every contract as a project in the column: one project is not enough", () => {
    const facts = passingFacts();
    facts.funds!.contracts = [
      { contractNo: "HT-1", title: "县级服务中心", contractorName: "甲公司" },
      { contractNo: "HT-2", title: "村级站点建设", contractorName: "乙公司" },
    ];
    const e2 = veto(evaluate(facts, HEBEI_2017), "E2");
    expect(e2.status).toBe("triggered");
    expect(e2.note).toContain("合同 HT-2「村级站点建设」未作为项目公开");
    // An unlinked project of the same title and contractor stands for the contract.
    facts.reporting!.columnProjects!.push({
      name: "村级站点建设",
      contractNo: null,
      contractorName: "乙公司",
    });
    expect(veto(evaluate(facts, HEBEI_2017), "E2").status).toBe("clear");
    facts.reporting!.columnProjects = [];
    expect(veto(evaluate(facts, HEBEI_2017), "E2").status).toBe("triggered");
  });
});

describe("C3 fund management judged on what was paid (rules F4, F7, F8)", () => {
  it("passes with every payment invoiced, and fails on one payment missing its invoice", () => {
    const facts = passingFacts();
    expect(item(evaluate(facts, HEBEI_2017), "C3")).toMatchObject({
      status: "pass",
      measured: { payments: 3, paymentsMissingInvoice: 0, forbiddenPayments: 0 },
    });
    facts.funds!.paymentsMissingInvoice = ["合同 HT-1：2018-03-01 支付 10,000.00 元，发票 0.00 元"];
    const c3 = item(evaluate(facts, HEBEI_2017), "C3");
    expect(c3.status).toBe("fail");
    expect(c3.note).toContain("发票");
  });
  it("fails on a payment to a forbidden use, an F7 breach or a station charge", () => {
    const forbidden = passingFacts();
    forbidden.funds!.forbiddenPayments = ["合同 HT-1：2018-05-01 支付摘要“人员工资”"];
    expect(item(evaluate(forbidden, HEBEI_2017), "C3").status).toBe("fail");
    const schedule = passingFacts();
    schedule.funds!.paymentProblems = ["合同 HT-1：累计拨付超过合同额的90%（F7）"];
    expect(item(evaluate(schedule, HEBEI_2017), "C3").status).toBe("fail");
  });
  it("an empty ledger is for the assessor to look at (pending), not a silent pass", () => {
    const facts = passingFacts();
    facts.funds!.payments = 0;
    expect(item(evaluate(facts, HEBEI_2017), "C3").status).toBe("pending");
  });
});

describe("B6 traceability (rule O7)", () => {
  it.each([
    [0, "fail"],
    [1, "pass"],
    [3, "pass"],
    [4, "pass"],
  ])("%i enterprises with sales → %s (more than 3 is no failure)", (n, status) => {
    const facts = passingFacts();
    facts.upward!.traceEnterprisesWithSales = n as number;
    expect(item(evaluate(facts, HEBEI_2017), "B6").status).toBe(status);
  });
  it("a province may make 3 a cap", () => {
    const facts = passingFacts();
    facts.upward!.traceEnterprisesWithSales = 4;
    const capped = {
      ...HEBEI_2017,
      thresholds: { ...HEBEI_2017.thresholds, traceEnterprisesMaxIsLimit: true },
    };
    expect(item(evaluate(facts, capped), "B6").status).toBe("fail");
  });
});

describe("assessor overrides", () => {
  it("an assessor deciding a pending item is no override; overturning a data result is, with both results", () => {
    const facts = passingFacts();
    const decided = item(evaluate(facts, HEBEI_2017, [{ id: "B1", status: "pass", note: "现场核实" }]), "B1");
    expect(decided).toMatchObject({ status: "pass", decidedBy: "assessor", overridden: false });
    expect(decided.dataResult).toBeUndefined();
    facts.network!.villagesWithBroadband = 359;
    const card = evaluate(facts, HEBEI_2017, [
      { id: "A4", status: "pass", note: "运营商台账证明另有1村已通宽带" },
    ]);
    expect(item(card, "A4")).toMatchObject({
      status: "pass",
      decidedBy: "assessor",
      overridden: true,
      note: "运营商台账证明另有1村已通宽带",
      dataResult: { status: "fail" },
    });
    // Agreeing with the data is not an override.
    const same = evaluate(facts, HEBEI_2017, [{ id: "A4", status: "fail", note: "核实未达标" }]);
    expect(item(same, "A4").overridden).toBe(false);
  });
});

describe("verdict", () => {
  it("is failed when nothing is pending and an item fails; n/a does not block a pass", () => {
    expect(verdictOf([{ status: "pass" }, { status: "fail" }], [{ status: "clear" }])).toBe("failed");
    expect(verdictOf([{ status: "pass" }, { status: "n/a" }], [{ status: "clear" }])).toBe("passed");
    expect(verdictOf([{ status: "fail" }, { status: "pending" }], [{ status: "clear" }])).toBe("incomplete");
    expect(verdictOf([{ status: "pending" }], [{ status: "triggered" }])).toBe("vetoed");
    expect(verdictOf([{ status: "pass" }], [{ status: "pending" }])).toBe("incomplete");
  });
});
