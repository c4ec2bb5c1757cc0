/** The province's station operations roll-up: each county's O1–O3 figures and failing stations. */
import { Card, Space, Table, Tag, Typography } from "antd";
import { useNavigate } from "react-router";
import { formatBp, formatYuan } from "../../rules/money";
import { useI18n } from "../app/i18n";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import DataQualityFlagsCard from "./DataQualityFlagsCard";
import { fetchProvinceOperations, type ProvinceOperations } from "./operations.api";

type CountyRow = ProvinceOperations["counties"][number];

export default function ProvinceOperationsPage() {
  const { language } = useI18n();
  const zh = language === "zh";
  const navigate = useNavigate();
  const report = useRequest((signal) => fetchProvinceOperations({}, signal), []);
  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  if (!report.data) return <PageLoading />;
  const flag = (ok: boolean, text: string) => <Tag color={ok ? "green" : "red"}>{text}</Tag>;
  const columns = [
    { title: zh ? "县" : "County", dataIndex: "name", key: "name" },
    { title: zh ? "运营站点" : "Stations", dataIndex: "stations", key: "stations" },
    {
      title: <RuleTip rule="O1">{zh ? "上线率" : "Online"}</RuleTip>,
      key: "o1",
      render: (c: CountyRow) => flag(c.meetsOnlineRate, formatBp(c.onlineRateBp)),
      sorter: (a: CountyRow, b: CountyRow) => a.onlineRateBp - b.onlineRateBp,
    },
    {
      title: <RuleTip rule="O2">{zh ? "站均月代购单数" : "Orders / station-month"}</RuleTip>,
      key: "o2a",
      render: (c: CountyRow) => flag(c.meetsOrders, String(c.avgOrdersPerStationMonth)),
    },
    {
      title: <RuleTip rule="O2">{zh ? "站均月交易额" : "Amount / station-month"}</RuleTip>,
      key: "o2b",
      render: (c: CountyRow) => flag(c.meetsAmount, formatYuan(c.avgAmountFenPerStationMonth, "元")),
    },
    {
      title: <RuleTip rule="O3">{zh ? "7日内送达" : "Within 7 days"}</RuleTip>,
      key: "o3",
      render: (c: CountyRow) => (c.downShipments ? flag(c.meetsDelivery, formatBp(c.withinDaysBp)) : "—"),
    },
    {
      title: zh ? "快递企业" : "Carriers",
      key: "carriers",
      render: (c: CountyRow) => flag(c.meetsCarriers, String(c.carriers.length)),
    },
    {
      title: zh ? "上行运费高于基准" : "Upward fee above benchmark",
      key: "fees",
      render: (c: CountyRow) => flag(c.upwardFeesAbove.length === 0, String(c.upwardFeesAbove.length)),
    },
    {
      title: (
        <RuleTip rule={["O1", "O2", "O3"]}>
          {zh
            ? "未达标站点（上线率/单数或交易额/送达）"
            : "Failing stations (online/orders or amount/delivery)"}
        </RuleTip>
      ),
      key: "failing",
      render: (c: CountyRow) =>
        `${c.failingStations.onlineRate} / ${c.failingStations.ordersAndAmount} / ${c.failingStations.delivery}`,
    },
  ];
  const p = report.data.province;
  return (
    <Space
      direction="vertical"
      size="middle"
      style={{ width: "100%" }}
      data-testid="province-operations-page"
    >
      <Space wrap align="center" style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {zh ? "站点运营与物流汇总" : "Station operations roll-up"}
        </Typography.Title>
        <ExcelExportButton path="/operations/province.xlsx" />
      </Space>
      <Card size="small">
        {zh
          ? `全省运营站点 ${p.stations} 个，上线率 ${formatBp(p.onlineRateBp)}，站均月代购 ${p.avgOrdersPerStationMonth} 单，7日内送达 ${formatBp(p.withinDaysBp)}`
          : `${p.stations} stations; online ${formatBp(p.onlineRateBp)}; ${p.avgOrdersPerStationMonth} orders per station-month; ${formatBp(p.withinDaysBp)} within 7 days`}
      </Card>
      <Table
        rowKey="countyCode"
        size="small"
        pagination={false}
        dataSource={report.data.counties}
        columns={columns}
        onRow={(c) => ({
          onClick: () => navigate(`/counties/${c.countyCode}/operations`),
          style: { cursor: "pointer" },
        })}
      />
      <DataQualityFlagsCard zh={zh} />
    </Space>
  );
}
