/**
 * Contractors import their own sheets (issue 18, item 9): a contractor's account may upload the
 * workbook sheets of the fund categories its organization's contracts in the county cover — the
 * village stations' operator its 站点月报, never the county's 村庄 or 资金安排 — and nothing in a
 * county where it holds no contract. Audited as the contractor.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContract } from "../../src/server/funds/create-contract";
import { createFundPlanVersion } from "../../src/server/funds/create-fund-plan-version";
import { fundsDb } from "../../src/server/funds/fund-plans.repository";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import { createUser } from "../../src/server/platform/auth/users";
import { buildTestApp, errorCode, sessionCookie, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { registerStations } from "../support/stations";
import { VILLAGE_HEADER, writeXlsx } from "../support/workbooks";

const OWN = "130533"; // 威县
const OTHER = "130529"; // 巨鹿县, same city: the contractor's account does not reach it
const SYSTEM = { id: null, name: "test" };
const PASSWORD = "Contractor-Import-2018";
const MONTH_HEADER = ["站点编号", "月份", "代购单数", "交易额(元)", "上线率"];

function multipart(fileName: string, content: Buffer) {
  const boundary = "----shifancontractor";
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(DIALECTS)("contractors import their contracts' sheets on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let operator: string; // the village stations' contractor
  let trainer: string; // the training contractor
  let lone: string; // a contractor account without an organization
  const dir = mkdtempSync(join(tmpdir(), "shifan-contractor-"));

  const upload = async (cookie: string, file: string, query = "") => {
    const body = multipart("报表.xlsx", readFileSync(file));
    return app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/workbook${query}`,
      headers: { ...body.headers, cookie, "accept-language": "zh-CN" },
      payload: body.payload,
    });
  };
  const monthRows = (month = "2018-05") => [
    MONTH_HEADER,
    ["CT-001", month, "60", "2500.00", "96%"],
    ["CT-002", month, "45", "1800.50", "0.92"],
  ];
  const monthsWritten = async (month: string) =>
    (
      await db.db
        .withTables<OperationsTables>()
        .selectFrom("station_months")
        .select("station_code")
        .where("county_code", "=", OWN)
        .where("month", "=", month)
        .execute()
    ).length;
  const contractorAccount = async (username: string, organizationId: string | null) => {
    await createUser(db.db, "system", {
      username,
      role: "contractor",
      regionCode: OWN,
      password: PASSWORD,
      organizationId,
    });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { username, password: PASSWORD },
    });
    return sessionCookie(res);
  };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN, OTHER] });
    app = await buildTestApp(db);
    const now = new Date().toISOString();
    const [stationsOrg, trainingOrg] = [randomUUID(), randomUUID()];
    await db.db
      .insertInto("organizations")
      .values(
        [
          [stationsOrg, "（测试）站点运营公司"],
          [trainingOrg, "（测试）培训公司"],
        ].map(([id, name]) => ({
          id: id!,
          name: name!,
          kind: "contractor",
          region_code: OWN,
          credit_code: null,
          contact: null,
          is_demo: 0,
          created_at: now,
        })),
      )
      .execute();
    const plan = await createFundPlanVersion({
      db: db.db,
      actor: SYSTEM,
      countyCode: OWN,
      source: "form",
      preparedOn: "2017-11-01",
      lines: [
        {
          category: "village_stations",
          amountFen: 500_000_000,
          description: "村级服务站点",
          supportMethod: null,
        },
        { category: "training", amountFen: 200_000_000, description: "电子商务培训", supportMethod: null },
      ],
    });
    const lines = await fundsDb(db.db)
      .selectFrom("fund_plan_lines")
      .select(["category", "line_key"])
      .where("plan_id", "=", plan.id)
      .execute();
    const keyOf = (category: string) => lines.find((l) => l.category === category)!.line_key;
    for (const [no, org, category] of [
      ["HT-ZD", stationsOrg, "village_stations"],
      ["HT-PX", trainingOrg, "training"],
    ] as const) {
      await createContract({
        db: db.db,
        actor: SYSTEM,
        countyCode: OWN,
        contract: {
          contractNo: no,
          title: `合同 ${no}`,
          tenderId: null,
          contractorName: no,
          contractorOrgId: org,
          contractorResponsible: null,
          amountFen: 1_000_000,
          lineKeys: [keyOf(category)],
          signedOn: "2018-01-10",
          startOn: "2018-01-20",
          completionDue: "2018-09-30",
          deliverables: [],
        },
      });
    }
    await registerStations(db.db, OWN, ["CT-001", "CT-002"]);
    operator = await contractorAccount("ct-operator", stationsOrg);
    trainer = await contractorAccount("ct-trainer", trainingOrg);
    lone = await contractorAccount("ct-lone", null);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("tells each contractor the sheets of its contracts, and the county's admin all of them", async () => {
    const sheets = (cookie: string) =>
      app.inject({ method: "GET", url: `/api/v1/counties/${OWN}/workbook/sheets`, headers: { cookie } });
    const mine = (await sheets(operator)).json();
    expect(mine.isAll).toBe(false);
    expect(mine.sheets).toEqual(expect.arrayContaining(["站点", "站点月报"]));
    expect(mine.sheets).not.toContain("村庄");
    expect(mine.sheets).not.toContain("培训");
    expect((await sheets(trainer)).json().sheets).toEqual(["培训"]);
    const admin = (await signedIn(app, db, "county_admin", OWN)).cookie;
    expect((await sheets(admin)).json()).toMatchObject({ isAll: true });
    expect((await sheets(lone)).statusCode).toBe(403);
  });

  it("writes the stations' operator's 站点月报, audited as the contractor", async () => {
    const file = await writeXlsx(join(dir, "months.xlsx"), [{ name: "站点月报", rows: monthRows() }]);
    const res = await upload(operator, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ written: true, sheets: [{ sheet: "站点月报", written: 2 }] });
    expect(await monthsWritten("2018-05")).toBe(2);
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["actor_name", "action"])
      .where("action", "=", "workbook.imported")
      .execute();
    expect(audit.map((a) => a.actor_name)).toContain("ct-operator");
  });

  it("refuses a sheet outside its contracts by name, writing nothing (all or nothing)", async () => {
    const villages = await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", OWN)
      .where("level", "=", "village")
      .limit(1)
      .execute();
    const file = await writeXlsx(join(dir, "mixed.xlsx"), [
      { name: "站点月报", rows: monthRows("2018-06") },
      { name: "村庄", rows: [VILLAGE_HEADER, [villages[0]!.code, "", "300", "否", "是"]] },
    ]);
    const res = await upload(operator, file);
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("import_rejected");
    const details = res.json().error.details as { sheet: string; message: string }[];
    expect(details).toHaveLength(1);
    expect(details[0]!.sheet).toBe("村庄");
    expect(details[0]!.message).toContain("不在本企业合同的范围内");
    expect(await monthsWritten("2018-06")).toBe(0);
    // The training contractor may not send the stations' months at all.
    const months = await writeXlsx(join(dir, "months2.xlsx"), [{ name: "站点月报", rows: monthRows() }]);
    const other = await upload(trainer, months);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.details[0].message).toContain("可导入的工作表：培训");
  });

  it("refuses a contractor without a contract, and any contractor in a county it does not reach", async () => {
    const file = await writeXlsx(join(dir, "months3.xlsx"), [{ name: "站点月报", rows: monthRows() }]);
    expect((await upload(lone, file)).statusCode).toBe(403);
    const body = multipart("报表.xlsx", readFileSync(file));
    const elsewhere = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OTHER}/workbook`,
      headers: { ...body.headers, cookie: operator },
      payload: body.payload,
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});
