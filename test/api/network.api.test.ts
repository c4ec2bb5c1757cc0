/**
 * The service network end to end on every dialect: 站点 / 设施 sheets through the workbook
 * importer, the network facts at the G1 50% threshold, F9 refusals, routes and the planner.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import type { NetworkTables } from "../../src/server/network/network.tables";
import { networkFacts } from "../../src/server/network/network-facts";
import { verifyAuditChain } from "../../src/server/platform/audit/audit";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp, errorCode, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { VILLAGE_HEADER, writeCsvFolder, writeXlsx } from "../support/workbooks";

const actor = { id: null, name: "test" };
const STATION_HEADER = ["站点编号", "村代码", "面积(平方米)", "设备", "中央资金支持", "建成日期", "状态"];
const FACILITY_HEADER = [
  "设施编号",
  "类型",
  "乡镇代码",
  "面积(平方米)",
  "设备",
  "功能室",
  "中央资金支持",
  "标识",
  "物流线路",
  "物流企业",
];
const NINE = "电脑,背景墙,42寸电视,上网行为数据管理器,物流筐,公告牌,门头,灯箱,WIFI标识牌";

describe.each(DIALECTS)("the service network on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "shifan-net-"));
  /** 威县's administrative villages (village committees) in code order, and its residents' committees. */
  let admin: { code: string; township: string }[];
  let residents: string[];
  let townships: string[];
  let pingshan: { villages: string[]; townships: string[] };
  let n: number;

  const importInto = async (countyCode: string, path: string) =>
    importWorkbook({ db: db.db, registry: buildSheetRegistry(), actor, countyCode, path });
  const count = async (table: "stations" | "facilities" | "audit_log") =>
    Number(
      (
        await db.db
          .withTables<NetworkTables>()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130131"] });
    app = await buildTestApp(db);
    const villages = await db.db
      .selectFrom("regions")
      .select(["code", "parent_code", "village_kind", "county_code"])
      .where("level", "=", "village")
      .orderBy("code")
      .execute();
    admin = villages
      .filter((v) => v.county_code === "130533" && v.village_kind === "village_committee")
      .map((v) => ({ code: v.code, township: v.parent_code! }));
    residents = villages
      .filter((v) => v.county_code === "130533" && v.village_kind === "residents_committee")
      .map((v) => v.code);
    const towns = await db.db
      .selectFrom("regions")
      .select(["code", "county_code"])
      .where("level", "=", "township")
      .orderBy("code")
      .execute();
    townships = towns.filter((t) => t.county_code === "130533").map((t) => t.code);
    pingshan = {
      villages: villages.filter((v) => v.county_code === "130131").map((v) => v.code),
      townships: towns.filter((t) => t.county_code === "130131").map((t) => t.code),
    };
    n = admin.length;
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  // Village i: 300 + i residents (so villages from index 200 on have 500+), poor when i % 5 = 0,
  // broadband unless i % 10 = 3.
  const isPoor = (i: number) => i % 5 === 0;
  const population = (i: number) => 300 + i;
  const broadband = (i: number) => i % 10 !== 3;

  /** The station still being built (never counted; shown beside its village in the gap list). */
  let building: { code: string; stationNo: string };

  it("counts coverage as of a date from one workbook, at the G1 thresholds: just under, at, just over", async () => {
    expect(n).toBeGreaterThan(250);
    expect(residents.length).toBeGreaterThan(0);
    const villageRows = admin.map((v, i) => [
      v.code,
      "",
      String(population(i)),
      isPoor(i) ? "是" : "否",
      broadband(i) ? "是" : "否",
    ]);
    const poor = admin.map((_, i) => i).filter(isPoor);
    const nonPoor = admin.map((_, i) => i).filter((i) => !isPoor(i));
    // The fewest stations with floor(10000·k/d) ≥ 5000, for all villages and for poor villages.
    const half = Math.ceil(n / 2);
    const poorHalf = Math.ceil(poor.length / 2);
    const basePoor = poor.slice(0, poorHalf - 1);
    const baseOther = nonPoor.slice(0, half - 1 - basePoor.length);
    const m = baseOther.length;
    const row = (i: number, date: string, status = "", funded = "是") => [
      `S${i}`,
      admin[i]!.code,
      "12",
      NINE,
      funded,
      date,
      status,
    ];
    const stationRows = [
      ...basePoor.map((i) => row(i, "2018-01-01")),
      ...baseOther.slice(0, -1).map((i) => row(i, "2018-01-01")),
      row(baseOther[m - 1]!, "", "", "否"), // undated, no status: an existing station, always counted
      row(nonPoor[m]!, "2018-06-02"),
      row(nonPoor[m + 1]!, "2018-06-03"),
      row(poor[poorHalf - 1]!, "2018-07-01"),
      row(poor[poorHalf]!, "2018-07-02"),
      row(nonPoor[m + 2]!, "", "在建"), // still being built: never counted
      ["SR", residents[0]!, "12", NINE, "是", "2018-01-01", ""], // a residents' committee: no village (G1)
    ];
    building = { code: admin[nonPoor[m + 2]!]!.code, stationNo: `S${nonPoor[m + 2]}` };
    const path = await writeXlsx(join(dir, "coverage.xlsx"), [
      { name: "站点", rows: [STATION_HEADER, ...stationRows] },
      { name: "村庄", rows: [VILLAGE_HEADER, ...villageRows, [residents[0]!, "", "900", "否", "是"]] },
    ]);
    const result = await importInto("130533", path);
    expect(result.rejected).toEqual([]);
    expect(result.written).toBe(true);
    expect(result.sheets.find((s) => s.sheet === "站点")).toMatchObject({
      accepted: stationRows.length,
      written: stationRows.length,
    });

    const required = (i: number) => isPoor(i) || population(i) >= 500;
    const expectAt = async (asOf: string, served: number[]) => {
      const facts = await networkFacts(db, "130533", asOf);
      expect(facts).toMatchObject({
        villages: n,
        villagesWithStation: served.length,
        poorVillages: poor.length,
        poorVillagesWithStation: served.filter(isPoor).length,
        villagesWithBroadband: admin.filter((_, i) => broadband(i)).length,
        requiredVillagesWithoutStation:
          admin.filter((_, i) => required(i)).length - served.filter(required).length,
        townships: townships.length,
        townshipsWithExpress: 0,
        stationsFailingSpec: [],
        duplicateCentralFunding: [],
      });
      return {
        bp: Math.floor((10_000 * facts.villagesWithStation) / facts.villages),
        poorBp: Math.floor((10_000 * facts.poorVillagesWithStation) / facts.poorVillages),
      };
    };
    const base = [...basePoor, ...baseOther];
    const june1 = await expectAt("2018-06-01", base);
    const june2 = await expectAt("2018-06-02", [...base, nonPoor[m]!]);
    const june3 = await expectAt("2018-06-30", [...base, nonPoor[m]!, nonPoor[m + 1]!]);
    const july1 = await expectAt("2018-07-01", [...base, nonPoor[m]!, nonPoor[m + 1]!, poor[poorHalf - 1]!]);
    const july2 = await expectAt("2018-07-02", [
      ...base,
      nonPoor[m]!,
      nonPoor[m + 1]!,
      poor[poorHalf - 1]!,
      poor[poorHalf]!,
    ]);
    // All villages: just under, at (exactly 5000 when the count is even), just over.
    expect(june1.bp).toBeLessThan(5000);
    expect(june2.bp).toBe(n % 2 === 0 ? 5000 : Math.floor((10_000 * half) / n));
    expect(june2.bp).toBeGreaterThanOrEqual(5000);
    expect(june3.bp).toBeGreaterThan(june2.bp);
    // Poor villages, one step later: just under, at, just over.
    expect(june3.poorBp).toBeLessThan(5000);
    expect(july1.poorBp).toBe(poor.length % 2 === 0 ? 5000 : Math.floor((10_000 * poorHalf) / poor.length));
    expect(july1.poorBp).toBeGreaterThanOrEqual(5000);
    expect(july2.poorBp).toBeGreaterThan(july1.poorBp);

    // The scorecard reads the same facts: A3's measured keys (interfaces.md).
    const province = await signedIn(app, db, "province_admin", "13");
    const card = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/scorecard?asOf=2018-06-01",
      headers: { cookie: province.cookie },
    });
    expect(card.statusCode).toBe(200);
    const a3 = (card.json().items as { id: string; measured: Record<string, number> }[]).find(
      (i) => i.id === "A3",
    )!;
    expect(a3.measured).toMatchObject({
      villages: n,
      villagesWithStation: base.length,
      coverageBp: june1.bp,
      poorCoverageBp: june1.poorBp,
    });
  });

  it("re-importing the same 站点编号 updates it, and an unchanged row writes nothing", async () => {
    const rows = [
      STATION_HEADER,
      ["S0", admin[0]!.code, "12", NINE, "是", "2018-01-01", ""],
      ["S1", admin[1]!.code, "8", NINE, "是", "2018-01-01", ""],
    ];
    const stations = await count("stations");
    const first = await importInto("130533", writeCsvFolder(join(dir, "reimport"), [{ name: "站点", rows }]));
    expect(first.sheets[0]).toMatchObject({ accepted: 2, written: 1 }); // S1's area changed
    const audit = await count("audit_log");
    const again = await importInto(
      "130533",
      writeCsvFolder(join(dir, "reimport2"), [{ name: "站点", rows }]),
    );
    expect(again.sheets[0]).toMatchObject({ accepted: 2, written: 0 });
    expect(await count("stations")).toBe(stations);
    expect(await count("audit_log")).toBe(audit + 1); // only the workbook.imported entry
    const facts = await networkFacts(db, "130533", "2018-12-31");
    // S1 serves village 1 (301 residents, not poor): 8 m² ≥ 5 m² passes.
    expect(facts.stationsFailingSpec).toEqual([]);
    expect((await verifyAuditChain(db.db)).ok).toBe(true);
  });

  it("refuses a second centrally funded station in one village, within the sheet and against stored ones (F9)", async () => {
    const stations = await count("stations");
    const folder = writeCsvFolder(join(dir, "f9"), [
      {
        name: "站点",
        rows: [
          STATION_HEADER,
          ["N1", admin[n - 1]!.code, "12", NINE, "是", "2018-01-01", ""],
          ["N2", admin[n - 1]!.code, "12", NINE, "是", "2018-01-01", ""],
          ["N3", admin[n - 1]!.code, "12", NINE, "否", "2018-01-01", ""],
          ["N4", admin[0]!.code, "12", NINE, "是", "2018-01-01", ""],
        ],
      },
    ]);
    const result = await importInto("130533", folder);
    expect(result.written).toBe(false);
    expect(result.rejected.map((r) => [r.row, r.column])).toEqual([
      [3, "中央资金支持"],
      [5, "中央资金支持"],
    ]);
    expect(result.rejected[0]!.reason.zh).toBe(
      `村 ${admin[n - 1]!.code} 已有中央资金支持的站点 N1（第2行）：同一行政村中央财政支持不超过1个（F9）`,
    );
    expect(result.rejected[1]!.reason.zh).toContain(`已有中央资金支持的站点 S0（已入库）`);
    expect(await count("stations")).toBe(stations);

    // Moving the funding in one workbook: S0 gives it up, N4 takes it.
    const moved = await importInto(
      "130533",
      writeCsvFolder(join(dir, "f9-move"), [
        {
          name: "站点",
          rows: [
            STATION_HEADER,
            ["S0", admin[0]!.code, "12", NINE, "否", "2018-01-01", ""],
            ["N4", admin[0]!.code, "12", NINE, "是", "2018-01-01", ""],
          ],
        },
      ]),
    );
    expect(moved.rejected).toEqual([]);
    expect(moved.written).toBe(true);
    expect((await networkFacts(db, "130533", "2018-12-31")).duplicateCentralFunding).toEqual([]);
  });

  it("writes nothing when 3 rows among 700 are bad, and names exactly those 3", async () => {
    const rows = Array.from({ length: 700 }, (_, i) => [
      `B${i}`,
      admin[i % n]!.code,
      "6",
      NINE,
      "否",
      "2018-03-01",
      "",
    ]);
    rows[99]![1] = pingshan.villages[0]!; // a village of another county
    rows[400]![2] = "大约十平米";
    rows[650]![5] = "2018-02-30";
    const stations = await count("stations");
    const audit = await count("audit_log");
    const result = await importInto(
      "130533",
      await writeXlsx(join(dir, "bad700.xlsx"), [{ name: "站点", rows: [STATION_HEADER, ...rows] }]),
    );
    expect(result.written).toBe(false);
    expect(result.rejected.map((r) => [r.sheet, r.row, r.column])).toEqual([
      ["站点", 101, "村代码"],
      ["站点", 402, "面积(平方米)"],
      ["站点", 652, "建成日期"],
    ]);
    expect(result.rejected[0]!.reason.zh).toBe(`村代码 ${pingshan.villages[0]} 不是本县的村级单位`);
    expect({ stations: await count("stations"), audit: await count("audit_log") }).toEqual({
      stations,
      audit,
    });
  });

  it("imports 设施 with S3/S4 checks, township codes of the county only, one funded company per route (F9)", async () => {
    const [t1, t2] = townships;
    const bad = await importInto(
      "130533",
      writeCsvFolder(join(dir, "fac-bad"), [
        {
          name: "设施",
          rows: [
            FACILITY_HEADER,
            [
              "F1",
              "县级服务中心",
              "",
              "650",
              "电脑",
              "交流室,电教室,会议室,办公室,农产品研发体验中心(150)",
              "是",
              "否",
              "",
              "",
            ],
            ["F2", "乡镇配送中心", pingshan.townships[0]!, "120", "", "", "否", "否", "", ""],
            ["F3", "乡镇配送中心", "", "120", "", "", "否", "否", "", ""],
            [
              "F4",
              "乡镇配送中心",
              t1!,
              "120",
              "打包台,货架,电脑,扫枪,配送车",
              "",
              "是",
              "是",
              "县城-甲镇",
              "甲物流",
            ],
            [
              "F5",
              "乡镇配送中心",
              t2!,
              "120",
              "打包台,货架,电脑,扫枪,配送车",
              "",
              "是",
              "是",
              "县城 - 甲镇",
              "乙快递",
            ],
            ["F6", "村级服务站", t2!, "120", "", "", "否", "否", "", ""],
          ],
        },
      ]),
    );
    expect(bad.written).toBe(false);
    expect(bad.rejected.map((r) => [r.row, r.column])).toEqual([
      [3, "乡镇代码"],
      [4, "乡镇代码"],
      [6, "物流企业"],
      [7, "类型"],
    ]);
    expect(bad.rejected[2]!.reason.zh).toContain("同一物流线路中央财政支持不超过1家（F9）");

    const good = await importInto(
      "130533",
      writeCsvFolder(join(dir, "fac-good"), [
        {
          name: "设施",
          rows: [
            FACILITY_HEADER,
            [
              "F1",
              "县级服务中心",
              "",
              "650",
              "电脑",
              "交流室,电教室,会议室,办公室,农产品研发体验中心(150)",
              "是",
              "否",
              "",
              "",
            ],
            ["F2", "县级仓储物流中心", "", "800", "打包台,货架,扫码枪,配送车辆", "", "是", "是", "", ""],
            [
              "F4",
              "乡镇配送中心",
              t1!,
              "99.5",
              "打包台,货架,电脑,扫枪,配送车",
              "",
              "是",
              "是",
              "县城-甲镇",
              "甲物流",
            ],
          ],
        },
      ]),
    );
    expect(good.rejected).toEqual([]);
    const facts = await networkFacts(db, "130533", "2030-01-01");
    expect(facts.countyCenters).toEqual([
      {
        id: "F1",
        kind: "county_center",
        problems: ["缺少“电子商务进农村综合示范项目”标识（中央资金支持项目）"],
        centrallyFunded: true,
      },
    ]);
    expect(facts.countyWarehouses).toEqual([
      { id: "F2", kind: "county_warehouse", problems: [], centrallyFunded: true },
    ]);
    expect(facts.townshipCenters[0]!.problems).toEqual(["面积 99.5 m² < 100 m²"]);

    // The stored route claim holds against a later workbook too.
    const later = await importInto(
      "130533",
      writeCsvFolder(join(dir, "fac-later"), [
        {
          name: "设施",
          rows: [
            FACILITY_HEADER,
            ["F5", "乡镇配送中心", t2!, "120", "打包台", "", "是", "是", "县城-甲镇", "乙快递"],
          ],
        },
      ]),
    );
    expect(later.rejected[0]!.reason.zh).toContain("甲物流（设施 F4，已入库）");
  });

  it("serves stations and facilities with their spec checks; writes are scoped and audited", async () => {
    const weixian = await signedIn(app, db, "county_admin", "130533");
    const list = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/stations",
      headers: { cookie: weixian.cookie },
    });
    expect(list.statusCode).toBe(200);
    const s0 = (list.json().items as { stationNo: string; spec: { ok: boolean } }[]).find(
      (s) => s.stationNo === "S0",
    );
    expect(s0?.spec.ok).toBe(true);

    const created = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/stations",
      headers: { cookie: weixian.cookie, "accept-language": "zh-CN" },
      payload: {
        stationNo: "UI-1",
        villageCode: admin[301]!.code,
        areaTenths: 80,
        equipment: [
          "电脑",
          "背景墙",
          "电视",
          "上网行为数据管理器",
          "物流筐",
          "公告牌",
          "门头",
          "灯箱",
          "WiFi标识牌",
        ],
        isCentrallyFunded: true,
        builtOn: "2018-05-01",
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().spec.problems).toEqual(["面积 8 m² < 10 m²：常住人口 601 ≥ 500", "缺少 42寸电视"]);
    const twice = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/stations",
      headers: { cookie: weixian.cookie, "accept-language": "zh-CN" },
      payload: { stationNo: "UI-2", villageCode: admin[301]!.code, isCentrallyFunded: true },
    });
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe("station_funded_twice");
    expect(twice.json().error.message).toContain("同一行政村中央财政支持不超过1个（F9）");

    const audit = await count("audit_log");
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/v1/counties/130533/stations/${created.json().id}`,
      headers: { cookie: weixian.cookie },
      payload: {
        areaTenths: 100,
        equipment: [
          "电脑",
          "背景墙",
          "42寸电视",
          "上网行为数据管理器",
          "物流筐",
          "公告牌",
          "门头",
          "灯箱",
          "WiFi标识牌",
        ],
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().spec.ok).toBe(true);
    expect(await count("audit_log")).toBe(audit + 1);

    const outside = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/stations",
      headers: { cookie: weixian.cookie },
      payload: { stationNo: "UI-3", villageCode: pingshan.villages[0]! },
    });
    expect(outside.statusCode).toBe(400);
    expect(errorCode(outside)).toBe("village_not_in_county");

    for (const url of [
      "/api/v1/counties/130131/stations",
      "/api/v1/counties/130131/facilities",
      "/api/v1/counties/130131/coverage",
    ]) {
      const other = await app.inject({ method: "GET", url, headers: { cookie: weixian.cookie } });
      expect(other.statusCode, url).toBe(403);
      expect(errorCode(other)).toBe("forbidden");
    }
    const otherWrite = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130131/stations",
      headers: { cookie: weixian.cookie },
      payload: { stationNo: "X", villageCode: pingshan.villages[0]! },
    });
    expect(otherWrite.statusCode).toBe(403);

    const facilities = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/facilities",
      headers: { cookie: weixian.cookie },
    });
    expect(
      facilities
        .json()
        .items.map((f: { facilityNo: string; spec: { ok: boolean } }) => [f.facilityNo, f.spec.ok]),
    ).toEqual([
      ["F1", false],
      ["F2", true],
      ["F4", false],
    ]);
  });

  it("lets a station manager read only its own station", async () => {
    const manager = await signedIn(app, db, "station_manager", admin[0]!.code);
    const rows = await db.db
      .withTables<NetworkTables>()
      .selectFrom("stations")
      .select(["id", "village_code"])
      .where("station_no", "in", ["N4", "S1"])
      .orderBy("station_no")
      .execute();
    const own = rows.find((r) => r.village_code === admin[0]!.code)!;
    const other = rows.find((r) => r.village_code !== admin[0]!.code)!;
    const mine = await app.inject({
      method: "GET",
      url: `/api/v1/stations/${own.id}`,
      headers: { cookie: manager.cookie },
    });
    expect(mine.statusCode).toBe(200);
    const theirs = await app.inject({
      method: "GET",
      url: `/api/v1/stations/${other.id}`,
      headers: { cookie: manager.cookie },
    });
    expect(theirs.statusCode).toBe(403);
    const county = await app.inject({
      method: "GET",
      url: "/api/v1/counties/130533/stations",
      headers: { cookie: manager.cookie },
    });
    expect(county.statusCode).toBe(403);
  });

  it("keeps photos of a station: images only, by content; read in the county, audited", async () => {
    process.env.SHIFAN_FILES_DIR = mkdtempSync(join(tmpdir(), "shifan-photos-"));
    const weixian = await signedIn(app, db, "county_admin", "130533");
    const station = await db.db
      .withTables<NetworkTables>()
      .selectFrom("stations")
      .select("id")
      .where("station_no", "=", "S0")
      .executeTakeFirstOrThrow();
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201d2bcd6f40000000049454e44ae426082",
      "hex",
    );
    const upload = (content: Buffer, name: string, cookie = weixian.cookie, county = "130533") => {
      const boundary = "----shifanphoto";
      const field = (k: string, v: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
      const payload = Buffer.concat([
        Buffer.from(field("ownerKind", "station") + field("ownerId", station.id) + field("caption", "门头")),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return app.inject({
        method: "POST",
        url: `/api/v1/counties/${county}/photos`,
        headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const audit = await count("audit_log");
    const ok = await upload(png, "../../门头.png");
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      contentType: "image/png",
      fileName: "门头.png",
      caption: "门头",
      bytes: png.length,
    });
    expect(await count("audit_log")).toBe(audit + 1);
    // A body cut off mid-file is a 400 saying so, not "exceeds 10 MiB" (issue 14).
    const cut = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/photos",
      headers: { cookie: weixian.cookie, "content-type": "multipart/form-data; boundary=----shifanphoto" },
      payload: Buffer.concat([
        Buffer.from(
          `------shifanphoto\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        png,
      ]),
    });
    expect(cut.statusCode).toBe(400);
    expect(errorCode(cut)).toBe("malformed_upload");
    const fake = await upload(Buffer.from("<script>alert(1)</script>"), "x.png");
    expect(fake.statusCode).toBe(415);
    expect(errorCode(fake)).toBe("unsupported_image");
    const other = await upload(png, "x.png", weixian.cookie, "130131");
    expect(other.statusCode).toBe(403);

    const list = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130533/photos?ownerKind=station&ownerId=${station.id}`,
      headers: { cookie: weixian.cookie },
    });
    expect(list.json()).toHaveLength(1);
    const file = await app.inject({
      method: "GET",
      url: list.json()[0].url,
      headers: { cookie: weixian.cookie },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.rawPayload.equals(png)).toBe(true);
  });

  it("plans coverage: counts, township express, gap list order, what-if, province roll-up", async () => {
    const weixian = await signedIn(app, db, "county_admin", "130533");
    const express = await app.inject({
      method: "PUT",
      url: `/api/v1/counties/130533/townships/${townships[0]}/express`,
      headers: { cookie: weixian.cookie },
      payload: { hasExpressOutlet: true },
    });
    expect(express.statusCode).toBe(200);
    const asOf = "2018-12-31";
    const facts = await networkFacts(db, "130533", asOf);
    expect(facts.townshipsWithExpress).toBe(1);

    const res = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130533/coverage?asOf=${asOf}`,
      headers: { cookie: weixian.cookie },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.counts).toMatchObject({
      villages: facts.villages,
      villagesWithStation: facts.villagesWithStation,
      poorVillages: facts.poorVillages,
      poorVillagesWithStation: facts.poorVillagesWithStation,
      villagesWithBroadband: facts.villagesWithBroadband,
      townships: townships.length,
      townshipsWithExpress: 1,
    });
    expect(report.targets.map((t: { key: string; bp: number }) => [t.key, t.bp])).toEqual([
      ["villages", Math.floor((10_000 * facts.villagesWithStation) / facts.villages)],
      ["poor_villages", Math.floor((10_000 * facts.poorVillagesWithStation) / facts.poorVillages)],
      ["broadband", Math.floor((10_000 * facts.villagesWithBroadband) / facts.villages)],
      ["township_express", Math.floor(10_000 / townships.length)],
    ]);
    const gaps = report.gaps as {
      code: string;
      isPoor: boolean;
      population: number;
      pendingStation: unknown;
    }[];
    expect(gaps).toHaveLength(facts.requiredVillagesWithoutStation);
    const firstNonPoor = gaps.findIndex((g) => !g.isPoor);
    expect(gaps.slice(firstNonPoor).every((g) => !g.isPoor)).toBe(true);
    for (let i = 1; i < gaps.length; i++) {
      if (gaps[i]!.isPoor === gaps[i - 1]!.isPoor)
        expect(gaps[i]!.population).toBeLessThanOrEqual(gaps[i - 1]!.population);
    }
    // The station still being built shows beside its village in the gap list.
    expect(gaps.find((g) => g.code === building.code)?.pendingStation).toEqual({
      stationNo: building.stationNo,
      status: "building",
    });

    const pick = gaps.slice(0, 5).map((g) => g.code);
    const whatIf = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/coverage/what-if",
      headers: { cookie: weixian.cookie },
      payload: { villageCodes: [...pick, pick[0]], asOf },
    });
    expect(whatIf.statusCode).toBe(200);
    expect(whatIf.json().counts.villagesWithStation).toBe(facts.villagesWithStation + 5);
    expect(whatIf.json().gaps).toHaveLength(gaps.length - 5);
    expect(whatIf.json().added).toEqual(pick);
    const wrong = await app.inject({
      method: "POST",
      url: "/api/v1/counties/130533/coverage/what-if",
      headers: { cookie: weixian.cookie },
      payload: { villageCodes: [residents[0]] },
    });
    expect(wrong.statusCode).toBe(400);

    const township = admin[0]!.township;
    const one = await app.inject({
      method: "GET",
      url: `/api/v1/counties/130533/coverage?asOf=${asOf}&township=${township}`,
      headers: { cookie: weixian.cookie },
    });
    expect(one.json().counts.villages).toBe(admin.filter((v) => v.township === township).length);
    expect(one.json().townships).toHaveLength(1);

    const province = await signedIn(app, db, "province_viewer", "13");
    const roll = await app.inject({
      method: "GET",
      url: `/api/v1/network/coverage?asOf=${asOf}`,
      headers: { cookie: province.cookie },
    });
    expect(roll.statusCode).toBe(200);
    expect(roll.json().counties.map((c: { code: string }) => c.code)).toEqual(["130131", "130533"]);
    expect(roll.json().totals.villagesWithStation).toBe(facts.villagesWithStation);
    const own = await app.inject({
      method: "GET",
      url: `/api/v1/network/coverage?asOf=${asOf}`,
      headers: { cookie: weixian.cookie },
    });
    expect(own.json().counties.map((c: { code: string }) => c.code)).toEqual(["130533"]);
  });
  it("maps every administrative village by township with its station status (S2), scoped to the county", async () => {
    const weixian = await signedIn(app, db, "county_admin", "130533");
    const asOf = "2018-12-31";
    const get = (url: string, cookie = weixian.cookie) =>
      app.inject({ method: "GET", url, headers: { cookie } });
    const res = await get(`/api/v1/counties/130533/village-map?asOf=${asOf}`);
    expect(res.statusCode).toBe(200);
    type Point = {
      code: string;
      townshipCode: string;
      population: number | null;
      isPoor: boolean;
      status: string;
      station: { stationNo: string; status: string; inService: boolean } | null;
    };
    const map = res.json() as { asOf: string; townships: { code: string }[]; villages: Point[] };
    expect(map.asOf).toBe(asOf);
    // Administrative villages only (G1), each once, grouped under the county's townships.
    expect(map.villages.map((v) => v.code).sort()).toEqual(admin.map((v) => v.code));
    expect(map.townships.map((t) => t.code).every((c) => townships.includes(c))).toBe(true);
    const byCode = new Map(admin.map((v) => [v.code, v.township]));
    expect(map.villages.every((v) => byCode.get(v.code) === v.townshipCode)).toBe(true);

    const facts = await networkFacts(db, "130533", asOf);
    const withStatus = (s: string) => map.villages.filter((v) => v.status === s);
    expect(withStatus("station")).toHaveLength(facts.villagesWithStation);
    expect(withStatus("station").every((v) => v.station?.inService)).toBe(true);
    const coverage = await get(`/api/v1/counties/130533/coverage?asOf=${asOf}`);
    const gapCodes = (coverage.json().gaps as { code: string }[]).map((g) => g.code).sort();
    expect(
      withStatus("required")
        .map((v) => v.code)
        .sort(),
    ).toEqual(gapCodes);
    expect(withStatus("required").every((v) => v.isPoor || (v.population ?? 0) >= 500)).toBe(true);
    expect(withStatus("optional").every((v) => !v.isPoor && (v.population ?? 0) < 500)).toBe(true);
    // A station still being built is shown on its village, which still counts as lacking one.
    const built = map.villages.find((v) => v.code === building.code)!;
    expect(built.status).not.toBe("station");
    expect(built.station).toMatchObject({
      stationNo: building.stationNo,
      status: "building",
      inService: false,
    });
    // Before the dated stations opened only the undated existing one counts; the rest split by S2 alone.
    const early = (await get("/api/v1/counties/130533/village-map?asOf=2017-01-01")).json()
      .villages as Point[];
    const earlyServed = early.filter((v) => v.status === "station");
    expect(earlyServed).toHaveLength(1);
    expect(earlyServed[0]!.station).toMatchObject({ status: "open", inService: true });
    const isRequired = (v: Point) => v.isPoor || (v.population ?? 0) >= 500;
    const rest = early.filter((v) => v.status !== "station");
    expect(rest.filter((v) => v.status === "required").map((v) => v.code)).toEqual(
      rest.filter(isRequired).map((v) => v.code),
    );
    expect(rest.filter((v) => v.status === "optional").length).toBeGreaterThan(0);
    expect(rest.filter((v) => v.status === "required").length).toBeGreaterThan(0);

    expect((await get("/api/v1/counties/130533/village-map?asOf=yesterday")).statusCode).toBe(400);
    const pingshanAdmin = await signedIn(app, db, "county_admin", "130131");
    const other = await get("/api/v1/counties/130533/village-map", pingshanAdmin.cookie);
    expect(other.statusCode).toBe(403);
    const manager = await signedIn(app, db, "station_manager", admin[0]!.code);
    expect((await get("/api/v1/counties/130533/village-map", manager.cookie)).statusCode).toBe(403);
    const province = await signedIn(app, db, "province_viewer", "13");
    expect((await get("/api/v1/counties/130533/village-map", province.cookie)).statusCode).toBe(200);
  });
});

