// The demo's acceptance procedure in every state (issue 16: rules K1, K2, F7), and its OCDS export.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getScorecard } from "../../src/server/acceptance/get-scorecard";
import { loadDemo } from "../../src/server/demo/load-demo";
import { gatherCountyFacts } from "../../src/server/domains";
import { analyzeFunds } from "../../src/server/funds/analyze-funds";
import { buildOcdsReleasePackage } from "../../src/server/funds/export-ocds";
import { loadFundsSnapshot } from "../../src/server/funds/funds-snapshot.repository";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import { procedureDb } from "../../src/server/procedure/procedure.repository";
import { listTerminations } from "../../src/server/procedure/replace-contractor";
import { createTestDb, type TestDb } from "../support/databases";

const run = promisify(execFile);

describe("the demo's acceptance procedure as of 2018-10-31", () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb("sqlite");
    await loadDemo(db, "Demo-Password-2017");
  }, 300_000);
  afterAll(() => db.drop());

  const procedureOf = async (code: string) => {
    const card = await getScorecard({
      db,
      countyFacts: (c, asOf) => gatherCountyFacts(db, c, asOf),
      countyCode: code,
      asOf: "2018-10-31",
    });
    return Object.fromEntries(card.procedure.map((p) => [p.step, p.status]));
  };

  it("puts the counties' procedure in every state", async () => {
    // Passed counties: done up to the province's approval by 2018-10-31, retainage released (F7).
    for (const code of ["130881", "131124"]) {
      expect(await procedureOf(code), code).toMatchObject({
        application: "done",
        commission: "done",
        assessment: "done",
        filing: "done",
        city_review: "done",
        province_review: "done",
        retainage: "done",
      });
    }
    // 威县 (failed): its failed items under rectification, the province's review still open.
    expect(await procedureOf("130533")).toMatchObject({
      rectification: "open",
      city_review: "done",
      province_review: "open",
    });
    // 涞水县: the province returned the filing with reasons; the filing is open again.
    expect(await procedureOf("130623")).toMatchObject({ filing: "open", province_review: "not_started" });
    const returned = await procedureDb(db.db)
      .selectFrom("procedure_steps")
      .selectAll()
      .where("county_code", "=", "130623")
      .where("action", "=", "returned")
      .execute();
    expect(JSON.parse(returned[0]!.details_json).reasons).toMatch(/审计报告/);
    // The same through the CLI.
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
    expect(card.procedure.map((p: { step: string }) => p.step)).toHaveLength(9);
    expect(card.procedure.find((p: { step: string }) => p.step === "province_review")).toMatchObject({
      status: "done",
      date: "2018-10-25",
    });
  });

  it("replaced one contractor with its handover checked, and its OCDS export validates (K2)", async () => {
    const handover = await procedureDb(db.db).selectFrom("handover_items").selectAll().execute();
    expect(handover).toHaveLength(5);
    expect(handover.every((h) => h.checked_on)).toBe(true);
    const code = handover[0]!.county_code;
    // The handover moved real things: the stations' operator, the old contractor's token and account.
    const [termination] = await listTerminations(db.db, code);
    const { fromOrganization, toOrganization } = termination!;
    expect(fromOrganization && toOrganization && fromOrganization.id !== toOrganization.id).toBe(true);
    const moved = termination!.handover.find((h) => h.kind === "station");
    if (moved) expect(moved.effects?.stations).toEqual(moved.stationNos);
    expect(termination!.handover.find((h) => h.kind === "account")?.effects?.accountsEnded).toEqual([
      `contractor-old-${code}`,
    ]);
    const tokens = await db.db
      .withTables<OperationsTables>()
      .selectFrom("ingest_tokens")
      .select(["organization_id", "revoked_at"])
      .where("county_code", "=", code)
      .where("organization_id", "in", [fromOrganization!.id, toOrganization!.id])
      .execute();
    expect(
      tokens.map((t) => [t.organization_id === toOrganization!.id, t.revoked_at === null]).sort(),
    ).toEqual([
      [false, false],
      [true, true],
    ]);
    const dir = resolve(process.cwd(), "../shared/data/ocds-1.1.5");
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(JSON.parse(readFileSync(resolve(dir, "release-schema.json"), "utf8")));
    const validate = ajv.compile(
      JSON.parse(readFileSync(resolve(dir, "release-package-schema.json"), "utf8")),
    );
    const snapshot = (await loadFundsSnapshot(db.db, code))!;
    const pkg = buildOcdsReleasePackage({
      snapshot,
      analysis: analyzeFunds(snapshot, "2018-10-31", "zh"),
      baseUrl: "https://shifan.example",
      publishedDate: "2018-10-31T12:00:00+08:00",
      terminations: await listTerminations(db.db, code),
    });
    expect(validate(pkg), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    type Release = { ocid: string; contracts?: { status: string; description?: string }[] };
    const releases = pkg.releases as unknown as Release[];
    const contracts = releases.flatMap((r) => r.contracts ?? []);
    expect(contracts.some((c) => c.status === "terminated" && c.description?.startsWith("提前终止"))).toBe(
      true,
    );
    const ocids = releases.map((r) => r.ocid);
    expect(new Set(ocids).size).toBe(ocids.length - 1); // the replacement shares its ocid
  });
});
