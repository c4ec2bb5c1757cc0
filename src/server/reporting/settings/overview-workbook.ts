/** The province's reporting heat map (completeness and timeliness by county × month) as .xlsx. */
import { type ExportColumn, tableWorkbook } from "../../platform/workbook/table-export";
import type { CountyOverview, OverviewCell } from "./reporting-overview";

/** A month with nothing owed is blank, not 0%. */
const share = (cell: OverviewCell, bp: number) => (cell.expected === 0 ? null : bp);

export function overviewWorkbook(data: {
  year: number;
  asOf: string;
  liaisonDeadline: string;
  counties: CountyOverview[];
}): Promise<Buffer> {
  const columns: ExportColumn<CountyOverview>[] = [
    { header: "示范县", value: (r) => r.name, width: 12 },
    ...Array.from({ length: 12 }, (_, i) => ({
      header: `${i + 1}月完整率`,
      value: (r: CountyOverview) => share(r.months[i]!, r.months[i]!.completenessBp),
      format: "bp" as const,
      width: 10,
    })),
    { header: "应报(份)", value: (r) => r.total.expected, format: "count" },
    { header: "已报(份)", value: (r) => r.total.received, format: "count" },
    { header: "按时(份)", value: (r) => r.total.onTime, format: "count" },
    { header: "完整率", value: (r) => share(r.total, r.total.completenessBp), format: "bp" },
    { header: "及时率", value: (r) => share(r.total, r.total.timelinessBp), format: "bp" },
    { header: "逾期未报(份)", value: (r) => r.overdue, format: "count" },
    {
      header: `联络员名单（${data.liaisonDeadline} 前）`,
      value: (r) =>
        r.liaison.isFiled
          ? `${r.liaison.filedOn} ${r.liaison.isOnTime ? "按时报送" : "逾期报送"}`
          : r.liaison.isOverdue
            ? "逾期未报送"
            : "未报送",
      width: 24,
    },
  ];
  return tableWorkbook([
    {
      name: "信息报送",
      title: `${data.year}年人工月报报送完整率与及时率（截至 ${data.asOf}）`,
      rows: data.counties,
      columns,
    },
  ]);
}
