/**
 * Every province roll-up page has its Excel export (issue 18, item 7): each .xlsx carries a title
 * naming the table and its date, Chinese headers, one row per county the caller reads (the same
 * counties and figures as the page's JSON), percentages and yuan as numbers, and a Chinese file name.
 */
import ExcelJS from "exceljs";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const COUNTIES = ["130533", "130131", "130529"]; // 威县, 平山县 (石家庄), 巨鹿县
const AS_OF = "2018-10-31";

async function sheetOf(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers["content-type"]).toContain("spreadsheetml");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

const fileName = (res: LightMyRequestResponse) =>
  decodeURIComponent(String(res.headers["content-disposition"]).split("filename*=UTF-8''")[1]!);

const row = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe.each(DIALECTS)("the province roll-ups' Excel exports on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: string;
  let city: string;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: COUNTIES });
    app = await buildTestApp(db);
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
    city = (await signedIn(app, db, "city_viewer", "1305")).cookie; // 邢台市: 威县 and 巨鹿县
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const get = (url: string, cookie?: string) =>
    app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

  it("exports the demonstration counties' overview (public, like the list)", async () => {
    const json = (await get("/api/v1/counties")).json() as { name: string; subsidyFen: number }[];
    const res = await get("/api/v1/counties.xlsx");
    const ws = await sheetOf(res);
    expect(String(ws.getCell("A1").value)).toMatch(/^电子商务进农村综合示范县总览/);
    expect(row(ws, 2)).toEqual(expect.arrayContaining(["示范县", "中央财政资金(元)", "建档立卡贫困村(个)"]));
    expect(ws.rowCount).toBe(2 + json.length);
    expect(row(ws, 3)[0]).toBe(json[0]!.name);
    expect(row(ws, 3)[4]).toBe(json[0]!.subsidyFen / 100);
    expect(fileName(res)).toMatch(/^示范县总览（\d{4}-\d{2}-\d{2}）\.xlsx$/);
  });

  it("exports the service network roll-up with coverage as percentages", async () => {
    const json = (await get(`/api/v1/network/coverage?asOf=${AS_OF}`, province)).json();
    const ws = await sheetOf(await get(`/api/v1/network/coverage.xlsx?asOf=${AS_OF}`, province));
    expect(ws.getCell("A1").value).toBe(`全省示范县服务体系汇总（截至 ${AS_OF}）`);
    const headers = row(ws, 2);
    expect(headers.slice(0, 4)).toEqual(["示范县", "县级代码", "站点覆盖行政村", "站点覆盖行政村是否达标"]);
    expect(ws.rowCount).toBe(2 + json.counties.length);
    const first = json.counties[0];
    const villages = first.targets.find((t: { key: string }) => t.key === "villages");
    expect(row(ws, 3)[2]).toBe(villages.bp / 10_000);
    expect(ws.getCell("C3").numFmt).toBe("0.00%");
    expect(row(ws, 3)[3]).toBe(villages.ok ? "达标" : "未达标");
  });

  it("exports the operations roll-up, the funds table and the acceptance dashboard for the caller's counties", async () => {
    const ops = await sheetOf(await get("/api/v1/operations/province.xlsx?to=2018-10", city));
    expect(String(ops.getCell("A1").value)).toContain("全省示范县站点运营与物流汇总");
    expect(row(ops, 2)).toEqual(expect.arrayContaining(["上线率", "7日内送达率", "快递企业"]));
    // A city viewer's export holds its own city's counties only.
    expect(ops.rowCount).toBe(2 + 2);
    expect([row(ops, 3)[0], row(ops, 4)[0]].sort()).toEqual(["威县", "巨鹿县"].sort());

    const fundsJson = (await get(`/api/v1/funds/overview?asOf=${AS_OF}`, province)).json();
    const funds = await get(`/api/v1/funds/overview.xlsx?asOf=${AS_OF}`, province);
    const fundsSheet = await sheetOf(funds);
    expect(fundsSheet.getCell("A1").value).toBe(`各示范县资金与采购（截至 ${AS_OF}）`);
    expect(row(fundsSheet, 2)).toEqual(expect.arrayContaining(["按期报省备案", "按期完成招标", "拨付进度"]));
    expect(fundsSheet.rowCount).toBe(2 + fundsJson.counties.length);
    // No code or English word in the cells: M1/M2 and met/missed are in words.
    for (let r = 2; r <= fundsSheet.rowCount; r++) {
      for (const value of row(fundsSheet, r)) {
        if (typeof value === "string") expect(value).not.toMatch(/\b(met|missed|pending|M1|M2|E3|E4)\b/);
      }
    }
    expect(fileName(funds)).toBe(`各示范县资金与采购汇总（截至${AS_OF}）.xlsx`);

    const accJson = (await get(`/api/v1/acceptance/province?asOf=${AS_OF}`, province)).json();
    const acc = await get(`/api/v1/acceptance/province.xlsx?asOf=${AS_OF}`, province);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(acc.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet("验收与绩效")!;
    expect(String(summary.getCell("A1").value)).toContain("河北省电子商务进农村综合示范验收参考标准");
    expect(row(summary, 2).slice(0, 6)).toEqual([
      "示范县",
      "所属市",
      "验收结论",
      "绩效得分",
      "绩效等级",
      "等级说明",
    ]);
    expect(summary.rowCount).toBe(2 + accJson.counties.length);
    expect(row(summary, 3)[3]).toBe(accJson.counties[0].points);
    expect(wb.getWorksheet("改判清单")).toBeDefined();
    // The province dashboard is the province's and cities': a county's account is refused.
    const county = (await signedIn(app, db, "county_admin", "130533")).cookie;
    expect((await get(`/api/v1/acceptance/province.xlsx?asOf=${AS_OF}`, county)).statusCode).toBe(403);
  });

  it("exports the reporting heat map of a year, months with nothing owed left blank", async () => {
    const json = (await get(`/api/v1/reporting/overview?year=2018&asOf=${AS_OF}`, province)).json();
    const res = await get(`/api/v1/reporting/overview.xlsx?year=2018&asOf=${AS_OF}`, province);
    const ws = await sheetOf(res);
    expect(ws.getCell("A1").value).toBe(`2018年人工月报报送完整率与及时率（截至 ${AS_OF}）`);
    expect(row(ws, 2).slice(0, 3)).toEqual(["示范县", "1月完整率", "2月完整率"]);
    expect(ws.rowCount).toBe(2 + json.counties.length);
    json.counties[0].months.forEach((cell: { expected: number; completenessBp: number }, i: number) => {
      const value = ws.getRow(3).getCell(2 + i).value;
      expect(value ?? null).toBe(cell.expected === 0 ? null : cell.completenessBp / 10_000);
    });
    expect(fileName(res)).toBe(`2018年信息报送汇总（截至${AS_OF}）.xlsx`);
  });
});
