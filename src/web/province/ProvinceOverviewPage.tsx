import { Card, Col, Row, Skeleton, Statistic, Table, type TableColumnsType, Typography } from "antd";
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import type { CountySummary } from "../api/types";
import { useI18n } from "../app/i18n";
import { countyPath } from "../app/roles";
import { CountyStatusTag } from "../components/CountyStatusTag";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { formatCount, formatMoney } from "../components/format";
import { useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { fetchCounties } from "../counties/counties.api";
import { useMapText } from "../maps/maps.messages";
import { loadProvinceMap } from "./province-map.data";

// echarts is large: it loads only when the chart is about to show.
const VillagesChart = lazy(() => import("./VillagesChart"));
// The map and its boundary file load only when the overview opens (issue 18.6).
const ProvinceMap = lazy(() => import("./ProvinceMap"));

/** `/province` — 示范县总览: the demonstration counties, their subsidy (rule P1) and village counts. */
export default function ProvinceOverviewPage() {
  const { t, language } = useI18n();
  const { data: counties, error, isLoading, reload } = useRequest((signal) => fetchCounties(signal), []);
  const mt = useMapText();
  const asOf = useDefaultAsOf()?.asOf;
  const { data: mapCounties } = useRequest(
    (signal) => (counties && asOf ? loadProvinceMap(counties, asOf, signal) : Promise.resolve(undefined)),
    [counties, asOf],
  );

  if (error && !counties) return <ErrorResult error={error} onRetry={reload} />;

  const rows = counties ?? [];
  const totals = rows.reduce(
    (sum, c) => ({
      subsidyFen: sum.subsidyFen + c.subsidyFen,
      villages: sum.villages + c.villages,
      poorVillages: sum.poorVillages + c.poorVillages,
    }),
    { subsidyFen: 0, villages: 0, poorVillages: 0 },
  );

  const columns: TableColumnsType<CountySummary> = [
    {
      title: t("col.county"),
      dataIndex: "name",
      fixed: "left",
      width: 130,
      render: (name: string, county) => <Link to={countyPath(county.code)}>{name}</Link>,
    },
    { title: t("col.city"), dataIndex: "cityName", width: 100 },
    { title: t("col.code"), dataIndex: "code", width: 90 },
    { title: t("col.batch"), dataIndex: "batch", width: 70 },
    {
      title: t("col.subsidy"),
      dataIndex: "subsidyFen",
      align: "right",
      width: 150,
      render: (fen: number) => formatMoney(fen, language),
    },
    {
      title: t("col.status"),
      dataIndex: "status",
      width: 100,
      render: (status: string) => <CountyStatusTag status={status} />,
    },
    count("townships", t("col.townships")),
    count("villages", t("col.villages")),
    count("residentsCommittees", t("col.residentsCommittees")),
    count("poorVillages", t("col.poorVillages")),
  ];

  return (
    <div>
      <Typography.Title level={3} data-testid="province-title" style={{ marginTop: 0 }}>
        {t("province.title")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <StatCol
          title={t("province.countiesStat")}
          value={formatCount(rows.length)}
          suffix={t("province.countiesUnit")}
          isLoading={isLoading && !counties}
          testId="stat-counties"
        />
        <StatCol
          title={t("province.subsidyStat")}
          value={formatMoney(totals.subsidyFen, language)}
          isLoading={isLoading && !counties}
          testId="stat-subsidy"
        />
        <StatCol
          title={t("province.villagesStat")}
          value={formatCount(totals.villages)}
          isLoading={isLoading && !counties}
          testId="stat-villages"
        />
        <StatCol
          title={t("province.poorVillagesStat")}
          value={formatCount(totals.poorVillages)}
          isLoading={isLoading && !counties}
          testId="stat-poor-villages"
        />
      </Row>

      <Card title={mt("provinceTitle")} style={{ marginTop: 16 }} data-testid="province-map-card">
        {mapCounties && asOf ? (
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <ProvinceMap counties={mapCounties} asOf={asOf} />
          </Suspense>
        ) : (
          <Skeleton active paragraph={{ rows: 8 }} />
        )}
      </Card>

      <Card
        title={t("province.tableTitle")}
        extra={<ExcelExportButton path="/counties.xlsx" />}
        style={{ marginTop: 16 }}
        styles={{ body: { padding: 0 } }}
      >
        <div data-testid="county-table">
          <Table<CountySummary>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={isLoading}
            pagination={false}
            scroll={{ x: 1050 }}
          />
        </div>
      </Card>

      {rows.length > 0 && (
        <Card title={t("province.chartTitle")} style={{ marginTop: 16 }}>
          <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
            <VillagesChart counties={rows} />
          </Suspense>
        </Card>
      )}
    </div>
  );
}

function count(key: "townships" | "villages" | "residentsCommittees" | "poorVillages", title: string) {
  return {
    title,
    dataIndex: key,
    align: "right" as const,
    width: 100,
    render: (value: number) => formatCount(value),
  };
}

function StatCol(props: {
  title: string;
  value: string;
  suffix?: string;
  isLoading: boolean;
  testId: string;
}) {
  return (
    <Col xs={12} md={6}>
      <Card size="small" data-testid={props.testId}>
        <Statistic title={props.title} value={props.value} suffix={props.suffix} loading={props.isLoading} />
      </Card>
    </Col>
  );
}
