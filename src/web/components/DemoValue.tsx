import { Tag, Tooltip } from "antd";
import type { ReactNode } from "react";
import { useI18n } from "../app/i18n";

/**
 * A value that may be synthetic demo data: when `isDemo`, a small grey 演示数据 tag with a tooltip
 * sits beside it so no one mistakes it for a real statistic.
 */
export function DemoValue({ isDemo, children }: { isDemo: boolean; children: ReactNode }) {
  const { t } = useI18n();
  if (!isDemo) return <>{children}</>;
  return (
    <span style={{ whiteSpace: "nowrap" }}>
      {children}
      <Tooltip title={t("demo.tooltip")}>
        <Tag
          data-testid="demo-tag"
          style={{
            marginInlineStart: 6,
            marginInlineEnd: 0,
            fontSize: 11,
            lineHeight: "16px",
            color: "#8c8c8c",
          }}
        >
          {t("demo.tag")}
        </Tag>
      </Tooltip>
    </span>
  );
}
