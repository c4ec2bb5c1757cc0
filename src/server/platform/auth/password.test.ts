import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblems, verifyPassword } from "./password";
import { newPasswordProblems } from "./password-strength";

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

// Issue 14, finding 7: the zxcvbn-ts dictionaries (common passwords, keyboard patterns).
describe("common and keyboard-pattern passwords", () => {
  it("refuses the ones the probe found passing, though long enough and of 3 classes", () => {
    for (const password of ["Password123", "Admin123456", "1qaz@WSX3edc", "Qwerty123456!"]) {
      expect(passwordProblems(password), password).toEqual([]); // the length and class rule alone
      expect(newPasswordProblems(password, []), password).toHaveLength(1);
    }
  });
  it("accepts passwords that are not on the lists nor patterns", () => {
    for (const password of ["Zh8#kq2!Lm9x", "Rotate-Pass-5", "示范县电商进农村A1"]) {
      expect(newPasswordProblems(password, []), password).toEqual([]);
    }
  });
  it("counts the username as a word the guesser tries first", () => {
    expect(newPasswordProblems("Weixian@2018", [])).toEqual([]);
    expect(newPasswordProblems("Weixian@2018", ["weixian"])).toHaveLength(1);
  });
});
