import { describe, expect, it } from "vitest";
import {
  checkCountyCenterSpec,
  checkFacilitySpec,
  checkLogisticsSpec,
  checkStationSpec,
  countCoverage,
  countsAsTownship,
  coverageTargets,
  DEFAULT_STATION_SPEC,
  DEFAULT_TOWNSHIP_CENTER_SPEC,
  DEFAULT_WAREHOUSE_SPEC,
  formatArea,
  gapList,
  isInServiceOn,
  isRequiredVillage,
  missingItems,
  neededForBp,
  type PlannerVillage,
  parseAreaTenths,
  parseFacilityKind,
  parseRooms,
  ratioBp,
  routeFundingConflicts,
  STATION_EQUIPMENT,
  splitList,
  stationFundingConflicts,
  statusFromDate,
  withStationsAdded,
} from "./network";

const ALL_NINE = "电脑,背景墙,42寸电视,上网行为数据管理器,物流筐,公告牌,门头,灯箱,WIFI标识牌";
const station = (over: Partial<Parameters<typeof checkStationSpec>[0]> = {}) =>
  checkStationSpec({
    areaTenths: 120,
    equipment: splitList(ALL_NINE),
    population: 620,
    isPoorVillage: false,
    ...over,
  });

describe("areas in tenths of m²", () => {
  it("parses what county staff type, exactly, and refuses a second decimal", () => {
    expect(parseAreaTenths("12")).toEqual({ ok: true, value: 120 });
    expect(parseAreaTenths("12.5")).toEqual({ ok: true, value: 125 });
    expect(parseAreaTenths(" 600平方米")).toEqual({ ok: true, value: 6000 });
    expect(parseAreaTenths("9.9㎡")).toEqual({ ok: true, value: 99 });
    expect(parseAreaTenths("1,200")).toEqual({ ok: true, value: 12000 });
    expect(parseAreaTenths("10.50")).toEqual({ ok: true, value: 105 });
    expect(parseAreaTenths("10.55").ok).toBe(false);
    expect(parseAreaTenths("-3").ok).toBe(false);
    expect(parseAreaTenths("十平米").ok).toBe(false);
    expect([formatArea(80), formatArea(125), formatArea(6000)]).toEqual(["8", "12.5", "600"]);
  });
});