describe("the demo service network", () => {
  it("gives each county a centre, a warehouse and stations in 40–70% of villages, all marked demo, deterministically", async () => {
    const { networkModule } = await import("../../src/server/network/index");
    const counties = [
      { code: "130533", name: "威县" },
      { code: "130131", name: "平山县" },
    ];
    const load = async () => {
      const db = await createTestDb("sqlite", { counties: counties.map((c) => c.code) });
      await networkModule.demo!(db, { counties });
      await networkModule.demo!(db, { counties }); // a second load adds nothing
      const stations = await db.db
        .withTables<NetworkTables>()
        .selectFrom("stations")
        .select(["county_code", "village_code", "name", "is_demo"])
        .orderBy("village_code")
        .execute();
      const facilities = await db.db
        .withTables<NetworkTables>()
        .selectFrom("facilities")
        .select(["county_code", "kind", "name", "is_demo"])
        .execute();
      const facts = await Promise.all(counties.map((c) => networkFacts(db, c.code, "2018-10-31")));
      await db.drop();
      return { stations, facilities, facts };
    };
    const first = await load();
    const second = await load();
    expect(second.stations).toEqual(first.stations);
    expect(
      [...first.stations, ...first.facilities].every((r) => r.is_demo === 1 && r.name.includes("（演示）")),
    ).toBe(true);
    for (const [i, county] of counties.entries()) {
      const facts = first.facts[i]!;
      const stations = first.stations.filter((s) => s.county_code === county.code).length;
      expect(stations / facts.villages).toBeGreaterThanOrEqual(0.39);
      expect(stations / facts.villages).toBeLessThanOrEqual(0.71);
      expect(facts.countyCenters).toHaveLength(1);
      expect(facts.countyWarehouses).toHaveLength(1);
      expect(facts.townshipCenters.length).toBeLessThanOrEqual(3);
      // Exactly one of the two county facilities fails one spec item; some stations fail too.
      expect(
        [...facts.countyCenters, ...facts.countyWarehouses].filter((f) => f.problems.length > 0),
      ).toHaveLength(1);
      expect(facts.stationsFailingSpec.length).toBeGreaterThan(0);
      expect(facts.duplicateCentralFunding).toEqual([]);
    }
  });
});
