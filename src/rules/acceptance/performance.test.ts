import { describe, expect, it } from "vitest";
import type { ItemStatus, Scorecard, ScorecardItem, VetoStatus } from "./evaluate";
import {
  checkPerformanceSettings,
  DEFAULT_PERFORMANCE_SETTINGS,
  evaluatePerformance,
  gradeOf,
  type PerformanceSettings,
} from "./performance";
import { HEBEI_2017 } from "./standard";

/** A scorecard where every item passes and no veto is triggered, with per-item overrides. */
function card(
  overrides: Record<string, Partial<ScorecardItem>> = {},
  veto: Record<string, VetoStatus> = {},
): Scorecard {
  return {
    county: "130533",
    asOf: "2018-10-31",
    standard: "hebei-2017",
    standardVersion: 1,
    verdict: "passed",
    items: HEBEI_2017.items.map((i) => ({
      id: i.id,
      status: "pass" as ItemStatus,
      measured: {},
      threshold: {},
      rules: i.rules,
      note: "",
      decidedBy: "data" as const,
      overridden: false,
      ...overrides[i.id],
    })),
    veto: HEBEI_2017.veto.map((v) => ({
      id: v.id,
      status: veto[v.id] ?? "clear",
      note: "",
      decidedBy: "data" as const,
      overridden: false,
    })),
  };
}

const FULL = { constructionProgressBp: 10_000, disbursementProgressBp: 10_000 };
const failed = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, { status: "fail" as const }]));

describe("performance indicators (F10, M5)", () => {
  it("ships default weights over A–D and progress that sum to 100", () => {
    expect(checkPerformanceSettings(DEFAULT_PERFORMANCE_SETTINGS)).toEqual([]);
    const items = DEFAULT_PERFORMANCE_SETTINGS.indicators.flatMap((i) =>
      i.source.kind === "item" ? [i.source.itemId] : [],
    );
    expect(items).toEqual(HEBEI_2017.items.map((i) => i.id));
  });

  it("refuses weights that do not sum to 100 and grade floors out of order", () => {
    const bad: PerformanceSettings = {
      ...DEFAULT_PERFORMANCE_SETTINGS,
      indicators: DEFAULT_PERFORMANCE_SETTINGS.indicators.slice(1),
      gradeFloors: { excellent: 80, good: 90, fair: 60 },
    };
    const problems = checkPerformanceSettings(bad);
    expect(problems.some((p) => p.includes("合计应为 100，实为 94"))).toBe(true);
    expect(problems.some((p) => p.includes("等级分数线"))).toBe(true);
  });

  it("gives a county that passes everything with full progress 100 points, 优秀", () => {
    const result = evaluatePerformance(card(), FULL);
    expect(result.points).toBe(100);
    expect(result.grade).toBe("excellent");
    expect(result.groups.reduce((s, g) => s + g.points, 0)).toBe(100);
    expect(result.isProvisional).toBe(false);
  });
});

describe("grades at their floors: 优秀 ≥ 90, 良好 ≥ 80, 一般 ≥ 60, 较差 < 60", () => {
  const floors = DEFAULT_PERFORMANCE_SETTINGS.gradeFloors;
  it.each([
    [10_000, "excellent"],
    [9000, "excellent"],
    [8999, "good"],
    [8000, "good"],
    [7999, "fair"],
    [6000, "fair"],
    [5999, "poor"],
    [0, "poor"],
  ])("%i hundredths → %s", (hundredths, grade) => {
    expect(gradeOf(hundredths, floors)).toBe(grade);
  });

  // C3 5 + C1 3 + C4 2 = 10 points lost → exactly 90.
  it("grades exactly 90 points 优秀 and 89.99 良好", () => {
    const at = evaluatePerformance(card(failed(["C1", "C3", "C4"])), FULL);
    expect(at.points).toBe(90);
    expect(at.grade).toBe("excellent");
    // construction at 99.99% earns floor(7 × 9999 / 100) = 699 hundredths: 0.01 short.
    const under = evaluatePerformance(card(failed(["C1", "C3", "C4"])), {
      ...FULL,
      constructionProgressBp: 9999,
    });
    expect(under.points).toBe(89.99);
    expect(under.grade).toBe("good");
  });

  // A1 6 + A2 6 + A4 3 + B1 3 + B9 2 = 20 → 80; then B5 (3) → 77.
  it("grades exactly 80 points 良好, and below it 一般", () => {
    const at = evaluatePerformance(card(failed(["A1", "B1", "B9", "A2", "A4"])), FULL);
    expect(at.points).toBe(80);
    expect(at.grade).toBe("good");
    const under = evaluatePerformance(card(failed(["A1", "B1", "B9", "A2", "A4"])), {
      ...FULL,
      disbursementProgressBp: 9999,
    });
    expect(under.points).toBe(79.99);
    expect(under.grade).toBe("fair");
  });

  // A1 6 + A2 6 + A3 10 + A4 3 + B2 6 + B3 4 + B9 2 + C4 2 = 39 points lost → 61.
  it("grades 60 points 一般 and 59.99 较差", () => {
    const lost = ["A1", "A2", "A3", "A4", "B2", "B3", "B9", "C4"];
    const sixtyOne = evaluatePerformance(card(failed(lost)), FULL);
    expect(sixtyOne.points).toBe(61);
    // construction at 85.72%: floor(7 × 8572 / 100) = 600 hundredths → 61 − 7 + 6 = 60.
    const sixty = evaluatePerformance(card(failed(lost)), { ...FULL, constructionProgressBp: 8572 });
    expect(sixty.points).toBe(60);
    expect(sixty.grade).toBe("fair");
    const under = evaluatePerformance(card(failed(lost)), { ...FULL, constructionProgressBp: 8571 });
    expect(under.points).toBe(59.99);
    expect(under.grade).toBe("poor");
  });
});

