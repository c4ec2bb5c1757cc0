import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import type { NetworkTables } from "../../src/server/network/network.tables";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { VILLAGE_HEADER, writeCsvFolder, writeXlsx } from "../support/workbooks";

const run = promisify(execFile);
const actor = { id: null, name: "test" };

function multipart(fileName: string, content: Buffer) {
  const boundary = "----shifanboundary";
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)("the county workbook importer on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let villageCodes: string[];
  const dir = mkdtempSync(join(tmpdir(), "shifan-wb-"));
  const countVillages = async () =>
    Number(
      (
        await db.db
          .withTables<NetworkTables>()
          .selectFrom("villages")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countAudit = async () =>
    Number(
      (
        await db.db
          .selectFrom("audit_log")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** One row per village of 威县, population 100 + index, every 4th poor. */
  const villageRows = () =>
    villageCodes.map((code, i) => [code, `村${i}`, String(100 + i), i % 4 === 0 ? "是" : "否", "是"]);

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    villageCodes = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130533")
        .where("level", "=", "village")
        .orderBy("code")
        .execute()
    ).map((r) => r.code);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("writes nothing when one row among hundreds is bad, and names that row (all or nothing)", async () => {
    const rows = villageRows();
    rows[300]![2] = "六百"; // 常住人口 must be a number
    const path = await writeXlsx(join(dir, "bad.xlsx"), [{ name: "村庄", rows: [VILLAGE_HEADER, ...rows] }]);
    const before = { villages: await countVillages(), audit: await countAudit() };
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path,
    });
    expect(villageCodes.length).toBeGreaterThan(300);
    expect(result.written).toBe(false);
    expect(result.rejected).toEqual([
      {
        sheet: "村庄",
        row: 302,
        column: "常住人口",
        reason: { zh: "应为非负整数，实为“六百”", en: expect.any(String) },
      },
    ]);
    expect({ villages: await countVillages(), audit: await countAudit() }).toEqual(before);
  });

  it("imports a good sheet in one transaction, audited, and marks the rows as real data", async () => {
    const path = await writeXlsx(join(dir, "good.xlsx"), [
      { name: "村庄", rows: [VILLAGE_HEADER, ...villageRows()] },
      { name: "备注", rows: [["anything"]] },
    ]);
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path,
    });
    expect(result.written).toBe(true);
    expect(result.ignoredSheets).toEqual(["备注"]);
    expect(result.sheets[0]).toMatchObject({
      sheet: "村庄",
      accepted: villageCodes.length,
      written: villageCodes.length,
    });
    const v = await db.db
      .withTables<NetworkTables>()
      .selectFrom("villages")
      .selectAll()
      .where("code", "=", villageCodes[4]!)
      .executeTakeFirstOrThrow();
    expect(v).toMatchObject({
      county_code: "130533",
      population: 104,
      is_poor: 1,
      has_broadband: 1,
      demo_fields: "[]",
    });
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });

  it("refuses codes of another county, duplicates, bad flags and missing columns", async () => {
    const other = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130131")
        .where("level", "=", "village")
        .executeTakeFirstOrThrow()
    ).code;
    const folder = writeCsvFolder(join(dir, "csv-bad"), [
      {
        name: "村庄",
        rows: [
          VILLAGE_HEADER,
          [villageCodes[0]!, "甲", "500", "是", "是"],
          [other, "乙", "500", "是", "是"],
          [villageCodes[0]!, "甲", "500", "是", "是"],
          [villageCodes[1]!, "丙", "-3", "也许", "是"],
        ],
      },
    ]);
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path: folder,
    });
    expect(result.written).toBe(false);
    expect(result.rejected.map((r) => [r.row, r.column])).toEqual([
      [3, "村代码"],
      [4, "村代码"],
      [5, "常住人口"],
      [5, "建档立卡贫困村"],
    ]);
    expect(result.rejected[1]!.reason.zh).toContain("第2行重复");
    const missing = writeCsvFolder(join(dir, "csv-missing"), [
      {
        name: "村庄",
        rows: [
          ["村代码", "常住人口"],
          [villageCodes[0]!, "5"],
        ],
      },
    ]);
    const r2 = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path: missing,
    });
    expect(r2.rejected.map((r) => r.column)).toEqual(["建档立卡贫困村", "通宽带"]);
  });

  it("keeps the valid rows with --partial, and validates only with --dry-run", async () => {
    const folder = writeCsvFolder(join(dir, "csv-partial"), [
      {
        name: "村庄",
        rows: [
          VILLAGE_HEADER,
          [villageCodes[2]!, "", "777", "否", "否"],
          ["130533999999", "", "1", "否", "否"],
        ],
      },
    ]);
    const dry = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path: folder,
      dryRun: true,
      partial: true,
    });
    expect(dry.written).toBe(false);
    const partial = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path: folder,
      partial: true,
    });
    expect(partial.written).toBe(true);
    expect(partial.rejected).toHaveLength(1);
    const v = await db.db
      .withTables<NetworkTables>()
      .selectFrom("villages")
      .select("population")
      .where("code", "=", villageCodes[2]!)
      .executeTakeFirstOrThrow();
    expect(v.population).toBe(777);
  });

  it("imports by upload for the county's own admin; 422 names bad rows; 403 for another county", async () => {
    const admin = await signedIn(app, db, "county_admin", "130533");
    const rows = villageRows().slice(0, 50);
    rows[10]![3] = "x";
    const bad = await writeXlsx(join(dir, "upload-bad.xlsx"), [
      { name: "村庄", rows: [VILLAGE_HEADER, ...rows] },
    ]);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/workbook",
      ...multipart("upload-bad.xlsx", readFileSync(bad)),
      headers: {
        ...multipart("x", Buffer.alloc(0)).headers,
        cookie: admin.cookie,
        "accept-language": "zh-CN",
      },
    });
    expect(res.statusCode).toBe(422);
    expect(errorCode(res)).toBe("import_rejected");
    expect(res.json().error.details).toEqual([
      { sheet: "村庄", row: 12, column: "建档立卡贫困村", message: "应填“是”或“否”，实为“x”" },
    ]);
    const other = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130131/workbook",
      ...multipart("upload-bad.xlsx", readFileSync(bad)),
      headers: { ...multipart("x", Buffer.alloc(0)).headers, cookie: admin.cookie },
    });
    expect(other.statusCode).toBe(403);
    const notXlsx = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/workbook",
      ...multipart("../../etc/passwd", Buffer.from("root:x:0:0")),
      headers: { ...multipart("x", Buffer.alloc(0)).headers, cookie: admin.cookie },
    });
    expect(notXlsx.statusCode).toBe(415);
    errorCode(notXlsx);
    const garbage = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/workbook",
      ...multipart("junk.xlsx", Buffer.from("this is not a zip")),
      headers: { ...multipart("x", Buffer.alloc(0)).headers, cookie: admin.cookie },
    });
    expect(garbage.statusCode).toBe(400);
    expect(errorCode(garbage)).toBe("unreadable_workbook");
  });

  it("generates a template whose headers and example row the importer accepts", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/workbook/template.xlsx" });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("村庄")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...VILLAGE_HEADER]);
    const path = join(dir, "template.xlsx");
    await wb.xlsx.writeFile(path);
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor,
      countyCode: "130533",
      path,
      dryRun: true,
    });
    expect(result.rejected).toEqual([]); // the note row and the untouched example row are not data
    expect(result.sheets[0]!.rows).toBe(0);
  });
});

