import { describe, expect, it } from "vitest";
import { parseSupportMethod, reviewFundPlan } from "./fund-plan";

const SUBSIDY = 1_500_000_000;
const lines = [
  { category: "upward_services", amountFen: 300_000_000, description: "品牌培育" },
  { category: "upward_infrastructure", amountFen: 225_000_000, description: "预冷设施" },
  { category: "logistics", amountFen: 450_000_000, description: "三级物流" },
  { category: "service_center", amountFen: 150_000_000, description: "服务中心改造" },
  { category: "village_stations", amountFen: 150_000_000, description: "村级站点" },
  { category: "training", amountFen: 225_000_000, description: "培训（学员食宿费自理）" },
];

describe("support methods (F1)", () => {
  it("reads keys, Chinese names and short forms; refuses the unknown", () => {
    expect(parseSupportMethod("以奖代补")).toBe("award_in_lieu");
    expect(parseSupportMethod("PPP模式")).toBe("ppp");
    expect(parseSupportMethod("贴息")).toBe("interest_subsidy");
    expect(parseSupportMethod("equity")).toBe("equity");
    expect(parseSupportMethod("捐赠")).toBeUndefined();
    expect(parseSupportMethod(" ")).toBeUndefined();
  });
});

describe("reviewFundPlan (F3, F4 with the officer's clearances)", () => {
  it("blocks a plan while an F4 alarm is open, and lets it go once cleared with a reason", () => {
    const open = reviewFundPlan({ subsidyFen: SUBSIDY, lines }, []);
    expect(open.forbidden).toHaveLength(1);
    expect(open.isReady).toBe(false);
    const blank = reviewFundPlan({ subsidyFen: SUBSIDY, lines }, [{ line: 5, reason: "  " }]);
    expect(blank.isReady).toBe(false);
    const cleared = reviewFundPlan({ subsidyFen: SUBSIDY, lines }, [
      { line: 5, reason: "学员自理，不由中央资金支付" },
    ]);
    expect(cleared).toMatchObject({ isReady: true, openForbidden: [] });
    expect(cleared.clearedForbidden[0]).toMatchObject({
      line: 5,
      rule: "F4",
      clearance: "学员自理，不由中央资金支付",
    });
    // The alarm stays on record: `ok` of the bare rule check is still false.
    expect(cleared.ok).toBe(false);
  });

  it("never clears a share problem: a plan 3 pp off stays blocked (F3)", () => {
    const off = lines.map((l) =>
      l.category === "upward_services"
        ? { ...l, amountFen: 345_000_000 }
        : l.category === "logistics"
          ? { ...l, amountFen: 405_000_000 }
          : l,
    );
    const review = reviewFundPlan({ subsidyFen: SUBSIDY, lines: off }, [{ line: 5, reason: "学员自理食宿" }]);
    expect(review.isReady).toBe(false);
    expect(review.problems.join()).toMatch(/F3/);
  });
});
