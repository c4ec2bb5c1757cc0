import {
  App,
  Button,
  Card,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatBp, formatBpTenths } from "../../rules/money";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { PageLoading } from "../components/PageLoading";
import { itemTitle } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import {
  MESSAGE_STATUS,
  type Overview,
  type OverviewCell,
  type PublicMessage,
  reportingApi,
} from "./reporting.api";

type CountyRow = Overview["counties"][number];

/** Colour of a heat-map cell: all received on time, all received, most, or few (E1 needs 100%). */
function cellColor(cell: OverviewCell): string | undefined {
  if (cell.expected === 0) return undefined;
  if (cell.timelinessBp === 10_000) return "#c7ecd2";
  if (cell.completenessBp === 10_000) return "#fde7b0";
  return cell.completenessBp >= 8000 ? "#fcd0a8" : "#f7b5b5";
}

/** `/reporting` — completeness and timeliness by county × month, liaison lists, public messages. */
export default function ProvinceReportingPage() {
  const { language } = useI18n();
  const zh = language === "zh";
  const user = useUser();
  const [params, setParams] = useSearchParams();
  // Without a year the server picks the latest year reports are owed for.
  const year = params.get("year") ? Number(params.get("year")) : undefined;
  const overview = useRequest((signal) => reportingApi.overview(year, signal), [year]);
  if (overview.error && !overview.data)
    return <ErrorResult error={overview.error} onRetry={overview.reload} />;
  if (!overview.data) return <PageLoading />;
  const data = overview.data;

  const columns: TableColumnsType<CountyRow> = [
    {
      title: zh ? "示范县" : "County",
      dataIndex: "name",
      fixed: "left",
      width: 110,
      render: (name: string, c) => <Link to={`/counties/${c.code}/reporting`}>{name}</Link>,
    },
    ...Array.from({ length: 12 }, (_, i) => ({
      title: `${i + 1}${zh ? "月" : ""}`,
      key: `m${i + 1}`,
      width: 64,
      align: "center" as const,
      onCell: (c: CountyRow) => ({ style: { background: cellColor(c.months[i]!) } }),
      render: (_: unknown, c: CountyRow) => {
        const cell = c.months[i]!;
        if (cell.expected === 0) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Tooltip
            title={`${zh ? "应报" : "Expected"} ${cell.expected} · ${zh ? "已报" : "received"} ${cell.received} · ${zh ? "按时" : "on time"} ${cell.onTime}`}
          >
            <span>{formatBpTenths(cell.completenessBp)}</span>
          </Tooltip>
        );
      },
    })),
    {
      title: zh ? "完整率" : "Complete",
      key: "completeness",
      width: 90,
      render: (_, c) => formatBp(c.total.completenessBp),
    },
    {
      title: zh ? "及时率" : "On time",
      key: "timeliness",
      width: 90,
      render: (_, c) => formatBp(c.total.timelinessBp),
    },
    {
      title: zh ? "逾期" : "Overdue",
      dataIndex: "overdue",
      width: 70,
      align: "right",
      render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
    },
    {
      title: zh ? `联络员名单（${data.liaisonDeadline} 前）` : `Liaison list (by ${data.liaisonDeadline})`,
      key: "liaison",
      width: 170,
      render: (_, c) =>
        c.liaison.isFiled ? (
          <Tag color={c.liaison.isOnTime ? "green" : "orange"}>
            {c.liaison.filedOn} {c.liaison.isOnTime ? (zh ? "按时" : "on time") : zh ? "逾期报送" : "late"}
          </Tag>
        ) : (
          <Tag color={c.liaison.isOverdue ? "red" : "default"}>{zh ? "未报送" : "Not filed"}</Tag>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {zh ? "信息报送监测" : "Information reporting"}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: "heatmap",
            label: zh ? "报送完整率与及时率" : "Completeness and timeliness",
            children: (
              <Card
                size="small"
                title={zh ? `人工月报（截至 ${data.asOf}）` : `Monthly reports (as of ${data.asOf})`}
                extra={
                  <Space>
                    <Select
                      aria-label={zh ? "年度" : "Year"}
                      value={data.year}
                      onChange={(y) => setParams({ year: String(y) })}
                      options={[2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => ({
                        value: y,
                        label: String(y),
                      }))}
                    />
                    <ExcelExportButton path="/reporting/overview.xlsx" query={{ year: data.year }} />
                  </Space>
                }
              >
                <Typography.Paragraph type="secondary">
                  {zh
                    ? `格中为报送完整率（已报/应报）；绿色为全部按时，黄色为全部报送但有迟报，红色为有缺报。一票否决项“${itemTitle("E1", language)}”要求完整、及时。`
                    : `Cells show completeness (received / expected); green all on time, yellow all received but some late, red some missing. The veto item "${itemTitle("E1", language)}" requires complete and timely reporting.`}
                </Typography.Paragraph>
                <Table
                  data-testid="reporting-heatmap"
                  rowKey="code"
                  size="small"
                  columns={columns}
                  dataSource={data.counties}
                  pagination={false}
                  scroll={{ x: "max-content" }}
                />
              </Card>
            ),
          },
          {
            key: "messages",
            label: zh ? "意见与举报" : "Comments and complaints",
            children: <MessagesTable zh={zh} />,
          },
          ...(user.role === "province_admin"
            ? [
                {
                  key: "deliveries",
                  label: zh ? "向部系统报送" : "Ministry deliveries",
                  children: <Deliveries zh={zh} />,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}

const STATUS = MESSAGE_STATUS;

function MessagesTable({ zh }: { zh: boolean }) {
  const messages = useRequest((signal) => reportingApi.allMessages(signal), []);
  if (messages.error && !messages.data)
    return <ErrorResult error={messages.error} onRetry={messages.reload} />;
  return (
    <Table<PublicMessage>
      rowKey="id"
      size="small"
      loading={messages.isLoading}
      dataSource={messages.data}
      columns={[
        { title: zh ? "受理编号" : "Tracking no.", dataIndex: "trackingNo", width: 190 },
        { title: zh ? "地区" : "Region", dataIndex: "regionCode", width: 80 },
        {
          title: zh ? "类别" : "Kind",
          dataIndex: "kind",
          width: 90,
          render: (k: string) =>
            k === "complaint" ? (
              <Tag color="red">{zh ? "举报" : "Complaint"}</Tag>
            ) : (
              <Tag>{zh ? "意见" : "Comment"}</Tag>
            ),
        },
        { title: zh ? "标题" : "Subject", dataIndex: "subject" },
        {
          title: zh ? "提交时间" : "Submitted",
          dataIndex: "submittedAt",
          width: 150,
          render: (v: string) => v.slice(0, 16).replace("T", " "),
        },
        {
          title: zh ? "状态" : "Status",
          dataIndex: "status",
          width: 90,
          render: (s: PublicMessage["status"]) => <Tag color={STATUS[s][2]}>{STATUS[s][zh ? 0 : 1]}</Tag>,
        },
        {
          title: zh ? "办理时长" : "Handling time",
          key: "hours",
          width: 110,
          render: (_, m) =>
            `${Math.floor(m.handlingHours / 24)}${zh ? "天" : "d"} ${m.handlingHours % 24}${zh ? "小时" : "h"}${m.handledAt ? "" : zh ? "（未办结）" : " (open)"}`,
        },
      ]}
    />
  );
}

function Deliveries({ zh }: { zh: boolean }) {
  const { message } = App.useApp();
  const deliveries = useRequest((signal) => reportingApi.deliveries(signal), []);
  const [busy, setBusy] = useState<string>();
  if (deliveries.error && !deliveries.data)
    return <ErrorResult error={deliveries.error} onRetry={deliveries.reload} />;
  const retry = async (id: string) => {
    setBusy(id);
    try {
      await reportingApi.retryDelivery(id);
      message.success(zh ? "已重新排队" : "Queued again");
      deliveries.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Table
      rowKey="id"
      size="small"
      loading={deliveries.isLoading}
      dataSource={deliveries.data}
      columns={[
        { title: zh ? "示范县" : "County", dataIndex: "countyCode", width: 90 },
        { title: zh ? "方式" : "Sink", dataIndex: "sink", width: 70 },
        { title: zh ? "目标" : "Target", dataIndex: "target", ellipsis: true },
        { title: zh ? "状态" : "Status", dataIndex: "status", width: 90 },
        { title: zh ? "尝试次数" : "Attempts", dataIndex: "attempts", width: 90 },
        { title: zh ? "错误" : "Error", dataIndex: "lastError", ellipsis: true },
        { title: zh ? "送达时间" : "Delivered", dataIndex: "deliveredAt", width: 150 },
        {
          key: "retry",
          width: 90,
          render: (_, d) =>
            d.status === "failed" || d.status === "sending" ? (
              <Button size="small" loading={busy === d.id} onClick={() => retry(d.id)}>
                {zh ? "重试" : "Retry"}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