describe("shifan import (CLI)", () => {
  it("exits 1, names the bad row and writes nothing; exits 0 for a good file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "shifan-cli-"));
    const url = `sqlite:${join(dir, "cli.db")}`;
    await run("node", ["bin/shifan.js", "migrate", "--db", url]);
    const { stdout: codes } = await run("node", [
      "-e",
      `const D=require("better-sqlite3");const d=new D(${JSON.stringify(join(dir, "cli.db"))});console.log(d.prepare("select code from regions where county_code='130533' and level='village' order by code").all().map(r=>r.code).join(","))`,
    ]);
    const list = codes.trim().split(",");
    const rows = list.map((c, i) => [c, "", String(200 + i), "否", "是"]);
    rows[123]![4] = "不知道";
    const bad = await writeXlsx(join(dir, "bad.xlsx"), [{ name: "村庄", rows: [VILLAGE_HEADER, ...rows] }]);
    const failed = await run("node", [
      "bin/shifan.js",
      "import",
      bad,
      "--county",
      "130533",
      "--db",
      url,
    ]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("工作表 村庄 第 125 行 列「通宽带」");
    expect(failed.stdout).toContain("未写入任何数据");
    rows[123]![4] = "否";
    const good = await writeXlsx(join(dir, "good.xlsx"), [{ name: "村庄", rows: [VILLAGE_HEADER, ...rows] }]);
    const ok = await run("node", ["bin/shifan.js", "import", good, "--county", "130533", "--db", url]);
    expect(ok.stdout).toContain(`接受 ${list.length}`);
    const verify = await run("node", ["bin/shifan.js", "audit", "verify", "--db", url]);
    expect(verify.stdout).toContain("audit chain intact");
  });
});
