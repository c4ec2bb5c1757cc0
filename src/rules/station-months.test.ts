import { describe, expect, it } from "vitest";
import { summarizeStations, totalStation } from "./operations";
import { countedMonths, figuresOverCountedMonths, lastCompletedMonth, nextMonth } from "./station-months";

const open = (builtOn: string | null, closedOn: string | null = null) => ({ builtOn, closedOn });

describe("O2 months: completed months from the month after opening to the as-of date (rule O2)", () => {
  it("a month is completed on its last day, not the day before", () => {
    expect(lastCompletedMonth("2018-10-31")).toBe("2018-10");
    expect(lastCompletedMonth("2018-10-30")).toBe("2018-09");
    expect(lastCompletedMonth("2018-11-01")).toBe("2018-10");
    expect(lastCompletedMonth("2018-02-28")).toBe("2018-02");
    expect(lastCompletedMonth("2016-02-28")).toBe("2016-01");
    expect(lastCompletedMonth("2018-01-15")).toBe("2017-12");
    expect(nextMonth("2017-12")).toBe("2018-01");
  });

  it("counts from the month after opening; the opening month and the running month do not count", () => {
    expect(countedMonths(open("2018-08-15"), "2018-10-31")).toEqual(["2018-09", "2018-10"]);
    expect(countedMonths(open("2018-08-15"), "2018-10-30")).toEqual(["2018-09"]);
    expect(countedMonths(open("2018-08-01"), "2018-09-29")).toEqual([]);
    expect(countedMonths(open("2018-08-31"), "2018-09-30")).toEqual(["2018-09"]);
    expect(countedMonths(open("2017-12-20"), "2018-03-31")).toEqual(["2018-01", "2018-02", "2018-03"]);
  });

  it("a station opened after the as-of date, or with no date and no figures, is not operating", () => {
    expect(countedMonths(open("2018-11-01"), "2018-10-31")).toEqual([]);
    expect(countedMonths(open(null), "2018-10-31")).toEqual([]);
    expect(countedMonths(open(null), "2018-10-31", "2018-09")).toEqual(["2018-09", "2018-10"]);
  });

  it("a closed station counts the completed months before its closing day", () => {
    expect(countedMonths(open("2018-01-10", "2018-05-01"), "2018-10-31")).toEqual([
      "2018-02",
      "2018-03",
      "2018-04",
    ]);
    expect(countedMonths(open("2018-01-10", "2018-04-30"), "2018-10-31")).toEqual(["2018-02", "2018-03"]);
    expect(countedMonths(open("2018-01-10", "2018-12-01"), "2018-10-31")).toHaveLength(9);
  });

  it("a counted month without figures is zero, so a silent station stays in the denominator", () => {
    const reported = [
      { month: "2018-08", orders: 500, amountFen: 9_000_000, onlineRateBp: 9900 }, // before counting
      { month: "2018-09", orders: 100, amountFen: 400_000, onlineRateBp: 9600 },
    ];
    const figures = figuresOverCountedMonths(reported, ["2018-09", "2018-10"]);
    expect(figures).toEqual([
      { month: "2018-09", orders: 100, amountFen: 400_000, onlineRateBp: 9600 },
      { month: "2018-10", orders: 0, amountFen: 0, onlineRateBp: null },
    ]);
    // One station at 50 a month over two months, one silent over one month: mean of 50 and 0 → 25.
    const a = totalStation(
      "A",
      figuresOverCountedMonths(
        [
          { ...reported[1]!, orders: 50 },
          { month: "2018-10", orders: 50, amountFen: 200_000, onlineRateBp: 9600 },
        ],
        ["2018-09", "2018-10"],
      ),
    );
    const silent = totalStation("B", figuresOverCountedMonths([], ["2018-10"]));
    const summary = summarizeStations([a, silent]);
    expect(summary.stations).toBe(2);
    expect(summary.avgOrdersPerStationMonth).toBe(25);
    expect(summary.meetsOrders).toBe(false);
  });
});
