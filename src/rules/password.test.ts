import { describe, expect, it } from "vitest";
import { passwordProblems, passwordRule } from "./password";

describe("password rule shared by the form and the server", () => {
  it("counts characters, not UTF-16 units, and any non-ASCII character as a symbol", () => {
    expect(passwordProblems("示范县电商进农村A1")).toEqual([]);
    // Nine characters but eleven UTF-16 units.
    expect(passwordProblems("😀😀Abcde1!")).toHaveLength(1);
  });
  it("reports both problems at once, in Chinese and English", () => {
    const problems = passwordProblems("abc");
    expect(problems.map((p) => p.zh)).toEqual([
      "密码至少10个字符",
      "密码须包含小写字母、大写字母、数字、符号中的至少3类",
    ]);
    expect(problems[0]?.en).toContain("10 characters");
  });
  it("states the policy it checks", () => {
    const policy = { minLength: 12, minClasses: 4, minGuessesLog10: 10 };
    expect(passwordRule(policy).zh).toBe("至少12个字符，且包含小写字母、大写字母、数字、符号中的至少4类");
    expect(passwordRule().en).toContain("10 characters");
    expect(passwordProblems("Abcdefghij1!", policy)).toEqual([]);
    expect(passwordProblems("abcdefghij1!", policy)).toHaveLength(1);
  });
  // Issue 14, finding 7: the guessability threshold, with an injected estimator.
  it("refuses a password just under the guesses threshold, accepts it at and above", () => {
    const at = (log10: number) => () => log10;
    expect(passwordProblems("Abcdefgh12!", undefined, at(9.99))).toHaveLength(1);
    expect(passwordProblems("Abcdefgh12!", undefined, at(10))).toEqual([]);
    expect(passwordProblems("Abcdefgh12!", undefined, at(10.01))).toEqual([]);
    expect(passwordProblems("Abcdefgh12!", undefined, at(9.99))[0]!.zh).toContain("过于常见");
  });
  it("hands the estimator the password untrimmed and the words the guesser knows", () => {
    const seen: [string, readonly string[]][] = [];
    passwordProblems(
      " Abcdefgh12! ",
      undefined,
      (p, inputs) => {
        seen.push([p, inputs]);
        return 12;
      },
      ["weixian"],
    );
    expect(seen).toEqual([[" Abcdefgh12! ", ["weixian"]]]);
  });
});
