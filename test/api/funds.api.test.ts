import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const SUBSIDY = 1_500_000_000;

/** A plan exactly on the F2 targets, with room to move amounts between two categories. */
function onTarget(overrides: Partial<Record<string, number>> = {}) {
  const amounts: Record<string, number> = {
    upward_services: 300_000_000,
    upward_infrastructure: 225_000_000,
    logistics: 450_000_000,
    service_center: 150_000_000,
    village_stations: 150_000_000,
    training: 225_000_000,
    ...overrides,
  };
  return Object.entries(amounts).map(([category, amountFen]) => ({
    category,
    amountFen,
    description: `${category} 建设内容`,
  }));
}

describe.each(DIALECTS)("the rule calculators on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: { cookie: string };
  let county: { cookie: string };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    app = await buildTestApp(db);
    province = await signedIn(app, db, "province_admin", "13");
    county = await signedIn(app, db, "county_admin", "130533");
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const notice = (start: string, workingDays = 10) =>
    app.inject({
      method: "GET",
      url: `/api/v1/rules/notice-period?start=${start}&workingDays=${workingDays}`,
    });

  describe("GET /api/v1/rules/notice-period (F6)", () => {
    it("counts the 2017 National Day holidays out and the Saturday 2017-09-30 make-up day in (F6)", async () => {
      // 09-29, 09-30 (调休), then 10-01..10-08 off: 10-09..10-13, 10-16..10-18.
      const res = await notice("2017-09-29");
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        lastDay: "2017-10-18",
        earliestSubmission: "2017-10-19",
        calendarIncomplete: false,
      });
      // Posted on the make-up Saturday itself: it is day 1.
      expect((await notice("2017-09-30")).json()).toMatchObject({
        lastDay: "2017-10-19",
        earliestSubmission: "2017-10-20",
      });
      // Posted on a holiday: day 1 is the next working day, 10-09.
      expect((await notice("2017-10-01")).json()).toMatchObject({
        lastDay: "2017-10-20",
        earliestSubmission: "2017-10-23",
      });
    });

    it("counts the 2018 Spring Festival make-up Sundays/Saturdays 02-11 and 02-24 and skips 02-15..02-21 (F6)", async () => {
      // 02-09, 02-11 (Sun, 调休), 02-12, 02-13, 02-14, [02-15..02-21 off], 02-22, 02-23, 02-24 (Sat, 调休), 02-26, 02-27.
      expect((await notice("2018-02-09")).json()).toMatchObject({
        lastDay: "2018-02-27",
        earliestSubmission: "2018-02-28",
        calendarIncomplete: false,
      });
      // One working day: posted on the make-up Saturday, filed the next working day after the holiday.
      expect((await notice("2018-02-14", 1)).json()).toMatchObject({
        lastDay: "2018-02-14",
        earliestSubmission: "2018-02-22",
      });
    });

    it("refuses a malformed or impossible date with the error shape, in Chinese for zh", async () => {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/rules/notice-period?start=2017-02-30",
        headers: { "accept-language": "zh-CN" },
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("validation_failed");
      expect(res.json().error.message).toMatch(/请求参数/);
      expect((await notice("2017-10-01", 0)).statusCode).toBe(400);
    });

    it("answers a year the package lacks with weekends only and says so; a province entry completes it (F6)", async () => {
      const before = (await notice("2030-09-30")).json();
      // 2030-09-30 is a Monday; with weekends only: 09-30, 10-01..10-04, 10-07..10-11.
      expect(before).toMatchObject({
        lastDay: "2030-10-11",
        earliestSubmission: "2030-10-14",
        calendarIncomplete: true,
        uncoveredYears: [2030],
      });
      for (const date of ["2030-10-01", "2030-10-02", "2030-10-03"]) {
        const put = await app.inject({
          method: "PUT",
          url: `/api/v1/calendar/overrides/${date}`,
          headers: { cookie: province.cookie },
          payload: { kind: "holiday", note: "国庆节（演示更正）" },
        });
        expect(put.statusCode).toBe(201);
      }
      const after = (await notice("2030-09-30")).json();
      expect(after).toMatchObject({
        // Three weekdays fewer: 10-14, 10-15, 10-16 make up the ten.
        lastDay: "2030-10-16",
        earliestSubmission: "2030-10-17",
        calendarIncomplete: false,
        uncoveredYears: [],
      });
    });
  });

  describe("calendar overrides (F6, province administrator only, audited)", () => {
    it("lets the province add, change and delete a day, and refuses a county", async () => {
      const denied = await app.inject({
        method: "PUT",
        url: "/api/v1/calendar/overrides/2017-10-09",
        headers: { cookie: county.cookie },
        payload: { kind: "holiday" },
      });
      expect(denied.statusCode).toBe(403);
      expect(errorCode(denied)).toBe("forbidden");
      expect(
        (
          await app.inject({
            method: "GET",
            url: "/api/v1/calendar/overrides",
            headers: { cookie: county.cookie },
          })
        ).statusCode,
      ).toBe(403);

      const add = await app.inject({
        method: "PUT",
        url: "/api/v1/calendar/overrides/2017-10-09",
        headers: { cookie: province.cookie },
        payload: { kind: "holiday", note: "更正" },
      });
      expect(add.statusCode).toBe(201);
      // 10-09 now off: the notice from 09-29 ends a working day later.
      expect((await notice("2017-09-29")).json().lastDay).toBe("2017-10-19");
      const change = await app.inject({
        method: "PUT",
        url: "/api/v1/calendar/overrides/2017-10-09",
        headers: { cookie: province.cookie },
        payload: { kind: "workday", note: "更正回工作日" },
      });
      expect(change.statusCode).toBe(200);
      const list = await app.inject({
        method: "GET",
        url: "/api/v1/calendar/overrides?year=2017",
        headers: { cookie: province.cookie },
      });
      expect(list.json()).toEqual([expect.objectContaining({ date: "2017-10-09", kind: "workday" })]);
      const year = await app.inject({
        method: "GET",
        url: "/api/v1/calendar/2017",
        headers: { cookie: county.cookie },
      });
      expect(year.json()).toMatchObject({ covered: true });
      expect(year.json().workdays).toContain("2017-09-30");
      expect(year.json().holidays).toContain("2017-10-02");

      const del = await app.inject({
        method: "DELETE",
        url: "/api/v1/calendar/overrides/2017-10-09",
        headers: { cookie: province.cookie },
      });
      expect(del.statusCode).toBe(204);
      const again = await app.inject({
        method: "DELETE",
        url: "/api/v1/calendar/overrides/2017-10-09",
        headers: { cookie: province.cookie },
      });
      expect(again.statusCode).toBe(404);
      expect((await notice("2017-09-29")).json().lastDay).toBe("2017-10-18");

      const audit = await db.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity", "=", "calendar_day")
        .where("entity_id", "=", "2017-10-09")
        .orderBy("seq")
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        "calendar.day_added",
        "calendar.day_updated",
        "calendar.day_deleted",
      ]);
    });
  });

  describe("POST /api/v1/rules/fund-plan (F2, F3, F4)", () => {
    const check = (body: unknown, lang = "en") =>
      app.inject({
        method: "POST",
        url: "/api/v1/rules/fund-plan",
        payload: body as object,
        headers: { "accept-language": lang },
      });

    it("accepts a plan exactly on target, with all six leaves and the groups (F2)", async () => {
      const res = await check({ subsidyFen: SUBSIDY, lines: onTarget() });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ ok: true, totalFen: SUBSIDY, forbidden: [], problems: [] });
      expect(body.shares.map((s: { key: string }) => s.key).sort()).toEqual(
        [
          "logistics",
          "service_center",
          "service_system",
          "training",
          "upward",
          "upward_infrastructure",
          "upward_services",
          "village_stations",
        ].sort(),
      );
      expect(body.shares.find((s: { key: string }) => s.key === "upward")).toEqual({
        key: "upward",
        shareBp: 6500,
        targetBp: 6500,
        withinTolerance: true,
      });
    });

    it("keeps a share exactly 2.00 pp off inside, and 1 fen more outside (F3)", async () => {
      // upward_services 22% (+2 pp), training 13% (−2 pp), group upward 67% (+2 pp).
      const inside = (
        await check({
          subsidyFen: SUBSIDY,
          lines: onTarget({ upward_services: 330_000_000, training: 195_000_000 }),
        })
      ).json();
      expect(inside.ok).toBe(true);
      expect(inside.shares.find((s: { key: string }) => s.key === "upward_services")).toMatchObject({
        shareBp: 2200,
        withinTolerance: true,
      });
      expect(inside.shares.find((s: { key: string }) => s.key === "training")).toMatchObject({
        shareBp: 1300,
        withinTolerance: true,
      });

      const outside = (
        await check(
          {
            subsidyFen: SUBSIDY,
            lines: onTarget({ upward_services: 330_000_001, training: 194_999_999 }),
          },
          "zh-CN",
        )
      ).json();
      expect(outside.ok).toBe(false);
      expect(outside.totalFen).toBe(SUBSIDY);
      const share = (key: string) => outside.shares.find((s: { key: string }) => s.key === key);
      // Floored bp still reads 22.00 % / 12.99 %, but the exact comparison puts it outside.
      expect(share("upward_services")).toMatchObject({ shareBp: 2200, withinTolerance: false });
      expect(share("training")).toMatchObject({ withinTolerance: false });
      expect(share("upward")).toMatchObject({ withinTolerance: false });
      expect(outside.problems.join("\n")).toMatch(/规则 F3/);
    });

    it("flags a forbidden use from the line's text, with its index and rule (F4)", async () => {
      const lines = onTarget();
      lines[3] = { ...lines[3]!, description: "服务中心运营人员工资" };
      const body = (await check({ subsidyFen: SUBSIDY, lines }, "zh")).json();
      expect(body.ok).toBe(false);
      expect(body.forbidden).toEqual([{ line: 3, rule: "F4", reason: expect.stringContaining("人员工资") }]);
    });

    it("names an unknown category and an incomplete allocation as problems", async () => {
      const body = (
        await check({
          subsidyFen: SUBSIDY,
          lines: [{ category: "宣传推广", amountFen: 1_000, description: "" }],
        })
      ).json();
      expect(body.ok).toBe(false);
      expect(body.problems.length).toBeGreaterThanOrEqual(2);
    });

    it("refuses malformed input with the error shape: fractional fen, missing subsidy", async () => {
      const res = await check({ subsidyFen: SUBSIDY, lines: [{ category: "training", amountFen: 1.5 }] });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("validation_failed");
      expect(res.json().error.details[0].path).toBe("lines.0.amountFen");
      expect((await check({ lines: [] })).statusCode).toBe(400);
    });
  });

  describe("POST /api/v1/rules/payment (F7)", () => {
    const pay = (body: object) =>
      app.inject({
        method: "POST",
        url: "/api/v1/rules/payment",
        payload: body,
        headers: { "accept-language": "zh" },
      });
    const base = { contractFen: 1_000_000, accepted: false, started: "2017-12-01" };

    it("accepts a 60% first advance and 90% before acceptance; refuses 1 fen less / more (F7)", async () => {
      const ok = await pay({
        ...base,
        payments: [
          { date: "2017-12-05", amountFen: 600_000 },
          { date: "2018-05-05", amountFen: 300_000 },
        ],
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ ok: true, paidFen: 900_000, problems: [] });

      const low = (await pay({ ...base, payments: [{ date: "2017-12-05", amountFen: 599_999 }] })).json();
      expect(low.ok).toBe(false);
      expect(low.problems).toEqual([{ rule: "F7", reason: expect.stringContaining("60.00%") }]);

      const over = (
        await pay({
          ...base,
          payments: [
            { date: "2017-12-05", amountFen: 600_000 },
            { date: "2018-05-05", amountFen: 300_001 },
          ],
        })
      ).json();
      expect(over.ok).toBe(false);
      expect(over.paidFen).toBe(900_001);
      expect(over.problems[0].reason).toMatch(/90\.00%/);
    });

    it("pays the retainage in full after acceptance, never above the contract (F7)", async () => {
      const full = [
        { date: "2017-12-05", amountFen: 600_000 },
        { date: "2018-10-30", amountFen: 400_000 },
      ];
      expect((await pay({ ...base, accepted: true, payments: full })).json().ok).toBe(true);
      const above = await pay({
        ...base,
        accepted: true,
        payments: [...full, { date: "2018-11-01", amountFen: 1 }],
      });
      expect(above.json().ok).toBe(false);
    });

    it("refuses a bad start date or a zero payment with the error shape", async () => {
      expect((await pay({ ...base, started: "2017-13-01", payments: [] })).statusCode).toBe(400);
      const zero = await pay({ ...base, payments: [{ date: "2017-12-05", amountFen: 0 }] });
      expect(zero.statusCode).toBe(400);
      expect(errorCode(zero)).toBe("validation_failed");
    });
  });
});

