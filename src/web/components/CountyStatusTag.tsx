import { Tag } from "antd";
import type { CountyStatus } from "../api/types";
import { useI18n } from "../app/i18n";

const COLORS: Record<CountyStatus, string> = {
  selected: "blue",
  implementing: "gold",
  accepted: "green",
  failed: "red",
};

function isCountyStatus(value: string): value is CountyStatus {
  return value in COLORS;
}

/** 已入选 · 实施中 · 已验收 · 未通过; an unknown status is shown as sent. */
export function CountyStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  if (!isCountyStatus(status)) return <Tag>{status}</Tag>;
  return <Tag color={COLORS[status]}>{t(`county.status.${status}`)}</Tag>;
}
