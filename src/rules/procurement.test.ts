import { describe, expect, it } from "vitest";
import {
  type Bidder,
  contractRedFlags,
  DEFAULT_RED_FLAG_SETTINGS,
  daysBetween,
  deadlineStatus,
  type TenderForFlags,
  tenderRedFlags,
} from "./procurement";

const clean: TenderForFlags = {
  method: "open",
  estimateFen: 100_000_000,
  documentsIssuedOn: "2017-11-01",
  bidDeadline: "2017-11-21", // exactly 20 days
  awardedOn: "2017-11-30",
  awardFen: 95_000_000,
  bidders: [
    { name: "甲公司", address: "建设路1号", phone: "0319-1111111", contact: "张", bidFen: 95_000_000 },
    { name: "乙公司", address: "人民路2号", phone: "0319-2222222", contact: "王", bidFen: 97_000_000 },
  ],
};
const ids = (t: TenderForFlags, asOf = "2018-10-31") => tenderRedFlags(t, asOf).map((f) => f.id);

describe("tender red flags (F5, T3)", () => {
  it("raises none on a clean open tender with a 20-day window", () => {
    expect(ids(clean)).toEqual([]);
  });

  it("flags a procurement that is not a public tender (F5)", () => {
    expect(ids({ ...clean, method: "competitive_negotiation" })).toEqual(["not_open_tender"]);
  });

  it("flags a single bidder once the deadline has passed (T3)", () => {
    const one = { ...clean, bidders: clean.bidders.slice(0, 1), awardedOn: null, awardFen: null };
    expect(ids(one, "2017-11-20")).toEqual([]);
    expect(ids(one, "2017-11-21")).toEqual(["single_bidder"]);
  });

  it("flags a bidding window of 19 days but not of 20 (Tendering and Bidding Law art. 24)", () => {
    expect(ids({ ...clean, bidDeadline: "2017-11-20", awardedOn: "2017-11-29" })).toEqual([
      "short_bidding_window",
    ]);
    expect(daysBetween("2017-11-01", "2017-11-21")).toBe(DEFAULT_RED_FLAG_SETTINGS.minBiddingDays);
  });

  it("flags an award within 1% of the estimate, inclusive, and not 1 fen further (T3)", () => {
    expect(ids({ ...clean, awardFen: 99_000_000 })).toEqual(["award_near_estimate"]);
    expect(ids({ ...clean, awardFen: 101_000_000 })).toEqual(["award_near_estimate"]);
    expect(ids({ ...clean, awardFen: 98_999_999 })).toEqual([]);
  });

  it("flags identical bid prices from different bidders (T3)", () => {
    const bidders: Bidder[] = [...clean.bidders, { name: "丙公司", bidFen: 97_000_000 }];
    expect(ids({ ...clean, bidders })).toEqual(["identical_bids"]);
  });

  it("flags bidders sharing a phone, however written, an address or a contact person (围标, T3)", () => {
    const phone = [clean.bidders[0]!, { ...clean.bidders[1]!, phone: "0319 1111111" }];
    expect(tenderRedFlags({ ...clean, bidders: phone }, "2018-10-31")).toEqual([
      expect.objectContaining({ id: "shared_bidder_contact", reason: expect.stringContaining("电话") }),
    ]);
    const address = [clean.bidders[0]!, { ...clean.bidders[1]!, address: "建设路 1 号" }];
    expect(ids({ ...clean, bidders: address })).toEqual(["shared_bidder_contact"]);
    const contact = [clean.bidders[0]!, { ...clean.bidders[1]!, contact: "张" }];
    expect(ids({ ...clean, bidders: contact })).toEqual(["shared_bidder_contact"]);
  });

  it("flags more than 60 days from deadline to award, also while still not awarded (T3)", () => {
    expect(ids({ ...clean, awardedOn: "2018-01-20" })).toEqual([]); // exactly 60 days
    expect(ids({ ...clean, awardedOn: "2018-01-21" })).toEqual(["slow_award"]);
    expect(ids({ ...clean, awardedOn: null, awardFen: null }, "2018-01-21")).toEqual(["slow_award"]);
  });

  it("writes its reasons in English on request", () => {
    const [flag] = tenderRedFlags({ ...clean, method: "single_source" }, "2018-10-31", { lang: "en" });
    expect(flag!.reason).toMatch(/public tender \(rule F5\)/);
  });
});

describe("contract red flags (F2, F6, E3)", () => {
  it("flags a contract 1 fen above its plan lines, not one equal to them", () => {
    const base = { signedOn: "2017-12-01", planFiledOn: "2017-11-01" };
    expect(contractRedFlags({ ...base, amountFen: 100, coveredPlanFen: 100 })).toEqual([]);
    expect(contractRedFlags({ ...base, amountFen: 101, coveredPlanFen: 100 }).map((f) => f.id)).toEqual([
      "contract_above_plan_line",
    ]);
  });

  it("flags a contract signed before the plan was filed (F6) and one outside the plan in effect (E3)", () => {
    expect(
      contractRedFlags({
        amountFen: 1,
        coveredPlanFen: null,
        signedOn: "2017-10-01",
        planFiledOn: "2017-11-01",
      }).map((f) => f.id),
    ).toEqual(["contract_before_plan_filed"]);
    expect(
      contractRedFlags({
        amountFen: 1,
        coveredPlanFen: 1,
        signedOn: "2018-03-01",
        planFiledOn: "2017-11-01",
        linesOutsidePlan: 1,
      }).map((f) => [f.id, f.rule]),
    ).toEqual([["contract_outside_plan", "E3"]]);
  });
});

describe("deadlines M1, M2", () => {
  it("is met on the day, missed a day later, pending until then", () => {
    expect(deadlineStatus("2017-11-30", "2017-11-30", "2018-01-01")).toBe("met");
    expect(deadlineStatus("2017-12-01", "2017-11-30", "2018-01-01")).toBe("missed");
    expect(deadlineStatus(null, "2017-11-30", "2017-11-30")).toBe("pending");
    expect(deadlineStatus(null, "2017-11-30", "2017-12-01")).toBe("missed");
    // Done after asOf: as of then, not yet done.
    expect(deadlineStatus("2017-11-20", "2017-11-30", "2017-11-10")).toBe("pending");
  });
});