describe("station spec (S5) and required villages (S2)", () => {
  it("passes a 10 m² station with all nine items in a village of 620 residents", () => {
    const check = station({ areaTenths: 100 });
    expect(check.ok).toBe(true);
    expect(check.items).toHaveLength(10);
    expect(check.items[0]!.message).toBe("面积 10 m² ≥ 10 m²：常住人口 620 ≥ 500");
  });

  it("fails 9.9 m² where the village has 500 residents, names the reason (S5)", () => {
    expect(station({ areaTenths: 99, population: 500 }).problems).toEqual([
      "面积 9.9 m² < 10 m²：常住人口 500 ≥ 500",
    ]);
    expect(station({ areaTenths: 80, population: 620 }).problems).toEqual([
      "面积 8 m² < 10 m²：常住人口 620 ≥ 500",
    ]);
  });

  it("needs only 5 m² at 499 residents, and 10 m² at 500 (S5 boundary)", () => {
    expect(station({ areaTenths: 50, population: 499 }).ok).toBe(true);
    expect(station({ areaTenths: 50, population: 499 }).items[0]!.message).toBe(
      "面积 5 m² ≥ 5 m²：常住人口 499 < 500",
    );
    expect(station({ areaTenths: 49, population: 499 }).problems).toEqual([
      "面积 4.9 m² < 5 m²：常住人口 499 < 500",
    ]);
    expect(station({ areaTenths: 50, population: 500 }).ok).toBe(false);
  });

  it("a registered poor village's size follows its population, like any village (rule S5, 2026-12)", () => {
    // 8 m² in a poor village of 499 residents passes; of 500 it fails.
    expect(station({ areaTenths: 80, population: 499, isPoorVillage: true }).ok).toBe(true);
    expect(station({ areaTenths: 80, population: 499, isPoorVillage: true }).items[0]!.message).toBe(
      "面积 8 m² ≥ 5 m²：常住人口 499 < 500",
    );
    expect(station({ areaTenths: 80, population: 500, isPoorVillage: true }).problems).toEqual([
      "面积 8 m² < 10 m²：常住人口 500 ≥ 500",
    ]);
    expect(station({ areaTenths: 49, population: 499, isPoorVillage: true }).ok).toBe(false);
    expect(station({ areaTenths: 50, population: 499, isPoorVillage: true }).ok).toBe(true);
    // The old reading stays available as a setting for a province that refines the standard.
    const strict = { ...DEFAULT_STATION_SPEC, poorVillageNeedsLargeStation: true };
    expect(
      checkStationSpec(
        { areaTenths: 80, equipment: splitList(ALL_NINE), population: 300, isPoorVillage: true },
        strict,
      ).problems,
    ).toEqual(["面积 8 m² < 10 m²：建档立卡贫困村"]);
  });

  it("reads the upper bound of 5–10 m² as a setting, off by default", () => {
    const capped = { ...DEFAULT_STATION_SPEC, smallMaxAreaTenths: 100 };
    const input = { areaTenths: 101, equipment: splitList(ALL_NINE), population: 200, isPoorVillage: false };
    expect(checkStationSpec(input).ok).toBe(true);
    expect(checkStationSpec(input, capped).problems).toEqual(["面积 10.1 m² > 10 m²：常住人口 200 < 500"]);
  });

  it("cannot judge the area without the village's population, nor without an area", () => {
    expect(station({ population: null, areaTenths: 80 }).problems).toEqual([
      "村常住人口未登记，无法判定面积要求（请先导入村庄表）",
    ]);
    // 12 m² meets either half of S5, so the unknown population does not matter.
    expect(station({ population: null, isPoorVillage: true }).ok).toBe(true);
    expect(station({ population: null, areaTenths: 99 }).ok).toBe(false);
    expect(station({ areaTenths: null }).problems).toEqual(["面积未填写（应 ≥ 10 m²：常住人口 620 ≥ 500）"]);
  });

  it("names each missing item of the nine (S5)", () => {
    const check = station({ equipment: ["电脑", "背景墙", "电视", "物流筐", "公告牌", "门头", "灯箱"] });
    expect(check.problems).toEqual(["缺少 42寸电视", "缺少 上网行为数据管理器", "缺少 WIFI标识牌"]);
    expect(station({ equipment: [] }).problems).toHaveLength(9);
  });

  it("accepts the common spellings of the nine items", () => {
    const variants = splitList(
      "台式电脑，形象墙、42寸液晶电视;上网行为管理器；收发货物流筐,公告栏,门头招牌,LED灯箱,Wi-Fi 标识牌",
    );
    expect(missingItems(variants, STATION_EQUIPMENT)).toEqual([]);
    expect(missingItems(["WiFi标识牌", "电视42寸"], STATION_EQUIPMENT).map((i) => i.name)).not.toContain(
      "WIFI标识牌",
    );
    expect(missingItems(["电视42寸"], STATION_EQUIPMENT).map((i) => i.name)).not.toContain("42寸电视");
  });

  it("a TV must be 42 inches or larger", () => {
    const tv = (text: string) => missingItems([text], STATION_EQUIPMENT).some((i) => i.key === "tv42");
    expect(tv("32寸电视")).toBe(true);
    expect(tv("41英寸电视")).toBe(true);
    expect(tv("42英寸电视")).toBe(false);
    expect(tv("55吋液晶电视")).toBe(false);
    expect(tv("电视")).toBe(true);
  });

  it("requires a station in poor villages and villages of 500+ only (S2)", () => {
    expect(isRequiredVillage({ population: 499, isPoor: false })).toBe(false);
    expect(isRequiredVillage({ population: 500, isPoor: false })).toBe(true);
    expect(isRequiredVillage({ population: 10, isPoor: true })).toBe(true);
    expect(isRequiredVillage({ population: null, isPoor: false })).toBe(false);
  });
});

