import { Alert } from "antd";
import { useI18n } from "../app/i18n";
import { RuleTip } from "../components/RuleTip";
import type { Check } from "./upward.api";

/** A rule check: green when met, otherwise each finding, its rule id in a tooltip. */
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
                <RuleTip rule={f.rule}>{language === "zh" ? f.zh : f.en}</RuleTip>
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
