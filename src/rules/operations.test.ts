import { describe, expect, it } from "vitest";
import {
  compareUpwardFees,
  DEFAULT_OPERATIONS_SETTINGS,
  deliveryDayBucket,
  deliveryMs,
  describeFeeAbove,
  expectedUptimeDays,
  floorMeanOfMeans,
  isDeliveredWithin,
  judgeStation,
  parseDirection,
  parseMonth,
  parseOnlineRateBp,
  parseOrderKind,
  parseShipmentTime,
  parseWeightGrams,
  type StationTotals,
  summarizeStations,
  totalStation,
  uptimeRateBp,
  weightClassOf,
  withinDaysBp,
} from "./operations";

const bp = (text: string) => {
  const r = parseOnlineRateBp(text);
  return r.ok ? r.value : `error: ${r.reason.en}`;
};

describe("parseOnlineRateBp (O1 上线率 cells)", () => {
  it("reads a fraction, a percentage and a percent sign as the same 9600 bp, exactly (O1)", () => {
    expect([bp("0.96"), bp("96"), bp("96%"), bp(" 96 % "), bp("０.９６")]).toEqual([
      9600, 9600, 9600, 9600, 9600,
    ]);
  });

  it("reads the O1 threshold and one bp either side without float drift (O1)", () => {
    expect([bp("0.95"), bp("95"), bp("95%"), bp("0.9499"), bp("94.99"), bp("0.9501"), bp("95.01%")]).toEqual([
      9500, 9500, 9500, 9499, 9499, 9501, 9501,
    ]);
    // 0.29 × 10000 is 2899.9999999999995 in floating point; read as digits it is 2900.
    expect(bp("0.29")).toBe(2900);
    expect(bp("0.57")).toBe(5700);
  });

  it("takes a bare 1 as 100% and anything above 1 as a percentage", () => {
    expect([bp("1"), bp("1.0"), bp("1.5"), bp("100"), bp("100%"), bp("0"), bp("0.5%")]).toEqual([
      10000, 10000, 150, 10000, 10000, 0, 50,
    ]);
  });

  it("floors digits finer than one bp", () => {
    expect([bp("0.95559"), bp("95.559")]).toEqual([9555, 9555]);
  });

  it("refuses text, negatives and rates above 100%", () => {
    for (const t of ["", "abc", "-0.5", "101", "100.01%", "120%", "0.9.5", "9 5"]) {
      expect(typeof bp(t), t).toBe("string");
    }
  });
});