describe.each(DIALECTS)("the fund plan, its notice and filing on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: { cookie: string };
  let county: { cookie: string };
  let other: { cookie: string };
  let viewer: { cookie: string };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    province = await signedIn(app, db, "province_admin", "13");
    county = await signedIn(app, db, "county_admin", "130533");
    other = await signedIn(app, db, "county_admin", "130131");
    viewer = await signedIn(app, db, "county_viewer", "130533");
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const base = "/api/v1/counties/130533/funds/plans";
  const call = (method: "GET" | "POST" | "PUT", url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie, "accept-language": "zh-CN" }, payload });
  const linesWith = (description3: string) => {
    const lines = onTarget().map((l) => ({ ...l, supportMethod: "award_in_lieu" }));
    lines[5] = { ...lines[5]!, description: description3 };
    return lines;
  };

  it("walks draft → notice → filed → approved, with an F4 alarm caught and cleared, and objections resolved", async () => {
    // A forbidden line is caught as the plan is saved.
    const created = await call("POST", base, county.cookie, {
      lines: linesWith("电商培训讲师工资及学员食宿费"),
      preparedOn: "2017-09-20",
    });
    expect(created.statusCode).toBe(201);
    const { id, version, isChange } = created.json();
    expect({ version, isChange }).toEqual({ version: 1, isChange: false });
    let plan = (await call("GET", `${base}/${id}`, county.cookie)).json();
    expect(plan.review.isReady).toBe(false);
    expect(plan.review.openForbidden).toHaveLength(2); // salaries and food/lodging
    expect(plan.lines[5].forbidden.join()).toMatch(/F4/);
    const refused = await call("POST", `${base}/${id}/notice`, county.cookie, { start: "2017-09-29" });
    expect(refused.statusCode).toBe(409);
    expect(errorCode(refused)).toBe("plan_not_ready");
    expect(refused.json().error.details.length).toBeGreaterThan(0);

    // The officer fixes the text; what is left is a false alarm, cleared with a written reason.
    expect(
      (
        await call("PUT", `${base}/${id}/lines`, county.cookie, {
          lines: linesWith("电商培训（学员食宿费由学员自理）"),
        })
      ).statusCode,
    ).toBe(200);
    plan = (await call("GET", `${base}/${id}`, county.cookie)).json();
    expect(plan.review.openForbidden).toHaveLength(1);
    const line = plan.lines[5];
    const tooShort = await call("POST", `${base}/${id}/lines/${line.id}/clearance`, county.cookie, {
      reason: "误报",
    });
    expect(tooShort.statusCode).toBe(400);
    const noAlarm = await call("POST", `${base}/${id}/lines/${plan.lines[0].id}/clearance`, county.cookie, {
      reason: "此行没有问题的说明",
    });
    expect(errorCode(noAlarm)).toBe("no_alarm");
    const cleared = await call("POST", `${base}/${id}/lines/${line.id}/clearance`, county.cookie, {
      reason: "食宿由学员自理，中央资金不支付食宿费",
    });
    expect(cleared.statusCode).toBe(201);
    plan = (await call("GET", `${base}/${id}`, county.cookie)).json();
    expect(plan.review).toMatchObject({ isReady: true, openForbidden: [] });
    expect(plan.review.clearedForbidden).toHaveLength(1);
    expect(plan.lines[5].clearance.reason).toMatch(/学员自理/);

    // Notice over National Day 2017: the app computes the earliest filing day.
    const notice = await call("POST", `${base}/${id}/notice`, county.cookie, { start: "2017-09-29" });
    expect(notice.statusCode).toBe(200);
    expect(notice.json()).toMatchObject({ lastDay: "2017-10-18", earliestSubmission: "2017-10-19" });
    const short = await call("POST", `${base}/${id}/notice`, county.cookie, {
      start: "2017-09-29",
      workingDays: 9,
    });
    expect(errorCode(short)).toBe("notice_too_short");
    const again = await call("POST", `${base}/${id}/notice`, county.cookie, { start: "2017-10-09" });
    expect(errorCode(again)).toBe("plan_status"); // no longer a draft
    // A notice version is frozen.
    expect(
      (await call("PUT", `${base}/${id}/lines`, county.cookie, { lines: linesWith("培训") })).statusCode,
    ).toBe(409);

    const objection = await call("POST", `${base}/${id}/objections`, county.cookie, {
      receivedOn: "2017-10-10",
      objector: "某村民",
      content: "站点数量偏少",
    });
    expect(objection.statusCode).toBe(201);
    const blocked = await call("POST", `${base}/${id}/filing`, county.cookie, { filedOn: "2017-10-19" });
    expect(errorCode(blocked)).toBe("objections_open");
    const resolved = await call(
      "POST",
      `${base}/${id}/objections/${objection.json().id}/resolution`,
      county.cookie,
      { resolution: "已答复：站点按贫困村优先分批建设", resolvedOn: "2017-10-12" },
    );
    expect(resolved.statusCode).toBe(200);
    const early = await call("POST", `${base}/${id}/filing`, county.cookie, { filedOn: "2017-10-18" });
    expect(early.statusCode).toBe(409);
    expect(errorCode(early)).toBe("notice_not_over");
    expect(early.json().error.message).toMatch(/2017-10-19/);
    const filed = await call("POST", `${base}/${id}/filing`, county.cookie, { filedOn: "2017-10-19" });
    expect(filed.statusCode).toBe(200);

    // Only the province decides.
    const byCounty = await call("POST", `${base}/${id}/decision`, county.cookie, {
      decision: "approve",
      decidedOn: "2017-10-25",
    });
    expect(byCounty.statusCode).toBe(403);
    const approved = await call("POST", `${base}/${id}/decision`, province.cookie, {
      decision: "approve",
      decidedOn: "2017-10-25",
    });
    expect(approved.statusCode).toBe(200);

    const list = (await call("GET", base, viewer.cookie)).json();
    expect(list.inEffectId).toBe(id);
    expect(list.deadlineM1).toEqual({ dueOn: "2017-11-30", filedOn: "2017-10-19", status: "met" });
    expect(list.versions[0]).toMatchObject({
      status: "approved",
      filedOn: "2017-10-19",
      approvedOn: "2017-10-25",
    });

    const actions = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("county_code", "=", "130533")
      .where("action", "like", "fund_plan.%")
      .orderBy("seq")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "fund_plan.version_created",
      "fund_plan.draft_updated",
      "fund_plan.forbidden_alarm_cleared",
      "fund_plan.notice_published",
      "fund_plan.objection_logged",
      "fund_plan.objection_resolved",
      "fund_plan.filed",
      "fund_plan.approved",
    ]);
    const clearance = await db.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "fund_plan.forbidden_alarm_cleared")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(clearance.after_json!)).toMatchObject({ terms: ["食宿费"], rule: "F4" });
  });

  it("makes every later version a change that needs a reason and the province's approval (E3)", async () => {
    const { inEffectId } = (await call("GET", base, county.cookie)).json();
    const effective = (await call("GET", `${base}/${inEffectId}`, county.cookie)).json();
    const lines = effective.lines.map((l: Record<string, unknown>) => ({
      category: l.category,
      amountFen: l.amountFen,
      description: l.description,
      supportMethod: l.supportMethod,
      lineKey: l.lineKey,
    }));
    const change = await call("POST", base, county.cookie, { lines, preparedOn: "2018-03-01" });
    expect(change.json()).toMatchObject({ version: 2, isChange: true });
    const changed = (await call("GET", `${base}/${change.json().id}`, county.cookie)).json();
    // Continued lines keep their keys, and the cleared alarm stays cleared while the text is unchanged.
    expect(changed.lines.map((l: { lineKey: string }) => l.lineKey)).toEqual(
      effective.lines.map((l: { lineKey: string }) => l.lineKey),
    );
    expect(changed.review.isReady).toBe(true);
    expect(changed.deadlineM1).toBeNull();
    const noReason = await call("POST", `${base}/${change.json().id}/filing`, county.cookie, {
      filedOn: "2018-03-02",
    });
    expect(errorCode(noReason)).toBe("change_reason_required");
    const submitted = await call("POST", `${base}/${change.json().id}/filing`, county.cookie, {
      filedOn: "2018-03-02",
      changeReason: "调整培训内容",
    });
    expect(submitted.statusCode).toBe(200);
    // Until approved, the original stays in effect.
    expect((await call("GET", base, county.cookie)).json().inEffectId).toBe(inEffectId);
    const rejected = await call("POST", `${base}/${change.json().id}/decision`, province.cookie, {
      decision: "reject",
      decidedOn: "2018-03-05",
    });
    expect(errorCode(rejected)).toBe("note_required");
  });

  it("keeps another county out of this county's plans (403) and refuses unknown ids (404)", async () => {
    const { versions } = (await call("GET", base, county.cookie)).json();
    expect((await call("GET", base, other.cookie)).statusCode).toBe(403);
    expect((await call("GET", `${base}/${versions[0].id}`, other.cookie)).statusCode).toBe(403);
    const write = await call("POST", base, other.cookie, { lines: [] });
    expect(write.statusCode).toBe(403);
    expect(errorCode(write)).toBe("forbidden");
    // A viewer of the county reads but does not write.
    expect((await call("POST", base, viewer.cookie, { lines: [] })).statusCode).toBe(403);
    // The other county's own id space: its plan id in this county's URL is not found.
    const theirs = await call("POST", "/api/v1/counties/130131/funds/plans", other.cookie, {
      lines: onTarget().map((l) => ({ ...l, supportMethod: null })),
    });
    expect(theirs.statusCode).toBe(201);
    expect((await call("GET", `${base}/${theirs.json().id}`, county.cookie)).statusCode).toBe(404);
  });

  it("imports the 资金安排 sheet as a new version, by Chinese category names, all or nothing", async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { writeXlsx } = await import("../support/workbooks");
    const dir = mkdtempSync(join(tmpdir(), "shifan-funds-"));
    const header = ["类别", "金额(元)", "内容", "支持方式"];
    const good = [
      header,
      ["标准化、认证、品牌、质量追溯服务", "3000000.00", "区域公用品牌培育", "以奖代补"],
      ["上行基础设施", "2,250,000", "分级包装预冷设施", "贷款贴息"],
      ["物流", "4500000", "县乡村三级物流配送体系", ""],
      ["县级电子商务公共服务中心", "1500000", "公共服务中心改造", "直接补助"],
      ["village_stations", "1500000", "村级站点建设", "以奖代补"],
      ["电商培训", "2250000", "电商培训", "PPP"],
    ];
    const bad = [...good, ["农村产品上行", "1.234", "", "捐赠"]];
    const upload = async (rows: (string | number)[][], name: string) => {
      const path = await writeXlsx(join(dir, name), [{ name: "资金安排", rows }]);
      const { readFileSync } = await import("node:fs");
      const boundary = "----shifanfunds";
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        readFileSync(path),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({
        method: "POST",
        url: "/api/v1/counties/130131/workbook",
        headers: {
          cookie: other.cookie,
          "accept-language": "zh-CN",
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
        payload,
      });
    };
    const before = (await call("GET", "/api/v1/counties/130131/funds/plans", other.cookie)).json().versions
      .length;
    const rejectedRes = await upload(bad, "bad.xlsx");
    expect(rejectedRes.statusCode).toBe(422);
    expect(errorCode(rejectedRes)).toBe("import_rejected");
    const details = rejectedRes.json().error.details;
    expect(details.find((d: { column: string }) => d.column === "类别").message).toMatch(/大类/);
    const columns = details.map((r: { sheet: string; row: number; column: string }) => [
      r.sheet,
      r.row,
      r.column,
    ]);
    expect(columns).toEqual(
      expect.arrayContaining([
        ["资金安排", 8, "类别"],
        ["资金安排", 8, "金额(元)"],
        ["资金安排", 8, "内容"],
        ["资金安排", 8, "支持方式"],
      ]),
    );
    expect(
      (await call("GET", "/api/v1/counties/130131/funds/plans", other.cookie)).json().versions,
    ).toHaveLength(before);

    const accepted = (await upload(good, "good.xlsx")).json();
    expect(accepted.written).toBe(true);
    const list = (await call("GET", "/api/v1/counties/130131/funds/plans", other.cookie)).json();
    expect(list.versions).toHaveLength(before + 1);
    expect(list.versions[0]).toMatchObject({
      source: "workbook",
      status: "draft",
      totalFen: SUBSIDY,
      isReady: true,
    });
    expect(list.versions[1].status).toBe("superseded");
    const plan = (
      await call("GET", `/api/v1/counties/130131/funds/plans/${list.versions[0].id}`, other.cookie)
    ).json();
    expect(plan.lines.map((l: { category: string }) => l.category)).toEqual([
      "upward_services",
      "upward_infrastructure",
      "logistics",
      "service_center",
      "village_stations",
      "training",
    ]);
    expect(plan.lines[2].supportMethod).toBeNull();
    expect(plan.lines[5].supportMethod).toBe("ppp");
  });
});

