/**
 * The 站点 sheet of the county workbook: one row per village station. 村代码 must be a village of
 * the importing county; re-importing a 站点编号 updates that station. Rule F9: a second centrally
 * funded station in one village is refused, against the rows above it and the stations stored.
 */
import {
  NETWORK_STATUS_NAMES,
  NETWORK_STATUSES,
  type NetworkStatus,
  parseAreaTenths,
  splitList,
  statusFromDate,
} from "../../rules/network";
import { parseOpeningHours } from "../../rules/opening-hours";
import { chinaDate } from "../platform/time/china-time";
import { parseIsoDate, parseYesNo } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import type { NetworkTables, StationTable } from "./network.tables";
import { type StationImportState, stationImportState } from "./station-import-state";
import { type StationInput, writeStation } from "./write-station";

type Claim = { stationNo: string; row: number | null };

type State = {
  villageCodes: ReadonlySet<string>;
  /** Stored stations of the county, by 站点编号. */
  stored: Map<string, StationTable>;
  /** Village → the station that holds its central funding (F9), stored or from a row above. */
  funded: Map<string, Claim>;
  seen: Map<string, number>;
  today: string;
  /** What this workbook's other sheets may name (站点月报, 物流). */
  shared: StationImportState;
};

/** 状态 as county staff write it (规划/在建/运营/关闭, 已建成 …) or the English key. */
export function parseStatus(text: string): NetworkStatus | undefined {
  const t = text.trim().toLowerCase();
  if ((NETWORK_STATUSES as readonly string[]).includes(t)) return t as NetworkStatus;
  const byName = NETWORK_STATUSES.find((s) => NETWORK_STATUS_NAMES[s] === t);
  if (byName) return byName;
  if (["已建成", "建成", "开业", "运行", "运营中", "已运营"].includes(t)) return "open";
  if (["建设中", "在建中"].includes(t)) return "building";
  if (["计划", "拟建", "规划中"].includes(t)) return "planned";
  if (["停业", "已关闭", "撤销"].includes(t)) return "closed";
  return undefined;
}

const statusProblem = (column: string, text: string): CellProblem => ({
  column,
  reason: {
    zh: `状态应为 规划/在建/运营/关闭，实为“${text}”`,
    en: `Status must be 规划/在建/运营/关闭 (planned/building/open/closed), got "${text}"`,
  },
});

