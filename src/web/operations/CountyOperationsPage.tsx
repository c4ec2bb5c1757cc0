/**
 * A county's station operations and logistics (站点运营与物流, B2/B3): the county's O1–O3 figures
 * against their thresholds, the monthly trend, the stations failing each KPI and every station's
 * figures — all read from the rollups. A township and a month range narrow the page.
 */
import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from "antd";
import { useParams, useSearchParams } from "react-router";
import { formatBp, formatYuan } from "../../rules/money";
import { useAuth } from "../app/auth";
import { useI18n } from "../app/i18n";
import { dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import DataQualityFlagsCard from "./DataQualityFlagsCard";
import OperationsTrendChart from "./OperationsTrendChart";
import { fetchCountyOperations, type StationKpi } from "./operations.api";
import StationAccountsCard from "./StationAccountsCard";

const yuan = (fen: number) => formatYuan(fen, "元");
const meets = (ok: boolean, zh: boolean) => (
  <Tag color={ok ? "green" : "red"}>{ok ? (zh ? "达标" : "Met") : zh ? "未达标" : "Not met"}</Tag>
);

export default function CountyOperationsPage() {
  const { code = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { language } = useI18n();
  const { user } = useAuth();
  const zh = language === "zh";
  const period = {
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
    township: params.get("township") ?? undefined,
  };
  const report = useRequest(
    (signal) => fetchCountyOperations(code, period, signal),
    [code, period.from, period.to, period.township],
  );
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  if (report.error) return <ErrorResult error={report.error} onRetry={report.reload} />;
  if (!report.data) return <PageLoading />;
  const r = report.data;
  const s = r.summary;
  const t = r.thresholds;
  const failing = [
    {
      key: "O1",
      title: zh ? "上线率未达标" : "Online rate below target",
      codes: r.failing.onlineRate,
    },
    {
      key: "O2",
      title: zh ? "单数或交易额未达标" : "Orders or amount below target",
      codes: r.failing.ordersAndAmount,
    },
    {
      key: "O3",
      title: zh ? "7日内送达未达标" : "Deliveries over 7 days",
      codes: r.failing.delivery,
    },
  ];
  const columns = [
    { title: zh ? "站点编号" : "Station", dataIndex: "stationCode", key: "stationCode" },
    { title: zh ? "月数" : "Months", dataIndex: "months", key: "months" },
    {
      title: zh ? "上线率" : "Online rate",
      key: "online",
      render: (x: StationKpi) => (x.hasOnlineData ? formatBp(x.onlineRateBp) : "—"),
      sorter: (a: StationKpi, b: StationKpi) => a.onlineRateBp - b.onlineRateBp,
    },
    {
      title: zh ? "月均代购单数" : "Orders / month",
      dataIndex: "avgOrders",
      key: "avgOrders",
      sorter: (a: StationKpi, b: StationKpi) => a.avgOrders - b.avgOrders,
    },
    {
      title: zh ? "月均交易额" : "Amount / month",
      key: "amount",
      render: (x: StationKpi) => yuan(x.avgAmountFen),
    },
    { title: zh ? "下行件数" : "Down shipments", dataIndex: "downShipments", key: "down" },
    {
      title: zh ? "7日内送达" : "Within 7 days",
      key: "within",
      render: (x: StationKpi) => (x.downShipments ? formatBp(x.withinDaysBp) : "—"),
    },
    {
      title: (
        <RuleTip rule={["O1", "O2", "O3"]}>
          {zh ? "上线率 / 单数与交易额 / 送达" : "Online / orders and amount / delivery"}
        </RuleTip>
      ),
      key: "meets",
      render: (x: StationKpi) => (
        <Space size={2}>
          {x.months > 0 && meets(x.meetsOnlineRate, zh)}
          {x.months > 0 && meets(x.meetsBoth, zh)}
          {x.downShipments > 0 && meets(x.meetsDelivery, zh)}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="operations-page">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {zh ? "站点运营与物流" : "Station operations and logistics"}
        </Typography.Title>
        <DatePicker.RangePicker
          picker="month"
          allowEmpty={[true, true]}
          value={[dateValue(period.from), dateValue(period.to)]}
          onChange={(range) => {
            const next = new URLSearchParams(params);
            const [from, to] = range ?? [null, null];
            if (from) next.set("from", from.format("YYYY-MM"));
            else next.delete("from");
            if (to) next.set("to", to.format("YYYY-MM"));
            else next.delete("to");
            setParams(next);
          }}
        />
        <Select
          allowClear
          style={{ minWidth: 200 }}
          placeholder={zh ? "全部乡镇" : "All townships"}
          value={period.township}
          onChange={(v) => set("township", v)}
          options={r.townships
            .filter((x) => x.townshipCode)
            .map((x) => ({ value: x.townshipCode!, label: x.townshipCode! }))}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card
            title={<RuleTip rule="O1">{zh ? "数据管理器上线率" : "Data manager online"}</RuleTip>}
            extra={meets(s.meetsOnlineRate, zh)}
          >
            <Statistic value={formatBp(s.onlineRateBp)} suffix={`≥ ${formatBp(t.onlineRateBp)}`} />
            <Typography.Text type="secondary">
              {zh ? `运营站点 ${s.stations} 个` : `${s.stations} operating stations`}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card
            title={
              <RuleTip rule="O2">{zh ? "站均月代购与交易额" : "Orders and amount per station-month"}</RuleTip>
            }
            extra={meets(s.meetsOrders && s.meetsAmount, zh)}
          >
            <Statistic
              value={s.avgOrdersPerStationMonth}
              suffix={`≥ ${t.ordersPerStationMonth} ${zh ? "单" : "orders"}`}
            />
            <Statistic
              value={yuan(s.avgAmountFenPerStationMonth)}
              suffix={`≥ ${yuan(t.amountFenPerStationMonth)}`}
            />
            <Typography.Text type="secondary">
              {zh
                ? `两项均达标的站点 ${s.stationsMeetingBoth} / ${s.stations}`
                : `${s.stationsMeetingBoth} of ${s.stations} stations meet both`}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card
            title={<RuleTip rule="O3">{zh ? "物流配送" : "Logistics"}</RuleTip>}
            extra={meets(s.meetsDelivery && s.meetsCarriers && s.meetsUpwardFees, zh)}
          >
            <Statistic
              value={s.downShipments ? formatBp(s.withinDaysBp) : "—"}
              suffix={zh ? `${t.deliveryDays}日内送达` : `within ${t.deliveryDays} days`}
            />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {zh
                ? `下行 ${s.downShipments} 件（在途 ${r.inTransit}），快递企业 ${s.carriers.length} 家：${s.carriers.join("、") || "—"}`
                : `${s.downShipments} downward (${r.inTransit} in transit); ${s.carriers.length} carriers`}
            </Typography.Paragraph>
            {s.upwardFees.map((f) => (
              <div key={f.weightClass}>
                {zh ? f.name.zh : f.name.en}: {yuan(f.avgFeeFen)}
                {f.benchmarkFen !== null && ` / ${zh ? "基准" : "benchmark"} ${yuan(f.benchmarkFen)}`}{" "}
                {f.benchmarkFen !== null && meets(!f.isAbove, zh)}
              </div>
            ))}
          </Card>
        </Col>
      </Row>
      <Card title={zh ? "月度趋势" : "Monthly trend"}>
        {r.trend.length ? <OperationsTrendChart report={r} zh={zh} /> : <Empty />}
      </Card>
      <Row gutter={[16, 16]}>
        {failing.map((f) => (
          <Col xs={24} md={8} key={f.key}>
            <Card size="small" title={`${f.title}：${f.codes.length}`} data-testid={`failing-${f.key}`}>
              {f.codes.length ? f.codes.slice(0, 50).map((c) => <Tag key={c}>{c}</Tag>) : <Empty />}
              {f.codes.length > 50 && <Typography.Text type="secondary">…</Typography.Text>}
            </Card>
          </Col>
        ))}
      </Row>
      <DataQualityFlagsCard
        countyCode={code}
        zh={zh}
        canResolve={user?.role === "county_admin" && user.regionCode === code}
      />
      <Card title={zh ? "各站点" : "Stations"}>
        <Table
          rowKey="stationCode"
          size="small"
          dataSource={r.stations}
          columns={columns}
          pagination={{ pageSize: 20 }}
        />
      </Card>
      {user &&
        (["province_admin", "county_admin"].includes(user.role) ||
          (user.role === "contractor" && user.regionCode === code)) && (
          <StationAccountsCard countyCode={code} zh={zh} />
        )}
    </Space>
  );
}
