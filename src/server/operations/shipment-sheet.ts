/**
 * The 物流 sheet of the county workbook: the delivery ledger (物流台账, O3), one row per waybill.
 * 签收时间 blank = still in transit. Re-importing a 运单号 replaces it, and the rollups move with it.
 * Optional 重量(千克) puts upward shipments in a weight class for the fee comparison.
 *
 * Limits: the importer keeps every accepted row until the all-or-nothing commit (~300 bytes a
 * row with the duplicate check's key), so a county's year of a few hundred thousand waybills is
 * fine; a file of millions of rows needs a few GB — send those through the ingest API in batches.
 */
import { yuanToFen } from "../../rules/money";
import { DIRECTIONS, parseDirection, parseShipmentTime, parseWeightGrams } from "../../rules/operations";
import { recordAudit } from "../platform/audit/audit";
import { chinaTimestamp } from "../platform/time/china-time";
import type { CellProblem, SheetHandler } from "../platform/workbook/sheet-handler";
import {
  assertDeferredStationsKnown,
  checkStationKnown,
  type KnownStations,
  prepareKnownStations,
} from "./known-stations";
import { recordShipments, type ShipmentState } from "./record-shipments";
import { lockCountyOperations } from "./rollups.repository";
import { parseStationCode } from "./station-code";

type State = { seen: Map<string, number>; latest: string; stations: KnownStations };

const WAYBILL_MAX = 64;
const CARRIER_MAX = 50;

