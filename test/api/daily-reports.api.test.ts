import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDailyReportsFor } from "../../src/server/jobs/daily-reports";
import type { ReportingTables } from "../../src/server/reporting/reporting.tables";
import { buildTestApp, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { registerStations } from "../support/stations";

describe.each(DIALECTS)("the daily report (智能日报, R2) from ingested operations data on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    await registerStations(db.db, "130533", ["WX-1", "WX-2"]);
    app = await buildTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("is generated from the stations' ingested day with no human step, and regenerating replaces it", async () => {
    const admin = await signedIn(app, db, "county_admin", "130533");
    const tokenRes = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/ingest-tokens",
      headers: { cookie: admin.cookie },
      payload: { name: "站点数据管理器", kinds: ["orders", "uptime"] },
    });
    expect(tokenRes.statusCode, tokenRes.body).toBe(201);
    const token = tokenRes.json().token as string;
    const ingest = (kind: string, records: unknown[]) =>
      app.inject({
        method: "POST",
        url: `/api/v1/ingest/${kind}`,
        headers: { authorization: `Bearer ${token}` },
        payload: records,
      });
    const orders = await ingest("orders", [
      { sourceId: "d1", stationCode: "WX-1", kind: "代购", amountFen: 12_000, at: "2018-05-06 09:00" },
      { sourceId: "d2", stationCode: "WX-1", kind: "代购", amountFen: 8_000, at: "2018-05-06 15:30" },
      { sourceId: "d3", stationCode: "WX-2", kind: "代购", amountFen: 5_000, at: "2018-05-06 10:00" },
    ]);
    expect(orders.statusCode, orders.body).toBe(200);

    expect(await generateDailyReportsFor(db, "2018-05-06", "2018-05-06")).toBeGreaterThan(0);
    const rdb = db.db.withTables<ReportingTables>();
    const stored = await rdb
      .selectFrom("reporting_daily_reports")
      .selectAll()
      .where("county_code", "=", "130533")
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ date: "2018-05-06", stations: 2, orders: 3, amount_fen: 25_000 });

    await generateDailyReportsFor(db, "2018-05-06", "2018-05-06");
    const again = await rdb
      .selectFrom("reporting_daily_reports")
      .selectAll()
      .where("county_code", "=", "130533")
      .execute();
    expect(again).toHaveLength(1);
  });
});
