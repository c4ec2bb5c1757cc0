import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_ACTIONS } from "../../src/server/platform/auth/access-audit";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

/** Fills a route's path parameters with plausible values of the caller's own county. */
const concrete = (url: string) =>
  url.replace(":code", "130533").replace(":villageCode", "130533100201").replace(/:\w+/g, "x1");

describe.each(DIALECTS)(
  "every write route answers hostile input with a 4xx and writes nothing, on %s",
  (dialect) => {
    let db: TestDb;
    let app: FastifyInstance;
    let cookies: string[];
    const auditCount = async () =>
      Number(
        (
          await db.db
            .selectFrom("audit_log")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("action", "not in", ACCESS_ACTIONS) // refusals are recorded, but write nothing
            .executeTakeFirstOrThrow()
        ).n,
      );

    beforeAll(async () => {
      db = await createTestDb(dialect, { counties: ["130533"] });
      app = await buildTestApp(db);
      cookies = [
        (await signedIn(app, db, "province_admin", "13")).cookie,
        (await signedIn(app, db, "county_admin", "130533")).cookie,
      ];
    });
    afterAll(async () => {
      await app.close();
      await db.drop();
    });

    it("malformed JSON, wrong types and bodies over 1 MiB never reach a 500 or a partial write", async () => {
      const writes = app.routeTable.filter((r) => r.method !== "GET" && r.url !== "/api/v1/session");
      expect(writes.length).toBeGreaterThan(3);
      const before = await auditCount();
      const huge = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10), items: ["y"] });
      for (const route of writes) {
        for (const cookie of cookies) {
          const cases = [
            { payload: "{not json", type: "application/json" },
            { payload: "[]", type: "application/json" },
            { payload: '{"code":123,"amountFen":"many","lines":{"a":1}}', type: "application/json" },
            { payload: huge, type: "application/json" },
            { payload: "<xml/>", type: "text/xml" },
          ];
          for (const c of cases) {
            const res = await app.inject({
              method: route.method as "POST",
              url: concrete(route.url),
              headers: { cookie, "content-type": c.type },
              payload: c.payload,
            });
            const where = `${route.method} ${route.url} with ${c.payload.slice(0, 20)}`;
            expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
            expect(res.statusCode, where).toBeLessThan(500);
            errorCode(res);
          }
        }
      }
      expect(await auditCount()).toBe(before);
    });

    it("the sign-in route too: malformed JSON is a 400 in the error shape", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        headers: { "content-type": "application/json" },
        payload: '{"username": ',
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe("invalid_json");
    });
  },
);
