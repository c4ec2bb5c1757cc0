/**
 * The outcomes domain through its public doors: the 年度指标 and 贫困户销售 sheets of the county
 * workbook (xlsx and csv, all or nothing), the year-figures form, the record rosters, and the
 * scorecard items they decide (D1, D2, D3, C1, C2, C5, D4; rules G2, G3, K3–K7, O9).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/acceptance/evaluate";
import { HEBEI_2017 } from "../../src/rules/acceptance/standard";
import { buildSheetRegistry, gatherCountyFacts } from "../../src/server/domains";
import type { OutcomesTables } from "../../src/server/outcomes/outcomes.tables";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { type SheetData, writeCsvFolder, writeXlsx } from "../support/workbooks";

const COUNTY = "130533"; // 威县
const OTHER = "130131";
const actor = { id: null, name: "test" };
const YEAR_HEADER = [
  "年份",
  "电子商务交易额(元)",
  "农村网络零售额(元)",
  "农产品网络零售额(元)",
  "带动就业(人)",
];

/** 2017 and 2018 figures: transactions grown by `tx` and agricultural retail by `agri`, in yuan. */
const yearSheet = (tx: string, agri: string, jobs = "120"): SheetData => ({
  name: "年度指标",
  rows: [YEAR_HEADER, ["2017", "1000000", "600000", "300000", "80"], ["2018", tx, "700000", agri, jobs]],
});

