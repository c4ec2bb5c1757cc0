import { describe, expect, it } from "vitest";
import { calendarCovers, isWorkingDay, noticePeriod, RuleInputError } from "../../rules/calendar";
import { buildWorkCalendar, type CalendarOverride, chineseDaysCalendar } from "./chinese-days-source";

describe("chineseDaysCalendar (F6)", () => {
  const cal = chineseDaysCalendar();

  it("2017-10-02 (Monday) is a National Day holiday (F6)", () => {
    expect(cal.holidays.has("2017-10-02")).toBe(true);
    expect(isWorkingDay(cal, "2017-10-02")).toBe(false);
  });

  it("2017-09-30 (Saturday) is a make-up workday (调休, F6)", () => {
    expect(cal.workdays.has("2017-09-30")).toBe(true);
    expect(isWorkingDay(cal, "2017-09-30")).toBe(true);
  });

  it("holds the 2018 make-up weekends (F6)", () => {
    for (const d of ["2018-02-11", "2018-02-24", "2018-04-08", "2018-04-28", "2018-09-29", "2018-09-30"]) {
      expect(isWorkingDay(cal, d), d).toBe(true);
    }
    expect(isWorkingDay(cal, "2018-02-16")).toBe(false); // Spring Festival, a Friday
  });

  it("gives the hand-computed notice period over National Day 2017 (F6)", () => {
    // Same reasoning as in rules/calendar.test.ts: 09-29, 09-30, 10-09..10-13, 10-16..10-18.
    expect(noticePeriod(cal, "2017-09-29", 10)).toEqual({
      lastDay: "2017-10-18",
      earliestSubmission: "2017-10-19",
    });
  });

  it("covers 2004–2026 and nothing outside (F6)", () => {
    expect(calendarCovers(cal, 2004)).toBe(true);
    expect(calendarCovers(cal, 2017)).toBe(true);
    expect(calendarCovers(cal, 2026)).toBe(true);
    expect(calendarCovers(cal, 2003)).toBe(false);
    expect(calendarCovers(cal, 2027)).toBe(false);
  });
});

describe("overrides (F6)", () => {
  it("a holiday override wins over the package's make-up workday (F6)", () => {
    const cal = chineseDaysCalendar([{ date: "2017-09-30", kind: "holiday" }]);
    expect(isWorkingDay(cal, "2017-09-30")).toBe(false);
    expect(cal.workdays.has("2017-09-30")).toBe(false);
  });

  it("a workday override wins over the package's holiday (F6)", () => {
    const cal = chineseDaysCalendar([{ date: "2017-10-02", kind: "workday" }]);
    expect(isWorkingDay(cal, "2017-10-02")).toBe(true);
    expect(cal.holidays.has("2017-10-02")).toBe(false);
    // The notice from 09-29 now also counts 10-02: 09-29, 09-30, 10-02, 10-09..10-13, 10-16..10-17.
    expect(noticePeriod(cal, "2017-09-29", 10).lastDay).toBe("2017-10-17");
  });

  it("the last override of a date wins (F6)", () => {
    const overrides: CalendarOverride[] = [
      { date: "2017-10-02", kind: "workday" },
      { date: "2017-10-02", kind: "holiday" },
    ];
    expect(isWorkingDay(chineseDaysCalendar(overrides), "2017-10-02")).toBe(false);
  });

  it("does not mutate the package data between calls (F6)", () => {
    chineseDaysCalendar([{ date: "2017-10-02", kind: "workday" }]);
    expect(isWorkingDay(chineseDaysCalendar(), "2017-10-02")).toBe(false);
  });

  it("overrides do not extend coverage (F6)", () => {
    const cal = buildWorkCalendar({ holidays: { "2017-10-02": "国庆节" }, workdays: {} }, [
      { date: "2030-01-01", kind: "holiday" },
    ]);
    expect(calendarCovers(cal, 2017)).toBe(true);
    expect(calendarCovers(cal, 2030)).toBe(false);
    expect(isWorkingDay(cal, "2030-01-01")).toBe(false);
  });

  it("rejects an override with a bad date or kind (F6)", () => {
    expect(() => chineseDaysCalendar([{ date: "2017-02-30", kind: "holiday" }])).toThrow(RuleInputError);
    const bad = [{ date: "2017-10-02", kind: "weekend" }] as unknown as CalendarOverride[];
    try {
      chineseDaysCalendar(bad);
      expect.unreachable();
    } catch (e) {
      expect((e as RuleInputError).field).toBe("overrides.0.kind");
    }
  });
});
