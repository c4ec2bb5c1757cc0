import { describe, expect, it } from "vitest";
import { yuanToFen } from "../../rules/money";
import { fenToYuanInput } from "./format";

describe("fenToYuanInput", () => {
  it("writes fen as the yuan text the forms' parser reads back unchanged", () => {
    for (const fen of [0, 1, 99, 100, 75_050, 123_456_789_01]) {
      const text = fenToYuanInput(fen);
      expect(text).toMatch(/^\d+\.\d{2}$/);
      expect(yuanToFen(text)).toEqual({ ok: true, value: fen });
    }
    expect(fenToYuanInput(75_050)).toBe("750.50");
  });

  it("refuses what is not a fen amount", () => {
    expect(() => fenToYuanInput(-1)).toThrow(RangeError);
    expect(() => fenToYuanInput(1.5)).toThrow(RangeError);
  });
});
