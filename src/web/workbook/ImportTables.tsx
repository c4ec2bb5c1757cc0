/** The tables of the import page: counts per sheet, and the rows refused with where and why. */
import { Table, Typography } from "antd";
import { Link } from "react-router";
import { formatCount } from "../components/format";
import { sheetLink } from "./sheet-links";
import type { RejectedRow, SheetCount } from "./workbook.api";

type L = (zh: string, en: string) => string;

export function SheetCountsTable(props: {
  sheets: readonly SheetCount[];
  countyCode: string;
  written: boolean;
  L: L;
}) {
  const { L } = props;
  return (
    <Table<SheetCount>
      data-testid={props.written ? "import-written-sheets" : "import-sheets"}
      size="small"
      rowKey="sheet"
      pagination={false}
      dataSource={[...props.sheets]}
      columns={[
        { title: L("工作表", "Sheet"), dataIndex: "sheet" },
        { title: L("数据行", "Rows"), dataIndex: "rows", align: "right", render: formatCount },
        { title: L("有效", "Valid"), dataIndex: "accepted", align: "right", render: formatCount },
        { title: L("有误", "Refused"), dataIndex: "rejected", align: "right", render: formatCount },
        ...(props.written
          ? [
              {
                title: L("已写入", "Written"),
                dataIndex: "written",
                align: "right" as const,
                render: formatCount,
              },
              {
                title: L("查看", "See"),
                key: "link",
                render: (_: unknown, s: SheetCount) => {
                  const link = sheetLink(s.sheet);
                  if (!link) return null;
                  const to = `/counties/${props.countyCode}${link.path ? `/${link.path}` : ""}`;
                  return (
                    <Link to={to} data-testid={`import-link-${s.sheet}`}>
                      {L(link.zh, link.en)}
                    </Link>
                  );
                },
              },
            ]
          : []),
      ]}
    />
  );
}

export function RejectedTable({ rows, L }: { rows: readonly RejectedRow[]; L: L }) {
  return (
    <Table<RejectedRow>
      data-testid="import-rejected"
      size="small"
      rowKey={(r) => `${r.sheet}|${r.row}|${r.column ?? ""}|${r.reason}`}
      dataSource={[...rows]}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={{ x: 720 }}
      columns={[
        { title: L("工作表", "Sheet"), dataIndex: "sheet", width: 110 },
        { title: L("行号", "Row"), dataIndex: "row", width: 70, align: "right" },
        { title: L("列", "Column"), dataIndex: "column", width: 140, render: (c?: string) => c ?? "—" },
        {
          title: L("原因", "Reason"),
          dataIndex: "reason",
          render: (reason: string) => <Typography.Text type="danger">{reason}</Typography.Text>,
        },
      ]}
    />
  );
}
