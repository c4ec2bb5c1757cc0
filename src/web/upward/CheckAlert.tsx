import { Alert } from "antd";
import { useI18n } from "../app/i18n";
import type { Check } from "./upward.api";

/** A rule check: green when met, otherwise each finding with its rule id. */
export function CheckAlert({ title, check }: { title: string; check: Check }) {
  const { language } = useI18n();
  return (
    <Alert
      type={check.met ? "success" : "warning"}
      showIcon
      title={title}
      description={
        check.findings.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {check.findings.map((f) => (
              <li key={`${f.rule}-${f.zh}`}>
                {language === "zh" ? f.zh : f.en}（{f.rule}）
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
