/**
 * The 设施 sheet of the county workbook: the county public service centre, the county warehouse
 * and township distribution centres. 乡镇代码 must be a township of the importing county (required
 * for a township centre). Re-importing a 设施编号 updates it. Rule F9: on one logistics route
 * (物流线路) central funds support one company (物流企业) only.
 */
import {
  normalizeName,
  parseAreaTenths,
  parseFacilityKind,
  parseRooms,
  splitList,
  statusFromDate,
} from "../../rules/network";
import { chinaDate } from "../platform/time/china-time";
import { parseIsoDate, parseYesNo } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import type { FacilityTable, NetworkTables } from "./network.tables";
import { parseStatus } from "./station-sheet";
import { type FacilityInput, writeFacility } from "./write-facility";

/** The company central funds support on a route, and which facilities (stored or rows) say so. */
type RouteClaim = { company: string; companyKey: string; holders: Map<string, number | null> };

type State = {
  townshipCodes: ReadonlySet<string>;
  stored: Map<string, FacilityTable>;
  routes: Map<string, RouteClaim>;
  seen: Map<string, number>;
  today: string;
};

/** A township code as 9 digits, from its 9-digit or 12-digit (…000) form. */
export function townshipShortCode(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{9}$/.test(t)) return t;
  if (/^\d{9}000$/.test(t)) return t.slice(0, 9);
  return undefined;
}

const yesNoOrBlank = (text: string) =>
  text.trim() === "" ? { ok: true as const, value: false } : parseYesNo(text);

