import { describe, expect, it } from "vitest";
import type { OutcomesFacts, YearFigures } from "./acceptance/facts";
import {
  describeMarketRecords,
  inspectionProblem,
  judgeAgriSalesAndJobs,
  judgeCoordination,
  judgeInspections,
  judgePoorHouseholdSales,
  judgePublicity,
  judgeTransactionsGrowth,
  judgeUpgradedEnterprises,
  meetingProblem,
  poorStaffShareBp,
  DEFAULT_OUTCOME_SETTINGS as S,
  staffDatesProblem,
  webLinkProblem,
} from "./outcomes";

const year = (y: number, fen: number, agri: number, jobs = 10): YearFigures => ({
  year: y,
  transactionsFen: fen,
  ruralRetailFen: fen,
  agriRetailFen: agri,
  jobs,
});

const none: OutcomesFacts = {
  years: [],
  poorSales: { households: 0, quantity: 0, amountFen: 0, incomeGainFen: 0 },
  staffing: { staff: 0, poorStaff: 0 },
  leadingGroup: { members: 0, headedByCountyHead: false },
  jointMeetings: 0,
  decisions: 0,
  decisionsFollowedUp: 0,
  inspections: 0,
  supervisionVisits: 0,
  findingsOpen: 0,
  inspectionPhotos: 0,
  typicalCases: 0,
  casesReportedUpward: 0,
  researchReports: 0,
  recognitions: 0,
  upgradedEnterprises: 0,
  enterprisesPartlyUpgraded: 0,
  marketRecords: { policies: 0, supervision: 0, creditEvaluations: 0 },
  channelListings: 0,
  directSupplyLinks: 0,
};
const withYears = (...years: YearFigures[]): OutcomesFacts => ({ ...none, years });

describe("D1: county e-commerce transactions year on year (rule G2)", () => {
  it("fails just under +20%, passes at and just over it", () => {
    const base = 1_000_000_00; // 1,000,000 yuan
    const at = (fen: number) =>
      judgeTransactionsGrowth(withYears(year(2017, base, 1), year(2018, fen, 1)), "2018-10-31", S);
    expect(at(1_199_999_99)).toMatchObject({ status: "fail", measured: { growthBp: 1999 } });
    expect(at(1_200_000_00)).toMatchObject({
      status: "pass",
      measured: { year: 2018, transactionsFen: 1_200_000_00, previousFen: base, growthBp: 2000 },
      threshold: { growthBp: 2000 },
    });
    expect(at(1_200_100_00)).toMatchObject({ status: "pass", measured: { growthBp: 2001 } });
  });

  it("is pending when the as-of year or the year before is missing, and names it", () => {
    const r = judgeTransactionsGrowth(withYears(year(2018, 5, 5)), "2018-06-30", S);
    expect(r).toMatchObject({ status: "pending", measured: { previousFen: null, growthBp: null } });
    expect(r.note).toContain("2017年");
    expect(judgeTransactionsGrowth(withYears(year(2017, 5, 5)), "2018-06-30", S).note).toContain("2018年");
  });

  it("states no growth from a zero year (pending), and floors a fall", () => {
    expect(
      judgeTransactionsGrowth(withYears(year(2017, 0, 0), year(2018, 9, 9)), "2018-01-01", S).status,
    ).toBe("pending");
    const fall = judgeTransactionsGrowth(withYears(year(2017, 3, 3), year(2018, 2, 2)), "2018-01-01", S);
    expect(fall).toMatchObject({ status: "fail", measured: { growthBp: -3334 } });
  });

  it("computes growth exactly for figures whose × 10000 passes 2^53", () => {
    const base = 123_456_789_012_35; // 123 billion yuan in fen
    const r = judgeTransactionsGrowth(
      withYears(year(2017, base, 1), year(2018, (base / 5) * 6 - 1, 1)),
      "2018-12-31",
      S,
    );
    expect(r.measured.growthBp).toBe(1999); // one fen short of +20% is still short
  });
});

describe("D2: agricultural online retail year on year, and jobs created (rule G3)", () => {
  const base = 300_000_00;
  const at = (fen: number, jobs = 12) =>
    judgeAgriSalesAndJobs(withYears(year(2017, 1, base), year(2018, 1, fen, jobs)), "2018-10-31", S);

  it("fails just under +30%, passes at and just over it", () => {
    expect(at(389_999_99)).toMatchObject({ status: "fail", measured: { growthBp: 2999 } });
    expect(at(390_000_00)).toMatchObject({
      status: "pass",
      measured: { year: 2018, agriSalesFen: 390_000_00, previousFen: base, growthBp: 3000, jobs: 12 },
    });
    expect(at(390_030_00)).toMatchObject({ status: "pass", measured: { growthBp: 3001 } });
  });

  it("fails without jobs created (reading: jobs > 0)", () => {
    const r = at(500_000_00, 0);
    expect(r.status).toBe("fail");
    expect(r.note).toContain("带动就业 0 人");
    expect(at(500_000_00, 1).status).toBe("pass");
  });

  it("is pending when a year is missing", () => {
    expect(judgeAgriSalesAndJobs(withYears(year(2018, 1, 1)), "2018-10-31", S).status).toBe("pending");
  });
});

