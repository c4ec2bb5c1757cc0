import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addWorkingDays,
  calendarCovers,
  DEFAULT_NOTICE_SETTINGS,
  isIsoDate,
  isWorkingDay,
  NOTICE_MIN_WORKING_DAYS,
  nextWorkingDay,
  noticePeriod,
  RuleInputError,
  type WorkCalendar,
} from "./calendar";

/** State Council notices 国办发明电〔2016〕14号 and 〔2017〕12号, typed in by hand (rule F6). */
const CAL: WorkCalendar = {
  holidays: new Set([
    // 2017 National Day + Mid-Autumn: 10-01 (Sun) .. 10-08 (Sun) off.
    ...["01", "02", "03", "04", "05", "06", "07", "08"].map((d) => `2017-10-${d}`),
    // 2018 New Year: 12-30 (Sat) .. 01-01 (Mon) off.
    "2017-12-30",
    "2017-12-31",
    "2018-01-01",
    // 2018 Spring Festival: 02-15 (Thu) .. 02-21 (Wed) off.
    ...["15", "16", "17", "18", "19", "20", "21"].map((d) => `2018-02-${d}`),
    // 2018 National Day: 10-01 (Mon) .. 10-07 (Sun) off.
    ...["01", "02", "03", "04", "05", "06", "07"].map((d) => `2018-10-${d}`),
  ]),
  workdays: new Set([
    "2017-09-30", // Saturday, make-up for National Day
    "2018-02-11", // Sunday, make-up for Spring Festival
    "2018-02-24", // Saturday, make-up for Spring Festival
    "2018-09-29", // Saturday, make-up for National Day
    "2018-09-30", // Sunday, make-up for National Day
  ]),
};

const expectInputError = (fn: () => unknown, field: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RuleInputError);
    expect((e as RuleInputError).field).toBe(field);
    expect((e as RuleInputError).messages.zh).toMatch(/[\u4e00-\u9fff]/);
    expect((e as RuleInputError).messages.en).toBe((e as RuleInputError).message);
    return;
  }
  throw new Error("expected a RuleInputError");
};

describe("isWorkingDay (F6)", () => {
  it("a plain Friday is a working day, the weekend is not (F6)", () => {
    expect(isWorkingDay(CAL, "2017-09-29")).toBe(true); // Friday
    expect(isWorkingDay(CAL, "2017-10-14")).toBe(false); // Saturday
    expect(isWorkingDay(CAL, "2017-10-15")).toBe(false); // Sunday
  });

  it("a make-up Saturday is a working day (调休, F6)", () => {
    expect(isWorkingDay(CAL, "2017-09-30")).toBe(true);
    expect(isWorkingDay(CAL, "2018-02-11")).toBe(true); // a Sunday
  });

  it("a holiday on a weekday is not a working day (F6)", () => {
    expect(isWorkingDay(CAL, "2017-10-02")).toBe(false); // Monday
    expect(isWorkingDay(CAL, "2018-01-01")).toBe(false); // Monday
  });

  it("a workday entry wins over a holiday entry on the same date (F6)", () => {
    const both: WorkCalendar = { holidays: new Set(["2017-09-30"]), workdays: new Set(["2017-09-30"]) };
    expect(isWorkingDay(both, "2017-09-30")).toBe(true);
  });

  it("does not depend on the host time zone: 2017-10-09 is a Monday everywhere (F6)", () => {
    expect(isWorkingDay({ holidays: new Set(), workdays: new Set() }, "2017-10-09")).toBe(true);
    expect(isWorkingDay({ holidays: new Set(), workdays: new Set() }, "2017-10-08")).toBe(false);
  });

  it("rejects malformed and impossible dates with a RuleInputError (F6)", () => {
    for (const bad of [
      "2017-9-30",
      "2017-02-29",
      "2018-13-01",
      "2017-10-32",
      "20171001",
      "",
      "2017-10-01T00:00",
    ]) {
      expectInputError(() => isWorkingDay(CAL, bad), "date");
    }
  });
});

