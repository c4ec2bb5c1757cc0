import { describe, expect, it } from "vitest";
import type { OrderKind } from "./operations";
import {
  describeOpenFlags,
  findDeliveriesBeforeDispatch,
  findDuplicateWaybills,
  findIdenticalAmountRuns,
  findMonthlyJumps,
  findOffHoursOrders,
  isOutsideOpeningHours,
  type QualityOrder,
  type QualityWaybillRecord,
  DEFAULT_DATA_QUALITY_SETTINGS as S,
} from "./operations-quality";

const at = (day: string, time: string) => `${day}T${time}+08:00`;
let n = 0;
const order = (time: string, options: Partial<QualityOrder> = {}): QualityOrder => ({
  sourceId: `o${++n}`,
  stationCode: "WX-1",
  kind: "agency_purchase",
  amountFen: 1000 + n,
  at: at("2018-05-03", time),
  ...options,
});
const times = (count: number, time: string, options: Partial<QualityOrder> = {}) =>
  Array.from({ length: count }, () => order(time, options));

describe("opening hours (E5 evidence: orders outside opening hours)", () => {
  it("counts the opening minute as inside and the closing minute as outside", () => {
    const outside = (time: string) => isOutsideOpeningHours(at("2018-05-03", time));
    expect(["06:59:59", "07:00:00", "20:59:59", "21:00:00", "02:00:00"].map(outside)).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
  });

  it("wraps opening hours that pass midnight", () => {
    const night = { ...S, opensAtMinute: 20 * 60, closesAtMinute: 2 * 60 };
    const outside = (time: string) => isOutsideOpeningHours(at("2018-05-03", time), night);
    expect(["19:59:00", "20:00:00", "23:30:00", "01:59:00", "02:00:00"].map(outside)).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe("findOffHoursOrders (E5)", () => {
  it("flags a station-day at exactly the minimum count and share, not one order below either", () => {
    // 10 outside, 10 inside: 10 ≥ 10 and 50% ≥ 50%.
    const atThreshold = [...times(10, "02:10:00"), ...times(10, "09:00:00")];
    const [finding] = findOffHoursOrders(atThreshold);
    expect(finding).toMatchObject({
      kind: "off_hours_orders",
      subject: "WX-1|2018-05-03",
      stationCode: "WX-1",
      period: "2018-05-03",
      measures: { outside: 10, orders: 20 },
    });
    expect(finding!.refs).toHaveLength(10);
    expect(finding!.summary.zh).toContain("营业时间（07:00–21:00）外下单 10 笔");
    expect(findOffHoursOrders([...times(9, "02:10:00"), ...times(9, "09:00:00")])).toEqual([]);
    // 10 outside but 11 inside: 47.6% < 50%.
    expect(findOffHoursOrders([...times(10, "02:10:00"), ...times(11, "09:00:00")])).toEqual([]);
  });

  it("judges each station and each day on its own", () => {
    const rows = [
      ...times(6, "23:00:00"),
      ...times(6, "23:00:00", { stationCode: "WX-2" }),
      ...times(6, "23:00:00", { at: at("2018-05-04", "23:00:00") }),
    ];
    expect(findOffHoursOrders(rows)).toEqual([]);
    expect(findOffHoursOrders(rows, { ...S, offHoursMinOrders: 6 })).toHaveLength(3);
  });
});

describe("findIdenticalAmountRuns (E5)", () => {
  it("flags 8 consecutive orders of one amount and not 7", () => {
    const run = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        order(`10:${String(i).padStart(2, "0")}:00`, { amountFen: 9900 }),
      );
    const eight = [order("09:00:00", { amountFen: 500 }), ...run(8), order("11:00:00", { amountFen: 700 })];
    const [finding] = findIdenticalAmountRuns(eight);
    expect(finding).toMatchObject({
      kind: "identical_amounts",
      subject: `WX-1|${eight[1]!.sourceId}`,
      measures: { orders: 8, amountFen: 9900 },
    });
    expect(finding!.refs).toEqual(eight.slice(1, 9).map((o) => o.sourceId));
    expect(finding!.summary.zh).toContain("连续 8 笔订单金额均为 99.00 元");
    expect(findIdenticalAmountRuns(run(7))).toEqual([]);
  });

  it("orders by time, not by arrival, and breaks a run at a different amount", () => {
    const same = Array.from({ length: 8 }, (_, i) =>
      order(`10:${String(i * 2).padStart(2, "0")}:00`, { amountFen: 5000 }),
    );
    const breaker = order("10:07:00", { amountFen: 5100 });
    expect(findIdenticalAmountRuns([...same].reverse())).toHaveLength(1);
    expect(findIdenticalAmountRuns([...same, breaker])).toEqual([]);
  });

  it("ignores kinds outside the setting (fixed-sum bill payments are normal)", () => {
    const bills = times(12, "10:00:00", { kind: "bill_payment" as OrderKind, amountFen: 10_000 });
    expect(findIdenticalAmountRuns(bills)).toEqual([]);
    expect(
      findIdenticalAmountRuns(bills, { ...S, identicalAmountKinds: ["bill_payment"] }).map(
        (f) => f.measures.orders,
      ),
    ).toEqual([12]);
  });
});

describe("findMonthlyJumps (E5)", () => {
  const months = (orders: number[], station = "WX-1") =>
    orders.map((o, i) => ({
      stationCode: station,
      month: `2018-${String(i + 1).padStart(2, "0")}`,
      orders: o,
    }));

  it("flags a month at 3× the median of its history and 100 orders above it, not one order less", () => {
    const [jump] = findMonthlyJumps(months([40, 50, 60, 150]));
    expect(jump).toMatchObject({
      kind: "monthly_jump",
      subject: "WX-1|2018-04",
      period: "2018-04",
      measures: { orders: 150, median: 50, historyMonths: 3 },
      refs: ["2018-01", "2018-02", "2018-03", "2018-04"],
    });
    expect(jump!.summary.zh).toContain("代购 150 单");
    expect(findMonthlyJumps(months([40, 50, 60, 149]))).toEqual([]);
    // 3.5× but only 99 above the median: small numbers jump by chance.
    expect(findMonthlyJumps(months([40, 40, 40, 139]))).toEqual([]);
    expect(findMonthlyJumps(months([40, 40, 40, 140])).map((f) => f.period)).toEqual(["2018-04"]);
  });

  it("takes the median of an even history exactly (half orders) and needs 3 months of history", () => {
    // Median of 50, 51, 60, 61 is 55.5: 3× is 166.5, so 167 is a jump and 166 is not.
    expect(findMonthlyJumps(months([50, 51, 60, 61, 167])).map((f) => f.measures.median)).toEqual([55.5]);
    expect(findMonthlyJumps(months([50, 51, 60, 61, 166]))).toEqual([]);
    expect(findMonthlyJumps(months([10, 10, 500]))).toEqual([]);
  });

  it("looks back 6 calendar months only, over gaps", () => {
    const rows = [
      { stationCode: "WX-1", month: "2017-01", orders: 5 },
      { stationCode: "WX-1", month: "2017-02", orders: 5 },
      { stationCode: "WX-1", month: "2017-03", orders: 5 },
      { stationCode: "WX-1", month: "2017-12", orders: 300 },
    ];
    expect(findMonthlyJumps(rows)).toEqual([]);
    expect(findMonthlyJumps(rows, { ...S, jumpHistoryMonths: 12 }).map((f) => f.subject)).toEqual([
      "WX-1|2017-12",
    ]);
  });
});

describe("findDuplicateWaybills (E5)", () => {
  const record = (ref: string, options: Partial<QualityWaybillRecord> = {}): QualityWaybillRecord => ({
    ref,
    waybill: "YT1",
    stationCode: "WX-1",
    carrier: "中通快递",
    direction: "down",
    dispatchedAt: at("2018-05-01", "09:00:00"),
    ...options,
  });

  it("takes a rescan within 24 hours as the same parcel and a minute more as a second one", () => {
    expect(
      findDuplicateWaybills([record("e1"), record("e2", { dispatchedAt: at("2018-05-02", "09:00:00") })]),
    ).toEqual([]);
    const [finding] = findDuplicateWaybills([
      record("e1"),
      record("e2", { dispatchedAt: at("2018-05-02", "09:01:00") }),
    ]);
    expect(finding).toMatchObject({
      kind: "duplicate_waybill",
      subject: "YT1",
      period: "2018-05",
      refs: ["e1", "e2"],
    });
  });

  it("flags one number used at two stations, by two carriers or in both directions", () => {
    for (const other of [{ stationCode: "WX-2" }, { carrier: "圆通速递" }, { direction: "up" }]) {
      expect(findDuplicateWaybills([record("e1"), record("e2", other)]), JSON.stringify(other)).toHaveLength(
        1,
      );
    }
    expect(
      findDuplicateWaybills([record("e1"), record("e2", { waybill: "YT2", stationCode: "WX-2" })]),
    ).toEqual([]);
  });
});

describe("findDeliveriesBeforeDispatch (E5)", () => {
  const row = (ref: string, delivered: string) => ({
    ref,
    waybill: `W-${ref}`,
    stationCode: "WX-1",
    dispatchedAt: at("2018-05-03", "10:00:00"),
    deliveredAt: at("2018-05-03", delivered),
  });

  it("flags a record signed one second before dispatch, not one signed at the dispatch time", () => {
    expect(findDeliveriesBeforeDispatch([row("a", "10:00:00")])).toEqual([]);
    const [finding] = findDeliveriesBeforeDispatch([row("a", "09:59:59"), row("b", "12:00:00")]);
    expect(finding).toMatchObject({
      kind: "delivered_before_dispatch",
      subject: "WX-1|2018-05",
      measures: { records: 1 },
      refs: ["a"],
    });
  });

  it("counts per station and month up to the minimum", () => {
    const rows = [row("a", "09:00:00"), row("b", "08:00:00")];
    expect(findDeliveriesBeforeDispatch(rows, { ...S, deliveredBeforeDispatchMinRecords: 2 })).toHaveLength(
      1,
    );
    expect(findDeliveriesBeforeDispatch(rows, { ...S, deliveredBeforeDispatchMinRecords: 3 })).toEqual([]);
  });
});

describe("describeOpenFlags (the E5 facts)", () => {
  it("prefixes the kind and shortens long lists", () => {
    const flags = Array.from({ length: 12 }, (_, i) => ({ kind: "monthly_jump" as const, summary: `s${i}` }));
    expect(describeOpenFlags(flags.slice(0, 2))).toEqual([
      "月代购单数异常跃升：s0",
      "月代购单数异常跃升：s1",
    ]);
    const long = describeOpenFlags(flags);
    expect(long).toHaveLength(10);
    expect(long[9]).toBe("另有 3 项未解决");
  });
});
