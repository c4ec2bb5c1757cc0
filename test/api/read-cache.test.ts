/**
 * The cache of read models (platform/cache) on every dialect: data versions bumped by the audited
 * write itself, pages that show a person's write at once — also one made through another
 * connection, as by a second server process or the CLI — while another county's write leaves them
 * cached, and machine feeds that refresh the models reading them at most every feedRefreshMs.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../src/server/platform/audit/audit";
import { ANY_COUNTY, feedScope, readDataVersions } from "../../src/server/platform/cache/data-versions";
import { ReadCache } from "../../src/server/platform/cache/read-cache";
import { openDatabase } from "../../src/server/platform/db/database";
import { buildTestApp, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const WEIXIAN = "130533";
const PINGSHAN = "130131";
const actor = { id: null, name: "test" };

describe.each(DIALECTS)("read cache on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;

  const audit = (countyCode: string | null, kind?: "write" | "feed" | "access") =>
    db.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, actor, { action: "test.changed", entity: "test", countyCode, kind }),
      );
  const version = async (scope: string) =>
    Number(
      (
        await db.db
          .selectFrom("data_versions")
          .select("version")
          .where("scope", "=", scope)
          .executeTakeFirst()
      )?.version ?? 0,
    );

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [WEIXIAN, PINGSHAN] });
    app = await buildTestApp(db);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("bumps the written county's version with the audit entry; feeds and province-wide data apart; access events not", async () => {
    const before = {
      weixian: await version(WEIXIAN),
      pingshan: await version(PINGSHAN),
      any: await version(ANY_COUNTY),
      feed: await version(feedScope(WEIXIAN)),
    };
    await audit(WEIXIAN);
    expect(await version(WEIXIAN)).toBe(before.weixian + 1);
    expect(await version(PINGSHAN)).toBe(before.pingshan);
    await audit(null);
    expect(await version(ANY_COUNTY)).toBe(before.any + 1);
    await audit(WEIXIAN, "feed");
    expect(await version(feedScope(WEIXIAN))).toBe(before.feed + 1);
    expect(await version(WEIXIAN)).toBe(before.weixian + 1);
    await audit(WEIXIAN, "access");
    await audit(null, "access");
    expect(await version(WEIXIAN)).toBe(before.weixian + 1);
    expect(await version(ANY_COUNTY)).toBe(before.any + 1);

    // A write rolled back takes its version bump with it.
    await expect(
      db.db.transaction().execute(async (trx) => {
        await recordAudit(trx, actor, { action: "test.changed", entity: "test", countyCode: WEIXIAN });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await version(WEIXIAN)).toBe(before.weixian + 1);

    const stamp = await readDataVersions(db.db, [WEIXIAN], true);
    expect(stamp.data).toBe(`*=${before.any + 1},${WEIXIAN}=${before.weixian + 1}`);
    expect(stamp.feeds).toBe(`feed:${WEIXIAN}=${before.feed + 1}`);
  });

  it("computes once per stamp, shares one computation between concurrent callers, and recomputes after a write", async () => {
    const cache = new ReadCache(db.db);
    let computed = 0;
    const compute = async () => {
      computed++;
      await new Promise((r) => setTimeout(r, 20));
      return { computed };
    };
    const scope = { counties: [WEIXIAN] };
    const [a, b] = await Promise.all([cache.get("k", scope, compute), cache.get("k", scope, compute)]);
    expect(computed).toBe(1);
    expect(a).toBe(b);
    expect(await cache.get("k", scope, compute)).toBe(a);
    await audit(PINGSHAN); // another county: still fresh
    expect(await cache.get("k", scope, compute)).toBe(a);
    expect(computed).toBe(1);
    await audit(WEIXIAN);
    expect(await cache.get("k", scope, compute)).toEqual({ computed: 2 });
    await audit(null); // province-wide data may change any county's figures
    expect(await cache.get("k", scope, compute)).toEqual({ computed: 3 });
    expect(cache.stats()).toMatchObject({ hits: 3, misses: 3 });
  });

  it("does not keep a failed computation, evicts the least recently used, and bounds the age", async () => {
    let clock = 1_000_000;
    const cache = new ReadCache(db.db, { maxEntries: 2, maxAgeMs: 60_000 }, () => clock);
    const scope = { counties: [WEIXIAN] };
    await expect(cache.get("bad", scope, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.get("bad", scope, async () => "ok")).toBe("ok");
    let computed = 0;
    const count = async () => ++computed;
    await cache.get("a", scope, count); // 1
    await cache.get("b", scope, count); // 2 — "bad" is evicted
    await cache.get("a", scope, count); // hit: "a" is now the most recent
    await cache.get("c", scope, count); // 3 — evicts "b"
    expect(await cache.get("a", scope, count)).toBe(1);
    expect(await cache.get("b", scope, count)).toBe(4);
    clock += 47_999; // under 80 % of maxAgeMs: every entry is still fresh
    expect(await cache.get("b", scope, count)).toBe(4);
    clock += 24_002; // past 120 % of it (from when "b" was computed): every entry has expired
    expect(await cache.get("b", scope, count)).toBe(5);
  });

  it("refreshes a model reading machine feeds at most every feedRefreshMs; a person's write at once", async () => {
    let clock = 5_000_000;
    const cache = new ReadCache(db.db, { feedRefreshMs: 5_000 }, () => clock);
    let computed = 0;
    const count = async () => ++computed;
    const feeds = { counties: [WEIXIAN], feeds: true };
    const noFeeds = { counties: [WEIXIAN] };
    expect(await cache.get("ops", feeds, count)).toBe(1);
    expect(await cache.get("net", noFeeds, count)).toBe(2);
    await audit(WEIXIAN, "feed");
    clock += 4_999; // just under the refresh interval: the figures may lag the devices
    expect(await cache.get("ops", feeds, count)).toBe(1);
    clock += 1; // at it: recomputed
    expect(await cache.get("ops", feeds, count)).toBe(3);
    expect(await cache.get("net", noFeeds, count)).toBe(2); // never reads feeds
    await audit(WEIXIAN, "feed");
    await audit(WEIXIAN); // a person's write: no lag
    clock += 1;
    expect(await cache.get("ops", feeds, count)).toBe(4);
    expect(await cache.get("net", noFeeds, count)).toBe(5);

    const immediate = new ReadCache(db.db, { feedRefreshMs: 0 }, () => clock);
    expect(await immediate.get("ops", feeds, count)).toBe(6);
    await audit(WEIXIAN, "feed");
    expect(await immediate.get("ops", feeds, count)).toBe(7);
  });

  it("shows a write on the county's and the province's pages at once, also one made over another connection", async () => {
    const county = await signedIn(app, db, "county_admin", WEIXIAN);
    const province = await signedIn(app, db, "province_viewer", "13");
    const townships = await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", WEIXIAN)
      .where("level", "=", "township")
      .orderBy("code")
      .limit(2)
      .execute();
    expect(townships).toHaveLength(2);
    const coverage = async () => {
      const res = await app.inject({
        url: `/api/v1/counties/${WEIXIAN}/coverage`,
        headers: { cookie: county.cookie },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().counts.townshipsWithExpress as number;
    };
    const provinceCoverage = async () => {
      const res = await app.inject({ url: "/api/v1/network/coverage", headers: { cookie: province.cookie } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().totals.townshipsWithExpress as number;
    };
    const setExpress = async (township: string) => {
      const res = await app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/townships/${township}/express`,
        headers: { cookie: county.cookie },
        payload: { hasExpressOutlet: true },
      });
      expect(res.statusCode, res.body).toBe(200);
    };

    const start = await coverage();
    const provinceStart = await provinceCoverage();
    const misses = app.readCache.stats().misses;
    expect(await coverage()).toBe(start);
    expect(await provinceCoverage()).toBe(provinceStart);
    expect(app.readCache.stats().misses).toBe(misses); // both served from the cache
    // The province's cached roll-up is assembled per county: a county's caller gets its own only.
    for (const url of ["/api/v1/network/coverage", "/api/v1/operations/province"]) {
      const own = await app.inject({ url, headers: { cookie: county.cookie } });
      expect(own.statusCode, own.body).toBe(200);
      const codes = own
        .json()
        .counties.map((c: { code?: string; countyCode?: string }) => c.code ?? c.countyCode);
      expect(codes, url).toEqual([WEIXIAN]);
    }

    // Past dates are computed on request, never kept: walking through dates cannot fill the cache.
    const entries = app.readCache.stats().entries;
    for (const url of [
      `/api/v1/counties/${WEIXIAN}/coverage?asOf=2018-06-01`,
      `/api/v1/counties/${WEIXIAN}/scorecard?asOf=2018-06-02`,
      `/api/v1/counties/${WEIXIAN}/operations?to=2018-06`,
      "/api/v1/network/coverage?asOf=2018-06-03",
      "/api/v1/operations/province?to=2018-07",
    ]) {
      const res = await app.inject({
        url,
        headers: { cookie: url.includes("/counties/") ? county.cookie : province.cookie },
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
    expect(app.readCache.stats().entries).toBe(entries);

    await setExpress(townships[0]!.code);
    expect(await coverage()).toBe(start + 1);
    expect(await provinceCoverage()).toBe(provinceStart + 1);

    // Another process writing the same database (a second server, `shifan import`).
    const other = openDatabase(db.url);
    try {
      const other_app = await buildTestApp({ ...other, drop: async () => {} });
      const cookie = (await signedIn(other_app, { ...other, drop: async () => {} }, "county_admin", WEIXIAN))
        .cookie;
      const res = await other_app.inject({
        method: "PUT",
        url: `/api/v1/counties/${WEIXIAN}/townships/${townships[1]!.code}/express`,
        headers: { cookie },
        payload: { hasExpressOutlet: true },
      });
      expect(res.statusCode, res.body).toBe(200);
      await other_app.close();
    } finally {
      await other.close();
    }
    expect(await coverage()).toBe(start + 2);
    expect(await provinceCoverage()).toBe(provinceStart + 2);
  });
});
