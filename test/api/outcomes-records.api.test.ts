/**
 * The outcomes records as a county officer keeps them (issue 17): inspection photos as private
 * uploads (C2), the staff roster's form and 从业人员 sheet with person ids only as keyed hashes
 * (K5), poor households' sales through the form (O9, D3), and the server's cross-field checks.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/acceptance/evaluate";
import { HEBEI_2017 } from "../../src/rules/acceptance/standard";
import { buildSheetRegistry, gatherCountyFacts } from "../../src/server/domains";
import { demoPhotoPng } from "../../src/server/outcomes/demo-photo";
import type { OutcomesTables } from "../../src/server/outcomes/outcomes.tables";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { filesRoot } from "../../src/server/platform/files/file-store";
import { sniffImage } from "../../src/server/platform/files/image-type";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { type SheetData, writeCsvFolder, writeXlsx } from "../support/workbooks";

const COUNTY = "130533"; // 威县
const OTHER = "130131";
const ID_CARD = "11010519491231002X";
const STAFF_HEADER = ["设施类型", "设施编号", "人员编号", "岗位", "上岗日期", "离岗日期", "贫困人员"];

/** A multipart body with an optional caption and one file. */
function multipart(fileName: string, content: Buffer, caption?: string) {
  const boundary = "----shifanoutcomes";
  const field = caption
    ? `--${boundary}\r\nContent-Disposition: form-data; name="caption"\r\n\r\n${caption}\r\n`
    : "";
  const payload = Buffer.concat([
    Buffer.from(
      `${field}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

describe.each(DIALECTS)("outcomes records on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let admin: { cookie: string };
  const dir = mkdtempSync(join(tmpdir(), "shifan-outcomes-records-"));
  let file = 0;

  const importSheets = async (sheets: SheetData[], format: "xlsx" | "csv") => {
    const path =
      format === "xlsx"
        ? await writeXlsx(join(dir, `wb${++file}.xlsx`), sheets)
        : writeCsvFolder(join(dir, `csv${++file}`), sheets);
    return importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: { id: null, name: "test" },
      countyCode: COUNTY,
      path,
    });
  };
  const item = async (id: string, asOf = "2018-10-31") =>
    evaluate(await gatherCountyFacts(db, COUNTY, asOf), HEBEI_2017).items.find((i) => i.id === id)!;
  const call = (
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    payload?: object,
    cookie = admin.cookie,
  ) =>
    app.inject({
      method,
      url: `/api/v1/counties/${COUNTY}/outcomes/${path}`,
      headers: { cookie, "accept-language": "zh-CN" },
      payload,
    });
  const auditText = async () => JSON.stringify(await db.db.selectFrom("audit_log").selectAll().execute());

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY, OTHER] });
    app = await buildTestApp(db);
    admin = await signedIn(app, db, "county_admin", COUNTY);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("records poor households' sales through the form: registered households only, one record a month, audited (rule O9)", async () => {
    const village = await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", COUNTY)
      .where("level", "=", "village")
      .executeTakeFirstOrThrow();
    const sale = (household: string, month = "2018-07", amountFen = 90_000) => ({
      household,
      month,
      quantity: 30,
      amountFen,
      incomeGainFen: 20_000,
    });
    // First in this suite on purpose: the first use of the person-id secret happens inside the
    // write, which must not wait on SQLite for the connection its own transaction holds.
    const unknown = await call("POST", "poor-household-sales", sale("HH-9999"));
    expect(unknown.statusCode).toBe(400);
    expect(errorCode(unknown)).toBe("unknown_household");
    expect(unknown.json().error.message).toContain("不在本县贫困户名册");
    const roster = await importSheets(
      [
        {
          name: "贫困户",
          rows: [
            ["户编号", "村代码", "人口"],
            ["HH-0001", village.code, "3"],
            [ID_CARD, village.code, "2"],
          ],
        },
      ],
      "xlsx",
    );
    expect(roster.written, JSON.stringify(roster.rejected)).toBe(true);

    const badMonth = await call("POST", "poor-household-sales", sale("HH-0001", "2018-13"));
    expect(badMonth.statusCode).toBe(400);

    expect((await item("D3")).measured).toMatchObject({ householdsWithSales: 0 });
    const first = await call("POST", "poor-household-sales", sale("HH-0001"));
    expect(first.statusCode, first.body).toBe(201);
    const byId = await call("POST", "poor-household-sales", sale(ID_CARD, "2018-08", 50_000));
    expect(byId.statusCode, byId.body).toBe(201);
    expect(byId.json().household).not.toContain(ID_CARD);
    expect(await item("D3")).toMatchObject({ measured: { householdsWithSales: 2, salesFen: 140_000 } });

    const twice = await call("POST", "poor-household-sales", sale("HH-0001"));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain("已有");

    const changed = await call(
      "PUT",
      `poor-household-sales/${first.json().id}`,
      sale("HH-0001", "2018-07", 120_000),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await item("D3")).toMatchObject({ measured: { salesFen: 170_000 } });
    // A change that leaves the household out keeps it (its number may only show masked).
    const { household: _h, ...figures } = sale(ID_CARD, "2018-08", 60_000);
    const kept = await call("PUT", `poor-household-sales/${byId.json().id}`, figures);
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ household: byId.json().household, amountFen: 60_000 });
    expect(await item("D3")).toMatchObject({ measured: { salesFen: 180_000 } });
    // Moving it onto a month the household already has is refused.
    const clash = await call("PUT", `poor-household-sales/${byId.json().id}`, sale("HH-0001", "2018-07"));
    expect(clash.statusCode).toBe(409);

    const other = await signedIn(app, db, "county_admin", OTHER);
    expect(
      (await call("DELETE", `poor-household-sales/${first.json().id}`, undefined, other.cookie)).statusCode,
    ).toBe(403);
    expect((await call("DELETE", `poor-household-sales/${first.json().id}`)).statusCode).toBe(204);
    expect(await item("D3")).toMatchObject({ measured: { householdsWithSales: 1, salesFen: 60_000 } });
    const list = (await call("GET", "poor-household-sales")).json().items;
    expect(list).toHaveLength(1);
    const audit = await auditText();
    expect(audit).toContain("poor_household_sale.created");
    expect(audit).toContain("poor_household_sale.deleted");
    expect(audit).not.toContain(ID_CARD);
  });

  it("keeps inspection photos as private uploads: images only, read in the county, counted for C2, deleted with their files", async () => {
    const created = await call("POST", "inspections", {
      kind: "county",
      inspectedOn: "2018-05-02",
      inspector: "县商务局",
      subject: "站点",
      findings: "公告牌缺失",
      findingsOpen: 1,
    });
    expect(created.statusCode, created.body).toBe(201);
    const inspection = created.json().id as string;
    const upload = (content: Buffer, name: string, cookie = admin.cookie, id = inspection) =>
      app.inject({
        method: "POST",
        url: `/api/v1/counties/${COUNTY}/outcomes/inspections/${id}/photos`,
        ...(() => {
          const m = multipart(name, content, "站点门头");
          return { payload: m.payload, headers: { ...m.headers, cookie } };
        })(),
      });

    const png = demoPhotoPng(7);
    expect(sniffImage(png)).toBe("image/png");
    const ok = await upload(png, "../../门头.png");
    expect(ok.statusCode, ok.body).toBe(201);
    const photo = ok.json();
    expect(photo).toMatchObject({
      fileName: "门头.png",
      contentType: "image/png",
      caption: "站点门头",
      bytes: png.length,
    });
    expect(JSON.stringify(photo)).not.toContain(filesRoot());

    // Not an image by content, whatever its name: refused, nothing stored.
    const fake = await upload(Buffer.from("<script>alert(1)</script>"), "x.png");
    expect(fake.statusCode).toBe(415);
    expect(errorCode(fake)).toBe("unsupported_image");
    // Another county's admin cannot add to this county's inspection.
    const other = await signedIn(app, db, "county_admin", OTHER);
    expect((await upload(png, "y.png", other.cookie)).statusCode).toBe(403);
    // An inspection id of no inspection of the county is not found.
    expect(
      (await upload(png, "y.png", admin.cookie, "00000000-0000-4000-8000-000000000000")).statusCode,
    ).toBe(404);

    const list = await call("GET", "inspections");
    const listed = list.json().items.find((i: { id: string }) => i.id === inspection);
    expect(listed.photos).toHaveLength(1);
    expect(listed.photos[0]).toMatchObject({ id: photo.id, url: photo.url });

    // The file: to the county's readers only, never cached by shared caches.
    const viewer = await signedIn(app, db, "county_viewer", COUNTY);
    const got = await app.inject({ url: photo.url, headers: { cookie: viewer.cookie } });
    expect(got.statusCode).toBe(200);
    expect(got.headers["content-type"]).toBe("image/png");
    expect(got.headers["cache-control"]).toContain("private");
    expect(got.rawPayload.equals(png)).toBe(true);
    const otherViewer = await signedIn(app, db, "county_viewer", OTHER);
    expect((await app.inject({ url: photo.url, headers: { cookie: otherViewer.cookie } })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ url: photo.url })).statusCode).toBe(401);

    expect(await item("C2")).toMatchObject({ measured: { inspections: 1, inspectionPhotos: 1 } });

    // Deleting the photo: audited with its hash, the file gone.
    const stored = await db.db
      .withTables<OutcomesTables>()
      .selectFrom("inspection_photos")
      .select(["file_path", "sha256"])
      .where("id", "=", photo.id)
      .executeTakeFirstOrThrow();
    const removed = await call("DELETE", `inspections/${inspection}/photos/${photo.id}`);
    expect(removed.statusCode).toBe(204);
    expect(existsSync(join(filesRoot(), stored.file_path))).toBe(false);
    expect(await auditText()).toContain(stored.sha256);
    expect(await item("C2")).toMatchObject({ measured: { inspectionPhotos: 0 } });

    // Deleting the inspection deletes its photos and their files.
    const again = await upload(png, "again.png");
    expect(again.statusCode).toBe(201);
    const againPath = (
      await db.db
        .withTables<OutcomesTables>()
        .selectFrom("inspection_photos")
        .select("file_path")
        .where("id", "=", again.json().id)
        .executeTakeFirstOrThrow()
    ).file_path;
    expect((await call("DELETE", `inspections/${inspection}`)).statusCode).toBe(204);
    expect(existsSync(join(filesRoot(), againPath))).toBe(false);
    const left = await db.db
      .withTables<OutcomesTables>()
      .selectFrom("inspection_photos")
      .selectAll()
      .where("inspection_id", "=", inspection)
      .execute();
    expect(left).toHaveLength(0);
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });

  it("refuses records whose fields contradict each other, naming the field in Chinese", async () => {
    const meeting = await call("POST", "joint-meetings", {
      heldOn: "2018-03-01",
      title: "联席会议",
      attendees: "各部门",
      minutes: "纪要",
      decisions: 1,
      decisionsFollowedUp: 2,
    });
    expect(meeting.statusCode).toBe(400);
    expect(meeting.json().error.details[0]).toMatchObject({ path: "decisionsFollowedUp" });
    expect(meeting.json().error.message).toContain("议定事项");
    const inspection = await call("POST", "inspections", {
      kind: "county",
      inspectedOn: "2018-05-02",
      inspector: "县商务局",
      subject: "站点",
      findingsOpen: 2,
    });
    expect(inspection.statusCode).toBe(400);
    expect(inspection.json().error.details[0]).toMatchObject({ path: "findings" });
    const report = await call("POST", "research-reports", {
      title: "调研",
      publishedOn: "2018-06-01",
      columnUrl: "javascript:alert(1)",
    });
    expect(report.statusCode).toBe(400);
    expect(report.json().error.details[0]).toMatchObject({ path: "columnUrl" });
  });

  it("keeps the staff form's person ids only as keyed hashes; a change without an id keeps the person (rule K5)", async () => {
    const created = await call("POST", "staff", {
      facilityKind: "village_station",
      facilityCode: "WX-001",
      personId: ID_CARD,
      role: "站长",
      startedOn: "2018-03-01",
      isPoor: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const staff = created.json();
    expect(staff.personLabel).not.toContain(ID_CARD);
    expect(staff.personLabel).toMatch(/\*/);

    const bad = await call("PUT", `staff/${staff.id}`, {
      facilityKind: "village_station",
      facilityCode: "WX-001",
      role: "站长",
      startedOn: "2018-03-01",
      endedOn: "2018-02-01",
      isPoor: true,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: "endedOn" });

    const changed = await call("PUT", `staff/${staff.id}`, {
      facilityKind: "village_station",
      facilityCode: "WX-002",
      role: "站长",
      startedOn: "2018-03-01",
      endedOn: "2018-09-30",
      isPoor: true,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ facilityCode: "WX-002", personLabel: staff.personLabel });
    const row = await db.db
      .withTables<OutcomesTables>()
      .selectFrom("facility_staff")
      .selectAll()
      .where("id", "=", staff.id)
      .executeTakeFirstOrThrow();
    expect(row.person_key).toMatch(/^idh:/);
    // Left on 2018-09-30: not on staff at the acceptance date.
    const shares = await call("GET", "staff?asOf=2018-10-31");
    expect(shares.json().county).toMatchObject({ staff: 0 });
    expect((await call("GET", "staff?asOf=2018-06-30")).json().county).toMatchObject({
      staff: 1,
      poorStaff: 1,
    });
    const other = await signedIn(app, db, "county_admin", OTHER);
    expect((await call("DELETE", `staff/${staff.id}`, undefined, other.cookie)).statusCode).toBe(403);
    expect((await call("DELETE", `staff/${staff.id}`)).statusCode).toBe(204);
    const audit = await auditText();
    expect(audit).toContain("facility_staff.updated");
    expect(audit).not.toContain(ID_CARD);
    expect(audit).not.toContain(row.person_key);
  });

  for (const format of ["xlsx", "csv"] as const) {
    it(`imports the 从业人员 sheet all or nothing from ${format}, with Chinese row errors, and a second import updates (rule K5)`, async () => {
      const before = await db.db
        .withTables<OutcomesTables>()
        .selectFrom("facility_staff")
        .selectAll()
        .execute();
      const bad = await importSheets(
        [
          {
            name: "从业人员",
            rows: [
              STAFF_HEADER,
              ["县级服务中心", "WX-ZX", "EMP-1", "运营", "2018-01-01", "", "否"],
              ["县城超市", "WX-ZX", "EMP-2", "运营", "2018-01-01", "", "否"],
              ["村级服务站点", "WX-001", "110105194912310021", "站长", "2018-01-01", "", "是"],
              ["村级服务站点", "WX-001", "EMP-3", "站长", "2018-05-01", "2018-04-01", "也许"],
              ["县级服务中心", "WX-ZX", "EMP-1", "运营", "2018-01-01", "", "否"],
            ],
          },
        ],
        format,
      );
      expect(bad.written).toBe(false);
      const named = bad.rejected.map((r) => [r.sheet, r.row, r.column]);
      expect(named).toEqual(
        expect.arrayContaining([
          ["从业人员", 3, "设施类型"],
          ["从业人员", 4, "人员编号"],
          ["从业人员", 5, "离岗日期"],
          ["从业人员", 5, "贫困人员"],
          ["从业人员", 6, "人员编号"],
        ]),
      );
      expect(bad.rejected.find((r) => r.row === 3)!.reason.zh).toContain("设施类型应为");
      expect(bad.rejected.find((r) => r.row === 6)!.reason.zh).toContain("重复");
      // A mistyped ID-card number is neither stored nor echoed.
      expect(JSON.stringify(bad.rejected)).not.toContain("110105194912310021");
      const unchanged = await db.db
        .withTables<OutcomesTables>()
        .selectFrom("facility_staff")
        .selectAll()
        .execute();
      expect(unchanged).toHaveLength(before.length);

      const sheet = (role: string): SheetData => ({
        name: "从业人员",
        rows: [
          STAFF_HEADER,
          ["县级服务中心", `ZX-${format}`, ID_CARD, role, "2018-01-01", "", "是"],
          ["县级仓储物流中心", `CK-${format}`, `EMP-${format}`, "分拣", "2018-02-01", "", "否"],
        ],
      });
      const good = await importSheets([sheet("运营")], format);
      expect(good.written, JSON.stringify(good.rejected)).toBe(true);
      const again = await importSheets([sheet("运营主管")], format);
      expect(again.written, JSON.stringify(again.rejected)).toBe(true);
      const mine = await db.db
        .withTables<OutcomesTables>()
        .selectFrom("facility_staff")
        .selectAll()
        .where("facility_code", "in", [`ZX-${format}`, `CK-${format}`])
        .execute();
      expect(mine).toHaveLength(2);
      expect(mine.find((r) => r.facility_code === `ZX-${format}`)).toMatchObject({
        role: "运营主管",
        is_poor: 1,
      });
      expect(JSON.stringify(mine)).not.toContain(ID_CARD);
      expect(await auditText()).not.toContain(ID_CARD);
      const shares = (await call("GET", "staff?asOf=2018-10-31")).json();
      expect(shares.facilities).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            facilityCode: `ZX-${format}`,
            staff: 1,
            poorStaff: 1,
            poorShareBp: 10000,
          }),
        ]),
      );
    });
  }
});
