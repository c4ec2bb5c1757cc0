/**
 * The operations bench's year of a province (or of a country of provinces): deterministic rows,
 * each made from its index, so no run holds a whole table in memory and every run (and every
 * consumer: our importer, our API, the bare loop, DuckDB) sees the same rows.
 *
 * Scale 1 over the 17 demonstration counties is the province: 3,500 stations, 2.1 M
 * orders, 2 M shipments and 1.28 M device-days (3,500 stations × 365 days). More counties scale
 * every count with them (170 counties: ten times each).
 */

export const YEAR_START_MS = Date.UTC(2018, 0, 1);
export const DAYS = 365;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A 32-bit hash of (i, salt): the same row every run. */
function hash(i: number, salt: number): number {
  let h = (i ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
const pick = (i: number, salt: number, n: number) => hash(i, salt) % n;

export const ORDER_KINDS = [
  "agency_purchase",
  "agency_purchase",
  "agency_purchase",
  "agency_sale",
  "bill_payment",
  "cash_withdrawal",
] as const;
export const CARRIERS = ["中国邮政EMS", "中通快递", "圆通速递", "韵达快递"];

// Formatting is most of a row's cost: days and hours are formatted once, rows only join them.
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));
const DAY_TEXT = Array.from({ length: 2 * DAYS }, (_, d) =>
  new Date(YEAR_START_MS + d * DAY_MS).toISOString().slice(0, 10),
);
/** YYYY-MM-DD of day d of 2018 (d < 730). */
export const dayOf = (d: number) => DAY_TEXT[d]!;
/** "YYYY-MM-DD HH:mm" of a China-time instant given in ms since the epoch (of its wall clock), on the hour. */
const wallClock = (wallMs: number) => {
  const hours = Math.floor((wallMs - YEAR_START_MS) / HOUR_MS);
  return `${DAY_TEXT[Math.floor(hours / 24)]} ${HOURS[hours % 24]}:00`;
};

/** An order's facts, before any format. */
export type OrderFacts = {
  station: number;
  day: number;
  hour: number;
  kind: (typeof ORDER_KINDS)[number];
  amountFen: number;
};

/** A shipment's facts: times are China wall-clock ms since the epoch (naive, no zone). */
export type ShipmentFacts = {
  station: number;
  carrier: string;
  dispatchedWallMs: number;
  /** null: still in transit. */
  deliveredWallMs: number | null;
  up: boolean;
  /** Fee in fen and weight in grams (upward parcels carry a weight). */
  feeFen: number;
  weightGrams: number | null;
};

export class ProvinceRows {
  readonly stations: number;
  readonly orders: number;
  readonly shipments: number;
  readonly deviceDays: number;
  readonly #stationCodes: string[];

  constructor(
    readonly counties: readonly string[],
    readonly scale: number,
  ) {
    const factor = (scale * counties.length) / 17;
    this.stations = Math.max(counties.length, Math.round(3500 * factor));
    this.orders = Math.round(2_100_000 * factor);
    this.shipments = Math.round(2_000_000 * factor);
    this.deviceDays = this.stations * DAYS;
    this.#stationCodes = Array.from({ length: this.stations }, (_, s) => `BS-${s}`);
  }

  /** Stations go round the counties: station s belongs to county s mod n. */
  countyOf(station: number): string {
    return this.counties[station % this.counties.length]!;
  }
  stationCode(station: number): string {
    return this.#stationCodes[station]!;
  }
  /** 站点编号 of a county's stations. */
  stationsOf(county: string): string[] {
    const k = this.counties.indexOf(county);
    const codes: string[] = [];
    for (let s = k; s < this.stations; s += this.counties.length) codes.push(this.stationCode(s));
    return codes;
  }

