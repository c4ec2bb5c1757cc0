import { describe, expect, it } from "vitest";
import {
  DEFAULT_UPWARD_SETTINGS,
  followupStatistics,
  growthBp,
  isIncubatedShop,
  periodOf,
  platformLabel,
  poorHouseholdTraining,
  productWork,
  tallyTraining,
  traceabilityEnterprises,
  trainingVolume,
  yearOnYear,
} from "./upward";

describe("training volume per county (G4, O8; acceptance B7)", () => {
  it.each([
    [2999, false],
    [3000, true],
    [3001, true],
  ])("%i person-times → met %s", (n, met) => {
    const r = trainingVolume(n);
    expect(r.met).toBe(met);
    expect(r.findings.map((f) => f.rule)).toEqual(met ? [] : ["G4"]);
  });

  it("takes the threshold from the setting (a province may refine the reading)", () => {
    expect(trainingVolume(2000, { ...DEFAULT_UPWARD_SETTINGS, personTimesPerCounty: 2000 }).met).toBe(true);
  });

  it("counts person-times and distinct people exactly, up to asOf (G4)", () => {
    const rows = [
      { date: "2018-03-01", personKey: "A", householdCode: "H1" },
      { date: "2018-03-01", personKey: "B" },
      { date: "2018-04-01", personKey: "A", householdCode: "H1" }, // same person again: 1 more 人次
      { date: "2018-05-01", personKey: "C", householdCode: "H2" },
      { date: "2018-11-01", personKey: "D", householdCode: "H3" }, // after asOf
    ];
    const t = tallyTraining(rows, "2018-10-31");
    expect(t.personTimes).toBe(4);
    expect(t.people).toBe(3);
    expect([...t.householdsTrained].sort()).toEqual(["H1", "H2"]);
  });
});

describe("poor-household training rate (O9; acceptance D3)", () => {
  it.each([
    [10000, 7999, 7999, false],
    [10000, 8000, 8000, true],
    [3, 2, 6666, false], // floor(20000/3) = 6666
    [5, 4, 8000, true],
  ])("%i households, %i trained → %i bp, met %s", (households, trained, bp, met) => {
    const r = poorHouseholdTraining(households, trained);
    expect(r.rateBp).toBe(bp);
    expect(r.met).toBe(met);
  });

  it("does not pass without a roster of registered poor households (O9)", () => {
    const r = poorHouseholdTraining(0, 0);
    expect(r.met).toBe(false);
    expect(r.findings[0]).toMatchObject({ rule: "O9", zh: "无建档立卡贫困户名册" });
  });
});

describe("products and brands (O5; acceptance B4)", () => {
  const passing = {
    hasProductSurvey: true,
    brands: 5,
    regionalBrands: 1,
    developedProducts: 5,
    circulationStandards: 1,
    platformsWithListings: ["淘宝"],
  };

  it("passes at the thresholds: 5 brands incl. 1 regional, 5 单品, 1 standard, 1 platform", () => {
    expect(productWork(passing)).toEqual({ met: true, aboveRange: false, findings: [] });
  });

  it("fails one short on each count, naming each shortfall (O5)", () => {
    const r = productWork({
      hasProductSurvey: false,
      brands: 4,
      regionalBrands: 0,
      developedProducts: 4,
      circulationStandards: 0,
      platformsWithListings: [],
    });
    expect(r.met).toBe(false);
    expect(r.findings).toHaveLength(6);
    expect(r.findings.every((f) => f.rule === "O5")).toBe(true);
  });

  it("reports more than 10 单品 as above the range without failing", () => {
    expect(productWork({ ...passing, developedProducts: 11 })).toMatchObject({ met: true, aboveRange: true });
    expect(productWork({ ...passing, developedProducts: 10 }).aboveRange).toBe(false);
  });

  it("counts another platform under its own name", () => {
    expect(platformLabel("jd")).toBe("京东");
    expect(platformLabel("other", " 拼多多 ")).toBe("拼多多");
    expect(platformLabel("other", "")).toBe("其他");
  });
});

describe("incubated shops (O6 reading, per shop; acceptance B5)", () => {
  it.each([
    [2_999_999, false],
    [3_000_000, true],
  ])("annual transactions %i fen → incubated %s", (fen, ok) => {
    expect(isIncubatedShop(fen)).toBe(ok);
  });
});

describe("traceability enterprises with sales (O7; acceptance B6)", () => {
  it.each([
    [0, false],
    [1, true],
    [3, true],
    [4, true],
  ])("%i enterprises → met %s (at least 1; more than 3 is no failure)", (n, met) => {
    expect(traceabilityEnterprises(n).met).toBe(met);
  });
  it("fails above 3 only where a province made the range a cap", () => {
    const capped = { ...DEFAULT_UPWARD_SETTINGS, traceEnterprisesMaxIsLimit: true };
    expect(traceabilityEnterprises(3, capped).met).toBe(true);
    expect(traceabilityEnterprises(4, capped).met).toBe(false);
  });
});

describe("year-on-year growth (G2, G3; acceptance D1, D2)", () => {
  it("floors growth in bp and leaves it undefined without a base year", () => {
    expect(growthBp(1_000_00, 1_200_00)).toBe(2000);
    expect(growthBp(3, 4)).toBe(3333);
    expect(growthBp(100, 90)).toBe(-1000);
    expect(growthBp(0, 100)).toBeUndefined();
  });

  it.each([
    ["rural_retail", 10_000, 11_999, false],
    ["rural_retail", 10_000, 12_000, true],
    ["agricultural_retail", 10_000, 12_999, false],
    ["agricultural_retail", 10_000, 13_000, true],
  ] as const)("%s %i → %i met %s (G2 +20%%, G3 +30%%)", (measure, base, current, met) => {
    expect(yearOnYear(measure, base, current).met).toBe(met);
  });
});

describe("after-training statistics (O8; acceptance B8)", () => {
  it("counts records per kind and distinct trainees per period", () => {
    const rows = [
      { personKey: "A", date: "2018-04-02", kind: "visit" as const },
      { personKey: "A", date: "2018-05-20", kind: "startup" as const },
      { personKey: "B", date: "2018-06-30", kind: "job" as const },
      { personKey: "B", date: "2018-07-01", kind: "visit" as const },
    ];
    const quarters = followupStatistics(rows, "quarter");
    expect(quarters.map((q) => [q.period, q.people])).toEqual([
      ["2018-Q2", 2],
      ["2018-Q3", 1],
    ]);
    expect(quarters[0]!.records).toEqual({ visit: 1, coaching: 0, incubation: 0, startup: 1, job: 1 });
    expect(followupStatistics(rows, "month").map((m) => m.period)).toEqual([
      "2018-04",
      "2018-05",
      "2018-06",
      "2018-07",
    ]);
    expect(periodOf("2018-12-31", "quarter")).toBe("2018-Q4");
  });
});
