import { describe, expect, it } from "vitest";
import { RuleInputError, type WorkCalendar } from "./calendar";
import {
  applyReportAction,
  assembleAnnualReport,
  countReports,
  DEFAULT_REPORTING_SETTINGS,
  dueAndOverdue,
  dueDate,
  EMPTY_MONTHLY_CONTENT,
  entryClosesOn,
  entryState,
  generateDailyReports,
  isEntryOpen,
  liaisonFiling,
  liaisonListProblems,
  type MonthlyReportContent,
  monthsBetween,
  type ReceivedReport,
  type Reporter,
  type ReportingSettings,
  type ReportState,
  reportingRates,
  reportSlots,
  validateReportContent,
} from "./reporting";

/** State Council holiday notices for 2018 (国办发明电〔2017〕12号) and New Year 2019, typed in by hand. */
const CAL: WorkCalendar = {
  holidays: new Set([
    "2018-01-01",
    ...["2018-04-05", "2018-04-06", "2018-04-07", "2018-04-29", "2018-04-30", "2018-05-01"],
    ...["15", "16", "17", "18", "19", "20", "21"].map((d) => `2018-02-${d}`),
    ...["01", "02", "03", "04", "05", "06", "07"].map((d) => `2018-10-${d}`),
    "2018-12-30",
    "2018-12-31",
    "2019-01-01",
  ]),
  workdays: new Set([
    "2018-02-11",
    "2018-02-24",
    "2018-04-08",
    "2018-04-28",
    "2018-09-29",
    "2018-09-30",
    "2018-12-29",
  ]),
};

const S = DEFAULT_REPORTING_SETTINGS;
const with_ = (patch: Partial<ReportingSettings>): ReportingSettings => ({ ...S, ...patch });

describe("due dates on working days (R2)", () => {
  it("puts a monthly report on the 5th working day of the next month, skipping New Year's Day", () => {
    // 2018-01: 1st is a holiday; 2, 3, 4, 5 (Tue–Fri), then Monday the 8th is the 5th.
    expect(dueDate(CAL, "monthly", "2017-12")).toBe("2018-01-08");
    expect(dueDate(CAL, "monthly", "2018-01")).toBe("2018-02-07");
    // National Day: 1–7 October off, so the September report is due on Friday 12 October.
    expect(dueDate(CAL, "monthly", "2018-09")).toBe("2018-10-12");
  });

  it("counts a make-up working Sunday (调休) as a working day", () => {
    // Feb 2018, 10th working day: 1, 2, 5, 6, 7, 8, 9, Sun 11 (make-up), 12, 13.
    expect(dueDate(CAL, "monthly", "2018-01", with_({ monthlyDueWorkingDay: 10 }))).toBe("2018-02-13");
    const noMakeUp: WorkCalendar = { ...CAL, workdays: new Set() };
    expect(dueDate(noMakeUp, "monthly", "2018-01", with_({ monthlyDueWorkingDay: 10 }))).toBe("2018-02-14");
  });

  it("puts the annual report on the 15th working day of January and a daily report on the next day", () => {
    expect(dueDate(CAL, "annual", "2018")).toBe("2019-01-22");
    expect(dueDate(CAL, "daily", "2018-02-28")).toBe("2018-03-01");
  });

  it("refuses a malformed period", () => {
    expect(() => dueDate(CAL, "monthly", "2018-13")).toThrow(RuleInputError);
    expect(() => dueDate(CAL, "annual", "18")).toThrow(RuleInputError);
    expect(monthsBetween("2017-11", "2018-02")).toEqual(["2017-11", "2017-12", "2018-01", "2018-02"]);
  });
});

