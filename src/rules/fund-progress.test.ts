import { describe, expect, it } from "vitest";
import {
  constructionProgressBp,
  disbursementProgressBp,
  isProgressAtRisk,
  progressBp,
} from "./fund-progress";

const SUBSIDY = 1_500_000_000;

describe("progress (E4)", () => {
  it("floors bp exactly and caps at 100%", () => {
    expect(progressBp(1, 3)).toBe(3333);
    expect(progressBp(600_000_000, SUBSIDY)).toBe(4000);
    expect(progressBp(599_999_999, SUBSIDY)).toBe(3999);
    expect(progressBp(5, 0)).toBe(0);
    expect(progressBp(20, 10)).toBe(10000);
  });

  it("weights construction by deliverable amount and counts only what was done by asOf (E4)", () => {
    const deliverables = [
      { amountFen: 900_000_000, doneOn: "2018-05-01" },
      { amountFen: 600_000_000, doneOn: "2018-11-01" },
    ];
    expect(constructionProgressBp(deliverables, "2018-10-31", SUBSIDY)).toBe(6000);
    expect(constructionProgressBp(deliverables, "2018-11-01", SUBSIDY)).toBe(10000);
  });

  it("measures construction against at least the subsidy by default, or against the deliverables if set", () => {
    const few = [{ amountFen: 100_000_000, doneOn: "2018-05-01" }];
    expect(constructionProgressBp(few, "2018-10-31", SUBSIDY)).toBe(666);
    expect(
      constructionProgressBp(few, "2018-10-31", SUBSIDY, { constructionBasis: "planned_deliverables" }),
    ).toBe(10000);
  });

  it("is at risk below 40% of either measure, not at exactly 40% (E4)", () => {
    expect(disbursementProgressBp(600_000_000, SUBSIDY)).toBe(4000);
    expect(isProgressAtRisk({ constructionBp: 4000, disbursementBp: 4000 })).toBe(false);
    expect(isProgressAtRisk({ constructionBp: 3999, disbursementBp: 9000 })).toBe(true);
    expect(isProgressAtRisk({ constructionBp: 9000, disbursementBp: 3999 })).toBe(true);
  });
});
