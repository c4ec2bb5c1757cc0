import { SearchOutlined } from "@ant-design/icons";
import {
  Card,
  Col,
  Descriptions,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import type { VillageKind } from "../../rules/regions";
import type { VillageDemoField, VillageItem } from "../api/types";
import { useI18n } from "../app/i18n";
import { CountyStatusTag } from "../components/CountyStatusTag";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { formatCount, formatMoney } from "../components/format";
import { PageLoading } from "../components/PageLoading";
import { useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { fetchCounty, fetchTodo, fetchVillages, type VillageQuery } from "./counties.api";
import { TodoCard } from "./TodoCard";

const PAGE_SIZES = [20, 50, 100] as const;
const SEARCH_DELAY_MS = 350;
const KINDS: readonly VillageKind[] = ["village_committee", "residents_committee"];

/** Reads the table's filters from the address, so a filtered page can be bookmarked and shared. */
function readQuery(params: URLSearchParams): VillageQuery {
  const page = Number(params.get("page"));
  const pageSize = Number(params.get("pageSize"));
  const kind = params.get("kind");
  return {
    q: params.get("q") ?? undefined,
    township: params.get("township") ?? undefined,
    kind: KINDS.find((k) => k === kind),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.find((size) => size === pageSize) ?? PAGE_SIZES[0],
  };
}

function writeQuery(query: VillageQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (query.q) out.set("q", query.q);
  if (query.township) out.set("township", query.township);
  if (query.kind) out.set("kind", query.kind);
  if (query.page > 1) out.set("page", String(query.page));
  if (query.pageSize !== PAGE_SIZES[0]) out.set("pageSize", String(query.pageSize));
  return out;
}

/** `/counties/:code` — one county: its facts, counts, and its village-level units. */
export default function CountyPage() {
  const { code = "" } = useParams();
  const { t, language } = useI18n();
  const county = useRequest((signal) => fetchCounty(code, signal), [code]);
  const fallback = useDefaultAsOf();
  const asOf = fallback?.asOf;
  const todo = useRequest(
    (signal) => (asOf ? fetchTodo(code, asOf, signal) : new Promise<never>(() => {})),
    [code, asOf],
  );

  if (county.error && !county.data) return <ErrorResult error={county.error} onRetry={county.reload} />;
  if (!county.data || county.data.code !== code) return <PageLoading />;
  const detail = county.data;

  return (
    <div>
      <Space align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={3} data-testid="county-title" style={{ margin: 0 }}>
          {detail.name}
        </Typography.Title>
        <CountyStatusTag status={detail.status} />
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("col.city")}>{detail.cityName}</Descriptions.Item>
        <Descriptions.Item label={t("col.code")}>{detail.code}</Descriptions.Item>
        <Descriptions.Item label={t("col.batch")}>
          {t("county.batch", { batch: detail.batch })}
        </Descriptions.Item>
        <Descriptions.Item label={t("county.subsidy")}>
          <span data-testid="county-subsidy">{formatMoney(detail.subsidyFen, language)}</span>
        </Descriptions.Item>
      </Descriptions>

      {todo.data && todo.data.countyCode === code && <TodoCard todo={todo.data} fallback={fallback} />}

      <Row gutter={[16, 16]}>
        <StatCol
          title={t("county.townships")}
          value={formatCount(detail.townships)}
          testId="stat-townships"
        />
        <StatCol title={t("county.villages")} value={formatCount(detail.villages)} testId="stat-villages" />
        <StatCol
          title={t("county.residentsCommittees")}
          value={formatCount(detail.residentsCommittees)}
          testId="stat-residents-committees"
        />
        <StatCol
          title={t("county.poorVillages")}
          value={formatCount(detail.poorVillages)}
          testId="stat-poor-villages"
        />
        <StatCol
          title={t("county.stations")}
          value={
            todo.data && todo.data.countyCode === code
              ? `${formatCount(todo.data.stations.inService)} / ${formatCount(todo.data.stations.registered)}`
              : "…"
          }
          testId="stat-stations"
        />
      </Row>

      <VillageTable countyCode={detail.code} townships={detail.townshipList} />
    </div>
  );
}

function StatCol(props: { title: string; value: string; testId: string; isMuted?: boolean }) {
  return (
    <Col xs={12} sm={8} lg={{ flex: "20%" }}>
      <Card size="small" data-testid={props.testId} style={{ height: "100%" }}>
        <Statistic
          title={props.title}
          value={props.value}
          styles={props.isMuted ? { content: { color: "#8c8c8c", fontSize: 18 } } : undefined}
        />
      </Card>
    </Col>
  );
}

type VillageTableProps = {
  countyCode: string;
  townships: { code: string; name: string; villages: number }[];
};

/** The server-side paged, searchable list of 村民委员会 and 居民委员会. */
function VillageTable({ countyCode, townships }: VillageTableProps) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const [search, setSearch] = useState(query.q ?? "");
  const { q, township, kind, page, pageSize } = query;
  const villages = useRequest(
    (signal) => fetchVillages(countyCode, { q, township, kind, page, pageSize }, signal),
    [countyCode, q, township, kind, page, pageSize],
  );

  // Back/forward changes the address; keep the box in step with it.
  useEffect(() => setSearch(q ?? ""), [q]);

  /** Changes some filters; any filter other than the page sends the user back to page 1. */
  const update = (changes: Partial<VillageQuery>) =>
    // From the latest address, not this render's: a delayed search must not undo a newer filter.
    setParams((latest) => writeQuery({ ...readQuery(latest), page: 1, ...changes }), { replace: true });

  const applySearch = (text: string) => {
    const next = text.trim() || undefined;
    if (next !== q) update({ q: next });
  };

  // Search as the user types, once they pause.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the box's text should start the timer.
  useEffect(() => {
    const timer = setTimeout(() => applySearch(search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const isDemo = (item: VillageItem, field: VillageDemoField) => item.demoFields.includes(field);
  const yesNo = (value: boolean | null) =>
    value === null ? t("common.none") : value ? t("common.yes") : t("common.no");

  const columns: TableColumnsType<VillageItem> = [
    { title: t("village.code"), dataIndex: "code", width: 130, fixed: "left" },
    { title: t("village.name"), dataIndex: "name", width: 200 },
    { title: t("village.township"), dataIndex: "townshipName", width: 120 },
    {
      title: t("village.kind"),
      dataIndex: "kind",
      width: 100,
      render: (value: VillageKind) => (
        <Tag color={value === "village_committee" ? "green" : "default"}>{t(`village.kind.${value}`)}</Tag>
      ),
    },
    {
      title: t("village.population"),
      dataIndex: "population",
      align: "right",
      width: 140,
      render: (value: number | null, item) => (
        <DemoValue isDemo={isDemo(item, "population")}>{formatCount(value)}</DemoValue>
      ),
    },
    {
      title: t("village.isPoor"),
      dataIndex: "isPoor",
      width: 150,
      render: (value: boolean | null, item) => (
        <DemoValue isDemo={isDemo(item, "isPoor")}>{yesNo(value)}</DemoValue>
      ),
    },
    {
      title: t("village.hasBroadband"),
      dataIndex: "hasBroadband",
      width: 130,
      render: (value: boolean | null, item) => (
        <DemoValue isDemo={isDemo(item, "hasBroadband")}>{yesNo(value)}</DemoValue>
      ),
    },
  ];

  const data = villages.data;
  return (
    <Card title={t("county.villageListTitle")} style={{ marginTop: 16 }} styles={{ body: { padding: 0 } }}>
      <div style={{ padding: 12 }}>
        <Row gutter={[8, 8]}>
          <Col xs={24} md={10} lg={8}>
            <Input
              data-testid="village-search"
              allowClear
              prefix={<SearchOutlined />}
              value={search}
              placeholder={t("county.searchPlaceholder")}
              onChange={(event) => setSearch(event.target.value)}
              onPressEnter={() => applySearch(search)}
            />
          </Col>
          <Col xs={12} md={7} lg={5}>
            <Select
              data-testid="village-township"
              style={{ width: "100%" }}
              value={township ?? ""}
              showSearch={{ optionFilterProp: "label" }}
              onChange={(value: string) => update({ township: value || undefined })}
              options={[
                { value: "", label: t("county.allTownships") },
                ...townships.map((tw) => ({ value: tw.code, label: tw.name })),
              ]}
            />
          </Col>
          <Col xs={12} md={7} lg={4}>
            <Select
              data-testid="village-kind"
              style={{ width: "100%" }}
              value={kind ?? ""}
              onChange={(value: string) => update({ kind: KINDS.find((k) => k === value) })}
              options={[
                { value: "", label: t("county.allKinds") },
                ...KINDS.map((k) => ({ value: k, label: t(`village.kind.${k}`) })),
              ]}
            />
          </Col>
        </Row>
      </div>
      {villages.error && !villages.isLoading ? (
        <ErrorResult error={villages.error} onRetry={villages.reload} />
      ) : (
        <div data-testid="village-table">
          <Table<VillageItem>
            rowKey="code"
            size="middle"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={villages.isLoading}
            scroll={{ x: 970 }}
            pagination={{
              current: data?.page ?? page,
              pageSize: data?.pageSize ?? pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (total) => t("county.total", { total: formatCount(total) }),
              onChange: (nextPage, nextSize) =>
                nextSize !== pageSize ? update({ pageSize: nextSize }) : update({ page: nextPage }),
            }}
          />
        </div>
      )}
    </Card>
  );
}
