/**
 * The manager's own month, judged by the same rules code the server runs (src/rules/operations):
 * what the county already counts plus what is still waiting on the phone, against O1–O3.
 */
import { formatBp, formatYuan } from "../../rules/money";
import {
  DEFAULT_OPERATIONS_SETTINGS,
  judgeStation,
  type OperationsSettings,
  ORDER_KINDS,
  type OrderKind,
  totalStation,
} from "../../rules/operations";
import type { StationMe } from "./api";
import type { Queued } from "./store";

export type FigureLine = { label: string; value: string; target: string; ok: boolean | null; note?: string };

/** Orders and amount still on the phone for the month, counted as the ingest will count them. */
export function pendingOfMonth(
  queue: readonly Queued[],
  month: string,
  settings = DEFAULT_OPERATIONS_SETTINGS,
) {
  const amountKinds = new Set<string>(settings.amountOrderKinds);
  let orders = 0;
  let amountFen = 0;
  for (const r of queue) {
    if (r.type !== "order" || r.data.at.slice(0, 7) !== month) continue;
    if (r.data.kind === "agency_purchase") orders++;
    if (amountKinds.has(r.data.kind)) amountFen += r.data.amountFen;
  }
  return { orders, amountFen };
}

export function monthLines(
  me: StationMe,
  queue: readonly Queued[],
  settings: OperationsSettings = DEFAULT_OPERATIONS_SETTINGS,
): FigureLine[] {
  const pending = pendingOfMonth(queue, me.month.month, settings);
  const totals = totalStation(me.station.stationNo, [
    {
      month: me.month.month,
      orders: me.month.orders + pending.orders,
      amountFen: me.month.amountFen + pending.amountFen,
      onlineRateBp: me.month.onlineRateBp,
    },
  ]);
  const judged = judgeStation(totals, settings);
  const amountNames = settings.amountOrderKinds.map((k) => ORDER_KINDS[k as OrderKind].zh).join("、");
  const waiting = pending.orders || pending.amountFen ? "（含手机上待同步的记录）" : "";
  return [
    {
      label: "本月代购单数",
      value: `${totals.orders} 单`,
      target: `每月 ${settings.ordersPerStationMonth} 单`,
      ok: judged.meetsOrders,
      note: judged.meetsOrders
        ? `已达标${waiting}`
        : `还差 ${settings.ordersPerStationMonth - totals.orders} 单${waiting}`,
    },
    {
      label: "本月交易额",
      value: formatYuan(totals.amountFen),
      target: `每月 ${formatYuan(settings.amountFenPerStationMonth)}`,
      ok: judged.meetsAmount,
      note: `只算${amountNames}${waiting}`,
    },
    {
      label: "7天内送达的包裹",
      value: me.month.downShipments ? formatBp(me.month.withinDaysBp) : "本月还没有收件",
      target: `${formatBp(settings.withinDeliveryDaysBp)}在 ${settings.deliveryDays} 天内`,
      ok: me.month.downShipments ? me.month.withinDaysBp >= settings.withinDeliveryDaysBp : null,
      note: me.month.downShipments ? `本月收件 ${me.month.downShipments} 件（已同步）` : undefined,
    },
    {
      label: "在线率",
      value: judged.hasOnlineData ? formatBp(judged.onlineRateBp) : "还没有营业记录",
      target: `不低于 ${formatBp(settings.onlineRateBp)}`,
      ok: judged.hasOnlineData ? judged.meetsOnlineRate : null,
      note: "按开门到收摊的时间计算（已同步）",
    },
  ];
}