describe("entry closes N days after the period (R2), with province exceptions", () => {
  it("is open from the day after the period to the 30th day after it, inclusive", () => {
    expect(entryClosesOn("monthly", "2018-01")).toBe("2018-03-02");
    const open = (today: string, extra: Partial<Parameters<typeof isEntryOpen>[0]> = {}) =>
      isEntryOpen({ kind: "monthly", period: "2018-01", today, ...extra });
    expect(open("2018-01-31")).toBe(false);
    expect(open("2018-02-01")).toBe(true);
    expect(open("2018-03-02")).toBe(true);
    expect(open("2018-03-03")).toBe(false);
    expect(open("2018-03-10", { exceptionUntil: "2018-03-15" })).toBe(true);
    expect(open("2018-03-16", { exceptionUntil: "2018-03-15" })).toBe(false);
    // An exception earlier than the normal closing never shortens it.
    expect(open("2018-03-02", { exceptionUntil: "2018-02-10" })).toBe(true);
    expect(open("2018-06-01", { isCorrection: true })).toBe(true);
    expect(open("2018-02-20", { settings: with_({ entryClosesAfterDays: 10 }) })).toBe(false);
  });

  it("allows drafting during the period but not submitting (not_yet), then open, then closed", () => {
    const state = (today: string) => entryState({ kind: "annual", period: "2018", today });
    expect(state("2018-06-01")).toBe("not_yet");
    expect(state("2018-12-31")).toBe("not_yet");
    expect(state("2019-01-01")).toBe("open");
    expect(state("2019-01-30")).toBe("open");
    expect(state("2019-01-31")).toBe("closed");
  });
});

describe("completeness and timeliness (R2, E1), hand-computed", () => {
  const reporters: Reporter[] = [
    { key: "county", kind: "county", name: "县商务局" },
    { key: "c1", kind: "contractor", name: "承办企业甲" },
  ];
  const slots = reportSlots(CAL, reporters, "2018-03-31");
  const reports: ReceivedReport[] = [
    {
      reporterKey: "county",
      kind: "monthly",
      period: "2018-01",
      status: "approved",
      firstSubmittedOn: "2018-02-07",
    },
    {
      reporterKey: "county",
      kind: "monthly",
      period: "2018-02",
      status: "submitted",
      firstSubmittedOn: "2018-03-07",
    },
    {
      reporterKey: "c1",
      kind: "monthly",
      period: "2018-01",
      status: "approved",
      firstSubmittedOn: "2018-02-08",
    },
    { reporterKey: "c1", kind: "monthly", period: "2018-02", status: "draft", firstSubmittedOn: null },
  ];

  it("owes one monthly report per reporter per ended month from the first month", () => {
    expect(slots.map((s) => `${s.reporterKey}:${s.period}:${s.dueOn}`)).toEqual([
      "county:2018-01:2018-02-07",
      "county:2018-02:2018-03-07",
      "county:2018-03:2018-04-09",
      "c1:2018-01:2018-02-07",
      "c1:2018-02:2018-03-07",
      "c1:2018-03:2018-04-09",
    ]);
  });

  it("on the February due date: 4 expected, 3 received, 2 on time → 75.00% and 50.00%", () => {
    const counts = countReports(slots, reports, "2018-03-07");
    expect(counts).toEqual({ expected: 4, received: 3, onTime: 2 });
    expect(reportingRates(counts)).toEqual({ completenessBp: 7500, timelinessBp: 5000 });
  });

  it("the day before: only January is expected; the contractor's report one day late is late", () => {
    expect(countReports(slots, reports, "2018-03-06")).toEqual({ expected: 2, received: 2, onTime: 1 });
  });

  it("a report submitted on its due date is on time, the day after is not", () => {
    const one = slots.filter((s) => s.reporterKey === "county" && s.period === "2018-01");
    const at = (day: string) =>
      countReports(
        one,
        [
          {
            reporterKey: "county",
            kind: "monthly",
            period: "2018-01",
            status: "submitted",
            firstSubmittedOn: day,
          },
        ],
        "2018-12-31",
      );
    expect(at("2018-02-07")).toEqual({ expected: 1, received: 1, onTime: 1 });
    expect(at("2018-02-08")).toEqual({ expected: 1, received: 1, onTime: 0 });
  });

  it("floors basis points: 2 of 3 is 6666", () => {
    expect(reportingRates({ expected: 3, received: 2, onTime: 1 })).toEqual({
      completenessBp: 6666,
      timelinessBp: 3333,
    });
    expect(reportingRates({ expected: 0, received: 0, onTime: 0 })).toEqual({
      completenessBp: 0,
      timelinessBp: 0,
    });
  });

  it("does not count a returned report as received unless the setting says so", () => {
    const returned: ReceivedReport[] = [
      {
        reporterKey: "county",
        kind: "monthly",
        period: "2018-01",
        status: "returned",
        firstSubmittedOn: "2018-02-01",
      },
    ];
    const one = slots.filter((s) => s.reporterKey === "county" && s.period === "2018-01");
    expect(countReports(one, returned, "2018-03-01").received).toBe(0);
    expect(countReports(one, returned, "2018-03-01", with_({ returnedCountsAsReceived: true }))).toEqual({
      expected: 1,
      received: 1,
      onTime: 1,
    });
  });

  it("owes the annual report once the year has ended, and respects a contractor's months", () => {
    const late: Reporter = { key: "c2", kind: "contractor", name: "承办企业乙", fromMonth: "2018-11" };
    const all = reportSlots(CAL, [late], "2019-01-30");
    expect(all.map((s) => `${s.kind}:${s.period}`)).toEqual([
      "monthly:2018-11",
      "monthly:2018-12",
      "annual:2018",
    ]);
    expect(reportSlots(CAL, [late], "2018-12-30").map((s) => s.period)).toEqual(["2018-11"]);
  });

  it("owes nothing after the last month of the program's reporting (M5), unless the province extends it", () => {
    const county: Reporter = { key: "county", kind: "county", name: "县商务局" };
    const owed = reportSlots(CAL, [county], "2026-11-29");
    expect(owed.filter((s) => s.kind === "monthly")).toHaveLength(12);
    expect(owed.filter((s) => s.kind === "annual").map((s) => s.period)).toEqual(["2018"]);
    expect(
      reportSlots(CAL, [county], "2019-03-30", with_({ lastMonth: null })).filter(
        (s) => s.kind === "monthly",
      ),
    ).toHaveLength(14);
  });

  it("lists due and overdue reports, soonest first, with days late", () => {
    const list = dueAndOverdue(slots, reports, "2018-04-05");
    expect(
      list.map((d) => `${d.slot.reporterKey}:${d.slot.period}:${d.state}:${d.daysLate}:${d.isDueSoon}`),
    ).toEqual(["c1:2018-02:overdue:29:false", "county:2018-03:due:0:true", "c1:2018-03:due:0:true"]);
  });
});

