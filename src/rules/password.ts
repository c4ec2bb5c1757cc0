/**
 * The password policy (GB/T 22239 level 2: length and complexity). Pure: no I/O, runs in Node and
 * in the browser, so the change-password form states and checks the very rule the server enforces.
 */

export type PasswordPolicy = { minLength: number; minClasses: number };
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10, minClasses: 3 };

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
  return problems;
}