describe.each(DIALECTS)("tenders, contracts, payments, progress and facts on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: { cookie: string };
  let county: { cookie: string };
  let other: { cookie: string };
  let lineKeys: Record<string, string>;
  let planId: string;

  const root = "/api/v1/counties/130533/funds";
  const call = (method: "GET" | "POST" | "PUT" | "PATCH", url: string, cookie: string, payload?: object) =>
    app.inject({ method, url, headers: { cookie, "accept-language": "zh-CN" }, payload });

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    province = await signedIn(app, db, "province_admin", "13");
    county = await signedIn(app, db, "county_admin", "130533");
    other = await signedIn(app, db, "county_admin", "130131");
    // A plan on target, noticed over National Day 2017 and filed on the earliest day.
    const created = await call("POST", `${root}/plans`, county.cookie, {
      lines: onTarget().map((l) => ({ ...l, supportMethod: "direct_subsidy" })),
      preparedOn: "2017-09-20",
    });
    planId = created.json().id;
    await call("POST", `${root}/plans/${planId}/notice`, county.cookie, { start: "2017-09-29" });
    expect(
      (await call("POST", `${root}/plans/${planId}/filing`, county.cookie, { filedOn: "2017-10-19" }))
        .statusCode,
    ).toBe(200);
    const plan = (await call("GET", `${root}/plans/${planId}`, county.cookie)).json();
    lineKeys = Object.fromEntries(
      plan.lines.map((l: { category: string; lineKey: string }) => [l.category, l.lineKey]),
    );
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const bidder = (name: string, bidFen: number, extra: object = {}) => ({
    name,
    address: `${name}地址`,
    phone: null,
    contact: null,
    bidFen,
    ...extra,
  });

  it("shows the Open Contracting red flags beside each tender, and M2 met or missed (F5, T3, M2)", async () => {
    const t1 = await call("POST", `${root}/tenders`, county.cookie, {
      tenderNo: "WX-2017-01",
      title: "县乡村三级物流配送体系建设",
      method: "open",
      estimateFen: 460_000_000,
      lineKeys: [lineKeys.logistics],
      announcedOn: "2017-10-20",
      documentsIssuedOn: "2017-10-20",
      bidDeadline: "2017-11-08", // 19 days: one short of the legal minimum
      responsiblePerson: "张三",
      bidders: [
        bidder("甲物流有限公司", 458_000_000, { phone: "0319-1234567" }),
        bidder("乙物流有限公司", 458_000_000, { phone: "0319 1234567" }),
        bidder("丙物流有限公司", 470_000_000, { contact: "李四" }),
      ],
    });
    expect(t1.statusCode).toBe(201);
    const [winner] = t1.json().bidderIds;
    const award = await call("POST", `${root}/tenders/${t1.json().id}/award`, county.cookie, {
      bidderId: winner,
      awardedOn: "2018-01-10", // 63 days after the deadline, and after M2
      amountFen: 458_000_000, // within 1% of the estimate
    });
    expect(award.statusCode).toBe(200);

    const t2 = await call("POST", `${root}/tenders`, county.cookie, {
      tenderNo: "WX-2017-02",
      title: "电商培训服务",
      method: "single_source",
      estimateFen: 225_000_000,
      lineKeys: [lineKeys.training],
      documentsIssuedOn: "2017-10-20",
      bidDeadline: "2017-11-09", // exactly 20 days: inside the law
      bidders: [bidder("丁培训学校", 200_000_000)],
    });
    await call("POST", `${root}/tenders/${t2.json().id}/award`, county.cookie, {
      bidderId: t2.json().bidderIds[0],
      awardedOn: "2017-11-20",
      amountFen: 200_000_000,
    });

    const tenders = (await call("GET", `${root}/tenders?asOf=2018-10-31`, county.cookie)).json();
    const flags = (no: string) =>
      tenders
        .find((t: { tenderNo: string }) => t.tenderNo === no)
        .redFlags.map((f: { id: string }) => f.id)
        .sort();
    expect(flags("WX-2017-01")).toEqual(
      [
        "award_near_estimate",
        "identical_bids",
        "shared_bidder_contact",
        "short_bidding_window",
        "slow_award",
      ].sort(),
    );
    expect(flags("WX-2017-02")).toEqual(["not_open_tender", "single_bidder"]);
    const first = tenders.find((t: { tenderNo: string }) => t.tenderNo === "WX-2017-01");
    expect(first.deadlineM2).toBe("missed");
    expect(first.bidders.find((b: { isWinner: boolean }) => b.isWinner).name).toBe("甲物流有限公司");
    expect(first.redFlags.find((f: { id: string }) => f.id === "shared_bidder_contact").reason).toMatch(
      /电话/,
    );
    expect(tenders.find((t: { tenderNo: string }) => t.tenderNo === "WX-2017-02").deadlineM2).toBe("met");
    // An awarded tender is closed to edits.
    const edit = await call("PUT", `${root}/tenders/${t2.json().id}`, county.cookie, {
      tenderNo: "WX-2017-02",
      title: "x",
      method: "open",
    });
    expect(errorCode(edit)).toBe("tender_closed");
  });

  it("records a contract, a 60% advance and a payment 1 fen above 90%, and flags them (F2, F7, F8)", async () => {
    const contract = await call("POST", `${root}/contracts`, county.cookie, {
      contractNo: "WX-HT-01",
      title: "三级物流配送体系建设合同",
      contractorName: "甲物流有限公司",
      amountFen: 460_000_000, // above the logistics line of 450,000,000
      lineKeys: [lineKeys.logistics],
      signedOn: "2017-11-10",
      startOn: "2017-12-01",
      completionDue: "2018-09-30",
      deliverables: [
        { name: "县级物流中心", amountFen: 300_000_000, dueOn: "2018-05-31", doneOn: null },
        { name: "乡镇配送站", amountFen: 160_000_000, dueOn: "2018-09-30", doneOn: null },
      ],
    });
    expect(contract.statusCode).toBe(201);
    const { id, deliverableIds } = contract.json();

    const advance = await call("POST", `${root}/contracts/${id}/payments`, county.cookie, {
      paidOn: "2017-12-05",
      amountFen: 276_000_000, // exactly 60%
      note: "首期预拨",
      invoices: [{ invoiceNo: "13001700001", amountFen: 276_000_000, issuedOn: "2017-12-04" }],
    });
    expect(advance.statusCode).toBe(201);
    expect(advance.json()).toMatchObject({ paidFen: 276_000_000, paymentCheck: { ok: true }, problems: [] });

    const over = await call("POST", `${root}/contracts/${id}/payments`, county.cookie, {
      paidOn: "2018-06-01",
      amountFen: 138_000_001, // cumulative 90% + 1 fen before acceptance
    });
    expect(over.json().paymentCheck.ok).toBe(false);
    expect(over.json().problems[0]).toMatch(/90\.00%.*F7/);

    await call("POST", `${root}/contracts/${id}/station-charges`, county.cookie, {
      stationNo: "WX-ZD-001",
      kind: "deposit",
      amountFen: 200_000,
      chargedOn: "2018-04-01",
    });
    await call("POST", `${root}/contracts/${id}/deliverables/${deliverableIds[0]}/done`, county.cookie, {
      doneOn: "2018-03-01",
    });

    const [view] = (await call("GET", `${root}/contracts?asOf=2018-10-31`, county.cookie)).json();
    expect(view.redFlags.map((f: { id: string }) => f.id)).toEqual(["contract_above_plan_line"]);
    expect(view.coveredPlanFen).toBe(450_000_000);
    expect(view.paidFen).toBe(414_000_001);
    expect(view.payments[1].isInvoiceShort).toBe(true);
    expect(view.deliverables.map((d: { isDone: boolean }) => d.isDone)).toEqual([true, false]);
    expect(view.problems.join("\n")).toMatch(/F8/);
    expect(view.stationCharges[0]).toMatchObject({ kindName: "押金", rule: "F8" });

    const accept = await call("PATCH", `${root}/contracts/${id}`, county.cookie, {
      acceptedOn: "2018-10-20",
    });
    expect(accept.statusCode).toBe(200);
    const afterAcceptance = (await call("GET", `${root}/contracts?asOf=2018-10-31`, county.cookie)).json()[0];
    // After acceptance the retainage may be paid: only the F8 charge is left.
    expect(afterAcceptance.paymentCheck.ok).toBe(true);
    expect(afterAcceptance.problems).toHaveLength(1);
    const accepted = (await call("GET", `${root}/contracts?asOf=2018-10-19`, county.cookie)).json()[0];
    expect(accepted.paymentCheck.ok).toBe(false);
  });

  it("keeps an invoice scan with the payment, for this county only", async () => {
    const [contract] = (await call("GET", `${root}/contracts`, county.cookie)).json();
    const payment = contract.payments[0];
    const invoice = payment.invoices[0];
    const url = `${root}/contracts/${contract.id}/payments/${payment.id}/invoices/${invoice.id}/file`;
    const boundary = "----shifaninvoice";
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fapiao.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      Buffer.from("%PDF-1.4 invoice"),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = (cookie: string) =>
      app.inject({
        method: "POST",
        url,
        headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    expect((await upload(other.cookie)).statusCode).toBe(403);
    // A body cut off mid-file is the client's 400, never a 500 (issue 14), and stores nothing.
    const cut = await app.inject({
      method: "POST",
      url,
      headers: { cookie: county.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: payload.subarray(0, payload.length - 12),
    });
    expect(cut.statusCode).toBe(400);
    expect(errorCode(cut)).toBe("malformed_upload");
    const res = await upload(county.cookie);
    expect(res.statusCode).toBe(201);
    expect(res.json().bytes).toBe(16);
    const download = await app.inject({ method: "GET", url, headers: { cookie: county.cookie } });
    expect(download.body).toBe("%PDF-1.4 invoice");
    expect((await app.inject({ method: "GET", url, headers: { cookie: other.cookie } })).statusCode).toBe(
      403,
    );
    const [after] = (await call("GET", `${root}/contracts`, county.cookie)).json();
    expect(after.payments[0].invoices[0]).toMatchObject({ fileName: "fapiao.pdf", hasFile: true });
  });

  it("reports progress in bp (E4), over time, and the facts of FundsFacts", async () => {
    const summary = (await call("GET", `${root}/summary?asOf=2018-10-31`, county.cookie)).json();
    // Paid 414,000,001 of 1,500,000,000 → 2760 bp; done 300,000,000 of max(460,000,000, subsidy) → 2000 bp.
    expect(summary.progress).toMatchObject({
      disbursementBp: 2760,
      constructionBp: 2000,
      paidFen: 414_000_001,
      isAtRisk: true,
    });
    expect(summary.deadlines.m1).toEqual({ dueOn: "2017-11-30", doneOn: "2017-10-19", status: "met" });
    expect(summary.deadlines.m2.status).toBe("missed");

    const series = (await call("GET", `${root}/progress?asOf=2018-10-31`, county.cookie)).json();
    expect(series[0].date).toBe("2017-09-30");
    expect(series.at(-1)).toMatchObject({ date: "2018-10-31", disbursementBp: 2760 });
    expect(series.find((p: { date: string }) => p.date === "2017-12-31").disbursementBp).toBe(1840);

    const { fundsFacts } = await import("../../src/server/funds/funds-facts");
    const facts = await fundsFacts(db, "130533", "2018-10-31");
    expect(facts).toMatchObject({
      planFiled: true,
      planApproved: false,
      unapprovedChanges: 0,
      forbiddenLines: 0,
      // Accepted on 2018-10-20: the retainage may be paid by now; the F8 charge stays.
      paymentProblems: [expect.stringMatching(/^合同 WX-HT-01：.*F8/)],
      constructionProgressBp: 2000,
      disbursementProgressBp: 2760,
      // C3 on what was paid, E2 on every contract (issue 13).
      forbiddenPayments: [],
      contracts: [expect.objectContaining({ contractNo: "WX-HT-01" })],
    });
    expect(facts.payments).toBeGreaterThan(0);
    expect((await fundsFacts(db, "130533", "2018-10-19"))?.paymentProblems).toEqual([
      expect.stringMatching(/^合同 WX-HT-01：.*90\.00%.*F7/),
      expect.stringMatching(/^合同 WX-HT-01：.*F8/),
    ]);
    // Before anything was recorded the scorecard gets no funds facts (pending, not zero progress).
    const early = (
      await call("GET", "/api/v1/counties/130533/scorecard?asOf=2017-01-01", county.cookie)
    ).json();
    expect(early.veto.find((v: { id: string }) => v.id === "E4").status).toBe("pending");
    const scorecard = (
      await call("GET", "/api/v1/counties/130533/scorecard?asOf=2018-10-31", county.cookie)
    ).json();
    expect(scorecard.veto.find((v: { id: string }) => v.id === "E4").status).toBe("triggered");
    expect(scorecard.items.find((i: { id: string }) => i.id === "C3").status).toBe("fail");
  });

  it("counts a change contracted before the province approved it as E3 evidence", async () => {
    const plan = (await call("GET", `${root}/plans/${planId}`, county.cookie)).json();
    const lines = plan.lines.map((l: Record<string, unknown>) => ({
      category: l.category,
      amountFen: l.category === "training" ? 200_000_000 : l.amountFen,
      description: l.description,
      supportMethod: l.supportMethod,
      lineKey: l.lineKey,
    }));
    lines.push({
      category: "training",
      amountFen: 25_000_000,
      description: "直播带货培训",
      supportMethod: null,
    });
    const change = await call("POST", `${root}/plans`, county.cookie, {
      lines,
      preparedOn: "2018-03-01",
      changeReason: "增加直播带货培训",
    });
    expect(change.json().isChange).toBe(true);
    await call("POST", `${root}/plans/${change.json().id}/filing`, county.cookie, { filedOn: "2018-03-02" });
    const changed = (await call("GET", `${root}/plans/${change.json().id}`, county.cookie)).json();
    const newKey = changed.lines.at(-1).lineKey;

    const contract = await call("POST", `${root}/contracts`, county.cookie, {
      contractNo: "WX-HT-02",
      title: "直播带货培训",
      contractorName: "丁培训学校",
      amountFen: 25_000_000,
      lineKeys: [newKey],
      signedOn: "2018-03-10",
    });
    expect(contract.statusCode).toBe(201);
    const { fundsFacts } = await import("../../src/server/funds/funds-facts");
    expect((await fundsFacts(db, "130533", "2018-10-31"))?.unapprovedChanges).toBe(1);
    const view = (await call("GET", `${root}/contracts?asOf=2018-10-31`, county.cookie))
      .json()
      .find((c: { contractNo: string }) => c.contractNo === "WX-HT-02");
    expect(view.redFlags.map((f: { id: string }) => f.id)).toContain("contract_outside_plan");
    // Approval afterwards does not undo that the change was carried out first.
    await call("POST", `${root}/plans/${change.json().id}/decision`, province.cookie, {
      decision: "approve",
      decidedOn: "2018-04-01",
    });
    expect((await fundsFacts(db, "130533", "2018-10-31"))?.unapprovedChanges).toBe(1);
    const scorecard = (
      await call("GET", "/api/v1/counties/130533/scorecard?asOf=2018-10-31", county.cookie)
    ).json();
    expect(scorecard.veto.find((v: { id: string }) => v.id === "E3").status).toBe("triggered");
  });

  it("keeps other counties out of tenders, contracts, payments and summaries (403), and lists the province's counties", async () => {
    const contracts = (await call("GET", `${root}/contracts`, county.cookie)).json();
    for (const url of [`${root}/tenders`, `${root}/contracts`, `${root}/summary`, `${root}/progress`]) {
      expect((await call("GET", url, other.cookie)).statusCode).toBe(403);
    }
    const pay = await call("POST", `${root}/contracts/${contracts[0].id}/payments`, other.cookie, {
      paidOn: "2018-01-01",
      amountFen: 1,
    });
    expect(pay.statusCode).toBe(403);
    // Its own URL with this county's contract id: not found, never this county's data.
    const cross = await call(
      "POST",
      `/api/v1/counties/130131/funds/contracts/${contracts[0].id}/payments`,
      other.cookie,
      {
        paidOn: "2018-01-01",
        amountFen: 1,
      },
    );
    expect(cross.statusCode).toBe(404);

    const mine = (await call("GET", "/api/v1/funds/overview?asOf=2018-10-31", other.cookie)).json();
    expect(mine.counties.map((c: { code: string }) => c.code)).toEqual(["130131"]);
    const all = (await call("GET", "/api/v1/funds/overview?asOf=2018-10-31", province.cookie)).json();
    expect(all.counties.map((c: { code: string }) => c.code)).toEqual(["130131", "130533"]);
    expect(all.counties[1]).toMatchObject({ disbursementBp: 2760, isAtRisk: true, deadlineM1: "met" });
    expect(all.counties[1].redFlags).toBeGreaterThan(0);
  });
});

describe.each(DIALECTS)("exports: OCDS 1.1.5 and the dedicated ledger on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let county: { cookie: string };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    const { loadFundsDemo } = await import("../../src/server/funds/demo-funds");
    await loadFundsDemo(db, {
      counties: [
        { code: "130131", name: "平山县" },
        { code: "130533", name: "威县" },
      ],
    });
    county = await signedIn(app, db, "county_admin", "130533");
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("exports every contracting process as an OCDS 1.1.5 release package that validates against the schema (T3)", async () => {
    const dir = resolve(process.cwd(), "../shared/data/ocds-1.1.5");
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // The package schema refers to the release schema by URL: register the local copy under its id.
    ajv.addSchema(JSON.parse(readFileSync(resolve(dir, "release-schema.json"), "utf8")));
    const validate = ajv.compile(
      JSON.parse(readFileSync(resolve(dir, "release-package-schema.json"), "utf8")),
    );

    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/ocds?asOf=2018-10-31",
      headers: { cookie: county.cookie },
    });
    expect(res.statusCode).toBe(200);
    const pkg = res.json();
    const ok = validate(pkg);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
    // The validator is not vacuous: a method outside the closed codelist fails it.
    const broken = structuredClone(pkg);
    broken.releases[0].tender.procurementMethod = "public";
    expect(validate(broken)).toBe(false);

    expect(pkg.version).toBe("1.1");
    expect(pkg.extensions[0]).toMatch(/\/api\/v1\/ocds\/extension\/extension\.json$/);
    const ocids = pkg.releases.map((r: { ocid: string }) => r.ocid);
    expect(new Set(ocids).size).toBe(ocids.length);
    const withTender = pkg.releases.find((r: { tender?: unknown }) => r.tender);
    expect(withTender.tender).toMatchObject({
      procurementMethod: "open",
      numberOfTenderers: expect.any(Number),
    });
    expect(withTender.tender.tenderPeriod.endDate).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+08:00$/);
    expect(withTender.planning.budget.amount.currency).toBe("CNY");
    expect(withTender.planning.milestones[0]).toMatchObject({ type: "engagement", status: "met" });
    const paid = pkg.releases.flatMap(
      (r: { contracts?: { implementation?: { transactions?: unknown[] } }[] }) =>
        (r.contracts ?? []).flatMap((c) => c.implementation?.transactions ?? []),
    );
    expect(paid.length).toBeGreaterThan(0);
    const schedule = withTender.contracts[0].milestones.filter((m: { type: string }) => m.type === "payment");
    expect(schedule.map((m: { id: string }) => m.id)).toEqual([
      "payment-first-advance",
      "payment-progress",
      "payment-retainage",
    ]);

    const ext = await app.inject({ method: "GET", url: "/api/v1/ocds/extension/extension.json" });
    expect(ext.json()).toMatchObject({ compatibility: ["1.1"], schemas: ["release-schema.json"] });
    const other = await signedIn(app, db, "county_admin", "130131");
    expect(
      (
        await app.inject({
          method: "GET",
          url: "/api/v1/counties/130533/ocds",
          headers: { cookie: other.cookie },
        })
      ).statusCode,
    ).toBe(403);
  });

  it("loads deterministic demo funds marked as demo: the F4 catch in 威县, 3 pp off then corrected in 平山县", async () => {
    const plans = async (code: string) =>
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/counties/${code}/funds/plans`,
          headers: { cookie: county.cookie },
        })
      ).json();
    const weixian = await plans("130533");
    expect(weixian.versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, "approved"],
      [1, "superseded"],
    ]);
    expect(weixian.versions[1].openForbidden).toBeGreaterThan(0);
    expect(weixian.versions.every((v: { isDemo: boolean }) => v.isDemo)).toBe(true);
    const province = await signedIn(app, db, "province_admin", "13");
    const pingshan = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130131/funds/plans`,
      headers: { cookie: province.cookie },
    });
    const [fixed, off] = pingshan.json().versions;
    expect(off.isReady).toBe(false);
    expect(fixed).toMatchObject({ status: "approved", isReady: true });
    const v1 = (
      await app.inject({
        method: "GET",
        url: `/api/v1/counties/130131/funds/plans/${off.id}`,
        headers: { cookie: province.cookie },
      })
    ).json();
    expect(v1.review.shares.find((x: { key: string }) => x.key === "upward_services")).toMatchObject({
      shareBp: 2300,
      withinTolerance: false,
    });
    const tenders = await db.db
      .withTables<import("../../src/server/funds/funds.tables").FundsTables>()
      .selectFrom("tenders")
      .select(["title", "is_demo", "estimate_fen"])
      .where("county_code", "=", "130533")
      .orderBy("tender_no")
      .execute();
    expect(tenders).toHaveLength(4);
    expect(tenders.every((t) => t.is_demo === 1 && t.title.includes("（演示）"))).toBe(true);
    // Deterministic: loading again changes nothing (a county with a plan keeps it).
    const { loadFundsDemo } = await import("../../src/server/funds/demo-funds");
    await loadFundsDemo(db, { counties: [{ code: "130533", name: "威县" }] });
    expect((await plans("130533")).versions).toHaveLength(2);
  });

  it("exports the dedicated ledger (专账) as .xlsx with running totals", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/funds/ledger.xlsx?asOf=2018-10-31",
      headers: { cookie: county.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet("专账")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("合同编号");
    const summary = (
      await app.inject({
        method: "GET",
        url: "/api/v1/counties/130533/funds/summary?asOf=2018-10-31",
        headers: { cookie: county.cookie },
      })
    ).json();
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe("合计");
    expect(Math.round(Number(last.getCell(6).value) * 100)).toBe(summary.progress.paidFen);
  });
});