describe("addWorkingDays / nextWorkingDay (F6)", () => {
  it("jumps from the make-up Saturday over the National Day week (F6)", () => {
    // 09-30 (Sat, make-up) → 10-01..10-08 off → 10-09 (Mon).
    expect(nextWorkingDay(CAL, "2017-09-30")).toBe("2017-10-09");
    expect(nextWorkingDay(CAL, "2017-09-29")).toBe("2017-09-30");
  });

  it("n = 0 returns the date itself, even on a holiday (F6)", () => {
    expect(addWorkingDays(CAL, "2017-10-02", 0)).toBe("2017-10-02");
  });

  it("counts backwards for negative n (F6)", () => {
    // Before 10-09: 10-01..10-08 off, 09-30 is a make-up workday.
    expect(addWorkingDays(CAL, "2017-10-09", -1)).toBe("2017-09-30");
    expect(addWorkingDays(CAL, "2017-10-09", -2)).toBe("2017-09-29");
  });

  it("crosses the year end and the 2018 New Year holiday (F6)", () => {
    // 12-29 (Fri) → 12-30, 12-31, 01-01 off → 01-02 (Tue).
    expect(nextWorkingDay(CAL, "2017-12-29")).toBe("2018-01-02");
  });

  it("rejects a non-integer or oversized count (F6)", () => {
    expectInputError(() => addWorkingDays(CAL, "2017-10-09", 1.5), "n");
    expectInputError(() => addWorkingDays(CAL, "2017-10-09", 10_001), "n");
    expectInputError(() => addWorkingDays(CAL, "bad", 1), "date");
  });
});

