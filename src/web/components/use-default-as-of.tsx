/**
 * The as-of date a page opens on when the address names none: today in China time, or, with the
 * 2017–2018 demo data set loaded, 2018-10-31 (the server decides: /api/v1/default-as-of). Pages
 * show `AsOfNote` so a reader knows why the date is not today.
 */
import { Typography } from "antd";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useI18n } from "../app/i18n";
import { chinaToday } from "./china-date";

export type DefaultAsOf = { asOf: string; today: string; reason: "today" | "demo" };

let cached: Promise<DefaultAsOf> | undefined;

export { chinaToday } from "./china-date";

function loadDefault(): Promise<DefaultAsOf> {
  cached ??= api.get<DefaultAsOf>("/default-as-of").catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** The default as-of date, undefined while it loads (falls back to today in China if it fails). */
export function useDefaultAsOf(): DefaultAsOf | undefined {
  const [value, setValue] = useState<DefaultAsOf>();
  useEffect(() => {
    let live = true;
    loadDefault()
      .then((v) => live && setValue(v))
      .catch(() => live && setValue({ asOf: chinaToday(), today: chinaToday(), reason: "today" }));
    return () => {
      live = false;
    };
  }, []);
  return value;
}

/** "演示数据为2017–2018年，默认基准日 2018-10-31" when the page opened on the demo's date. */
export function AsOfNote({ asOf, fallback }: { asOf: string; fallback: DefaultAsOf | undefined }) {
  const { language } = useI18n();
  if (fallback?.reason !== "demo" || asOf !== fallback.asOf) return null;
  return (
    <Typography.Text type="secondary" data-testid="as-of-demo-note">
      {language === "zh"
        ? `已载入2017–2018年演示数据，默认基准日为 ${fallback.asOf}（验收截止日），可选择其他日期`
        : `Demo data of 2017–2018 loaded: the default date is ${fallback.asOf} (the acceptance deadline)`}
    </Typography.Text>
  );
}
