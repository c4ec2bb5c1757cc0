// rule K1 (acceptance procedure), rule F7 (retainage after acceptance)
import { describe, expect, it } from "vitest";
import {
  checkStep,
  PROCEDURE_STEPS,
  type ProcedureEvent,
  type ProcedureFacts,
  procedureAsOf,
} from "./procedure";

const WALK: ProcedureEvent[] = [
  { step: "application", action: "done", date: "2018-08-01" },
  { step: "commission", action: "done", date: "2018-08-10" },
  { step: "filing", action: "done", date: "2018-09-20" },
  { step: "city_review", action: "approved", date: "2018-09-28" },
  { step: "province_review", action: "approved", date: "2018-10-15" },
];
const facts = (overrides: Partial<ProcedureFacts> = {}): ProcedureFacts => ({
  events: WALK,
  signedOn: "2018-09-10",
  rectifications: [],
  contracts: [{ retainageReleasedOn: null }],
  ...overrides,
});
const statuses = (f: ProcedureFacts, asOf: string) =>
  Object.fromEntries(procedureAsOf(f, asOf).map((e) => [e.step, [e.status, e.date]]));

describe("the procedure as of a date (K1)", () => {
  it("lists the nine steps in order", () => {
    expect(procedureAsOf(facts(), "2018-10-31").map((e) => e.step)).toEqual([...PROCEDURE_STEPS]);
  });

  it("counts a step done on the as-of date, not one done the day after", () => {
    expect(statuses(facts(), "2018-10-15").province_review).toEqual(["done", "2018-10-15"]);
    expect(statuses(facts(), "2018-10-14").province_review).toEqual(["open", null]);
    expect(statuses(facts(), "2018-08-09").commission).toEqual(["open", null]);
    expect(statuses(facts(), "2018-07-31").application).toEqual(["not_started", null]);
  });

  it("walks done up to the province review; no spot check is n/a, retainage is open", () => {
    const s = statuses(facts(), "2018-10-31");
    expect(s.filing).toEqual(["done", "2018-09-20"]);
    expect(s.city_review).toEqual(["done", "2018-09-28"]);
    expect(s.spot_check).toEqual(["n/a", null]);
    expect(s.rectification).toEqual(["n/a", null]);
    expect(s.retainage).toEqual(["open", null]);
    const released = facts({
      contracts: [{ retainageReleasedOn: "2018-10-20" }, { retainageReleasedOn: "2018-10-25" }],
    });
    expect(statuses(released, "2018-10-31").retainage).toEqual(["done", "2018-10-25"]);
    expect(statuses(released, "2018-10-24").retainage).toEqual(["open", null]);
  });

  it("reopens the filing the province returns, and a new filing starts a new round", () => {
    const returned = facts({
      events: [...WALK.slice(0, 4), { step: "province_review", action: "returned", date: "2018-10-15" }],
    });
    const s = statuses(returned, "2018-10-31");
    expect(s.filing).toEqual(["open", null]);
    expect(s.province_review).toEqual(["not_started", null]);
    const refiled = facts({
      events: [...returned.events, { step: "filing", action: "done", date: "2018-10-20" }],
    });
    expect(statuses(refiled, "2018-10-31").filing).toEqual(["done", "2018-10-20"]);
    expect(statuses(refiled, "2018-10-31").city_review).toEqual(["open", null]);
  });

  it("shows rectification open until every one is re-assessed as fixed", () => {
    const rects = [
      { openedOn: "2018-09-12", closedOn: "2018-10-05" },
      { openedOn: "2018-09-12", closedOn: null },
    ];
    expect(statuses(facts({ rectifications: rects }), "2018-10-31").rectification).toEqual(["open", null]);
    rects[1]!.closedOn = "2018-10-08";
    expect(statuses(facts({ rectifications: rects }), "2018-10-31").rectification).toEqual([
      "done",
      "2018-10-08",
    ]);
    expect(statuses(facts({ rectifications: rects }), "2018-10-07").rectification).toEqual(["open", null]);
  });
});

describe("who may take a step, and when (K1)", () => {
  const none = facts({ events: [], signedOn: null });
  it("refuses a role that does not act on the step with 403", () => {
    expect(checkStep(none, { step: "application" }, "county_admin", "2018-08-01")).toMatchObject({
      status: 403,
      code: "procedure_role",
      rule: "K1",
    });
    expect(checkStep(none, { step: "application" }, "contractor", "2018-08-01")).toBeNull();
    const filed = facts({ events: WALK.slice(0, 3) });
    expect(
      checkStep(filed, { step: "city_review", action: "approved" }, "city_viewer", "2018-09-28")?.status,
    ).toBe(403);
    expect(
      checkStep(filed, { step: "city_review", action: "approved" }, "city_admin", "2018-09-28"),
    ).toBeNull();
  });

  it("refuses a step out of order with 409", () => {
    expect(checkStep(none, { step: "commission" }, "county_admin", "2018-08-01")).toMatchObject({
      status: 409,
      code: "procedure_out_of_order",
    });
    const signedNot = facts({ events: WALK.slice(0, 2), signedOn: null });
    expect(checkStep(signedNot, { step: "filing" }, "county_admin", "2018-09-20")?.code).toBe(
      "procedure_out_of_order",
    );
    const filed = facts({ events: WALK.slice(0, 3) });
    expect(
      checkStep(filed, { step: "province_review", action: "approved" }, "province_admin", "2018-10-01")?.code,
    ).toBe("procedure_out_of_order");
    expect(
      checkStep(facts({ events: WALK.slice(0, 1) }), { step: "application" }, "contractor", "2018-08-02")
        ?.code,
    ).toBe("procedure_step_done");
  });

  it("releases the retainage only from the day the province approved (F7)", () => {
    expect(checkStep(facts(), { step: "retainage" }, "county_admin", "2018-10-14")).toMatchObject({
      status: 409,
      code: "retainage_before_acceptance",
      rule: "F7",
    });
    expect(checkStep(facts(), { step: "retainage" }, "county_admin", "2018-10-15")).toBeNull();
    expect(checkStep(facts(), { step: "retainage" }, "county_admin", "2018-10-16")).toBeNull();
  });
});
