import { describe, expect, it } from "vitest";
import { formatBp, formatBpTenths, formatYuan, yuanToFen } from "./money";

const fen = (text: string, allowNegative = false) => {
  const r = yuanToFen(text, { allowNegative });
  return r.ok ? r.value : undefined;
};

describe("yuanToFen", () => {
  it("parses whole yuan and two decimals exactly", () => {
    expect(fen("15000000")).toBe(1_500_000_000);
    expect(fen("1500000.10")).toBe(150_000_010);
    expect(fen("0.01")).toBe(1);
    expect(fen("0")).toBe(0);
  });

  it("does no float math: 0.29 and 1.15 are exact (0.29 * 100 = 28.999… in floats)", () => {
    expect(fen("0.29")).toBe(29);
    expect(fen("1.15")).toBe(115);
    expect(fen("4.35")).toBe(435);
  });

  it("accepts one decimal and thousands separators", () => {
    expect(fen("1,234.5")).toBe(123_450);
    expect(fen("1,500,000")).toBe(150_000_000);
  });

  it("accepts full-width digits, a Chinese comma, spaces, ¥ and 元 as county staff type them", () => {
    expect(fen("１，２３４．５")).toBe(123_450);
    expect(fen(" 800元 ")).toBe(80_000);
    expect(fen("￥800.5")).toBe(80_050);
  });

  it("rejects a third significant decimal but accepts trailing zeros (still exact)", () => {
    expect(yuanToFen("1.234").ok).toBe(false);
    expect(fen("1.230")).toBe(123);
    expect(fen("1.2300")).toBe(123);
    expect(yuanToFen("1.001").ok).toBe(false);
  });

  it("rejects negatives unless allowed", () => {
    const r = yuanToFen("-1");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.zh).toContain("-1");
      expect(r.reason.en).toContain("-1");
    }
    expect(fen("-1", true)).toBe(-100);
    expect(fen("-0.5", true)).toBe(-50);
    expect(Object.is(fen("-0", true), 0)).toBe(true);
  });

  it("rejects malformed text", () => {
    for (const bad of ["", " ", "abc", "1e6", "1.", ".5", "12,34", "1,2345", "1..2", "+1", "0x10", "1 2"]) {
      expect(yuanToFen(bad).ok, bad).toBe(false);
    }
  });

  it("rejects amounts beyond exact integer range", () => {
    expect(yuanToFen("90071992547409.91").ok).toBe(true); // 2^53 - 1 fen
    expect(yuanToFen("90071992547409.92").ok).toBe(false);
  });
});

describe("formatYuan", () => {
  it("groups thousands and always shows two decimals", () => {
    expect(formatYuan(1_500_000_000)).toBe("15,000,000.00 元");
    expect(formatYuan(150_000_010)).toBe("1,500,000.10 元");
    expect(formatYuan(0)).toBe("0.00 元");
    expect(formatYuan(5)).toBe("0.05 元");
    expect(formatYuan(100_000)).toBe("1,000.00 元");
    expect(formatYuan(99_999)).toBe("999.99 元");
  });

  it("handles negatives and other units", () => {
    expect(formatYuan(-150)).toBe("-1.50 元");
    expect(formatYuan(123_456, "yuan")).toBe("1,234.56 yuan");
    expect(formatYuan(123_456, "")).toBe("1,234.56");
  });

  it("round-trips with yuanToFen", () => {
    for (const f of [0, 1, 99, 100, 123_450, 1_500_000_000]) {
      expect(fen(formatYuan(f, ""))).toBe(f);
    }
  });

  it("refuses non-integer fen", () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
  });
});

describe("formatBp", () => {
  it("shows basis points as a percentage with two decimals", () => {
    expect(formatBp(6500)).toBe("65.00%");
    expect(formatBp(1)).toBe("0.01%");
    expect(formatBp(10000)).toBe("100.00%");
    expect(formatBp(-200)).toBe("-2.00%");
  });
});

describe("formatBpTenths", () => {
  it("shows one decimal cut down, so a share short of a threshold never reads as reaching it", () => {
    expect(formatBpTenths(9950)).toBe("99.5%"); // 199 of 200: not "99%"
    expect(formatBpTenths(9999)).toBe("99.9%"); // not "100.0%"
    expect(formatBpTenths(4999)).toBe("49.9%"); // short of 50%, and shown so
    expect(formatBpTenths(10000)).toBe("100.0%");
    expect(formatBpTenths(5)).toBe("0.0%");
    expect(formatBpTenths(-250)).toBe("-2.5%");
  });
});
