/**
 * Rules of the service network (服务体系): facility specs S3–S5, required villages S2, coverage
 * G1 / S7 / S8, and the F9 one-per-village / one-per-route limits on central funds.
 *
 * Pure: no I/O, runs in Node and in the browser (the planner's what-if and the station form call
 * the same functions as the server). Areas are integer tenths of a square metre (12.5 m² = 125),
 * so no float ever decides a threshold; shares are basis points, floored (bp = ⌊10000·n/d⌋).
 * Every threshold is an exported setting: the appendix lets localities refine the standard.
 */

import type { ParseResult } from "./money";
import { ratioBp } from "./ratio";

export { ratioBp };

// ---------------------------------------------------------------------------------------------
// Units

/** Formats tenths of a square metre as the number people read: 80 → "8", 125 → "12.5". */
export function formatArea(tenths: number): string {
  const whole = Math.trunc(tenths / 10);
  const rest = Math.abs(tenths % 10);
  return rest === 0 ? String(whole) : `${tenths < 0 && whole === 0 ? "-" : ""}${whole}.${rest}`;
}

const AREA = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses an area as county staff type it ("12", "12.5", "12.5㎡", "600平方米") into integer tenths
 * of m², by reading digits (never through floating point). More than one significant decimal is
 * an error, not a rounding.
 */
export function parseAreaTenths(text: string): ParseResult<number> {
  const cleaned = text
    .normalize("NFKC")
    .trim()
    .replace(/\s*(平方米|平米|m2|m²|㎡)$/i, "")
    .replace(/,/g, "");
  const m = AREA.exec(cleaned);
  const fraction = m?.[2] ?? "";
  if (!m || /[1-9]/.test(fraction.slice(1))) {
    return {
      ok: false,
      reason: {
        zh: `面积应为平方米数，最多一位小数，实为“${text}”`,
        en: `Expected an area in m² with at most one decimal, got "${text}"`,
      },
    };
  }
  const value = Number(m[1]) * 10 + Number(fraction.slice(0, 1) || "0");
  if (!Number.isSafeInteger(value)) {
    return { ok: false, reason: { zh: `面积过大：“${text}”`, en: `Area too large: "${text}"` } };
  }
  return { ok: true, value };
}

/** The smallest numerator n with ⌊10000·n/d⌋ ≥ bp, in integers. */
export function neededForBp(denominator: number, bp: number): number {
  return Math.floor((bp * denominator + 9_999) / 10_000);
}

const pct = (bp: number) => `${bp / 100}%`;

// ---------------------------------------------------------------------------------------------
// Equipment and rooms: the lists a spec requires, with the spellings county staff use

/** An item a spec requires, and the texts that name it. */
export type RequiredItem = {
  key: string;
  /** The name in the standard, used in messages ("缺少 42寸电视"). */
  name: string;
  /** Texts (after normalization: NFKC, lower case, no spaces or dashes) that contain one name it. */
  variants: readonly string[];
  /** For screens: the smallest size in inches the text must state (电视42寸, rule S5). */
  minInches?: number;
};

/** NFKC, lower case, without spaces, dashes and brackets: "Wi-Fi 标识牌" → "wifi标识牌". */
export function normalizeItemText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_·・()（）[\]【】"“”']/g, "");
}

/** Splits a list cell on the separators county staff use: , ， 、 ; ； and line breaks. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，、;；\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function inches(normalized: string): number | undefined {
  const m = /(\d+)(?:寸|英寸|吋|inch|in|")/.exec(normalized);
  return m ? Number(m[1]) : undefined;
}

/** Whether one listed text names the required item (a TV must also be large enough). */
export function namesItem(text: string, item: RequiredItem): boolean {
  const t = normalizeItemText(text);
  if (!item.variants.some((v) => t.includes(v))) return false;
  if (item.minInches === undefined) return true;
  const size = inches(t);
  return size !== undefined && size >= item.minInches;
}

/** The required items that no listed text names, in the order of the spec. */
export function missingItems(listed: readonly string[], required: readonly RequiredItem[]): RequiredItem[] {
  return required.filter((item) => !listed.some((text) => namesItem(text, item)));
}

