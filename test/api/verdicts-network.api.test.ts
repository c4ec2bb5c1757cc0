/**
 * Network readings that change verdicts (issue 13), on every dialect through the real importer and
 * the real region registry: S5 sizes a poor village's station by its population; S7 counts a 街道
 * among the townships only if it contains village committees; pages' default as-of date.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSheetRegistry } from "../../src/server/domains";
import { networkFacts } from "../../src/server/network/network-facts";
import { loadNetworkSnapshot } from "../../src/server/network/network-snapshot";
import { stationRegister } from "../../src/server/network/station-register";
import { chinaDate } from "../../src/server/platform/time/china-time";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { buildTestApp } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { VILLAGE_HEADER, writeCsvFolder } from "../support/workbooks";

const ALL_NINE = "电脑,背景墙,42寸电视,上网行为数据管理器,物流筐,公告牌,门头,灯箱,WIFI标识牌";

describe.each(DIALECTS)("network readings of issue 13 on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: ["130533", "130705", "130825"] });
    app = await buildTestApp(db);
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it("S5: an 8 m² station in a registered poor village of 499 residents passes, of 500 fails", async () => {
    const villages = (
      await db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", "130533")
        .where("level", "=", "village")
        .where("village_kind", "=", "village_committee")
        .orderBy("code")
        .limit(2)
        .execute()
    ).map((r) => r.code);
    const [small, large] = villages as [string, string];
    const dir = writeCsvFolder(join(mkdtempSync(join(tmpdir(), "shifan-s5-")), "wb"), [
      {
        name: "村庄",
        rows: [VILLAGE_HEADER, [small, "小村", "499", "是", "是"], [large, "大村", "500", "是", "是"]],
      },
      {
        name: "站点",
        rows: [
          ["站点编号", "村代码", "面积(平方米)", "设备", "中央资金支持", "建成日期", "营业时间"],
          ["ZD-499", small, "8", ALL_NINE, "是", "2018-03-01", "09:00-18:00"],
          ["ZD-500", large, "8", ALL_NINE, "是", "2018-03-01", ""],
        ],
      },
    ]);
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: { id: null, name: "test" },
      countyCode: "130533",
      path: dir,
    });
    expect(result.written, JSON.stringify(result.rejected)).toBe(true);
    const facts = await networkFacts(db, "130533", "2018-10-31");
    expect(facts.stationsFailingSpec.map((s) => s.id)).toEqual(["ZD-500"]);
    expect(facts.stationsFailingSpec[0]!.problems.join()).toContain("面积 8 m² < 10 m²：常住人口 500 ≥ 500");
    // rule O1: the 营业时间 column sets a station's opening hours; blank keeps the default.
    const register = await stationRegister(db.db, "130533");
    expect(register.get("ZD-499")).toMatchObject({ opensAtMinute: 540, closesAtMinute: 1080 });
    expect(register.get("ZD-500")).toMatchObject({ opensAtMinute: 480, closesAtMinute: 1200 });
  });

  it("S7: 宣化区's 街道 of residents' committees are no townships; 安州街道 with village committees is", async () => {
    const names = async (county: string) =>
      (await loadNetworkSnapshot(db.db, county, "2018-10-31")).townships.map((t) => t.name);
    const xuanhua = await names("130705");
    expect(xuanhua).not.toContain("天泰寺街道");
    expect(xuanhua).toContain("庞家堡镇");
    expect(xuanhua).toContain("春光乡");
    expect(xuanhua.some((n) => n.endsWith("街道"))).toBe(false);
    expect(await names("130825")).toContain("安州街道");
    const facts = await networkFacts(db, "130705", "2018-10-31");
    expect(facts.townships).toBe(xuanhua.length);
  });

  it("opens pages on today in China time without the demo, and says so", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/default-as-of" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ asOf: chinaDate(), today: chinaDate(), reason: "today" });
    await db.db
      .insertInto("meta")
      .values({ key: "demo_loaded_at", value: "2026-12-02T00:00:00+08:00" })
      .execute();
    expect((await app.inject({ method: "GET", url: "/api/v1/default-as-of" })).json()).toMatchObject({
      asOf: "2018-10-31",
      reason: "demo",
    });
  });
});
