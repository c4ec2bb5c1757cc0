import { Alert, Card, List, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import { Link } from "react-router";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { fetchContractorHome, type ContractorHome as Home } from "./home.api";
import { useHomeText } from "./home.messages";

const yuan = (fen: number) =>
  (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const STATE_COLORS = { due: "orange", overdue: "red", returned: "magenta" } as const;

/** `/` for a contractor: its organization's contracts, the reports it owes and its ingest tokens. */
export default function ContractorHome() {
  const ht = useHomeText();
  const asOf = useDefaultAsOf()?.asOf;
  const home = useRequest(
    (signal) => (asOf ? fetchContractorHome(asOf, signal) : Promise.resolve(undefined)),
    [asOf],
  );
  if (home.error && !home.data) return <ErrorResult error={home.error} onRetry={home.reload} />;
  if (!home.data) return <PageLoading />;
  const data = home.data;

  const contractColumns: TableColumnsType<Home["contracts"][number]> = [
    {
      title: ht("contractNo"),
      dataIndex: "contractNo",
      width: 150,
      render: (no: string, c) => <Link to={c.link}>{no}</Link>,
    },
    { title: ht("contractTitle"), dataIndex: "title", width: 240 },
    { title: ht("amount"), dataIndex: "amountFen", align: "right", width: 130, render: yuan },
    { title: ht("paid"), dataIndex: "paidFen", align: "right", width: 130, render: yuan },
    {
      title: ht("deliverables"),
      key: "deliverables",
      width: 100,
      render: (_, c) => `${c.deliverables.done} / ${c.deliverables.total}`,
    },
    { title: ht("completionDue"), dataIndex: "completionDue", width: 110 },
    { title: ht("accepted"), dataIndex: "acceptedOn", width: 110, render: (v: string | null) => v ?? "—" },
  ];
  const tokenColumns: TableColumnsType<Home["tokens"][number]> = [
    { title: ht("tokenName"), dataIndex: "name", width: 200 },
    { title: ht("tokenHint"), dataIndex: "hint", width: 80, render: (h: string) => `…${h}` },
    {
      title: ht("tokenSheets"),
      dataIndex: "sheets",
      width: 280,
      render: (sheets: string[]) => (
        <Space size={4} wrap>
          {sheets.map((s) => (
            <Tag key={s}>{s}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: ht("tokenStations"),
      dataIndex: "stations",
      width: 110,
      render: (n: number | null) => (n === null ? ht("allStations") : ht("nStations", { n })),
    },
    {
      title: ht("lastUsed"),
      dataIndex: "lastUsedAt",
      width: 160,
      render: (v: string | null) => (v ? v.slice(0, 16).replace("T", " ") : ht("never")),
    },
    {
      title: ht("status"),
      dataIndex: "revokedAt",
      width: 130,
      render: (v: string | null) =>
        v ? <Tag>{ht("revoked", { date: v.slice(0, 10) })}</Tag> : <Tag color="green">{ht("active")}</Tag>,
    },
  ];

  return (
    <div data-testid="contractor-home">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {ht("contractorTitle")}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {ht("contractorIntro", {
          county: data.county.name,
          org: data.organization?.name ?? "—",
          date: data.asOf,
        })}
      </Typography.Paragraph>
      {!data.organization && (
        <Alert type="warning" showIcon title={ht("noOrganization")} style={{ marginBottom: 16 }} />
      )}
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card size="small" title={ht("contracts")} styles={{ body: { padding: 0 } }}>
          <Table
            data-testid="contractor-contracts"
            rowKey="contractNo"
            size="small"
            columns={contractColumns}
            dataSource={data.contracts}
            pagination={false}
            scroll={{ x: 970 }}
            locale={{ emptyText: ht("noContracts") }}
          />
        </Card>
        <Card size="small" title={ht("reports")}>
          <Typography.Paragraph type="secondary">{ht("reportsHint")}</Typography.Paragraph>
          <List
            size="small"
            data-testid="contractor-reports"
            dataSource={data.reports}
            locale={{ emptyText: ht("noReports") }}
            pagination={data.reports.length > 8 ? { pageSize: 8, size: "small" } : false}
            renderItem={(r) => (
              <List.Item
                extra={<Typography.Text type="secondary">{ht("dueOn", { date: r.dueOn })}</Typography.Text>}
              >
                <Space size={6} wrap>
                  <Tag color={STATE_COLORS[r.state]}>{ht(`state.${r.state}`)}</Tag>
                  <Link to={r.link}>{r.title}</Link>
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={ht("tokens")}>
          <Typography.Paragraph type="secondary">{ht("tokensHint")}</Typography.Paragraph>
          <Table
            data-testid="contractor-tokens"
            rowKey="id"
            size="small"
            columns={tokenColumns}
            dataSource={data.tokens}
            pagination={false}
            scroll={{ x: 960 }}
            locale={{ emptyText: ht("noTokens") }}
          />
        </Card>
      </Space>
    </div>
  );
}