/** Rule S5: indoor and outdoor equipment of a village station (室内 6 项、室外 3 项). */
export const STATION_EQUIPMENT: readonly RequiredItem[] = [
  { key: "computer", name: "电脑", variants: ["电脑", "计算机", "台式机", "笔记本"] },
  { key: "backdrop", name: "背景墙", variants: ["背景墙", "形象墙"] },
  { key: "tv42", name: "42寸电视", variants: ["电视"], minInches: 42 },
  { key: "data_manager", name: "上网行为数据管理器", variants: ["上网行为"] },
  { key: "baskets", name: "物流筐", variants: ["物流筐", "物流框", "快递筐", "周转筐"] },
  { key: "notice_board", name: "公告牌", variants: ["公告牌", "公告栏", "公示牌", "公示栏"] },
  { key: "door_sign", name: "门头", variants: ["门头", "招牌"] },
  { key: "light_box", name: "灯箱", variants: ["灯箱"] },
  {
    key: "wifi_sign",
    name: "WIFI标识牌",
    variants: ["wifi标识", "wifi标志", "wifi标牌", "wifi牌", "无线网络标识"],
  },
];

const PACKING = { key: "packing_table", name: "打包台", variants: ["打包台", "包装台"] };
const SHELVES = { key: "shelves", name: "货架", variants: ["货架"] };
const SCANNER = { key: "scanner", name: "扫枪", variants: ["扫枪", "扫码枪", "扫描枪", "巴枪"] };
const VEHICLE = {
  key: "vehicle",
  name: "配送车辆",
  variants: ["配送车", "物流车", "送货车", "运输车", "货车"],
};
const COMPUTER = STATION_EQUIPMENT[0]!;

/** Rule S4: the county warehouse's equipment (打包台，货架，扫枪，配送车辆). */
export const WAREHOUSE_EQUIPMENT: readonly RequiredItem[] = [PACKING, SHELVES, SCANNER, VEHICLE];

/** Rule S4: a township distribution centre's equipment (打包台，货架，电脑，扫枪，配送车辆). */
export const TOWNSHIP_CENTER_EQUIPMENT: readonly RequiredItem[] = [
  PACKING,
  SHELVES,
  COMPUTER,
  SCANNER,
  VEHICLE,
];

/** Rule S3: the county centre's rooms (交流室、电教室、会议室、办公室、农产品研发体验中心). */
export const COUNTY_CENTER_ROOMS: readonly RequiredItem[] = [
  { key: "exchange", name: "交流室", variants: ["交流室", "交流区"] },
  { key: "classroom", name: "电教室", variants: ["电教室", "电子教室", "多媒体教室"] },
  { key: "meeting", name: "会议室", variants: ["会议室"] },
  { key: "office", name: "办公室", variants: ["办公室", "办公区"] },
  {
    key: "rd_experience",
    name: "农产品研发体验中心",
    variants: ["研发体验中心", "农产品研发", "农产品体验", "体验中心"],
  },
];

/** A room of a facility as listed in the 功能室 column: its name and, if given, its area. */
export type Room = { name: string; areaTenths: number | null };

/**
 * Parses the 功能室 cell: rooms separated by , ， 、 ;, each optionally followed by its area
 * ("农产品研发体验中心(150)", "农产品研发体验中心150平方米", "会议室：60㎡").
 */
export function parseRooms(text: string): Room[] {
  return splitList(text).map((part) => {
    const m = /^(.*?)[\s:：(（]*(\d+(?:\.\d+)?)\s*(?:平方米|平米|㎡|m2|m²)?\s*[)）]?$/i.exec(
      part.normalize("NFKC"),
    );
    if (m && m[1]!.trim() !== "") {
      const area = parseAreaTenths(m[2]!);
      if (area.ok) return { name: m[1]!.trim(), areaTenths: area.value };
    }
    return { name: part, areaTenths: null };
  });
}

/** Formats rooms back into one cell: "交流室,农产品研发体验中心(150)". */
export function formatRooms(rooms: readonly Room[]): string {
  return rooms
    .map((r) => (r.areaTenths === null ? r.name : `${r.name}(${formatArea(r.areaTenths)})`))
    .join(",");
}

