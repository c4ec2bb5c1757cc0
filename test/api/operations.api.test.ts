/**
 * Station operations and logistics end to end on every dialect: 站点月报 / 物流 through the workbook
 * importer, the facts at the O1–O3 thresholds, the ingest API (tokens, bad records by index,
 * idempotent retries), rollups equal to a recompute from the raw rows, the KPI routes and the demo.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import { loadDemoNetwork } from "../../src/server/network/demo-network";
import { loadDemoVillages } from "../../src/server/network/demo-villages";
import type { NetworkTables } from "../../src/server/network/network.tables";
import { demoProfile, loadDemoOperations } from "../../src/server/operations/demo-operations";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import { operationsFacts } from "../../src/server/operations/operations-facts";
import { recomputeRollups } from "../../src/server/operations/recompute-rollups";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { writeCsvFolder, writeXlsx } from "../support/workbooks";

const actor = { id: null, name: "test" };
const MONTH_HEADER = ["站点编号", "月份", "代购单数", "交易额(元)", "上线率"];
const SHIP_HEADER = [
  "运单号",
  "站点编号",
  "快递企业",
  "发出时间",
  "签收时间",
  "方向",
  "运费(元)",
  "重量(千克)",
];

describe.each(DIALECTS)("station operations and logistics on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "shifan-ops-"));
  let province: string;
  let weixian: string;
  let pingshan: string;
  let village: string;
  /** A village of another township than `village`'s. */
  let otherVillage: string;

  const ops = () => db.db.withTables<OperationsTables>();
  const importInto = async (countyCode: string, path: string) =>
    importWorkbook({ db: db.db, registry: buildSheetRegistry(), actor, countyCode, path });
  const facts = (county: string, asOf: string) => operationsFacts(db, county, asOf);
  const ingest = (kind: string, token: string, records: unknown[], lang = "zh-CN") =>
    app.inject({
      method: "POST",
      url: `/api/v1/ingest/${kind}`,
      headers: { authorization: `Bearer ${token}`, "accept-language": lang },
      payload: records,
    });
  const newToken = async (cookie: string, county: string, body: object) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${county}/ingest-tokens`,
      headers: { cookie },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; token: string; hint: string };
  };

  // Figures name registered stations only (interfaces.md). Opening and closing dates bound the
  // months rule O2 counts, so that each station counts exactly the months it reports below.
  const register = async (county: string, no: string, builtOn: string, closedOn: string | null) =>
    db.db
      .withTables<NetworkTables>()
      .insertInto("stations")
      .values({
        id: `${county}-${no}`,
        county_code: county,
        station_no: no,
        name: no,
        village_code: no === `${village}-01` ? village : otherVillage,
        area_tenths: 300,
        equipment_json: "[]",
        has_sign: 1,
        is_centrally_funded: 0,
        built_on: builtOn,
        closed_on: closedOn,
        manager: null,
        status: closedOn ? "closed" : "open",
        is_demo: 0,
        created_at: "2018-01-01T00:00:00+08:00",
        updated_at: "2018-01-01T00:00:00+08:00",
      })
      .execute();

  /** The maintained rollups of a county equal the same rollups computed from the raw rows. */
  const expectRollupsMatchRaw = async (county: string) => {
    const fresh = await recomputeRollups(db.db, county);
    const strip = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
      rows
        .map((r) => Object.fromEntries(keys.map((k) => [k, typeof r[k] === "string" ? r[k] : Number(r[k])])))
        .filter((r) => keys.some((k) => typeof r[k] === "number" && r[k] !== 0 && !["days"].includes(k)))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const dayKeys = [
      "station_code",
      "day",
      "orders",
      "amount_fen",
      "order_records",
      "online_minutes",
      "uptime_records",
    ];
    const stored = await ops()
      .selectFrom("station_days")
      .selectAll()
      .where("county_code", "=", county)
      .execute();
    expect(strip(stored, dayKeys)).toEqual(strip(fresh.days.rows(), dayKeys));
    const monthKeys = [
      "station_code",
      "month",
      "orders",
      "amount_fen",
      "order_records",
      "online_minutes",
      "uptime_records",
      "first_uptime_day",
    ];
    const months = await ops()
      .selectFrom("station_months")
      .selectAll()
      .where("county_code", "=", county)
      .where("source", "=", "ingest")
      .execute();
    expect(strip(months, monthKeys)).toEqual(strip(fresh.months.rows(), monthKeys));
    const shipKeys = ["station_code", "month", "direction", "carrier", "shipments", "delivered"];
    const sm = await ops()
      .selectFrom("shipment_months")
      .selectAll()
      .where("county_code", "=", county)
      .execute();
    expect(strip(sm, shipKeys)).toEqual(strip(fresh.shipments.months.rows(), shipKeys));
    const bucketKeys = ["station_code", "month", "direction", "days", "shipments"];
    const b = await ops()
      .selectFrom("delivery_buckets")
      .selectAll()
      .where("county_code", "=", county)
      .execute();
    expect(strip(b, bucketKeys)).toEqual(strip(fresh.shipments.buckets.rows(), bucketKeys));
    const feeKeys = ["station_code", "month", "weight_class", "shipments", "fee_fen"];
    const f = await ops()
      .selectFrom("upward_fee_months")
      .selectAll()
      .where("county_code", "=", county)
      .execute();
    expect(strip(f, feeKeys)).toEqual(strip(fresh.shipments.fees.rows(), feeKeys));
  };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    province = (await signedIn(app, db, "province_admin", "13")).cookie;
    weixian = (await signedIn(app, db, "county_admin", "130533")).cookie;
    pingshan = (await signedIn(app, db, "county_admin", "130131")).cookie;
    village = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130533")
        .where("village_kind", "=", "village_committee")
        .orderBy("code")
        .executeTakeFirstOrThrow()
    ).code;
    otherVillage = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130533")
        .where("village_kind", "=", "village_committee")
        .where("code", "not like", `${village.slice(0, 9)}%`)
        .orderBy("code")
        .executeTakeFirstOrThrow()
    ).code;
    await register("130533", "WX-A", "2017-12-15", "2018-03-01");
    await register("130533", "WX-B", "2017-12-15", "2018-02-01");
    for (const no of ["PS-1", "PS-2"]) await register("130131", no, "2018-03-15", null);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  // ---------------------------------------------------------------------------------------------
  // The workbook alone, at the thresholds

  it("has no operations facts before any data (B2/B3 pending)", async () => {
    // The register's two opened stations count at zero (rule O2), but with no figure at all B2 is pending.
    expect(await facts("130533", "2018-10-31")).toMatchObject({
      stations: 2,
      avgOrdersPerStationMonth: 0,
      shipments: 0,
      carriers: 0,
    });
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/scorecard?asOf=2018-10-31",
      headers: { cookie: weixian },
    });
    const items = (res.json() as { items: { id: string; status: string }[] }).items;
    expect(items.find((i) => i.id === "B2")?.status).toBe("pending");
  });

  it("computes O1/O2/O3 facts from one workbook, at the thresholds: 9499 bp fails, 50 orders and 2,000 yuan pass, 7×24 h is inside", async () => {
    const path = await writeXlsx(join(dir, "ops.xlsx"), [
      {
        name: "站点月报",
        rows: [
          MONTH_HEADER,
          ["WX-A", "2018-01", "49", "1999.99", "0.95"],
          ["WX-A", "2018-02", "51", "2000.01", "95%"],
          ["WX-B", "2018-01", "50", "2,000", "94.99"],
          ["WX-B", "2018-11", "0", "0", "0"],
        ],
      },
      {
        name: "物流",
        rows: [
          SHIP_HEADER,
          ["W1", "WX-A", "中通快递", "2018-03-01 10:00", "2018-03-08 10:00", "下行", "5", ""],
          ["W2", "WX-B", "圆通速递", "2018-03-01 10:00", "2018-03-08 10:01", "下行", "5", ""],
          ["W3", "WX-A", "中通快递", "2018-10-31 23:00", "", "下行", "", ""],
          ["W4", "WX-A", "中国邮政EMS", "2018-11-01 00:00", "2018-11-02", "下行", "5", ""],
          ["W5", "WX-B", "中通快递", "2018-05-01", "2018-05-03", "上行", "10.00", "1.5"],
          ["W6", "WX-B", "中通快递", "2018-05-02", "2018-05-04", "上行", "8", "2"],
        ],
      },
    ]);
    const result = await importInto("130533", path);
    expect(result.rejected).toEqual([]);
    expect(result.sheets.map((s) => [s.sheet, s.written])).toEqual([
      ["站点月报", 4],
      ["物流", 6],
    ]);
    expect(await facts("130533", "2018-10-31")).toEqual({
      stations: 2,
      onlineRateBp: 9499, // (9500 + 9499) / 2, floored: just under O1
      avgOrdersPerStationMonth: 50, // A (49+51)/2 and B 50: exactly O2
      avgAmountFenPerStationMonth: 200_000,
      stationsMeetingBoth: 2,
      shipments: 3, // W1–W3 downward dispatched by asOf; W4 is November
      inTransit: 1, // W3, sent at 23:00 on asOf and unsigned: neither on time nor late (O3)
      within7DaysBp: 5000, // W1 at exactly 7×24 h on time; W2 one minute late
      carriers: 2,
      upwardFeeAboveBenchmark: [],
    });
  });

  it("takes months up to asOf's month and shipments dispatched up to asOf", async () => {
    // On 2018-03-05 neither W1 nor W2 (sent 03-01, signed 03-08) is signed and both windows are open.
    expect(await facts("130533", "2018-03-05")).toMatchObject({
      stations: 2,
      shipments: 2,
      inTransit: 2,
      within7DaysBp: 0,
    });
    expect(await facts("130533", "2018-03-08")).toMatchObject({
      shipments: 2,
      inTransit: 0,
      within7DaysBp: 5000,
    });
    expect(await facts("130533", "2018-02-28")).toMatchObject({
      stations: 2,
      shipments: 0,
      within7DaysBp: 0,
      carriers: 0,
    });
    // rule O2: January counts once its last day is reached (WX-A 49, WX-B 50); the running month never does.
    expect(await facts("130533", "2018-01-31")).toMatchObject({ stations: 2, avgOrdersPerStationMonth: 49 });
    expect(await facts("130533", "2018-01-30")).toMatchObject({ stations: 0, avgOrdersPerStationMonth: 0 });
    expect(await facts("130533", "2018-11-30")).toMatchObject({ stations: 2, shipments: 4, carriers: 3 });
  });

  it("compares upward fees with the county's benchmark per weight class: at the benchmark passes, one fen under it fails (O3)", async () => {
    const put = (feeFen: number) =>
      app.inject({
        method: "PUT",
        url: "/api/v1/counties/130533/operations/fee-benchmarks",
        headers: { cookie: weixian },
        payload: { benchmarks: [{ weightClass: "w3", feeFen, note: "某平台报价" }] },
      });
    expect((await put(900)).statusCode).toBe(200);
    expect((await facts("130533", "2018-10-31")).upwardFeeAboveBenchmark).toEqual([]);
    const res = await put(899);
    expect(res.statusCode).toBe(200);
    const w3 = (res.json() as { weightClasses: { key: string; feeFen: number | null }[] }).weightClasses.find(
      (c) => c.key === "w3",
    );
    expect(w3?.feeFen).toBe(899);
    expect((await facts("130533", "2018-10-31")).upwardFeeAboveBenchmark).toEqual([
      "1–3公斤：均价 9.00 元 > 基准 8.99 元",
    ]);
    const bad = await app.inject({
      method: "PUT",
      url: "/api/v1/counties/130533/operations/fee-benchmarks",
      headers: { cookie: weixian },
      payload: { benchmarks: [{ weightClass: "w99", feeFen: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe("bad_weight_class");
    const other = await app.inject({
      method: "PUT",
      url: "/api/v1/counties/130533/operations/fee-benchmarks",
      headers: { cookie: pingshan },
      payload: { benchmarks: [] },
    });
    expect(other.statusCode).toBe(403);
  });

  it("writes nothing when a row is bad, and names sheet, row and column (all or nothing)", async () => {
    const before = await facts("130533", "2018-10-31");
    const path = await writeXlsx(join(dir, "bad.xlsx"), [
      {
        name: "站点月报",
        rows: [
          MONTH_HEADER,
          ["WX-C", "2018-03", "60", "3000", "0.99"],
          ["WX-C", "2018-13", "60", "3000", "120%"],
          ["WX-C", "2018-03", "60", "3000.001", "0.99"],
        ],
      },
      {
        name: "物流",
        rows: [
          SHIP_HEADER,
          ["X1", "WX-C", "中通快递", "2018-03-05", "2018-03-01", "下行", "5", ""],
          ["X2", "WX-C", "中通快递", "2018-03-05", "", "下行", "5", ""],
          ["X2", "WX-C", "中通快递", "2018-03-05", "", "下行", "5", ""],
          ["X3", "WX-C", "中通快递", "2018-02-30", "", "下行", "5", ""],
          ["X4", "WX-C", "中通快递", "2018-03-05", "", "横行", "5", ""],
        ],
      },
    ]);
    const result = await importInto("130533", path);
    expect(result.written).toBe(false);
    const where = result.rejected.map((r) => `${r.sheet}:${r.row}:${r.column}`);
    expect(where).toEqual(
      expect.arrayContaining([
        "站点月报:3:月份",
        "站点月报:3:上线率",
        "站点月报:4:交易额(元)",
        "物流:2:签收时间",
        "物流:4:运单号",
        "物流:5:发出时间",
        "物流:6:方向",
      ]),
    );
    expect(result.rejected.every((r) => /[\u4e00-\u9fa5]/.test(r.reason.zh))).toBe(true);
    expect(await facts("130533", "2018-10-31")).toEqual(before);
  });

  it("replaces on re-import of the same 站点编号+月份 and 运单号, never double counting (CSV)", async () => {
    const folder = writeCsvFolder(join(dir, "again"), [
      { name: "站点月报", rows: [MONTH_HEADER, ["WX-B", "2018-01", "50", "2000", "95%"]] },
      {
        name: "物流",
        rows: [
          SHIP_HEADER,
          ["W2", "WX-B", "圆通速递", "2018-03-01 10:00", "2018-03-08 10:00", "下行", "5", ""],
        ],
      },
    ]);
    for (let i = 0; i < 2; i++) {
      const result = await importInto("130533", folder);
      expect(result.rejected).toEqual([]);
    }
    expect(await facts("130533", "2018-10-31")).toMatchObject({
      stations: 2,
      onlineRateBp: 9500,
      shipments: 3,
      inTransit: 1,
      within7DaysBp: 10_000,
    });
    expect(
      Number(
        (
          await ops()
            .selectFrom("station_months")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("county_code", "=", "130533")
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(4);
    await expectRollupsMatchRaw("130533");
  });

  it("shows B2 and B3 on the scorecard with the keys scripts read", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/scorecard?asOf=2018-10-31",
      headers: { cookie: weixian },
    });
    expect(res.statusCode).toBe(200);
    const items = (
      res.json() as { items: { id: string; status: string; measured: Record<string, unknown> }[] }
    ).items;
    expect(items.find((i) => i.id === "B2")?.measured).toMatchObject({
      stations: 2,
      onlineRateBp: 9500,
      avgOrdersPerStationMonth: 50,
      avgAmountFenPerStationMonth: 200_000,
      stationsMeetingBoth: 2,
    });
    expect(items.find((i) => i.id === "B2")?.status).toBe("pass");
    expect(items.find((i) => i.id === "B3")).toMatchObject({
      status: "fail",
      measured: { shipments: 3, inTransit: 1, within7DaysBp: 10_000, carriers: 2 },
    });
  });

  // ---------------------------------------------------------------------------------------------
  // KPI routes (rollups only)

  it("lists the county's KPIs, its stations and those failing each KPI; townships from station codes", async () => {
    await register("130533", `${village}-01`, "2018-03-10", "2018-05-01");
    const path = await writeXlsx(join(dir, "village.xlsx"), [
      { name: "站点月报", rows: [MONTH_HEADER, [`${village}-01`, "2018-04", "80", "4000", "99%"]] },
    ]);
    expect((await importInto("130533", path)).rejected).toEqual([]);
    const res = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/operations?to=2018-10",
      headers: { cookie: weixian },
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as any;
    expect(page.summary).toMatchObject({
      stations: 3,
      downShipments: 3,
      withinDaysBp: 6666,
      carriers: ["中通快递", "圆通速递"],
      meetsCarriers: true,
      meetsUpwardFees: false,
    });
    expect(page.failing).toEqual({ onlineRate: [], ordersAndAmount: [], delivery: ["WX-A"] });
    expect(page.stations.map((s: any) => [s.stationCode, s.townshipCode])).toEqual([
      [`${village}-01`, village.slice(0, 9)],
      ["WX-A", otherVillage.slice(0, 9)],
      ["WX-B", otherVillage.slice(0, 9)],
    ]);
    expect(page.townships.map((t: any) => [t.townshipCode, t.stations])).toEqual([
      [village.slice(0, 9), 1],
      [otherVillage.slice(0, 9), 2],
    ]);
    expect(page.trend.map((t: any) => t.month)).toEqual([
      "2018-01",
      "2018-02",
      "2018-03",
      "2018-04",
      "2018-05",
      "2018-10",
    ]);
    expect(page.trend.find((t: any) => t.month === "2018-03")).toMatchObject({
      downShipments: 2,
      withinDaysBp: 10_000,
    });
    expect(page.distribution).toEqual([{ days: 7, shipments: 2 }]);
    expect(page.inTransit).toBe(1);

    const town = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130533/operations?to=2018-10&township=${village.slice(0, 9)}`,
      headers: { cookie: weixian },
    });
    expect((town.json() as any).summary).toMatchObject({
      stations: 1,
      avgOrdersPerStationMonth: 80,
      downShipments: 0,
    });

    const station = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/operations/stations/WX-A?to=2018-12",
      headers: { cookie: weixian },
    });
    expect(station.statusCode).toBe(200);
    expect((station.json() as any).months.map((m: any) => [m.month, m.orders, m.downShipments])).toEqual([
      ["2018-01", 49, 0],
      ["2018-02", 51, 0],
      ["2018-03", 0, 1],
      ["2018-10", 0, 1],
      ["2018-11", 0, 1],
    ]);
  });

  it("keeps a county out of another county's KPIs; the province sees every county it may read", async () => {
    const other = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/operations",
      headers: { cookie: pingshan },
    });
    expect(other.statusCode).toBe(403);
    expect(errorCode(other)).toBe("forbidden");
    const all = await app.inject({
      method: "GET",
      url: "/api/v1/operations/province?to=2018-10",
      headers: { cookie: province },
    });
    expect(all.statusCode, all.body).toBe(200);
    const body = all.json() as any;
    expect(body.counties.map((c: any) => c.countyCode)).toEqual(["130131", "130533"]);
    expect(body.counties[1]).toMatchObject({
      stations: 3,
      downShipments: 3,
      failingStations: { delivery: 1 },
      upwardFeesAbove: ["w3"],
    });
    expect(body.province).toMatchObject({ stations: 3, downShipments: 3 });
    const mine = await app.inject({
      method: "GET",
      url: "/api/v1/operations/province",
      headers: { cookie: weixian },
    });
    expect((mine.json() as any).counties.map((c: any) => c.countyCode)).toEqual(["130533"]);
    const bad = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/operations?from=2018-05&to=2018-01",
      headers: { cookie: weixian },
    });
    expect(bad.statusCode).toBe(400);
  });

  // ---------------------------------------------------------------------------------------------
  // The ingest API

  let token: string;
  let tokenId: string;

  it("creates tokens for county administrators only and stores only their hash", async () => {
    const created = await newToken(pingshan, "130131", { name: "平山数据管理器" });
    token = created.token;
    tokenId = created.id;
    expect(token).toMatch(/^shf_/);
    expect(created.hint).toBe(token.slice(-4));
    const row = await ops()
      .selectFrom("ingest_tokens")
      .selectAll()
      .where("id", "=", tokenId)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = await db.db.selectFrom("audit_log").select(["after_json"]).execute();
    expect(audit.some((a) => a.after_json?.includes(token))).toBe(false);
    const foreign = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130131/ingest-tokens",
      headers: { cookie: weixian },
      payload: { name: "x" },
    });
    expect(foreign.statusCode).toBe(403);
    const list = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130131/ingest-tokens",
      headers: { cookie: pingshan },
    });
    expect((list.json() as any).items.map((t: any) => [t.name, t.revokedAt])).toEqual([
      ["平山数据管理器", null],
    ]);
    expect(list.body).not.toContain(token);
  });

  it("refuses requests without a valid bearer token, before reading the body", async () => {
    const none = await app.inject({ method: "POST", url: "/api/v1/ingest/orders", payload: [] });
    expect(none.statusCode).toBe(401);
    expect(errorCode(none)).toBe("invalid_token");
    const wrong = await ingest("orders", `${token}x`, []);
    expect(wrong.statusCode).toBe(401);
    const session = await app.inject({
      method: "POST",
      url: "/api/v1/ingest/orders",
      headers: { cookie: pingshan },
      payload: [],
    });
    expect(session.statusCode).toBe(401);
  });

  const orders = [
    {
      sourceId: "o1",
      stationCode: "PS-1",
      kind: "代购",
      amountFen: 10_000,
      at: "2018-04-01 10:00",
      platform: "淘宝",
    },
    {
      sourceId: "o2",
      stationCode: "PS-1",
      kind: "agency_sale",
      amountFen: 5_000,
      at: "2018-04-02T10:00:00+08:00",
    },
    { sourceId: "o3", stationCode: "PS-1", kind: "助农取款", amountFen: 99_900, at: "2018-04-02 11:00" },
    { sourceId: "o4", stationCode: "PS-1", kind: "代购物", amountFen: 1, at: "2018-04-02 11:00" },
    { sourceId: "o5", stationCode: "PS-1", kind: "代购", amountFen: -1, at: "2018-04-02 11:00" },
    { sourceId: "o1", stationCode: "PS-1", kind: "代购", amountFen: 10_000, at: "2018-04-01 10:00" },
    "not a record",
    { sourceId: "o8", stationCode: "PS-1", kind: "代购", amountFen: 1, at: "2999-01-01" },
  ];

  it("keeps the good records, names each bad one by index, and counts a repeat once", async () => {
    const res = await ingest("orders", token, orders);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as any;
    expect(body).toMatchObject({ kind: "orders", received: 8, accepted: 3, duplicates: 1 });
    expect(body.rejected.map((r: any) => r.index)).toEqual([3, 4, 6, 7]);
    expect(body.rejected[0].reason).toContain("代购物");
    const en = await ingest("orders", token, [orders[3]], "en");
    expect((en.json() as any).rejected[0].reason).toMatch(/unknown order kind/);
  });

  it("is idempotent: a retried batch changes nothing", async () => {
    const auditBefore = await db.db.selectFrom("audit_log").select("seq").execute();
    const res = await ingest("orders", token, orders);
    expect(res.json()).toMatchObject({ accepted: 0, duplicates: 4 });
    const day = await ops()
      .selectFrom("station_days")
      .selectAll()
      .where("county_code", "=", "130131")
      .orderBy("day")
      .execute();
    expect(day.map((d) => [d.day, d.orders, Number(d.amount_fen), d.order_records])).toEqual([
      ["2018-04-01", 1, 10_000, 1],
      ["2018-04-02", 0, 5_000, 2], // 代卖 counts in 交易额, 助农取款 does not (O2 reading)
    ]);
    const audit = await db.db.selectFrom("audit_log").select("seq").execute();
    expect(audit.length).toBe(auditBefore.length + 1); // the retry itself is logged
    await expectRollupsMatchRaw("130131");
  });

  it("stores uptime, refuses a station-day over its opening hours, and prefers the machines' figures to the workbook's", async () => {
    const res = await ingest("uptime", token, [
      // Rule O1: a day counts at most its opening hours (default 08:00–20:00, 720 minutes).
      { sourceId: "u1", stationCode: "PS-1", date: "2018-04-01", onlineMinutes: 500 },
      { sourceId: "u2", stationCode: "PS-1", date: "2018-04-01", onlineMinutes: 220 },
      { sourceId: "u3", stationCode: "PS-1", date: "2018-04-01", onlineMinutes: 1 },
      { sourceId: "u4", stationCode: "PS-1", date: "2018-04-02", onlineMinutes: 1441 },
    ]);
    expect(res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
    expect((res.json() as any).rejected.map((r: any) => r.index)).toEqual([2, 3]);
    const retry = await ingest("uptime", token, [
      { sourceId: "u1", stationCode: "PS-1", date: "2018-04-01", onlineMinutes: 500 },
    ]);
    expect(retry.json()).toMatchObject({ accepted: 0, duplicates: 1 });

    const path = await writeXlsx(join(dir, "ps.xlsx"), [
      {
        name: "站点月报",
        rows: [
          MONTH_HEADER,
          ["PS-1", "2018-04", "99", "9999", "50%"],
          ["PS-2", "2018-04", "60", "3000", "98%"],
        ],
      },
    ]);
    expect((await importInto("130131", path)).rejected).toEqual([]);
    const station = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130131/operations/stations/PS-1?to=2018-04",
      headers: { cookie: pingshan },
    });
    const [april] = (station.json() as any).months;
    // Orders from the machines (1 代购, 150 yuan); the rate from 720 device minutes over April's
    // 30 days of 720 opening minutes (rule O1).
    expect(april).toMatchObject({
      month: "2018-04",
      orders: 1,
      amountFen: 15_000,
      onlineRateBp: 333,
      workbook: { orders: 99, amountFen: 999_900, onlineRateBp: 5000 },
      machine: { orders: 1, amountFen: 15_000, onlineMinutes: 720, orderRecords: 3 },
    });
    expect(await facts("130131", "2018-04-30")).toMatchObject({
      stations: 2,
      onlineRateBp: Math.floor((333 + 9800) / 2),
    });
    await expectRollupsMatchRaw("130131");
  });

  it("merges shipment events into the ledger: a retried dispatch never undoes the delivery", async () => {
    const dispatch = {
      sourceId: "s1",
      waybill: "PS-W1",
      stationCode: "PS-1",
      carrier: "中通快递",
      direction: "下行",
      dispatchedAt: "2018-04-01 10:00",
    };
    const delivery = { ...dispatch, sourceId: "s2", deliveredAt: "2018-04-08 10:00" };
    expect((await ingest("shipments", token, [dispatch])).json()).toMatchObject({ accepted: 1 });
    expect(await facts("130131", "2018-04-30")).toMatchObject({ shipments: 1, within7DaysBp: 0 });
    expect((await ingest("shipments", token, [delivery])).json()).toMatchObject({ accepted: 1 });
    expect((await ingest("shipments", token, [dispatch, delivery])).json()).toMatchObject({
      accepted: 0,
      duplicates: 2,
    });
    expect(await facts("130131", "2018-04-30")).toMatchObject({
      shipments: 1,
      within7DaysBp: 10_000,
      carriers: 1,
    });
    const res = await ingest("shipments", token, [
      {
        ...dispatch,
        sourceId: "s3",
        waybill: "PS-W2",
        dispatchedAt: "2018-04-05",
        deliveredAt: "2018-04-01",
      },
      { ...dispatch, sourceId: "s4", dispatchedAt: "2018-04-09 00:00" },
      {
        ...dispatch,
        sourceId: "s5",
        waybill: "PS-W3",
        direction: "上行",
        feeFen: 700,
        weightGrams: 800,
        carrier: "圆通速递",
      },
    ]);
    expect(res.json()).toMatchObject({ accepted: 1 });
    expect((res.json() as any).rejected.map((r: any) => r.index)).toEqual([0, 1]);
    expect(await facts("130131", "2018-04-30")).toMatchObject({
      shipments: 1,
      within7DaysBp: 10_000,
      carriers: 2,
    });
    await expectRollupsMatchRaw("130131");
  });

  it("limits a token to its kinds and stations, and stops a revoked token at once", async () => {
    const scoped = await newToken(pingshan, "130131", {
      name: "2号站",
      kinds: ["uptime"],
      stationCodes: ["PS-2"],
    });
    const wrongKind = await ingest("orders", scoped.token, []);
    expect(wrongKind.statusCode).toBe(403);
    const res = await ingest("uptime", scoped.token, [
      { sourceId: "v1", stationCode: "PS-2", date: "2018-04-03", onlineMinutes: 600 },
      { sourceId: "v2", stationCode: "PS-1", date: "2018-04-03", onlineMinutes: 600 },
    ]);
    expect(res.json()).toMatchObject({ accepted: 1 });
    expect((res.json() as any).rejected).toEqual([{ index: 1, reason: expect.stringContaining("PS-1") }]);
    const revoke = await app.inject({
      method: "DELETE",
      url: `/api/v1/counties/130131/ingest-tokens/${scoped.id}`,
      headers: { cookie: pingshan },
    });
    expect(revoke.statusCode).toBe(200);
    expect((revoke.json() as any).revokedAt).not.toBeNull();
    expect((await ingest("uptime", scoped.token, [])).statusCode).toBe(401);
    const elsewhere = await app.inject({
      method: "DELETE",
      url: `/api/v1/counties/130533/ingest-tokens/${tokenId}`,
      headers: { cookie: weixian },
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it("takes 5,000 records in a body over 1 MiB, and refuses 5,001", async () => {
    const records = Array.from({ length: 5000 }, (_, i) => ({
      sourceId: `big-${i}`,
      // 5,000 days of one registered station (codes of no station are refused).
      stationCode: "PS-2",
      date: new Date(Date.UTC(2004, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      onlineMinutes: 1440,
      note: "x".repeat(200),
    }));
    expect(JSON.stringify(records).length).toBeGreaterThan(1024 * 1024);
    const res = await ingest("uptime", token, records);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 5000, rejected: [] });
    const tooMany = await ingest("uptime", token, [...records, records[0]]);
    expect(tooMany.statusCode).toBe(400);
    await expectRollupsMatchRaw("130131");
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });
});

describe.each(DIALECTS)("demo operations on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("loads a deterministic year marked as demo, once; 威县 meets O1–O3", async () => {
    const context = { counties: [{ code: "130533", name: "威县" }] };
    // The operations demo speaks of the network's registered stations only.
    await loadDemoOperations(db, context);
    expect(await operationsFacts(db, "130533", "2018-10-31")).toMatchObject({ stations: 0, shipments: 0 });
    await loadDemoVillages(db, context);
    await loadDemoNetwork(db, context);
    await loadDemoOperations(db, context);
    const first = await operationsFacts(db, "130533", "2018-10-31");
    await loadDemoOperations(db, context);
    expect(await operationsFacts(db, "130533", "2018-10-31")).toEqual(first);
    expect(demoProfile("130533")).toEqual({
      online: true,
      orders: true,
      delivery: true,
      carriers: true,
      fees: true,
    });
    expect(first.stations).toBeGreaterThan(50);
    expect(first.onlineRateBp).toBeGreaterThanOrEqual(9500);
    expect(first.avgOrdersPerStationMonth).toBeGreaterThanOrEqual(50);
    expect(first.avgAmountFenPerStationMonth).toBeGreaterThanOrEqual(200_000);
    expect(first.within7DaysBp).toBe(10_000);
    expect(first.carriers).toBeGreaterThanOrEqual(2);
    expect(first.upwardFeeAboveBenchmark).toEqual([]);
    const notDemo = await db.db
      .withTables<OperationsTables>()
      .selectFrom("shipments")
      .select("waybill")
      .where("is_demo", "=", 0)
      .execute();
    expect(notDemo).toEqual([]);
  });

  it("spreads the counties: some miss O1, O2 or O3", () => {
    const codes = [
      "130131",
      "130425",
      "130434",
      "130522",
      "130529",
      "130623",
      "130630",
      "130705",
      "130722",
      "130724",
      "130725",
    ];
    const profiles = codes.map(demoProfile);
    for (const key of ["online", "orders", "delivery", "carriers", "fees"] as const) {
      expect(
        profiles.some((p) => p[key]),
        key,
      ).toBe(true);
      expect(
        profiles.some((p) => !p[key]),
        key,
      ).toBe(true);
    }
  });
});
