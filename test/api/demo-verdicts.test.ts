import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getScorecard } from "../../src/server/acceptance/get-scorecard";
import { loadDemo } from "../../src/server/demo/load-demo";
import { gatherCountyFacts } from "../../src/server/domains";
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
  });
});
