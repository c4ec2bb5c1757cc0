/**
 * Landings of the assessor and the contractor (issue 18.3) on every dialect: each sees only what its
 * account reaches — the assessor the counties that engaged it, the contractor its organization's
 * contracts and tokens (never a token's text).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContract } from "../../src/server/funds/create-contract";
import { createIngestToken } from "../../src/server/operations/create-ingest-token";
import { grantCountyAccess } from "../../src/server/platform/auth/grants";
import { createUser } from "../../src/server/platform/auth/users";
import { procedureDb } from "../../src/server/procedure/procedure.repository";
import { buildTestApp, sessionCookie, signedIn, TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const SYSTEM = { id: null, name: "test" };
const OWN = "130533";
const OTHER = "130131";

describe.each(DIALECTS)("role landings on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let assessor: { cookie: string };
  let contractor: { cookie: string };
  let loneContractor: { cookie: string };
  let countyAdmin: { cookie: string };
  const orgId = randomUUID();
  const otherOrgId = randomUUID();

  const get = (url: string, who: { cookie: string }) =>
    app.inject({ method: "GET", url: `/api/v1${url}`, headers: { cookie: who.cookie } });

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN, OTHER] });
    app = await buildTestApp(db);
    const now = new Date().toISOString();
    await db.db
      .insertInto("organizations")
      .values([
        {
          id: orgId,
          name: "（测试）甲电商公司",
          kind: "contractor",
          region_code: OWN,
          credit_code: null,
          contact: null,
          is_demo: 0,
          created_at: now,
        },
        {
          id: otherOrgId,
          name: "（测试）乙物流公司",
          kind: "contractor",
          region_code: OWN,
          credit_code: null,
          contact: null,
          is_demo: 0,
          created_at: now,
        },
      ])
      .execute();

    // The assessor was engaged by 威县 only.
    const a = await signedIn(app, db, "assessor", "13");
    assessor = a;
    await grantCountyAccess(db.db, SYSTEM, { username: a.username, countyCode: OWN });
    countyAdmin = await signedIn(app, db, "county_admin", OWN);
    loneContractor = await signedIn(app, db, "contractor", OWN);
    await createUser(db.db, "system", {
      username: "landing-contractor",
      role: "contractor",
      regionCode: OWN,
      password: TEST_PASSWORD,
      organizationId: orgId,
    });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { username: "landing-contractor", password: TEST_PASSWORD },
    });
    contractor = { cookie: sessionCookie(res) };

    // 威县 commissioned the assessment, and sent evidence for a rectification of A3.
    const pdb = procedureDb(db.db);
    for (const [step, date] of [
      ["application", "2018-09-01"],
      ["commission", "2018-09-10"],
    ] as const) {
      await pdb
        .insertInto("procedure_steps")
        .values({
          id: randomUUID(),
          county_code: OWN,
          step,
          action: "done",
          step_date: date,
          details_json: "{}",
          document_ids_json: "[]",
          acted_by: null,
          acted_by_name: "test",
          acted_role: step === "application" ? "contractor" : "county_admin",
          created_at: now,
          is_demo: 0,
        })
        .execute();
    }
    const rectificationId = randomUUID();
    await pdb
      .insertInto("rectifications")
      .values({
        id: rectificationId,
        county_code: OWN,
        source: "item",
        ref: "A3",
        problem: "行政村站点覆盖率不足 50%",
        owner: "县商务局",
        opened_on: "2018-09-12",
        working_days: 10,
        deadline: "2018-09-26",
        closed_on: null,
        created_by: "test",
        created_at: now,
        is_demo: 0,
      })
      .execute();
    for (const [kind, date] of [
      ["opened", "2018-09-12"],
      ["evidence", "2018-09-20"],
    ] as const) {
      await pdb
        .insertInto("rectification_events")
        .values({
          id: randomUUID(),
          rectification_id: rectificationId,
          county_code: OWN,
          kind,
          event_date: date,
          outcome: null,
          note: "",
          document_id: null,
          actor_name: "test",
          created_at: now,
          is_demo: 0,
        })
        .execute();
    }

    // Two contracts in 威县: one with the contractor's organization, one with another company.
    for (const [no, org] of [
      ["HT-OWN", orgId],
      ["HT-OTHER", otherOrgId],
    ] as const) {
      await createContract({
        db: db.db,
        actor: SYSTEM,
        countyCode: OWN,
        contract: {
          contractNo: no,
          title: `合同 ${no}`,
          tenderId: null,
          contractorName: no === "HT-OWN" ? "（测试）甲电商公司" : "（测试）乙物流公司",
          contractorOrgId: org,
          contractorResponsible: null,
          amountFen: 10_000_000,
          lineKeys: [],
          signedOn: "2018-01-10",
          startOn: "2018-01-20",
          completionDue: "2018-09-30",
          deliverables: [
            { name: "站点建设", amountFen: 10_000_000, dueOn: "2018-06-30", doneOn: "2018-06-01" },
          ],
        },
      });
    }
    await createIngestToken({
      db,
      actor: SYSTEM,
      countyCode: OWN,
      name: "甲公司订单系统",
      kinds: ["orders", "uptime"],
      organizationId: orgId,
    });
    await createIngestToken({ db, actor: SYSTEM, countyCode: OWN, name: "县数据管理器" });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("gives the assessor the counties that engaged it, with what waits for it there", async () => {
    const res = await get("/home/assessor?asOf=2018-10-31", assessor);
    expect(res.statusCode).toBe(200);
    const home = res.json();
    expect(home.counties.map((c: { code: string }) => c.code)).toEqual([OWN]);
    const [county] = home.counties;
    const kinds = county.tasks.map((t: { kind: string }) => t.kind);
    // Items the data cannot decide wait for the assessor's decision, labelled in words.
    expect(kinds).toContain("decision");
    const decision = county.tasks.find((t: { kind: string }) => t.kind === "decision");
    expect(decision.title).toMatch(/^待您评定：[^A-E]/);
    expect(decision.link).toBe(`/counties/${OWN}/acceptance`);
    expect(county.tasks).toContainEqual(
      expect.objectContaining({ kind: "assessment", link: `/counties/${OWN}/acceptance` }),
    );
    expect(county.tasks).toContainEqual(
      expect.objectContaining({
        kind: "reassessment",
        ref: "A3",
        detail: expect.stringContaining("2018-09-20"),
      }),
    );
    expect(home.totals).toEqual({
      decisions: kinds.filter((k: string) => k === "decision").length,
      assessments: 1,
      reassessments: 1,
    });
  });

  it("shows no task that had not happened by the date asked for", async () => {
    const home = (await get("/home/assessor?asOf=2018-09-05", assessor)).json();
    const kinds = home.counties[0].tasks.map((t: { kind: string }) => t.kind);
    expect(kinds).not.toContain("assessment");
    expect(kinds).not.toContain("reassessment");
  });

  it("gives the contractor its organization's contracts and tokens only, never a token's text", async () => {
    const res = await get("/home/contractor?asOf=2018-10-31", contractor);
    expect(res.statusCode).toBe(200);
    const home = res.json();
    expect(home.county).toEqual({ code: OWN, name: "威县" });
    expect(home.organization).toEqual({ id: orgId, name: "（测试）甲电商公司" });
    expect(home.contracts.map((c: { contractNo: string }) => c.contractNo)).toEqual(["HT-OWN"]);
    expect(home.contracts[0]).toMatchObject({ amountFen: 10_000_000, deliverables: { done: 1, total: 1 } });
    expect(home.tokens).toHaveLength(1);
    expect(home.tokens[0]).toMatchObject({
      name: "甲公司订单系统",
      sheets: ["站点月报（代购单数、交易额）", "站点月报（上线率）"],
    });
    expect(res.body).not.toContain("shf_");
  });

  it("shows a contractor account without an organization no contract and no token", async () => {
    const home = (await get("/home/contractor", loneContractor)).json();
    expect(home).toMatchObject({ organization: null, contracts: [], tokens: [], reports: [] });
  });

  it("refuses each landing to the other roles", async () => {
    expect((await get("/home/assessor", countyAdmin)).statusCode).toBe(403);
    expect((await get("/home/assessor", contractor)).statusCode).toBe(403);
    expect((await get("/home/contractor", assessor)).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/home/contractor" })).statusCode).toBe(401);
  });
});