// ---------------------------------------------------------------------------------------------
// Settings (readings of the standard that a province administrator may change)

export type StationSpecSettings = {
  /** 常住人口500人以上: a village of this many residents or more needs the larger station (S2, S5). */
  largeVillagePopulation: number;
  /**
   * Reading: a registered poor village needs the larger station whatever its population. Off: the
   * seed names "行政村或建档立卡贫困村" in both halves of S5, so population decides (corrected 2026-12).
   */
  poorVillageNeedsLargeStation: boolean;
  /** 建设面积10平米以上, in tenths of m². */
  largeMinAreaTenths: number;
  /** 5–10平米: the lower bound, in tenths of m². */
  smallMinAreaTenths: number;
  /** Reading: the upper bound of "5–10 m²" is not a limit (a bigger station is no fault); null = none. */
  smallMaxAreaTenths: number | null;
  equipment: readonly RequiredItem[];
};

export const DEFAULT_STATION_SPEC: StationSpecSettings = {
  largeVillagePopulation: 500,
  poorVillageNeedsLargeStation: false,
  largeMinAreaTenths: 100,
  smallMinAreaTenths: 50,
  smallMaxAreaTenths: null,
  equipment: STATION_EQUIPMENT,
};

export type CountyCenterSpecSettings = {
  /** 面积600平米以上, in tenths of m². */
  minAreaTenths: number;
  rooms: readonly RequiredItem[];
  /** The room whose area is bounded (农产品研发体验中心 100–200平米), with its bounds in tenths. */
  boundedRoom: { key: string; minTenths: number; maxTenths: number };
  /** 显著位置标识“电子商务进农村综合示范项目” where central funds paid. */
  signRequiredWhenCentrallyFunded: boolean;
};

export const DEFAULT_COUNTY_CENTER_SPEC: CountyCenterSpecSettings = {
  minAreaTenths: 6000,
  rooms: COUNTY_CENTER_ROOMS,
  boundedRoom: { key: "rd_experience", minTenths: 1000, maxTenths: 2000 },
  signRequiredWhenCentrallyFunded: true,
};

export type LogisticsSpecSettings = {
  minAreaTenths: number;
  equipment: readonly RequiredItem[];
  /**
   * Reading: whether the S3 sign is also required of this facility when centrally funded (the
   * appendix states it under the county centre only).
   */
  signRequiredWhenCentrallyFunded: boolean;
};

/** Rule S4: county warehouse ≥ 800 m². */
export const DEFAULT_WAREHOUSE_SPEC: LogisticsSpecSettings = {
  minAreaTenths: 8000,
  equipment: WAREHOUSE_EQUIPMENT,
  signRequiredWhenCentrallyFunded: false,
};

/** Rule S4: township distribution centre ≥ 100 m². */
export const DEFAULT_TOWNSHIP_CENTER_SPEC: LogisticsSpecSettings = {
  minAreaTenths: 1000,
  equipment: TOWNSHIP_CENTER_EQUIPMENT,
  signRequiredWhenCentrallyFunded: false,
};

export type CoverageSettings = {
  /** G1: stations in ≥ 50% of administrative villages. */
  villageCoverageBp: number;
  /** G1: stations in ≥ 50% of registered poor villages. */
  poorVillageCoverageBp: number;
  /** S8: broadband in ≥ 90% of administrative villages. */
  broadbandBp: number;
  /** S7: express outlets in 100% of townships. */
  townshipExpressBp: number;
};

export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = {
  villageCoverageBp: 5000,
  poorVillageCoverageBp: 5000,
  broadbandBp: 9000,
  townshipExpressBp: 10_000,
};

// ---------------------------------------------------------------------------------------------
// Spec checks (S3–S5)

export type FacilityKind = "county_center" | "county_warehouse" | "township_center" | "village_station";

/** One line of a spec check: what was looked at, and whether it passes. */
export type SpecItem = {
  key: string;
  rule: "S3" | "S4" | "S5";
  ok: boolean;
  /** In Chinese, e.g. "面积 8 m² < 10 m²：常住人口 620 ≥ 500" or "缺少 42寸电视". */
  message: string;
};

