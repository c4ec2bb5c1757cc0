import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/acceptance/evaluate";
import { GRADE_NAMES } from "../../src/rules/acceptance/performance";
import { HEBEI_2017 } from "../../src/rules/acceptance/standard";
import { OVERRIDE_DEMO_COUNTY } from "../../src/server/acceptance/demo-acceptance";
import { getPerformance } from "../../src/server/acceptance/get-performance";
import { getScorecard } from "../../src/server/acceptance/get-scorecard";
import { loadDemo } from "../../src/server/demo/load-demo";
import { gatherCountyFacts } from "../../src/server/domains";
import { FRAUD_DEMO_COUNTY } from "../../src/server/operations/demo-operations";
import { demoOutcome } from "../../src/server/platform/demo/demo-outcomes";
import { createTestDb, type TestDb } from "../support/databases";

const run = promisify(execFile);
const EXPECTED = {
  passed: "passed",
  vetoed_e2: "vetoed",
  awaiting_assessor: "incomplete",
  failed: "failed",
} as const;

describe("the demo data set's acceptance outcomes as of 2018-10-31 (issue 8 demo design)", () => {
  let db: TestDb;
  let counties: string[];

  beforeAll(async () => {
    db = await createTestDb("sqlite");
    await loadDemo(db, "Demo-Password-2017");
    counties = (await db.db.selectFrom("demonstration_counties").select("county_code").execute()).map(
      (c) => c.county_code,
    );
  }, 300_000);
  afterAll(() => db.drop());

  it("spreads the 17 counties across passed, failed, vetoed (one for E2) and incomplete, as designed", async () => {
    const verdicts = new Map<string, string>();
    for (const county of counties) {
      const card = await getScorecard({
        db,
        countyFacts: (code, asOf) => gatherCountyFacts(db, code, asOf),
        countyCode: county,
        asOf: "2018-10-31",
      });
      expect(card.items.map((i) => i.id)).toHaveLength(22);
      expect(card.veto).toHaveLength(5);
      verdicts.set(county, card.verdict);
      const outcome = demoOutcome(county);
      if (outcome === "spread") expect(card.verdict, county).not.toBe("passed");
      else expect(card.verdict, `${county} (${outcome})`).toBe(EXPECTED[outcome]);
      if (outcome === "vetoed_e2") {
        expect(card.veto.filter((v) => v.status === "triggered").map((v) => v.id)).toEqual(["E2"]);
      }
      if (outcome === "failed") expect(card.items.some((i) => i.status === "fail")).toBe(true);
    }
    const values = [...verdicts.values()];
    for (const verdict of ["passed", "failed", "vetoed", "incomplete"]) expect(values).toContain(verdict);
  });

  // Issue 17: C1, C2, C5 and D1–D4 are decided from the demo's records and year figures; the demo
  // assessor decides only B1, B8, B9, C4 and E5 (pins changed deliberately from the issue 8 design).
  it("leaves no more than B1, B9 and C4 to the assessor alone in the counties designed to pass", async () => {
    for (const county of counties.filter((c) => demoOutcome(c) === "passed")) {
      const data = evaluate(await gatherCountyFacts(db, county, "2018-10-31"), HEBEI_2017);
      const pendingIds = data.items.filter((i) => i.status === "pending").map((i) => i.id);
      expect(
        pendingIds.every((id) => ["B1", "B9", "C4"].includes(id)),
        `${county}: ${pendingIds}`,
      ).toBe(true);
      expect(
        data.items.filter((i) => i.status === "fail").map((i) => i.id),
        county,
      ).toEqual([]);
      for (const id of ["C1", "C2", "C5", "D1", "D2", "D3", "D4"]) {
        expect(data.items.find((i) => i.id === id)!.status, `${county} ${id}`).toBe("pass");
      }
      expect(data.items.find((i) => i.id === "D1")!.measured).toMatchObject({ year: 2018 });
    }
    // Elsewhere the year figures spread around the thresholds: some county falls short of D1 or D2.
    const short: string[] = [];
    for (const county of counties) {
      const items = evaluate(await gatherCountyFacts(db, county, "2018-10-31"), HEBEI_2017).items;
      if (items.some((i) => (i.id === "D1" || i.id === "D2") && i.status === "fail")) short.push(county);
    }
    expect(short.length).toBeGreaterThan(0);
  });

  // Issue 13: flags are leads (E5 pending until a person decides), and an override shows both results.
  it("leaves E5 pending on the fraud county's unexplained leads and shows the demo's override", async () => {
    const card = (code: string) =>
      getScorecard({
        db,
        countyFacts: (c, asOf) => gatherCountyFacts(db, c, asOf),
        countyCode: code,
        asOf: "2018-10-31",
      });
    const fraud = await card(FRAUD_DEMO_COUNTY);
    const e5 = fraud.veto.find((v) => v.id === "E5")!;
    expect(e5).toMatchObject({ status: "pending", decidedBy: "data" });
    expect(e5.note).toContain("未经说明的数据质量线索");
    const overridden = await card(OVERRIDE_DEMO_COUNTY);
    const items = overridden.items.filter((i) => i.overridden);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: "pass", decidedBy: "assessor", dataResult: { status: "fail" } });
    expect(overridden.verdict).toBe("failed");
    // Nowhere else did the demo assessor overturn the data, nor clear E5 over unexplained leads.
    for (const county of counties.filter((c) => c !== OVERRIDE_DEMO_COUNTY)) {
      const c = await card(county);
      expect(
        [...c.items, ...c.veto].filter((i) => i.overridden),
        county,
      ).toEqual([]);
      expect(c.veto.find((v) => v.id === "E5")!.status, county).not.toBe("triggered");
    }
  });

  it("prints the same scorecard through `shifan evaluate --json`", async () => {
    const { stdout } = await run("node", [
      "bin/shifan.js",
      "evaluate",
      "--county",
      "130881",
      "--as-of",
      "2018-10-31",
      "--json",
      "--db",
      db.url,
    ]);
    const card = JSON.parse(stdout);
    expect(card).toMatchObject({
      county: "130881",
      asOf: "2018-10-31",
      standard: "hebei-2017",
      verdict: "passed",
    });
    expect([...card.items, ...card.veto].map((i: { id: string }) => i.id)).toHaveLength(27);
    // B3 carries the parcels in transit at 24:00 of the as-of day (interfaces.md, rule O3).
    const b3 = card.items.find((i: { id: string }) => i.id === "B3");
    expect(Object.keys(b3.measured)).toEqual(["shipments", "inTransit", "within7DaysBp", "carriers"]);
    expect(b3.measured.inTransit).toBeLessThanOrEqual(b3.measured.shipments);
    // The performance score too, as an added key: the same as the performance route's.
    const performance = await getPerformance({
      db,
      countyFacts: (code, date) => gatherCountyFacts(db, code, date),
      countyCode: "130881",
      asOf: "2018-10-31",
    });
    expect(card.performance).toEqual({
      points: performance.points,
      maxPoints: 100,
      grade: performance.grade,
      gradeByPoints: performance.gradeByPoints,
      isProvisional: performance.isProvisional,
    });
    const { stdout: text } = await run("node", [
      "bin/shifan.js",
      "evaluate",
      "--county",
      "130881",
      "--as-of",
      "2018-10-31",
      "--db",
      db.url,
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^130881 {2}基准日 2018-10-31 {2}标准 hebei-2017 {2}结论 passed$/);
    expect(lines[1]).toBe(
      `  绩效评价 ${performance.points} 分 / 100 分（${GRADE_NAMES[performance.grade].zh}）`,
    );
  });
});
