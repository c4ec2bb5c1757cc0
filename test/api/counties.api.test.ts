import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemo } from "../../src/server/demo/load-demo";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

describe.each(DIALECTS)("demonstration counties and their villages on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let weixian: string;
  let province: string;

  beforeAll(async () => {
    db = await createTestDb(dialect); // the whole province: the 17 counties are reference facts
    await loadDemo(db, "Demo-Password-2017");
    app = await buildTestApp(db);
    weixian = (await signedIn(app, db, "county_admin", "130533")).cookie;
    province = (await signedIn(app, db, "province_viewer", "13")).cookie;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("lists the 17 counties of the 2017 batch with 15 million yuan each (P1)", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/counties" });
    expect(res.statusCode).toBe(200);
    const counties = res.json() as { code: string; name: string; batch: number; subsidyFen: number }[];
    expect(counties).toHaveLength(17);
    expect(counties.find((c) => c.code === "130533")).toMatchObject({
      name: "威县",
      batch: 2017,
      subsidyFen: 1_500_000_000,
    });
    expect(counties.map((c) => c.code)).toContain("130881"); // 平泉 is now 平泉市
    expect(counties.map((c) => c.code)).toContain("130705"); // 宣化 is now 宣化区
  });

  it("counts only village committees as villages (G1)", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/counties/130131" });
    const pingshan = res.json();
    expect(pingshan.name).toBe("平山县");
    // 739 village-level units in 平山, of which the residents' committees are no villages.
    expect(pingshan.villages + pingshan.residentsCommittees).toBe(739);
    expect(pingshan.residentsCommittees).toBeGreaterThan(0);
    expect(pingshan.townshipList.reduce((n: number, t: { villages: number }) => n + t.villages, 0)).toBe(739);
  });

  it("pages and searches a county's villages for its own county account", async () => {
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130131/villages?page=2&pageSize=50&q=${encodeURIComponent("村")}`,
      headers: { cookie: province },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items).toHaveLength(50);
    expect(body.page).toBe(2);
    expect(body.items.every((v: { name: string }) => v.name.includes("村"))).toBe(true);
    expect(body.items[0].demoFields).toEqual(["population", "isPoor", "hasBroadband"]);
    const own = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/villages",
      headers: { cookie: weixian },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().items[0].code.startsWith("130533")).toBe(true);
  });

  it("filters by township and by kind", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/villages?township=130533100&kind=residents_committee&pageSize=200",
      headers: { cookie: weixian },
    });
    const items = res.json().items as { townshipCode: string; kind: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((v) => v.townshipCode === "130533100" && v.kind === "residents_committee")).toBe(true);
  });

  it("refuses a county account on every route that takes another county's code (403)", async () => {
    const scoped = app.routeTable.filter((r) => r.url.includes(":code") && r.access !== "public");
    expect(scoped.length).toBeGreaterThan(1);
    for (const route of scoped) {
      const url = route.url.replace(":code", "130131").replace(/:\w+/g, "1");
      const res = await app.inject({
        method: route.method as "GET",
        url,
        headers: { cookie: weixian, "content-type": "application/json" },
        payload: route.method === "GET" ? undefined : "{}",
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(errorCode(res)).toBe("forbidden");
    }
  });

  it("asks anonymous callers to sign in (401) on every non-public route", async () => {
    for (const route of app.routeTable.filter((r) => r.access !== "public")) {
      const url = route.url.replace(":code", "130533").replace(/:\w+/g, "1");
      const res = await app.inject({
        method: route.method as "GET",
        url,
        payload: route.method === "GET" ? undefined : {},
      });
      expect([401, 400], `${route.method} ${route.url}`).toContain(res.statusCode);
      errorCode(res);
    }
  });

  it("answers bad input with a 4xx in the error shape, never a 500", async () => {
    const cases = [
      { method: "GET", url: "/api/v1/counties/12345", status: 400 },
      { method: "GET", url: "/api/v1/counties/999999", status: 404 },
      { method: "GET", url: "/api/v1/counties/999999/villages", status: 403 },
      { method: "GET", url: "/api/v1/counties/130533/villages?pageSize=100000", status: 400 },
      { method: "GET", url: "/api/v1/counties/130533/villages?kind=town", status: 400 },
      { method: "GET", url: "/api/v1/no-such-route", status: 404 },
    ] as const;
    for (const c of cases) {
      const res = await app.inject({ method: c.method, url: c.url, headers: { cookie: weixian } });
      expect(res.statusCode, c.url).toBe(c.status);
      errorCode(res);
    }
    const unknownForProvince = await app.inject({
      method: "GET",
      url: "/api/v1/counties/139999/villages",
      headers: { cookie: province },
    });
    expect(unknownForProvince.statusCode).toBe(404);
  });

  it("answers in Chinese when Accept-Language starts with zh, else English", async () => {
    const zh = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130131/villages",
      headers: { cookie: weixian, "accept-language": "zh-CN,zh;q=0.9" },
    });
    expect(zh.json().error.message).toBe("无权访问该地区或该数据");
    const en = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130131/villages",
      headers: { cookie: weixian, "accept-language": "en-US" },
    });
    expect(en.json().error.message).toMatch(/may not access/);
  });

  it("serves the OpenAPI document and the health check", async () => {
    expect((await app.inject({ method: "GET", url: "/api/v1/health" })).json()).toEqual({ status: "ok" });
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/api/v1/counties/{code}/villages");
  });
});
