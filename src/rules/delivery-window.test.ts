import { describe, expect, it } from "vitest";
import { deliveryOutcomeAsOf, endOfChinaDay, inTransitSince } from "./delivery-window";
import { DEFAULT_OPERATIONS_SETTINGS, withinDaysBp } from "./operations";

// rule O3 as of 2018-10-31: 24:00 that day is 2018-11-01T00:00 China time; 7 × 24 h before it is
// 2018-10-25T00:00.
const AS_OF = "2018-10-31";
const at = (local: string) => `${local}+08:00`;

describe("O3 parcels in transit at 24:00 of the as-of day (rule O3)", () => {
  it("ends the as-of day at 24:00 China time and opens the window 7 × 24 h before it", () => {
    expect(endOfChinaDay(AS_OF)).toBe(at("2018-11-01T00:00:00"));
    expect(endOfChinaDay("2018-12-31")).toBe(at("2019-01-01T00:00:00"));
    expect(inTransitSince(AS_OF)).toBe(at("2018-10-25T00:00:00"));
    expect(inTransitSince(AS_OF, { ...DEFAULT_OPERATIONS_SETTINGS, deliveryDays: 3 })).toBe(
      at("2018-10-29T00:00:00"),
    );
  });

  it("unsigned: sent at 00:01 on the as-of day is in transit", () => {
    expect(deliveryOutcomeAsOf(at("2018-10-31T00:01:00"), null, AS_OF)).toBe("in_transit");
  });

  it("unsigned: sent 7 × 24 h + 1 min before 24:00 is late; exactly 7 × 24 h before is in transit; 1 s after too", () => {
    expect(deliveryOutcomeAsOf(at("2018-10-24T23:59:00"), null, AS_OF)).toBe("late");
    expect(deliveryOutcomeAsOf(at("2018-10-24T23:59:59"), null, AS_OF)).toBe("late");
    // The window's last instant is still on time, so a window ending at 24:00 has not ended.
    expect(deliveryOutcomeAsOf(at("2018-10-25T00:00:00"), null, AS_OF)).toBe("in_transit");
    expect(deliveryOutcomeAsOf(at("2018-10-25T00:00:01"), null, AS_OF)).toBe("in_transit");
    // …and it is late the next day.
    expect(deliveryOutcomeAsOf(at("2018-10-25T00:00:00"), null, "2018-11-01")).toBe("late");
  });

  it("signed exactly 7 × 24 h after dispatch is on time, one minute later late", () => {
    const sent = at("2018-10-01T10:00:00");
    expect(deliveryOutcomeAsOf(sent, at("2018-10-08T10:00:00"), AS_OF)).toBe("on_time");
    expect(deliveryOutcomeAsOf(sent, at("2018-10-08T10:01:00"), AS_OF)).toBe("late");
  });

  it("a signature after 24:00 of the as-of day is not known on that date", () => {
    const sent = at("2018-10-30T10:00:00");
    expect(deliveryOutcomeAsOf(sent, at("2018-10-31T23:59:59"), AS_OF)).toBe("on_time");
    expect(deliveryOutcomeAsOf(sent, at("2018-11-01T00:00:00"), AS_OF)).toBe("in_transit");
    expect(deliveryOutcomeAsOf(sent, at("2018-11-02T09:00:00"), AS_OF)).toBe("in_transit");
    // An old parcel signed late after the as-of date was late on it already.
    expect(deliveryOutcomeAsOf(at("2018-10-01T10:00:00"), at("2018-11-02T09:00:00"), AS_OF)).toBe("late");
  });

  it("takes the share over the parcels with an outcome: 999 of 1,000 on time, 1 in transit → 100%", () => {
    expect(withinDaysBp([{ days: 2, shipments: 999 }], 1000, DEFAULT_OPERATIONS_SETTINGS, 1)).toBe(10_000);
    expect(withinDaysBp([{ days: 2, shipments: 999 }], 1000)).toBe(9990);
    // 95% at the threshold: 19 of 20 decided, with 5 in transit.
    expect(withinDaysBp([{ days: 7, shipments: 19 }], 25, DEFAULT_OPERATIONS_SETTINGS, 5)).toBe(9500);
    expect(withinDaysBp([], 4, DEFAULT_OPERATIONS_SETTINGS, 4)).toBe(0);
  });
});
