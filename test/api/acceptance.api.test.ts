import type { FastifyInstance } from "fastify";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

function multipart(fields: Record<string, string>, file?: { name: string; type: string; content: Buffer }) {
  const boundary = "----shifanevidence";
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

// A 1×1 PNG, the smallest real photo.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe.each(DIALECTS)("the acceptance scorecard and the assessor's workflow on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let county: { cookie: string };
  let assessor: { cookie: string; username: string };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    county = await signedIn(app, db, "county_admin", "130533");
    assessor = await signedIn(app, db, "assessor", "13");
    const invite = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/assessors",
      headers: { cookie: county.cookie },
      payload: { username: assessor.username },
    });
    expect(invite.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const scorecard = (cookie: string, code = "130533") =>
    app.inject({
      method: "GET",
      url: `/api/v1/counties/${code}/scorecard?asOf=2018-10-31`,
      headers: { cookie },
    });

  it("answers the scorecard of interfaces.md with all 27 ids", async () => {
    const res = await scorecard(county.cookie);
    expect(res.statusCode).toBe(200);
    const card = res.json();
    expect(card).toMatchObject({ county: "130533", asOf: "2018-10-31", standard: "hebei-2017" });
    expect(card.items).toHaveLength(22);
    expect(card.veto).toHaveLength(5);
    expect(["passed", "failed", "vetoed", "incomplete"]).toContain(card.verdict);
    expect((await scorecard(county.cookie, "130131")).statusCode).toBe(403);
    const bad = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/scorecard?asOf=2018-13-01",
      headers: { cookie: county.cookie },
    });
    expect(bad.statusCode).toBe(400);
    errorCode(bad);
  });

  it("lets the invited assessor decide a pending item with a note and a photo; the county cannot", async () => {
    const decide = (cookie: string, body: object) =>
      app.inject({
        method: "POST",
        url: "/api/v1/counties/130533/acceptance/decisions",
        headers: { cookie },
        payload: body,
      });
    const byCounty = await decide(county.cookie, { itemId: "C1", status: "pass", note: "自评通过" });
    expect(byCounty.statusCode).toBe(403);
    const res = await decide(assessor.cookie, {
      itemId: "C1",
      status: "pass",
      note: "领导小组会议纪要齐全，现场核实",
    });
    expect(res.statusCode).toBe(201);
    const wrong = await decide(assessor.cookie, { itemId: "E3", status: "pass", note: "x说明" });
    expect(errorCode(wrong)).toBe("invalid_status");
    const form = multipart(
      { itemId: "C1", note: "会议纪要照片" },
      { name: "纪要.png", type: "image/png", content: PNG },
    );
    const evidence = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/acceptance/evidence",
      headers: { cookie: assessor.cookie, "content-type": form.contentType },
      payload: form.payload,
    });
    expect(evidence.statusCode).toBe(201);
    expect(evidence.json().kind).toBe("photo");
    const c1 = (await scorecard(county.cookie)).json().items.find((i: { id: string }) => i.id === "C1");
    expect(c1).toMatchObject({
      status: "pass",
      decidedBy: "assessor",
      note: "领导小组会议纪要齐全，现场核实",
    });
  });

  it("signs the scorecard; afterwards nothing can change, and the .docx report carries the table", async () => {
    const sign = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/acceptance/sign",
      headers: { cookie: assessor.cookie },
      payload: { asOf: "2018-10-31" },
    });
    expect(sign.statusCode).toBe(201);
    const late = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/acceptance/decisions",
      headers: { cookie: assessor.cookie },
      payload: { itemId: "C2", status: "pass", note: "补充判定" },
    });
    expect(late.statusCode).toBe(409);
    const report = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/acceptance-report.docx",
      headers: { cookie: county.cookie },
    });
    expect(report.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(report.rawPayload);
    const xml = await zip.file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("威县电子商务进农村综合示范项目验收报告");
    expect(text).toContain("验收指标");
    expect(text).toContain("领导小组会议纪要齐全，现场核实");
    for (const id of ["A1", "B7", "C1", "D4", "E5"]) expect(text).toContain(id);
    expect(text).toContain("纪要.png");
  });
});