describe("validation rules on submission (V0–V6)", () => {
  const base: MonthlyReportContent = {
    countyEcommerceFen: 1_000_000,
    ruralOnlineRetailFen: 600_000,
    agriculturalOnlineRetailFen: 200_000,
    projects: [
      { name: "县级服务中心", progressBp: 5000, contractedFen: 300_000, disbursedFen: 180_000, note: "" },
    ],
    issues: "",
  };
  const rules = (c: MonthlyReportContent, kind: "county" | "contractor" = "county") =>
    validateReportContent(c, kind).map((p) => p.rule);

  it("passes nested figures at equality: agricultural = rural = county", () => {
    expect(rules(base)).toEqual([]);
    expect(rules({ ...base, agriculturalOnlineRetailFen: 600_000, ruralOnlineRetailFen: 600_000 })).toEqual(
      [],
    );
    expect(rules({ ...base, ruralOnlineRetailFen: 1_000_000 })).toEqual([]);
  });

  it("fails one fen over: agricultural > rural (V1), rural > county (V2)", () => {
    expect(rules({ ...base, agriculturalOnlineRetailFen: 600_001 })).toEqual(["V1"]);
    expect(rules({ ...base, ruralOnlineRetailFen: 1_000_001 })).toEqual(["V2"]);
  });

  it("fails a project that disbursed more than its contract (V3), not one that disbursed all of it", () => {
    const project = base.projects[0]!;
    expect(rules({ ...base, projects: [{ ...project, disbursedFen: 300_000 }] })).toEqual([]);
    const problems = validateReportContent(
      { ...base, projects: [{ ...project, disbursedFen: 300_001 }] },
      "county",
    );
    expect(problems.map((p) => p.rule)).toEqual(["V3"]);
    expect(problems[0]!.message.zh).toContain("超过合同金额");
    expect(rules({ ...base, projects: [{ ...project, progressBp: 10_001 }] })).toEqual(["V4"]);
  });

  it("requires the three figures from the county authority (V0) but not from a contractor", () => {
    expect(rules(EMPTY_MONTHLY_CONTENT, "county")).toEqual(["V0", "V0", "V0"]);
    expect(rules(EMPTY_MONTHLY_CONTENT, "contractor")).toEqual([]);
  });
});