describe("parseMonth, parseShipmentTime, parseWeightGrams, vocabularies", () => {
  it("reads YYYY-MM and the forms Excel and people produce", () => {
    const m = (t: string) => {
      const r = parseMonth(t);
      return r.ok ? r.value : null;
    };
    expect([m("2018-03"), m("2018-3"), m("2018/03"), m("2018年3月"), m("2018-03-01")]).toEqual([
      "2018-03",
      "2018-03",
      "2018-03",
      "2018-03",
      "2018-03",
    ]);
    expect([m("2018-13"), m("2018-00"), m("2018-03-15"), m("18-03"), m("")]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("reads dates as 00:00 China time and date-times in China time unless an offset is given", () => {
    const t = (s: string) => {
      const r = parseShipmentTime(s);
      return r.ok ? r.value : null;
    };
    expect(t("2018-03-01")).toBe("2018-03-01T00:00:00+08:00");
    expect(t("2018-03-01 09:30")).toBe("2018-03-01T09:30:00+08:00");
    expect(t("2018/03/01 09:30:15")).toBe("2018-03-01T09:30:15+08:00");
    expect(t("2018-03-01T01:30:00Z")).toBe("2018-03-01T09:30:00+08:00");
    expect(t("2018-03-01T09:30:00+0800")).toBe("2018-03-01T09:30:00+08:00");
    for (const bad of ["2018-02-30", "2018-02-28 24:00", "2018-03-01 9:30", "yesterday", ""])
      expect(t(bad), bad).toBe(null);
  });

  it("knows the calendar without an offset too: leap days, 30-day months, the clock's bounds", () => {
    const t = (s: string) => {
      const r = parseShipmentTime(s);
      return r.ok ? r.value : null;
    };
    expect(t("2016-02-29 23:59:59")).toBe("2016-02-29T23:59:59+08:00");
    expect(t("2000-02-29")).toBe("2000-02-29T00:00:00+08:00");
    expect(t("2018-12-31 00:00:00.999")).toBe("2018-12-31T00:00:00+08:00");
    for (const bad of [
      "2018-02-29",
      "1900-02-29",
      "2018-04-31",
      "2018-13-01",
      "2018-00-10",
      "2018-01-00",
      "2018-01-01 12:60",
      "2018-01-01 12:00:60",
    ])
      expect(t(bad), bad).toBe(null);
  });

  it("reads kilograms into whole grams", () => {
    const g = (s: string) => {
      const r = parseWeightGrams(s);
      return r.ok ? r.value : null;
    };
    expect([g("1"), g("1.25"), g("0.3"), g("2kg"), g("1.2345"), g("-1")]).toEqual([
      1000,
      1250,
      300,
      2000,
      null,
      null,
    ]);
  });

  it("names directions and order kinds in Chinese or by key (O3, S6)", () => {
    expect([
      parseDirection("下行"),
      parseDirection("上行"),
      parseDirection("up"),
      parseDirection("横行"),
    ]).toEqual(["down", "up", "up", undefined]);
    expect([
      parseOrderKind("代购"),
      parseOrderKind("助农取款"),
      parseOrderKind("agency_sale"),
      parseOrderKind("x"),
    ]).toEqual(["agency_purchase", "cash_withdrawal", "agency_sale", undefined]);
  });
});

describe("O1 from device uptime", () => {
  it("expects every day from the first report to the month's end or asOf", () => {
    expect(expectedUptimeDays("2018-03", "2017-12-05", "2018-10-31")).toBe(31);
    expect(expectedUptimeDays("2018-03", "2018-03-10", "2018-10-31")).toBe(22);
    expect(expectedUptimeDays("2018-03", "2018-03-10", "2018-03-15")).toBe(6);
    expect(expectedUptimeDays("2018-02", "2018-01-01", "2018-10-31")).toBe(28);
    expect(expectedUptimeDays("2018-04", "2018-05-01", "2018-10-31")).toBe(0);
  });

  it("is floored minutes over expected minutes, at the 95% threshold (O1)", () => {
    // Over the default opening hours (08:00–20:00, rules/opening-hours): 30 days × 720 = 21,600
    // minutes; 95% is 20,520.
    expect(uptimeRateBp(20_520, 30)).toBe(9500);
    expect(uptimeRateBp(20_519, 30)).toBe(9499);
    expect(uptimeRateBp(720 * 31, 30)).toBe(10_000);
    expect(uptimeRateBp(0, 0)).toBe(0);
    expect(uptimeRateBp(1440, 1, 1440)).toBe(10_000);
  });
});

const station = (
  code: string,
  months: { orders: number; amountFen: number; onlineRateBp: number | null }[],
) =>
  totalStation(
    code,
    months.map((m, i) => ({ month: `2018-${String(i + 1).padStart(2, "0")}`, ...m })),
  );

describe("O1 and O2 per station", () => {
  it("meets O2 at exactly 50 orders and 2,000 yuan a month on average, not one fen or order less (O2)", () => {
    const at = station("A", [
      { orders: 49, amountFen: 199_999, onlineRateBp: 9500 },
      { orders: 51, amountFen: 200_001, onlineRateBp: 9500 },
    ]);
    expect(judgeStation(at)).toMatchObject({ avgOrders: 50, avgAmountFen: 200_000, meetsBoth: true });
    const ordersShort = station("B", [
      { orders: 49, amountFen: 200_000, onlineRateBp: 9500 },
      { orders: 50, amountFen: 200_000, onlineRateBp: 9500 },
    ]);
    expect(judgeStation(ordersShort)).toMatchObject({
      meetsOrders: false,
      meetsAmount: true,
      meetsBoth: false,
    });
    const amountShort = station("C", [
      { orders: 50, amountFen: 199_999, onlineRateBp: 9500 },
      { orders: 50, amountFen: 200_000, onlineRateBp: 9500 },
    ]);
    expect(judgeStation(amountShort)).toMatchObject({
      meetsOrders: true,
      meetsAmount: false,
      meetsBoth: false,
    });
  });

  it("meets O1 at a 95.00% mean monthly rate, not at 94.99% (O1)", () => {
    expect(
      judgeStation(station("A", [{ orders: 0, amountFen: 0, onlineRateBp: 9500 }])).meetsOnlineRate,
    ).toBe(true);
    const justUnder = station("B", [
      { orders: 0, amountFen: 0, onlineRateBp: 9500 },
      { orders: 0, amountFen: 0, onlineRateBp: 9499 },
    ]);
    expect(judgeStation(justUnder)).toMatchObject({ onlineRateBp: 9499, meetsOnlineRate: false });
  });

  it("leaves months without a rate out of the station's mean, and fails a station that never reported (O1)", () => {
    const partial = station("A", [
      { orders: 0, amountFen: 0, onlineRateBp: 9600 },
      { orders: 0, amountFen: 0, onlineRateBp: null },
    ]);
    expect(judgeStation(partial)).toMatchObject({ onlineRateBp: 9600, meetsOnlineRate: true });
    const silent = station("B", [{ orders: 60, amountFen: 300_000, onlineRateBp: null }]);
    expect(judgeStation(silent)).toMatchObject({
      hasOnlineData: false,
      onlineRateBp: 0,
      meetsOnlineRate: false,
    });
  });
});

describe("O1 and O2 for a county: mean over stations of each station's monthly average", () => {
  it("floors a mean of means exactly where floating point would land just below", () => {
    // 151/3 + 149/3 = 100 → mean 50; in floats 50.333… + 49.666… / 2 can come out as 49.999….
    expect(
      floorMeanOfMeans([
        { sum: 151, count: 3 },
        { sum: 149, count: 3 },
      ]),
    ).toBe(50);
    expect(
      floorMeanOfMeans([
        { sum: 1, count: 3 },
        { sum: 2, count: 3 },
      ]),
    ).toBe(0);
    expect(
      floorMeanOfMeans([
        { sum: 7, count: 2 },
        { sum: 0, count: 0 },
      ]),
    ).toBe(3);
    expect(floorMeanOfMeans([])).toBe(0);
  });

  it("weighs stations, not months: a 1-month station counts as much as a 12-month one (O2 reading)", () => {
    const big = station(
      "A",
      Array.from({ length: 12 }, () => ({ orders: 80, amountFen: 300_000, onlineRateBp: 9800 })),
    );
    const small = station("B", [{ orders: 20, amountFen: 100_000, onlineRateBp: 9000 }]);
    const s = summarizeStations([big, small]);
    expect(s).toMatchObject({
      stations: 2,
      avgOrdersPerStationMonth: 50,
      avgAmountFenPerStationMonth: 200_000,
      onlineRateBp: 9400,
      stationsMeetingBoth: 1,
      meetsOrders: true,
      meetsAmount: true,
      meetsOnlineRate: false,
    });
  });

  it("is at the thresholds exactly when the means are, and one below when they are not (O1, O2)", () => {
    const at = [
      station("A", [{ orders: 50, amountFen: 200_000, onlineRateBp: 9500 }]),
      station("B", [{ orders: 50, amountFen: 200_000, onlineRateBp: 9500 }]),
    ];
    expect(summarizeStations(at)).toMatchObject({
      meetsOnlineRate: true,
      meetsOrders: true,
      meetsAmount: true,
    });
    const under = [
      station("A", [{ orders: 50, amountFen: 200_000, onlineRateBp: 9500 }]),
      station("B", [{ orders: 49, amountFen: 199_999, onlineRateBp: 9499 }]),
    ];
    expect(summarizeStations(under)).toMatchObject({
      onlineRateBp: 9499,
      avgOrdersPerStationMonth: 49,
      avgAmountFenPerStationMonth: 199_999,
      meetsOnlineRate: false,
      meetsOrders: false,
      meetsAmount: false,
    });
  });

  it("counts a silent data manager as 0% in the county's O1 mean, and no stations as not met", () => {
    const silent: StationTotals = {
      stationCode: "S",
      months: 1,
      orders: 0,
      amountFen: 0,
      onlineMonths: 0,
      onlineRateBpSum: 0,
    };
    const full = station("F", [{ orders: 0, amountFen: 0, onlineRateBp: 10_000 }]);
    expect(summarizeStations([silent, full]).onlineRateBp).toBe(5000);
    expect(summarizeStations([])).toMatchObject({ stations: 0, meetsOnlineRate: false, meetsOrders: false });
  });

  it("takes its thresholds from the settings (O2 reading is a setting)", () => {
    const s = [station("A", [{ orders: 40, amountFen: 150_000, onlineRateBp: 9000 }])];
    const relaxed = {
      ...DEFAULT_OPERATIONS_SETTINGS,
      ordersPerStationMonth: 40,
      amountFenPerStationMonth: 150_000,
      onlineRateBp: 9000,
    };
    expect(summarizeStations(s, relaxed)).toMatchObject({
      meetsOnlineRate: true,
      meetsOrders: true,
      stationsMeetingBoth: 1,
    });
    expect(summarizeStations(s)).toMatchObject({
      meetsOnlineRate: false,
      meetsOrders: false,
      stationsMeetingBoth: 0,
    });
  });
});

describe("O3 delivery within 7 days", () => {
  const sent = "2018-03-01T10:00:00+08:00";

  it("counts 7 × 24 h as inside and one minute more as outside (O3)", () => {
    expect(isDeliveredWithin(sent, "2018-03-08T10:00:00+08:00")).toBe(true);
    expect(isDeliveredWithin(sent, "2018-03-08T10:01:00+08:00")).toBe(false);
    expect(isDeliveredWithin(sent, null)).toBe(false);
    expect(isDeliveredWithin(sent, "2018-03-01T09:00:00+08:00")).toBe(false);
    expect(
      isDeliveredWithin(sent, "2018-03-09T10:00:00+08:00", {
        ...DEFAULT_OPERATIONS_SETTINGS,
        deliveryDays: 8,
      }),
    ).toBe(true);
  });

  it("buckets delivery times so that buckets ≤ 7 are exactly the deliveries within 7 × 24 h (O3)", () => {
    expect(deliveryDayBucket(deliveryMs(sent, "2018-03-08T10:00:00+08:00"))).toBe(7);
    expect(deliveryDayBucket(deliveryMs(sent, "2018-03-08T10:01:00+08:00"))).toBe(8);
    expect(deliveryDayBucket(0)).toBe(0);
    expect(deliveryDayBucket(1)).toBe(1);
    expect(deliveryDayBucket(400 * 86_400_000)).toBe(31);
    expect(() => deliveryDayBucket(-1)).toThrow();
    for (let minutes = 0; minutes < 12 * 1440; minutes += 37) {
      const ms = minutes * 60_000;
      expect(deliveryDayBucket(ms) <= 7, String(minutes)).toBe(ms <= 7 * 86_400_000);
    }
  });

  it("takes the share over all downward shipments, undelivered ones too (O3)", () => {
    const buckets = [
      { days: 1, shipments: 5 },
      { days: 7, shipments: 4 },
      { days: 8, shipments: 1 },
    ];
    expect(withinDaysBp(buckets, 10)).toBe(9000);
    expect(withinDaysBp(buckets, 12)).toBe(7500);
    expect(withinDaysBp(buckets.slice(0, 2), 9)).toBe(10_000);
    expect(withinDaysBp([], 0)).toBe(0);
  });
});

describe("O3 upward fees against the county's benchmark per weight class", () => {
  it("puts weights in classes by their upper bound, inclusive", () => {
    expect([
      weightClassOf(1000),
      weightClassOf(1001),
      weightClassOf(3000),
      weightClassOf(50_000),
      weightClassOf(null),
    ]).toEqual(["w1", "w3", "w3", "w10plus", "unknown"]);
  });

  it("is above the benchmark only when the mean fee exceeds it, compared exactly (O3)", () => {
    const result = compareUpwardFees(
      [
        { weightClass: "w3", shipments: 3, feeFen: 2401 },
        { weightClass: "w1", shipments: 2, feeFen: 1600 },
        { weightClass: "w5", shipments: 1, feeFen: 900 },
        { weightClass: "unknown", shipments: 4, feeFen: 99_999 },
        { weightClass: "w10", shipments: 0, feeFen: 0 },
      ],
      [
        { weightClass: "w1", feeFen: 800 },
        { weightClass: "w3", feeFen: 800 },
      ],
    );
    expect(result.map((c) => [c.weightClass, c.avgFeeFen, c.benchmarkFen, c.isAbove])).toEqual([
      ["w1", 800, 800, false],
      ["w3", 800, 800, true],
      ["w5", 900, null, false],
      ["unknown", 24_999, null, false],
    ]);
    expect(describeFeeAbove(result[1]!)).toBe("1–3公斤：均价 8.00 元 > 基准 8.00 元");
  });
});
