import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate";
import { describeMeasures, formatMeasure, MEASURE_LABELS, measureLabel } from "./labels";
import { HEBEI_2017 } from "./standard";

describe("names of measured values", () => {
  it("names every measured and threshold key the evaluator writes", () => {
    const card = evaluate(
      {
        countyCode: "130533",
        asOf: "2018-10-31",
        network: {
          villages: 10,
          villagesWithStation: 5,
          poorVillages: 2,
          poorVillagesWithStation: 1,
          villagesWithBroadband: 9,
          requiredVillagesWithoutStation: 0,
          townships: 2,
          townshipsWithExpress: 2,
          countyCenters: [],
          countyWarehouses: [],
          townshipCenters: [],
          stationsFailingSpec: [],
          duplicateCentralFunding: [],
        },
        operations: {
          stations: 5,
          onlineRateBp: 9500,
          avgOrdersPerStationMonth: 50,
          avgAmountFenPerStationMonth: 200_000,
          stationsMeetingBoth: 5,
          shipments: 10,
          inTransit: 0,
          within7DaysBp: 10_000,
          carriers: 2,
          upwardFeeAboveBenchmark: [],
        },
        upward: {
          hasProductSurvey: true,
          brands: 5,
          regionalBrands: 1,
          developedProducts: 5,
          circulationStandards: 1,
          platformsWithListings: ["淘宝"],
          incubatedShops: 1,
          traceEnterprisesWithSales: 1,
          personTimes: 3000,
          people: 2000,
          poorHouseholds: 10,
          poorHouseholdsTrained: 8,
          traineesFollowedUp: 3,
        },
        funds: {
          planFiled: true,
          planApproved: true,
          unapprovedChanges: 0,
          forbiddenLines: 0,
          paymentProblems: [],
          payments: 2,
          paymentsMissingInvoice: [],
          forbiddenPayments: [],
          constructionProgressBp: 5000,
          disbursementProgressBp: 5000,
        },
      },
      HEBEI_2017,
    );
    const keys = card.items.flatMap((i) => [...Object.keys(i.measured), ...Object.keys(i.threshold)]);
    expect(keys.length).toBeGreaterThan(30);
    expect(keys.filter((k) => !MEASURE_LABELS[k])).toEqual([]);
  });

  it("shows basis points as percentages, fen as yuan, ranges and lists in words", () => {
    expect(formatMeasure("coverageBp", 4500)).toBe("45.00%");
    expect(formatMeasure("avgAmountFenPerStationMonth", 200_050)).toBe("2,000.50 元");
    expect(formatMeasure("developedProducts", [5, 10])).toBe("5–10");
    expect(formatMeasure("platforms", ["淘宝", "京东"])).toBe("淘宝、京东");
    expect(formatMeasure("personTimes", 3000)).toBe("3,000");
    expect(measureLabel("poorCoverageBp")).toBe("贫困村站点覆盖率");
    expect(measureLabel("poorCoverageBp", "en")).toBe("Poor village station coverage");
    expect(measureLabel("somethingNew")).toBe("somethingNew");
    expect(describeMeasures({ coverageBp: 5000, villages: 400 })).toBe(
      "行政村站点覆盖率 50.00%；行政村（个） 400",
    );
  });
});
