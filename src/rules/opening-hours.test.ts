import { describe, expect, it } from "vitest";
import {
  coveredMinutes,
  DEFAULT_OPENING_HOURS,
  formatClock,
  onlineMinutesInHours,
  openMinutesPerDay,
  parseClock,
  parseOpeningHours,
} from "./opening-hours";
import { uptimeRateBp } from "./operations";

const clock = (t: string) => {
  const r = parseClock(t);
  if (!r.ok) throw new Error(r.reason.en);
  return r.value;
};
/** One minute online starting at `t`. */
const minuteAt = (t: string) => [{ from: clock(t), to: clock(t) + 1 }];

describe("O1 over opening hours (rule O1, default 08:00–20:00)", () => {
  it("counts the minutes 08:00–19:59: 07:59 no, 08:00 yes, 19:59 yes, 20:00 no", () => {
    expect(openMinutesPerDay(DEFAULT_OPENING_HOURS)).toBe(720);
    expect(onlineMinutesInHours(1, minuteAt("07:59"))).toBe(0);
    expect(onlineMinutesInHours(1, minuteAt("08:00"))).toBe(1);
    expect(onlineMinutesInHours(1, minuteAt("19:59"))).toBe(1);
    expect(onlineMinutesInHours(1, minuteAt("20:00"))).toBe(0);
  });

  it("clips periods to the hours and counts overlaps once", () => {
    expect(onlineMinutesInHours(1440, [{ from: 0, to: 1440 }])).toBe(720);
    expect(
      coveredMinutes(
        [
          { from: clock("07:00"), to: clock("09:00") },
          { from: clock("08:30"), to: clock("10:00") },
        ],
        480,
        1200,
      ),
    ).toBe(120);
    expect(onlineMinutesInHours(600, [{ from: clock("20:00"), to: clock("24:00") }])).toBe(0);
    const custom = { opensAtMinute: clock("09:30"), closesAtMinute: clock("17:00") };
    expect(onlineMinutesInHours(60, [{ from: clock("09:00"), to: clock("10:00") }], custom)).toBe(30);
  });

  it("takes a total without times as at most the opening hours' length", () => {
    expect(onlineMinutesInHours(719, null)).toBe(719);
    expect(onlineMinutesInHours(720, null)).toBe(720);
    expect(onlineMinutesInHours(1000, null)).toBe(720);
  });

  it("rates a month over the opening minutes: fully online in hours is 100%, one minute short per day under", () => {
    expect(uptimeRateBp(30 * 720, 30, 720)).toBe(10_000);
    expect(uptimeRateBp(30 * 719, 30, 720)).toBe(9986);
    // 95% at the threshold: 684 of 720 minutes every day.
    expect(uptimeRateBp(30 * 684, 30, 720)).toBe(9500);
    expect(uptimeRateBp(30 * 683, 30, 720)).toBe(9486);
  });

  it("reads and writes clock times", () => {
    expect([clock("08:00"), clock("24:00"), clock("0:05")]).toEqual([480, 1440, 5]);
    expect(parseClock("24:01").ok).toBe(false);
    expect(parseClock("08:60").ok).toBe(false);
    expect(formatClock(1200)).toBe("20:00");
  });
});

describe("opening hours as a 站点 sheet cell (rule O1 setting)", () => {
  it("reads 08:00-20:00 and its usual spellings, refusing a close before the opening", () => {
    expect(parseOpeningHours("08:00-20:00")).toEqual({
      ok: true,
      value: { opensAtMinute: 480, closesAtMinute: 1200 },
    });
    expect(parseOpeningHours("8:30～17:30")).toMatchObject({ ok: true, value: { opensAtMinute: 510 } });
    expect(parseOpeningHours("09:00 至 18:00")).toMatchObject({ ok: true, value: { closesAtMinute: 1080 } });
    expect(parseOpeningHours("20:00-08:00").ok).toBe(false);
    expect(parseOpeningHours("08:00-08:00").ok).toBe(false);
    expect(parseOpeningHours("全天").ok).toBe(false);
  });
});
