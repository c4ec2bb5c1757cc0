import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { exportUrl } from "./upward.api";
import { useL } from "./upward-text";

/** Downloads a roster as .xlsx (assessors ask for rosters, not claims). */
export function ExportLink({
  countyCode,
  path,
  label,
}: {
  countyCode: string;
  path: string;
  label?: string;
}) {
  const L = useL();
  return (
    <Button icon={<DownloadOutlined />} href={exportUrl(countyCode, path)} data-testid={`export-${path}`}>
      {label ? `${L("导出", "Export")} ${label}` : L("导出 Excel", "Export .xlsx")}
    </Button>
  );
}
