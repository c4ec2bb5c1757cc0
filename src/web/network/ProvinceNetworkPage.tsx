import { Card, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import { Link } from "react-router";
import { formatBp } from "../../rules/money";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { formatCount } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import { CoverageTargets } from "./CoverageTargets";
import { type CountyNetworkSummary, type CoverageTarget, fetchProvinceCoverage } from "./network.api";
import { useNetworkText } from "./network.messages";

/** `/network` — the service network of every county the user may see, against G1, S7, S8 and S1–S5. */
export default function ProvinceNetworkPage() {
  const nt = useNetworkText();
  const roll = useRequest((signal) => fetchProvinceCoverage(signal), []);
  if (roll.error && !roll.data) return <ErrorResult error={roll.error} onRetry={roll.reload} />;
  if (!roll.data) return <PageLoading />;

  const bpCell = (key: CoverageTarget["key"]) => (_v: unknown, c: CountyNetworkSummary) => {
    const target = c.targets.find((t) => t.key === key)!;
    return <Tag color={target.ok ? "green" : "red"}>{formatBp(target.bp)}</Tag>;
  };
  const columns: TableColumnsType<CountyNetworkSummary> = [
    {
      title: nt("county"),
      dataIndex: "name",
      fixed: "left",
      width: 140,
      render: (name: string, c) => <Link to={`/counties/${c.code}/network`}>{name}</Link>,
    },
    {
      title: <RuleTip rule="G1">{nt("target.villages")}</RuleTip>,
      key: "villages",
      width: 150,
      render: bpCell("villages"),
    },
    {
      title: <RuleTip rule="G1">{nt("target.poor_villages")}</RuleTip>,
      key: "poor",
      width: 150,
      render: bpCell("poor_villages"),
    },
    {
      title: <RuleTip rule="S8">{nt("target.broadband")}</RuleTip>,
      key: "broadband",
      width: 150,
      render: bpCell("broadband"),
    },
    {
      title: <RuleTip rule="S7">{nt("target.township_express")}</RuleTip>,
      key: "express",
      width: 160,
      render: bpCell("township_express"),
    },
    { title: nt("stations"), dataIndex: "stationsInService", align: "right", width: 80, render: formatCount },
    {
      title: nt("failing"),
      dataIndex: "stationsFailingSpec",
      align: "right",
      width: 80,
      render: formatCount,
    },
    {
      title: nt("facilities"),
      key: "facilities",
      width: 150,
      render: (_v, c) => (
        <Space size={4}>
          {c.countyCenters}/{c.countyWarehouses}/{c.townshipCenters}
          {c.facilitiesFailingSpec > 0 && (
            <Tag color="red">
              {nt("failing")} {c.facilitiesFailingSpec}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: nt("gaps"), dataIndex: "gaps", align: "right", width: 70, render: formatCount },
    {
      title: <RuleTip rule="F9">{nt("conflicts")}</RuleTip>,
      dataIndex: "fundingConflicts",
      width: 90,
      render: (v: string[]) => (v.length ? <Tag color="red">{v.length}</Tag> : nt("none")),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap align="center" style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {nt("provinceTitle")}
        </Typography.Title>
        <ExcelExportButton path="/network/coverage.xlsx" query={{ asOf: roll.data.asOf }} />
      </Space>
      <Typography.Text type="secondary">{nt("asOf", { date: roll.data.asOf })}</Typography.Text>
      <CoverageTargets targets={roll.data.targets} />
      <Card size="small">
        <Table
          data-testid="province-network-table"
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={roll.data.counties}
          pagination={false}
          scroll={{ x: 1200 }}
        />
      </Card>
    </Space>
  );
}
