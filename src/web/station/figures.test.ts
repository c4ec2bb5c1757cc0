/** The phone's month figures: synced plus waiting records, judged by the rules at O2's thresholds. */
import { describe, expect, it } from "vitest";
import type { StationMe } from "./api";
import { monthLines, pendingOfMonth } from "./figures";
import type { Queued } from "./store";

const me = (orders: number, amountFen: number): StationMe => ({
  account: { username: "z", displayName: "张" },
  station: {
    id: "s",
    stationNo: "ZD-1",
    name: "站",
    countyCode: "130533",
    countyName: "威县",
    villageName: null,
    townshipName: null,
  },
  month: { month: "2026-12", orders, amountFen, onlineRateBp: null, downShipments: 0, withinDaysBp: 0 },
  sessionExpiresAt: "2026-12-09T00:00:00+08:00",
  today: "2026-12-02",
});

const order = (kind: string, amountFen: number, at = "2026-12-02T10:00:00+08:00"): Queued => ({
  sourceId: `${kind}-${amountFen}-${at}`,
  type: "order",
  data: { kind, amountFen, at },
  createdAt: at,
});

describe("the station's month on the phone (O2)", () => {
  it("counts waiting 代购 as orders, 代购/代卖 as amount, and only this month", () => {
    const queue = [
      order("agency_purchase", 100),
      order("agency_sale", 200),
      order("cash_withdrawal", 50_000),
      order("agency_purchase", 999, "2026-11-30T23:00:00+08:00"),
    ];
    expect(pendingOfMonth(queue, "2026-12")).toEqual({ orders: 1, amountFen: 300 });
  });

  it("judges 50 orders and 2,000 yuan at the threshold: just under, at, just over", () => {
    const [under] = monthLines(me(48, 0), [order("agency_purchase", 0)]);
    expect(under).toMatchObject({ value: "49 单", ok: false });
    expect(under!.note).toContain("还差 1 单");
    const [at] = monthLines(me(49, 0), [order("agency_purchase", 0)]);
    expect(at).toMatchObject({ value: "50 单", ok: true });
    const [, amountUnder] = monthLines(me(0, 199_999), []);
    expect(amountUnder!.ok).toBe(false);
    const [, amountAt] = monthLines(me(0, 199_900), [order("agency_sale", 100)]);
    expect(amountAt).toMatchObject({ value: "2,000.00 元", ok: true });
    const [, amountOver] = monthLines(me(0, 200_001), []);
    expect(amountOver!.ok).toBe(true);
  });

  it("says plainly when there is no delivery or opening data yet", () => {
    const lines = monthLines(me(0, 0), []);
    expect(lines[2]).toMatchObject({ value: "本月还没有收件", ok: null });
    expect(lines[3]).toMatchObject({ value: "还没有营业记录", ok: null });
  });
});
