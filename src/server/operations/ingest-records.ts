/**
 * The records machines send to the ingest API, one schema per kind, each checked on its own so
 * that a bad record is named by its index and the good ones are kept. Field names are English
 * (machines write them); amounts are integer fen, times ISO (China time unless an offset is given).
 */
import { z } from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";
import { type ClockInterval, coveredMinutes, parseClock } from "../../rules/opening-hours";
import {
  type Direction,
  type OrderKind,
  parseDirection,
  parseOrderKind,
  parseShipmentTime,
} from "../../rules/operations";
import type { Bilingual } from "../platform/workbook/sheet-handler";
import type { IngestKind } from "./ingest-tokens.repository";

/** Records per request: a device's day or a contractor's hour fits; more is split by the sender. */
export const MAX_INGEST_RECORDS = 5000;

const SourceId = z.string().trim().min(1).max(100);
const StationCode = z.string().trim().min(1).max(50);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Fen = z.number().int().min(0).max(1_000_000_000_000);

const OrderShape = z.object({
  sourceId: SourceId,
  stationCode: StationCode,
  /** 代购/代卖/代收代缴/助农取款/保险信贷/便民服务, or the keys agency_purchase … */
  kind: Text(20),
  amountFen: Fen,
  platform: z.string().trim().max(50).nullish(),
  at: Text(40),
});

const UptimeShape = z.object({
  sourceId: SourceId,
  stationCode: StationCode,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  onlineMinutes: z.number().int().min(0).max(1440),
  /**
   * Optional: the device's online periods of the day, "HH:mm" China time (from inclusive, to
   * exclusive, "24:00" allowed). With them, only minutes within the station's opening hours count
   * (rule O1); they must add up to onlineMinutes.
   */
  intervals: z
    .array(z.object({ from: z.string().max(5), to: z.string().max(5) }))
    .max(96)
    .nullish(),
});

const ShipmentShape = z.object({
  sourceId: SourceId,
  waybill: Text(64),
  stationCode: StationCode,
  carrier: Text(50),
  /** 下行/上行 or down/up */
  direction: Text(10),
  dispatchedAt: Text(40),
  deliveredAt: Text(40).nullish(),
  feeFen: Fen.nullish(),
  weightGrams: z.number().int().min(0).max(1_000_000).nullish(),
});

export type OrderRecord = {
  sourceId: string;
  stationCode: string;
  kind: OrderKind;
  amountFen: number;
  platform: string | null;
  /** China-time instant, and its day. */
  at: string;
  day: string;
};
export type UptimeRecord = {
  sourceId: string;
  stationCode: string;
  day: string;
  onlineMinutes: number;
  /** Online periods in minutes after 00:00, when the device sent them (rule O1). */
  intervals: ClockInterval[] | null;
};
export type ShipmentRecord = {
  sourceId: string;
  waybill: string;
  stationCode: string;
  carrier: string;
  direction: Direction;
  dispatchedAt: string;
  deliveredAt: string | null;
  feeFen: number | null;
  weightGrams: number | null;
};

export type RecordOf<K extends IngestKind> = K extends "orders"
  ? OrderRecord
  : K extends "uptime"
    ? UptimeRecord
    : ShipmentRecord;

export type Checked<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      reason: Bilingual;
      /** A shipment signed for before its dispatch: refused, and kept as data-quality evidence (E5). */
      deliveredBeforeDispatch?: ShipmentRecord;
    };

const zhErrors = zhCN().localeError;

function shapeProblem(error: z.ZodError): Bilingual {
  const issue = error.issues[0]!;
  const path = issue.path.join(".");
  const zh = zhErrors(issue as never);
  const zhMessage = typeof zh === "string" ? zh : (zh?.message ?? issue.message);
  return { zh: `${path ? `${path}：` : ""}${zhMessage}`, en: `${path ? `${path}: ` : ""}${issue.message}` };
}

const problem = (zh: string, en: string): Checked<never> => ({ ok: false, reason: { zh, en } });

const digitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};
const twoDigits = (text: string, i: number) => digitAt(text, i) * 10 + digitAt(text, i + 1);
const daysIn = (year: number, month: number) =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * The hot path of parseShipmentTime for what machines send: `YYYY-MM-DDTHH:mm:ss+08:00` or
 * `YYYY-MM-DD`, read by character codes; the value parseShipmentTime gives (the instant itself,
 * or the day at 00:00 China time), or undefined for anything else, which parseShipmentTime reads
 * (or refuses, with its reason). ingest-records.test.ts holds the two to the same answers.
 */
export function canonicalChinaTime(text: string): string | undefined {
  const n = text.length;
  if (n !== 25 && n !== 10) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined; // "-"
  const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 0 && day <= daysIn(year, month))) return undefined;
  if (n === 10) return `${text}T00:00:00+08:00`;
  if (text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58)
    return undefined; // T : :
  if (!text.endsWith("+08:00")) return undefined;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  return hour <= 23 && minute <= 59 && second <= 59 ? text : undefined;
}

/** Checks that a time parses and is not more than a day ahead of `latest`'s clock. */
function time(field: string, text: string, latest: string): Checked<string> {
  const canonical = canonicalChinaTime(text);
  const parsed = canonical !== undefined ? { ok: true as const, value: canonical } : parseShipmentTime(text);
  if (!parsed.ok) return problem(`${field}：${parsed.reason.zh}`, `${field}: ${parsed.reason.en}`);
  if (parsed.value > latest) return problem(`${field}：时间晚于当前时间`, `${field}: in the future`);
  return parsed;
}

/** `latest` is the latest acceptable instant (now + 1 day), `YYYY-MM-DDTHH:mm:ss+08:00`. */
export function checkRecord<K extends IngestKind>(
  kind: K,
  input: unknown,
  latest: string,
): Checked<RecordOf<K>> {
  return (
    kind === "orders"
      ? checkOrder(input, latest)
      : kind === "uptime"
        ? checkUptime(input, latest)
        : checkShipment(input, latest)
  ) as Checked<RecordOf<K>>;
}

// ---------------------------------------------------------------------------------------------
// The hot path (issue 19.2): a record as machines send it — fields already trimmed, numbers
// whole — passes these plain checks, which hold exactly when the Zod shape would accept the
// record unchanged; anything else (whitespace to trim, a bad field, an extra list) goes through
// Zod, which trims and words the reason. ingest-records.test.ts checks the two agree.

/** Whether Zod's `z.string().trim().min(min).max(max)` keeps `s` as it is. */
const plainText = (s: unknown, min: number, max: number): s is string =>
  typeof s === "string" && s.length >= min && s.length <= max && s.trim().length === s.length;
const plainInt = (n: unknown, min: number, max: number): n is number =>
  typeof n === "number" && Number.isSafeInteger(n) && n >= min && n <= max;
const isObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === "object" && input !== null && !Array.isArray(input);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type OrderFields = z.infer<typeof OrderShape>;
type UptimeFields = z.infer<typeof UptimeShape>;

/** The order's fields when the plain checks accept it as it is, else undefined. */
export function plainOrder(input: unknown): OrderFields | undefined {
  if (!isObject(input)) return undefined;
  const { sourceId, stationCode, kind, amountFen, platform, at } = input;
  if (
    plainText(sourceId, 1, 100) &&
    plainText(stationCode, 1, 50) &&
    plainText(kind, 1, 20) &&
    plainInt(amountFen, 0, 1_000_000_000_000) &&
    (platform === undefined || platform === null || plainText(platform, 0, 50)) &&
    plainText(at, 1, 40)
  ) {
    return { sourceId, stationCode, kind, amountFen, platform, at };
  }
  return undefined;
}

/** The uptime record's fields when the plain checks accept it as it is (no intervals), else undefined. */
export function plainUptime(input: unknown): UptimeFields | undefined {
  if (!isObject(input)) return undefined;
  const { sourceId, stationCode, date, onlineMinutes, intervals } = input;
  if (
    plainText(sourceId, 1, 100) &&
    plainText(stationCode, 1, 50) &&
    typeof date === "string" &&
    DAY.test(date) &&
    plainInt(onlineMinutes, 0, 1440) &&
    (intervals === undefined || intervals === null)
  ) {
    return { sourceId, stationCode, date, onlineMinutes, intervals };
  }
  return undefined;
}