export type SpecCheck = {
  ok: boolean;
  items: SpecItem[];
  /** The messages of the failing items, in order. */
  problems: string[];
};

function result(items: SpecItem[]): SpecCheck {
  const problems = items.filter((i) => !i.ok).map((i) => i.message);
  return { ok: problems.length === 0, items, problems };
}

function equipmentItems(
  listed: readonly string[],
  required: readonly RequiredItem[],
  rule: SpecItem["rule"],
): SpecItem[] {
  return required.map((item) => {
    const ok = listed.some((text) => namesItem(text, item));
    return { key: `equipment:${item.key}`, rule, ok, message: ok ? `有 ${item.name}` : `缺少 ${item.name}` };
  });
}

function minAreaItem(areaTenths: number | null, minTenths: number, rule: SpecItem["rule"]): SpecItem {
  if (areaTenths === null) {
    return { key: "area", rule, ok: false, message: `面积未填写（应 ≥ ${formatArea(minTenths)} m²）` };
  }
  const ok = areaTenths >= minTenths;
  return {
    key: "area",
    rule,
    ok,
    message: `面积 ${formatArea(areaTenths)} m² ${ok ? "≥" : "<"} ${formatArea(minTenths)} m²`,
  };
}

/** A village station and what the spec needs to know about its village. */
export type StationSpecInput = {
  areaTenths: number | null;
  equipment: readonly string[];
  /** 常住人口 of the village; null when the village registry has no figure. */
  population: number | null;
  isPoorVillage: boolean;
};

/** Whether the village needs the larger station (≥ 10 m²), and why (S5), or undefined if unknown. */
export function stationSize(
  village: { population: number | null; isPoorVillage: boolean },
  settings: StationSpecSettings = DEFAULT_STATION_SPEC,
): { large: boolean; reason: string } | undefined {
  const threshold = settings.largeVillagePopulation;
  const reasons: string[] = [];
  if (village.population !== null && village.population >= threshold) {
    reasons.push(`常住人口 ${village.population} ≥ ${threshold}`);
  }
  if (village.isPoorVillage && settings.poorVillageNeedsLargeStation) reasons.push("建档立卡贫困村");
  if (reasons.length) return { large: true, reason: reasons.join("，") };
  if (village.population === null) return undefined;
  return { large: false, reason: `常住人口 ${village.population} < ${threshold}` };
}

/** Rule S5: area by village size, and the nine items indoors and outdoors. */
export function checkStationSpec(
  station: StationSpecInput,
  settings: StationSpecSettings = DEFAULT_STATION_SPEC,
): SpecCheck {
  const items: SpecItem[] = [];
  const size = stationSize(station, settings);
  const area = station.areaTenths;
  if (!size && area !== null && area >= settings.largeMinAreaTenths) {
    // Without the population either half of S5 could apply, but this area meets both.
    items.push({
      key: "area",
      rule: "S5",
      ok: true,
      message: `面积 ${formatArea(area)} m² ≥ ${formatArea(settings.largeMinAreaTenths)} m²（村常住人口未登记）`,
    });
  } else if (!size) {
    items.push({
      key: "area",
      rule: "S5",
      ok: false,
      message: "村常住人口未登记，无法判定面积要求（请先导入村庄表）",
    });
  } else if (area === null) {
    const min = size.large ? settings.largeMinAreaTenths : settings.smallMinAreaTenths;
    items.push({
      key: "area",
      rule: "S5",
      ok: false,
      message: `面积未填写（应 ≥ ${formatArea(min)} m²：${size.reason}）`,
    });
  } else if (size.large) {
    const ok = area >= settings.largeMinAreaTenths;
    items.push({
      key: "area",
      rule: "S5",
      ok,
      message: `面积 ${formatArea(area)} m² ${ok ? "≥" : "<"} ${formatArea(settings.largeMinAreaTenths)} m²：${size.reason}`,
    });
  } else {
    const min = settings.smallMinAreaTenths;
    const max = settings.smallMaxAreaTenths;
    const ok = area >= min && (max === null || area <= max);
    const bound = max === null ? `≥ ${formatArea(min)} m²` : `${formatArea(min)}–${formatArea(max)} m²`;
    const message = ok
      ? `面积 ${formatArea(area)} m² ${bound}：${size.reason}`
      : area < min
        ? `面积 ${formatArea(area)} m² < ${formatArea(min)} m²：${size.reason}`
        : `面积 ${formatArea(area)} m² > ${formatArea(max!)} m²：${size.reason}`;
    items.push({ key: "area", rule: "S5", ok, message });
  }
  items.push(...equipmentItems(station.equipment, settings.equipment, "S5"));
  return result(items);
}

