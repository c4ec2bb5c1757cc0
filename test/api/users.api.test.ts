import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

describe.each(DIALECTS)("creating accounts on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let county: string;
  let province: string;
  const create = (cookie: string, body: object) =>
    app.inject({ method: "POST", url: "/api/v1/users", headers: { cookie }, payload: body });

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    county = (await signedIn(app, db, "county_admin", "130533")).cookie;
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("lets a county admin create a station manager of its own county", async () => {
    const res = await create(county, {
      username: "zhan1",
      role: "station_manager",
      regionCode: "130533",
      password: "Station-Pass-1",
    });
    expect(res.statusCode).toBe(201);
  });

  it("refuses escalation: a county admin cannot create a province admin or a county admin", async () => {
    for (const body of [
      { username: "evil1", role: "province_admin", regionCode: "13", password: "Strong-Pass-1" },
      { username: "evil2", role: "county_admin", regionCode: "130533", password: "Strong-Pass-1" },
      { username: "evil3", role: "county_viewer", regionCode: "130131", password: "Strong-Pass-1" },
    ]) {
      const res = await create(county, body);
      expect(res.statusCode, body.username).toBe(403);
    }
    const users = await db.db
      .selectFrom("users")
      .select("username")
      .where("username", "like", "evil%")
      .execute();
    expect(users).toEqual([]);
  });

  it("enforces the password policy and region shape with a clear 400", async () => {
    const weak = await create(province, {
      username: "weak",
      role: "county_viewer",
      regionCode: "130533",
      password: "short1A",
    });
    expect(weak.statusCode).toBe(400);
    expect(errorCode(weak)).toBe("weak_password");
    const wrongLevel = await create(province, {
      username: "lvl",
      role: "county_admin",
      regionCode: "13",
      password: "Strong-Pass-1",
    });
    expect(errorCode(wrongLevel)).toBe("invalid_region");
    const unknown = await create(province, {
      username: "unk",
      role: "county_admin",
      regionCode: "139999",
      password: "Strong-Pass-1",
    });
    expect(errorCode(unknown)).toBe("unknown_region");
    const dup = await create(province, {
      username: "zhan1",
      role: "county_viewer",
      regionCode: "130533",
      password: "Strong-Pass-1",
    });
    expect(dup.statusCode).toBe(409);
  });

  it("lets an assessor read only the counties that invited it, until revoked", async () => {
    const assessor = await signedIn(app, db, "assessor", "13");
    const villages = (code: string) =>
      app.inject({
        method: "GET",
        url: `/api/v1/counties/${code}/villages`,
        headers: { cookie: assessor.cookie },
      });
    expect((await villages("130533")).statusCode).toBe(403);
    const invite = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/assessors",
      headers: { cookie: county },
      payload: { username: assessor.username },
    });
    expect(invite.statusCode).toBe(201);
    expect((await villages("130533")).statusCode).toBe(200);
    expect((await villages("130131")).statusCode).toBe(403);
    const notAssessor = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/assessors",
      headers: { cookie: county },
      payload: { username: "zhan1" },
    });
    expect(errorCode(notAssessor)).toBe("not_grantable");
    const revoke = await app.inject({
      method: "DELETE",
      url: `/api/v1/counties/130533/assessors/${assessor.username}`,
      headers: { cookie: county },
    });
    expect(revoke.statusCode).toBe(204);
    expect((await villages("130533")).statusCode).toBe(403);
  });
});
