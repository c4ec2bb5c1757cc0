/**
 * The province's table of the demonstration counties' funds: plan status, M1/M2, contracted and
 * paid, progress with veto-E4 risk in red, red flags, unapproved changes (E3), payment problems.
 */
import { Card, DatePicker, Space, Table, Tag } from "antd";
import { Link, useSearchParams } from "react-router";
import { useI18n } from "../app/i18n";
import { dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { formatMoney } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { useRequest } from "../components/use-request";
import { type FundsOverviewRow, fundsApi } from "./funds.api";

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
const DEADLINE = { met: "green", missed: "red", pending: "gold" } as const;
const STATUS: Record<string, { zh: string; en: string }> = {
  draft: { zh: "草稿", en: "Draft" },
  notice: { zh: "公示中", en: "On notice" },
  filed: { zh: "已报省", en: "Filed" },
  approved: { zh: "已批准", en: "Approved" },
  rejected: { zh: "已退回", en: "Returned" },
  superseded: { zh: "已取代", en: "Superseded" },
};

export default function ProvinceFundsPage() {
  const { language } = useI18n();
  const zh = language === "zh";
  const [params, setParams] = useSearchParams();
  const asOf = params.get("asOf") ?? undefined;
  const overview = useRequest((signal) => fundsApi.overview(asOf, signal), [asOf]);
  if (overview.error) return <ErrorResult error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <PageLoading />;
  const risky = (bp: number) => (bp < 4000 ? { color: "#cf1322", fontWeight: 600 } : undefined);

  return (
    <Card
      title={zh ? "各示范县资金与采购" : "Funds and procurement by county"}
      extra={
        <Space>
          {zh ? "截至" : "As of"}
          <DatePicker
            value={dateValue(overview.data.asOf)}
            allowClear={false}
            onChange={(d) => d && setParams({ asOf: d.format("YYYY-MM-DD") })}
          />
          <ExcelExportButton path="/funds/overview.xlsx" query={{ asOf: overview.data.asOf }} />
        </Space>
      }
    >
      <Table<FundsOverviewRow>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={overview.data.counties}
        data-testid="funds-overview"
        columns={[
          {
            title: zh ? "县" : "County",
            render: (_, r) => <Link to={`/counties/${r.code}/funds`}>{r.name}</Link>,
          },
          {
            title: zh ? "资金安排" : "Plan",
            render: (_, r) =>
              r.planStatus
                ? `${zh ? "第" : "v"}${r.planVersion}${zh ? "版 " : " "}${STATUS[r.planStatus]?.[language] ?? r.planStatus}`
                : "—",
          },
          {
            title: "M1",
            render: (_, r) => <Tag color={DEADLINE[r.deadlineM1]}>{r.planFiledOn ?? r.deadlineM1}</Tag>,
          },
          { title: "M2", render: (_, r) => <Tag color={DEADLINE[r.deadlineM2]}>{r.deadlineM2}</Tag> },
          {
            title: zh ? "合同金额" : "Contracted",
            align: "right",
            render: (_, r) => formatMoney(r.contractedFen, language),
          },
          {
            title: zh ? "已拨付" : "Paid",
            align: "right",
            render: (_, r) => formatMoney(r.paidFen, language),
          },
          {
            title: zh ? "拨付进度" : "Disbursement",
            align: "right",
            sorter: (a, b) => a.disbursementBp - b.disbursementBp,
            render: (_, r) => <span style={risky(r.disbursementBp)}>{pct(r.disbursementBp)}</span>,
          },
          {
            title: zh ? "建设进度" : "Construction",
            align: "right",
            sorter: (a, b) => a.constructionBp - b.constructionBp,
            render: (_, r) => <span style={risky(r.constructionBp)}>{pct(r.constructionBp)}</span>,
          },
          {
            title: "E4",
            render: (_, r) =>
              r.isAtRisk ? <Tag color="red">{zh ? "风险" : "at risk"}</Tag> : <Tag color="green">OK</Tag>,
          },
          { title: zh ? "风险提示" : "Red flags", dataIndex: "redFlags", align: "right" },
          {
            title: "E3",
            render: (_, r) => (r.unapprovedChanges ? <Tag color="magenta">{r.unapprovedChanges}</Tag> : "—"),
          },
          { title: zh ? "拨付问题" : "Payment problems", dataIndex: "paymentProblems", align: "right" },
        ]}
      />
    </Card>
  );
}