/** Zod's reading of a record (the reference the hot path is tested against). */
export const zodShapeOf = (kind: "orders" | "uptime", input: unknown) =>
  kind === "orders" ? OrderShape.safeParse(input) : UptimeShape.safeParse(input);

function checkOrder(input: unknown, latest: string): Checked<OrderRecord> {
  let r = plainOrder(input);
  if (!r) {
    const shape = OrderShape.safeParse(input);
    if (!shape.success) return { ok: false, reason: shapeProblem(shape.error) };
    r = shape.data;
  }
  const kind = parseOrderKind(r.kind);
  if (!kind) return problem(`kind：未知的业务类型“${r.kind}”`, `kind: unknown order kind "${r.kind}"`);
  const at = time("at", r.at, latest);
  if (!at.ok) return at;
  return {
    ok: true,
    value: {
      sourceId: r.sourceId,
      stationCode: r.stationCode,
      kind,
      amountFen: r.amountFen,
      platform: r.platform ?? null,
      at: at.value,
      day: at.value.slice(0, 10),
    },
  };
}

function checkUptime(input: unknown, latest: string): Checked<UptimeRecord> {
  let r = plainUptime(input);
  if (!r) {
    const shape = UptimeShape.safeParse(input);
    if (!shape.success) return { ok: false, reason: shapeProblem(shape.error) };
    r = shape.data;
  }
  const day = time("date", r.date, latest);
  if (!day.ok) return day;
  let intervals: ClockInterval[] | null = null;
  if (r.intervals) {
    intervals = [];
    for (const [i, period] of r.intervals.entries()) {
      const from = parseClock(period.from);
      const to = parseClock(period.to);
      if (!from.ok || !to.ok || from.value >= to.value) {
        return problem(
          `intervals.${i}：应为 {from, to}，HH:mm，from 早于 to`,
          `intervals.${i}: must be {from, to}, HH:mm, from before to`,
        );
      }
      intervals.push({ from: from.value, to: to.value });
    }
    const covered = coveredMinutes(intervals);
    if (covered !== r.onlineMinutes) {
      return problem(
        `onlineMinutes：与 intervals 合计 ${covered} 分钟不符`,
        `onlineMinutes: the intervals add up to ${covered} minutes`,
      );
    }
  }
  return {
    ok: true,
    value: {
      sourceId: r.sourceId,
      stationCode: r.stationCode,
      day: r.date,
      onlineMinutes: r.onlineMinutes,
      intervals,
    },
  };
}

function checkShipment(input: unknown, latest: string): Checked<ShipmentRecord> {
  const shape = ShipmentShape.safeParse(input);
  if (!shape.success) return { ok: false, reason: shapeProblem(shape.error) };
  const r = shape.data;
  const direction = parseDirection(r.direction);
  if (!direction)
    return problem(
      `direction：应为 下行/上行（down/up），实为“${r.direction}”`,
      `direction: must be down or up`,
    );
  const dispatched = time("dispatchedAt", r.dispatchedAt, latest);
  if (!dispatched.ok) return dispatched;
  const delivered = r.deliveredAt
    ? time("deliveredAt", r.deliveredAt, latest)
    : { ok: true as const, value: null };
  if (!delivered.ok) return delivered;
  const value: ShipmentRecord = {
    sourceId: r.sourceId,
    waybill: r.waybill,
    stationCode: r.stationCode,
    carrier: r.carrier,
    direction,
    dispatchedAt: dispatched.value,
    deliveredAt: delivered.value,
    feeFen: r.feeFen ?? null,
    weightGrams: r.weightGrams ?? null,
  };
  if (delivered.value !== null && delivered.value < dispatched.value) {
    return {
      ok: false,
      reason: {
        zh: "deliveredAt：签收时间早于发出时间",
        en: "deliveredAt: delivered before it was dispatched",
      },
      deliveredBeforeDispatch: value,
    };
  }
  return { ok: true, value };
}