export const shipmentSheet: SheetHandler<ShipmentState, State> = {
  sheet: "物流",
  aliases: ["shipments"],
  // Contractors may import it too: the logistics contractor's parcels.
  contractorCategories: ["logistics"],
  columns: [
    {
      header: "运单号",
      aliases: ["waybill"],
      required: true,
      example: "YT0000000001",
      help: { zh: "本县内唯一；重复导入即替换", en: "Unique in the county; re-importing replaces" },
    },
    {
      header: "站点编号",
      aliases: ["station_no", "station_code"],
      required: true,
      example: "WX-001",
      help: { zh: "收件（下行）或发件（上行）站点", en: "Receiving (down) or sending (up) station" },
    },
    {
      header: "快递企业",
      aliases: ["carrier"],
      required: true,
      example: "邮政EMS",
      help: { zh: "至少接入2家", en: "At least 2 companies integrated (O3)" },
    },
    {
      header: "发出时间",
      aliases: ["dispatched_at"],
      required: true,
      example: "2018-05-20 09:00",
      help: { zh: "YYYY-MM-DD 或 YYYY-MM-DD HH:mm（北京时间）", en: "Date or date-time, China time" },
    },
    {
      header: "签收时间",
      aliases: ["delivered_at"],
      required: true,
      example: "2018-05-22 15:30",
      help: { zh: "未签收留空；7×24小时内为达标", en: "Blank while in transit; within 7 × 24 h (O3)" },
    },
    {
      header: "方向",
      aliases: ["direction"],
      required: true,
      example: "下行",
      help: { zh: "下行（县仓→村站）/上行（村站发出）", en: "下行 down (to the village) / 上行 up" },
    },
    {
      header: "运费(元)",
      aliases: ["运费", "fee"],
      required: true,
      example: "6.50",
      help: { zh: "最多两位小数；未知可留空", en: "Yuan, at most 2 decimals; blank if unknown" },
    },
    {
      header: "重量(千克)",
      aliases: ["重量", "weight"],
      required: false,
      example: "1.2",
      help: {
        zh: "上行运费按重量段与基准价比较",
        en: "Optional; upward fees are compared per weight class",
      },
    },
  ],

  async prepare(ctx) {
    // A dispatch or delivery more than a day ahead of the server's clock is a typing error.
    return {
      seen: new Map(),
      latest: chinaTimestamp(new Date(Date.now() + 86_400_000)).slice(0, 19),
      stations: await prepareKnownStations(ctx),
    };
  },

  parseRow(cells, state, row) {
    const problems: CellProblem[] = [];
    const waybill = cells["运单号"]!.trim();
    if (waybill === "" || waybill.length > WAYBILL_MAX) {
      problems.push({
        column: "运单号",
        reason: {
          zh: `运单号不能为空，且不超过${WAYBILL_MAX}个字符`,
          en: `运单号 is required, at most ${WAYBILL_MAX} characters`,
        },
      });
    } else if (state.seen.has(waybill)) {
      problems.push({
        column: "运单号",
        reason: {
          zh: `运单号 ${waybill} 与第${state.seen.get(waybill)}行重复`,
          en: `Waybill ${waybill} repeats row ${state.seen.get(waybill)}`,
        },
      });
    }
    const station = parseStationCode(cells["站点编号"]!);
    if (!station.ok) problems.push({ column: "站点编号", reason: station.reason });
    else {
      const unknown = checkStationKnown(state.stations, station.value, row);
      if (unknown) problems.push(unknown);
    }
    const carrier = cells["快递企业"]!.trim();
    if (carrier === "" || carrier.length > CARRIER_MAX) {
      problems.push({
        column: "快递企业",
        reason: { zh: `快递企业不能为空，且不超过${CARRIER_MAX}个字符`, en: "快递企业 is required" },
      });
    }
    const dispatched = parseShipmentTime(cells["发出时间"]!);
    if (!dispatched.ok) problems.push({ column: "发出时间", reason: dispatched.reason });
    const deliveredText = cells["签收时间"]!.trim();
    const delivered =
      deliveredText === "" ? { ok: true as const, value: null } : parseShipmentTime(deliveredText);
    if (!delivered.ok) problems.push({ column: "签收时间", reason: delivered.reason });
    const direction = parseDirection(cells["方向"]!);
    if (!direction) {
      problems.push({
        column: "方向",
        reason: {
          zh: `方向应为“${DIRECTIONS.down.zh}”或“${DIRECTIONS.up.zh}”，实为“${cells["方向"]}”`,
          en: "方向 must be 下行 or 上行",
        },
      });
    }
    const feeText = cells["运费(元)"]!.trim();
    const fee = feeText === "" ? { ok: true as const, value: null } : yuanToFen(feeText);
    if (!fee.ok) problems.push({ column: "运费(元)", reason: fee.reason });
    const weightText = cells["重量(千克)"]!.trim();
    const weight = weightText === "" ? { ok: true as const, value: null } : parseWeightGrams(weightText);
    if (!weight.ok) problems.push({ column: "重量(千克)", reason: weight.reason });
    if (dispatched.ok && dispatched.value.slice(0, 19) > state.latest) {
      problems.push({
        column: "发出时间",
        reason: { zh: "发出时间晚于当前时间", en: "Dispatched in the future" },
      });
    }
    if (dispatched.ok && delivered.ok && delivered.value !== null) {
      if (delivered.value < dispatched.value) {
        problems.push({
          column: "签收时间",
          reason: { zh: "签收时间早于发出时间", en: "Delivered before it was dispatched" },
        });
      } else if (delivered.value.slice(0, 19) > state.latest) {
        problems.push({
          column: "签收时间",
          reason: { zh: "签收时间晚于当前时间", en: "Delivered in the future" },
        });
      }
    }
    if (
      problems.length ||
      !station.ok ||
      !dispatched.ok ||
      !delivered.ok ||
      !direction ||
      !fee.ok ||
      !weight.ok
    ) {
      return { ok: false, problems };
    }
    state.seen.set(waybill, row);
    return {
      ok: true,
      value: {
        waybill,
        stationCode: station.value,
        carrier,
        direction,
        dispatchedAt: dispatched.value,
        deliveredAt: delivered.value,
        feeFen: fee.value,
        weightGrams: weight.value,
      },
    };
  },

  async commit(trx, rows, state, { countyCode, actor, rowsWritten }) {
    await assertDeferredStationsKnown(trx, "物流", state.stations, rows, countyCode);
    await lockCountyOperations(trx, countyCode);
    const { changed } = await recordShipments(
      trx,
      countyCode,
      rows.map((r) => r.value),
      { mode: "replace", source: "workbook", onWritten: rowsWritten },
    );
    // One entry for the sheet: a county's waybills are too many to log one by one.
    await recordAudit(trx, actor, {
      action: "operations.shipments_imported",
      entity: "shipments",
      countyCode,
      after: { rows: rows.length, changed },
    });
    return changed;
  },
};