describe("the annual report is assembled from the monthly reports and the daily totals", () => {
  it("sums the months, keeps each project at its latest month, collects issues", () => {
    const month = (
      period: string,
      fen: number,
      progressBp: number,
      issues = "",
    ): { period: string; content: MonthlyReportContent } => ({
      period,
      content: {
        countyEcommerceFen: fen,
        ruralOnlineRetailFen: fen / 2,
        agriculturalOnlineRetailFen: null,
        projects: [
          { name: "仓储物流", progressBp, contractedFen: 100, disbursedFen: progressBp / 100, note: "" },
        ],
        issues,
      },
    });
    const annual = assembleAnnualReport([month("2018-02", 300, 4000, "雪灾"), month("2018-01", 100, 2000)], {
      days: 3,
      orders: 12,
      amountFen: 3400,
      shipments: 5,
    });
    expect(annual.countyEcommerceFen).toBe(400);
    expect(annual.ruralOnlineRetailFen).toBe(200);
    expect(annual.agriculturalOnlineRetailFen).toBeNull();
    expect(annual.projects).toEqual([
      { name: "仓储物流", progressBp: 4000, contractedFen: 100, disbursedFen: 40, note: "" },
    ]);
    expect(annual.months).toEqual(["2018-01", "2018-02"]);
    expect(annual.issues).toBe("2018-02：雪灾");
    expect(annual.daily.orders).toBe(12);
  });
});

describe("approval climbs county → city → province; approved is locked until reopened", () => {
  const chain = S.approvalChains.contractor;
  const step = (state: ReportState, action: Parameters<typeof applyReportAction>[1], settings = S) => {
    const result = applyReportAction(state, action, chain, settings);
    if (!result.ok) throw new Error(result.reason.en);
    return result.state;
  };
  const draft: ReportState = { status: "draft", pendingLevel: null };

  it("goes through each level in turn", () => {
    let s = step(draft, { type: "submit" });
    expect(s).toEqual({ status: "submitted", pendingLevel: "county" });
    s = step(s, { type: "approve", level: "county" });
    expect(s).toEqual({ status: "submitted", pendingLevel: "city" });
    s = step(s, { type: "approve", level: "city" });
    s = step(s, { type: "approve", level: "province" });
    expect(s).toEqual({ status: "approved", pendingLevel: null });
    expect(applyReportAction(s, { type: "submit" }, chain).ok).toBe(false);
  });

  it("lets a higher level act for a pending lower one only when the setting allows it", () => {
    const submitted = step(draft, { type: "submit" });
    expect(step(submitted, { type: "approve", level: "province" })).toEqual({
      status: "approved",
      pendingLevel: null,
    });
    const strict = { ...S, higherLevelMayAct: false };
    expect(applyReportAction(submitted, { type: "approve", level: "province" }, chain, strict).ok).toBe(
      false,
    );
    expect(
      applyReportAction(
        step(submitted, { type: "approve", level: "county" }),
        { type: "approve", level: "county" },
        chain,
      ).ok,
    ).toBe(false);
  });

  it("returns with a comment only, and a returned report can be submitted again", () => {
    const submitted = step(draft, { type: "submit" });
    expect(applyReportAction(submitted, { type: "return", level: "county", comment: " " }, chain).ok).toBe(
      false,
    );
    const returned = step(submitted, { type: "return", level: "county", comment: "数据有误" });
    expect(returned).toEqual({ status: "returned", pendingLevel: null });
    expect(step(returned, { type: "submit" }).status).toBe("submitted");
  });

  it("reopens an approved report back to the reporter, with a comment", () => {
    const approved: ReportState = { status: "approved", pendingLevel: null };
    expect(applyReportAction(approved, { type: "reopen", level: "city", comment: "" }, chain).ok).toBe(false);
    expect(step(approved, { type: "reopen", level: "city", comment: "补充附件" })).toEqual({
      status: "returned",
      pendingLevel: null,
    });
    expect(
      applyReportAction(
        { status: "submitted", pendingLevel: "city" },
        { type: "reopen", level: "province", comment: "x" },
        chain,
      ).ok,
    ).toBe(false);
  });

  it("a county's own report starts at the city", () => {
    const r = applyReportAction(draft, { type: "submit" }, S.approvalChains.county);
    expect(r.ok && r.state).toEqual({ status: "submitted", pendingLevel: "city" });
  });
});