describe.each(DIALECTS)("outcomes on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "shifan-outcomes-"));
  let file = 0;

  const importSheets = async (sheets: SheetData[], format: "xlsx" | "csv") => {
    const path =
      format === "xlsx"
        ? await writeXlsx(join(dir, `wb${++file}.xlsx`), sheets)
        : writeCsvFolder(join(dir, `csv${++file}`), sheets);
    return importWorkbook({ db: db.db, registry: buildSheetRegistry(), actor, countyCode: COUNTY, path });
  };
  const card = async (asOf = "2018-10-31") =>
    evaluate(await gatherCountyFacts(db, COUNTY, asOf), HEBEI_2017).items;
  const item = async (id: string, asOf?: string) => (await card(asOf)).find((i) => i.id === id)!;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY, OTHER] });
    app = await buildTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("leaves D1 and D2 pending while a year is missing (rule K7)", async () => {
    expect(await item("D1")).toMatchObject({ status: "pending", measured: { year: 2018, growthBp: null } });
    await importSheets(
      [{ name: "年度指标", rows: [YEAR_HEADER, ["2018", "1200000", "700000", "390000", "5"]] }],
      "xlsx",
    );
    const d1 = await item("D1");
    expect(d1).toMatchObject({
      status: "pending",
      measured: { transactionsFen: 120_000_000, previousFen: null },
    });
    expect(d1.note).toContain("2017年");
    expect((await item("D2")).status).toBe("pending");
  });

  for (const format of ["xlsx", "csv"] as const) {
    it(`decides D1 at +20% just under, at and just over, from a ${format} workbook (rule G2)`, async () => {
      const cases: [string, number, string][] = [
        ["1199999.99", 1999, "fail"],
        ["1200000", 2000, "pass"],
        ["1200100", 2001, "pass"],
      ];
      for (const [tx, growthBp, status] of cases) {
        const result = await importSheets([yearSheet(tx, "400000")], format);
        expect(result.written, JSON.stringify(result.rejected)).toBe(true);
        expect(await item("D1")).toMatchObject({
          status,
          measured: { year: 2018, previousFen: 100_000_000, growthBp },
          threshold: { growthBp: 2000 },
        });
      }
    });

    it(`decides D2 at +30% just under, at and just over, and needs jobs, from a ${format} workbook (rule G3)`, async () => {
      const cases: [string, string, number, string][] = [
        ["389999.99", "120", 2999, "fail"],
        ["390000", "120", 3000, "pass"],
        ["390030", "120", 3001, "pass"],
        ["390030", "0", 3001, "fail"],
      ];
      for (const [agri, jobs, growthBp, status] of cases) {
        const result = await importSheets([yearSheet("1300000", agri, jobs)], format);
        expect(result.written, JSON.stringify(result.rejected)).toBe(true);
        expect(await item("D2")).toMatchObject({
          status,
          measured: { year: 2018, previousFen: 30_000_000, growthBp, jobs: Number(jobs) },
        });
      }
    });
  }

  it("writes nothing when one row is bad, and names the sheet, row and column in Chinese", async () => {
    const before = await db.db.withTables<OutcomesTables>().selectFrom("year_figures").selectAll().execute();
    const result = await importSheets(
      [
        {
          name: "年度指标",
          rows: [
            YEAR_HEADER,
            ["2016", "900000", "500000", "250000", "60"],
            ["18", "1", "1", "1", "1"],
            ["2016", "1", "1", "1", "1"],
            ["2015", "abc", "1", "1", "-3"],
          ],
        },
      ],
      "xlsx",
    );
    expect(result.written).toBe(false);
    const named = result.rejected.map((r) => [r.sheet, r.row, r.column]);
    expect(named).toEqual(
      expect.arrayContaining([
        ["年度指标", 3, "年份"],
        ["年度指标", 4, "年份"],
        ["年度指标", 5, "电子商务交易额(元)"],
        ["年度指标", 5, "带动就业(人)"],
      ]),
    );
    expect(result.rejected.find((r) => r.row === 4)!.reason.zh).toContain("重复");
    const after = await db.db.withTables<OutcomesTables>().selectFrom("year_figures").selectAll().execute();
    expect(after).toHaveLength(before.length);
  });

  it("saves a year through the form with its source document, audited; another county's admin is refused", async () => {
    const admin = await signedIn(app, db, "county_admin", COUNTY);
    const res = await app.inject({
      method: "PUT",
      url: `/api/v1/counties/${COUNTY}/outcomes/years/2017`,
      headers: { cookie: admin.cookie },
      payload: {
        transactionsFen: 50_000_000,
        ruralRetailFen: 30_000_000,
        agriRetailFen: 20_000_000,
        jobs: 40,
        sourceDocument: "县统计局2017年统计公报",
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const years = await app.inject({
      url: `/api/v1/counties/${COUNTY}/outcomes/years`,
      headers: { cookie: admin.cookie },
    });
    expect(years.json().items.find((y: { year: number }) => y.year === 2017)).toMatchObject({
      transactionsFen: 50_000_000,
      sourceDocument: "县统计局2017年统计公报",
      isDemo: false,
    });
    const audit = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "year_figures.saved")
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect((await verifyAuditChain(db.db)).ok).toBe(true);

    const other = await signedIn(app, db, "county_admin", OTHER);
    const refused = await app.inject({
      method: "PUT",
      url: `/api/v1/counties/${COUNTY}/outcomes/years/2017`,
      headers: { cookie: other.cookie },
      payload: { transactionsFen: 1, ruralRetailFen: 1, agriRetailFen: 1, jobs: 1, sourceDocument: "x" },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await app.inject({
      method: "PUT",
      url: `/api/v1/counties/${COUNTY}/outcomes/years/2017`,
      headers: { cookie: admin.cookie, "accept-language": "zh-CN" },
      payload: { transactionsFen: -1, ruralRetailFen: 1, agriRetailFen: 1, jobs: 1, sourceDocument: "" },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBeTruthy();
  });

  it("records poor households' sales only for registered households, and D3 reads them (rule O9)", async () => {
    const bad = await importSheets(
      [
        {
          name: "贫困户销售",
          rows: [
            ["户编号", "月份", "销售数量", "销售额(元)", "增收(元)"],
            ["WX-9999", "2018-05", "3", "90", "20"],
          ],
        },
      ],
      "csv",
    );
    expect(bad.written).toBe(false);
    expect(bad.rejected[0]).toMatchObject({ sheet: "贫困户销售", row: 2, column: "户编号" });
    expect(bad.rejected[0]!.reason.zh).toContain("不在本县贫困户名册");

    const village = await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", COUNTY)
      .where("level", "=", "village")
      .executeTakeFirstOrThrow();
    expect((await item("D3")).measured).toMatchObject({ householdsWithSales: 0 });
    const good = await importSheets(
      [
        {
          name: "贫困户",
          rows: [
            ["户编号", "村代码", "人口"],
            ["WX-0001", village.code, "3"],
          ],
        },
        {
          name: "贫困户销售",
          rows: [
            ["户编号", "月份", "销售数量", "销售额(元)", "增收(元)"],
            ["WX-0001", "2018-05", "30", "900", "200"],
            ["WX-0001", "2018-06", "10", "300.50", "80"],
          ],
        },
      ],
      "xlsx",
    );
    expect(good.written, JSON.stringify(good.rejected)).toBe(true);
    expect((await item("D3")).measured).toMatchObject({
      householdsWithSales: 1,
      salesQuantity: 40,
      salesFen: 120_050,
      incomeGainFen: 28_000,
    });
    // Sales after the as-of month are not yet on record.
    expect((await item("D3", "2018-04-30")).measured).toMatchObject({ householdsWithSales: 0 });
  });

  it("decides C1, C2, C5 and D4 from the records entered through the rosters (rules K3, K4, K7)", async () => {
    const admin = await signedIn(app, db, "county_admin", COUNTY);
    const post = async (path: string, payload: object) => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${COUNTY}/outcomes/${path}`,
        headers: { cookie: admin.cookie },
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    expect((await item("C1")).status).toBe("pending");
    await post("leading-group", {
      name: "某县长",
      position: "县长",
      groupRole: "leader",
      isCountyHead: true,
    });
    await post("joint-meetings", {
      heldOn: "2018-03-01",
      title: "联席会议",
      attendees: "各部门",
      minutes: "纪要",
      decisions: 2,
      decisionsFollowedUp: 2,
    });
    expect(await item("C1")).toMatchObject({ status: "fail", measured: { jointMeetings: 1 } });
    await post("joint-meetings", {
      heldOn: "2018-06-01",
      title: "联席会议二",
      attendees: "各部门",
      minutes: "纪要",
      decisions: 1,
      decisionsFollowedUp: 0,
    });
    expect(await item("C1")).toMatchObject({ status: "pass", measured: { jointMeetings: 2, decisions: 3 } });

    await post("inspections", {
      kind: "province",
      inspectedOn: "2018-05-01",
      inspector: "省督导组",
      subject: "进度",
      findingsOpen: 0,
    });
    expect((await item("C2")).status).toBe("fail");
    await post("inspections", {
      kind: "county",
      inspectedOn: "2018-05-02",
      inspector: "县商务局",
      subject: "站点",
      findings: "公告牌缺失",
      findingsOpen: 1,
      photoRefs: "p1.jpg",
    });
    expect(await item("C2")).toMatchObject({ status: "pass", measured: { inspections: 1, findingsOpen: 1 } });

    for (let i = 1; i <= 5; i++) {
      await post("research-reports", {
        title: `调研报告${i}`,
        publishedOn: "2018-06-01",
        columnUrl: `https://example.org/r${i}`,
      });
      if (i === 4) expect((await item("C5")).status).toBe("fail");
    }
    expect((await item("C5")).status).toBe("fail"); // five reports, no recognition yet
    await post("recognitions", {
      kind: "media",
      title: "经验",
      outlet: "河北日报",
      recognizedOn: "2018-07-01",
    });
    expect(await item("C5")).toMatchObject({
      status: "pass",
      measured: { researchReports: 5, recognitions: 1 },
    });

    const enterprise = {
      name: "邮政",
      kind: "post",
      hasInventory: true,
      hasPurchasing: true,
      hasOnlineSales: false,
      hasStatistics: true,
      upgradedOn: "2018-04-01",
      evidence: "验收单",
    };
    await post("upgraded-enterprises", enterprise);
    expect((await item("D4")).status).toBe("fail");
    await post("upgraded-enterprises", { ...enterprise, name: "供销社", kind: "coop", hasOnlineSales: true });
    expect(await item("D4")).toMatchObject({ status: "pass", measured: { upgradedEnterprises: 1 } });
    expect((await item("C4")).status).toBe("pending");
  });

  it("answers the summary with the same judgements as the scorecard, under the standard in force", async () => {
    const viewer = await signedIn(app, db, "county_viewer", COUNTY);
    const res = await app.inject({
      url: `/api/v1/counties/${COUNTY}/outcomes/summary?asOf=2018-10-31`,
      headers: { cookie: viewer.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: Record<string, { status: string; measured: object }> }).items;
    for (const id of ["C1", "C2", "C4", "C5", "D1", "D2", "D4"]) {
      const card = await item(id);
      expect(items[id], id).toMatchObject({ status: card.status, measured: card.measured });
    }
    const other = await signedIn(app, db, "county_viewer", OTHER);
    const refused = await app.inject({
      url: `/api/v1/counties/${COUNTY}/outcomes/summary`,
      headers: { cookie: other.cookie },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("keeps staff ID-card numbers only as keyed hashes and reports the poor share per facility (rule K5)", async () => {
    const admin = await signedIn(app, db, "county_admin", COUNTY);
    const add = (personId: string, isPoor: boolean, facilityCode = "WX-ZX") =>
      app.inject({
        method: "POST",
        url: `/api/v1/counties/${COUNTY}/outcomes/staff`,
        headers: { cookie: admin.cookie },
        payload: {
          facilityKind: "county_center",
          facilityCode,
          personId,
          role: "运营",
          startedOn: "2018-01-01",
          isPoor,
        },
      });
    const idCard = "11010519491231002X";
    expect((await add(idCard, true)).statusCode).toBe(201);
    expect((await add("EMP-2", false)).statusCode).toBe(201);
    expect((await add("EMP-3", false)).statusCode).toBe(201);
    const stored = await db.db
      .withTables<OutcomesTables>()
      .selectFrom("facility_staff")
      .selectAll()
      .execute();
    expect(JSON.stringify(stored)).not.toContain(idCard);
    const res = await app.inject({
      url: `/api/v1/counties/${COUNTY}/outcomes/staff?asOf=2018-10-31`,
      headers: { cookie: admin.cookie },
    });
    expect(res.json()).toMatchObject({
      county: { staff: 3, poorStaff: 1, poorShareBp: 3333 },
      facilities: [{ facilityCode: "WX-ZX", staff: 3, poorShareBp: 3333 }],
    });
  });
});
