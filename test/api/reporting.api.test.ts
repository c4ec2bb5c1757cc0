/**
 * Information reporting and the public transparency column on every dialect: liaison lists (R4,
 * M3), monthly reports through county → city → province approval (R2), completeness and
 * timeliness on working-day due dates (E1), daily and annual reports, the column's completeness
 * check and public pages (T1–T4, E2), the comment and complaint windows (T2), the ministry export
 * and its HTTP sink against a stub that fails twice.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Ajv from "ajv";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthEnd } from "../../src/rules/reporting";
import { T1_PROJECT_LABELS } from "../../src/rules/transparency";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import type { Principal } from "../../src/server/platform/auth/roles";
import { chinaDate } from "../../src/server/platform/time/china-time";
import { deliverPendingReports } from "../../src/server/reporting/deliveries/deliver-pending-reports";
import { fileSink, httpSink } from "../../src/server/reporting/deliveries/report-sink";
import { loadDemoReporting } from "../../src/server/reporting/demo-reporting";
import { saveLiaison } from "../../src/server/reporting/liaisons/save-liaison";
import { reportingDb } from "../../src/server/reporting/reporting-db";
import { reportingFacts } from "../../src/server/reporting/reporting-facts";
import { createReport } from "../../src/server/reporting/reports/create-report";
import type { ReportEnvelope } from "../../src/server/reporting/reports/report-export";
import { reviewReport } from "../../src/server/reporting/reports/review-report";
import { saveReportContent } from "../../src/server/reporting/reports/save-report-content";
import { submitReport } from "../../src/server/reporting/reports/submit-report";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { encodeGbk } from "../support/gbk";
import { registerStations } from "../support/stations";

const WEIXIAN = "130533"; // 威县, 邢台市 1305
const PINGSHAN = "130131"; // 平山县, 石家庄市 1301

const validContent = {
  countyEcommerceFen: 1_000_000_00,
  ruralOnlineRetailFen: 600_000_00,
  agriculturalOnlineRetailFen: 200_000_00,
  projects: [
    {
      name: "县级电子商务公共服务中心建设",
      progressBp: 4000,
      contractedFen: 150_000_000,
      disbursedFen: 90_000_000,
      note: "",
    },
  ],
  issues: "",
};

describe.each(DIALECTS)("information reporting and the transparency column on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: string;
  let weixian: string;
  let pingshan: string;
  let city: string;
  const principals = new Map<string, Principal>();

  /** Signs in and remembers the principal, for calling use cases with a chosen day. */
  const account = async (role: Principal["role"], region: string) => {
    const { cookie, username } = await signedIn(app, db, role, region);
    const user = await db.db
      .selectFrom("users")
      .select(["id"])
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
    principals.set(cookie, { id: user.id, username, displayName: username, role, regionCode: region });
    return cookie;
  };
  const as = (cookie: string) => ({ cookie, "content-type": "application/json" });
  const auditActions = async (prefix: string) =>
    (
      await db.db
        .selectFrom("audit_log")
        .select("action")
        .where("action", "like", `${prefix}%`)
        .orderBy("seq")
        .execute()
    ).map((r) => r.action);

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [WEIXIAN, PINGSHAN] });
    // Figures name registered stations only (interfaces.md).
    for (const county of [WEIXIAN, PINGSHAN]) await registerStations(db.db, county, ["Z1", "Z2"]);
    app = await buildTestApp(db);
    province = await account("province_admin", "13");
    weixian = await account("county_admin", WEIXIAN);
    pingshan = await account("county_admin", PINGSHAN);
    city = await account("city_viewer", "1305");
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  describe("liaisons (R4, M3)", () => {
    let contractorOrg: string;

    it("lists the problems of an incomplete list and refuses to file it", async () => {
      const org = await app.inject({
        method: "POST",
        url: "/api/v1/organizations",
        headers: as(province),
        payload: { name: "威县某电商运营有限公司", kind: "contractor", regionCode: WEIXIAN },
      });
      expect(org.statusCode).toBe(201);
      contractorOrg = org.json().id;
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/liaisons`,
        headers: as(weixian),
        payload: {
          role: "authority",
          organizationName: "威县商务局",
          name: "张三",
          position: "股长",
          phone: "0319-6212345",
        },
      });
      expect(res.statusCode).toBe(201);
      const list = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/liaisons`,
        headers: as(weixian),
      });
      expect(list.json().problems).toEqual(["承办企业“威县某电商运营有限公司”尚未确定信息联络员（R4）"]);
      const filing = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/liaisons/filing`,
        headers: as(weixian),
        payload: { confirm: true },
      });
      expect(filing.statusCode).toBe(400);
      expect(errorCode(filing)).toBe("liaison_list_incomplete");
      expect(filing.json().error.details[0].message).toContain("威县某电商运营有限公司");
    });

    it("refuses a second liaison for the same body, then files the complete list", async () => {
      const add = () =>
        app.inject({
          method: "POST",
          url: `/api/v1/counties/${WEIXIAN}/liaisons`,
          headers: as(weixian),
          payload: { role: "contractor", organizationId: contractorOrg, name: "李四", phone: "13800000000" },
        });
      const first = await add();
      expect(first.statusCode).toBe(201);
      expect(first.json().reporterKey).toBe(contractorOrg);
      expect(first.json().organizationName).toBe("威县某电商运营有限公司");
      expect(errorCode(await add())).toBe("liaison_exists");
      const second = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/liaisons`,
        headers: as(weixian),
        payload: { role: "authority", organizationName: "威县商务局", name: "王五", phone: "0319-6212346" },
      });
      expect(second.statusCode).toBe(409);
      const filing = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/liaisons/filing`,
        headers: as(weixian),
        payload: { confirm: true },
      });
      expect(filing.statusCode).toBe(201);
      expect(filing.json().filedOn).toBe(chinaDate());
    });

    it("shows the province who filed and whether by the deadline; a county sees only its own", async () => {
      const overview = await app.inject({
        method: "GET",
        url: "/api/v1/reporting/overview?year=2018",
        headers: as(province),
      });
      expect(overview.statusCode).toBe(200);
      const byCode = new Map(overview.json().counties.map((c: { code: string }) => [c.code, c]));
      expect(byCode.get(WEIXIAN)).toMatchObject({ liaison: { isFiled: true, isOnTime: false, liaisons: 2 } });
      expect(byCode.get(PINGSHAN)).toMatchObject({
        liaison: { isFiled: false, isOverdue: true, liaisons: 0 },
      });
      // Filed today, long after 31 December 2017: not in time (M3), so not a filed liaison list for E1.
      expect((await reportingFacts(db.db, WEIXIAN, chinaDate())).liaisonsFiled).toBe(false);
      const own = await app.inject({
        method: "GET",
        url: "/api/v1/reporting/overview",
        headers: as(pingshan),
      });
      expect(own.json().counties.map((c: { code: string }) => c.code)).toEqual([PINGSHAN]);
      const other = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/liaisons`,
        headers: as(pingshan),
      });
      expect(other.statusCode).toBe(403);
    });
  });

  describe("completeness and timeliness, hand-computed on the State Council calendar (R2, E1)", () => {
    it("on 2018-03-07: 4 expected, 3 received, 2 on time", async () => {
      const p = principals.get(pingshan)!;
      await saveLiaison({
        db: db.db,
        actor: { id: p.id, name: p.username },
        countyCode: PINGSHAN,
        input: {
          role: "contractor",
          organizationId: null,
          organizationName: "平山某物流公司",
          name: "赵六",
          position: "",
          phone: "13900000000",
          email: null,
          reportsFrom: null,
          reportsUntil: null,
        },
      });
      const contractorKey = (
        await reportingDb(db.db)
          .selectFrom("reporting_liaisons")
          .select("reporter_key")
          .where("county_code", "=", PINGSHAN)
          .executeTakeFirstOrThrow()
      ).reporter_key;
      // Due dates: the 5th working day of the next month — Jan report 2018-02-07, Feb report 2018-03-07.
      const file = async (
        reporterKey: string,
        period: string,
        submitOn: string | null,
        isCounty: boolean,
      ) => {
        const report = await createReport({
          db: db.db,
          principal: p,
          countyCode: PINGSHAN,
          kind: "monthly",
          period,
          reporterKey,
          today: `${period}-28`,
        });
        const saved = await saveReportContent({
          db: db.db,
          principal: p,
          countyCode: PINGSHAN,
          id: report.id,
          version: report.version,
          content: isCounty
            ? validContent
            : {
                ...validContent,
                countyEcommerceFen: null,
                ruralOnlineRetailFen: null,
                agriculturalOnlineRetailFen: null,
              },
          today: `${period}-28`,
        });
        if (submitOn)
          await submitReport({
            db: db.db,
            principal: p,
            countyCode: PINGSHAN,
            id: report.id,
            version: saved.version,
            today: submitOn,
          });
        return report;
      };
      const jan = await file("county", "2018-01", "2018-02-07", true);
      expect(jan.dueOn).toBe("2018-02-07");
      await file(contractorKey, "2018-01", "2018-02-08", false);
      const feb = await file("county", "2018-02", "2018-03-07", true);
      expect(feb.dueOn).toBe("2018-03-07");
      await file(contractorKey, "2018-02", null, false);

      const facts = await reportingFacts(db.db, PINGSHAN, "2018-03-07");
      expect(facts).toMatchObject({ reportsExpected: 4, reportsReceived: 3, reportsOnTime: 2 });
      expect(await reportingFacts(db.db, PINGSHAN, "2018-03-06")).toMatchObject({
        reportsExpected: 2,
        reportsReceived: 2,
        reportsOnTime: 1,
      });
      const status = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${PINGSHAN}/reporting/status?asOf=2018-03-07`,
        headers: as(pingshan),
      });
      expect(status.json()).toMatchObject({ completenessBp: 7500, timelinessBp: 5000 });
      expect(
        status
          .json()
          .due.map((d: { slot: { period: string }; state: string }) => `${d.slot.period}:${d.state}`),
      ).toEqual(["2018-02:due"]);

      const overview = await app.inject({
        method: "GET",
        url: "/api/v1/reporting/overview?year=2018&asOf=2018-03-07",
        headers: as(province),
      });
      const row = overview.json().counties.find((c: { code: string }) => c.code === PINGSHAN);
      expect(
        row.months
          .slice(0, 3)
          .map((m: { completenessBp: number; timelinessBp: number; expected: number }) => [
            m.expected,
            m.completenessBp,
            m.timelinessBp,
          ]),
      ).toEqual([
        [2, 10_000, 5000],
        [2, 5000, 5000],
        [0, 0, 0],
      ]);
    });

    it("closes entry 30 days after the period, until the province grants an exception", async () => {
      const p = principals.get(pingshan)!;
      const open = () =>
        createReport({
          db: db.db,
          principal: p,
          countyCode: PINGSHAN,
          kind: "monthly",
          period: "2018-03",
          reporterKey: "county",
          today: "2018-05-01",
        });
      await expect(open()).rejects.toMatchObject({ code: "entry_closed" });
      const grant = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/reporting/exceptions`,
        headers: as(province),
        payload: { kind: "monthly", period: "2018-03", openUntil: "2018-05-10", reason: "暴雨断网" },
      });
      expect(grant.statusCode).toBe(201);
      const county = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/reporting/exceptions`,
        headers: as(pingshan),
        payload: { kind: "monthly", period: "2018-03", openUntil: "2018-05-10", reason: "自己批准" },
      });
      expect(county.statusCode).toBe(403);
      const report = await open();
      expect(report.status).toBe("draft");
    });

    it("assembles the annual report from the received monthly reports and the daily totals", async () => {
      const daily = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/daily-reports`,
        headers: as(pingshan),
        payload: {
          rows: [
            {
              stationCode: "Z1",
              date: "2018-05-01",
              orders: 3,
              amountFen: 12_000,
              shipments: 2,
              onlineMinutes: 1440,
            },
            {
              stationCode: "Z2",
              date: "2018-05-01",
              orders: 1,
              amountFen: 3_000,
              shipments: 1,
              onlineMinutes: 719,
            },
            {
              stationCode: "Z1",
              date: "2018-05-02",
              orders: 2,
              amountFen: 5_000,
              shipments: 0,
              onlineMinutes: 600,
            },
          ],
        },
      });
      expect(daily.statusCode).toBe(201);
      expect(daily.json()).toEqual({ days: 2, dates: ["2018-05-01", "2018-05-02"] });
      const listed = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${PINGSHAN}/daily-reports?from=2018-05-01&to=2018-05-31`,
        headers: as(pingshan),
      });
      expect(listed.json()[0]).toMatchObject({
        date: "2018-05-01",
        stations: 2,
        orders: 4,
        amountFen: 15_000,
        onlineRateBp: 7496,
      });
      const twice = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${PINGSHAN}/daily-reports`,
        headers: as(pingshan),
        payload: {
          rows: [1, 2].map(() => ({
            stationCode: "Z1",
            date: "2018-05-03",
            orders: 1,
            amountFen: 1,
            shipments: 1,
            onlineMinutes: 1,
          })),
        },
      });
      expect(errorCode(twice)).toBe("invalid_rows");

      const p = principals.get(pingshan)!;
      const annual = await createReport({
        db: db.db,
        principal: p,
        countyCode: PINGSHAN,
        kind: "annual",
        period: "2018",
        reporterKey: "county",
        today: "2019-01-05",
      });
      // Jan and Feb county reports were submitted; each adds 1,000,000.00 yuan of transactions.
      expect(annual.content).toMatchObject({
        countyEcommerceFen: 2 * validContent.countyEcommerceFen,
        months: ["2018-01", "2018-02"],
        daily: { days: 2, orders: 6, amountFen: 20_000, shipments: 3 },
      });
      expect(annual.dueOn).toBe("2019-01-22");
    });
  });

  describe("a monthly report climbs county → city → province (R2)", () => {
    const period = (() => {
      const d = chinaDate();
      const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
      return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
    })();
    let id: string;
    let version: number;
    const act = async (cookie: string, path: string, payload: object) => {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}/${path}`,
        headers: as(cookie),
        payload,
      });
      if (res.statusCode === 200) version = (res.json().report ?? res.json()).version;
      return res;
    };

    beforeAll(async () => {
      // Open last month for entry: the program's own months (2018) closed long ago.
      const res = await app.inject({
        method: "PUT",
        url: "/api/v1/reporting/settings",
        headers: as(province),
        payload: { reporting: { firstMonth: "2018-01", lastMonth: null, entryClosesAfterDays: 60 } },
      });
      expect(res.statusCode).toBe(200);
    });

    it("validates on submission and submits only when the rules pass", async () => {
      const created = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/reports`,
        headers: as(weixian),
        payload: { kind: "monthly", period, reporterKey: "county" },
      });
      expect(created.statusCode).toBe(201);
      ({ id, version } = created.json());
      expect(created.json().dueOn > monthEnd(period)).toBe(true);
      const bad = { ...validContent, agriculturalOnlineRetailFen: validContent.ruralOnlineRetailFen + 1 };
      const saved = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
        payload: { version, content: bad },
      });
      expect(saved.statusCode).toBe(200);
      version = saved.json().version;
      const refused = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}/submit`,
        headers: { ...as(weixian), "accept-language": "zh-CN" },
        payload: { version },
      });
      expect(refused.statusCode).toBe(422);
      expect(errorCode(refused)).toBe("report_invalid");
      expect(refused.json().error.details[0].message).toMatch(/^V1 农产品网络零售额/);
      const stale = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
        payload: { version: version - 1, content: validContent },
      });
      expect(errorCode(stale)).toBe("version_conflict");
      const fixed = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
        payload: { version, content: validContent },
      });
      version = fixed.json().version;
      const submitted = await act(weixian, "submit", { version });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().report).toMatchObject({
        status: "submitted",
        pendingLevel: "city",
        firstSubmittedOn: chinaDate(),
      });
    });

    it("locks the submitted report and takes each level in turn; a return needs a comment", async () => {
      const locked = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
        payload: { version, content: validContent },
      });
      expect(errorCode(locked)).toBe("report_locked");
      expect(errorCode(await act(weixian, "approve", { version }))).toBe("bad_transition");
      const other = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}/approve`,
        headers: as(pingshan),
        payload: { version },
      });
      expect(other.statusCode).toBe(403);
      const byCity = await act(city, "approve", { version });
      expect(byCity.json()).toMatchObject({ status: "submitted", pendingLevel: "province" });
      expect(errorCode(await act(province, "return", { version, comment: "" }))).toBe("bad_transition");
      const returned = await act(province, "return", { version, comment: "请补充项目说明" });
      expect(returned.json()).toMatchObject({ status: "returned", lastComment: "请补充项目说明" });
    });

    it("takes a correction, approves it (locked), and reopens it with a comment; all of it audited", async () => {
      const edited = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
        payload: { version, content: { ...validContent, issues: "已补充" } },
      });
      version = edited.json().version;
      const again = await act(weixian, "submit", { version });
      expect(again.json().report.status).toBe("submitted");
      // The province acts for the pending city level (higherLevelMayAct) and approves it through.
      const approved = await act(province, "approve", { version });
      expect(approved.json()).toMatchObject({ status: "approved", pendingLevel: null });
      const locked = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
        payload: { version, content: validContent },
      });
      expect(errorCode(locked)).toBe("report_locked");
      const reopened = await act(city, "reopen", { version, comment: "数据需更正" });
      expect(reopened.json().status).toBe("returned");
      const detail = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(weixian),
      });
      expect(
        detail
          .json()
          .events.map((e: { action: string; level: string | null }) => `${e.action}:${e.level ?? ""}`),
      ).toEqual([
        "created:",
        "saved:",
        "saved:",
        "submitted:",
        "approved:city",
        "returned:province",
        "saved:",
        "submitted:",
        "approved:province",
        "reopened:city",
      ]);
      expect(detail.json().entry.state).toBe("open");
      expect(await auditActions("report.")).toEqual(
        expect.arrayContaining(["report.submitted", "report.approved", "report.returned", "report.reopened"]),
      );
    });

    it("lets a contractor's account file its own organization's reports only", async () => {
      const org = (
        await reportingDb(db.db)
          .selectFrom("reporting_liaisons")
          .select("reporter_key")
          .where("role", "=", "contractor")
          .where("county_code", "=", WEIXIAN)
          .executeTakeFirstOrThrow()
      ).reporter_key;
      const { cookie } = await signedIn(app, db, "contractor", WEIXIAN);
      const username = (
        await db.db.selectFrom("users").select(["id", "username"]).orderBy("created_at", "desc").execute()
      ).find((u) => u.username.startsWith("contractor"))!;
      await db.db.updateTable("users").set({ organization_id: org }).where("id", "=", username.id).execute();
      const mine = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/reports`,
        headers: as(cookie),
        payload: { kind: "monthly", period, reporterKey: org },
      });
      expect(mine.statusCode).toBe(201);
      expect(mine.json().reporterKind).toBe("contractor");
      const county = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${WEIXIAN}/reports`,
        headers: as(cookie),
        payload: { kind: "annual", period: "2018", reporterKey: "county" },
      });
      expect(county.statusCode).toBe(403);
      // R1: a contractor reads its own reports only, not the county's or another contractor's.
      const listed = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/reports`,
        headers: as(cookie),
      });
      expect(listed.json().map((r: { reporterKey: string }) => r.reporterKey)).toEqual([org]);
      const foreign = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/reports/${id}`,
        headers: as(cookie),
      });
      expect(foreign.statusCode).toBe(403);
    });
  });

  describe("the ministry export and the HTTP sink (R2)", () => {
    let server: Server;
    let url: string;
    const received: { key: string | undefined; body: ReportEnvelope }[] = [];
    let calls = 0;
    const schema = JSON.parse(
      readFileSync(
        new URL("../../src/server/reporting/reports/ministry-report.schema.json", import.meta.url),
        "utf8",
      ),
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.addFormat("uuid", /^[0-9a-f-]{36}$/).compile(schema);

    beforeAll(async () => {
      server = createServer((req: IncomingMessage, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          calls++;
          // The stub fails the first two attempts of every delivery.
          if (calls <= 2) {
            res.writeHead(503).end("busy");
            return;
          }
          received.push({
            key: req.headers["idempotency-key"] as string | undefined,
            body: JSON.parse(body),
          });
          res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        });
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ministry/reports`;
    });
    afterAll(async () => new Promise<void>((r) => server.close(() => r())));

    it("delivers an approved report exactly once despite two failures, with one idempotency key", async () => {
      const p = principals.get(pingshan)!;
      const [jan] = await reportingDb(db.db)
        .selectFrom("reporting_reports")
        .selectAll()
        .where("county_code", "=", PINGSHAN)
        .where("period", "=", "2018-01")
        .where("reporter_key", "=", "county")
        .execute();
      const sink = httpSink({ url, maxAttempts: 5, baseDelayMs: 5 });
      const approved = await reviewReport({
        db: db.db,
        principal: principals.get(province)!,
        countyCode: PINGSHAN,
        id: jan!.id,
        version: jan!.version,
        decision: "approve",
        comment: "",
        sink,
      });
      expect(approved.status).toBe("approved");
      expect(p.role).toBe("county_admin");
      expect(await deliverPendingReports({ db: db.db, sink })).toEqual({ delivered: 1, failed: 0 });
      expect(await deliverPendingReports({ db: db.db, sink })).toEqual({ delivered: 0, failed: 0 });
      expect(calls).toBe(3);
      expect(received).toHaveLength(1);
      const deliveries = await reportingDb(db.db).selectFrom("reporting_deliveries").selectAll().execute();
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({
        status: "delivered",
        attempts: 3,
        last_http_status: 200,
        report_id: jan!.id,
      });
      expect(received[0]!.key).toBe(deliveries[0]!.idempotency_key);
      expect(received[0]!.body.idempotencyKey).toBe(received[0]!.key);
      expect(validate(received[0]!.body), JSON.stringify(validate.errors)).toBe(true);
      expect(received[0]!.body.report).toMatchObject({
        county: { code: PINGSHAN, name: "平山县" },
        period: "2018-01",
        status: "approved",
      });
      const log = await app.inject({
        method: "GET",
        url: "/api/v1/reporting/deliveries",
        headers: as(province),
      });
      expect(log.json()).toHaveLength(1);
    });

    it("a file sink writes one file per key, whatever the number of runs", async () => {
      const { mkdtempSync, readdirSync } = await import("node:fs");
      const { tmpdir } = await import("node:os");
      const { join } = await import("node:path");
      const dir = mkdtempSync(join(tmpdir(), "shifan-outbox-"));
      const sink = fileSink(dir);
      const envelope = received[0]!.body;
      expect((await sink.deliver(envelope, envelope.idempotencyKey)).ok).toBe(true);
      expect((await sink.deliver(envelope, envelope.idempotencyKey)).ok).toBe(true);
      expect(readdirSync(dir)).toEqual([`${envelope.idempotencyKey}.json`]);
    });

    it("exports a report as schema-valid JSON and as .xlsx", async () => {
      const [report] = await reportingDb(db.db)
        .selectFrom("reporting_reports")
        .select("id")
        .where("county_code", "=", WEIXIAN)
        .execute();
      const json = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/reports/${report!.id}/export.json`,
        headers: as(weixian),
      });
      expect(json.statusCode).toBe(200);
      expect(validate(json.json()), JSON.stringify(validate.errors)).toBe(true);
      const xlsx = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/reports/${report!.id}/export.xlsx`,
        headers: as(weixian),
      });
      expect(xlsx.statusCode).toBe(200);
      // A Chinese file name (RFC 5987) after an ASCII fallback for old clients.
      const disposition = String(xlsx.headers["content-disposition"]);
      expect(disposition).toMatch(
        /^attachment; filename="report-\d{4}(-\d{2})?-[^"]+\.xlsx"; filename\*=UTF-8''/,
      );
      const name = decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!);
      expect(name).toMatch(/^威县\d{4}年(\d{1,2}月人工月报|度年报)（.+）\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as never);
      expect(wb.getWorksheet("报告")!.getCell("A1").value).toBe("报告类型");
      const foreign = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/reports/${report!.id}/export.json`,
        headers: as(pingshan),
      });
      expect(foreign.statusCode).toBe(403);
    });
  });

  describe("the transparency column (T1–T4, E2)", () => {
    let projectId: string;

    it("lists every missing item of an empty column, and E2 sees them", async () => {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/columns/${WEIXIAN}/completeness`,
        headers: as(weixian),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().missing.map((m: { name: string }) => m.name)).toEqual([
        "实施方案",
        "决策过程",
        "竞争性选择办法",
        "竞争性选择过程",
        "竞争性选择结果",
        "监督电话",
        "专项资金使用情况（项目）",
      ]);
    });

    it("a column lacking one T1 item shows exactly that item as missing", async () => {
      const put = (url: string, payload: object, method: "POST" | "PUT" | "PATCH" = "POST") =>
        app.inject({ method, url: `/api/v1/columns/${WEIXIAN}${url}`, headers: as(weixian), payload });
      expect(
        (await put("", { supervisionPhone: "0319-6210000", intro: "威县示范专栏" }, "PUT")).statusCode,
      ).toBe(204);
      for (const itemKey of [
        "implementation_plan",
        "decision_process",
        "selection_method",
        "selection_process",
        "selection_result",
      ]) {
        expect((await put("/entries", { itemKey, title: itemKey, body: `正文 ${itemKey}` })).statusCode).toBe(
          201,
        );
      }
      const project = await put("/projects", {
        name: "仓储物流<script>alert(1)</script>",
        content: "建设县级仓储物流中心",
        contractorName: "威县某电商运营有限公司",
        subsidyFen: 450_000_000,
        deadline: "2018-10-31",
        performanceTargets: "", // the one missing item
        countyResponsible: "张三（局长）",
        contractorResponsible: "李四（经理）",
        progressBp: 5000,
      });
      expect(project.statusCode).toBe(201);
      projectId = project.json().id;
      const upload = await app.inject({
        method: "POST",
        url: `/api/v1/columns/${WEIXIAN}/documents/upload`,
        headers: {
          cookie: weixian,
          "content-type": "multipart/form-data; boundary=XyZ",
        },
        payload: [
          "--XyZ",
          'Content-Disposition: form-data; name="ownerKind"',
          "",
          "project",
          "--XyZ",
          'Content-Disposition: form-data; name="ownerId"',
          "",
          projectId,
          "--XyZ",
          'Content-Disposition: form-data; name="title"',
          "",
          "县政府常务会议纪要",
          "--XyZ",
          'Content-Disposition: form-data; name="file"; filename="minutes.pdf"',
          "Content-Type: application/pdf",
          "",
          "%PDF-1.4 minutes",
          "--XyZ--",
          "",
        ].join("\r\n"),
      });
      expect(upload.statusCode).toBe(201);
      const check = await app.inject({
        method: "GET",
        url: `/api/v1/columns/${WEIXIAN}/completeness`,
        headers: as(weixian),
      });
      expect(check.json().missing.map((m: { name: string }) => m.name)).toEqual([
        "项目「仓储物流<script>alert(1)</script>」：绩效目标",
      ]);
      const facts = await reportingFacts(db.db, WEIXIAN, chinaDate());
      expect(facts.columnItemsMissing).toEqual(["项目「仓储物流<script>alert(1)</script>」：绩效目标"]);
      const scorecard = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${WEIXIAN}/scorecard`,
        headers: as(province),
      });
      const e2 = scorecard.json().veto.find((v: { id: string }) => v.id === "E2");
      expect(e2).toMatchObject({ status: "triggered" });
      expect(e2.note).toContain("绩效目标");
    });

    it("serves a public text document with its charset, UTF-8 or GBK as the bytes are", async () => {
      const text = "县政府常务会议纪要：研究确定县级电子商务公共服务中心建设方案。";
      const served: Record<string, { type: string; disposition: string; body: Buffer }> = {};
      for (const [name, bytes] of [
        ["纪要-utf8.txt", Buffer.from(text, "utf8")],
        ["纪要-gbk.txt", encodeGbk(text)],
      ] as const) {
        const upload = await app.inject({
          method: "POST",
          url: `/api/v1/columns/${WEIXIAN}/documents/upload`,
          headers: { cookie: weixian, "content-type": "multipart/form-data; boundary=XyZ" },
          payload: Buffer.concat([
            Buffer.from(
              [
                "--XyZ",
                'Content-Disposition: form-data; name="ownerKind"',
                "",
                "project",
                "--XyZ",
                'Content-Disposition: form-data; name="ownerId"',
                "",
                projectId,
                "--XyZ",
                'Content-Disposition: form-data; name="title"',
                "",
                name,
                "--XyZ",
                `Content-Disposition: form-data; name="file"; filename="${name}"`,
                "Content-Type: text/plain",
                "",
                "",
              ].join("\r\n"),
            ),
            bytes,
            Buffer.from("\r\n--XyZ--\r\n"),
          ]),
        });
        expect(upload.statusCode).toBe(201);
        const file = await app.inject({ method: "GET", url: `/gk/${WEIXIAN}/documents/${upload.json().id}` });
        expect(file.statusCode).toBe(200);
        served[name] = {
          type: String(file.headers["content-type"]),
          disposition: String(file.headers["content-disposition"]),
          body: file.rawPayload,
        };
        await app.inject({
          method: "DELETE",
          url: `/api/v1/columns/${WEIXIAN}/documents/${upload.json().id}`,
          headers: { cookie: weixian },
        });
      }
      const utf8 = served["纪要-utf8.txt"]!;
      const gbk = served["纪要-gbk.txt"]!;
      expect(utf8.type).toBe("text/plain; charset=utf-8");
      expect(gbk.type).toBe("text/plain; charset=gb18030");
      // Decoded with the charset it names, each reads as written.
      expect(new TextDecoder("utf-8").decode(utf8.body)).toBe(text);
      expect(new TextDecoder("gb18030").decode(gbk.body)).toBe(text);
      expect(decodeURIComponent(gbk.disposition.split("filename*=UTF-8''")[1]!)).toBe("纪要-gbk.txt");
      expect(gbk.disposition.startsWith("inline;")).toBe(true);
    });

    it("flags a document linked outside the government portal as scattered (T4)", async () => {
      const link = await app.inject({
        method: "POST",
        url: `/api/v1/columns/${WEIXIAN}/documents`,
        headers: as(weixian),
        payload: {
          ownerKind: "project",
          ownerId: projectId,
          title: "外链文件",
          url: "https://example.com/a.pdf",
        },
      });
      expect(link.statusCode).toBe(201);
      const check = await app.inject({
        method: "GET",
        url: `/api/v1/columns/${WEIXIAN}/completeness`,
        headers: as(weixian),
      });
      expect(check.json().missing.map((m: { rule: string }) => m.rule)).toEqual(["T1", "T4"]);
      await app.inject({
        method: "DELETE",
        url: `/api/v1/columns/${WEIXIAN}/documents/${link.json().id}`,
        headers: { cookie: weixian },
      });
    });

    it("serves the county's column and the provincial zone without login, as escaped HTML with the T1 labels", async () => {
      const res = await app.inject({ method: "GET", url: `/gk/${WEIXIAN}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      expect(res.headers["content-security-policy"]).toContain("default-src 'none'");
      for (const label of T1_PROJECT_LABELS) expect(res.body).toContain(`<dt>${label}</dt>`);
      expect(res.body).toContain("仓储物流&lt;script&gt;alert(1)&lt;/script&gt;");
      expect(res.body).not.toContain("<script>");
      expect(res.body).toContain("4,500,000.00 元");
      expect(res.body).toContain("（未公开）");
      expect(res.body).not.toContain("13800000000"); // the liaison's telephone never shows (R1)
      const doc = res.body.match(/href="(\/gk\/130533\/documents\/[0-9a-f-]+)"/)![1]!;
      const file = await app.inject({ method: "GET", url: doc });
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-type"]).toBe("application/pdf");
      expect(file.body).toBe("%PDF-1.4 minutes");
      const zone = await app.inject({ method: "GET", url: "/gk" });
      expect(zone.statusCode).toBe(200);
      expect(zone.body).toContain(`href="/gk/${WEIXIAN}"`);
      expect(zone.body).toContain("缺 1 项");
      expect(zone.body).toContain(`href="/gk/${PINGSHAN}"`);
      expect((await app.inject({ method: "GET", url: "/gk/999999" })).statusCode).toBe(404);
    });

    it("lets a county edit only its own column", async () => {
      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/columns/${WEIXIAN}`,
        headers: as(pingshan),
        payload: { supervisionPhone: "0311-1234567", intro: "" },
      });
      expect(res.statusCode).toBe(403);
      const zone = await app.inject({
        method: "PUT",
        url: "/api/v1/columns/13",
        headers: as(weixian),
        payload: { supervisionPhone: "0311-1234567", intro: "" },
      });
      expect(zone.statusCode).toBe(403);
      const byProvince = await app.inject({
        method: "PUT",
        url: "/api/v1/columns/13",
        headers: as(province),
        payload: { supervisionPhone: "0311-87654321", intro: "省级专区" },
      });
      expect(byProvince.statusCode).toBe(204);
    });
  });

  describe("the public windows (T2)", () => {
    const host = "shifan.test";
    const form = async (kind: string, region = WEIXIAN) => {
      const res = await app.inject({
        method: "GET",
        url: `/gk/${region}/windows/${kind}`,
        headers: { host },
      });
      expect(res.statusCode).toBe(200);
      const [, a, b] = res.body.match(/验证问题：(\d+) 加 (\d+) 等于多少？/)!;
      const token = res.body.match(/name="token" value="([^"]+)"/)![1]!;
      return { answer: String(Number(a) + Number(b)), token, html: res.body };
    };
    const post = (
      kind: string,
      fields: Record<string, string>,
      options: { origin?: string; ip?: string } = {},
    ) =>
      app.inject({
        method: "POST",
        url: `/gk/${WEIXIAN}/windows/${kind}`,
        remoteAddress: options.ip ?? "10.0.0.1",
        headers: {
          host,
          origin: options.origin ?? `http://${host}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        payload: new URLSearchParams(fields).toString(),
      });
    let trackingNo: string;

    it("shows a plain form with labels and the supervision telephone", async () => {
      const { html } = await form("complaint");
      expect(html).toContain('<label for="subject">标题</label>');
      expect(html).toContain("0319-6210000");
      expect(html).toContain('method="post" action="/gk/130533/windows/complaint"');
    });

    it("refuses a wrong answer and a foreign origin; accepts a complaint and gives a tracking number", async () => {
      const f = await form("complaint");
      const fields = {
        subject: "站点收取押金",
        body: "某村服务站要求缴纳设备押金500元。",
        contactPhone: "13700000000",
        token: f.token,
      };
      const wrong = await post("complaint", { ...fields, answer: String(Number(f.answer) + 1) });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain("验证问题回答错误");
      const foreign = await post(
        "complaint",
        { ...fields, answer: f.answer },
        { origin: "https://evil.example" },
      );
      expect(foreign.statusCode).toBe(403);
      const ok = await post("complaint", { ...fields, answer: f.answer });
      expect(ok.statusCode).toBe(200);
      trackingNo = ok.body.match(/id="tracking-no">([^<]+)</)![1]!;
      expect(trackingNo).toMatch(/^JB\d{8}-[A-Z2-9]{8}$/);
      // The same token is single-use.
      const replay = await post("complaint", { ...fields, answer: f.answer });
      expect(replay.statusCode).toBe(400);
    });

    it("the county and the province see it with its handling time; the citizen looks it up", async () => {
      const county = await app.inject({
        method: "GET",
        url: `/api/v1/columns/${WEIXIAN}/messages`,
        headers: as(weixian),
      });
      const message = county.json().find((m: { trackingNo: string }) => m.trackingNo === trackingNo);
      expect(message).toMatchObject({
        kind: "complaint",
        status: "received",
        contactPhone: "13700000000",
        handledAt: null,
      });
      const all = await app.inject({ method: "GET", url: "/api/v1/public-messages", headers: as(province) });
      expect(all.json().map((m: { trackingNo: string }) => m.trackingNo)).toContain(trackingNo);
      expect(all.json()[0]).toHaveProperty("handlingHours");
      const hidden = await app.inject({
        method: "GET",
        url: "/api/v1/public-messages",
        headers: as(pingshan),
      });
      expect(hidden.json()).toEqual([]);
      const track = await app.inject({ method: "GET", url: `/gk/track?no=${trackingNo.toLowerCase()}` });
      expect(track.statusCode).toBe(200);
      expect(track.body).toContain('<dd id="status">已受理</dd>');
      expect(track.body).not.toContain("13700000000");
      const publish = await app.inject({
        method: "POST",
        url: `/api/v1/columns/${WEIXIAN}/messages/${message.id}/reply`,
        headers: as(weixian),
        payload: { status: "closed", reply: "已核查并责令退还", isPublished: true },
      });
      expect(errorCode(publish)).toBe("complaint_not_public");
      const reply = await app.inject({
        method: "POST",
        url: `/api/v1/columns/${WEIXIAN}/messages/${message.id}/reply`,
        headers: as(weixian),
        payload: { status: "replied", reply: "已核查并责令退还" },
      });
      expect(reply.json()).toMatchObject({ status: "replied", reply: "已核查并责令退还" });
      expect(reply.json().handledAt).not.toBeNull();
      const after = await app.inject({ method: "GET", url: `/gk/track?no=${trackingNo}` });
      expect(after.body).toContain("已答复");
      expect(after.body).toContain("已核查并责令退还");
      expect((await app.inject({ method: "GET", url: "/gk/track?no=JB20990101-AAAAAAAA" })).statusCode).toBe(
        404,
      );
    });

    it("limits submissions per IP address: the 6th within ten minutes is refused", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const f = await form("comment");
        const res = await post(
          "comment",
          { subject: `建议${i}`, body: "多开展直播培训课程。", token: f.token, answer: f.answer },
          { ip: "10.9.9.9" },
        );
        statuses.push(res.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    });

    it("keeps the audit chain intact through all of it", async () => {
      expect(await verifyAuditChain(db.db)).toMatchObject({ ok: true });
      expect(await auditActions("transparency.complaint")).toEqual(["transparency.complaint_received"]);
    });
  });
});

describe.each(DIALECTS)("the reporting demo data on %s", (dialect) => {
  let db: TestDb;
  const counties = [
    { code: "130533", name: "威县" },
    { code: "130131", name: "平山县" },
    { code: "130425", name: "大名县" },
  ];

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: counties.map((c) => c.code) });
    await loadDemoReporting(db, { counties });
  });
  afterAll(async () => db.drop());

  it("has two counties filing liaisons late, one column missing an item, and late or returned reports", async () => {
    const facts = await Promise.all(counties.map((c) => reportingFacts(db.db, c.code, "2019-03-31")));
    expect(facts.filter((f) => !f.liaisonsFiled)).toHaveLength(2);
    expect(facts.filter((f) => f.columnItemsMissing.length > 0).map((f) => f.columnItemsMissing)).toEqual([
      ["竞争性选择结果"],
    ]);
    for (const f of facts) {
      // County + 1–2 contractors × (12 months + 1 annual report).
      expect([26, 39]).toContain(f.reportsExpected);
      expect(f.reportsReceived).toBeLessThanOrEqual(f.reportsExpected);
    }
    expect(facts.some((f) => f.reportsOnTime < f.reportsReceived)).toBe(true);
    const statuses = await reportingDb(db.db).selectFrom("reporting_reports").select("status").execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(["approved", "returned", "submitted"]));
    const daily = await reportingDb(db.db)
      .selectFrom("reporting_daily_reports")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(daily.n)).toBe(3 * 365);
  });

  it("marks everything as demo, is deterministic, and never overlays a county twice", async () => {
    const rdb = reportingDb(db.db);
    const notDemo = await rdb.selectFrom("reporting_reports").select("id").where("is_demo", "=", 0).execute();
    expect(notDemo).toEqual([]);
    const names = await rdb.selectFrom("reporting_liaisons").select("name").execute();
    expect(names.every((n) => n.name.includes("（演示）"))).toBe(true);
    const before = await reportingFacts(db.db, "130533", "2018-10-31");
    await loadDemoReporting(db, { counties });
    expect(await reportingFacts(db.db, "130533", "2018-10-31")).toEqual(before);
    const other = await createTestDb(dialect, { counties: ["130533"] });
    try {
      await loadDemoReporting(other, { counties: [counties[0]!] });
      // Which counties are late depends on the county set; the reports of a county do not.
      const again = await reportingFacts(other.db, "130533", "2018-10-31");
      expect({
        ...again,
        liaisonsFiled: before.liaisonsFiled,
        columnItemsMissing: before.columnItemsMissing,
      }).toEqual(before);
    } finally {
      await other.drop();
    }
  });
});
