/** The account pages' text (changing one's password), Chinese first; every key in `zh` exists in `en`. */
import { useCallback } from "react";
import { useI18n } from "../app/i18n";

const zh = {
  title: "修改密码",
  requiredTitle: "请先修改密码",
  requiredHint: "这是您首次登录，或密码已过期。修改密码后才能继续使用平台。",
  account: "账户：{name}",
  current: "当前密码",
  next: "新密码",
  confirm: "确认新密码",
  currentRequired: "请输入当前密码",
  nextRequired: "请输入新密码",
  confirmRequired: "请再次输入新密码",
  mismatch: "两次输入的新密码不一致",
  otherSessions: "修改后，此账户在其他设备上的登录将失效；不能与最近使用过的密码相同。",
  submit: "确认修改",
  cancel: "取消",
  done: "密码已修改",
  failed: "修改密码失败",
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: "Change password",
  requiredTitle: "Change your password first",
  requiredHint: "This is your first sign-in, or your password has expired. Change it to continue.",
  account: "Account: {name}",
  current: "Current password",
  next: "New password",
  confirm: "Confirm new password",
  currentRequired: "Please enter your current password",
  nextRequired: "Please enter a new password",
  confirmRequired: "Please enter the new password again",
  mismatch: "The two new passwords differ",
  otherSessions:
    "Afterwards this account is signed out on other devices; a recently used password is not accepted.",
  submit: "Change password",
  cancel: "Cancel",
  done: "Password changed",
  failed: "Could not change the password",
};

/** `at(key, values)`: this area's text in the interface language. */
export function useAccountText() {
  const { language } = useI18n();
  return useCallback(
    (key: Key, values?: Record<string, string | number>) =>
      (language === "zh" ? zh : en)[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        values?.[name] === undefined ? whole : String(values[name]),
      ),
    [language],
  );
}
