/**
 * Verdicts that hold up (issue 13), through the API on every dialect: assessor overrides need a
 * written reason and evidence and show both results; E5 is decided by a person, never by a flag;
 * E4 is judged at acceptance; C3 is judged on what was paid; E2 needs every contract in the column.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import { createContract } from "../../src/server/funds/create-contract";
import { recordPayment } from "../../src/server/funds/record-payment";
import { chinaDate } from "../../src/server/platform/time/china-time";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { VILLAGE_HEADER, writeCsvFolder } from "../support/workbooks";

const COUNTY = "130533";
const SYSTEM = { id: null, name: "test" };

function evidenceForm(itemId: string, note: string) {
  const boundary = "----shifanverdicts";
  const payload = Buffer.from(
    `${[itemId, note]
      .map(
        (v, i) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${i === 0 ? "itemId" : "note"}"\r\n\r\n${v}\r\n`,
      )
      .join("")}--${boundary}--\r\n`,
  );
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)("verdicts that hold up on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let county: { cookie: string };
  let assessor: { cookie: string; username: string };
  let province: { cookie: string };

  const scorecard = async (asOf = "2018-10-31") => {
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${COUNTY}/scorecard?asOf=${asOf}`,
      headers: { cookie: county.cookie },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      verdict: string;
      items: {
        id: string;
        status: string;
        overridden: boolean;
        dataResult?: { status: string };
        note: string;
      }[];
      veto: { id: string; status: string; overridden: boolean; note: string }[];
    };
  };
  const item = async (id: string, asOf?: string) => (await scorecard(asOf)).items.find((i) => i.id === id)!;
  const veto = async (id: string, asOf?: string) => (await scorecard(asOf)).veto.find((v) => v.id === id)!;
  const decide = (cookie: string, body: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: `/api/v1/counties/${COUNTY}/acceptance/decisions`,
      headers: { cookie },
      payload: { asOf: "2018-10-31", ...body },
    });
  const addEvidence = (cookie: string, itemId: string, note: string) =>
    app.inject({
      method: "POST",
      url: `/api/v1/counties/${COUNTY}/acceptance/evidence`,
      headers: { cookie, ...evidenceForm(itemId, note).headers },
      payload: evidenceForm(itemId, note).payload,
    });

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    app = await buildTestApp(db);
    county = await signedIn(app, db, "county_admin", COUNTY);
    assessor = await signedIn(app, db, "assessor", "13");
    province = await signedIn(app, db, "province_admin", "13");
    const invite = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${COUNTY}/assessors`,
      headers: { cookie: county.cookie },
      payload: { username: assessor.username },
    });
    expect(invite.statusCode).toBe(201);
    // Every village registered, none with broadband: A4 fails on data (rule S8).
    const villages = await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", COUNTY)
      .where("level", "=", "village")
      .orderBy("code")
      .execute();
    const dir = writeCsvFolder(join(mkdtempSync(join(tmpdir(), "shifan-verdicts-")), "wb"), [
      {
        name: "村庄",
        rows: [VILLAGE_HEADER, ...villages.map((v, i) => [v.code, `村${i}`, "600", "否", "否"])],
      },
    ]);
    const imported = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: SYSTEM,
      countyCode: COUNTY,
      path: dir,
    });
    expect(imported.written).toBe(true);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("refuses an override without a written reason or without evidence, then shows both results", async () => {
    expect((await item("A4")).status).toBe("fail");
    const short = await decide(assessor.cookie, { itemId: "A4", status: "pass", note: "已通" });
    expect(short.statusCode).toBe(400);
    const reason = "运营商出具的宽带开通台账证明全部行政村已通光纤";
    const noEvidence = await decide(assessor.cookie, { itemId: "A4", status: "pass", note: reason });
    expect(noEvidence.statusCode).toBe(409);
    expect(errorCode(noEvidence)).toBe("evidence_required");
    expect((await addEvidence(assessor.cookie, "A4", "运营商宽带台账")).statusCode).toBe(201);
    expect((await decide(assessor.cookie, { itemId: "A4", status: "pass", note: reason })).statusCode).toBe(
      201,
    );
    const a4 = await item("A4");
    expect(a4).toMatchObject({
      status: "pass",
      overridden: true,
      note: reason,
      dataResult: { status: "fail" },
    });

    const html = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${COUNTY}/acceptance-report.html?asOf=2018-10-31`,
      headers: { cookie: county.cookie },
    });
    expect(html.body).toContain("评估机构改判");
    expect(html.body).toContain(reason);
    const roll = await app.inject({
      method: "GET",
      url: "/api/v1/acceptance/province?asOf=2018-10-31",
      headers: { cookie: province.cookie },
    });
    const row = (
      roll.json() as { counties: { code: string; overrides: { id: string; dataStatus: string }[] }[] }
    ).counties.find((c) => c.code === COUNTY)!;
    expect(row.overrides).toEqual([
      expect.objectContaining({ id: "A4", dataStatus: "fail", status: "pass" }),
    ]);
  });

  it("E5: pending until a person decides; the province confirms a finding only with evidence", async () => {
    expect((await veto("E5")).status).toBe("pending");
    // The county cannot decide; the province may decide E5 but no other item.
    expect((await decide(county.cookie, { itemId: "E5", status: "clear", note: "无问题" })).statusCode).toBe(
      403,
    );
    expect(
      (await decide(province.cookie, { itemId: "E4", status: "clear", note: "进度达标" })).statusCode,
    ).toBe(403);
    const finding = { itemId: "E5", status: "triggered", note: "审计发现虚报站点交易额" };
    const refused = await decide(province.cookie, finding);
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("evidence_required");
    expect((await addEvidence(province.cookie, "E5", "审计报告第3页")).statusCode).toBe(201);
    expect((await decide(province.cookie, finding)).statusCode).toBe(201);
    expect(await veto("E5")).toMatchObject({ status: "triggered", overridden: false });
    expect((await scorecard()).verdict).toBe("vetoed");
    // The assessor clears it on re-examination (a newer decision supersedes).
    expect(
      (await decide(assessor.cookie, { itemId: "E5", status: "clear", note: "复核确认交易额属实" }))
        .statusCode,
    ).toBe(201);
    expect((await veto("E5")).status).toBe("clear");
  });

  it("judges E4 at acceptance, C3 on what was paid and E2 on every contract", async () => {
    const contract = await createContract({
      db: db.db,
      actor: SYSTEM,
      countyCode: COUNTY,
      contract: {
        contractNo: "HT-E4",
        title: "县级服务中心建设",
        tenderId: null,
        contractorName: "甲公司",
        contractorOrgId: null,
        contractorResponsible: null,
        amountFen: 100_000_000,
        lineKeys: [],
        signedOn: "2018-01-10",
        startOn: "2018-01-20",
        completionDue: "2018-09-30",
        deliverables: [{ name: "装修", amountFen: 100_000_000, dueOn: "2018-09-30", doneOn: null }],
      },
    });
    // rule E4: 0% progress the day before the M4 date is a warning, on the day a veto.
    expect((await veto("E4", "2018-10-30")).status).toBe("pending");
    expect((await veto("E4", "2018-10-30")).note).toContain("预警");
    expect((await veto("E4", "2018-10-31")).status).toBe("triggered");

    // rule C3: a payment without its invoice fails; an invoice for a forbidden use fails.
    await recordPayment({
      db: db.db,
      actor: SYSTEM,
      countyCode: COUNTY,
      contractId: contract.id,
      paidOn: "2018-02-01",
      amountFen: 60_000_000,
      note: "首期预拨",
      invoices: [],
    });
    let c3 = await item("C3");
    expect(c3.status).toBe("fail");
    expect(c3.note).toContain("无发票");
    await recordPayment({
      db: db.db,
      actor: SYSTEM,
      countyCode: COUNTY,
      contractId: contract.id,
      paidOn: "2018-03-01",
      amountFen: 1_000_000,
      note: "进度款",
      invoices: [{ invoiceNo: "F-2", amountFen: 1_000_000, issuedOn: "2018-03-01", itemName: "人员工资" }],
    });
    c3 = await item("C3");
    expect(c3.note).toContain("人员工资");

    // rule E2: the contract must stand in the column as a project, as of the date.
    expect((await veto("E2")).note).toContain("合同 HT-E4");
    const project = await app.inject({
      method: "POST",
      url: `/api/v1/columns/${COUNTY}/projects`,
      headers: { cookie: county.cookie },
      payload: { name: "县级电子商务公共服务中心", contractorName: "甲公司", contractNo: "HT-E4" },
    });
    expect(project.statusCode).toBe(201);
    expect((await veto("E2", chinaDate())).note).not.toContain("合同 HT-E4");
    // Published today: as of 2018-10-31 it was not there yet.
    expect((await veto("E2", "2018-10-31")).note).toContain("合同 HT-E4");
  });
});
