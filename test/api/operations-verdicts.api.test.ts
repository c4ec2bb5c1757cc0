/**
 * The operations readings that change verdicts (issue 13), end to end on every dialect: parcels
 * in transit at 24:00 of the as-of day (rule O3, B3 `inTransit`), rule O2's completed months with
 * silent stations at zero, and no phantom stations from 站点月报 / 物流 (xlsx and csv) or the
 * ingest API.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import type { OperationsTables } from "../../src/server/operations/operations.tables";
import { operationsFacts } from "../../src/server/operations/operations-facts";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { writeCsvFolder, writeXlsx } from "../support/workbooks";

const actor = { id: null, name: "test" };
const STATION_HEADER = ["站点编号", "村代码", "面积(平方米)", "设备", "中央资金支持", "建成日期"];
const MONTH_HEADER = ["站点编号", "月份", "代购单数", "交易额(元)", "上线率"];
const SHIP_HEADER = ["运单号", "站点编号", "快递企业", "发出时间", "签收时间", "方向", "运费(元)"];
const EQUIPMENT = "电脑,背景墙,42寸电视,上网行为数据管理器,物流筐,公告牌,门头,灯箱,WIFI标识牌";

describe.each(DIALECTS)("operations verdict readings on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let cookie: string;
  let villages: string[];
  const dir = mkdtempSync(join(tmpdir(), "shifan-opv-"));
  const importInto = (path: string) =>
    importWorkbook({ db: db.db, registry: buildSheetRegistry(), actor, countyCode: "130533", path });
  const stationRow = (no: string, i: number, builtOn: string) => [
    no,
    villages[i]!,
    "30",
    EQUIPMENT,
    "否",
    builtOn,
  ];
  const scorecardItem = async (id: string, asOf: string) => {
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130533/scorecard?asOf=${asOf}`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return (
      res.json() as { items: { id: string; status: string; measured: Record<string, unknown> }[] }
    ).items.find((i) => i.id === id)!;
  };
  const count = async (table: "station_months" | "shipments") =>
    Number(
      (
        await db.db
          .withTables<OperationsTables>()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("county_code", "=", "130533")
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533"] });
    app = await buildTestApp(db);
    cookie = (await signedIn(app, db, "county_admin", "130533")).cookie;
    villages = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130533")
        .where("village_kind", "=", "village_committee")
        .orderBy("code")
        .limit(4)
        .execute()
    ).map((v) => v.code);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("refuses 站点月报 and 物流 rows naming no station of the workbook's 站点 sheet or the register, writing nothing (xlsx)", async () => {
    const path = await writeXlsx(join(dir, "ghost.xlsx"), [
      { name: "站点", rows: [STATION_HEADER, stationRow("S-1", 0, "2018-07-20")] },
      {
        name: "站点月报",
        rows: [
          MONTH_HEADER,
          ["S-1", "2018-08", "60", "2500", "99%"],
          ["GHOST-1", "2018-08", "60", "2500", "99%"],
        ],
      },
      {
        name: "物流",
        rows: [
          SHIP_HEADER,
          ["G1", "GHOST-2", "中通快递", "2018-08-01 10:00", "2018-08-02 10:00", "下行", "5"],
        ],
      },
    ]);
    const result = await importInto(path);
    expect(result.written).toBe(false);
    expect(result.rejected.map((r) => [r.sheet, r.row, r.column, r.reason.zh])).toEqual([
      ["站点月报", 3, "站点编号", "站点编号 GHOST-1 不是本县登记的站点（请先在「站点」表中登记）"],
      ["物流", 2, "站点编号", "站点编号 GHOST-2 不是本县登记的站点（请先在「站点」表中登记）"],
    ]);
    expect([await count("station_months"), await count("shipments")]).toEqual([0, 0]);
  });

  it("refuses them in a CSV folder too, and accepts a station declared on the same workbook's 站点 sheet", async () => {
    const bad = writeCsvFolder(join(dir, "ghost-csv"), [
      { name: "站点", rows: [STATION_HEADER, stationRow("S-1", 0, "2018-07-20")] },
      { name: "站点月报", rows: [MONTH_HEADER, ["S-9", "2018-08", "60", "2500", "99%"]] },
    ]);
    const refused = await importInto(bad);
    expect(refused.written).toBe(false);
    expect(refused.rejected.map((r) => `${r.sheet}:${r.row}:${r.column}`)).toEqual(["站点月报:2:站点编号"]);
    const good = writeCsvFolder(join(dir, "good-csv"), [
      {
        name: "站点",
        rows: [STATION_HEADER, stationRow("S-1", 0, "2018-07-20"), stationRow("S-2", 1, "2018-08-15")],
      },
      { name: "站点月报", rows: [MONTH_HEADER, ["S-1", "2018-08", "60", "2500", "99%"]] },
    ]);
    expect((await importInto(good)).rejected).toEqual([]);
    expect(await count("station_months")).toBe(1);
  });

  it("refuses, at commit, a code of no station when the workbook has no 站点 sheet (all or nothing)", async () => {
    const path = writeCsvFolder(join(dir, "late"), [
      {
        name: "站点月报",
        rows: [MONTH_HEADER, ["S-1", "2018-09", "60", "2500", "99%"], ["NOPE", "2018-09", "1", "1", "1"]],
      },
    ]);
    await expect(importInto(path)).rejects.toMatchObject({
      status: 422,
      code: "import_rejected",
      details: [{ sheet: "站点月报", row: 3, column: "站点编号", message: expect.stringContaining("NOPE") }],
    });
    expect(await count("station_months")).toBe(1);
  });

  it("O2: counts completed months from the month after opening; a silent station counts as zero, never drops out", async () => {
    // S-1 opened 2018-07-20 (counts Aug, Sep, Oct) and reported August only; S-2 opened
    // 2018-08-15 (counts Sep, Oct) and reported nothing.
    expect(await operationsFacts(db, "130533", "2018-10-31")).toMatchObject({
      stations: 2,
      avgOrdersPerStationMonth: 10, // mean of 60/3 = 20 and 0
      stationsMeetingBoth: 0,
    });
    // On 2018-09-29 only August is complete: S-2 has no completed month yet.
    expect(await operationsFacts(db, "130533", "2018-09-29")).toMatchObject({
      stations: 1,
      avgOrdersPerStationMonth: 60,
    });
    expect(await operationsFacts(db, "130533", "2018-09-30")).toMatchObject({
      stations: 2,
      avgOrdersPerStationMonth: 15, // S-1 (60 + 0) / 2 = 30, S-2 0
    });
    const b2 = await scorecardItem("B2", "2018-10-31");
    expect(b2.measured).toMatchObject({ stations: 2, avgOrdersPerStationMonth: 10 });
    expect(b2.status).toBe("fail");
  });

  it("O3: 999 of 1,000 downward parcels on time and one in transit at 24:00 passes B3, with inTransit", async () => {
    const rows: (string | number)[][] = [SHIP_HEADER];
    for (let i = 0; i < 999; i++)
      rows.push([
        `OK${i}`,
        "S-1",
        i % 2 ? "中通快递" : "圆通速递",
        "2018-10-01 09:00",
        "2018-10-03 09:00",
        "下行",
        "5",
      ]);
    rows.push(["LAST", "S-1", "中通快递", "2018-10-31 00:01", "", "下行", "5"]);
    expect(
      (await importInto(await writeXlsx(join(dir, "thousand.xlsx"), [{ name: "物流", rows }]))).rejected,
    ).toEqual([]);
    const b3 = await scorecardItem("B3", "2018-10-31");
    expect(b3.measured).toEqual({ shipments: 1000, inTransit: 1, within7DaysBp: 10_000, carriers: 2 });
    expect(b3.status).toBe("pass");
    // A week later the parcel's window has ended unsigned: late, 999 / 1000.
    expect((await scorecardItem("B3", "2018-11-07")).measured).toMatchObject({
      inTransit: 0,
      within7DaysBp: 9990,
    });
  });

  it("O3 boundaries as of 2018-10-31: 7 × 24 h + 1 min before 24:00 unsigned is late, exactly 7 × 24 h in transit", async () => {
    const before = await operationsFacts(db, "130533", "2018-10-31");
    const path = writeCsvFolder(join(dir, "edges"), [
      {
        name: "物流",
        rows: [
          SHIP_HEADER,
          ["E1", "S-2", "中通快递", "2018-10-24 23:59", "", "下行", "5"], // late
          ["E2", "S-2", "中通快递", "2018-10-25 00:00", "", "下行", "5"], // window ends at 24:00: in transit
          ["E3", "S-2", "中通快递", "2018-10-30 12:00", "2018-11-01 09:00", "下行", "5"], // signed after asOf
          ["E4", "S-2", "中通快递", "2018-10-20 08:00", "2018-10-27 08:00", "下行", "5"], // exactly 7 × 24 h
        ],
      },
    ]);
    expect((await importInto(path)).rejected).toEqual([]);
    const after = await operationsFacts(db, "130533", "2018-10-31");
    expect(after.shipments - before.shipments).toBe(4);
    expect(after.inTransit - before.inTransit).toBe(2); // E2, E3
    // 999 + E4 on time over 1000 − 1 + E1 + E4 decided = 1000 / 1001.
    expect(after.within7DaysBp).toBe(Math.floor((10_000 * 1000) / 1001));
    // On 2018-11-01 E3 is signed (on time) and E2's window has ended (late); LAST is still in transit.
    expect(await operationsFacts(db, "130533", "2018-11-01")).toMatchObject({
      shipments: 1004,
      inTransit: 1,
    });
  });

  it("O1: counts device minutes within the station's opening hours (08:00–20:00 by default)", async () => {
    const token = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/ingest-tokens",
      headers: { cookie },
      payload: { name: "数据管理器" },
    });
    const bearer = `Bearer ${(token.json() as { token: string }).token}`;
    const minute = (day: string, from: string, to: string) => ({
      sourceId: `${day}-${from}`,
      stationCode: "S-1",
      date: day,
      onlineMinutes: 2,
      intervals: [{ from, to }],
    });
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/ingest/uptime",
      headers: { authorization: bearer },
      payload: [
        minute("2018-10-01", "07:58", "08:00"), // 07:58, 07:59: outside
        minute("2018-10-02", "07:59", "08:01"), // 08:00 counts
        minute("2018-10-03", "19:59", "20:01"), // 19:59 counts, 20:00 does not
        minute("2018-10-04", "20:00", "20:02"), // outside
        {
          sourceId: "bad",
          stationCode: "S-1",
          date: "2018-10-05",
          onlineMinutes: 5,
          intervals: [{ from: "08:00", to: "08:02" }],
        },
      ],
    });
    expect(res.json()).toMatchObject({ accepted: 4, rejected: [{ index: 4 }] });
    const days = await db.db
      .withTables<OperationsTables>()
      .selectFrom("station_days")
      .select(["day", "online_minutes"])
      .where("station_code", "=", "S-1")
      .orderBy("day")
      .execute();
    expect(days.map((d) => [d.day, Number(d.online_minutes)])).toEqual([
      ["2018-10-01", 0],
      ["2018-10-02", 1],
      ["2018-10-03", 1],
      ["2018-10-04", 0],
    ]);
  });

  it("refuses ingest records naming no station of the county, by index, and keeps the others", async () => {
    const token = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/ingest-tokens",
      headers: { cookie },
      payload: { name: "合作方系统" },
    });
    expect(token.statusCode, token.body).toBe(201);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/ingest/orders",
      headers: {
        authorization: `Bearer ${(token.json() as { token: string }).token}`,
        "accept-language": "zh-CN",
      },
      payload: [
        { sourceId: "o1", stationCode: "S-1", kind: "代购", amountFen: 1000, at: "2018-10-02 10:00" },
        { sourceId: "o2", stationCode: "PHANTOM", kind: "代购", amountFen: 1000, at: "2018-10-02 10:00" },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 1,
      rejected: [
        { index: 1, reason: "stationCode：站点编号 PHANTOM 不是本县登记的站点（请先在「站点」表中登记）" },
      ],
    });
    const phantom = await db.db
      .withTables<OperationsTables>()
      .selectFrom("station_days")
      .select("station_code")
      .where("station_code", "=", "PHANTOM")
      .execute();
    expect(phantom).toEqual([]);
  });
});
