/** A closed day's open minutes: the uptime record behind the online rate (O1), cut at midnight. */
import { describe, expect, it } from "vitest";
import { openMinutes } from "./sync-station-records";

const day = (openedAt: string, closedAt: string) => ({
  sourceId: "d",
  day: "2026-12-02",
  openedAt,
  closedAt,
});

describe("openMinutes", () => {
  it("counts whole minutes from opening to closing", () => {
    expect(openMinutes(day("2026-12-02T08:00:00+08:00", "2026-12-02T18:30:59+08:00"))).toBe(630);
    expect(openMinutes(day("2026-12-02T08:00:00+08:00", "2026-12-02T08:00:00+08:00"))).toBe(0);
  });
  it("cuts a day closed after midnight at 24:00, and one opened the day before at 00:00", () => {
    expect(openMinutes(day("2026-12-02T23:00:00+08:00", "2026-12-03T02:00:00+08:00"))).toBe(60);
    expect(openMinutes(day("2026-12-01T22:00:00+08:00", "2026-12-02T01:00:00+08:00"))).toBe(60);
    expect(openMinutes(day("2026-12-02T00:00:00+08:00", "2026-12-02T23:59:59+08:00"))).toBe(1439);
  });
  it("refuses times that do not parse", () => {
    expect(openMinutes(day("yesterday", "2026-12-02T01:00:00+08:00"))).toBe(-1);
  });
});
