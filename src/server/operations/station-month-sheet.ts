/**
 * The 站点月报 sheet of the county workbook: one row per station and month — agency-purchase
 * orders, transaction amount and the data manager's online rate (O1, O2). Re-importing a
 * 站点编号 + 月份 replaces that month. A 站点编号 must name a station of this workbook's 站点 sheet
 * or of the county's register (known-stations.ts): figures never create a station.
 *
 * Limits: the importer keeps every accepted row until the all-or-nothing commit; a row here is a
 * small object (~150 bytes) plus one key for the duplicate check, so a province's year
 * (3,500 stations × 12 months) is a few MB. Beyond about a million rows, use the ingest API.
 */
import { yuanToFen } from "../../rules/money";
import { parseMonth, parseOnlineRateBp } from "../../rules/operations";
import { recordAudit } from "../platform/audit/audit";
import { parseNonNegativeInteger } from "../platform/workbook/cells";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import {
  assertDeferredStationsKnown,
  checkStationKnown,
  type KnownStations,
  prepareKnownStations,
} from "./known-stations";
import { type StationMonthInput, saveStationMonths } from "./save-station-months";
import { parseStationCode } from "./station-code";

type State = { seen: Map<string, number>; stations: KnownStations };

export const stationMonthSheet: SheetHandler<StationMonthInput, State> = {
  sheet: "站点月报",
  aliases: ["station_months"],
  // Contractors may import it too: the stations' operator reports their months.
  contractorCategories: ["village_stations"],
  columns: [
    {
      header: "站点编号",
      aliases: ["station_no", "station_code"],
      required: true,
      example: "WX-001",
      help: { zh: "与「站点」表的站点编号一致", en: "The station's number, as in the 站点 sheet" },
    },
    {
      header: "月份",
      aliases: ["month"],
      required: true,
      example: "2018-05",
      help: {
        zh: "YYYY-MM；同一站点同一月份重复导入即替换",
        en: "YYYY-MM; re-importing a month replaces it",
      },
    },
    {
      header: "代购单数",
      aliases: ["orders"],
      required: true,
      example: "56",
      help: { zh: "当月代购单数", en: "Agency-purchase orders in the month (O2)" },
    },
    {
      header: "交易额(元)",
      aliases: ["交易额", "amount"],
      required: true,
      example: "2350.50",
      help: { zh: "最多两位小数", en: "Yuan, at most 2 decimals (O2)" },
    },
    {
      header: "上线率",
      aliases: ["online_rate"],
      required: true,
      example: "96%",
      help: { zh: "0–1 的小数或 0–100 的百分数", en: "A fraction 0–1 or a percentage 0–100 (O1)" },
    },
  ],

  async prepare(ctx) {
    return { seen: new Map(), stations: await prepareKnownStations(ctx) };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const station = parseStationCode(cells["站点编号"]!);
    if (!station.ok) problems.push({ column: "站点编号", reason: station.reason });
    else {
      const unknown = checkStationKnown(state.stations, station.value, row);
      if (unknown) problems.push(unknown);
    }
    const month = parseMonth(cells["月份"]!);
    if (!month.ok) problems.push({ column: "月份", reason: month.reason });
    const orders = parseNonNegativeInteger(cells["代购单数"]!);
    if (!orders.ok) problems.push({ column: "代购单数", reason: orders.reason });
    const amount = yuanToFen(cells["交易额(元)"]!);
    if (!amount.ok) problems.push({ column: "交易额(元)", reason: amount.reason });
    const rate = parseOnlineRateBp(cells["上线率"]!);
    if (!rate.ok) problems.push({ column: "上线率", reason: rate.reason });
    if (problems.length || !station.ok || !month.ok || !orders.ok || !amount.ok || !rate.ok)
      return { ok: false, problems };
    const key = `${station.value}\u0001${month.value}`;
    const first = state.seen.get(key);
    if (first !== undefined) {
      return {
        ok: false,
        problems: [
          {
            column: "月份",
            reason: {
              zh: `站点 ${station.value} 的 ${month.value} 月报与第${first}行重复`,
              en: `Station ${station.value}, ${month.value} repeats row ${first}`,
            },
          },
        ],
      };
    }
    state.seen.set(key, row);
    return {
      ok: true,
      value: {
        stationCode: station.value,
        month: month.value,
        orders: orders.value,
        amountFen: amount.value,
        onlineRateBp: rate.value,
      },
    };
  },

  async commit(trx, rows, state, { countyCode, actor }) {
    await assertDeferredStationsKnown(trx, "站点月报", state.stations, rows, countyCode);
    const changed = await saveStationMonths(
      trx,
      countyCode,
      rows.map((r) => r.value),
    );
    // One entry for the sheet: a province's months are too many to log one by one.
    await recordAudit(trx, actor, {
      action: "operations.station_months_imported",
      entity: "station_months",
      countyCode,
      after: { rows: rows.length, changed },
    });
    return changed;
  },
};
