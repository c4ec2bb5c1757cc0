/**
 * Station operations and logistics (站点运营、物流配送): the rules O1–O3 behind acceptance items B2 and
 * B3, as pure functions and vocabularies. No I/O: the server, the importer and the browser call the
 * same functions. Rates are basis points (1% = 100 bp), money is integer fen, times are ISO strings.
 */
import type { Bilingual, ParseResult } from "./money";
import { DEFAULT_OPENING_HOURS, openMinutesPerDay } from "./opening-hours";
import { ratioBp as shareBp } from "./ratio";

// ---------------------------------------------------------------------------------------------
// Settings: the readings of rules.md for this area

/** A weight class of the upward express fee comparison (O3); `maxGrams` null = no upper bound. */
export type WeightClass = { key: string; maxGrams: number | null; name: Bilingual };

/** The readings of O1–O3, each a setting a province administrator may refine. */
export type OperationsSettings = {
  /** O1: the data manager (上网行为数据管理器) online rate, per station and for the county. */
  onlineRateBp: number;
  /** O2: agency-purchase orders (代购单数) per station per month. */
  ordersPerStationMonth: number;
  /** O2: transaction amount per station per month, in fen (2,000 yuan). */
  amountFenPerStationMonth: number;
  /**
   * O2 reading: the order kinds whose amounts make up 交易额. Bill payment and cash withdrawal move
   * the villagers' own money and are not e-commerce transactions, so by default only 代买代卖 count.
   */
  amountOrderKinds: readonly OrderKind[];
  /** O3: county warehouse → village station within this many days (7 × 24 h is inside). */
  deliveryDays: number;
  /**
   * O3 reading: share of downward shipments that must arrive within `deliveryDays` (95%), taken
   * over the parcels with an outcome (in-transit parcels are neither on time nor late).
   */
  withinDeliveryDaysBp: number;
  /** O3: express companies integrated. */
  carriers: number;
  /** O3: weight classes of the upward fee comparison against the county's benchmark fee. */
  weightClasses: readonly WeightClass[];
};

export const DEFAULT_WEIGHT_CLASSES: readonly WeightClass[] = [
  { key: "w1", maxGrams: 1000, name: { zh: "1公斤及以下", en: "up to 1 kg" } },
  { key: "w3", maxGrams: 3000, name: { zh: "1–3公斤", en: "1–3 kg" } },
  { key: "w5", maxGrams: 5000, name: { zh: "3–5公斤", en: "3–5 kg" } },
  { key: "w10", maxGrams: 10_000, name: { zh: "5–10公斤", en: "5–10 kg" } },
  { key: "w10plus", maxGrams: null, name: { zh: "10公斤以上", en: "over 10 kg" } },
];

/** Upward shipments without a recorded weight are kept apart: they are compared with nothing. */
export const UNKNOWN_WEIGHT_CLASS = "unknown";

export const DEFAULT_OPERATIONS_SETTINGS: OperationsSettings = {
  onlineRateBp: 9500,
  ordersPerStationMonth: 50,
  amountFenPerStationMonth: 200_000,
  amountOrderKinds: ["agency_purchase", "agency_sale"],
  deliveryDays: 7,
  withinDeliveryDaysBp: 9500,
  carriers: 2,
  weightClasses: DEFAULT_WEIGHT_CLASSES,
};

// ---------------------------------------------------------------------------------------------
// Vocabularies (keys stored in the database; Chinese as the seed names them)

/** Station services (S6); 代购 is the O2 count. */
export const ORDER_KINDS = {
  agency_purchase: { zh: "代购", en: "Agency purchase" },
  agency_sale: { zh: "代卖", en: "Agency sale" },
  bill_payment: { zh: "代收代缴", en: "Bill collection and payment" },
  cash_withdrawal: { zh: "助农取款", en: "Cash withdrawal" },
  insurance_credit: { zh: "保险信贷", en: "Insurance and credit" },
  daily_service: { zh: "便民服务", en: "Everyday services" },
} as const satisfies Record<string, Bilingual>;

export type OrderKind = keyof typeof ORDER_KINDS;
export const ORDER_KIND_KEYS = Object.keys(ORDER_KINDS) as OrderKind[];

const ORDER_KIND_ALIASES: Record<string, OrderKind> = {
  代买: "agency_purchase",
  网上代购: "agency_purchase",
  代销: "agency_sale",
  代收: "bill_payment",
  代缴: "bill_payment",
  取款: "cash_withdrawal",
  保险: "insurance_credit",
  信贷: "insurance_credit",
};