describe("noticePeriod (F6)", () => {
  it("exports the F6 minimum and the default reading", () => {
    expect(NOTICE_MIN_WORKING_DAYS).toBe(10);
    expect(DEFAULT_NOTICE_SETTINGS).toEqual({ startDayCounts: true, submission: "next_working_day" });
  });

  it("notice posted Fri 2017-09-29 spans National Day: last day 10-18, file from 10-19 (F6)", () => {
    // Day 1 = 09-29 (Fri, posting day counts), day 2 = 09-30 (Sat, make-up workday),
    // 10-01..10-08 off, days 3–7 = 10-09..10-13 (Mon–Fri), days 8–10 = 10-16..10-18 (Mon–Wed).
    // Earliest submission = next working day = 10-19 (Thu).
    expect(noticePeriod(CAL, "2017-09-29", 10)).toEqual({
      lastDay: "2017-10-18",
      earliestSubmission: "2017-10-19",
    });
  });

  it("defaults to 10 working days (F6)", () => {
    expect(noticePeriod(CAL, "2017-09-29")).toEqual(noticePeriod(CAL, "2017-09-29", 10));
  });

  it("a notice posted on a holiday starts counting on the next working day (F6)", () => {
    // Posted Sun 2017-10-01 (holiday): day 1 = 10-09, days 1–5 = 10-09..10-13, days 6–10 = 10-16..10-20.
    // Earliest submission: Sat 10-21 and Sun 10-22 are off → Mon 10-23.
    expect(noticePeriod(CAL, "2017-10-01", 10)).toEqual({
      lastDay: "2017-10-20",
      earliestSubmission: "2017-10-23",
    });
  });

  it("with startDayCounts off, the posting day is day 0 (F6 alternative reading)", () => {
    // Day 1 = 09-30 (make-up Sat), days 2–6 = 10-09..10-13, days 7–10 = 10-16..10-19.
    expect(
      noticePeriod(CAL, "2017-09-29", 10, { ...DEFAULT_NOTICE_SETTINGS, startDayCounts: false }),
    ).toEqual({
      lastDay: "2017-10-19",
      earliestSubmission: "2017-10-20",
    });
  });

  it("with next_calendar_day submission, filing may fall on a weekend (F6 alternative reading)", () => {
    // Posted Mon 2017-10-23: days 1–5 = 10-23..10-27, days 6–10 = 10-30..11-03 (Fri).
    // Next calendar day = Sat 11-04; next working day (default) = Mon 11-06.
    const settings = { ...DEFAULT_NOTICE_SETTINGS, submission: "next_calendar_day" } as const;
    expect(noticePeriod(CAL, "2017-10-23", 10, settings)).toEqual({
      lastDay: "2017-11-03",
      earliestSubmission: "2017-11-04",
    });
    expect(noticePeriod(CAL, "2017-10-23", 10).earliestSubmission).toBe("2017-11-06");
  });

  it("notice posted Fri 2017-12-22 crosses into 2018 (M1 deadline season, F6)", () => {
    // Day 1 = 12-22 (Fri), days 2–6 = 12-25..12-29, 12-30..01-01 off, days 7–10 = 01-02..01-05 (Fri).
    // Earliest submission: the weekend 01-06/07 → Mon 2018-01-08.
    expect(noticePeriod(CAL, "2017-12-22", 10)).toEqual({
      lastDay: "2018-01-05",
      earliestSubmission: "2018-01-08",
    });
  });

  it("notice posted Fri 2018-02-09 spans the Spring Festival with two make-up days (F6)", () => {
    // 1 = 02-09 (Fri), 2 = 02-11 (Sun, make-up), 3–5 = 02-12..02-14, 02-15..02-21 off,
    // 6–7 = 02-22..02-23, 8 = 02-24 (Sat, make-up), 9–10 = 02-26..02-27. File from 02-28.
    expect(noticePeriod(CAL, "2018-02-09", 10)).toEqual({
      lastDay: "2018-02-27",
      earliestSubmission: "2018-02-28",
    });
  });

  it("notice posted Fri 2018-09-28 uses both make-up weekend days before National Day (F6)", () => {
    // 1 = 09-28, 2 = 09-29 (Sat), 3 = 09-30 (Sun), 10-01..10-07 off, 4–8 = 10-08..10-12, 9–10 = 10-15..10-16.
    expect(noticePeriod(CAL, "2018-09-28", 10)).toEqual({
      lastDay: "2018-10-16",
      earliestSubmission: "2018-10-17",
    });
  });

  it("thresholds on the count: 0 is rejected, 1 is the posting day itself, 2 is the next working day (F6)", () => {
    expectInputError(() => noticePeriod(CAL, "2017-09-29", 0), "workingDays");
    expect(noticePeriod(CAL, "2017-09-29", 1)).toEqual({
      lastDay: "2017-09-29",
      earliestSubmission: "2017-09-30",
    });
    expect(noticePeriod(CAL, "2017-09-29", 2)).toEqual({
      lastDay: "2017-09-30",
      earliestSubmission: "2017-10-09",
    });
  });

  it("rejects a bad start date and a fractional count (F6)", () => {
    expectInputError(() => noticePeriod(CAL, "2017-09-31", 10), "start");
    expectInputError(() => noticePeriod(CAL, "2017-09-29", 9.5), "workingDays");
    expectInputError(() => noticePeriod(CAL, "2017-09-29", -1), "workingDays");
  });
});

describe("calendarCovers (F6)", () => {
  it("uses coveredYears when given", () => {
    const cal: WorkCalendar = { ...CAL, coveredYears: new Set([2017]) };
    expect(calendarCovers(cal, 2017)).toBe(true);
    expect(calendarCovers(cal, 2018)).toBe(false);
  });

  it("otherwise infers coverage from entries in the year", () => {
    expect(calendarCovers(CAL, 2017)).toBe(true);
    expect(calendarCovers(CAL, 2018)).toBe(true);
    expect(calendarCovers(CAL, 2019)).toBe(false);
    expect(calendarCovers({ holidays: new Set(), workdays: new Set(["2030-01-05"]) }, 2030)).toBe(true);
  });
});

describe("date helpers", () => {
  it("isIsoDate accepts real days only, including 29 Feb of leap years", () => {
    expect(isIsoDate("2016-02-29")).toBe(true);
    expect(isIsoDate("2017-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("0099-01-01")).toBe(true);
  });

  it("addCalendarDays crosses months and years", () => {
    expect(addCalendarDays("2017-12-31", 1)).toBe("2018-01-01");
    expect(addCalendarDays("2016-03-01", -1)).toBe("2016-02-29");
    expect(addCalendarDays("2017-10-01", 0)).toBe("2017-10-01");
  });
});
