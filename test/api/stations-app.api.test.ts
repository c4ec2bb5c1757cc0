/**
 * The station manager's app on every dialect (issue 20): the county creates a station account and
 * its QR link, the phone signs in once with it, reads only its station, syncs offline records
 * through the idempotent ingest (a retried sync counts nothing twice), sees a waybill signed at
 * another station as a conflict, and a revoked account's phone is refused at once.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, errorCode, sessionCookie, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const OWN = "130533";
const OTHER = "130131";

/** A China-time instant some minutes ago, as the phone writes it. */
const ago = (minutes: number) =>
  new Date(Date.now() + 8 * 3_600_000 - minutes * 60_000).toISOString().slice(0, 19).concat("+08:00");

describe.each(DIALECTS)("the station manager's app on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let admin: string;
  let province: string;
  const stations: { id: string; no: string }[] = [];

  const tokenOf = (res: LightMyRequestResponse) => decodeURIComponent(res.json().url.split("#t=")[1]);
  const createAccount = (cookie: string, stationId: string, username: string, county = OWN) =>
    app.inject({
      method: "POST",
      url: `/api/v1/counties/${county}/station-accounts`,
      headers: { cookie },
      payload: { stationId, username, displayName: "张站长" },
    });
  const signInPhone = async (token: string) => {
    const res = await app.inject({ method: "POST", url: "/api/v1/station-app/session", payload: { token } });
    return res;
  };
  const sync = (cookie: string, body: object) =>
    app.inject({ method: "POST", url: "/api/v1/station-app/sync", headers: { cookie }, payload: body });

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN, OTHER] });
    app = await buildTestApp(db);
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
    admin = (await signedIn(app, db, "county_admin", OWN)).cookie;
    const villages = await db.db
      .selectFrom("regions")
      .select("code")
      .where("level", "=", "village")
      .where("county_code", "=", OWN)
      .where("village_kind", "=", "village_committee")
      .orderBy("code")
      .limit(2)
      .execute();
    for (const [i, v] of villages.entries()) {
      const res = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${OWN}/stations`,
        headers: { cookie: province },
        payload: { stationNo: `ZD-${i + 1}`, villageCode: v.code, name: `测试站${i + 1}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      stations.push({ id: res.json().id, no: `ZD-${i + 1}` });
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("lets the county create a station account with a QR code, and no one else", async () => {
    const res = await createAccount(admin, stations[0]!.id, "zhan01");
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({
      username: "zhan01",
      stationNo: "ZD-1",
      revokedAt: null,
      sessions: 0,
    });
    expect(body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(body.url).toMatch(/\/station\/#t=stn_/);
    // The token is stored hashed only.
    const links = await db.db
      .selectFrom("station_sign_in_links" as never)
      .selectAll()
      .execute();
    expect(JSON.stringify(links)).not.toContain(tokenOf(res));
    // A viewer of the county, and the other county's admin, may not.
    const viewer = (await signedIn(app, db, "county_viewer", OWN)).cookie;
    const otherAdmin = (await signedIn(app, db, "county_admin", OTHER)).cookie;
    expect((await createAccount(viewer, stations[0]!.id, "zhan02")).statusCode).toBe(403);
    expect((await createAccount(otherAdmin, stations[0]!.id, "zhan02", OWN)).statusCode).toBe(403);
    // Through its own county's path, another county's admin cannot reach this county's station.
    const stray = await createAccount(otherAdmin, stations[0]!.id, "zhan02", OTHER);
    expect(stray.statusCode).toBe(400);
    expect(errorCode(stray)).toBe("unknown_station");
    // The county's contractor runs the stations: it may.
    const contractor = (await signedIn(app, db, "contractor", OWN)).cookie;
    const byContractor = await createAccount(contractor, stations[1]!.id, "zhan02");
    expect(byContractor.statusCode, byContractor.body).toBe(201);
    const list = await app.inject({
      method: "GET",
      url: `/api/v1/counties/${OWN}/station-accounts`,
      headers: { cookie: admin },
    });
    expect(list.json().accounts.map((a: { username: string }) => a.username)).toEqual(["zhan01", "zhan02"]);
  });

  it("signs a phone in once per QR code, for days, and only for its station", async () => {
    const created = await createAccount(admin, stations[0]!.id, "zhan10");
    const token = tokenOf(created);
    const first = await signInPhone(token);
    expect(first.statusCode, first.body).toBe(200);
    const days = (Date.parse(first.json().expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const setCookie = String([first.headers["set-cookie"]].flat()[0]);
    expect(setCookie).toMatch(/Max-Age=604800/);
    expect(setCookie).toMatch(/HttpOnly/);
    const again = await signInPhone(token);
    expect(again.statusCode).toBe(401);
    expect(errorCode(again)).toBe("bad_sign_in_link");
    expect((await signInPhone("stn_made-up")).statusCode).toBe(401);

    const phone = sessionCookie(first);
    const me = await app.inject({ method: "GET", url: "/api/v1/station-app/me", headers: { cookie: phone } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().station).toMatchObject({ stationNo: "ZD-1", name: "测试站1", countyCode: OWN });
    // The phone reads no county page, not even its own county's.
    for (const url of [`/api/v1/counties/${OWN}/operations`, `/api/v1/counties/${OWN}/stations`]) {
      const res = await app.inject({ method: "GET", url, headers: { cookie: phone } });
      expect(res.statusCode, url).toBe(403);
    }
    // A request outside the app slides the session as any other, but never shortens it to 30 minutes.
    await db.db.updateTable("sessions").set({ last_seen_at: "2000-01-01T00:00:00+08:00" }).execute();
    const session = await app.inject({ method: "GET", url: "/api/v1/session", headers: { cookie: phone } });
    expect(session.statusCode).toBe(200);
    const { expires_at } = await db.db
      .selectFrom("sessions")
      .select("expires_at")
      .where("last_seen_at", ">", "2001")
      .executeTakeFirstOrThrow();
    expect(Date.parse(expires_at) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    // An account of the role that is bound to no station does not get into the app.
    const unbound = (await signedIn(app, db, "station_manager", OWN)).cookie;
    const refused = await app.inject({
      method: "GET",
      url: "/api/v1/station-app/me",
      headers: { cookie: unbound },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("syncs offline records once, even when the sync is retried, and names conflicts", async () => {
    const phone = sessionCookie(
      await signInPhone(tokenOf(await createAccount(admin, stations[0]!.id, "zhan20"))),
    );
    const records = {
      orders: [
        { sourceId: "o-1", kind: "agency_purchase", amountFen: 12_345, at: ago(30) },
        { sourceId: "o-2", kind: "agency_purchase", amountFen: 10_000, at: ago(20) },
        { sourceId: "o-3", kind: "cash_withdrawal", amountFen: 50_000, at: ago(10) },
      ],
      parcels: [
        {
          sourceId: "p-1",
          waybill: "YT1234567890",
          carrier: "圆通",
          direction: "down",
          at: ago(5),
          dispatchedOn: ago(60 * 24 * 2).slice(0, 10),
        },
      ],
      // A stationCode in the body is not part of the shape: everything is filed under the bound station.
      days: [],
      stationCode: "ZD-2",
    };
    const first = await sync(phone, records);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().outcomes.map((o: { status: string }) => o.status)).toEqual([
      "synced",
      "synced",
      "synced",
      "synced",
    ]);
    const figures = async () => {
      const res = await app.inject({
        method: "GET",
        url: `/api/v1/counties/${OWN}/operations/stations/ZD-1`,
        headers: { cookie: admin },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().months.at(-1);
    };
    const once = await figures();
    // 代购 counts as orders (O2); 助农取款 moves the villagers' own money and is no 交易额.
    expect(once).toMatchObject({ orders: 2, amountFen: 22_345, downShipments: 1 });
    // The answer was lost: the phone sends the same queue again.
    const retry = await sync(phone, records);
    expect(retry.json().outcomes.every((o: { status: string }) => o.status === "synced")).toBe(true);
    expect(await figures()).toEqual(once);

    // The same waybill signed for at the other station is a conflict there, told in words.
    const other = sessionCookie(
      await signInPhone(tokenOf(await createAccount(admin, stations[1]!.id, "zhan21"))),
    );
    const clash = await sync(other, {
      parcels: [
        {
          sourceId: "p-9",
          waybill: "YT1234567890",
          carrier: "圆通",
          direction: "down",
          at: ago(1),
          dispatchedOn: ago(60 * 24).slice(0, 10),
        },
      ],
    });
    expect(clash.json().outcomes[0]).toMatchObject({ status: "conflict" });
    expect(clash.json().outcomes[0].message).toContain("已由站点 ZD-1");
    expect(await figures()).toEqual(once);

    // A day opened and closed: its minutes are the station's online time (O1).
    const day = ago(0).slice(0, 10);
    const opened = await sync(phone, {
      days: [{ sourceId: "d-1", day, openedAt: `${day}T00:00:00+08:00`, closedAt: `${day}T00:30:00+08:00` }],
    });
    expect(opened.json().outcomes[0]).toMatchObject({ status: "synced" });
    const minutes = await db.db
      .selectFrom("station_days" as never)
      .select(["online_minutes" as never])
      .where("station_code" as never, "=", "ZD-1" as never)
      .where("day" as never, "=", day as never)
      .executeTakeFirst();
    expect(Number((minutes as { online_minutes: number }).online_minutes)).toBe(30);
  });

  it("refuses a revoked account's phone at once", async () => {
    const created = await createAccount(admin, stations[0]!.id, "zhan30");
    const id = created.json().account.id;
    const phone = sessionCookie(await signInPhone(tokenOf(created)));
    const spare = tokenOf(
      await app.inject({
        method: "POST",
        url: `/api/v1/counties/${OWN}/station-accounts/${id}/sign-in-link`,
        headers: { cookie: admin },
      }),
    );
    const viewer = (await signedIn(app, db, "county_viewer", OWN)).cookie;
    const byViewer = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/station-accounts/${id}/revoke`,
      headers: { cookie: viewer },
    });
    expect(byViewer.statusCode).toBe(403);
    const revoked = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/station-accounts/${id}/revoke`,
      headers: { cookie: admin },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ sessions: 0 });
    expect(revoked.json().revokedAt).not.toBeNull();
    const me = await app.inject({ method: "GET", url: "/api/v1/station-app/me", headers: { cookie: phone } });
    expect(me.statusCode).toBe(401);
    expect((await sync(phone, { orders: [] })).statusCode).toBe(401);
    // The QR code issued before the revocation no longer signs in either.
    expect((await signInPhone(spare)).statusCode).toBe(401);
    const audit = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", id)
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["station_account.created", "station_account.revoked", "session.created"]),
    );
  });
});
