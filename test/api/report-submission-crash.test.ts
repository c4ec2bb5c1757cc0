/**
 * Crash safety of report submission (R2, issue 9): the real server is killed with SIGKILL while
 * monthly and annual reports are being submitted over HTTP. A submission writes the report row
 * (status, version, submission times), its history event and its audit entry in one transaction;
 * afterwards every acknowledged submission is stored, no report is half-submitted (row, event and
 * audit entry all or none), `shifan audit verify` passes, and the restarted server takes each
 * unacknowledged submission exactly once — stored before the kill means a version conflict now.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonthlyReportContent } from "../../src/rules/reporting";
import type { Principal } from "../../src/server/platform/auth/roles";
import { createUser } from "../../src/server/platform/auth/users";
import { saveLiaison } from "../../src/server/reporting/liaisons/save-liaison";
import { reportingDb } from "../../src/server/reporting/reporting-db";
import { createReport } from "../../src/server/reporting/reports/create-report";
import { saveReportContent } from "../../src/server/reporting/reports/save-report-content";
import { grantEntryException } from "../../src/server/reporting/settings/grant-entry-exception";
import { TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import {
  auditVerify,
  backendsGone,
  type ServerProcess,
  sleep,
  startServer,
  until,
  withDb,
} from "../support/server-process";

const COUNTY = "130533"; // 威县
const CONTRACTORS = 5;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2018-${String(i + 1).padStart(2, "0")}`);

const countyContent: MonthlyReportContent = {
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
const contractorContent: MonthlyReportContent = {
  ...countyContent,
  countyEcommerceFen: null,
  ruralOnlineRetailFen: null,
  agriculturalOnlineRetailFen: null,
};

type Draft = { id: string; version: number; kind: string; period: string };

/** A county administrator, the county's reporters and a saved, valid draft of each one's reports. */
async function prepareDrafts(db: TestDb): Promise<{ username: string; drafts: Draft[] }> {
  const username = `crashreporter${COUNTY}`;
  const { id } = await createUser(db.db, "system", {
    username,
    role: "county_admin",
    regionCode: COUNTY,
    password: TEST_PASSWORD,
  });
  const principal: Principal = {
    id,
    username,
    displayName: username,
    role: "county_admin",
    regionCode: COUNTY,
  };
  const actor = { id, name: username };
  const liaison = { position: "", email: null, reportsFrom: null, reportsUntil: null, organizationId: null };
  await saveLiaison({
    db: db.db,
    actor,
    countyCode: COUNTY,
    input: {
      ...liaison,
      role: "authority",
      organizationName: "威县商务局",
      name: "张三",
      phone: "0319-6212345",
    },
  });
  for (let c = 0; c < CONTRACTORS; c++) {
    await saveLiaison({
      db: db.db,
      actor,
      countyCode: COUNTY,
      input: {
        ...liaison,
        role: "contractor",
        organizationName: `威县承办企业${c}`,
        name: `联络员${c}`,
        phone: "13800000000",
      },
    });
  }
  const reporters = await reportingDb(db.db)
    .selectFrom("reporting_liaisons")
    .select(["reporter_key", "role"])
    .where("county_code", "=", COUNTY)
    .execute();
  expect(reporters).toHaveLength(CONTRACTORS + 1);
  // Entry for 2018 closed long ago: the province keeps it open, as it may (R2).
  const periods = [...MONTHS.map((p) => ["monthly", p] as const), ["annual", "2018"] as const];
  for (const [kind, period] of periods) {
    await grantEntryException({
      db: db.db,
      actor,
      countyCode: COUNTY,
      kind,
      period,
      openUntil: "2099-12-31",
      reason: "崩溃测试",
    });
  }
  const drafts: Draft[] = [];
  for (const [kind, period] of periods) {
    const today = kind === "monthly" ? `${period}-28` : "2019-01-10";
    for (const r of reporters) {
      const report = await createReport({
        db: db.db,
        principal,
        countyCode: COUNTY,
        kind,
        period,
        reporterKey: r.reporter_key,
        today,
      });
      const saved = await saveReportContent({
        db: db.db,
        principal,
        countyCode: COUNTY,
        id: report.id,
        version: report.version,
        content: r.role === "authority" ? countyContent : contractorContent,
        today,
      });
      drafts.push({ id: saved.id, version: saved.version, kind, period });
    }
  }
  return { username, drafts };
}

