/**
 * Issue 14, findings 4–6: a cut-off multipart body answers 400 in the error shape; CSV files in
 * GBK/GB18030 import as if UTF-8 and a JSON body that is not UTF-8 is refused with 415; a workbook
 * or CSV folder with no sheet the importer knows is refused (route 400, CLI exit 1), naming the
 * sheets it knows.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import type { NetworkTables } from "../../src/server/network/network.tables";
import { AppError } from "../../src/server/platform/http/errors";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { csvEncoding } from "../../src/server/platform/workbook/read-sheets";
import type { UpwardTables } from "../../src/server/upward/upward.tables";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { encodeGbk } from "../support/gbk";
import { VILLAGE_HEADER, writeXlsx } from "../support/workbooks";

const run = promisify(execFile);
const COUNTY = "130533";
const BOUNDARY = "----shifanupload";

function multipart(fileName: string, content: Buffer) {
  return Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

const csv = (rows: string[][]) => `${rows.map((r) => r.join(",")).join("\r\n")}\r\n`;

describe("CSV encoding detection", () => {
  const dir = mkdtempSync(join(tmpdir(), "shifan-enc-"));
  const file = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  it("reads UTF-8 with or without BOM as UTF-8, and GBK as GB18030 — also when the Chinese comes late", async () => {
    const text = csv([VILLAGE_HEADER, ["130533100201", "王家庄村", "100", "否", "是"]]);
    expect(await csvEncoding(file("bom.csv", Buffer.from(`\uFEFF${text}`)))).toBe("utf-8");
    expect(await csvEncoding(file("plain.csv", Buffer.from(text)))).toBe("utf-8");
    expect(await csvEncoding(file("gbk.csv", encodeGbk(text)))).toBe("gb18030");
    const late = `${"a,b,c\r\n".repeat(20_000)}${text}`; // past the first read chunk (64 KiB)
    expect(await csvEncoding(file("late.csv", encodeGbk(late)))).toBe("gb18030");
    expect(await csvEncoding(file("late-utf8.csv", Buffer.from(late)))).toBe("utf-8");
  });
});

describe.each(DIALECTS)("uploads and encodings on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let villages: string[];
  const dir = mkdtempSync(join(tmpdir(), "shifan-upl-"));
  const upload = (payload: Buffer, query = "") =>
    app.inject({
      method: "POST",
      url: `/api/v1/counties/${COUNTY}/workbook${query}`,
      headers: {
        cookie: admin,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
        "accept-language": "zh-CN",
      },
      payload,
    });
  const population = async (code: string) =>
    (
      await db.db
        .withTables<NetworkTables>()
        .selectFrom("villages")
        .select("population")
        .where("code", "=", code)
        .executeTakeFirst()
    )?.population;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    app = await buildTestApp(db);
    admin = (await signedIn(app, db, "county_admin", COUNTY)).cookie;
    villages = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", COUNTY)
        .where("level", "=", "village")
        .orderBy("code")
        .limit(3)
        .execute()
    ).map((r) => r.code);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  // Finding 4.
  it("answers a multipart body cut off mid-file with 400 in the error shape", async () => {
    const whole = multipart("村庄.csv", Buffer.from(csv([VILLAGE_HEADER]).repeat(2000)));
    for (const cut of [whole.length - 10, 2000, 150]) {
      const res = await upload(whole.subarray(0, cut));
      expect(res.statusCode, `cut at ${cut}`).toBe(400);
      expect(errorCode(res)).toBe("malformed_upload");
      expect(res.json().error.message).toContain("上传内容不完整");
    }
  });

  // Finding 5.
  it("imports a GBK 村庄.csv as if it were UTF-8", async () => {
    const rows = [VILLAGE_HEADER, ...villages.map((code, i) => [code, `东王庄村${i}`, "120", "否", "是"])];
    const bytes = encodeGbk(csv(rows));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const res = await upload(multipart("村庄.csv", bytes));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      written: true,
      sheets: [{ sheet: "村庄", accepted: villages.length }],
    });
    expect(await population(villages[0]!)).toBe(120);
  });

  it("imports a folder of GBK CSV files (村庄 and 贫困户) the same as UTF-8 ones", async () => {
    const folder = join(dir, "gbk-folder");
    mkdirSync(folder);
    const village = [VILLAGE_HEADER, ...villages.map((code, i) => [code, `西李庄村${i}`, "130", "是", "是"])];
    writeFileSync(join(folder, "村庄.csv"), encodeGbk(csv(village)));
    writeFileSync(
      join(folder, "贫困户.csv"),
      encodeGbk(
        csv([
          ["户编号", "村代码", "人口"],
          ["贫困户甲001", villages[0]!, "3"],
        ]),
      ),
    );
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: { id: null, name: "test" },
      countyCode: COUNTY,
      path: folder,
    });
    expect(result.rejected).toEqual([]);
    expect(result.sheets.map((s) => [s.sheet, s.written])).toEqual(
      expect.arrayContaining([
        ["村庄", villages.length],
        ["贫困户", 1],
      ]),
    );
    expect(await population(villages[1]!)).toBe(130);
    // The Chinese of a value, not only of the headers, arrives intact.
    const household = await db.db
      .withTables<UpwardTables>()
      .selectFrom("poor_households")
      .select("code")
      .where("county_code", "=", COUNTY)
      .executeTakeFirstOrThrow();
    expect(household.code).toBe("贫困户甲001");
  });

  it("refuses a JSON body that is not UTF-8 with 415, and one declared in another charset", async () => {
    const gbkJson = encodeGbk(JSON.stringify({ username: "威县管理员", password: "错误的密码Aa1" }));
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json", "accept-language": "zh-CN" },
      payload: gbkJson,
    });
    expect(res.statusCode).toBe(415);
    expect(errorCode(res)).toBe("unsupported_encoding");
    expect(res.json().error.message).toContain("UTF-8");
    const declared = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json; charset=gbk" },
      payload: JSON.stringify({ username: "nobody", password: "x" }),
    });
    expect(declared.statusCode).toBe(415);
    // UTF-8 (declared or not) still reaches the route, and malformed JSON is still 400.
    for (const type of ["application/json", "application/json; charset=utf-8"]) {
      const ok = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        headers: { "content-type": type },
        payload: Buffer.from(JSON.stringify({ username: "没有此人", password: "x" })),
      });
      expect(ok.statusCode, type).toBe(401);
    }
    const broken = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "content-type": "application/json" },
      payload: "{",
    });
    expect(errorCode(broken)).toBe("invalid_json");
  });

  // Finding 6.
  it("refuses a workbook with no known sheet (400), naming the sheets it knows", async () => {
    const path = await writeXlsx(join(dir, "sheet1.xlsx"), [{ name: "Sheet1", rows: [["a", "b"]] }]);
    const res = await upload(multipart("sheet1.xlsx", readFileSync(path)));
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe("no_known_sheets");
    expect(res.json().error.message).toContain("「Sheet1」");
    expect(res.json().error.message).toContain("村庄");
    expect(res.json().error.message).toContain("贫困户");
    // A dry run is refused alike: there is nothing to check.
    expect((await upload(multipart("sheet1.xlsx", readFileSync(path)), "?dryRun=true")).statusCode).toBe(400);
  });

  it("refuses a CSV folder with no known file name, and the CLI exits 1 naming the known sheets", async () => {
    const folder = join(dir, "unknown-folder");
    mkdirSync(folder);
    writeFileSync(
      join(folder, "data.csv"),
      csv([
        ["a", "b"],
        ["1", "2"],
      ]),
    );
    const refused = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: { id: null, name: "test" },
      countyCode: COUNTY,
      path: folder,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(400);
    const cli = await run("node", [
      "bin/shifan.js",
      "import",
      folder,
      "--county",
      COUNTY,
      "--db",
      db.url,
    ]).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((cli as { code: number }).code).toBe(1);
    const said = `${(cli as { stdout: string }).stdout}${(cli as { stderr: string }).stderr}`;
    expect(said).toContain("「data」");
    expect(said).toContain("村庄");
  });
});