describe("D3 sales part: poor households' online sales on record (rule O9)", () => {
  it("needs at least one household with sales (reading)", () => {
    expect(judgePoorHouseholdSales(none, S)).toMatchObject({ ok: false });
    const one = { ...none, poorSales: { households: 1, quantity: 3, amountFen: 9000, incomeGainFen: 2000 } };
    expect(judgePoorHouseholdSales(one, S)).toMatchObject({
      ok: true,
      measured: { householdsWithSales: 1, salesFen: 9000, incomeGainFen: 2000 },
    });
  });
});

describe("records decide C1, C2, C5 and D4; C4 stays with the assessor", () => {
  it("leaves each pending without any record", () => {
    for (const r of [
      judgeCoordination(none, S),
      judgeInspections(none, S),
      judgePublicity(none, S),
      judgeUpgradedEnterprises(none, S),
      describeMarketRecords(none),
    ])
      expect(r.status).toBe("pending");
  });

  it("C1 (rule K3): the county head leads and joint meetings reach the reading", () => {
    const group = { members: 8, headedByCountyHead: true };
    expect(judgeCoordination({ ...none, leadingGroup: group, jointMeetings: 1 }, S).status).toBe("fail");
    expect(judgeCoordination({ ...none, leadingGroup: group, jointMeetings: 2 }, S).status).toBe("pass");
    const deputy = { ...none, leadingGroup: { members: 8, headedByCountyHead: false }, jointMeetings: 5 };
    expect(judgeCoordination(deputy, S).note).toContain("县长挂帅");
  });

  it("C2 (rule K3): a province visit alone is no county inspection record", () => {
    expect(judgeInspections({ ...none, supervisionVisits: 2 }, S).status).toBe("fail");
    expect(judgeInspections({ ...none, inspections: 1 }, S).status).toBe("pass");
  });

  it("C5 (rule K4): 4 reports fail, 5 pass, 6 pass — with recognition", () => {
    const c5 = (researchReports: number, recognitions = 1) =>
      judgePublicity({ ...none, researchReports, recognitions }, S).status;
    expect([c5(4), c5(5), c5(6)]).toEqual(["fail", "pass", "pass"]);
    expect(c5(6, 0)).toBe("fail");
  });

  it("D4 (rule K7): partly upgraded enterprises do not count", () => {
    expect(judgeUpgradedEnterprises({ ...none, enterprisesPartlyUpgraded: 3 }, S).status).toBe("fail");
    expect(judgeUpgradedEnterprises({ ...none, upgradedEnterprises: 1 }, S).status).toBe("pass");
  });

  it("K5: the share of registered poor staff, floored, 0 without staff", () => {
    expect(poorStaffShareBp(3, 1)).toBe(3333);
    expect(poorStaffShareBp(0, 0)).toBe(0);
  });
});

describe("the records' cross-field checks, shared by the forms and the server (K3–K5)", () => {
  it("refuses more decisions followed up than taken, and open findings left undescribed", () => {
    expect(meetingProblem({ decisions: 2, decisionsFollowedUp: 2 })).toBeUndefined();
    expect(meetingProblem({ decisions: 2, decisionsFollowedUp: 3 })?.path).toBe("decisionsFollowedUp");
    expect(inspectionProblem({ findingsOpen: 0, findings: "" })).toBeUndefined();
    expect(inspectionProblem({ findingsOpen: 1, findings: "  " })?.path).toBe("findings");
    expect(inspectionProblem({ findingsOpen: 1, findings: "公告牌缺失" })).toBeUndefined();
  });

  it("takes only http(s) addresses as links, and an end date on or after the start", () => {
    expect(webLinkProblem("url", "https://example.org/a")).toBeUndefined();
    expect(webLinkProblem("url", "http://x.cn")).toBeUndefined();
    for (const bad of ["javascript:alert(1)", "example.org", "https:// x", "ftp://x.cn"])
      expect(webLinkProblem("url", bad)?.path, bad).toBe("url");
    expect(staffDatesProblem({ startedOn: "2018-03-01", endedOn: null })).toBeUndefined();
    expect(staffDatesProblem({ startedOn: "2018-03-01", endedOn: "2018-03-01" })).toBeUndefined();
    expect(staffDatesProblem({ startedOn: "2018-03-01", endedOn: "2018-02-28" })?.path).toBe("endedOn");
  });
});
