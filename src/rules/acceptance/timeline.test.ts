import { describe, expect, it } from "vitest";
import {
  buildTimeline,
  DEFAULT_MILESTONES,
  progressWarning,
  type TimelineInput,
  timelineStatus,
} from "./timeline";

const input = (overrides: Partial<TimelineInput> = {}): TimelineInput => ({
  asOf: "2018-10-31",
  planFiledOn: null,
  planApprovedOn: null,
  tendersFinishedOn: null,
  liaisonsFiledOn: null,
  acceptanceSignedOn: null,
  contracts: [],
  deliverables: [],
  reportsOwed: [],
  ...overrides,
});
const byKey = (entries: ReturnType<typeof buildTimeline>, key: string) => entries.find((e) => e.key === key)!;

describe("timeline status", () => {
  it.each([
    ["2017-11-29", null, "due"],
    ["2017-11-30", null, "due"],
    ["2017-12-01", null, "overdue"],
    ["2017-12-01", "2017-11-30", "done"],
    ["2017-11-29", "2017-11-30", "due"],
  ] as const)("as of %s, done on %s → %s (due 2017-11-30)", (asOf, doneOn, status) => {
    expect(timelineStatus("2017-11-30", doneOn, asOf)).toBe(status);
  });
});

describe("the program's milestones M1–M5 and the county's own deadlines", () => {
  it("lists M1–M5 with the dates of rules.md, in date order", () => {
    const entries = buildTimeline(input({ asOf: "2017-11-01" }));
    expect(entries.map((e) => e.key)).toEqual(["M1", "M2", "M3", "M4", "M5"]);
    expect(entries.map((e) => e.dueOn)).toEqual([
      "2017-11-30",
      "2017-12-31",
      "2017-12-31",
      "2018-10-31",
      "2018-12-31",
    ]);
    expect(byKey(entries, "M5").startOn).toBe("2018-11-01");
    expect(entries.every((e) => e.status === "due")).toBe(true);
  });

  it("marks M1 done on time, late, or overdue from the filing date (M1)", () => {
    const onTime = byKey(
      buildTimeline(input({ planFiledOn: "2017-11-30", planApprovedOn: "2017-12-10" })),
      "M1",
    );
    expect(onTime).toMatchObject({ status: "done", isLate: false, daysLate: 0, doneOn: "2017-11-30" });
    expect(onTime.note).toContain("2017-12-10 批复");
    const late = byKey(buildTimeline(input({ planFiledOn: "2017-12-02" })), "M1");
    expect(late).toMatchObject({ status: "done", isLate: true, daysLate: 2 });
    const overdue = byKey(buildTimeline(input({ asOf: "2017-12-03" })), "M1");
    expect(overdue).toMatchObject({ status: "overdue", daysLate: 3 });
  });

  it("ignores completions recorded after asOf", () => {
    const m3 = byKey(buildTimeline(input({ asOf: "2017-12-20", liaisonsFiledOn: "2017-12-25" })), "M3");
    expect(m3).toMatchObject({ status: "due", doneOn: null, isDueSoon: true });
  });

  it("counts M4 from the assessor's signature and M5 once the period opened with a signed scorecard", () => {
    const signed = input({ asOf: "2018-11-15", acceptanceSignedOn: "2018-10-30" });
    const entries = buildTimeline(signed);
    expect(byKey(entries, "M4")).toMatchObject({ status: "done", isLate: false });
    expect(byKey(entries, "M5")).toMatchObject({ status: "done", doneOn: "2018-11-01" });
    expect(byKey(buildTimeline({ ...signed, asOf: "2018-10-31" }), "M5").status).toBe("due");
    const unsigned = buildTimeline(input({ asOf: "2019-01-01" }));
    expect(byKey(unsigned, "M4")).toMatchObject({ status: "overdue", daysLate: 62 });
    expect(byKey(unsigned, "M5").status).toBe("overdue");
  });

  it("adds contract completion, deliverables and reports owed, each with its status", () => {
    const entries = buildTimeline(
      input({
        asOf: "2018-06-30",
        contracts: [
          { contractNo: "HT-1", title: "站点建设", completionDue: "2018-06-01", acceptedOn: null },
          { contractNo: "HT-2", title: "培训", completionDue: null, acceptedOn: null },
        ],
        deliverables: [
          { contractNo: "HT-1", name: "50个站点", dueOn: "2018-05-01", doneOn: "2018-04-20" },
          { contractNo: "HT-1", name: "物流中心", dueOn: "2018-07-10", doneOn: null },
        ],
        reportsOwed: [{ title: "2018-05 月报（县）", dueOn: "2018-06-07" }],
      }),
    );
    expect(byKey(entries, "contract:HT-1")).toMatchObject({ status: "overdue", daysLate: 29 });
    expect(entries.some((e) => e.key === "contract:HT-2")).toBe(false);
    expect(byKey(entries, "deliverable:HT-1:50个站点")).toMatchObject({ status: "done", isLate: false });
    expect(byKey(entries, "deliverable:HT-1:物流中心")).toMatchObject({ status: "due", isDueSoon: true });
    expect(byKey(entries, "report:2018-05 月报（县）")).toMatchObject({ status: "overdue", rule: "R2" });
    const dues = entries.map((e) => e.dueOn);
    expect(dues).toEqual([...dues].sort());
  });

  it("takes the program dates as settings", () => {
    const moved = { ...DEFAULT_MILESTONES, acceptanceBy: "2018-11-30" };
    expect(byKey(buildTimeline(input({ asOf: "2018-11-15" }), moved), "M4").status).toBe("due");
  });
});

describe("E4 progress on the timeline", () => {
  it("warns before the M4 date and says nothing from it on (the scorecard judges then)", () => {
    const progress = { constructionBp: 3999, disbursementBp: 4000, thresholdBp: 4000 };
    expect(progressWarning({ asOf: "2018-10-30", progress }, DEFAULT_MILESTONES)).toContain(
      "预警：建设进度 39.99% 低于 40%",
    );
    expect(progressWarning({ asOf: "2018-10-31", progress }, DEFAULT_MILESTONES)).toBe("");
    expect(
      progressWarning(
        { asOf: "2018-10-30", progress: { ...progress, constructionBp: 4000 } },
        DEFAULT_MILESTONES,
      ),
    ).toBe("");
  });
});
