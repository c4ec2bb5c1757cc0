import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblems, verifyPassword } from "./password";

describe("password policy: at least 10 characters of 3 classes", () => {
  it("refuses 9 characters and accepts 10", () => {
    expect(passwordProblems("Abcdefgh1")).toHaveLength(1);
    expect(passwordProblems("Abcdefgh12")).toEqual([]);
  });
  it("refuses two classes and accepts three", () => {
    expect(passwordProblems("abcdefghij12")).toHaveLength(1);
    expect(passwordProblems("abcdefghij1!")).toEqual([]);
    expect(passwordProblems("ABCDEFGHIJ1!")).toEqual([]);
  });
});

describe("scrypt hashing", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("Correct-Horse-1");
    const b = await hashPassword("Correct-Horse-1");
    expect(a).not.toBe(b);
    expect(await verifyPassword("Correct-Horse-1", a)).toBe(true);
    expect(await verifyPassword("Correct-Horse-2", a)).toBe(false);
    expect(await verifyPassword("Correct-Horse-1", "garbage")).toBe(false);
  });
});