/** A county public service centre as recorded. */
export type CountyCenterSpecInput = {
  areaTenths: number | null;
  rooms: readonly Room[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
};

/** Rule S3: ≥ 600 m², the five rooms (研发体验中心 100–200 m²), the sign where central funds paid. */
export function checkCountyCenterSpec(
  center: CountyCenterSpecInput,
  settings: CountyCenterSpecSettings = DEFAULT_COUNTY_CENTER_SPEC,
): SpecCheck {
  const items: SpecItem[] = [minAreaItem(center.areaTenths, settings.minAreaTenths, "S3")];
  for (const required of settings.rooms) {
    const room = center.rooms.find((r) => namesItem(r.name, required));
    const key = `room:${required.key}`;
    if (!room) {
      items.push({ key, rule: "S3", ok: false, message: `缺少 ${required.name}` });
      continue;
    }
    const bound = settings.boundedRoom;
    if (bound.key !== required.key) {
      items.push({ key, rule: "S3", ok: true, message: `有 ${required.name}` });
      continue;
    }
    const range = `${formatArea(bound.minTenths)}–${formatArea(bound.maxTenths)} m²`;
    if (room.areaTenths === null) {
      items.push({ key, rule: "S3", ok: false, message: `${required.name}面积未填写（应为 ${range}）` });
    } else {
      const ok = room.areaTenths >= bound.minTenths && room.areaTenths <= bound.maxTenths;
      items.push({
        key,
        rule: "S3",
        ok,
        message: `${required.name}面积 ${formatArea(room.areaTenths)} m² ${ok ? "在" : "不在"} ${range} 内`,
      });
    }
  }
  items.push(signItem(center, settings.signRequiredWhenCentrallyFunded, "S3"));
  return result(items);
}

function signItem(
  facility: { hasSign: boolean; isCentrallyFunded: boolean },
  required: boolean,
  rule: SpecItem["rule"],
): SpecItem {
  if (!required || !facility.isCentrallyFunded) {
    return { key: "sign", rule, ok: true, message: "无需示范项目标识（非中央资金支持）" };
  }
  return facility.hasSign
    ? { key: "sign", rule, ok: true, message: "有“电子商务进农村综合示范项目”标识" }
    : { key: "sign", rule, ok: false, message: "缺少“电子商务进农村综合示范项目”标识（中央资金支持项目）" };
}

/** A warehouse or township centre as recorded. */
export type LogisticsSpecInput = {
  areaTenths: number | null;
  equipment: readonly string[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
};

/** Rule S4: area and equipment of the county warehouse or a township distribution centre. */
export function checkLogisticsSpec(facility: LogisticsSpecInput, settings: LogisticsSpecSettings): SpecCheck {
  const items = [
    minAreaItem(facility.areaTenths, settings.minAreaTenths, "S4"),
    ...equipmentItems(facility.equipment, settings.equipment, "S4"),
  ];
  if (settings.signRequiredWhenCentrallyFunded) items.push(signItem(facility, true, "S4"));
  return result(items);
}

/** Everything the spec of any facility kind reads. */
export type FacilitySpecInput = {
  kind: FacilityKind;
  areaTenths: number | null;
  equipment: readonly string[];
  rooms: readonly Room[];
  hasSign: boolean;
  isCentrallyFunded: boolean;
  /** Village stations only. */
  population?: number | null;
  isPoorVillage?: boolean;
};

export type NetworkSpecSettings = {
  station: StationSpecSettings;
  countyCenter: CountyCenterSpecSettings;
  warehouse: LogisticsSpecSettings;
  townshipCenter: LogisticsSpecSettings;
};

export const DEFAULT_NETWORK_SPEC: NetworkSpecSettings = {
  station: DEFAULT_STATION_SPEC,
  countyCenter: DEFAULT_COUNTY_CENTER_SPEC,
  warehouse: DEFAULT_WAREHOUSE_SPEC,
  townshipCenter: DEFAULT_TOWNSHIP_CENTER_SPEC,
};

/** The spec check of a facility of any kind (S3, S4 or S5). */
export function checkFacilitySpec(
  facility: FacilitySpecInput,
  settings: NetworkSpecSettings = DEFAULT_NETWORK_SPEC,
): SpecCheck {
  switch (facility.kind) {
    case "county_center":
      return checkCountyCenterSpec(facility, settings.countyCenter);
    case "county_warehouse":
      return checkLogisticsSpec(facility, settings.warehouse);
    case "township_center":
      return checkLogisticsSpec(facility, settings.townshipCenter);
    case "village_station":
      return checkStationSpec(
        {
          areaTenths: facility.areaTenths,
          equipment: facility.equipment,
          population: facility.population ?? null,
          isPoorVillage: facility.isPoorVillage ?? false,
        },
        settings.station,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// F9: one centrally funded station per village, one centrally funded company per route

/** Normalizes a name for comparison: NFKC, no spaces, one kind of dash. */
export function normalizeName(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[—–－~〜]/g, "-");
}

/**
 * Rule F9: villages with more than one centrally funded station. One message per village,
 * e.g. "村 130533100201 有 2 个中央资金支持的站点：S1、S2（同一行政村中央财政支持不超过1个）".
 */
export function stationFundingConflicts(
  stations: readonly { stationNo: string; villageCode: string; isCentrallyFunded: boolean }[],
): string[] {
  const byVillage = new Map<string, string[]>();
  for (const s of stations) {
    if (!s.isCentrallyFunded) continue;
    byVillage.set(s.villageCode, [...(byVillage.get(s.villageCode) ?? []), s.stationNo]);
  }
  return [...byVillage]
    .filter(([, nos]) => nos.length > 1)
    .map(
      ([village, nos]) =>
        `村 ${village} 有 ${nos.length} 个中央资金支持的站点：${nos.join("、")}（同一行政村中央财政支持不超过1个）`,
    );
}

/**
 * Rule F9: logistics routes on which central funds support more than one company. Each message
 * names the route ("线路"), which the scorecard uses to file it under A2 rather than A3.
 */
export function routeFundingConflicts(
  facilities: readonly { route: string | null; company: string | null; isCentrallyFunded: boolean }[],
): string[] {
  const byRoute = new Map<string, { route: string; companies: Map<string, string> }>();
  for (const f of facilities) {
    if (!f.isCentrallyFunded || !f.route?.trim() || !f.company?.trim()) continue;
    const key = normalizeName(f.route);
    const entry = byRoute.get(key) ?? { route: f.route.trim(), companies: new Map() };
    entry.companies.set(normalizeName(f.company), f.company.trim());
    byRoute.set(key, entry);
  }
  return [...byRoute.values()]
    .filter((r) => r.companies.size > 1)
    .map(
      (r) =>
        `物流线路「${r.route}」有 ${r.companies.size} 家中央资金支持的企业：${[...r.companies.values()].join("、")}（同一物流线路中央财政支持不超过1家）`,
    );
}

// ---------------------------------------------------------------------------------------------
// Coverage (G1, S2, S7, S8) and the planner

/** An administrative village as the planner sees it. */
export type PlannerVillage = {
  code: string;
  name: string;
  townshipCode: string;
  population: number | null;
  isPoor: boolean;
  hasBroadband: boolean;
  hasStation: boolean;
};

/** Rule S2: a station is required in every registered poor village and every village of 500+. */
export function isRequiredVillage(
  village: { population: number | null; isPoor: boolean },
  settings: StationSpecSettings = DEFAULT_STATION_SPEC,
): boolean {
  return (
    village.isPoor || (village.population !== null && village.population >= settings.largeVillagePopulation)
  );
}

export type CoverageCounts = {
  villages: number;
  villagesWithStation: number;
  poorVillages: number;
  poorVillagesWithStation: number;
  villagesWithBroadband: number;
  requiredVillages: number;
  requiredVillagesWithStation: number;
};

/** Counts over administrative villages only (the caller passes village committees, rule G1). */
export function countCoverage(
  villages: readonly PlannerVillage[],
  settings: StationSpecSettings = DEFAULT_STATION_SPEC,
): CoverageCounts {
  const counts: CoverageCounts = {
    villages: 0,
    villagesWithStation: 0,
    poorVillages: 0,
    poorVillagesWithStation: 0,
    villagesWithBroadband: 0,
    requiredVillages: 0,
    requiredVillagesWithStation: 0,
  };
  for (const v of villages) {
    counts.villages++;
    if (v.hasStation) counts.villagesWithStation++;
    if (v.isPoor) counts.poorVillages++;
    if (v.isPoor && v.hasStation) counts.poorVillagesWithStation++;
    if (v.hasBroadband) counts.villagesWithBroadband++;
    if (isRequiredVillage(v, settings)) {
      counts.requiredVillages++;
      if (v.hasStation) counts.requiredVillagesWithStation++;
    }
  }
  return counts;
}

export type TownshipReadingSettings = {
  /**
   * Reading of S7: townships are 乡 and 镇; a 街道 (or another township-level unit such as a
   * development zone) counts only if it contains village committees. Off: every unit counts.
   */
  urbanUnitNeedsVillages: boolean;
};

export const DEFAULT_TOWNSHIP_READING: TownshipReadingSettings = { urbanUnitNeedsVillages: true };

/** Rule S7: whether a township-level unit is in the denominator of express-outlet coverage. */
export function countsAsTownship(
  township: { name: string; villageCommittees: number },
  settings: TownshipReadingSettings = DEFAULT_TOWNSHIP_READING,
): boolean {
  if (!settings.urbanUnitNeedsVillages) return true;
  if (/[乡镇]$/.test(township.name.trim())) return true;
  return township.villageCommittees > 0;
}

/** One coverage target against its threshold. */
export type CoverageTarget = {
  key: "villages" | "poor_villages" | "broadband" | "township_express";
  rule: "G1" | "S7" | "S8";
  numerator: number;
  denominator: number;
  bp: number;
  thresholdBp: number;
  ok: boolean;
  /** How many more (stations, broadband villages, townships) reach the threshold; 0 when met. */
  shortBy: number;
  message: string;
};

function target(
  key: CoverageTarget["key"],
  rule: CoverageTarget["rule"],
  label: string,
  numerator: number,
  denominator: number,
  thresholdBp: number,
): CoverageTarget {
  const bp = ratioBp(numerator, denominator);
  const ok = denominator > 0 && bp >= thresholdBp;
  const shortBy = denominator > 0 ? Math.max(0, neededForBp(denominator, thresholdBp) - numerator) : 0;
  const message =
    denominator === 0
      ? `${label}：无登记数据`
      : `${label} ${numerator}/${denominator} = ${pct(bp)} ${ok ? "≥" : "<"} ${pct(thresholdBp)}`;
  return { key, rule, numerator, denominator, bp, thresholdBp, ok, shortBy, message };
}

/** The four coverage targets of G1, S8 and S7 from counts. */
export function coverageTargets(
  counts: Pick<
    CoverageCounts,
    "villages" | "villagesWithStation" | "poorVillages" | "poorVillagesWithStation" | "villagesWithBroadband"
  > & { townships: number; townshipsWithExpress: number },
  settings: CoverageSettings = DEFAULT_COVERAGE_SETTINGS,
): CoverageTarget[] {
  return [
    target(
      "villages",
      "G1",
      "站点覆盖行政村",
      counts.villagesWithStation,
      counts.villages,
      settings.villageCoverageBp,
    ),
    target(
      "poor_villages",
      "G1",
      "站点覆盖建档立卡贫困村",
      counts.poorVillagesWithStation,
      counts.poorVillages,
      settings.poorVillageCoverageBp,
    ),
    target(
      "broadband",
      "S8",
      "宽带覆盖行政村",
      counts.villagesWithBroadband,
      counts.villages,
      settings.broadbandBp,
    ),
    target(
      "township_express",
      "S7",
      "快递网点覆盖乡镇",
      counts.townshipsWithExpress,
      counts.townships,
      settings.townshipExpressBp,
    ),
  ];
}

/**
 * The gap list (S2): required villages without a station, registered poor villages first, then by
 * population (largest first; unknown last), then by code so the order is stable.
 */
export function gapList(
  villages: readonly PlannerVillage[],
  settings: StationSpecSettings = DEFAULT_STATION_SPEC,
): PlannerVillage[] {
  return villages
    .filter((v) => !v.hasStation && isRequiredVillage(v, settings))
    .sort(
      (a, b) =>
        Number(b.isPoor) - Number(a.isPoor) ||
        (b.population ?? -1) - (a.population ?? -1) ||
        a.code.localeCompare(b.code),
    );
}

/** What-if: the villages as they would be with stations added in the given villages. */
export function withStationsAdded(
  villages: readonly PlannerVillage[],
  addCodes: Iterable<string>,
): PlannerVillage[] {
  const add = new Set(addCodes);
  return villages.map((v) => (add.has(v.code) && !v.hasStation ? { ...v, hasStation: true } : v));
}

// ---------------------------------------------------------------------------------------------
// In service on a date

export const NETWORK_STATUSES = ["planned", "building", "open", "closed"] as const;
/** planned 规划 · building 在建 · open 运营 · closed 关闭 */
export type NetworkStatus = (typeof NETWORK_STATUSES)[number];

/** The Chinese names of the statuses, as county staff write them in a 状态 column. */
export const NETWORK_STATUS_NAMES: Record<NetworkStatus, string> = {
  planned: "规划",
  building: "在建",
  open: "运营",
  closed: "关闭",
};

/**
 * Whether a station or facility counts on `asOf` (YYYY-MM-DD): its 建成日期 is on or before that
 * day and it had not closed; one without a date counts only while its status is open. A closed
 * one without a closing date never counts, since no one can say until when it served.
 */
export function isInServiceOn(
  facility: { status: NetworkStatus; builtOn: string | null; closedOn: string | null },
  asOf: string,
): boolean {
  if (facility.closedOn !== null && facility.closedOn <= asOf) return false;
  if (facility.status === "closed" && facility.closedOn === null) return false;
  if (facility.builtOn !== null) return facility.builtOn <= asOf;
  return facility.status === "open";
}

/** The status of a station entered without one: built (open) unless its date lies ahead. */
export function statusFromDate(builtOn: string | null, today: string): NetworkStatus {
  return builtOn !== null && builtOn > today ? "building" : "open";
}

// ---------------------------------------------------------------------------------------------
// Facility kinds as the 设施 sheet names them

/** The kinds of the 设施 sheet (a village station is a 站点 row, not a 设施). */
export const FACILITY_SHEET_KINDS = ["county_center", "county_warehouse", "township_center"] as const;
export type FacilitySheetKind = (typeof FACILITY_SHEET_KINDS)[number];

export const FACILITY_KIND_NAMES: Record<FacilityKind, string> = {
  county_center: "县级服务中心",
  county_warehouse: "县级仓储物流中心",
  township_center: "乡镇配送中心",
  village_station: "村级服务站",
};

const FACILITY_KIND_ALIASES: Record<FacilitySheetKind, readonly string[]> = {
  county_center: [
    "县级服务中心",
    "县服务中心",
    "县级电子商务公共服务中心",
    "县级电商公共服务中心",
    "公共服务中心",
  ],
  county_warehouse: [
    "县级仓储物流中心",
    "县级仓储物流配送中心",
    "仓储物流中心",
    "县级物流配送中心",
    "县仓储物流中心",
  ],
  township_center: ["乡镇配送中心", "乡镇级配送中心", "乡镇物流配送中心", "乡级配送中心"],
};

/** 类型 as county staff write it (or the English key), or undefined. */
export function parseFacilityKind(text: string): FacilitySheetKind | undefined {
  const t = normalizeName(text);
  if ((FACILITY_SHEET_KINDS as readonly string[]).includes(t)) return t as FacilitySheetKind;
  return FACILITY_SHEET_KINDS.find((k) => FACILITY_KIND_ALIASES[k].includes(t));
}
