/**
 * The province's table of the demonstration counties' funds: plan status, M1/M2, contracted and
 * paid, progress with veto-E4 risk in red, red flags, unapproved changes (E3), payment problems.
 */
import { Card, DatePicker, Space, Table, Tag } from "antd";
import { Link, useSearchParams } from "react-router";
import { formatBp } from "../../rules/money";
import { useI18n } from "../app/i18n";
import { dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { formatMoney } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import { type FundsOverviewRow, fundsApi } from "./funds.api";

const pct = (bp: number) => formatBp(bp);
/** M1 (filed by 2017-11-30) and M2 (tenders done by 2017-12-31), in words; the rule in the tooltip. */
const DEADLINE = {
  met: { color: "green", zh: "按期", en: "On time" },
  missed: { color: "red", zh: "逾期", en: "Missed" },
  pending: { color: "gold", zh: "未到期", en: "Not yet due" },
} as const;
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
            title: <RuleTip rule="M1">{zh ? "报省备案" : "Plan filed"}</RuleTip>,
            render: (_, r) => (
              <Tag color={DEADLINE[r.deadlineM1].color}>
                {r.planFiledOn ? `${r.planFiledOn} ` : ""}
                {DEADLINE[r.deadlineM1][language]}
              </Tag>
            ),
          },
          {
            title: <RuleTip rule="M2">{zh ? "招标完成" : "Tenders done"}</RuleTip>,
            render: (_, r) => (
              <Tag color={DEADLINE[r.deadlineM2].color}>{DEADLINE[r.deadlineM2][language]}</Tag>
            ),
          },
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
            title: <RuleTip rule="E4">{zh ? "进度风险" : "Progress risk"}</RuleTip>,
            render: (_, r) =>
              r.isAtRisk ? (
                <Tag color="red">{zh ? "有风险" : "At risk"}</Tag>
              ) : (
                <Tag color="green">{zh ? "正常" : "On track"}</Tag>
              ),
          },
          { title: zh ? "风险提示" : "Red flags", dataIndex: "redFlags", align: "right" },
          {
            title: <RuleTip rule="E3">{zh ? "未经批准的调整" : "Unapproved changes"}</RuleTip>,
            render: (_, r) => (r.unapprovedChanges ? <Tag color="magenta">{r.unapprovedChanges}</Tag> : "—"),
          },
          { title: zh ? "拨付问题" : "Payment problems", dataIndex: "paymentProblems", align: "right" },
        ]}
      />
    </Card>
  );
}
