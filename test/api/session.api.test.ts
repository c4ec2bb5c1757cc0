import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/platform/auth/users";
import { buildTestApp, errorCode, sessionCookie, signedIn, TEST_PASSWORD } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

describe.each(DIALECTS)("accounts and sessions on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const login = (username: string, password: string) =>
    app.inject({ method: "POST", url: "/api/v1/session", payload: { username, password } });

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    await createUser(db.db, "system", {
      username: "weixian",
      role: "county_admin",
      regionCode: "130533",
      password: TEST_PASSWORD,
    });
    await createUser(db.db, "system", {
      username: "locker",
      role: "county_viewer",
      regionCode: "130533",
      password: TEST_PASSWORD,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("signs in with a strict, HttpOnly session cookie and reports who is signed in", async () => {
    const res = await login("weixian", TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      username: "weixian",
      role: "county_admin",
      regionCode: "130533",
      regionName: "威县",
    });
    const raw = [res.headers["set-cookie"]].flat().join(";");
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);
    const me = await app.inject({
      method: "GET",
      url: "/api/v1/session",
      headers: { cookie: sessionCookie(res) },
    });
    expect(me.json().user.username).toBe("weixian");
  });

  it("answers 401 with a Chinese message for a wrong password or unknown user", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { "accept-language": "zh-CN" },
      payload: { username: "weixian", password: "wrong-password-1A" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe("用户名或密码错误");
    expect((await login("nobody", TEST_PASSWORD)).statusCode).toBe(401);
  });

  it("locks a username from one address after 5 failures for 15 minutes, even for the right password", async () => {
    for (let i = 0; i < 4; i++) expect((await login("locker", "bad-Password-1")).statusCode).toBe(401);
    expect((await login("locker", TEST_PASSWORD)).statusCode).toBe(200); // 4 failures: still open, and reset
    for (let i = 0; i < 5; i++) expect((await login("locker", "bad-Password-1")).statusCode).toBe(401);
    const locked = await login("locker", TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(errorCode(locked)).toBe("account_locked");
    // Unlocks at a time 15 minutes on (China time, HH:MM), stated in the message.
    const until = /(?:请于|after) (\d\d:\d\d)/.exec(locked.json().error.message)![1]!;
    const expected = new Date(Date.now() + 15 * 60_000 + 8 * 3_600_000).toISOString().slice(11, 16);
    const earlier = new Date(Date.now() + 14 * 60_000 + 8 * 3_600_000).toISOString().slice(11, 16);
    expect([earlier, expected]).toContain(until);
  });

  // Issue 14, finding 8: usernames cannot be enumerated by the lockout's answer.
  it("answers a locked real account and a locked unknown username alike", async () => {
    await createUser(db.db, "system", {
      username: "enumerated",
      role: "county_viewer",
      regionCode: "130533",
      password: TEST_PASSWORD,
    });
    const answers = [];
    for (const username of ["enumerated", "no-such-user"]) {
      const failures = [];
      for (let i = 0; i < 5; i++) failures.push((await login(username, "bad-Password-1")).statusCode);
      expect(failures, username).toEqual([401, 401, 401, 401, 401]);
      const res = await login(username, TEST_PASSWORD);
      answers.push({ status: res.statusCode, body: res.json() });
    }
    expect(answers[0]!.status).toBe(423);
    expect(answers[1]).toEqual(answers[0]);
  });

  // Issue 14, finding 8: an attacker elsewhere cannot lock an official out.
  it("locks per username and address: failures from one address do not lock the account elsewhere", async () => {
    await createUser(db.db, "system", {
      username: "official",
      role: "county_admin",
      regionCode: "130533",
      password: TEST_PASSWORD,
    });
    const from = (address: string, password: string) =>
      app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: address,
        payload: { username: "official", password },
      });
    for (let i = 0; i < 5; i++) expect((await from("203.0.113.9", "bad-Password-1")).statusCode).toBe(401);
    expect((await from("203.0.113.9", TEST_PASSWORD)).statusCode).toBe(423);
    // The official's own office still signs in; the attacker's address stays locked.
    expect((await from("10.1.2.3", TEST_PASSWORD)).statusCode).toBe(200);
    expect((await from("203.0.113.9", TEST_PASSWORD)).statusCode).toBe(423);
  });

  // Issue 14, finding 7: common passwords refused at the route; nothing trimmed.
  it("refuses common passwords when an account is created, and keeps a password exactly as typed", async () => {
    const admin = await signedIn(app, db, "province_admin", "13");
    const create = (username: string, password: string) =>
      app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: { cookie: admin.cookie, "accept-language": "zh-CN" },
        payload: { username, role: "county_viewer", regionCode: "130533", password },
      });
    for (const password of ["Password123", "Admin123456", "1qaz@WSX3edc"]) {
      const res = await create("common1", password);
      expect(res.statusCode, password).toBe(400);
      expect(errorCode(res)).toBe("weak_password");
      expect(res.json().error.message).toContain("过于常见");
    }
    expect((await create("spaced", "  Zh8#kq2!Lm9x  ")).statusCode).toBe(201);
    expect((await login("spaced", "Zh8#kq2!Lm9x")).statusCode).toBe(401);
    expect((await login("spaced", "  Zh8#kq2!Lm9x  ")).statusCode).toBe(200);
  });

  it("expires a session after 30 idle minutes", async () => {
    const cookie = sessionCookie(await login("weixian", TEST_PASSWORD));
    await db.db.updateTable("sessions").set({ expires_at: "2000-01-01T00:00:00.000+08:00" }).execute();
    const res = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });

  it("logs out: the cookie no longer opens a session", async () => {
    const cookie = sessionCookie(await login("weixian", TEST_PASSWORD));
    expect(
      (await app.inject({ method: "DELETE", url: "/api/v1/session", headers: { cookie } })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it("refuses a state-changing request from a foreign Origin", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      headers: { origin: "https://evil.example", host: "localhost:80" },
      payload: { username: "weixian", password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe("bad_origin");
  });

  it("stores no password or session token in clear", async () => {
    const user = await db.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", "weixian")
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.password_hash).not.toContain(TEST_PASSWORD);
    const cookie = sessionCookie(await login("weixian", TEST_PASSWORD));
    const token = cookie.split("=")[1]!;
    const sessions = await db.db.selectFrom("sessions").select("id").execute();
    expect(sessions.some((s) => s.id === token)).toBe(false);
    const audit = await db.db.selectFrom("audit_log").select(["before_json", "after_json"]).execute();
    expect(JSON.stringify(audit)).not.toContain(TEST_PASSWORD);
    expect(JSON.stringify(audit)).not.toContain("scrypt$");
  });
});
