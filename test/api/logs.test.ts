/**
 * Structured logs without secrets (issue 9, item 7): the real `shifan serve` with its request log
 * on writes one JSON object per line, and none of them holds a password, a session token (cookie
 * or Set-Cookie) or a device's bearer token — whatever the requests carried.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/server/platform/auth/users";
import { createTestDb, type TestDb } from "../support/databases";
import { type ServerProcess, startServer, until } from "../support/server-process";

const PASSWORD = "Log-Test-Secret-2017";
const WRONG = "Wrong-Secret-Typed-991";

describe("the server's log", () => {
  let db: TestDb;
  let server: ServerProcess;

  beforeAll(async () => {
    db = await createTestDb("sqlite", { counties: ["130533"] });
    await createUser(db.db, "system", {
      username: "logclerk",
      role: "county_admin",
      regionCode: "130533",
      password: PASSWORD,
    });
    server = await startServer(db.url, { log: true, logLevel: "debug" });
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill("SIGTERM");
      await server.exit;
    }
    await db?.drop();
  });

  it("is one JSON object per line, with no password, session token or bearer token in it", async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: server.base, ...headers },
        body: JSON.stringify(body),
      });
    expect((await post("/api/v1/session", { username: "logclerk", password: WRONG })).status).toBe(401);
    const signIn = await post("/api/v1/session", { username: "logclerk", password: PASSWORD });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith("shifan_session="))!
      .split(";")[0]!;
    const sessionToken = cookie.split("=")[1]!;
    const created = await post("/api/v1/counties/130533/ingest-tokens", { name: "日志测试设备" }, { cookie });
    expect(created.status).toBe(201);
    const { token } = (await created.json()) as { token: string };
    const ingest = await post("/api/v1/ingest/orders", [], { authorization: `Bearer ${token}` });
    expect(ingest.status).toBeLessThan(500);
    const logged = await fetch(`${server.base}/api/v1/session`, { headers: { cookie } });
    expect(logged.status).toBe(200);

    await until(
      () => server.output().includes("/api/v1/ingest/orders"),
      10_000,
      "the ingest request in the log",
    );
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const requests = lines.map((l) => JSON.parse(l) as { req?: { url?: string } }).filter((l) => l.req?.url);
    expect(requests.map((r) => r.req!.url)).toEqual(
      expect.arrayContaining([
        "/api/v1/session",
        "/api/v1/counties/130533/ingest-tokens",
        "/api/v1/ingest/orders",
      ]),
    );
    const all = server.output();
    for (const secret of [PASSWORD, WRONG, sessionToken, token]) expect(all).not.toContain(secret);
    // At debug, one line per request (not Fastify's two: incoming and completed): three to /session.
    const sessionLines = () =>
      server
        .output()
        .split("\n")
        .filter((l) => l.includes('"url":"/api/v1/session"')).length;
    await until(() => sessionLines() >= 3, 10_000, "the three session requests in the log");
    expect(sessionLines()).toBe(3);
  });
});

describe("the server's log at the default level (info)", () => {
  it("writes no line per request, only the server's own lines", async () => {
    const db = await createTestDb("sqlite", { counties: ["130533"] });
    const server = await startServer(db.url, { log: true });
    try {
      for (let i = 0; i < 5; i++) expect((await fetch(`${server.base}/api/v1/health`)).status).toBe(200);
      server.child.kill("SIGTERM");
      await server.exit; // everything it wrote is in: no waiting on time
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { req?: unknown; msg?: string });
      expect(lines.some((l) => /listening/i.test(l.msg ?? ""))).toBe(true);
      expect(lines.filter((l) => l.req)).toEqual([]);
      expect(server.output()).not.toContain("/api/v1/health");
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
      await db.drop();
    }
  });
});