export const stationSheet: SheetHandler<StationInput, State> = {
  sheet: "站点",
  aliases: ["stations"],
  // Contractors may import it too: the village stations' contractor registers its stations.
  contractorCategories: ["village_stations"],
  columns: [
    {
      header: "站点编号",
      aliases: ["station_no"],
      required: true,
      example: "WX-001",
      help: { zh: "本县自编，重复导入同一编号即更新", en: "The county's own number; re-import updates" },
    },
    {
      header: "村代码",
      aliases: ["village_code"],
      required: true,
      example: "130533100201",
      help: { zh: "12位统计用区划代码，须属于本县", en: "12-digit code of a village in this county" },
    },
    {
      header: "面积(平方米)",
      aliases: ["面积", "area"],
      required: true,
      example: "12",
      help: { zh: "最多一位小数", en: "m², at most one decimal" },
    },
    {
      header: "设备",
      aliases: ["equipment"],
      required: true,
      example: "电脑,背景墙,42寸电视,上网行为数据管理器,物流筐,公告牌,门头,灯箱,WIFI标识牌",
      help: { zh: "逗号、顿号分隔", en: "Separated by commas" },
    },
    {
      header: "中央资金支持",
      aliases: ["centrally_funded"],
      required: true,
      example: "是",
      help: { zh: "是/否；同一行政村至多1个", en: "是/否; at most one per village (F9)" },
    },
    {
      header: "建成日期",
      aliases: ["built_on"],
      required: true,
      example: "2018-05-20",
      help: { zh: "YYYY-MM-DD，未建成留空", en: "YYYY-MM-DD, blank if not built" },
    },
    {
      header: "站点名称",
      aliases: ["name"],
      required: false,
      example: "示例村电商服务站",
      help: { zh: "", en: "Optional" },
    },
    {
      header: "负责人",
      aliases: ["manager"],
      required: false,
      example: "张三",
      help: { zh: "", en: "Optional" },
    },
    {
      header: "状态",
      aliases: ["status"],
      required: false,
      example: "运营",
      help: {
        zh: "规划/在建/运营/关闭；留空按建成日期判断",
        en: "Optional: planned/building/open/closed; blank = from the date",
      },
    },
    {
      header: "营业时间",
      aliases: ["opening_hours"],
      required: false,
      example: "08:00-20:00",
      help: {
        zh: "开门-关门（中国时间），上线率按营业时间计算；留空为 08:00-20:00 或保持原值",
        en: "Optional: opening-closing (China time); the online rate counts these hours (O1)",
      },
    },
  ],

  async prepare(ctx) {
    const { db, countyCode } = ctx;
    const shared = stationImportState(ctx);
    shared.stationSheetValidated = true;
    const villages = await db
      .selectFrom("regions")
      .select("code")
      .where("level", "=", "village")
      .where("county_code", "=", countyCode)
      .execute();
    const stored = await db
      .withTables<NetworkTables>()
      .selectFrom("stations")
      .selectAll()
      .where("county_code", "=", countyCode)
      .execute();
    const funded = new Map<string, Claim>();
    for (const s of stored) {
      if (s.is_centrally_funded === 1) funded.set(s.village_code, { stationNo: s.station_no, row: null });
    }
    return {
      villageCodes: new Set(villages.map((v) => v.code)),
      stored: new Map(stored.map((s) => [s.station_no, s])),
      funded,
      seen: new Map(),
      today: chinaDate(),
      shared,
    };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const stationNo = cells["站点编号"]!.trim();
    if (stationNo === "" || stationNo.length > 50) {
      problems.push({
        column: "站点编号",
        reason: {
          zh: "站点编号不能为空，且不超过50个字符",
          en: "站点编号 is required, at most 50 characters",
        },
      });
    } else if (state.seen.has(stationNo)) {
      problems.push({
        column: "站点编号",
        reason: {
          zh: `站点编号 ${stationNo} 与第${state.seen.get(stationNo)}行重复`,
          en: `${stationNo} repeats row ${state.seen.get(stationNo)}`,
        },
      });
    }
    const villageCode = cells["村代码"]!.trim();
    if (!/^\d{12}$/.test(villageCode)) {
      problems.push({
        column: "村代码",
        reason: {
          zh: `村代码应为12位数字，实为“${villageCode}”`,
          en: `村代码 must be 12 digits, got "${villageCode}"`,
        },
      });
    } else if (!state.villageCodes.has(villageCode)) {
      problems.push({
        column: "村代码",
        reason: {
          zh: `村代码 ${villageCode} 不是本县的村级单位`,
          en: `${villageCode} is not a village-level unit of this county`,
        },
      });
    }
    const areaText = cells["面积(平方米)"]!.trim();
    const area = areaText === "" ? { ok: true as const, value: null } : parseAreaTenths(areaText);
    if (!area.ok) problems.push({ column: "面积(平方米)", reason: area.reason });
    const funded = parseYesNo(cells["中央资金支持"]!);
    if (!funded.ok) problems.push({ column: "中央资金支持", reason: funded.reason });
    const dateText = cells["建成日期"]!.trim();
    const builtOn = dateText === "" ? { ok: true as const, value: null } : parseIsoDate(dateText);
    if (!builtOn.ok) problems.push({ column: "建成日期", reason: builtOn.reason });
    const statusText = cells["状态"]!.trim();
    const status = statusText === "" ? undefined : parseStatus(statusText);
    if (statusText !== "" && !status) problems.push(statusProblem("状态", statusText));
    const hoursText = (cells["营业时间"] ?? "").trim();
    const hours = hoursText === "" ? undefined : parseOpeningHours(hoursText);
    if (hours && !hours.ok) problems.push({ column: "营业时间", reason: hours.reason });
    if (problems.length || !area.ok || !funded.ok || !builtOn.ok) return { ok: false, problems };

    // Rule F9: this row replaces the stored station of the same number, so its old claim lapses.
    const before = state.stored.get(stationNo);
    const released =
      before?.is_centrally_funded === 1 && state.funded.get(before.village_code)?.row === null
        ? before.village_code
        : undefined;
    if (released) state.funded.delete(released);
    if (funded.value) {
      const claim = state.funded.get(villageCode);
      if (claim && claim.stationNo !== stationNo) {
        if (released) state.funded.set(released, { stationNo, row: null });
        const where = claim.row === null ? "已入库" : `第${claim.row}行`;
        return {
          ok: false,
          problems: [
            {
              column: "中央资金支持",
              reason: {
                zh:
                  `村 ${villageCode} 已有中央资金支持的站点 ${claim.stationNo}（${where}）：同一行政村中央财政支持不超过1个（F9）` +
                  (claim.row === null
                    ? `；如 ${claim.stationNo} 已不再由中央资金支持，请在本行之前列出它并填“否”`
                    : ""),
                en: `Village ${villageCode} already has the centrally funded station ${claim.stationNo} (${claim.row === null ? "stored" : `row ${claim.row}`}): at most one per village (F9)`,
              },
            },
          ],
        };
      }
      state.funded.set(villageCode, { stationNo, row });
    }
    state.seen.set(stationNo, row);
    state.shared.stations.add(stationNo);
    const keptStatus = before?.status === "closed" ? "closed" : undefined;
    return {
      ok: true,
      value: {
        stationNo,
        name: cells["站点名称"]!.trim() || before?.name || "",
        villageCode,
        areaTenths: area.value,
        equipment: splitList(cells["设备"]!),
        hasSign: before?.has_sign === 1,
        isCentrallyFunded: funded.value,
        builtOn: builtOn.value,
        closedOn: before?.closed_on ?? null,
        manager: cells["负责人"]!.trim() || before?.manager || null,
        status: status ?? keptStatus ?? statusFromDate(builtOn.value, state.today),
        ...(hours?.ok ? { openingHours: hours.value } : {}),
      },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    const stored = new Map(
      (
        await trx
          .withTables<NetworkTables>()
          .selectFrom("stations")
          .selectAll()
          .where("county_code", "=", countyCode)
          .execute()
      ).map((s) => [s.station_no, s]),
    );
    // Rows that give up central funding go first, so a village's funding can move between
    // stations in one import without tripping the one-per-village index (F9).
    const ordered = [...rows].sort(
      (a, b) => Number(a.value.isCentrallyFunded) - Number(b.value.isCentrallyFunded) || a.row - b.row,
    );
    let changed = 0;
    for (const { value } of ordered) {
      const result = await writeStation(trx, actor, countyCode, stored.get(value.stationNo), value);
      if (result.changed) changed++;
    }
    return changed;
  },
};