describe("county centre spec (S3)", () => {
  const rooms = parseRooms("交流室,电教室，会议室、办公室,农产品研发体验中心(150平方米)");
  const center = { areaTenths: 6000, rooms, hasSign: true, isCentrallyFunded: true };

  it("parses rooms with optional areas", () => {
    expect(parseRooms("会议室：60㎡, 农产品研发体验中心150, 办公室")).toEqual([
      { name: "会议室", areaTenths: 600 },
      { name: "农产品研发体验中心", areaTenths: 1500 },
      { name: "办公室", areaTenths: null },
    ]);
  });

  it("passes at exactly 600 m² with the five rooms and the sign", () => {
    expect(checkCountyCenterSpec(center).problems).toEqual([]);
  });

  it("fails at 599.9 m²", () => {
    expect(checkCountyCenterSpec({ ...center, areaTenths: 5999 }).problems).toEqual([
      "面积 599.9 m² < 600 m²",
    ]);
  });

  it("bounds the R&D experience centre to 100–200 m², both ends inclusive", () => {
    const at = (area: string) =>
      checkCountyCenterSpec({
        ...center,
        rooms: parseRooms(`交流室,电教室,会议室,办公室,农产品研发体验中心(${area})`),
      }).problems;
    expect(at("100")).toEqual([]);
    expect(at("200")).toEqual([]);
    expect(at("99.9")).toEqual(["农产品研发体验中心面积 99.9 m² 不在 100–200 m² 内"]);
    expect(at("200.1")).toEqual(["农产品研发体验中心面积 200.1 m² 不在 100–200 m² 内"]);
    expect(
      checkCountyCenterSpec({
        ...center,
        rooms: parseRooms("交流室,电教室,会议室,办公室,农产品研发体验中心"),
      }).problems,
    ).toEqual(["农产品研发体验中心面积未填写（应为 100–200 m²）"]);
  });

  it("names missing rooms, and the sign only where central funds paid", () => {
    const check = checkCountyCenterSpec({
      ...center,
      rooms: parseRooms("会议室,办公室,农产品研发体验中心(120)"),
      hasSign: false,
    });
    expect(check.problems).toEqual([
      "缺少 交流室",
      "缺少 电教室",
      "缺少“电子商务进农村综合示范项目”标识（中央资金支持项目）",
    ]);
    expect(checkCountyCenterSpec({ ...center, hasSign: false, isCentrallyFunded: false }).ok).toBe(true);
  });
});

describe("warehouse and township centre spec (S4)", () => {
  const equipment = splitList("打包台,货架,扫码枪,配送车辆");
  it("a county warehouse needs 800 m²", () => {
    const at = (areaTenths: number) =>
      checkLogisticsSpec(
        { areaTenths, equipment, hasSign: false, isCentrallyFunded: true },
        DEFAULT_WAREHOUSE_SPEC,
      );
    expect(at(8000).ok).toBe(true);
    expect(at(7999).problems).toEqual(["面积 799.9 m² < 800 m²"]);
  });

  it("a township centre needs 100 m² and a computer too", () => {
    const at = (areaTenths: number, items: string[]) =>
      checkLogisticsSpec(
        { areaTenths, equipment: items, hasSign: false, isCentrallyFunded: false },
        DEFAULT_TOWNSHIP_CENTER_SPEC,
      );
    expect(at(1000, [...equipment, "电脑"]).ok).toBe(true);
    expect(at(999, equipment).problems).toEqual(["面积 99.9 m² < 100 m²", "缺少 电脑"]);
  });

  it("dispatches by kind", () => {
    const base = { areaTenths: 8000, equipment, rooms: [], hasSign: false, isCentrallyFunded: false };
    expect(checkFacilitySpec({ ...base, kind: "county_warehouse" }).ok).toBe(true);
    expect(checkFacilitySpec({ ...base, kind: "township_center" }).problems).toEqual(["缺少 电脑"]);
    expect(checkFacilitySpec({ ...base, kind: "county_center" }).ok).toBe(false);
  });
});

