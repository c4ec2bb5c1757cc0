/** Small helpers of the upward pages: bilingual text inline, as-of dates, percentages. */
import dayjs from "dayjs";
import { useCallback } from "react";
import { formatBp } from "../../rules/money";
import { useI18n } from "../app/i18n";

/** `L(zh, en)`: the text in the interface language. */
export function useL() {
  const { language } = useI18n();
  return useCallback((zh: string, en: string) => (language === "zh" ? zh : en), [language]);
}

export const today = () => dayjs().format("YYYY-MM-DD");
export const percent = (bp: number) => formatBp(bp);
/** Integer fen as yuan with two decimals, by integer arithmetic. */
export const yuan = (fen: number) =>
  `${Math.floor(fen / 100).toLocaleString("zh-CN")}.${String(fen % 100).padStart(2, "0")}`;