export const facilitySheet: SheetHandler<FacilityInput, State> = {
  sheet: "设施",
  aliases: ["facilities"],
  // Contractors may import it too: the county centre's and the logistics contractors' facilities.
  contractorCategories: ["service_center", "logistics"],
  columns: [
    {
      header: "设施编号",
      aliases: ["facility_no"],
      required: true,
      example: "WX-F01",
      help: { zh: "本县自编，重复导入同一编号即更新", en: "The county's own number; re-import updates" },
    },
    {
      header: "类型",
      aliases: ["kind"],
      required: true,
      example: "县级服务中心",
      help: {
        zh: "县级服务中心/县级仓储物流中心/乡镇配送中心",
        en: "county centre / warehouse / township centre",
      },
    },
    {
      header: "乡镇代码",
      aliases: ["township_code"],
      required: true,
      example: "130533100",
      help: {
        zh: "9位乡镇代码；乡镇配送中心必填",
        en: "9-digit township code; required for township centres",
      },
    },
    {
      header: "面积(平方米)",
      aliases: ["面积", "area"],
      required: true,
      example: "650",
      help: { zh: "最多一位小数", en: "m², at most one decimal" },
    },
    {
      header: "设备",
      aliases: ["equipment"],
      required: true,
      example: "电脑,打包台,货架",
      help: { zh: "逗号、顿号分隔", en: "Separated by commas" },
    },
    {
      header: "功能室",
      aliases: ["rooms"],
      required: true,
      example: "交流室,电教室,会议室,办公室,农产品研发体验中心(150)",
      help: { zh: "逗号分隔，括号内可注面积", en: "Comma-separated; area in brackets" },
    },
    {
      header: "中央资金支持",
      aliases: ["centrally_funded"],
      required: true,
      example: "是",
      help: { zh: "是/否", en: "是/否" },
    },
    {
      header: "标识",
      aliases: ["sign"],
      required: true,
      example: "是",
      help: { zh: "是否有“电子商务进农村综合示范项目”标识", en: "Has the programme sign (是/否)" },
    },
    {
      header: "设施名称",
      aliases: ["name"],
      required: false,
      example: "示例县电子商务公共服务中心",
      help: { zh: "", en: "Optional" },
    },
    {
      header: "建成日期",
      aliases: ["开业日期", "opened_on"],
      required: false,
      example: "2018-03-01",
      help: { zh: "YYYY-MM-DD", en: "Optional, YYYY-MM-DD" },
    },
    {
      header: "负责人",
      aliases: ["manager"],
      required: false,
      example: "李四",
      help: { zh: "", en: "Optional" },
    },
    {
      header: "状态",
      aliases: ["status"],
      required: false,
      example: "运营",
      help: { zh: "规划/在建/运营/关闭", en: "Optional: planned/building/open/closed" },
    },
    {
      header: "物流线路",
      aliases: ["logistics_route"],
      required: false,
      example: "县城-章台镇",
      help: {
        zh: "同一线路中央资金只支持1家企业",
        en: "Optional; one funded company per route (F9)",
      },
    },
    {
      header: "物流企业",
      aliases: ["logistics_company"],
      required: false,
      example: "示例物流有限公司",
      help: { zh: "", en: "Optional" },
    },
  ],

  async prepare({ db, countyCode }) {
    const townships = await db
      .selectFrom("regions")
      .select("code")
      .where("level", "=", "township")
      .where("county_code", "=", countyCode)
      .execute();
    const stored = await db
      .withTables<NetworkTables>()
      .selectFrom("facilities")
      .selectAll()
      .where("county_code", "=", countyCode)
      .execute();
    const routes = new Map<string, RouteClaim>();
    for (const f of stored) {
      if (f.is_centrally_funded !== 1 || !f.logistics_route || !f.logistics_company) continue;
      const key = normalizeName(f.logistics_route);
      const claim = routes.get(key) ?? {
        company: f.logistics_company,
        companyKey: normalizeName(f.logistics_company),
        holders: new Map(),
      };
      claim.holders.set(f.facility_no, null);
      routes.set(key, claim);
    }
    return {
      townshipCodes: new Set(townships.map((t) => t.code)),
      stored: new Map(stored.map((f) => [f.facility_no, f])),
      routes,
      seen: new Map(),
      today: chinaDate(),
    };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const facilityNo = cells["设施编号"]!.trim();
    if (facilityNo === "" || facilityNo.length > 50) {
      problems.push({
        column: "设施编号",
        reason: {
          zh: "设施编号不能为空，且不超过50个字符",
          en: "设施编号 is required, at most 50 characters",
        },
      });
    } else if (state.seen.has(facilityNo)) {
      problems.push({
        column: "设施编号",
        reason: {
          zh: `设施编号 ${facilityNo} 与第${state.seen.get(facilityNo)}行重复`,
          en: `${facilityNo} repeats row ${state.seen.get(facilityNo)}`,
        },
      });
    }
    const kind = parseFacilityKind(cells["类型"]!);
    if (!kind) {
      problems.push({
        column: "类型",
        reason: {
          zh: `类型应为 县级服务中心/县级仓储物流中心/乡镇配送中心，实为“${cells["类型"]}”`,
          en: `类型 must be 县级服务中心/县级仓储物流中心/乡镇配送中心, got "${cells["类型"]}"`,
        },
      });
    }
    const townshipText = cells["乡镇代码"]!.trim();
    const townshipCode = townshipText === "" ? null : (townshipShortCode(townshipText) ?? null);
    if (townshipText !== "" && (!townshipCode || !state.townshipCodes.has(townshipCode))) {
      problems.push({
        column: "乡镇代码",
        reason: {
          zh: `乡镇代码 ${townshipText} 不是本县的乡镇`,
          en: `${townshipText} is not a township of this county`,
        },
      });
    } else if (townshipText === "" && kind === "township_center") {
      problems.push({
        column: "乡镇代码",
        reason: { zh: "乡镇配送中心须填写乡镇代码", en: "A township centre needs its 乡镇代码" },
      });
    }
    const areaText = cells["面积(平方米)"]!.trim();
    const area = areaText === "" ? { ok: true as const, value: null } : parseAreaTenths(areaText);
    if (!area.ok) problems.push({ column: "面积(平方米)", reason: area.reason });
    const funded = parseYesNo(cells["中央资金支持"]!);
    if (!funded.ok) problems.push({ column: "中央资金支持", reason: funded.reason });
    const sign = yesNoOrBlank(cells["标识"]!);
    if (!sign.ok) problems.push({ column: "标识", reason: sign.reason });
    const dateText = cells["建成日期"]!.trim();
    const openedOn = dateText === "" ? { ok: true as const, value: null } : parseIsoDate(dateText);
    if (!openedOn.ok) problems.push({ column: "建成日期", reason: openedOn.reason });
    const statusText = cells["状态"]!.trim();
    const status = statusText === "" ? undefined : parseStatus(statusText);
    if (statusText !== "" && !status) {
      problems.push({
        column: "状态",
        reason: {
          zh: `状态应为 规划/在建/运营/关闭，实为“${statusText}”`,
          en: `Status must be 规划/在建/运营/关闭, got "${statusText}"`,
        },
      });
    }
    const route = cells["物流线路"]!.trim() || null;
    const company = cells["物流企业"]!.trim() || null;
    if (problems.length || !kind || !area.ok || !funded.ok || !sign.ok || !openedOn.ok) {
      return { ok: false, problems };
    }

    // Rule F9: this row replaces the stored facility of the same number, so its old claim lapses.
    const released: [string, RouteClaim][] = [];
    for (const [key, claim] of state.routes) {
      if (claim.holders.get(facilityNo) === null) {
        claim.holders.delete(facilityNo);
        released.push([key, claim]);
      }
    }
    if (funded.value && route && company) {
      const key = normalizeName(route);
      const claim = state.routes.get(key);
      if (claim && claim.holders.size > 0 && claim.companyKey !== normalizeName(company)) {
        for (const [, c] of released) c.holders.set(facilityNo, null);
        const [holder, holderRow] = [...claim.holders][0]!;
        const where = holderRow === null ? "已入库" : `第${holderRow}行`;
        return {
          ok: false,
          problems: [
            {
              column: "物流企业",
              reason: {
                zh: `物流线路「${route}」已由中央资金支持 ${claim.company}（设施 ${holder}，${where}）：同一物流线路中央财政支持不超过1家（F9）`,
                en: `Route "${route}" already has the centrally funded company ${claim.company} (facility ${holder}): at most one company per route (F9)`,
              },
            },
          ],
        };
      }
      const next =
        claim && claim.holders.size > 0
          ? claim
          : { company, companyKey: normalizeName(company), holders: new Map<string, number | null>() };
      next.holders.set(facilityNo, row);
      state.routes.set(key, next);
    }
    state.seen.set(facilityNo, row);
    const before = state.stored.get(facilityNo);
    return {
      ok: true,
      value: {
        facilityNo,
        kind,
        name: cells["设施名称"]!.trim() || before?.name || "",
        townshipCode,
        areaTenths: area.value,
        equipment: splitList(cells["设备"]!),
        rooms: parseRooms(cells["功能室"]!),
        hasSign: sign.value,
        isCentrallyFunded: funded.value,
        openedOn: openedOn.value ?? before?.opened_on ?? null,
        closedOn: before?.closed_on ?? null,
        manager: cells["负责人"]!.trim() || before?.manager || null,
        status:
          status ??
          (before?.status === "closed"
            ? "closed"
            : statusFromDate(openedOn.value ?? before?.opened_on ?? null, state.today)),
        logisticsRoute: route,
        logisticsCompany: company,
      },
    };
  },

  async commit(trx, rows, _state, { countyCode, actor }) {
    const stored = new Map(
      (
        await trx
          .withTables<NetworkTables>()
          .selectFrom("facilities")
          .selectAll()
          .where("county_code", "=", countyCode)
          .execute()
      ).map((f) => [f.facility_no, f]),
    );
    let changed = 0;
    for (const { value } of rows) {
      const result = await writeFacility(trx, actor, countyCode, stored.get(value.facilityNo), value);
      if (result.changed) changed++;
    }
    return changed;
  },
};