describe("F9 central funding limits", () => {
  it("refuses a second centrally funded station in one village", () => {
    expect(
      stationFundingConflicts([
        { stationNo: "S1", villageCode: "130533100201", isCentrallyFunded: true },
        { stationNo: "S2", villageCode: "130533100201", isCentrallyFunded: true },
        { stationNo: "S3", villageCode: "130533100201", isCentrallyFunded: false },
        { stationNo: "S4", villageCode: "130533100202", isCentrallyFunded: true },
      ]),
    ).toEqual(["村 130533100201 有 2 个中央资金支持的站点：S1、S2（同一行政村中央财政支持不超过1个）"]);
  });

  it("refuses a second centrally funded company on one route, whatever the spacing", () => {
    const conflicts = routeFundingConflicts([
      { route: "县城—章台", company: "甲物流", isCentrallyFunded: true },
      { route: "县城 - 章台", company: "甲物流", isCentrallyFunded: true },
      { route: "县城-章台", company: "乙快递", isCentrallyFunded: true },
      { route: "县城-洺州", company: "丙快递", isCentrallyFunded: true },
      { route: "县城-洺州", company: "丁快递", isCentrallyFunded: false },
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toContain("线路");
    expect(conflicts[0]).toContain("甲物流、乙快递");
  });
});

describe("coverage (G1, S7, S8) and the planner", () => {
  const village = (i: number, over: Partial<PlannerVillage> = {}): PlannerVillage => ({
    code: `1305331002${String(i).padStart(2, "0")}`,
    name: `村${i}`,
    townshipCode: "130533100",
    population: 300,
    isPoor: false,
    hasBroadband: true,
    hasStation: false,
    ...over,
  });

  it("floors bp, and G1 passes at exactly 50% but not one village under (G1)", () => {
    expect(ratioBp(1, 3)).toBe(3333);
    expect(neededForBp(7, 5000)).toBe(4);
    expect(neededForBp(8, 5000)).toBe(4);
    const at = (withStation: number, of: number) =>
      coverageTargets({
        villages: of,
        villagesWithStation: withStation,
        poorVillages: 4,
        poorVillagesWithStation: 2,
        villagesWithBroadband: of,
        townships: 1,
        townshipsWithExpress: 1,
      })[0]!;
    expect(at(4, 8)).toMatchObject({ bp: 5000, ok: true, shortBy: 0 });
    expect(at(3, 8)).toMatchObject({ bp: 3750, ok: false, shortBy: 1 });
    expect(at(3, 7)).toMatchObject({ bp: 4285, ok: false, shortBy: 1 });
    expect(at(3, 8).message).toBe("站点覆盖行政村 3/8 = 37.5% < 50%");
  });

  it("poor villages are a separate 50% (G1), broadband 90% (S8), township express 100% (S7)", () => {
    const targets = coverageTargets({
      villages: 10,
      villagesWithStation: 10,
      poorVillages: 3,
      poorVillagesWithStation: 1,
      villagesWithBroadband: 9,
      townships: 5,
      townshipsWithExpress: 4,
    });
    expect(targets.map((t) => [t.key, t.rule, t.bp, t.ok])).toEqual([
      ["villages", "G1", 10000, true],
      ["poor_villages", "G1", 3333, false],
      ["broadband", "S8", 9000, true],
      ["township_express", "S7", 8000, false],
    ]);
    const broadband = coverageTargets({
      villages: 10,
      villagesWithStation: 0,
      poorVillages: 0,
      poorVillagesWithStation: 0,
      villagesWithBroadband: 8,
      townships: 0,
      townshipsWithExpress: 0,
    });
    expect(broadband[2]).toMatchObject({ bp: 8000, ok: false, shortBy: 1 });
    expect(broadband[1]).toMatchObject({ ok: false, message: "站点覆盖建档立卡贫困村：无登记数据" });
  });

  it("lists required villages without a station, poor first then by population", () => {
    const villages = [
      village(1, { population: 800 }),
      village(2, { population: 300, isPoor: true }),
      village(3, { population: 1200 }),
      village(4, { population: 499 }),
      village(5, { population: 900, isPoor: true }),
      village(6, { population: 2000, hasStation: true }),
      village(7, { population: null, isPoor: true }),
    ];
    expect(gapList(villages).map((v) => v.name)).toEqual(["村5", "村2", "村7", "村3", "村1"]);
  });

  it("what-if: adding stations moves the counts, and only once per village", () => {
    const villages = [village(1, { isPoor: true }), village(2), village(3), village(4, { hasStation: true })];
    expect(countCoverage(villages)).toMatchObject({ villagesWithStation: 1, poorVillagesWithStation: 0 });
    const after = countCoverage(withStationsAdded(villages, [village(1).code, village(4).code]));
    expect(after).toMatchObject({
      villages: 4,
      villagesWithStation: 2,
      poorVillages: 1,
      poorVillagesWithStation: 1,
      requiredVillages: 1,
      requiredVillagesWithStation: 1,
    });
  });
});

describe("townships of S7", () => {
  it("counts every 乡 and 镇, and a 街道 only with village committees (rule S7 reading)", () => {
    expect(countsAsTownship({ name: "洺州镇", villageCommittees: 0 })).toBe(true);
    expect(countsAsTownship({ name: "七级乡", villageCommittees: 12 })).toBe(true);
    expect(countsAsTownship({ name: "洺州街道", villageCommittees: 0 })).toBe(false);
    expect(countsAsTownship({ name: "洺州街道", villageCommittees: 1 })).toBe(true);
    expect(countsAsTownship({ name: "经济开发区", villageCommittees: 0 })).toBe(false);
    expect(
      countsAsTownship({ name: "洺州街道", villageCommittees: 0 }, { urbanUnitNeedsVillages: false }),
    ).toBe(true);
  });
});

describe("in service on a date (G1 counts as of the assessment day)", () => {
  it("counts a station from its 建成日期, and an undated one only while open", () => {
    const s = (
      status: "planned" | "building" | "open" | "closed",
      builtOn: string | null,
      closedOn: string | null = null,
    ) => ({ status, builtOn, closedOn });
    expect(isInServiceOn(s("open", "2018-10-31"), "2018-10-31")).toBe(true);
    expect(isInServiceOn(s("open", "2018-11-01"), "2018-10-31")).toBe(false);
    expect(isInServiceOn(s("planned", "2018-01-01"), "2018-10-31")).toBe(true);
    expect(isInServiceOn(s("open", null), "2018-10-31")).toBe(true);
    expect(isInServiceOn(s("building", null), "2018-10-31")).toBe(false);
    expect(isInServiceOn(s("closed", "2018-01-01", "2018-06-30"), "2018-06-29")).toBe(true);
    expect(isInServiceOn(s("closed", "2018-01-01", "2018-06-30"), "2018-06-30")).toBe(false);
    expect(isInServiceOn(s("closed", "2018-01-01"), "2018-10-31")).toBe(false);
    expect(statusFromDate("2018-05-01", "2018-10-31")).toBe("open");
    expect(statusFromDate("2019-05-01", "2018-10-31")).toBe("building");
    expect(statusFromDate(null, "2018-10-31")).toBe("open");
  });
});

describe("facility kinds of the 设施 sheet (S1)", () => {
  it("reads the three kinds and their usual longer names", () => {
    expect(parseFacilityKind("县级服务中心")).toBe("county_center");
    expect(parseFacilityKind("县级电子商务公共服务中心")).toBe("county_center");
    expect(parseFacilityKind(" 县级仓储物流配送中心 ")).toBe("county_warehouse");
    expect(parseFacilityKind("乡镇配送中心")).toBe("township_center");
    expect(parseFacilityKind("township_center")).toBe("township_center");
    expect(parseFacilityKind("村级服务站")).toBeUndefined();
  });
});