describe("liaisons (R4, M3)", () => {
  const authority = { role: "authority" as const, name: "张三", phone: "0319-6212345" };
  it("needs exactly one authority liaison and one per contractor on record", () => {
    expect(liaisonListProblems([authority])).toEqual([]);
    expect(liaisonListProblems([])).toEqual(["缺少项目主管部门信息联络员（R4）"]);
    expect(liaisonListProblems([authority, { ...authority, name: "李四" }])[0]).toContain("只能确定1名");
    expect(liaisonListProblems([authority], ["甲公司"])).toEqual([
      "承办企业“甲公司”尚未确定信息联络员（R4）",
    ]);
    const two = {
      role: "contractor" as const,
      name: "王五",
      phone: "13800000000",
      organizationName: "甲公司",
    };
    expect(liaisonListProblems([authority, two], ["甲公司"])).toEqual([]);
    expect(liaisonListProblems([authority, two, { ...two, name: "赵六" }])[0]).toContain("甲公司");
    expect(liaisonListProblems([{ ...authority, phone: "call me" }])[0]).toContain("联系电话");
  });

  it("is on time when filed by 31 December (M3), late the day after", () => {
    expect(liaisonFiling("2017-12-31", "2018-10-31")).toEqual({
      isFiled: true,
      isOnTime: true,
      isOverdue: false,
    });
    expect(liaisonFiling("2018-01-01", "2018-10-31")).toEqual({
      isFiled: true,
      isOnTime: false,
      isOverdue: false,
    });
    expect(liaisonFiling(null, "2017-12-31")).toEqual({ isFiled: false, isOnTime: false, isOverdue: false });
    expect(liaisonFiling(null, "2018-01-01")).toEqual({ isFiled: false, isOnTime: false, isOverdue: true });
    // Not yet filed as of the day asked about.
    expect(liaisonFiling("2017-12-20", "2017-12-19").isFiled).toBe(false);
  });
});

describe("智能日报: the daily report generator (R2)", () => {
  const row = (stationCode: string, date: string, onlineMinutes: number, orders = 1) => ({
    stationCode,
    date,
    orders,
    amountFen: 1000,
    shipments: 2,
    onlineMinutes,
  });

  it("totals per day and floors the online rate", () => {
    const [first, second] = generateDailyReports([
      row("Z2", "2018-05-02", 0),
      row("Z1", "2018-05-01", 1440, 3),
      row("Z2", "2018-05-01", 719),
    ]);
    // (1440 + 719) / (2 × 1440) = 0.74965… → 7496 bp.
    expect(first).toMatchObject({
      date: "2018-05-01",
      stations: 2,
      orders: 4,
      amountFen: 2000,
      shipments: 4,
      onlineRateBp: 7496,
      stationsOnline: 2,
    });
    expect(first!.lines.map((l) => l.stationCode)).toEqual(["Z1", "Z2"]);
    expect(second).toMatchObject({ date: "2018-05-02", stations: 1, onlineRateBp: 0, stationsOnline: 0 });
  });

  it("refuses a station twice on one day, more minutes than a day, negative or fractional counts", () => {
    expect(() => generateDailyReports([row("Z1", "2018-05-01", 10), row("Z1", "2018-05-01", 20)])).toThrow(
      /twice/,
    );
    expect(() => generateDailyReports([row("Z1", "2018-05-01", 1441)])).toThrow(RuleInputError);
    expect(() => generateDailyReports([{ ...row("Z1", "2018-05-01", 10), amountFen: 1.5 }])).toThrow(
      RuleInputError,
    );
    expect(() => generateDailyReports([{ ...row("Z1", "2018-05-01", 10), orders: -1 }])).toThrow(
      RuleInputError,
    );
    expect(() => generateDailyReports([row("Z1", "2018-02-30", 10)])).toThrow(RuleInputError);
    expect(generateDailyReports([])).toEqual([]);
  });
});
