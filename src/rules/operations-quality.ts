/**
 * Data-quality flags of station operations and logistics (数据质量问题): patterns in the machines'
 * data that a real station rarely produces and a fabricated one often does — evidence for the
 * fraud veto E5, for a person to confirm or explain, never a verdict by itself. Pure functions:
 * each detector takes rows and returns findings; the server stores them as flags.
 *
 * A finding's `subject` is stable: the same problem found again (after more data arrives) maps to
 * the same flag, so a flag a county administrator resolved stays resolved.
 */
import { type Bilingual, formatYuan } from "./money";
import type { OrderKind } from "./operations";

// ---------------------------------------------------------------------------------------------
// Settings: every threshold is a reading a province administrator may refine

export type DataQualitySettings = {
  /** Station opening hours, minutes after midnight China time: open from `opensAtMinute` (inside) … */
  opensAtMinute: number;
  /** … to `closesAtMinute` (outside). 07:00–21:00 covers a village shop's long day. */
  closesAtMinute: number;
  /** "In bulk": orders outside opening hours at one station on one day that make a flag … */
  offHoursMinOrders: number;
  /** … when they are also at least this share of the station's orders that day (bp). */
  offHoursMinShareBp: number;
  /** Consecutive orders of one station (in time order) with one amount that make a run. */
  identicalRunMinOrders: number;
  /** Order kinds whose amounts are compared: fixed-sum bill payments and top-ups are normal. */
  identicalAmountKinds: readonly OrderKind[];
  /** Calendar months before a month that make its history … */
  jumpHistoryMonths: number;
  /** … of which at least this many must have data (a new station has no history to jump from). */
  jumpMinHistoryMonths: number;
  /** A month's 代购单数 at least this percentage of its history's median (300 = 3×) … */
  jumpFactorPct: number;
  /** … and at least this many orders above it (small numbers jump by chance). */
  jumpMinIncrease: number;
  /**
   * Records of one waybill are one parcel when they name the same station, carrier and direction
   * and their dispatch times lie within this many minutes (courier systems rescan); else the
   * number was used twice.
   */
  waybillDispatchToleranceMinutes: number;
  /** Records delivered before their dispatch, at one station in one month, that make a flag. */
  deliveredBeforeDispatchMinRecords: number;
};

export const DEFAULT_DATA_QUALITY_SETTINGS: DataQualitySettings = {
  opensAtMinute: 7 * 60,
  closesAtMinute: 21 * 60,
  offHoursMinOrders: 10,
  offHoursMinShareBp: 5000,
  identicalRunMinOrders: 8,
  identicalAmountKinds: ["agency_purchase", "agency_sale"],
  jumpHistoryMonths: 6,
  jumpMinHistoryMonths: 3,
  jumpFactorPct: 300,
  jumpMinIncrease: 100,
  waybillDispatchToleranceMinutes: 24 * 60,
  deliveredBeforeDispatchMinRecords: 1,
};

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const DATA_QUALITY_KINDS = {
  off_hours_orders: { zh: "营业时间外集中下单", en: "Orders outside opening hours in bulk" },
  identical_amounts: { zh: "连续相同金额", en: "Runs of identical amounts" },
  monthly_jump: { zh: "月代购单数异常跃升", en: "Monthly orders far above history" },
  duplicate_waybill: { zh: "运单号重复使用", en: "Waybill number used twice" },
  delivered_before_dispatch: { zh: "签收早于发出", en: "Delivered before dispatch" },
} as const satisfies Record<string, Bilingual>;

export type DataQualityKind = keyof typeof DATA_QUALITY_KINDS;
export const DATA_QUALITY_KIND_KEYS = Object.keys(DATA_QUALITY_KINDS) as DataQualityKind[];

/** open: waiting for the county; resolved: explained in writing by a county administrator. */
export const DATA_QUALITY_STATUSES = ["open", "resolved"] as const;
export type DataQualityStatus = (typeof DATA_QUALITY_STATUSES)[number];

/** One problem found in the data. */
export type DataQualityFinding = {
  kind: DataQualityKind;
  /** Stable identity of the problem within the county and kind. */
  subject: string;
  stationCode: string | null;
  /** The day (YYYY-MM-DD) or month (YYYY-MM) it concerns. */
  period: string;
  summary: Bilingual;
  /** The figures behind the summary. */
  measures: Record<string, number | string>;
  /** The rows behind it: order or event source ids, or months; the server shows them. */
  refs: string[];
};

// ---------------------------------------------------------------------------------------------
// Orders

/** An order as the detectors see it (`at` is China time `YYYY-MM-DDTHH:mm:ss+08:00`). */
export type QualityOrder = {
  sourceId: string;
  stationCode: string;
  kind: OrderKind;
  amountFen: number;
  at: string;
};

const minuteOfDay = (at: string) => Number(at.slice(11, 13)) * 60 + Number(at.slice(14, 16));

