import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/acceptance/evaluate";
import { HEBEI_2017 } from "../../src/rules/acceptance/standard";
import { idCardCheckCharacter } from "../../src/rules/id-card";
import { DEMONSTRATION_COUNTIES_2017 } from "../../src/rules/program";
import { loadDemo } from "../../src/server/demo/load-demo";
import { buildSheetRegistry } from "../../src/server/domains";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { AppError } from "../../src/server/platform/http/errors";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { demoTrainingPlan } from "../../src/server/upward/demo-upward";
import type { UpwardTables } from "../../src/server/upward/upward.tables";
import { upwardFacts } from "../../src/server/upward/upward-facts";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { type SheetData, writeCsvFolder, writeXlsx } from "../support/workbooks";

// ajv 8 (draft-07, as the EPCIS schema's $schema says) and ajv-formats are CommonJS.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;
const EPCIS_SCHEMA = JSON.parse(
  readFileSync(new URL("../../../shared/data/epcis-2.0/EPCIS-JSON-Schema.json", import.meta.url), "utf8"),
);
const validateEpcis = (() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(EPCIS_SCHEMA);
})();

const WEIXIAN = "130533";
const PINGSHAN = "130131";
const actor = { id: null, name: "test" };
const TRAINING_HEADER = ["培训编号", "日期", "类别", "人员编号", "贫困户", "户编号"];
const HOUSEHOLD_HEADER = ["户编号", "村代码", "人口"];

/** A valid 18-character ID number (GB 11643) from its first 17 digits. */
const idCard = (first17: string) => first17 + idCardCheckCharacter(first17);

describe("demo training plans across the 17 counties (G4, O9)", () => {
  it("puts some counties at or above 3,000 person-times and 80% of poor households, and some below", () => {
    const plans = DEMONSTRATION_COUNTIES_2017.map((c) => demoTrainingPlan(c.code));
    expect(plans.some((p) => p.personTimes >= 3000)).toBe(true);
    expect(plans.some((p) => p.personTimes < 3000)).toBe(true);
    expect(plans.some((p) => p.trainedHouseholds * 10_000 >= p.households * 8000)).toBe(true);
    expect(plans.some((p) => p.trainedHouseholds * 10_000 < p.households * 8000)).toBe(true);
    expect(demoTrainingPlan(WEIXIAN)).toEqual(demoTrainingPlan(WEIXIAN)); // deterministic
  });
});

