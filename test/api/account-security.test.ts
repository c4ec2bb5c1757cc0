/**
 * Account security (issue 9): access events in the audit log (sign-ins, failures, lockouts,
 * refusals, exports) that leave the data versions alone; forced password change for accounts an
 * administrator created and for expired passwords; no reuse of the last 5 passwords; sign-in
 * throttling per address and per username.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { createUser } from "../../src/server/platform/auth/users";
import { trustProxyFromEnv } from "../../src/server/platform/http/trust-proxy";
import { buildTestApp, errorCode, sessionCookie, signedIn, TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const OWN = "130533";
const OTHER = "130131";

describe.each(DIALECTS)("account security on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let province: { cookie: string; username: string };
  const login = (username: string, password: string, ip = "127.0.0.1") =>
    app.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress: ip,
      headers: { "accept-language": "zh-CN" },
      payload: { username, password },
    });
  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/session/password",
      headers: { cookie, "accept-language": "zh-CN" },
      payload: { currentPassword, newPassword },
    });
  const auditOf = async (action: string) =>
    db.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("seq").execute();
  const versions = async () =>
    JSON.stringify(await db.db.selectFrom("data_versions").selectAll().orderBy("scope").execute());

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN, OTHER] });
    app = await buildTestApp(db);
    province = await signedIn(app, db, "province_admin", "13");
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("audits sign-ins, failures, lockouts and sign-outs as access events that bump no data version", async () => {
    await createUser(db.db, "system", {
      username: "audited",
      role: "county_viewer",
      regionCode: OWN,
      password: TEST_PASSWORD,
    });
    const before = await versions();
    const ok = await login("audited", TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.passwordChangeRequired).toBe(false);
    for (let i = 0; i < 5; i++) expect((await login("audited", "Wrong-Pass-2017")).statusCode).toBe(401);
    expect((await login("audited", TEST_PASSWORD)).statusCode).toBe(423);
    await app.inject({ method: "DELETE", url: "/api/v1/session", headers: { cookie: sessionCookie(ok) } });
    const actions = (
      await db.db
        .selectFrom("audit_log")
        .select("action")
        .where("actor_name", "=", "audited")
        .orderBy("seq")
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      "session.created",
      "session.failed",
      "session.failed",
      "session.failed",
      "session.failed",
      "account.locked",
      "session.deleted",
    ]);
    expect(await versions()).toBe(before);
  });

  it("audits refusals of signed-in accounts with who, what and where, and samples anonymous ones", async () => {
    const viewer = await signedIn(app, db, "county_viewer", OWN);
    const before = await versions();
    const refused = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OTHER}/villages`,
      headers: { cookie: viewer.cookie },
    });
    expect(refused.statusCode).toBe(403);
    const entries = (await auditOf("access.refused")).filter((e) => e.actor_name === viewer.username);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entity: "route",
      entity_id: "GET /api/v1/counties/:code/villages",
      county_code: OTHER,
    });
    expect(JSON.parse(entries[0]!.after_json!)).toMatchObject({ status: 403, code: "forbidden" });

    // Anonymous 401s: a flood from one address leaves one entry a minute, not one per request.
    const anonymous = async () =>
      (await auditOf("access.refused")).filter((e) => e.actor_name === "anonymous").length;
    const start = await anonymous();
    for (let i = 0; i < 20; i++) {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${OWN}/villages`,
        remoteAddress: "10.9.8.7",
      });
      expect(res.statusCode).toBe(401);
    }
    expect(await anonymous()).toBe(start + 1);
    expect(await versions()).toBe(before);
  });

  it("audits every download of an export by a signed-in caller, not the public template", async () => {
    const exports = async () => (await auditOf("export.downloaded")).length;
    const start = await exports();
    const ledger = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/funds/ledger.xlsx`,
      headers: { cookie: province.cookie },
    });
    expect(ledger.statusCode).toBe(200);
    expect(ledger.headers["content-disposition"]).toMatch(/^attachment/);
    const entries = await auditOf("export.downloaded");
    expect(entries).toHaveLength(start + 1);
    expect(entries.at(-1)).toMatchObject({
      actor_name: province.username,
      entity_id: "GET /api/v1/counties/:code/funds/ledger.xlsx",
      county_code: OWN,
    });
    // The OCDS release package is JSON, not an attachment: audited because its route says so.
    const ocds = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/ocds`,
      headers: { cookie: province.cookie },
    });
    expect(ocds.statusCode, ocds.body).toBe(200);
    expect((await auditOf("export.downloaded")).at(-1)).toMatchObject({
      entity_id: "GET /api/v1/counties/:code/ocds",
      county_code: OWN,
    });
    const template = await app.inject({ method: "GET", url: "/api/v1/workbook/template.xlsx" });
    expect(template.statusCode).toBe(200);
    expect(await exports()).toBe(start + 2);
  });

  it("makes an account an administrator created change its password before anything else", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: { cookie: province.cookie },
      payload: { username: "newcomer", role: "county_viewer", regionCode: OWN, password: "Given-Pass-2017" },
    });
    expect(created.statusCode).toBe(201);
    const res = await login("newcomer", "Given-Pass-2017");
    expect(res.statusCode).toBe(200);
    expect(res.json().user.passwordChangeRequired).toBe(true);
    const cookie = sessionCookie(res);
    const blocked = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/villages`,
      headers: { cookie, "accept-language": "zh-CN" },
    });
    expect(blocked.statusCode).toBe(403);
    expect(errorCode(blocked)).toBe("password_change_required");
    expect(blocked.json().error.message).toMatch(/^请先修改密码/);
    const me = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ username: "newcomer", passwordChangeRequired: true });

    const weak = await change(cookie, "Given-Pass-2017", "short");
    expect(errorCode(weak)).toBe("weak_password");
    const wrong = await change(cookie, "Not-The-Pass-1", "Own-Choice-2017");
    expect(errorCode(wrong)).toBe("wrong_password");
    expect((await auditOf("password.change_failed")).filter((e) => e.actor_name === "newcomer")).toHaveLength(
      1,
    );
    const same = await change(cookie, "Given-Pass-2017", "Given-Pass-2017");
    expect(errorCode(same)).toBe("password_reused");
    expect((await change(cookie, "Given-Pass-2017", "Own-Choice-2017")).statusCode).toBe(204);

    const open = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/villages`,
      headers: { cookie },
    });
    expect(open.statusCode).toBe(200);
    expect((await login("newcomer", "Own-Choice-2017")).json().user.passwordChangeRequired).toBe(false);
    expect((await login("newcomer", "Given-Pass-2017")).statusCode).toBe(401);
  });

  it("refuses any of the last 5 passwords with a Chinese message, and stores only hashes", async () => {
    await createUser(db.db, "system", {
      username: "rotator",
      role: "county_viewer",
      regionCode: OWN,
      password: "Rotate-Pass-0",
    });
    const cookie = sessionCookie(await login("rotator", "Rotate-Pass-0"));
    for (let i = 1; i <= 5; i++) {
      expect((await change(cookie, `Rotate-Pass-${i - 1}`, `Rotate-Pass-${i}`)).statusCode).toBe(204);
    }
    // Current: 5; the last five are 5, 4, 3, 2, 1; 0 is the sixth and may come back.
    for (const old of [5, 4, 3, 2, 1]) {
      const res = await change(cookie, "Rotate-Pass-5", `Rotate-Pass-${old}`);
      expect(res.statusCode, `Rotate-Pass-${old}`).toBe(400);
      expect(errorCode(res)).toBe("password_reused");
      expect(res.json().error.message).toBe("新密码不能与最近5次使用过的密码相同，请换一个");
    }
    expect((await change(cookie, "Rotate-Pass-5", "Rotate-Pass-0")).statusCode).toBe(204);
    const user = await db.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "rotator")
      .executeTakeFirstOrThrow();
    const history = await db.db
      .selectFrom("password_history")
      .select("password_hash")
      .where("user_id", "=", user.id)
      .execute();
    expect(history).toHaveLength(4);
    for (const h of history) {
      expect(h.password_hash).toMatch(/^scrypt\$/);
      expect(h.password_hash).not.toContain("Rotate-Pass");
    }
  });

  it("ends the account's other sessions when its password changes", async () => {
    await createUser(db.db, "system", {
      username: "twosessions",
      role: "county_viewer",
      regionCode: OWN,
      password: TEST_PASSWORD,
    });
    const first = sessionCookie(await login("twosessions", TEST_PASSWORD));
    const second = sessionCookie(await login("twosessions", TEST_PASSWORD));
    expect((await change(first, TEST_PASSWORD, "Brand-New-Pass-1")).statusCode).toBe(204);
    const session = (cookie: string) =>
      app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
    expect((await session(first)).statusCode).toBe(200);
    expect((await session(second)).statusCode).toBe(401);
  });

  it("treats a password older than the configured age as one that must change (0 = never)", async () => {
    await createUser(db.db, "system", {
      username: "ageing",
      role: "county_viewer",
      regionCode: OWN,
      password: TEST_PASSWORD,
    });
    await db.db
      .updateTable("users")
      .set({ password_changed_at: "2017-01-01T00:00:00.000+08:00" })
      .where("username", "=", "ageing")
      .execute();
    const expired = await login("ageing", TEST_PASSWORD);
    expect(expired.json().user.passwordChangeRequired).toBe(true);
    const blocked = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/villages`,
      headers: { cookie: sessionCookie(expired) },
    });
    expect(errorCode(blocked)).toBe("password_change_required");

    const never = await buildApp({ db, sessionSettings: { passwordMaxAgeDays: 0 } });
    try {
      const res = await never.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { username: "ageing", password: TEST_PASSWORD },
      });
      expect(res.json().user.passwordChangeRequired).toBe(false);
      const villages = await never.inject({
        method: "GET",
        url: `/api/v1/counties/${OWN}/villages`,
        headers: { cookie: sessionCookie(res) },
      });
      expect(villages.statusCode).toBe(200);
    } finally {
      await never.close();
    }
  });

  it("counts wrong current passwords towards the sign-in lockout; locked, the password cannot change", async () => {
    await createUser(db.db, "system", {
      username: "guessed",
      role: "county_viewer",
      regionCode: OWN,
      password: TEST_PASSWORD,
    });
    const cookie = sessionCookie(await login("guessed", TEST_PASSWORD));
    // One budget for both ways in: 2 wrong sign-ins and 3 wrong current passwords make the 5.
    for (let i = 0; i < 2; i++) expect((await login("guessed", "Wrong-Pass-2017")).statusCode).toBe(401);
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await change(cookie, `Guess-Pass-${i}`, "Other-Pass-2017"))).toBe("wrong_password");
    }
    const locked = await change(cookie, TEST_PASSWORD, "Other-Pass-2017");
    expect(locked.statusCode).toBe(423);
    expect(errorCode(locked)).toBe("account_locked");
    expect((await login("guessed", TEST_PASSWORD)).statusCode).toBe(423);
    const actions = (
      await db.db
        .selectFrom("audit_log")
        .select("action")
        .where("actor_name", "=", "guessed")
        .orderBy("seq")
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      "session.created",
      "session.failed",
      "session.failed",
      "password.change_failed",
      "password.change_failed",
      "account.locked",
    ]);
  });

  it("lets only one of two password changes sent at once through", async () => {
    await createUser(db.db, "system", {
      username: "racer",
      role: "county_viewer",
      regionCode: OWN,
      password: TEST_PASSWORD,
    });
    const cookie = sessionCookie(await login("racer", TEST_PASSWORD));
    const [first, second] = await Promise.all([
      change(cookie, TEST_PASSWORD, "Racer-First-2017"),
      change(cookie, TEST_PASSWORD, "Racer-Second-2017"),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([204, 409]);
    const [loser, kept] =
      first.statusCode === 409 ? [first, "Racer-Second-2017"] : [second, "Racer-First-2017"];
    expect(errorCode(loser)).toBe("password_changed");
    expect((await login("racer", kept)).statusCode).toBe(200);
    expect((await auditOf("password.changed")).filter((e) => e.actor_name === "racer")).toHaveLength(1);
  });

  it("records at most 10 refusals a minute of one signed-in account", async () => {
    const viewer = await signedIn(app, db, "county_viewer", OWN);
    for (let i = 0; i < 15; i++) {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${OTHER}/villages`,
        headers: { cookie: viewer.cookie },
      });
      expect(res.statusCode).toBe(403);
    }
    const entries = (await auditOf("access.refused")).filter((e) => e.actor_name === viewer.username);
    expect(entries).toHaveLength(10);
  });

  it("says in the next refusal recorded how many of the account's were left out", async () => {
    const viewer = await signedIn(app, db, "county_viewer", OWN);
    const brief = await buildApp({
      db,
      sessionSettings: { refusalsAuditedPerAccount: { limit: 2, windowMinutes: 0.01 } },
    });
    try {
      const refuse = async () =>
        expect(
          (
            await brief.inject({
              method: "GET",
              url: `/api/v1/counties/${OTHER}/villages`,
              headers: { cookie: viewer.cookie },
            })
          ).statusCode,
        ).toBe(403);
      for (let i = 0; i < 5; i++) await refuse();
      const of = async () =>
        (await auditOf("access.refused"))
          .filter((e) => e.actor_name === viewer.username)
          .map((e) => JSON.parse(e.after_json!).suppressed);
      expect(await of()).toEqual([undefined, undefined]);
      await new Promise((resolve) => setTimeout(resolve, 700)); // the 0.6 s window reopens
      await refuse();
      await refuse();
      expect(await of()).toEqual([undefined, undefined, 3, undefined]);
    } finally {
      await brief.close();
    }
  });

  it("keeps no username that no account has in the audit log, only a mask (it may be a password)", async () => {
    const typed = "Zq9-Secret-Pass-2017";
    expect((await login(typed, "whatever-it-was", "10.77.0.1")).statusCode).toBe(401);
    const failed = (await auditOf("session.failed")).filter((e) => e.actor_name === "anonymous");
    expect(failed.map((e) => JSON.parse(e.after_json!))).toContainEqual({
      username: "Zq…20",
      reason: "unknown_user",
    });
    const all = await db.db.selectFrom("audit_log").selectAll().execute();
    expect(JSON.stringify(all)).not.toContain("Secret-Pass");
  });
});

describe.each(DIALECTS)("sign-in throttling on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN] });
    await createUser(db.db, "system", {
      username: "target",
      role: "county_viewer",
      regionCode: OWN,
      password: TEST_PASSWORD,
    });
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(async () => {
    await db.drop();
  });
  const attempt = (username: string, ip: string, password = "Wrong-Pass-2017") =>
    app!.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress: ip,
      headers: { "accept-language": "zh-CN" },
      payload: { username, password },
    });

  it("answers 429 with Retry-After and a Chinese message once an address tries too often", async () => {
    app = await buildApp({
      db,
      sessionSettings: {
        signInsPerAddress: { limit: 3, windowMinutes: 1 },
        signInsPerUsername: { limit: 100, windowMinutes: 15 },
      },
    });
    for (let i = 0; i < 3; i++) expect((await attempt(`nobody${i}`, "10.0.0.1")).statusCode).toBe(401);
    const throttled = await attempt("target", "10.0.0.1", TEST_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(errorCode(throttled)).toBe("too_many_sign_ins");
    expect(throttled.json().error.message).toMatch(/^登录尝试过于频繁，请于 \d+ 秒后重试$/);
    const retryAfter = Number(throttled.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not held back by this one.
    expect((await attempt("target", "10.0.0.2", TEST_PASSWORD)).statusCode).toBe(200);
    const audited = await db.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "session.throttled")
      .execute();
    expect(audited.length).toBe(1);
    expect(JSON.parse(audited[0]!.after_json!)).toMatchObject({ address: "10.0.0.1", by: "address" });
  });

  it("throttles one username tried from many addresses, whatever its case", async () => {
    app = await buildApp({
      db,
      sessionSettings: {
        signInsPerAddress: { limit: 100, windowMinutes: 1 },
        signInsPerUsername: { limit: 4, windowMinutes: 15 },
      },
    });
    for (let i = 0; i < 4; i++) {
      expect((await attempt(i % 2 ? "GHOST" : "ghost", `10.1.0.${i}`)).statusCode).toBe(401);
    }
    const res = await attempt("ghost", "10.1.0.9");
    expect(res.statusCode).toBe(429);
    expect(res.headers["retry-after"]).toBeDefined();
    expect((await attempt("target", "10.1.0.9", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("lets the default limits through a normal office's sign-ins", async () => {
    app = await buildTestApp(db);
    for (let i = 0; i < 10; i++)
      expect((await attempt("target", "10.2.0.1", TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("keeps a throttled username no account has only masked; a known one as it is", async () => {
    app = await buildApp({
      db,
      sessionSettings: {
        signInsPerAddress: { limit: 1, windowMinutes: 1 },
        signInsPerUsername: { limit: 100, windowMinutes: 15 },
      },
    });
    expect((await attempt("nobody", "10.3.0.1")).statusCode).toBe(401);
    expect((await attempt("Yw7-Throttled-Secret", "10.3.0.1")).statusCode).toBe(429);
    expect((await attempt("nobody", "10.3.0.2")).statusCode).toBe(401);
    expect((await attempt("target", "10.3.0.2")).statusCode).toBe(429);
    const throttled = await db.db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "session.throttled")
      .execute();
    const usernames = throttled.map((e) => JSON.parse(e.after_json!).username);
    expect(usernames).toContain("Yw…20");
    expect(usernames).toContain("target");
    const all = await db.db.selectFrom("audit_log").selectAll().execute();
    expect(JSON.stringify(all)).not.toContain("Throttled-Secret");
  });

  it("tells clients behind a trusted proxy apart by X-Forwarded-For, and not without trustProxy", async () => {
    const sessionSettings = {
      signInsPerAddress: { limit: 2, windowMinutes: 1 },
      signInsPerUsername: { limit: 100, windowMinutes: 15 },
    };
    const viaProxy = (client: string) =>
      app!.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: "127.0.0.1",
        headers: { "x-forwarded-for": client },
        payload: { username: "nobody", password: "Wrong-Pass-2017" },
      });
    for (const trustProxy of ["127.0.0.1", true] as const) {
      app = await buildApp({ db, trustProxy, sessionSettings });
      for (let i = 0; i < 2; i++) expect((await viaProxy("203.0.113.1")).statusCode).toBe(401);
      expect((await viaProxy("203.0.113.1")).statusCode).toBe(429);
      expect((await viaProxy("203.0.113.2")).statusCode, String(trustProxy)).toBe(401);
      await app.close();
    }
    // Trusting no proxy, every client is the proxy: the per-address limit is one for all of them.
    app = await buildApp({ db, sessionSettings });
    for (let i = 0; i < 2; i++) expect((await viaProxy(`203.0.113.${10 + i}`)).statusCode).toBe(401);
    expect((await viaProxy("203.0.113.20")).statusCode).toBe(429);
  });
});

describe("SHIFAN_TRUST_PROXY", () => {
  it("reads off, on, and the proxy's addresses; refuses hop counts Fastify would ignore", () => {
    for (const off of [undefined, "", "0", "false"]) expect(trustProxyFromEnv(off)).toBe(false);
    for (const on of ["1", "true"]) expect(trustProxyFromEnv(on)).toBe(true);
    expect(trustProxyFromEnv(" 10.0.0.0/8,127.0.0.1 ")).toBe("10.0.0.0/8,127.0.0.1");
    expect(() => trustProxyFromEnv("2")).toThrow(/hop counts/);
  });
});
