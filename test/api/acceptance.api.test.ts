import ExcelJS from "exceljs";
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
    expect(card).toMatchObject({
      county: "130533",
      asOf: "2018-10-31",
      standard: "hebei-2017",
      standardVersion: 1,
    });
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
    // Reads like an official report: the standard by name, the date in words, the verdict explained.
    expect(text).toContain("根据《河北省电子商务进农村综合示范验收参考标准（2017年）第1版》");
    expect(text).toContain("评估基准日：2018年10月31日");
    expect(text).toMatch(/验收结论：[^。]+。\d+ 项验收指标中，通过 \d+ 项/);
    expect(text).not.toContain("hebei-2017");
    // The requirement beside what was measured: A3's header and its threshold in words.
    expect(text).toContain("达标要求");
    const header = /编号指标达标要求测量值结论依据规则说明/;
    expect(text).toMatch(header);
    expect(text).toContain("行政村站点覆盖率 50.00%");
    // Fonts are set in the document's styles: 宋体 for the body, 黑体 for title and headings.
    const styles = await zip.file("word/styles.xml")!.async("string");
    const docDefaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(docDefaults).toMatch(/w:eastAsia="宋体"/);
    for (const style of ["Title", "Heading1", "Heading2"]) {
      const def = new RegExp(`<w:style [^>]*w:styleId="${style}"[\\s\\S]*?</w:style>`).exec(styles)![0];
      expect(def, style).toMatch(/w:eastAsia="黑体"/);
    }
    // Page numbers in the footer, A4 portrait.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(Object.keys(zip.files).some((name) => /^word\/footer\d*\.xml$/.test(name))).toBe(true);
  });
  const get = (url: string, cookie: string) => app.inject({ method: "GET", url, headers: { cookie } });

  it("grades the county by points, each indicator naming its items and measured values (F10)", async () => {
    const res = await get("/api/v1/counties/130533/performance?asOf=2018-10-31", county.cookie);
    expect(res.statusCode).toBe(200);
    const perf = res.json();
    expect(perf).toMatchObject({ county: "130533", asOf: "2018-10-31", maxPoints: 100, standardVersion: 1 });
    expect(["excellent", "good", "fair", "poor"]).toContain(perf.grade);
    expect(perf.indicators.reduce((s: number, i: { weight: number }) => s + i.weight, 0)).toBe(100);
    const c1 = perf.indicators.find((i: { key: string }) => i.key === "C1");
    expect(c1).toMatchObject({ basis: "pass", points: 3, itemIds: ["C1"] });
    expect(c1.note).toContain("评估机构");
    // No station yet: A3 fails at 0% coverage of the registry's villages, and earns nothing for it.
    const a3 = perf.indicators.find((i: { key: string }) => i.key === "A3");
    expect(a3).toMatchObject({ itemIds: ["A3"], basis: "partial", points: 0, measured: { coverageBp: 0 } });
    expect(a3.measured.villages).toBeGreaterThan(0);
    expect(a3.ratios[0]).toMatchObject({ measured: "coverageBp", value: 0, threshold: 5000, ratioBp: 0 });
    // Items only an assessor decides are pending: nothing earned yet, and the grade is provisional.
    expect(perf.isProvisional).toBe(true);
    expect(perf.pendingItems).toContain("B1");
    const sum = perf.indicators.reduce(
      (s: number, i: { points: number }) => s + Math.round(i.points * 100),
      0,
    );
    expect(Math.round(perf.points * 100)).toBe(sum);
    expect((await get("/api/v1/counties/130131/performance", county.cookie)).statusCode).toBe(403);
  });

  it("shows the province every county side by side; a city sees its own; a county is refused", async () => {
    const province = await signedIn(app, db, "province_admin", "13");
    const res = await get("/api/v1/acceptance/province?asOf=2018-10-31", province.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counties.map((c: { code: string }) => c.code)).toEqual(["130131", "130533"]);
    for (const c of body.counties) {
      expect(c.counts.pass + c.counts.fail + c.counts.pending + c.counts.notApplicable).toBe(22);
      expect(["passed", "failed", "vetoed", "incomplete"]).toContain(c.verdict);
      expect(["excellent", "good", "fair", "poor"]).toContain(c.grade);
      expect(["triggered", "pending", "clear"]).toContain(c.vetoRisk);
    }
    const weixian = body.counties.find((c: { code: string }) => c.code === "130533");
    expect(weixian.signoff).toMatchObject({ verdict: weixian.signoff.verdict, asOf: "2018-10-31" });
    expect(weixian.pending).not.toContain("C1");
    expect(Object.values(body.verdicts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    const city = await signedIn(app, db, "city_viewer", "1305");
    const cityView = (await get("/api/v1/acceptance/province", city.cookie)).json();
    expect(cityView.counties.map((c: { code: string }) => c.code)).toEqual(["130533"]);
    const refused = await get("/api/v1/acceptance/province", county.cookie);
    expect(refused.statusCode).toBe(403);
    expect(errorCode(refused)).toBe("forbidden");
  });

  it("puts M1–M5 and the county's deadlines on one timeline with done / due / overdue", async () => {
    const res = await get("/api/v1/counties/130533/timeline?asOf=2018-10-31", county.cookie);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byKey = new Map(body.entries.map((e: { key: string }) => [e.key, e]));
    for (const m of ["M1", "M2", "M3", "M4", "M5"]) expect(byKey.has(m)).toBe(true);
    // No plan was filed in this county: M1 is overdue as of 2018-10-31.
    expect(byKey.get("M1")).toMatchObject({ status: "overdue", dueOn: "2017-11-30" });
    expect(byKey.get("M4")).toMatchObject({ status: "due", dueOn: "2018-10-31" });
    // Signed today, long after 2018-10-31: done, and late.
    const today = (await get("/api/v1/counties/130533/timeline", county.cookie)).json();
    expect(today.entries.find((e: { key: string }) => e.key === "M4")).toMatchObject({
      status: "done",
      isLate: true,
    });
    expect(body.counts.done + body.counts.due + body.counts.overdue).toBe(body.entries.length);
    expect((await get("/api/v1/counties/130131/timeline", county.cookie)).statusCode).toBe(403);
  });

  it("writes the report as .xlsx with formula-like text kept as text, and as escaped printable HTML", async () => {
    for (const note of ['=HYPERLINK("http://x.example","点此")', "<script>alert(1)</script>"]) {
      const form = multipart({ itemId: "C2", note });
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/counties/130533/acceptance/evidence",
        headers: { cookie: assessor.cookie, "content-type": form.contentType },
        payload: form.payload,
      });
      expect(res.statusCode).toBe(201);
    }
    const xlsx = await get("/api/v1/counties/130533/acceptance-report.xlsx", county.cookie);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "验收结论",
      "验收指标",
      "一票否决",
      "评估机构改判",
      "绩效评价",
      "证据材料",
    ]);
    const items = workbook.getWorksheet("验收指标")!;
    expect(items.rowCount).toBe(23);
    expect(items.getRow(2).getCell(1).value).toBe("A1");
    const c1 = items.getRows(2, 22)!.find((r) => r.getCell(1).value === "C1")!;
    expect(c1.getCell(8).value).toBe("领导小组会议纪要齐全，现场核实");
    const evidence = workbook.getWorksheet("证据材料")!;
    const notes = evidence.getColumn(3).values as unknown[];
    expect(notes).toContain('\'=HYPERLINK("http://x.example","点此")');
    expect(notes.some((v) => typeof v === "object" && v !== null)).toBe(false);
    const perf = workbook.getWorksheet("绩效评价")!;
    expect(perf.getRow(perf.rowCount).getCell(1).value).toBe("合计");

    const html = await get("/api/v1/counties/130533/acceptance-report.html", county.cookie);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(html.body).toContain("威县电子商务进农村综合示范项目验收报告");
    expect(html.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.body).not.toContain("<script>");
    expect(html.body).toContain("绩效评价");
    expect((await get("/api/v1/counties/130131/acceptance-report.xlsx", county.cookie)).statusCode).toBe(403);
    expect((await get("/api/v1/counties/130131/acceptance-report.html", county.cookie)).statusCode).toBe(403);
  });

  it("lets only the province refine the standard, validated and audited; scorecards name the new version", async () => {
    const province = await signedIn(app, db, "province_admin", "13");
    const current = (await get("/api/v1/acceptance/standard", county.cookie)).json();
    expect(current).toMatchObject({ id: "hebei-2017", version: 1, versions: [] });
    expect(current.items).toHaveLength(22);
    const refine = (cookie: string, payload: object) =>
      app.inject({
        method: "POST",
        url: "/api/v1/acceptance/standard/versions",
        headers: { cookie },
        payload,
      });
    const byCounty = await refine(county.cookie, { thresholds: { villageCoverageBp: 6000 }, note: "细化" });
    expect(byCounty.statusCode).toBe(403);
    for (const bad of [
      { thresholds: { villageCoverageBp: 10_001 }, note: "超出范围" },
      { thresholds: { villageCoverageBp: 55.5 }, note: "不是整数" },
      { thresholds: { noSuchThreshold: 1 }, note: "未知阈值" },
      { thresholds: { villageCoverageBp: 6000 } },
    ]) {
      const res = await refine(province.cookie, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      errorCode(res);
    }
    const unordered = await refine(province.cookie, {
      thresholds: { developedProductsMin: 11 },
      note: "下限大于上限",
    });
    expect(errorCode(unordered)).toBe("invalid_thresholds");
    const same = await refine(province.cookie, {
      thresholds: { villageCoverageBp: 5000 },
      note: "与现行相同",
    });
    expect(errorCode(same)).toBe("no_change");
    const ok = await refine(province.cookie, {
      thresholds: { villageCoverageBp: 6000, personTimes: 3500 },
      note: "我省细化：行政村覆盖率不低于60%",
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ version: 2, changed: ["villageCoverageBp", "personTimes"] });
    const card = (await scorecard(county.cookie)).json();
    expect(card.standardVersion).toBe(2);
    const after = (await get("/api/v1/acceptance/standard", county.cookie)).json();
    expect(after.thresholds).toMatchObject({ villageCoverageBp: 6000, personTimes: 3500, broadbandBp: 9000 });
    expect(after.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["after_json", "before_json"])
      .where("action", "=", "acceptance.standard_refined")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ version: 2, villageCoverageBp: 6000 });
    expect(JSON.parse(audit[0]!.before_json!)).toMatchObject({ version: 1, villageCoverageBp: 5000 });
  });
});
