/**
 * The progress of a workbook import (issue 19.3): the uploader reads it by the id it chose — rows
 * read, validated, rejected and written, and how the import ended — and no one else does.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { registerStations } from "../support/stations";

const COUNTY = "130533";
const HEADER = "运单号,站点编号,快递企业,发出时间,签收时间,方向,运费(元),重量(千克)";

function multipart(fileName: string, text: string) {
  const boundary = "----shifanprogress";
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)("import progress on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let uploader: string;
  let colleague: string;

  const progressOf = (cookie: string, id: string, county = COUNTY) =>
    app.inject({
      method: "GET",
      url: `/api/v1/counties/${county}/workbook/progress/${id}`,
      headers: { cookie },
    });
  const upload = (cookie: string, id: string, text: string, query = "") => {
    const body = multipart("物流.csv", text);
    return app.inject({
      method: "POST",
      url: `/api/v1/counties/${COUNTY}/workbook?progress=${id}${query}`,
      headers: { ...body.headers, cookie, "accept-language": "zh-CN" },
      payload: body.payload,
    });
  };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    await registerStations(db.db, COUNTY, ["WX-001"]);
    app = await buildTestApp(db);
    uploader = (await signedIn(app, db, "county_admin", COUNTY)).cookie;
    colleague = (await signedIn(app, db, "county_admin", COUNTY)).cookie;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("tells the uploader how far a finished import got: rows read, validated, written", async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `YT${i},WX-001,中通快递,2018-05-20 09:00,2018-05-21 10:00,下行,6.50,`,
    );
    const res = await upload(uploader, "done-import-01", `${HEADER}\n${rows.join("\n")}\n`);
    expect(res.statusCode, res.body).toBe(200);
    const progress = await progressOf(uploader, "done-import-01");
    expect(progress.statusCode).toBe(200);
    expect(progress.json()).toEqual({
      phase: "done",
      rowsRead: 30,
      rowsValidated: 30,
      rowsRejected: 0,
      rowsWritten: 30,
    });
  });

  it("marks an import refused for a bad row as failed, nothing written", async () => {
    const text = `${HEADER}\nYT90,WX-001,中通快递,2018-05-20 09:00,,下行,6.50,\nYT91,WX-001,中通快递,2018-05-20 09:00,,横向,6.50,\n`;
    const res = await upload(uploader, "refused-import", text);
    expect(res.statusCode).toBe(422);
    expect((await progressOf(uploader, "refused-import")).json()).toEqual({
      phase: "failed",
      rowsRead: 2,
      rowsValidated: 2,
      rowsRejected: 1,
      rowsWritten: 0,
    });
  });

  it("shows no one else the import's progress, and refuses a malformed id", async () => {
    expect((await progressOf(colleague, "done-import-01")).statusCode).toBe(404);
    expect((await progressOf(uploader, "no-such-import")).statusCode).toBe(404);
    expect((await progressOf(uploader, "done-import-01", "130131")).statusCode).toBe(403);
    const bad = await progressOf(uploader, "x".repeat(65));
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBeTruthy();
    const badUpload = await upload(uploader, "bad/id", `${HEADER}\n`);
    expect(badUpload.statusCode).toBe(400);
  });
});
