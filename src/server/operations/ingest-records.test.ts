/**
 * The ingest hot path's plain checks (plainOrder, plainUptime) against the Zod shapes they stand
 * in for: whenever the plain check accepts a record, Zod accepts it too and reads the same
 * fields; whenever Zod would change a field (trim) or refuse it, the plain check declines and
 * the record goes through Zod.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseShipmentTime } from "../../rules/operations";
import { canonicalChinaTime, checkRecord, plainOrder, plainUptime, zodShapeOf } from "./ingest-records";

const LATEST = "2030-01-01T00:00:00+08:00";

/** Strings at and around the limits, with whitespace Zod would trim (ASCII and Unicode). */
const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max + 2 }),
    fc.constantFrom(
      "",
      " ",
      "a",
      " a",
      "a ",
      "\u3000a",
      "a\u00a0",
      "\ufeffa",
      "a\n",
      "x".repeat(max),
      "x".repeat(max + 1),
    ),
    fc
      .tuple(
        fc.constantFrom("", " ", "\t", "\u2003"),
        fc.string({ maxLength: max }),
        fc.constantFrom("", " ", "\u3000"),
      )
      .map(([a, b, c]) => a + b + c),
  );
const number = fc.oneof(
  fc.integer({ min: -5, max: 2000 }),
  fc.constantFrom(0, -0, 1440, 1441, 1e12, 1e12 + 1, 2 ** 53, 1.5, Number.NaN, Number.POSITIVE_INFINITY),
  fc.double(),
);
const anything = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  number,
  fc.string(),
  fc.array(fc.nat()),
);
const maybe = <T>(a: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: a, weight: 6 }, { arbitrary: anything, weight: 1 });

const order = fc.record(
  {
    sourceId: maybe(text(100)),
    stationCode: maybe(text(50)),
    kind: maybe(fc.oneof(text(20), fc.constantFrom("agency_purchase", "代购", "cash_withdrawal"))),
    amountFen: maybe(number),
    platform: fc.oneof(fc.constant(undefined), fc.constant(null), text(50), anything),
    at: maybe(fc.oneof(text(40), fc.constantFrom("2018-05-01T10:15:00+08:00", "2018-05-01 10:15"))),
  },
  { requiredKeys: [] },
);
const uptime = fc.record(
  {
    sourceId: maybe(text(100)),
    stationCode: maybe(text(50)),
    date: maybe(
      fc.oneof(fc.constantFrom("2018-05-01", "2018-5-1", " 2018-05-01", "2018-05-01\n"), fc.string()),
    ),
    onlineMinutes: maybe(number),
    intervals: fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.constant([{ from: "08:00", to: "09:00" }]),
    ),
  },
  { requiredKeys: [] },
);
const notObject = fc.oneof(anything, fc.array(fc.string()));