describe("partial credit and traceability", () => {
  it("gives a failed coverage item points in proportion to its weakest measure (45% of 50% → 90%)", () => {
    const a3 = {
      status: "fail" as const,
      measured: { coverageBp: 4500, poorCoverageBp: 6000, villages: 400 },
      threshold: { coverageBp: 5000, poorCoverageBp: 5000 },
    };
    const result = evaluatePerformance(card({ A3: a3 }), FULL);
    const score = result.indicators.find((i) => i.key === "A3")!;
    expect(score).toMatchObject({ basis: "partial", shareBp: 9000, points: 9, itemIds: ["A3"] });
    expect(score.ratios).toEqual([
      { measured: "coverageBp", value: 4500, threshold: 5000, ratioBp: 9000 },
      { measured: "poorCoverageBp", value: 6000, threshold: 5000, ratioBp: 10_000 },
    ]);
    expect(score.measured).toEqual(a3.measured);
    expect(score.note).toContain("行政村站点覆盖率");
    expect(result.points).toBe(99);
  });

  it("caps a failed item whose measures were all met at the setting (a fail always costs)", () => {
    const a3 = {
      status: "fail" as const,
      measured: { coverageBp: 5000, poorCoverageBp: 5000 },
      threshold: { coverageBp: 5000, poorCoverageBp: 5000 },
    };
    const score = evaluatePerformance(card({ A3: a3 }), FULL).indicators.find((i) => i.key === "A3")!;
    expect(score.shareBp).toBe(DEFAULT_PERFORMANCE_SETTINGS.failedItemCapBp);
    expect(score.points).toBe(9);
  });

  it("reads a [min, max] threshold by its min (B4 developed products)", () => {
    const b4 = {
      status: "fail" as const,
      measured: { brands: 5, regionalBrands: 1, developedProducts: 2 },
      threshold: { brands: 5, regionalBrands: 1, developedProducts: [5, 10] },
    };
    const score = evaluatePerformance(card({ B4: b4 }), FULL).indicators.find((i) => i.key === "B4")!;
    expect(score.shareBp).toBe(4000);
    expect(score.points).toBe(1.6);
  });

  it("gives nothing for a fail no measure explains, or for pending items, and marks the grade provisional", () => {
    const result = evaluatePerformance(card({ C3: { status: "fail" }, C1: { status: "pending" } }), FULL);
    expect(result.indicators.find((i) => i.key === "C3")).toMatchObject({ points: 0, basis: "fail" });
    expect(result.indicators.find((i) => i.key === "C1")).toMatchObject({ points: 0, basis: "pending" });
    expect(result.pendingItems).toEqual(["C1"]);
    expect(result.isProvisional).toBe(true);
    expect(result.points).toBe(92);
  });

  it("scores n/a items in full by default, and not at all when the setting says so", () => {
    const na = card({ B6: { status: "n/a", decidedBy: "assessor" } });
    expect(evaluatePerformance(na, FULL).points).toBe(100);
    const strict = { ...DEFAULT_PERFORMANCE_SETTINGS, isNotApplicableFullPoints: false };
    expect(evaluatePerformance(na, FULL, strict).points).toBe(97);
  });

  it("scores progress against the target from the funds facts and names E4 behind it", () => {
    const result = evaluatePerformance(card(), {
      constructionProgressBp: 5000,
      disbursementProgressBp: 4000,
    });
    const construction = result.indicators.find((i) => i.key === "progress.construction")!;
    expect(construction).toMatchObject({
      points: 3.5,
      itemIds: ["E4"],
      measured: { constructionProgressBp: 5000 },
    });
    expect(result.points).toBe(92.3);
    const none = evaluatePerformance(card(), undefined);
    expect(none.points).toBe(86);
    expect(none.indicators.at(-1)!.basis).toBe("no_data");
  });

  it("grades a vetoed county 较差 whatever its points, keeping the grade the points give", () => {
    const result = evaluatePerformance(card({}, { E2: "triggered" }), FULL);
    expect(result.points).toBe(100);
    expect(result.gradeByPoints).toBe("excellent");
    expect(result.grade).toBe("poor");
    expect(result.vetoed).toEqual(["E2"]);
    const ignore = evaluatePerformance(card({}, { E2: "triggered" }), FULL, {
      ...DEFAULT_PERFORMANCE_SETTINGS,
      vetoGrade: null,
    });
    expect(ignore.grade).toBe("excellent");
  });
});
