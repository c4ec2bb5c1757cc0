/**
 * 导出 Excel on a province roll-up page: a plain link to the page's `.xlsx` route with the page's
 * own query (date, year, months), so the file holds what the table shows. The server names the
 * file in Chinese; the session cookie goes with the link.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { API_BASE } from "../api/client";
import { useI18n } from "../app/i18n";

export function excelExportUrl(
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

export function ExcelExportButton({
  path,
  query,
}: {
  /** Below /api/v1, e.g. "/funds/overview.xlsx". */
  path: string;
  query?: Record<string, string | number | undefined>;
}) {
  const { t } = useI18n();
  return (
    <Tooltip title={t("common.exportExcelHint")}>
      <Button icon={<DownloadOutlined />} href={excelExportUrl(path, query)} data-testid="excel-export">
        {t("common.exportExcel")}
      </Button>
    </Tooltip>
  );
}