describe("ingest hot path: the plain checks stand exactly for the Zod shapes (issue 19.2)", () => {
  it("orders: plain ⇒ Zod accepts the same fields; Zod accepts unchanged ⇒ plain", () => {
    fc.assert(
      fc.property(fc.oneof(order, notObject), (input) => {
        const plain = plainOrder(input);
        const zod = zodShapeOf("orders", input);
        if (plain) {
          expect(zod.success).toBe(true);
          const data = zod.data as Record<string, unknown>;
          for (const k of ["sourceId", "stationCode", "kind", "amountFen", "at"])
            expect(plain[k as "at"]).toBe(data[k]);
          expect(plain.platform ?? null).toBe(data.platform ?? null);
        } else if (zod.success) {
          // Zod accepted only by changing a field (trimming): the plain check must have declined.
          const data = zod.data as Record<string, unknown>;
          const same = ["sourceId", "stationCode", "kind", "at", "platform"].every(
            (k) => (input as Record<string, unknown>)[k] === data[k],
          );
          expect(same).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("uptime: plain ⇒ Zod accepts the same fields; without intervals, Zod accepts unchanged ⇒ plain", () => {
    fc.assert(
      fc.property(fc.oneof(uptime, notObject), (input) => {
        const plain = plainUptime(input);
        const zod = zodShapeOf("uptime", input);
        if (plain) {
          expect(zod.success).toBe(true);
          const data = zod.data as Record<string, unknown>;
          for (const k of ["sourceId", "stationCode", "date", "onlineMinutes"])
            expect(plain[k as "date"]).toBe(data[k]);
        } else if (zod.success && (zod.data as { intervals?: unknown }).intervals == null) {
          const data = zod.data as Record<string, unknown>;
          const same = ["sourceId", "stationCode"].every(
            (k) => (input as Record<string, unknown>)[k] === data[k],
          );
          expect(same).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("times: the character-code reading gives parseShipmentTime's value, or leaves the text to it", () => {
    const digits = (n: number) =>
      fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((a) => a.join(""));
    const sep = (c: string) =>
      fc.oneof(
        { arbitrary: fc.constant(c), weight: 9 },
        { arbitrary: fc.constantFrom("/", " ", "T", "-", ":", "a"), weight: 1 },
      );
    const year = fc.oneof(fc.constantFrom("2018", "2000", "1900", "2024", "2100"), digits(4));
    const month = fc.oneof(fc.constantFrom("01", "02", "04", "12", "00", "13"), digits(2));
    const day = fc.oneof(fc.constantFrom("01", "28", "29", "30", "31", "00", "32"), digits(2));
    const clock = fc.tuple(
      fc.oneof(fc.constantFrom("00", "23", "24"), digits(2)),
      fc.oneof(fc.constantFrom("00", "59", "60"), digits(2)),
      fc.oneof(fc.constantFrom("00", "59", "60"), digits(2)),
    );
    const zone = fc.constantFrom("+08:00", "+0800", "Z", "+09:00", "+08:0");
    const text = fc.oneof(
      fc.tuple(year, sep("-"), month, sep("-"), day).map((p) => p.join("")),
      fc
        .tuple(year, sep("-"), month, sep("-"), day, sep("T"), clock, zone)
        .map(([y, a, m, b, d, t, [h, mi, se], z]) => `${y}${a}${m}${b}${d}${t}${h}:${mi}:${se}${z}`),
      fc.string({ maxLength: 26 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const fast = canonicalChinaTime(t);
        const reference = parseShipmentTime(t);
        if (fast !== undefined) expect(reference).toEqual({ ok: true, value: fast });
        // Declined: the text was not in the canonical form (parseShipmentTime rewrote it), or is refused.
        else if (reference.ok) expect([t, `${t}T00:00:00+08:00`]).not.toContain(reference.value);
      }),
      { numRuns: 5000 },
    );
    expect(canonicalChinaTime("2018-02-29")).toBeUndefined();
    expect(canonicalChinaTime("2016-02-29")).toBe("2016-02-29T00:00:00+08:00");
    expect(canonicalChinaTime("2000-02-29")).toBe("2000-02-29T00:00:00+08:00");
    expect(canonicalChinaTime("1900-02-29")).toBeUndefined();
    expect(canonicalChinaTime("2018-05-01T23:59:59+08:00")).toBe("2018-05-01T23:59:59+08:00");
  });

  it("a record with whitespace is trimmed and kept; a bad one is named in Chinese either way", () => {
    const good = checkRecord(
      "orders",
      { sourceId: " o1 ", stationCode: "BS-1", kind: "代购", amountFen: 100, at: "2018-05-01 10:15" },
      LATEST,
    );
    expect(good).toMatchObject({
      ok: true,
      value: { sourceId: "o1", kind: "agency_purchase", day: "2018-05-01" },
    });
    const bad = checkRecord(
      "orders",
      { sourceId: "o2", stationCode: "BS-1", kind: "代购", amountFen: 1.5, at: "2018-05-01 10:15" },
      LATEST,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason.zh).toMatch(/^amountFen：/);
  });
});