  /**
   * Orders come in time order, as a contractor's system sends them (a batch covers days, not
   * the whole year); the station, hour, kind and amount are drawn per order.
   */
  order(i: number): OrderFacts {
    return {
      station: pick(i, 1, this.stations),
      day: Math.floor((i * DAYS) / this.orders),
      hour: 8 + pick(i, 3, 12),
      kind: ORDER_KINDS[pick(i, 4, ORDER_KINDS.length)]!,
      amountFen: 500 + pick(i, 5, 20_000),
    };
  }

  shipment(i: number): ShipmentFacts {
    const d = pick(i, 12, DAYS - 12);
    const hours = 6 + pick(i, 13, 200);
    const up = pick(i, 14, 100) < 15;
    // Dispatched at 09:00 China time.
    const dispatchedWallMs = YEAR_START_MS + d * DAY_MS + 9 * HOUR_MS;
    return {
      station: pick(i, 11, this.stations),
      carrier: CARRIERS[pick(i, 15, CARRIERS.length)]!,
      dispatchedWallMs,
      deliveredWallMs: pick(i, 16, 50) === 0 ? null : dispatchedWallMs + hours * HOUR_MS,
      up,
      feeFen: (3 + pick(i, 17, 12)) * 100 + pick(i, 18, 10) * 10,
      weightGrams: up ? (1 + pick(i, 19, 8)) * 1000 + 500 : null,
    };
  }

  /** Device-day i: station i mod n, day ⌊i / n⌋. */
  uptime(i: number): { station: number; day: number; onlineMinutes: number } {
    return {
      station: i % this.stations,
      day: Math.floor(i / this.stations),
      onlineMinutes: 1300 + pick(i, 21, 141),
    };
  }

  // -------------------------------------------------------------------------------------------
  // The formats our paths read

  /** The ingest API's order record. */
  orderRecord(i: number) {
    const o = this.order(i);
    return {
      county: this.countyOf(o.station),
      record: {
        sourceId: `o${i}`,
        stationCode: this.stationCode(o.station),
        kind: o.kind,
        amountFen: o.amountFen,
        at: `${dayOf(o.day)}T${HOURS[o.hour]}:15:00+08:00`,
      },
    };
  }

  /** The ingest API's uptime record. */
  uptimeRecord(i: number) {
    const u = this.uptime(i);
    return {
      county: this.countyOf(u.station),
      record: {
        sourceId: `u${i}`,
        stationCode: this.stationCode(u.station),
        date: dayOf(u.day),
        onlineMinutes: u.onlineMinutes,
      },
    };
  }

  /** A row of the 物流 sheet: 运单号,站点编号,快递企业,发出时间,签收时间,方向,运费(元),重量(千克). */
  shipmentCells(i: number): { county: string; cells: string[] } {
    const s = this.shipment(i);
    return {
      county: this.countyOf(s.station),
      cells: [
        `BW${i}`,
        this.stationCode(s.station),
        s.carrier,
        wallClock(s.dispatchedWallMs),
        s.deliveredWallMs === null ? "" : wallClock(s.deliveredWallMs),
        s.up ? "上行" : "下行",
        (s.feeFen / 100).toFixed(2),
        s.weightGrams === null ? "" : (s.weightGrams / 1000).toFixed(1),
      ],
    };
  }

  /** The bare loop's order row: the API record's fields as columns. */
  orderValues(i: number): (string | number)[] {
    const { county, record: r } = this.orderRecord(i);
    return [county, r.sourceId, r.stationCode, r.kind, r.amountFen, r.at, r.at.slice(0, 10)];
  }

  /** The bare loop's shipment row: the sheet's cells as columns. */
  shipmentValues(i: number): string[] {
    const { county, cells } = this.shipmentCells(i);
    return [county, ...cells];
  }
}

/** China wall-clock ms of an order (its day at hour:15). */
export const orderWallMs = (o: OrderFacts) => YEAR_START_MS + o.day * DAY_MS + o.hour * HOUR_MS + 15 * 60_000;

export { DAY_MS };