/** An order kind given as its key, its Chinese name or a common alias. */
export function parseOrderKind(text: string): OrderKind | undefined {
  const t = text.trim();
  if ((ORDER_KIND_KEYS as string[]).includes(t)) return t as OrderKind;
  return ORDER_KIND_KEYS.find((k) => ORDER_KINDS[k].zh === t) ?? ORDER_KIND_ALIASES[t];
}

/** 下行 = county warehouse → village station (O3's 7 days); 上行 = products going out (O3's fee). */
export const DIRECTIONS = { down: { zh: "下行", en: "Downward" }, up: { zh: "上行", en: "Upward" } } as const;
export type Direction = keyof typeof DIRECTIONS;

export function parseDirection(text: string): Direction | undefined {
  const t = text.trim().toLowerCase();
  if (t === "下行" || t === "down") return "down";
  if (t === "上行" || t === "up") return "up";
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Parsing cells and fields

const fail = <T>(zh: string, en: string): ParseResult<T> => ({ ok: false, reason: { zh, en } });

const RATE = /^(\d+)(?:\.(\d+))?(%)?$/;

/**
 * An online rate (上线率) as county staff or devices give it — a fraction "0.96", a percentage
 * "96" or "96%" — in basis points, read digit by digit so "0.96" is exactly 9600 (no float drift).
 * A bare number up to 1 is a fraction ("1" = 100%), above 1 a percentage. Digits finer than 1 bp
 * are floored, as every bp figure is.
 */
export function parseOnlineRateBp(text: string): ParseResult<number> {
  const t = text.normalize("NFKC").trim().replace(/\s+%$/, "%");
  const bad = () =>
    fail<number>(
      `上线率应为0–1的小数或0–100的百分数，实为“${text}”`,
      `Online rate must be a fraction 0–1 or a percentage 0–100, got "${text}"`,
    );
  const m = RATE.exec(t);
  if (!m) return bad();
  const [, whole = "", fraction = "", percent] = m;
  const isFraction = !percent && (Number(whole) < 1 || (Number(whole) === 1 && !/[1-9]/.test(fraction)));
  // bp = value × 10000 (fraction) or × 100 (percent): shift the decimal point by 4 or 2 digits.
  const shift = isFraction ? 4 : 2;
  const bp = Number(whole) * 10 ** shift + Number(fraction.slice(0, shift).padEnd(shift, "0"));
  if (!Number.isSafeInteger(bp) || bp > 10_000) return bad();
  return { ok: true, value: bp };
}

/** 月份 as YYYY-MM; also YYYY-M, YYYY/MM, YYYY年M月 and the first of a month (Excel turns 2018-03 into a date). */
export function parseMonth(text: string): ParseResult<string> {
  const t = text.normalize("NFKC").trim();
  const m = /^(\d{4})(?:[-/.年])(\d{1,2})(?:月|[-/.]0?1)?$/.exec(t);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) {
    return fail(`月份应为 YYYY-MM，实为“${text}”`, `Month must be YYYY-MM, got "${text}"`);
  }
  return { ok: true, value: `${m[1]}-${String(month).padStart(2, "0")}` };
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A dispatch or delivery time: a date (YYYY-MM-DD, read as 00:00 China time, so whole-day ledgers
 * count calendar days) or a date-time, China time unless an offset is given. Returns the instant
 * as `YYYY-MM-DDTHH:mm:ss+08:00`, so stored times compare as text.
 */
function badShipmentTime(text: string): ParseResult<string> {
  return fail<string>(
    `时间应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm，实为“${text}”`,
    `Time must be YYYY-MM-DD or YYYY-MM-DD HH:mm, got "${text}"`,
  );
}

export function parseShipmentTime(text: string): ParseResult<string> {
  const t = text.normalize("NFKC").trim().replace(/\//g, "-");
  const m = TIME.exec(t);
  if (!m) return badShipmentTime(text);
  const [, y, mo, d, h = "00", mi = "00", s = "00", zone] = m;
  if (!zone || zone === "+08:00" || zone === "+0800") {
    // China time (the usual case, and the import and ingest hot path): check the calendar day
    // and the clock with integers, no Date round trip.
    const month = Number(mo);
    const day = Number(d);
    const daysInMonth =
      month === 2 ? (isLeapYear(Number(y)) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return badShipmentTime(text);
    if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return badShipmentTime(text);
    return { ok: true, value: `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00` };
  }
  const offset = zone === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const local = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  // A real calendar day and clock time: Date rolls 02-30 over to March, so compare back.
  const asUtc = Date.parse(`${local}Z`);
  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 19) !== local)
    return badShipmentTime(text);
  return { ok: true, value: chinaInstant(Date.parse(`${local}${offset}`)) };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The instant as `YYYY-MM-DDTHH:mm:ss+08:00` (whole seconds). */
export function chinaInstant(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000 + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** A weight in kilograms as typed ("1.25", "0.3") → whole grams, read digit by digit. */
export function parseWeightGrams(text: string): ParseResult<number> {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(
    text
      .normalize("NFKC")
      .trim()
      .replace(/(千克|公斤|kg)$/i, ""),
  );
  if (!m) return fail(`重量应为千克数（最多三位小数），实为“${text}”`, `Weight must be in kg, got "${text}"`);
  const grams = Number(m[1]) * 1000 + Number((m[2] ?? "").padEnd(3, "0"));
  return Number.isSafeInteger(grams) ? { ok: true, value: grams } : fail("重量过大", "Weight too large");
}

// ---------------------------------------------------------------------------------------------
// O1 online rate

/** `floor(10000 × numerator / denominator)`, 0 without a denominator: the one ratio of src/rules/ratio.ts. */
export { shareBp };

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;

/** The last day of a month YYYY-MM. */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * O1 reading for device uptime: the calendar days of `month` a data manager is expected online —
 * from the station's first reported day (a device is not counted before it reports at all) to the
 * month's end or `asOf`. Days it then fails to report count as offline: silence is not uptime.
 */
export function expectedUptimeDays(month: string, firstReportedDay: string, asOf: string): number {
  const from = Math.max(dayNumber(`${month}-01`), dayNumber(firstReportedDay));
  const to = Math.min(dayNumber(monthEnd(month)), dayNumber(asOf));
  return Math.max(0, to - from + 1);
}

/**
 * A month's online rate from device minutes, floored and capped at 100%. O1 reading: the minutes
 * are those inside the station's opening hours and `minutesPerDay` is their length
 * (rules/opening-hours; default 08:00–20:00 = 720), not 24 hours.
 */
export function uptimeRateBp(
  onlineMinutes: number,
  expectedDays: number,
  minutesPerDay = openMinutesPerDay(DEFAULT_OPENING_HOURS),
) {
  return Math.min(10_000, shareBp(onlineMinutes, expectedDays * minutesPerDay));
}

// ---------------------------------------------------------------------------------------------
// O1, O2 per station and per county

/** One station's month: figures merged from the workbook and the machines (see the server). */
export type StationMonthFigures = {
  month: string;
  orders: number;
  amountFen: number;
  /** null when nothing says how long the data manager was online that month. */
  onlineRateBp: number | null;
};

/** A station's totals over its months of data: what its monthly averages are made of. */
export type StationTotals = {
  stationCode: string;
  months: number;
  orders: number;
  amountFen: number;
  /** Months with an online rate, and the sum of those rates. */
  onlineMonths: number;
  onlineRateBpSum: number;
};

export function totalStation(stationCode: string, months: readonly StationMonthFigures[]): StationTotals {
  const totals: StationTotals = {
    stationCode,
    months: months.length,
    orders: 0,
    amountFen: 0,
    onlineMonths: 0,
    onlineRateBpSum: 0,
  };
  for (const m of months) {
    totals.orders += m.orders;
    totals.amountFen += m.amountFen;
    if (m.onlineRateBp !== null) {
      totals.onlineMonths++;
      totals.onlineRateBpSum += m.onlineRateBp;
    }
  }
  return totals;
}

/** A station judged on its own monthly averages (O1, O2). */
export type StationJudgement = {
  stationCode: string;
  months: number;
  /** Mean monthly online rate, floored; 0 when the data manager never reported (O1 reading). */
  onlineRateBp: number;
  hasOnlineData: boolean;
  /** Monthly averages, floored (orders to whole orders, amounts to whole fen). */
  avgOrders: number;
  avgAmountFen: number;
  meetsOnlineRate: boolean;
  meetsOrders: boolean;
  meetsAmount: boolean;
  /** O2: both thresholds on the station's own averages. */
  meetsBoth: boolean;
};

export function judgeStation(t: StationTotals, settings = DEFAULT_OPERATIONS_SETTINGS): StationJudgement {
  const onlineRateBp = t.onlineMonths ? Math.floor(t.onlineRateBpSum / t.onlineMonths) : 0;
  // Compared as integers: orders / months ≥ 50  ⇔  orders ≥ 50 × months (no rounding).
  const meetsOrders = t.months > 0 && t.orders >= settings.ordersPerStationMonth * t.months;
  const meetsAmount = t.months > 0 && t.amountFen >= settings.amountFenPerStationMonth * t.months;
  return {
    stationCode: t.stationCode,
    months: t.months,
    onlineRateBp,
    hasOnlineData: t.onlineMonths > 0,
    avgOrders: t.months ? Math.floor(t.orders / t.months) : 0,
    avgAmountFen: t.months ? Math.floor(t.amountFen / t.months) : 0,
    meetsOnlineRate: t.onlineMonths > 0 && onlineRateBp >= settings.onlineRateBp,
    meetsOrders,
    meetsAmount,
    meetsBoth: meetsOrders && meetsAmount,
  };
}

/**
 * floor of the mean over items of (sum ÷ count), computed exactly with integers: a mean of
 * means in floating point can land on 49.999… when the true value is 50.
 */
export function floorMeanOfMeans(items: readonly { sum: number; count: number }[]): number {
  const used = items.filter((i) => i.count > 0);
  if (!used.length) return 0;
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  let lcm = 1n;
  for (const { count } of used) lcm = (lcm / gcd(lcm, BigInt(count))) * BigInt(count);
  let numerator = 0n;
  for (const { sum, count } of used) numerator += BigInt(sum) * (lcm / BigInt(count));
  const denominator = lcm * BigInt(used.length);
  const q = numerator / denominator;
  // BigInt division truncates toward zero; floor for negatives (never expected, kept correct).
  return Number(numerator < 0n && q * denominator !== numerator ? q - 1n : q);
}

/** The county's (or township's) station figures: O2's reading, mean of each station's average. */
export type StationsSummary = {
  /** Operating stations: those with at least one month of data. */
  stations: number;
  /** O1: mean over stations of each station's mean monthly rate (0 for a silent station). */
  onlineRateBp: number;
  avgOrdersPerStationMonth: number;
  avgAmountFenPerStationMonth: number;
  stationsMeetingBoth: number;
  meetsOnlineRate: boolean;
  meetsOrders: boolean;
  meetsAmount: boolean;
};

export function summarizeStations(
  totals: readonly StationTotals[],
  settings = DEFAULT_OPERATIONS_SETTINGS,
): StationsSummary {
  const operating = totals.filter((t) => t.months > 0);
  // A station with no online data at all weighs in at 0 bp (O1 reading: silence is not uptime).
  const onlineRateBp = floorMeanOfMeans(
    operating.map((t) =>
      t.onlineMonths ? { sum: t.onlineRateBpSum, count: t.onlineMonths } : { sum: 0, count: 1 },
    ),
  );
  const avgOrders = floorMeanOfMeans(operating.map((t) => ({ sum: t.orders, count: t.months })));
  const avgAmount = floorMeanOfMeans(operating.map((t) => ({ sum: t.amountFen, count: t.months })));
  const has = operating.length > 0;
  return {
    stations: operating.length,
    onlineRateBp,
    avgOrdersPerStationMonth: avgOrders,
    avgAmountFenPerStationMonth: avgAmount,
    stationsMeetingBoth: operating.filter((t) => judgeStation(t, settings).meetsBoth).length,
    // floor(x) ≥ n ⇔ x ≥ n for a whole-number threshold, so the floored means judge exactly.
    meetsOnlineRate: has && onlineRateBp >= settings.onlineRateBp,
    meetsOrders: has && avgOrders >= settings.ordersPerStationMonth,
    meetsAmount: has && avgAmount >= settings.amountFenPerStationMonth,
  };
}

// ---------------------------------------------------------------------------------------------
// O3 delivery, carriers, upward fees

/** Delivery days beyond this are counted together ("more than 30 days"). */
export const MAX_DELIVERY_BUCKET = 31;

/** Milliseconds from dispatch to delivery (negative when delivery is recorded before dispatch). */
export function deliveryMs(dispatchedAt: string, deliveredAt: string): number {
  return Date.parse(deliveredAt) - Date.parse(dispatchedAt);
}

/**
 * The day bucket of a delivery time: ceil(time ÷ 24 h), so bucket d holds (d−1)×24 h < t ≤ d×24 h
 * and "within N days" is exactly buckets ≤ N (7 × 24 h is inside, one minute more is outside).
 */
export function deliveryDayBucket(ms: number): number {
  if (ms < 0) throw new RangeError("delivery before dispatch");
  return Math.min(MAX_DELIVERY_BUCKET, Math.ceil(ms / DAY_MS));
}

/** O3: delivered within the limit (dispatched → delivered ≤ deliveryDays × 24 h). */
export function isDeliveredWithin(
  dispatchedAt: string,
  deliveredAt: string | null,
  settings = DEFAULT_OPERATIONS_SETTINGS,
): boolean {
  if (!deliveredAt) return false;
  const ms = deliveryMs(dispatchedAt, deliveredAt);
  return ms >= 0 && ms <= settings.deliveryDays * DAY_MS;
}

/** Shipments per delivery-day bucket (undelivered shipments are in no bucket). */
export type DeliveryBucket = { days: number; shipments: number };

/**
 * O3: the share of downward shipments delivered within the limit, over those with an outcome:
 * all of them (undelivered ones count as late) less the `inTransit` ones (rules/delivery-window),
 * whose deliveries must not be in `buckets`.
 */
export function withinDaysBp(
  buckets: readonly DeliveryBucket[],
  shipments: number,
  settings = DEFAULT_OPERATIONS_SETTINGS,
  inTransit = 0,
): number {
  const within = buckets.filter((b) => b.days <= settings.deliveryDays).reduce((s, b) => s + b.shipments, 0);
  return shareBp(within, shipments - inTransit);
}

export function weightClassOf(grams: number | null, settings = DEFAULT_OPERATIONS_SETTINGS): string {
  if (grams === null) return UNKNOWN_WEIGHT_CLASS;
  const found = settings.weightClasses.find((c) => c.maxGrams === null || grams <= c.maxGrams);
  return found?.key ?? UNKNOWN_WEIGHT_CLASS;
}

/** Upward fees of one weight class: shipments with a fee, and their fees' sum. */
export type UpwardFeeClass = { weightClass: string; shipments: number; feeFen: number };
export type FeeBenchmark = { weightClass: string; feeFen: number };

export type UpwardFeeComparison = {
  weightClass: string;
  name: Bilingual;
  shipments: number;
  /** Mean fee, floored. */
  avgFeeFen: number;
  benchmarkFen: number | null;
  /** O3: the mean upward fee is above the county's benchmark for the class. */
  isAbove: boolean;
};

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

/** O3: each weight class's mean upward fee against the benchmark (exact: sum > benchmark × n). */
export function compareUpwardFees(
  classes: readonly UpwardFeeClass[],
  benchmarks: readonly FeeBenchmark[],
  settings = DEFAULT_OPERATIONS_SETTINGS,
): UpwardFeeComparison[] {
  const benchmark = new Map(benchmarks.map((b) => [b.weightClass, b.feeFen]));
  const names = new Map(settings.weightClasses.map((c) => [c.key, c.name]));
  const order = [...settings.weightClasses.map((c) => c.key), UNKNOWN_WEIGHT_CLASS];
  return classes
    .filter((c) => c.shipments > 0)
    .sort((a, b) => order.indexOf(a.weightClass) - order.indexOf(b.weightClass))
    .map((c) => {
      const fee = benchmark.get(c.weightClass) ?? null;
      return {
        weightClass: c.weightClass,
        name: names.get(c.weightClass) ?? { zh: "重量未知", en: "weight unknown" },
        shipments: c.shipments,
        avgFeeFen: Math.floor(c.feeFen / c.shipments),
        benchmarkFen: fee,
        isAbove: fee !== null && c.feeFen > fee * c.shipments,
      };
    });
}

/** The facts' wording of a class above its benchmark: "1–3公斤：均价 9.50 元 > 基准 8.00 元". */
export function describeFeeAbove(c: UpwardFeeComparison): string {
  return `${c.name.zh}：均价 ${yuan(c.avgFeeFen)} 元 > 基准 ${yuan(c.benchmarkFen ?? 0)} 元`;
}