/** Is a China-time instant outside the opening hours (opening minute inside, closing minute outside)? */
export function isOutsideOpeningHours(at: string, settings = DEFAULT_DATA_QUALITY_SETTINGS): boolean {
  const m = minuteOfDay(at);
  const { opensAtMinute: opens, closesAtMinute: closes } = settings;
  // Opening hours past midnight (e.g. 20:00–02:00) wrap around.
  const inside = opens <= closes ? m >= opens && m < closes : m >= opens || m < closes;
  return !inside;
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

const byTime = (a: QualityOrder, b: QualityOrder) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;

/** Station-days with many orders outside opening hours (all order kinds count). */
export function findOffHoursOrders(
  orders: readonly QualityOrder[],
  settings = DEFAULT_DATA_QUALITY_SETTINGS,
): DataQualityFinding[] {
  const findings: DataQualityFinding[] = [];
  for (const [key, day] of groupBy(orders, (o) => `${o.stationCode}\u0001${o.at.slice(0, 10)}`)) {
    const outside = day.filter((o) => isOutsideOpeningHours(o.at, settings)).sort(byTime);
    if (outside.length < settings.offHoursMinOrders) continue;
    // Integer comparison: outside / total ≥ share / 10000.
    if (outside.length * 10_000 < settings.offHoursMinShareBp * day.length) continue;
    const [stationCode, date] = key.split("\u0001") as [string, string];
    const hours = `${hhmm(settings.opensAtMinute)}–${hhmm(settings.closesAtMinute)}`;
    findings.push({
      kind: "off_hours_orders",
      subject: `${stationCode}|${date}`,
      stationCode,
      period: date,
      summary: {
        zh: `站点 ${stationCode} ${date} 营业时间（${hours}）外下单 ${outside.length} 笔，占当日 ${day.length} 笔的 ${Math.floor((outside.length * 100) / day.length)}%`,
        en: `Station ${stationCode}, ${date}: ${outside.length} of ${day.length} orders outside opening hours (${hours})`,
      },
      measures: { outside: outside.length, orders: day.length },
      refs: outside.map((o) => o.sourceId),
    });
  }
  return findings;
}

/** Runs of consecutive orders (by time, per station) of the compared kinds with one amount. */
export function findIdenticalAmountRuns(
  orders: readonly QualityOrder[],
  settings = DEFAULT_DATA_QUALITY_SETTINGS,
): DataQualityFinding[] {
  const kinds = new Set<OrderKind>(settings.identicalAmountKinds);
  const findings: DataQualityFinding[] = [];
  const compared = orders.filter((o) => kinds.has(o.kind));
  for (const [stationCode, list] of groupBy(compared, (o) => o.stationCode)) {
    list.sort(byTime);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i]!.amountFen === list[start]!.amountFen) continue;
      const run = list.slice(start, i);
      start = i;
      if (run.length < settings.identicalRunMinOrders) continue;
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const amount = formatYuan(first.amountFen, "元");
      findings.push({
        kind: "identical_amounts",
        subject: `${stationCode}|${first.sourceId}`,
        stationCode,
        period: first.at.slice(0, 10),
        summary: {
          zh: `站点 ${stationCode} 自 ${first.at.slice(0, 16).replace("T", " ")} 起连续 ${run.length} 笔订单金额均为 ${amount}`,
          en: `Station ${stationCode}: ${run.length} consecutive orders of ${amount} from ${first.at.slice(0, 16).replace("T", " ")}`,
        },
        measures: { orders: run.length, amountFen: first.amountFen, from: first.at, to: last.at },
        refs: run.map((o) => o.sourceId),
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Station months

/** A station's month as the KPIs see it (代购单数, merged from workbook and machines). */
export type QualityStationMonth = { stationCode: string; month: string; orders: number };

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * Months whose 代购单数 jump far above the station's history: the median of the months with data
 * among the `jumpHistoryMonths` calendar months before it. Compared exactly with integers
 * (twice the median is a whole number).
 */
export function findMonthlyJumps(
  months: readonly QualityStationMonth[],
  settings = DEFAULT_DATA_QUALITY_SETTINGS,
): DataQualityFinding[] {
  const findings: DataQualityFinding[] = [];
  for (const [stationCode, list] of groupBy(months, (m) => m.stationCode)) {
    const byIndex = new Map(list.map((m) => [monthIndex(m.month), m]));
    for (const m of [...list].sort((a, b) => a.month.localeCompare(b.month))) {
      const at = monthIndex(m.month);
      const history: QualityStationMonth[] = [];
      for (let k = at - settings.jumpHistoryMonths; k < at; k++) {
        const h = byIndex.get(k);
        if (h) history.push(h);
      }
      if (history.length < settings.jumpMinHistoryMonths) continue;
      const sorted = history.map((h) => h.orders).sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const twiceMedian = sorted.length % 2 ? 2 * sorted[mid]! : sorted[mid - 1]! + sorted[mid]!;
      const twice = 2 * m.orders;
      if (twice * 100 < settings.jumpFactorPct * twiceMedian) continue;
      if (twice - twiceMedian < 2 * settings.jumpMinIncrease) continue;
      const median = twiceMedian / 2;
      findings.push({
        kind: "monthly_jump",
        subject: `${stationCode}|${m.month}`,
        stationCode,
        period: m.month,
        summary: {
          zh: `站点 ${stationCode} ${m.month} 代购 ${m.orders} 单，为此前 ${history.length} 个月中位数 ${median} 单的 ${median ? (m.orders / median).toFixed(1) : "∞"} 倍`,
          en: `Station ${stationCode}, ${m.month}: ${m.orders} orders against a median of ${median} over ${history.length} earlier months`,
        },
        measures: { orders: m.orders, median, historyMonths: history.length },
        refs: [...history.map((h) => h.month), m.month],
      });
    }
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Shipments

/** A record of a waybill as a courier system sent it. */
export type QualityWaybillRecord = {
  ref: string;
  waybill: string;
  stationCode: string;
  carrier: string;
  direction: string;
  /** China-time instant. */
  dispatchedAt: string;
};

const minutesApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 60_000;

/** Waybill numbers whose records describe more than one parcel (see the settings). */
export function findDuplicateWaybills(
  records: readonly QualityWaybillRecord[],
  settings = DEFAULT_DATA_QUALITY_SETTINGS,
): DataQualityFinding[] {
  const findings: DataQualityFinding[] = [];
  const samePackage = (a: QualityWaybillRecord, b: QualityWaybillRecord) =>
    a.stationCode === b.stationCode &&
    a.carrier === b.carrier &&
    a.direction === b.direction &&
    minutesApart(a.dispatchedAt, b.dispatchedAt) <= settings.waybillDispatchToleranceMinutes;
  for (const [waybill, list] of groupBy(records, (r) => r.waybill)) {
    if (list.length < 2) continue;
    const conflict = list.some((a, i) => list.slice(i + 1).some((b) => !samePackage(a, b)));
    if (!conflict) continue;
    const sorted = [...list].sort((a, b) => a.dispatchedAt.localeCompare(b.dispatchedAt));
    const stations = [...new Set(sorted.map((r) => r.stationCode))];
    findings.push({
      kind: "duplicate_waybill",
      subject: waybill,
      stationCode: sorted[0]!.stationCode,
      period: sorted[0]!.dispatchedAt.slice(0, 7),
      summary: {
        zh: `运单号 ${waybill} 的 ${list.length} 条记录不是同一包裹（站点 ${stations.join("、")}，发出 ${sorted[0]!.dispatchedAt.slice(0, 16).replace("T", " ")} 至 ${sorted[sorted.length - 1]!.dispatchedAt.slice(0, 16).replace("T", " ")}）`,
        en: `Waybill ${waybill}: ${list.length} records of different parcels (stations ${stations.join(", ")})`,
      },
      measures: { records: list.length, stations: stations.length },
      refs: sorted.map((r) => r.ref),
    });
  }
  return findings;
}

/** A shipment record with both times (a delivery event refused at the door keeps both). */
export type QualityDelivery = {
  ref: string;
  waybill: string;
  stationCode: string;
  dispatchedAt: string;
  deliveredAt: string;
};

/** Station-months with records signed for before they were dispatched. */
export function findDeliveriesBeforeDispatch(
  records: readonly QualityDelivery[],
  settings = DEFAULT_DATA_QUALITY_SETTINGS,
): DataQualityFinding[] {
  const early = records.filter((r) => Date.parse(r.deliveredAt) < Date.parse(r.dispatchedAt));
  const findings: DataQualityFinding[] = [];
  for (const [key, list] of groupBy(early, (r) => `${r.stationCode}\u0001${r.dispatchedAt.slice(0, 7)}`)) {
    if (list.length < settings.deliveredBeforeDispatchMinRecords) continue;
    const [stationCode, month] = key.split("\u0001") as [string, string];
    const waybills = [...new Set(list.map((r) => r.waybill))].sort();
    const shown = waybills.slice(0, 3).join("、") + (waybills.length > 3 ? " 等" : "");
    findings.push({
      kind: "delivered_before_dispatch",
      subject: `${stationCode}|${month}`,
      stationCode,
      period: month,
      summary: {
        zh: `站点 ${stationCode} ${month} 有 ${list.length} 条物流记录签收时间早于发出时间（${shown}）`,
        en: `Station ${stationCode}, ${month}: ${list.length} shipment records delivered before dispatch`,
      },
      measures: { records: list.length, waybills: waybills.length },
      refs: list.map((r) => r.ref).sort(),
    });
  }
  return findings;
}

/** The facts' list of unresolved flags: short Chinese descriptions, at most `max` of them. */
export function describeOpenFlags(
  flags: readonly { kind: DataQualityKind; summary: string }[],
  max = 10,
): string[] {
  const lines = flags.map((f) => `${DATA_QUALITY_KINDS[f.kind].zh}：${f.summary}`);
  return lines.length <= max
    ? lines
    : [...lines.slice(0, max - 1), `另有 ${lines.length - max + 1} 项未解决`];
}
