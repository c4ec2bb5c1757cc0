import { InfoCircleOutlined, SearchOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Input,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { lazy, Suspense, useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { formatArea } from "../../rules/network";
import { ApiError } from "../api/client";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { formatCount } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { useRequest } from "../components/use-request";
import { fetchCounty } from "../counties/counties.api";
import { useMapText } from "../maps/maps.messages";
import { CoverageTargets } from "./CoverageTargets";
import {
  type CoverageReport,
  type Facility,
  fetchCoverage,
  fetchFacilities,
  fetchStations,
  fetchVillageMap,
  fetchWhatIf,
  type GapVillage,
  type Station,
} from "./network.api";
import { useNetworkText } from "./network.messages";
import { SpecTags } from "./SpecTags";

const TownshipCoverageChart = lazy(() => import("./TownshipCoverageChart"));
const VillageMap = lazy(() => import("./VillageMap"));
const CountyLocatorMap = lazy(() => import("./CountyLocatorMap"));

/** `/counties/:code/network` — the county's coverage planner, stations and facilities with spec checks. */
export default function CountyNetworkPage() {
  const { code = "" } = useParams();
  const nt = useNetworkText();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "planner";
  return (
    <div>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {nt("title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: "planner", label: nt("tabPlanner"), children: <Planner countyCode={code} /> },
          { key: "stations", label: nt("tabStations"), children: <Stations countyCode={code} /> },
          { key: "facilities", label: nt("tabFacilities"), children: <Facilities countyCode={code} /> },
        ]}
      />
    </div>
  );
}

function Planner({ countyCode }: { countyCode: string }) {
  const nt = useNetworkText();
  const { message } = App.useApp();
  const [township, setTownship] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [whatIf, setWhatIf] = useState<CoverageReport>();
  const [isSimulating, setSimulating] = useState(false);
  const [townshipOptions, setTownshipOptions] = useState<{ value: string; label: string }[]>([]);
  const coverage = useRequest(
    (signal) => fetchCoverage(countyCode, township, signal),
    [countyCode, township],
  );

  // Only the county-wide report lists every township; keep that list while a township is picked.
  useEffect(() => {
    const data = coverage.data;
    if (data?.townshipCode === null) {
      setTownshipOptions(data.townships.map((t) => ({ value: t.code, label: t.name })));
    }
  }, [coverage.data]);

  if (coverage.error && !coverage.data)
    return <ErrorResult error={coverage.error} onRetry={coverage.reload} />;
  if (!coverage.data) return <PageLoading />;
  const report = coverage.data;

  const simulate = async () => {
    setSimulating(true);
    try {
      setWhatIf(await fetchWhatIf(countyCode, selected, township));
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSimulating(false);
    }
  };
  const clear = () => {
    setSelected([]);
    setWhatIf(undefined);
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap>
        <Typography.Text type="secondary">{nt("asOf", { date: report.asOf })}</Typography.Text>
        <Select
          data-testid="township-select"
          allowClear
          placeholder={nt("allTownships")}
          style={{ minWidth: 200 }}
          value={township}
          options={townshipOptions}
          onChange={(value?: string) => {
            setTownship(value);
            clear();
          }}
        />
      </Space>
      {whatIf && (
        <Alert
          type="info"
          showIcon
          message={nt("whatIfResult", { n: whatIf.added.length })}
          action={<Button onClick={clear}>{nt("whatIfClear")}</Button>}
        />
      )}
      <CoverageTargets targets={report.targets} after={whatIf?.targets} />
      {!township && (
        <Card size="small" title={nt("chartTitle")}>
          <Typography.Text type="secondary">{nt("chartNote")}</Typography.Text>
          <Suspense fallback={<PageLoading />}>
            <TownshipCoverageChart report={report} />
          </Suspense>
        </Card>
      )}
      <VillageMapCard countyCode={countyCode} townshipCode={township} />
      {!township && <CountyLocatorCard countyCode={countyCode} />}
      <Card
        size="small"
        title={nt("gapsTitle")}
        extra={
          <Button
            type="primary"
            data-testid="what-if-button"
            disabled={selected.length === 0}
            loading={isSimulating}
            onClick={() => void simulate()}
          >
            {nt("whatIf", { n: selected.length })}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{nt("gapsHint")}</Typography.Paragraph>
        <GapTable
          gaps={report.gaps}
          selected={selected}
          onSelect={(codes) => {
            setSelected(codes);
            setWhatIf(undefined);
          }}
        />
      </Card>
    </Space>
  );
}

/** The county's villages coloured by station status; the layout is schematic, and says so. */
function VillageMapCard({ countyCode, townshipCode }: { countyCode: string; townshipCode?: string }) {
  const nt = useNetworkText();
  const map = useRequest((signal) => fetchVillageMap(countyCode, signal), [countyCode]);
  return (
    <Card size="small" title={nt("mapTitle")} data-testid="village-map">
      <Alert type="info" showIcon title={nt("mapSchematic")} data-testid="village-map-schematic" />
      <Typography.Paragraph type="secondary" style={{ margin: "8px 0" }}>
        {nt("mapHint")}
      </Typography.Paragraph>
      {map.error && !map.data ? (
        <ErrorResult error={map.error} onRetry={map.reload} />
      ) : !map.data ? (
        <PageLoading />
      ) : map.data.villages.length === 0 ? (
        <Typography.Text type="secondary">{nt("mapNoData")}</Typography.Text>
      ) : (
        <Suspense fallback={<PageLoading />}>
          <VillageMap data={map.data} townshipCode={townshipCode} />
        </Suspense>
      )}
    </Card>
  );
}

/** The county on the map of its city (issue 18.6); township boundaries are not available. */
function CountyLocatorCard({ countyCode }: { countyCode: string }) {
  const mt = useMapText();
  const county = useRequest((signal) => fetchCounty(countyCode, signal), [countyCode]);
  return (
    <Card size="small" title={mt("countyTitle")} data-testid="county-locator">
      <Suspense fallback={<PageLoading />}>
        <CountyLocatorMap countyCode={countyCode} cityName={county.data?.cityName ?? ""} />
      </Suspense>
    </Card>
  );
}

function GapTable(props: { gaps: GapVillage[]; selected: string[]; onSelect: (codes: string[]) => void }) {
  const nt = useNetworkText();
  const columns: TableColumnsType<GapVillage> = [
    { title: "#", key: "rank", width: 56, render: (_v, _r, i) => i + 1 },
    { title: nt("village"), dataIndex: "name", width: 200 },
    { title: nt("villageCode"), dataIndex: "code", width: 130 },
    { title: nt("township"), dataIndex: "townshipName", width: 120 },
    {
      title: nt("poor"),
      dataIndex: "isPoor",
      width: 90,
      render: (v: boolean) => (v ? <Tag color="volcano">{nt("poor")}</Tag> : nt("no")),
    },
    {
      title: nt("population"),
      dataIndex: "population",
      align: "right",
      width: 100,
      render: (v: number | null) => formatCount(v),
    },
    {
      title: nt("broadband"),
      dataIndex: "hasBroadband",
      width: 80,
      render: (v: boolean) => (v ? nt("yes") : nt("no")),
    },
    {
      title: nt("pending"),
      dataIndex: "pendingStation",
      render: (p: GapVillage["pendingStation"]) =>
        p ? (
          <Tag color="blue">
            {p.stationNo} · {nt(`status.${p.status}` as "status.open")}
          </Tag>
        ) : null,
    },
  ];
  return (
    <Table
      data-testid="gap-table"
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={props.gaps}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      scroll={{ x: 900 }}
      rowSelection={{
        selectedRowKeys: props.selected,
        preserveSelectedRowKeys: true,
        onChange: (keys) => props.onSelect(keys.map(String)),
      }}
    />
  );
}

function Stations({ countyCode }: { countyCode: string }) {
  const nt = useNetworkText();
  const [onlyFailing, setOnlyFailing] = useState(false);
  const [filter, setFilter] = useState<StationFilter>({ text: "", township: "", status: "" });
  const stations = useRequest((signal) => fetchStations(countyCode, signal), [countyCode]);
  if (stations.error && !stations.data)
    return <ErrorResult error={stations.error} onRetry={stations.reload} />;
  if (!stations.data) return <PageLoading />;
  const all = stations.data.items;
  const items = filterStations(all, filter).filter((s) => !onlyFailing || !s.spec.ok);
  // What "不达标" counts here: every registered station failing its spec (S3–S5), in service or
  // not; A3 of the scorecard counts only those in service on its as-of date (issue 18.4).
  const failingInService = all.filter((s) => !s.spec.ok && s.inService).length;
  const failingOther = all.filter((s) => !s.spec.ok && !s.inService).length;
  const townships = [...new Set(all.map((s) => s.townshipName).filter((t): t is string => !!t))].sort();
  const statuses = [...new Set(all.map((s) => s.status))];
  const columns: TableColumnsType<Station> = [
    {
      title: nt("stationNo"),
      dataIndex: "stationNo",
      width: 200,
      fixed: "left",
      render: (v: string, s) => <DemoValue isDemo={s.isDemo}>{v}</DemoValue>,
    },
    {
      title: nt("village"),
      dataIndex: "villageName",
      width: 180,
      render: (v: string | null, s) => (
        <span>
          {v ?? s.villageCode} {s.isPoorVillage && <Tag color="volcano">{nt("poor")}</Tag>}
        </span>
      ),
    },
    { title: nt("township"), dataIndex: "townshipName", width: 110 },
    { title: nt("population"), dataIndex: "population", width: 90, align: "right", render: formatCount },
    {
      title: nt("area"),
      dataIndex: "areaTenths",
      width: 90,
      align: "right",
      render: (v: number | null) => (v === null ? "—" : formatArea(v)),
    },
    {
      title: nt("funded"),
      dataIndex: "isCentrallyFunded",
      width: 80,
      render: (v: boolean) => (v ? nt("yes") : nt("no")),
    },
    { title: nt("builtOn"), dataIndex: "builtOn", width: 110 },
    {
      title: nt("status"),
      dataIndex: "status",
      width: 80,
      render: (v: string) => nt(`status.${v}` as "status.open"),
    },
    { title: nt("spec"), key: "spec", render: (_v, s) => <SpecTags spec={s.spec} /> },
  ];
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Input
          data-testid="station-search"
          allowClear
          prefix={<SearchOutlined />}
          placeholder={nt("stationSearch")}
          style={{ width: 240 }}
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
        />
        <Select
          data-testid="station-township"
          style={{ width: 150 }}
          value={filter.township}
          showSearch={{ optionFilterProp: "label" }}
          onChange={(township: string) => setFilter({ ...filter, township })}
          options={[
            { value: "", label: nt("allTownships") },
            ...townships.map((t) => ({ value: t, label: t })),
          ]}
        />
        <Select
          data-testid="station-status"
          style={{ width: 120 }}
          value={filter.status}
          onChange={(status: string) => setFilter({ ...filter, status })}
          options={[
            { value: "", label: nt("allStatuses") },
            ...statuses.map((v) => ({ value: v, label: nt(`status.${v}` as "status.open") })),
          ]}
        />
        <Switch data-testid="only-failing" checked={onlyFailing} onChange={setOnlyFailing} />
        {nt("onlyFailing")}
      </Space>
      <Space wrap size={[12, 4]}>
        <Typography.Text data-testid="station-count">
          {nt("stationCount", { shown: items.length, total: stations.data.total })}
        </Typography.Text>
        <Tooltip title={nt("failingExplained", { inService: failingInService, other: failingOther })}>
          <Typography.Text type="secondary" data-testid="station-failing">
            {nt("failingSplit", {
              all: failingInService + failingOther,
              inService: failingInService,
              other: failingOther,
            })}{" "}
            <InfoCircleOutlined />
          </Typography.Text>
        </Tooltip>
      </Space>
      <Table
        data-testid="station-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1100 }}
      />
    </Space>
  );
}

type StationFilter = { text: string; township: string; status: string };

/** Stations whose number, village name or village code holds the text, in the township and state picked. */
function filterStations(stations: Station[], filter: StationFilter): Station[] {
  const text = filter.text.trim().toLowerCase();
  return stations.filter(
    (s) =>
      (!text ||
        s.stationNo.toLowerCase().includes(text) ||
        (s.villageName ?? "").includes(text) ||
        s.villageCode.startsWith(text)) &&
      (!filter.township || s.townshipName === filter.township) &&
      (!filter.status || s.status === filter.status),
  );
}

function Facilities({ countyCode }: { countyCode: string }) {
  const nt = useNetworkText();
  const facilities = useRequest((signal) => fetchFacilities(countyCode, signal), [countyCode]);
  if (facilities.error && !facilities.data) {
    return <ErrorResult error={facilities.error} onRetry={facilities.reload} />;
  }
  if (!facilities.data) return <PageLoading />;
  const columns: TableColumnsType<Facility> = [
    { title: nt("facilityNo"), dataIndex: "facilityNo", width: 130 },
    { title: nt("kind"), dataIndex: "kind", width: 140, render: (v: Facility["kind"]) => nt(`kind.${v}`) },
    {
      title: nt("name"),
      dataIndex: "name",
      width: 220,
      render: (v: string, f) => <DemoValue isDemo={f.isDemo}>{v}</DemoValue>,
    },
    { title: nt("township"), dataIndex: "townshipName", width: 110 },
    {
      title: nt("area"),
      dataIndex: "areaTenths",
      width: 90,
      align: "right",
      render: (v: number | null) => (v === null ? "—" : formatArea(v)),
    },
    {
      title: nt("funded"),
      dataIndex: "isCentrallyFunded",
      width: 80,
      render: (v: boolean) => (v ? nt("yes") : nt("no")),
    },
    {
      title: nt("route"),
      key: "route",
      width: 200,
      render: (_v, f) => (f.logisticsRoute ? `${f.logisticsRoute} / ${f.logisticsCompany ?? "—"}` : "—"),
    },
    { title: nt("spec"), key: "spec", render: (_v, f) => <SpecTags spec={f.spec} /> },
  ];
  return (
    <Table
      data-testid="facility-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={facilities.data.items}
      pagination={false}
      scroll={{ x: 1100 }}
      expandable={{
        expandedRowRender: (f) => (
          <Space orientation="vertical" size={2}>
            {f.spec.items.map((item) => (
              <Typography.Text key={item.key} type={item.ok ? undefined : "danger"}>
                {item.ok ? "✓" : "✗"} {item.message}（{item.rule}）
              </Typography.Text>
            ))}
          </Space>
        ),
      }}
    />
  );
}
