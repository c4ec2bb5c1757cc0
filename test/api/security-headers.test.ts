/**
 * HTTP hardening (issue 9): security headers on every response — API, errors, the 404, Swagger UI,
 * the web app — with the public pages' own stricter policy kept; and a health check that asks the
 * database and answers 503 in the error shape when it cannot.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, WEB_DIR } from "../../src/server/app";
import { createUser } from "../../src/server/platform/auth/users";
import { HSTS } from "../../src/server/platform/http/security-headers";
import { PUBLIC_CSP } from "../../src/server/reporting/public/public-pages";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const OWN = "130533";

/** The directives of a Content-Security-Policy, by name. */
function directives(res: LightMyRequestResponse): Record<string, string[]> {
  const csp = String(res.headers["content-security-policy"] ?? "");
  return Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectHardened(res: LightMyRequestResponse, what: string) {
  expect(res.headers["x-content-type-options"], what).toBe("nosniff");
  expect(res.headers["x-frame-options"], what).toBe("DENY");
  expect(res.headers["referrer-policy"], what).toBeTruthy();
  expect(res.headers["permissions-policy"], what).toMatch(/camera=\(\)/);
  expect(res.headers["content-security-policy"], what).toBeTruthy();
}

function expectAppPolicy(res: LightMyRequestResponse, what: string) {
  expectHardened(res, what);
  const csp = directives(res);
  expect(csp["default-src"], what).toEqual(["'self'"]);
  expect(csp["script-src"], what).toEqual(["'self'"]); // no 'unsafe-inline', no 'unsafe-eval'
  expect(csp["object-src"], what).toEqual(["'none'"]);
  expect(csp["frame-ancestors"], what).toEqual(["'none'"]);
}

describe.each(DIALECTS)("security headers on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let viewer: string;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN] });
    app = await buildTestApp(db);
    viewer = (await signedIn(app, db, "county_viewer", OWN)).cookie;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("hardens API answers, errors, refusals and the 404 alike", async () => {
    const cases: [string, LightMyRequestResponse][] = [
      ["health", await app.inject({ method: "GET", url: "/api/v1/health" })],
      [
        "signed-in read",
        await app.inject({ method: "GET", url: `/api/v1/counties/${OWN}`, headers: { cookie: viewer } }),
      ],
      ["401", await app.inject({ method: "GET", url: `/api/v1/counties/${OWN}/villages` })],
      [
        "403 bad origin",
        await app.inject({
          method: "POST",
          url: "/api/v1/session",
          headers: { origin: "https://evil.example", host: "localhost:80" },
          payload: {},
        }),
      ],
      ["400", await app.inject({ method: "POST", url: "/api/v1/session", payload: {} })],
      ["404", await app.inject({ method: "GET", url: "/api/v1/no-such-route" })],
      ["xlsx", await app.inject({ method: "GET", url: "/api/v1/workbook/template.xlsx" })],
    ];
    for (const [what, res] of cases) expectAppPolicy(res, what);
    expect(cases.map(([, r]) => r.statusCode)).toEqual([200, 200, 401, 403, 400, 404, 200]);
  });

  it("adds HSTS and Secure session cookies only when served over HTTPS", async () => {
    const signIn = (target: FastifyInstance, username: string) =>
      target.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { username, password: "Header-Pass-2017" },
      });
    await createUser(db.db, "system", {
      username: "hstsclerk",
      role: "county_viewer",
      regionCode: OWN,
      password: "Header-Pass-2017",
    });
    const plain = await signIn(app, "hstsclerk");
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    expect(String(plain.headers["set-cookie"])).not.toMatch(/;\s*Secure/i);
    const https = await buildApp({ db, secureCookies: true });
    try {
      const res = await signIn(https, "hstsclerk");
      expect(res.statusCode).toBe(200);
      expect(res.headers["strict-transport-security"]).toBe(HSTS);
      expect(String(res.headers["set-cookie"])).toMatch(/;\s*Secure/i);
      expect((await https.inject({ url: "/api/v1/health" })).headers["strict-transport-security"]).toBe(HSTS);
    } finally {
      await https.close();
    }
  });

  it("gives Swagger UI a policy that still forbids inline scripts and framing", async () => {
    const page = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script is a file
    expectAppPolicy(page, "/api/docs");
    expect(directives(page)["img-src"]).toContain("data:");
    const script = await app.inject({ method: "GET", url: "/api/docs/static/swagger-initializer.js" });
    expect(script.statusCode).toBe(200);
    expectHardened(script, "swagger-initializer.js");
  });

  it("keeps the stricter policy of the public pages and the acceptance report", async () => {
    const gk = await app.inject({ method: "GET", url: "/gk" });
    expect(gk.statusCode).toBe(200);
    expect(gk.headers["content-security-policy"]).toBe(PUBLIC_CSP);
    expect(gk.headers["x-frame-options"]).toBe("DENY");
    const report = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/acceptance-report.html`,
      headers: { cookie: viewer },
    });
    expect(report.statusCode).toBe(200);
    expect(directives(report)["default-src"]).toEqual(["'none'"]);
    expect(report.headers["x-frame-options"]).toBe("DENY");
  });

  it.skipIf(!existsSync(join(WEB_DIR, "index.html")))(
    "serves the built web app with no inline script, under the app's policy",
    async () => {
      const html = readFileSync(join(WEB_DIR, "index.html"), "utf8");
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const page = await app.inject({ method: "GET", url: "/counties" });
      expect(page.statusCode).toBe(200);
      expectAppPolicy(page, "web app");
    },
  );

  it("health checks the database: 200 while it answers", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });
});

describe.each(DIALECTS)("health check with the database gone on %s", (dialect) => {
  it("answers 503 in the error shape, in Chinese first", async () => {
    const db = await createTestDb(dialect, { counties: [OWN] });
    const app = await buildApp({ db });
    await app.ready();
    try {
      expect((await app.inject({ method: "GET", url: "/api/v1/health" })).statusCode).toBe(200);
      await db.drop(); // closes the connection (pool) and removes the database
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/health",
        headers: { "accept-language": "zh-CN" },
      });
      expect(res.statusCode).toBe(503);
      expect(errorCode(res)).toBe("database_unavailable");
      expect(res.json().error.message).toBe("数据库不可用");
    } finally {
      await app.close();
    }
  });
});