describe.each(DIALECTS)("products going up, people trained on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "shifan-upward-"));
  const villages: Record<string, string[]> = {};
  let weixian: string;
  let pingshan: string;
  let folder = 0;

  const importSheets = (countyCode: string, sheets: SheetData[], options: { xlsx?: boolean } = {}) =>
    (options.xlsx
      ? writeXlsx(join(dir, `wb${++folder}.xlsx`), sheets)
      : Promise.resolve(writeCsvFolder(join(dir, `csv${++folder}`), sheets))
    ).then((path) => importWorkbook({ db: db.db, registry: buildSheetRegistry(), actor, countyCode, path }));

  /** Every row of every table, as text: where an ID-card number would show if it were stored. */
  async function dumpDatabase(): Promise<string> {
    const tables =
      dialect === "postgres"
        ? (
            await sql<{
              name: string;
            }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
              db.db,
            )
          ).rows
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db.db))
            .rows;
    let text = "";
    for (const { name } of tables) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(db.db);
      text += JSON.stringify(rows.rows);
    }
    return text;
  }

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [WEIXIAN, PINGSHAN] });
    app = await buildTestApp(db);
    for (const county of [WEIXIAN, PINGSHAN]) {
      villages[county] = (
        await db.db
          .selectFrom("regions")
          .select("code")
          .where("county_code", "=", county)
          .where("level", "=", "village")
          .orderBy("code")
          .execute()
      ).map((r) => r.code);
    }
    weixian = (await signedIn(app, db, "county_admin", WEIXIAN)).cookie;
    pingshan = (await signedIn(app, db, "county_admin", PINGSHAN)).cookie;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe("training and poor households from the workbook alone", () => {
    it("counts 79.99% and 80.00% of 10,000 poor households exactly (O9, D3)", async () => {
      const v = villages[WEIXIAN]!;
      const households = Array.from({ length: 10_000 }, (_, i) => [`H${i}`, v[i % v.length]!, "3"]);
      const training = [
        ...Array.from({ length: 7999 }, (_, i) => ["PX-A", "2018-05-01", "基础普及", `P${i}`, "是", `H${i}`]),
        ["PX-A", "2018-05-01", "基础普及", "P0-wife", "是", "H0"], // a second member: still one household
        ["PX-B", "2018-05-02", "增值培训", "P7999", "是", "H7999"],
      ];
      const result = await importSheets(WEIXIAN, [
        { name: "培训", rows: [TRAINING_HEADER, ...training] },
        { name: "贫困户", rows: [HOUSEHOLD_HEADER, ...households] },
      ]);
      expect(result.rejected).toEqual([]);
      expect(result.written).toBe(true);

      const before = await upwardFacts(db, WEIXIAN, "2018-05-01");
      expect(before).toMatchObject({
        poorHouseholds: 10_000,
        poorHouseholdsTrained: 7999,
        personTimes: 8000,
        people: 8000,
      });
      const d3Before = evaluate(
        { countyCode: WEIXIAN, asOf: "2018-05-01", upward: before },
        HEBEI_2017,
      ).items.find((i) => i.id === "D3")!;
      expect(d3Before).toMatchObject({ status: "fail", measured: { trainingRateBp: 7999 } });

      const after = await upwardFacts(db.db, WEIXIAN, "2018-05-02");
      expect(after).toMatchObject({ poorHouseholdsTrained: 8000, personTimes: 8001, people: 8001 });
      const d3After = evaluate(
        { countyCode: WEIXIAN, asOf: "2018-05-02", upward: after },
        HEBEI_2017,
      ).items.find((i) => i.id === "D3")!;
      expect(d3After).toMatchObject({ status: "pass", measured: { trainingRateBp: 8000 } });
      expect(await upwardFacts(db, WEIXIAN, "2018-04-30")).toMatchObject({
        personTimes: 0,
        poorHouseholdsTrained: 0,
      });
    });

    it("counts 2,999 and 3,000 person-times and the distinct people behind them (G4, O8, B7)", async () => {
      // 1,000 people, three courses each: 3,000 person-times; the last one a day later.
      const rows = Array.from({ length: 3000 }, (_, i) => [
        `C${Math.floor(i / 1000) + 1}`,
        i === 2999 ? "2018-06-02" : "2018-06-01",
        "基础普及",
        `PS-${i % 1000}`,
        "否",
        "",
      ]);
      const result = await importSheets(PINGSHAN, [{ name: "培训", rows: [TRAINING_HEADER, ...rows] }]);
      expect(result.rejected).toEqual([]);
      const at = async (asOf: string) => {
        const facts = await upwardFacts(db, PINGSHAN, asOf);
        const b7 = evaluate({ countyCode: PINGSHAN, asOf, upward: facts }, HEBEI_2017).items.find(
          (i) => i.id === "B7",
        )!;
        return { personTimes: facts.personTimes, people: facts.people, status: b7.status };
      };
      expect(await at("2018-06-01")).toEqual({ personTimes: 2999, people: 1000, status: "fail" });
      expect(await at("2018-06-02")).toEqual({ personTimes: 3000, people: 1000, status: "pass" });

      const summary = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${PINGSHAN}/training/summary?asOf=2018-06-02`,
        headers: { cookie: pingshan },
      });
      expect(summary.statusCode).toBe(200);
      expect(summary.json()).toMatchObject({
        personTimes: 3000,
        people: 1000,
        byCategory: { basic: { personTimes: 3000, people: 1000 }, value_added: { personTimes: 0 } },
        volume: { met: true, threshold: 3000 },
        poorTraining: { met: false },
      });
      expect(summary.json().findings).toEqual([expect.objectContaining({ rule: "O9" })]);
    });

    it("replaces a re-imported row instead of counting it twice", async () => {
      const rows = [["C1", "2018-06-01", "增值培训", "PS-1", "否", ""]];
      const result = await importSheets(PINGSHAN, [{ name: "培训", rows: [TRAINING_HEADER, ...rows] }]);
      expect(result.sheets[0]).toMatchObject({ accepted: 1, written: 1 });
      const facts = await upwardFacts(db, PINGSHAN, "2018-06-02");
      expect(facts).toMatchObject({ personTimes: 3000, people: 1000 });
      const courses = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${PINGSHAN}/training/summary?asOf=2018-06-02`,
        headers: { cookie: pingshan },
      });
      expect(courses.json().byCategory.value_added.personTimes).toBe(1);
    });

    it("refuses duplicates, unknown households and villages of another county, naming sheet, row and column", async () => {
      const other = villages[PINGSHAN]![0]!;
      const result = await importSheets(
        WEIXIAN,
        [
          {
            name: "贫困户",
            rows: [HOUSEHOLD_HEADER, ["HX-1", other, "2"], ["HX-2", villages[WEIXIAN]![0]!, "0"]],
          },
          {
            name: "培训",
            rows: [
              TRAINING_HEADER,
              ["PX-D", "2018-07-01", "基础普及", "Q1", "否", ""],
              ["PX-D", "2018-07-01", "基础普及", "Q1", "否", ""],
              ["PX-D", "2018-07-01", "基础普及", "Q2", "是", "NO-SUCH"],
              ["PX-D", "2018-07-01", "基础普及", "Q3", "否", "H1"],
              ["PX-D", "2018-07-01", "讲座", "Q4", "否", ""],
            ],
          },
        ],
        { xlsx: true },
      );
      expect(result.written).toBe(false);
      const problems = result.rejected.map((r) => [r.sheet, r.row, r.column, r.reason.zh]);
      expect(problems).toEqual([
        ["贫困户", 2, "村代码", `村代码 ${other} 不是本县的村级单位`],
        ["贫困户", 3, "人口", "人口应在1至50之间，实为0"],
        ["培训", 3, "人员编号", "人员 Q1 在培训 PX-D 中与第2行重复（一人一期只计一人次）"],
        ["培训", 4, "户编号", expect.stringContaining("户编号 NO-SUCH 不在本县贫困户名册中")],
        ["培训", 5, "户编号", "填写了贫困户户编号，但“贫困户”为“否”"],
        ["培训", 6, "类别", expect.stringContaining("类别应为“基础普及”或“增值培训”")],
      ]);
    });

    it("lets 培训 name a household of the same workbook whichever sheet comes first, and refuses it otherwise", async () => {
      // CSV folders are read in file-name order: 培训.csv before 贫困户.csv.
      const ok = await importSheets(WEIXIAN, [
        { name: "培训", rows: [TRAINING_HEADER, ["PX-E", "2018-07-02", "基础普及", "R1", "是", "HN-1"]] },
        { name: "贫困户", rows: [HOUSEHOLD_HEADER, ["HN-1", villages[WEIXIAN]![1]!, "5"]] },
      ]);
      expect(ok.rejected).toEqual([]);
      expect(ok.written).toBe(true);
      const before = await upwardFacts(db, WEIXIAN, "2018-12-31");
      const missing = importSheets(WEIXIAN, [
        { name: "培训", rows: [TRAINING_HEADER, ["PX-E", "2018-07-02", "基础普及", "R2", "是", "HN-404"]] },
      ]);
      await expect(missing).rejects.toBeInstanceOf(AppError);
      await expect(missing).rejects.toMatchObject({
        status: 422,
        code: "import_rejected",
        details: [{ sheet: "培训", row: 2, column: "户编号", message: expect.stringContaining("HN-404") }],
      });
      expect(await upwardFacts(db, WEIXIAN, "2018-12-31")).toEqual(before);
    });
  });

  describe("ID-card numbers pasted as person ids", () => {
    const personA = idCard("13013119800101123"); // 18 characters
    const personB15 = "130131750505123"; // first-generation 15 digits
    const personB = idCard("13013119750505123");
    const household = idCard("13013119600202001"); // a 户编号 typed as the head's ID number
    const secrets = [personA, personB, personB15, household, personA.slice(0, 17), household.slice(0, 17)];

    it("stores only keyed hashes and masked forms, matches the same person across imports, and leaks nothing", async () => {
      const v = villages[PINGSHAN]![3]!;
      const first = await importSheets(
        PINGSHAN,
        [
          { name: "贫困户", rows: [HOUSEHOLD_HEADER, [household, v, "4"]] },
          {
            name: "培训",
            rows: [
              TRAINING_HEADER,
              ["ID-1", "2018-03-01", "基础普及", personA, "是", household],
              ["ID-1", "2018-03-01", "基础普及", personB15, "否", ""],
            ],
          },
        ],
        { xlsx: true },
      );
      expect(first.rejected).toEqual([]);
      const before = await upwardFacts(db, PINGSHAN, "2018-03-31");
      // The same people again: A by its 15-digit form (born 1980 → 800101), B by its 18-digit form.
      const second = await importSheets(PINGSHAN, [
        {
          name: "培训",
          rows: [
            TRAINING_HEADER,
            ["ID-2", "2018-03-02", "增值培训", "130131800101123", "是", household],
            ["ID-2", "2018-03-02", "增值培训", personB.toLowerCase(), "否", ""],
          ],
        },
      ]);
      expect(second.rejected).toEqual([]);
      const after = await upwardFacts(db, PINGSHAN, "2018-03-31");
      expect(after.personTimes - before.personTimes).toBe(2);
      expect(after.people).toBe(before.people);
      expect(after.poorHouseholds).toBe(1);
      expect(after.poorHouseholdsTrained).toBe(1);

      const list = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${PINGSHAN}/training/attendances?course=ID-1`,
        headers: { cookie: pingshan },
      });
      expect(
        list.json().items.map((i: { person: string; household: string | null }) => [i.person, i.household]),
      ).toEqual(
        expect.arrayContaining([
          [`1301**********${personA.slice(-4)}`, `1301**********${household.slice(-4)}`],
          [`1301**********${personB.slice(-4)}`, null],
        ]),
      );

      const followup = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/training/followups`,
        headers: { cookie: pingshan },
        payload: { personId: personA, date: "2018-04-01", kind: "startup", note: "开办网店" },
      });
      expect(followup.statusCode).toBe(201);
      expect(followup.json().person).toBe(`1301**********${personA.slice(-4)}`);
      expect((await upwardFacts(db, PINGSHAN, "2018-04-30")).traineesFollowedUp).toBe(1);

      const everything = await dumpDatabase();
      for (const secret of secrets) expect(everything.includes(secret), secret.slice(0, 4)).toBe(false);
      expect(everything).toContain(`1301**********${personA.slice(-4)}`);
      expect((await verifyAuditChain(db.db)).ok).toBe(true);
    });

    it("refuses a mistyped ID number without storing or echoing it", async () => {
      const wrong = personA.slice(0, 17) + (personA[17] === "1" ? "2" : "1");
      const result = await importSheets(PINGSHAN, [
        { name: "培训", rows: [TRAINING_HEADER, ["ID-3", "2018-03-03", "基础普及", wrong, "否", ""]] },
      ]);
      expect(result.written).toBe(false);
      expect(result.rejected).toHaveLength(1);
      expect(result.rejected[0]).toMatchObject({ sheet: "培训", row: 2, column: "人员编号" });
      expect(JSON.stringify(result.rejected)).not.toContain(wrong.slice(0, 12));
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/training/followups`,
        headers: { cookie: pingshan, "accept-language": "zh" },
        payload: { personId: wrong, date: "2018-04-01", kind: "visit" },
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain(wrong.slice(0, 12));
      expect((await dumpDatabase()).includes(wrong)).toBe(false);
    });

    it("records follow-up only for people the county trained", async () => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/training/followups`,
        headers: { cookie: pingshan },
        payload: { personId: "NOBODY", date: "2018-04-01", kind: "job" },
      });
      expect(res.statusCode).toBe(422);
      expect(errorCode(res)).toBe("not_a_trainee");
      const stats = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${PINGSHAN}/training/followups/stats?period=month&asOf=2018-12-31`,
        headers: { cookie: pingshan },
      });
      expect(stats.json().periods).toEqual([
        {
          period: "2018-04",
          records: { visit: 0, coaching: 0, incubation: 0, startup: 1, job: 0 },
          people: 1,
        },
      ]);
    });
  });

  describe("catalogue and incubation rosters", () => {
    const post = (url: string, payload: object, cookie = weixian) =>
      app.inject({ method: "POST", url: `/api/v1/counties/${WEIXIAN}/${url}`, headers: { cookie }, payload });

    it("keeps brands, products, standards, surveys and listings per county, audited, and counts them (O5)", async () => {
      const regional = await post("brands", { name: "威县好物", isRegional: true, owner: "威县人民政府" });
      expect(regional.statusCode).toBe(201);
      expect(regional.json()).toMatchObject({
        name: "威县好物",
        isRegional: true,
        trademarkNo: null,
        isDemo: false,
      });
      const brandIds = [regional.json().id as string];
      for (let i = 1; i <= 3; i++) {
        const res = await post("brands", {
          name: `品牌${i}`,
          isRegional: false,
          owner: `合作社${i}`,
          trademarkNo: `2000000${i}`,
        });
        brandIds.push(res.json().id);
      }
      const productIds: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await post("developed-products", {
          name: `梨礼盒${i}`,
          brandId: brandIds[i % brandIds.length],
          standard: "DB13/T 1234",
          packaging: "纸盒",
          grade: "一级",
          priceFen: 5990,
          unit: "5千克/箱",
        });
        expect(res.statusCode).toBe(201);
        productIds.push(res.json().id);
      }
      expect(
        (
          await post("circulation-standards", {
            number: "T/WX 001-2018",
            title: "威县梨分级包装规范",
            issuedOn: "2018-04-01",
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await post("product-surveys", {
            title: "威县农产品摸底报告",
            surveyedOn: "2017-12-20",
            documentRef: "档案 2017-01",
          })
        ).statusCode,
      ).toBe(201);
      const noName = await post("platform-listings", {
        productId: productIds[0],
        platform: "other",
        shopName: "威县梨",
        shopUrl: "https://example.com/shop",
        monthlySalesFen: 100_000,
      });
      expect(noName.statusCode).toBe(400);
      expect(errorCode(noName)).toBe("validation_failed");
      const listing = await post("platform-listings", {
        productId: productIds[0],
        platform: "other",
        platformName: "拼多多",
        shopName: "威县梨",
        shopUrl: "https://example.com/shop",
        monthlySalesFen: 100_000,
      });
      expect(listing.statusCode).toBe(201);
      expect(
        (
          await post("platform-listings", {
            platform: "jd",
            shopName: "京东店",
            shopUrl: "https://jd.example.com/1",
            monthlySalesFen: 0,
          })
        ).statusCode,
      ).toBe(201);
      const badUrl = await post("platform-listings", {
        platform: "jd",
        shopName: "x",
        shopUrl: "javascript:alert(1)",
        monthlySalesFen: 0,
      });
      expect(badUrl.statusCode).toBe(400);

      const summary = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/upward/summary?asOf=2018-10-31`,
        headers: { cookie: weixian },
      });
      expect(summary.json().facts).toMatchObject({
        hasProductSurvey: true,
        brands: 4,
        regionalBrands: 1,
        developedProducts: 5,
        circulationStandards: 1,
        platformsWithListings: ["京东", "拼多多"],
      });
      // One brand short of five (O5).
      expect(summary.json().checks.products).toEqual({
        met: false,
        findings: [{ rule: "O5", zh: "品牌 4 个，少于 5 个", en: "4 brands, fewer than 5" }],
      });
      await post("brands", { name: "品牌4", isRegional: false, owner: "合作社4" });
      expect((await upwardFacts(db, WEIXIAN, "2018-10-31")).brands).toBe(5);

      // A brand in use is not deleted; an update is audited with before and after.
      const del = await app.inject({
        method: "DELETE",
        url: `/api/v1/counties/${WEIXIAN}/brands/${brandIds[1]}`,
        headers: { cookie: weixian },
      });
      expect(del.statusCode).toBe(409);
      const put = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/brands/${brandIds[1]}`,
        headers: { cookie: weixian },
        payload: { name: "品牌一", isRegional: false, owner: "合作社1", trademarkNo: "20000001" },
      });
      expect(put.statusCode).toBe(200);
      const audit = await db.db
        .selectFrom("audit_log")
        .selectAll()
        .where("action", "=", "brand.updated")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.before_json!)).toMatchObject({ name: "品牌1" });
      expect(JSON.parse(audit.after_json!)).toMatchObject({ name: "品牌一" });
    });

    it("refuses another county's account (403) and another county's references (400/404)", async () => {
      const foreign = await post("brands", { name: "越权", isRegional: false, owner: "x" }, pingshan);
      expect(foreign.statusCode).toBe(403);
      expect(errorCode(foreign)).toBe("forbidden");
      const read = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/developed-products`,
        headers: { cookie: pingshan },
      });
      expect(read.statusCode).toBe(403);
      const pingshanBrand = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/brands`,
        headers: { cookie: pingshan },
        payload: { name: "平山品牌", isRegional: true, owner: "平山县" },
      });
      const crossed = await post("developed-products", {
        name: "借用品牌",
        brandId: pingshanBrand.json().id,
        priceFen: 100,
        unit: "袋",
      });
      expect(crossed.statusCode).toBe(400);
      expect(errorCode(crossed)).toBe("unknown_reference");
      const put = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/brands/${pingshanBrand.json().id}`,
        headers: { cookie: weixian },
        payload: { name: "改名", isRegional: false, owner: "x" },
      });
      expect(put.statusCode).toBe(404);
    });

    it("counts a shop as incubated from 30,000 yuan a year, not 29,999.99 (O6 reading)", async () => {
      const shop = (name: string, annualTransactionsFen: number) =>
        post("incubated-shops", {
          name,
          ownerCategories: ["women", "poor"],
          platform: "taobao",
          shopUrl: "https://shop.example.com/1",
          openedOn: "2018-03-01",
          services: ["packaging", "marketing"],
          monthlyTransactionsFen: Math.floor(annualTransactionsFen / 12),
          annualTransactionsFen,
        });
      const below = await shop("差一分", 2_999_999);
      const at = await shop("刚好", 3_000_000);
      expect(below.json().isIncubated).toBe(false);
      expect(at.json().isIncubated).toBe(true);
      expect((await upwardFacts(db, WEIXIAN, "2018-10-31")).incubatedShops).toBe(1);
      expect((await upwardFacts(db, WEIXIAN, "2018-02-28")).incubatedShops).toBe(0);
      const dup = await post("incubated-shops", {
        name: "重复",
        ownerCategories: ["youth", "youth"],
        platform: "taobao",
        shopUrl: "https://shop.example.com/2",
        openedOn: "2018-03-01",
        services: [],
        monthlyTransactionsFen: 0,
        annualTransactionsFen: 0,
      });
      expect(dup.statusCode).toBe(400);
      const xlsx = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/incubated-shops.xlsx`,
        headers: { cookie: weixian },
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    });
  });

  describe("traceability (O7)", () => {
    const api = (method: "GET" | "POST", url: string, payload?: object) =>
      app.inject({
        method,
        url: `/api/v1/counties/${WEIXIAN}/${url}`,
        headers: { cookie: weixian },
        payload,
      });
    let rawCode: string;
    let boxCode: string;

    it("records batches and EPCIS events, corrects by declaration, and never edits", async () => {
      const enterprise = await api("POST", "trace/enterprises", {
        name: "威县梨业有限公司",
        systemName: "河北省农产品质量安全追溯平台",
        joinedOn: "2018-03-01",
        salesFen: 12_000_000,
      });
      expect(enterprise.statusCode).toBe(201);
      const enterpriseId = enterprise.json().id;
      const base = await api("POST", "trace/sites", {
        enterpriseId,
        name: "梨园基地",
        kind: "base",
        villageCode: villages[WEIXIAN]![5],
      });
      expect(base.statusCode).toBe(201);
      const plant = await api("POST", "trace/sites", { enterpriseId, name: "加工车间", kind: "plant" });
      const foreignVillage = await api("POST", "trace/sites", {
        enterpriseId,
        name: "外县",
        kind: "base",
        villageCode: villages[PINGSHAN]![0],
      });
      expect(foreignVillage.statusCode).toBe(400);

      const raw = await api("POST", "trace/batches", {
        enterpriseId,
        productName: "鲜梨",
        lot: "L2018-01",
        quantity: 5000,
        unit: "kg",
      });
      expect(raw.statusCode).toBe(201);
      rawCode = raw.json().code;
      expect(rawCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
      const box = await api("POST", "trace/batches", {
        enterpriseId,
        productName: "<script>alert(1)</script>梨礼盒",
        lot: "L2018-02",
        quantity: 800,
        unit: "box",
      });
      boxCode = box.json().code;
      const rawId = raw.json().id;
      const boxId = box.json().id;
      const event = (batchId: string, payload: object) =>
        api("POST", `trace/batches/${batchId}/events`, payload);
      expect(
        (
          await event(rawId, {
            step: "harvesting",
            eventTime: "2018-09-05T08:00:00+08:00",
            siteId: base.json().id,
            quantity: 5000,
            unit: "kg",
            note: "采收人张三 13800138000",
          })
        ).statusCode,
      ).toBe(201);
      const future = await event(rawId, { step: "packing", eventTime: "2099-01-01T00:00:00+08:00" });
      expect(errorCode(future)).toBe("event_in_future");
      const noResult = await event(rawId, { step: "inspecting", eventTime: "2018-09-06T10:00:00+08:00" });
      expect(noResult.statusCode).toBe(400);
      expect(errorCode(noResult)).toBe("inspection_required");
      expect(
        (
          await event(rawId, {
            step: "inspecting",
            eventTime: "2018-09-06T10:00:00+08:00",
            siteId: base.json().id,
            inspection: {
              item: "农药残留",
              result: "pass",
              agency: "威县农产品质量检测站",
              reportNo: "JC-001",
            },
          })
        ).statusCode,
      ).toBe(201);
      expect(
        (
          await event(boxId, {
            step: "processing",
            eventTime: "2018-09-10T09:00:00+08:00",
            siteId: plant.json().id,
            quantity: 800,
            unit: "box",
            inputs: [{ batchId: rawId, quantity: 4800, unit: "kg" }],
          })
        ).statusCode,
      ).toBe(201);
      const wrong = await event(boxId, {
        step: "shipping",
        eventTime: "2018-09-13T09:00:00+08:00",
        quantity: 800,
        unit: "box",
      });
      const voided = await api("POST", `trace/batches/${boxId}/events/${wrong.json().id}/void`, {
        reason: "incorrect_data",
        explanation: "日期录错，经办人李四",
        correction: { step: "shipping", eventTime: "2018-09-15T09:00:00+08:00", quantity: 800, unit: "box" },
      });
      expect(voided.statusCode).toBe(201);
      const again = await api("POST", `trace/batches/${boxId}/events/${wrong.json().id}/void`, {
        reason: "did_not_occur",
      });
      expect(again.statusCode).toBe(409);

      const detail = await api("GET", `trace/batches/${boxId}`);
      const events = detail.json().events as {
        id: string;
        voidsEventId: string | null;
        voidedBy: string | null;
        eventTime: string;
      }[];
      expect(events).toHaveLength(4); // processing, wrong shipping, its declaration, the correction
      const original = events.find((e) => e.id === wrong.json().id)!;
      expect(original.eventTime).toBe("2018-09-13T09:00:00.000+08:00"); // unchanged
      expect(original.voidedBy).toBe(voided.json().declarationId);

      const crossCounty = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/trace/batches/${boxId}/events`,
        headers: { cookie: pingshan },
        payload: { step: "receiving", eventTime: "2018-09-16T09:00:00+08:00" },
      });
      expect(crossCounty.statusCode).toBe(404);
      expect((await upwardFacts(db, WEIXIAN, "2018-10-31")).traceEnterprisesWithSales).toBe(1);
    });

    it("serves a public trace page without login: origin, inspection, chain, correction; no people", async () => {
      const page = await app.inject({ method: "GET", url: `/t/${boxCode}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toContain("text/html");
      expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
      const html = page.body;
      expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1">');
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;梨礼盒");
      expect(html).not.toContain("<script>");
      expect(html).toContain("威县梨业有限公司");
      expect(html).toContain("梨园基地");
      expect(html).toContain("威县"); // the origin's place names from the region registry
      expect(html).toContain("原料：鲜梨 4800千克");
      expect(html).toContain("农药残留");
      expect(html).toContain("合格");
      expect(html).toContain('class="void"');
      expect(html).toContain("已作废：记录有误");
      for (const personal of ["张三", "13800138000", "李四", "countyadmin"])
        expect(html).not.toContain(personal);
      expect(html.length).toBeLessThan(20_000);

      const missing = await app.inject({ method: "GET", url: "/t/ZZZZZZZZZZ" });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toContain("未找到该追溯码");
      expect((await app.inject({ method: "GET", url: "/t/..%2F..%2Fetc" })).statusCode).toBe(404);
    });

    it("exports the chain as an EPCIS 2.0 document that validates against the GS1 schema", async () => {
      const res = await app.inject({ method: "GET", url: `/t/${boxCode}.json` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("application/ld+json");
      const doc = res.json();
      const valid = validateEpcis(doc);
      expect(validateEpcis.errors ?? [], JSON.stringify(validateEpcis.errors?.slice(0, 3))).toEqual([]);
      expect(valid).toBe(true);
      expect(doc.type).toBe("EPCISDocument");
      expect(doc.id).toBe(`http://localhost:80/t/${boxCode}`);
      const events = doc.epcisBody.eventList as Record<string, any>[];
      // Upstream (the raw lot) and own events, oldest first.
      expect(events.map((e) => [e.type, e["shifan:step"]])).toEqual([
        ["ObjectEvent", "harvesting"],
        ["ObjectEvent", "inspecting"],
        ["TransformationEvent", "processing"],
        ["ObjectEvent", "shipping"],
        ["ObjectEvent", "shipping"],
        ["ObjectEvent", "shipping"],
      ]);
      const processing = events[2]!;
      expect(processing.inputQuantityList).toEqual([
        { epcClass: `urn:shifan:lot:${rawCode}`, quantity: 4800, uom: "KGM" },
      ]);
      expect(processing.outputQuantityList).toEqual([
        { epcClass: `urn:shifan:lot:${boxCode}`, quantity: 800, uom: "XBX" },
      ]);
      const declaration = events.find((e) => e.errorDeclaration)!;
      const original = events.find((e) => e.eventID === declaration.eventID && !e.errorDeclaration)!;
      expect(original.eventTime).toBe("2018-09-13T09:00:00.000+08:00");
      expect(declaration.errorDeclaration.reason).toBe("incorrect_data");
      expect(declaration.errorDeclaration.correctiveEventIDs).toHaveLength(1);
      expect(
        events.find((e) => e.eventID === declaration.errorDeclaration.correctiveEventIDs[0])!.eventTime,
      ).toBe("2018-09-15T09:00:00.000+08:00");
      expect(events[1]).toMatchObject({ bizStep: "inspecting", disposition: "conformant" });
      expect(JSON.stringify(doc)).not.toMatch(/张三|13800138000|李四/);
    });

    it("draws the QR code of the page as SVG and PNG", async () => {
      const svg = await app.inject({ method: "GET", url: `/t/${boxCode}.svg` });
      expect(svg.statusCode).toBe(200);
      expect(svg.headers["content-type"]).toContain("image/svg+xml");
      expect(svg.body).toContain("<svg");
      const png = await app.inject({ method: "GET", url: `/t/${boxCode}.png` });
      expect(png.headers["content-type"]).toBe("image/png");
      expect(png.rawPayload.subarray(1, 4).toString()).toBe("PNG");
    });
  });

  describe("demo data", () => {
    it("loads deterministic, marked demo data whose facts follow the plan, with a valid trace", async () => {
      // A database of its own: the demo loads on top of reference data only.
      const demoDb = await createTestDb(dialect, { counties: [WEIXIAN] });
      try {
        await loadDemo(demoDb, "Demo-Password-2017");
        await loadDemo(demoDb, "Demo-Password-2017"); // a second run adds nothing
        const plan = demoTrainingPlan(WEIXIAN);
        const facts = await upwardFacts(demoDb, WEIXIAN, "2018-10-31");
        expect(facts).toMatchObject({
          personTimes: plan.personTimes,
          people: plan.people,
          poorHouseholds: plan.households,
          poorHouseholdsTrained: plan.trainedHouseholds,
          hasProductSurvey: true,
          regionalBrands: 1,
          circulationStandards: 1,
        });
        expect(facts.brands).toBeGreaterThanOrEqual(5);
        expect(facts.traceEnterprisesWithSales).toBeGreaterThanOrEqual(1);
        expect(facts.traceEnterprisesWithSales).toBeLessThanOrEqual(3);
        const t = demoDb.db.withTables<UpwardTables>();
        const notDemo = await t.selectFrom("brands").select("id").where("is_demo", "=", 0).execute();
        expect(notDemo).toEqual([]);
        const names = await t.selectFrom("incubated_shops").select(["name", "is_demo"]).execute();
        expect(names.length).toBeGreaterThanOrEqual(20);
        expect(names.every((s) => s.name.includes("（演示）") && s.is_demo === 1)).toBe(true);
        // Names read like real ones: no running number ("小米小店7"), and none twice.
        const named = [
          ...names.map((s) => s.name),
          ...(await t.selectFrom("brands").select(["name", "owner"]).execute()).flatMap((b) => [
            b.name,
            b.owner,
          ]),
          ...(await t.selectFrom("developed_products").select("name").execute()).map((p) => p.name),
          ...(await t.selectFrom("platform_listings").select("shop_name").execute()).map((l) => l.shop_name),
          ...(await t.selectFrom("trace_enterprises").select("name").execute()).map((e) => e.name),
        ];
        expect(named.filter((n) => /\d$/.test(n))).toEqual([]);
        expect(new Set(names.map((s) => s.name)).size).toBe(names.length);
        const batch = await t
          .selectFrom("trace_batches")
          .select("code")
          .orderBy("lot", "desc")
          .executeTakeFirstOrThrow();
        const demoApp = await buildTestApp(demoDb);
        try {
          const json = await demoApp.inject({ method: "GET", url: `/t/${batch.code}.json` });
          expect(validateEpcis(json.json()), JSON.stringify(validateEpcis.errors?.slice(0, 3))).toBe(true);
          expect(
            json.json().epcisBody.eventList.some((e: { errorDeclaration?: unknown }) => e.errorDeclaration),
          ).toBe(true);
          expect((await demoApp.inject({ method: "GET", url: `/t/${batch.code}` })).body).toContain(
            "（演示）",
          );
        } finally {
          await demoApp.close();
        }
      } finally {
        await demoDb.drop();
      }
    });
  });
});
