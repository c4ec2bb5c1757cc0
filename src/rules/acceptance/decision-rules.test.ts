import { describe, expect, it } from "vitest";
import { decisionRequirements, mayDecide } from "./decision-rules";

describe("what a decision needs (how the standard is applied)", () => {
  it("deciding a pending item needs a reason only", () => {
    expect(
      decisionRequirements({ itemId: "B1", status: "pass", dataStatus: "pending", hasLeads: false }),
    ).toEqual({
      isOverride: false,
      needsEvidence: false,
      reasonMinLength: 2,
    });
  });
  it("agreeing with the data is no override; overturning it needs evidence and a written reason", () => {
    expect(
      decisionRequirements({ itemId: "A4", status: "fail", dataStatus: "fail", hasLeads: false }).isOverride,
    ).toBe(false);
    expect(
      decisionRequirements({ itemId: "A4", status: "pass", dataStatus: "fail", hasLeads: false }),
    ).toEqual({
      isOverride: true,
      needsEvidence: true,
      reasonMinLength: 10,
    });
    expect(
      decisionRequirements({ itemId: "E3", status: "clear", dataStatus: "triggered", hasLeads: false })
        .needsEvidence,
    ).toBe(true);
  });
  it("E5: a finding always needs evidence; clearing needs it only when the data raised leads (rule E5)", () => {
    const e5 = (status: string, hasLeads: boolean) =>
      decisionRequirements({ itemId: "E5", status, dataStatus: "pending", hasLeads }).needsEvidence;
    expect(e5("triggered", false)).toBe(true);
    expect(e5("clear", true)).toBe(true);
    expect(e5("clear", false)).toBe(false);
  });
  it("the assessor decides every item; the province decides E5 too, nothing else", () => {
    expect(mayDecide("assessor", "A1")).toBe(true);
    expect(mayDecide("province_admin", "E5")).toBe(true);
    expect(mayDecide("province_admin", "E4")).toBe(false);
    expect(mayDecide("county_admin", "E5")).toBe(false);
  });
});
