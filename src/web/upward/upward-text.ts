/** Small helpers of the upward pages: bilingual text inline, as-of dates, percentages. */
import { useCallback } from "react";
import { formatBp } from "../../rules/money";
import { useI18n } from "../app/i18n";
import { chinaToday } from "../components/china-date";

/** `L(zh, en)`: the text in the interface language. */
export function useL() {
  const { language } = useI18n();
  return useCallback((zh: string, en: string) => (language === "zh" ? zh : en), [language]);
}

/** Today in China, whatever the browser's zone. */
export const today = () => chinaToday();
export const percent = (bp: number) => formatBp(bp);
/** Integer fen as yuan with two decimals, by integer arithmetic. */
export const yuan = (fen: number) =>
  `${Math.floor(fen / 100).toLocaleString("zh-CN")}.${String(fen % 100).padStart(2, "0")}`;