async function signIn(server: ServerProcess, username: string): Promise<string> {
  const res = await fetch(`${server.base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith("shifan_session="))!
    .split(";")[0]!;
}

const submit = (server: ServerProcess, cookie: string, draft: Draft) =>
  fetch(`${server.base}/api/v1/counties/${COUNTY}/reports/${draft.id}/submit`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify({ version: draft.version }),
  });

/** Each report's row, history and audit entries as the database holds them now. */
async function submissionState(url: string) {
  return withDb(url, async (db) => {
    const rows = await reportingDb(db.db)
      .selectFrom("reporting_reports")
      .select(["id", "status", "version", "submitted_at", "first_submitted_at"])
      .where("county_code", "=", COUNTY)
      .execute();
    const events = await reportingDb(db.db)
      .selectFrom("reporting_report_events")
      .select("report_id")
      .where("action", "=", "submitted")
      .execute();
    const audits = await db.db
      .selectFrom("audit_log")
      .select("entity_id")
      .where("action", "=", "report.submitted")
      .execute();
    const tally = (ids: (string | null)[]) => {
      const n = new Map<string, number>();
      for (const id of ids) n.set(id!, (n.get(id!) ?? 0) + 1);
      return n;
    };
    return {
      rows: new Map(rows.map((r) => [r.id, r])),
      events: tally(events.map((e) => e.report_id)),
      audits: tally(audits.map((a) => a.entity_id)),
    };
  });
}

describe.each(DIALECTS)("crash safety of report submission on %s", (dialect) => {
  let db: TestDb;
  let username: string;
  let drafts: Draft[];

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [COUNTY] });
    ({ username, drafts } = await prepareDrafts(db));
    await db.close();
  }, 180_000);
  afterAll(async () => {
    await db.drop();
  });

  it("keeps every acknowledged submission and no half-written one when killed mid-stream", async () => {
    const server = await startServer(db.url);
    const cookie = await signIn(server, username);
    const acknowledged = new Set<string>();
    const unanswered = new Set<string>();
    let next = 0;
    let killed = false;
    const send = async () => {
      while (!killed && next < drafts.length) {
        const draft = drafts[next++]!;
        let res: Response;
        try {
          res = await submit(server, cookie, draft);
        } catch (error) {
          if (!killed) throw error;
          unanswered.add(draft.id); // the connection died with the server
          return;
        }
        const body = await res.json().catch(() => null);
        if (!body && killed) {
          unanswered.add(draft.id);
          return;
        }
        expect(res.status, JSON.stringify(body)).toBe(200);
        expect(body.report).toMatchObject({ status: "submitted", version: draft.version + 1 });
        acknowledged.add(draft.id);
      }
    };
    const senders = Promise.all([send(), send(), send()]);
    // A sender that fails before the kill fails the test at once.
    await Promise.race([
      until(() => acknowledged.size >= 12, 60_000, "twelve submissions to be acknowledged"),
      senders.then(() => {
        throw new Error("every report was submitted before the kill");
      }),
    ]);
    await sleep(7);
    killed = true;
    server.child.kill("SIGKILL");
    await senders;
    expect(await server.exit).toEqual({ code: null, signal: "SIGKILL" });
    // Killed mid-stream: some submissions were in flight and never answered.
    expect(unanswered.size).toBeGreaterThan(0);
    expect(acknowledged.size).toBeLessThan(drafts.length);
    await backendsGone(db);

    const state = await submissionState(db.url);
    let stored = 0;
    for (const draft of drafts) {
      const row = state.rows.get(draft.id)!;
      const isSubmitted = row.status === "submitted";
      if (acknowledged.has(draft.id)) expect(isSubmitted, `acknowledged ${draft.id}`).toBe(true);
      // Whole or absent: the row's status, version and times, its history event and its audit entry.
      expect(row.version).toBe(draft.version + (isSubmitted ? 1 : 0));
      expect(row.status).toBe(isSubmitted ? "submitted" : "draft");
      expect(row.submitted_at !== null).toBe(isSubmitted);
      expect(row.first_submitted_at !== null).toBe(isSubmitted);
      expect(state.events.get(draft.id) ?? 0).toBe(isSubmitted ? 1 : 0);
      expect(state.audits.get(draft.id) ?? 0).toBe(isSubmitted ? 1 : 0);
      if (isSubmitted) stored++;
    }
    expect(stored).toBeGreaterThanOrEqual(acknowledged.size);
    expect(await auditVerify(db.url)).toContain("审计链完整");

    // Restarted on the same database, the session still holds; each unacknowledged submission is
    // taken once: stored before the kill, the draft's version is stale now.
    const again = await startServer(db.url);
    let conflicts = 0;
    for (const draft of drafts.filter((d) => !acknowledged.has(d.id))) {
      const res = await submit(again, cookie, draft);
      const wasStored = state.rows.get(draft.id)!.status === "submitted";
      expect(res.status, `${draft.kind} ${draft.period} ${draft.id}`).toBe(wasStored ? 409 : 200);
      if (wasStored) conflicts++;
    }
    expect(conflicts).toBe(stored - acknowledged.size);
    again.child.kill("SIGTERM");
    expect(await again.exit).toEqual({ code: 0, signal: null });

    const final = await submissionState(db.url);
    for (const draft of drafts) {
      expect(final.rows.get(draft.id)).toMatchObject({ status: "submitted", version: draft.version + 1 });
      expect(final.events.get(draft.id)).toBe(1);
      expect(final.audits.get(draft.id)).toBe(1);
    }
    expect(await auditVerify(db.url)).toContain("审计链完整");
  }, 300_000);
});
