/**
 * The password policy (GB/T 22239 level 2: length and complexity). Pure: no I/O, runs in Node and
 * in the browser, so the change-password form states and checks the very rule the server enforces.
 */

export type PasswordPolicy = {
  minLength: number;
  minClasses: number;
  /**
   * The fewest guesses (log10) a guesser working from common-password lists, keyboard patterns,
   * words with digits and dates would need. 10 (zxcvbn's "very unguessable", score 4) refuses
   * `Password123` (10^3.2), `Admin123456` (10^5.3) and `1qaz@WSX3edc` (10^9.5).
   */
  minGuessesLog10: number;
};
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minClasses: 3, minGuessesLog10: 10 };

/**
 * How many guesses (log10) a password would take, given words the guesser would try first (the
 * username, the display name). Injected, so the rule stays pure: the server passes a dictionary
 * estimator (platform/auth/password-strength.ts); without one only length and classes are checked.
 */
export type GuessEstimator = (password: string, userInputs: readonly string[]) => number;

// Lower case, upper case, digits, anything else (symbols, CJK …).
const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** The rule in words, for the form's hint. */
export function passwordRule(policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): { zh: string; en: string } {
  return {
    zh: `至少${policy.minLength}个字符，且包含小写字母、大写字母、数字、符号中的至少${policy.minClasses}类`,
    en: `At least ${policy.minLength} characters, mixing at least ${policy.minClasses} of: lower case, upper case, digits, symbols`,
  };
}

/** Problems with a new password, in Chinese and English; empty when it satisfies the policy. */
export function passwordProblems(
  password: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  estimate?: GuessEstimator,
  userInputs: readonly string[] = [],
): { zh: string; en: string }[] {
  const problems: { zh: string; en: string }[] = [];
  // Characters, not UTF-16 units: a CJK or emoji character counts once.
  if ([...password].length < policy.minLength) {
    problems.push({
      zh: `密码至少${policy.minLength}个字符`,
      en: `Password must have at least ${policy.minLength} characters`,
    });
  }
  const classes = CLASSES.filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push({
      zh: `密码须包含小写字母、大写字母、数字、符号中的至少${policy.minClasses}类`,
      en: `Password must mix at least ${policy.minClasses} of: lower case, upper case, digits, symbols`,
    });
  }
  // Only a password that passes the rest is weighed: one message at a time is enough.
  if (!problems.length && estimate && estimate(password, userInputs) < policy.minGuessesLog10) {
    problems.push({
      zh: "密码过于常见或容易猜到（常用密码、键盘连续键位、单词加数字或含用户名），请换一个",
      en: "This password is too common or easy to guess (a common password, a keyboard pattern, a word with digits or the username); choose another",
    });
  }
  return problems;
}
