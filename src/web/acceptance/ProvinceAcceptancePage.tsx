/**
 * `/acceptance` — the province's acceptance dashboard (M4, M5): every county within reach in a grid,
 * side by side — verdict, item counts, veto items triggered or open, performance points and grade,
 * and whether the assessor signed.
 */
import { Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { GRADE_NAMES, type PerformanceGrade } from "../../rules/acceptance/performance";
import { standardTitle } from "../../rules/acceptance/standard";
import { useI18n } from "../app/i18n";
import { dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { ExcelExportButton } from "../components/ExcelExportButton";
import { PageLoading } from "../components/PageLoading";
import { ItemNames, itemTitles } from "../components/RuleTip";
import { AsOfNote, useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import { type CountyAcceptanceSummary, fetchProvinceAcceptance, type Scorecard } from "./acceptance.api";
import { GRADE, STATUS, VERDICT } from "./acceptance.display";

function CountyCard({ county, asOf }: { county: CountyAcceptanceSummary; asOf: string }) {
  const { language } = useI18n();
  const zh = language === "zh";
  const c = county;
  // A high score beside a failed verdict, explained: the grade measures the work done, the verdict
  // rests on every item and the veto items.
  const gradeNote =
    c.grade !== c.gradeByPoints
      ? zh
        ? `按分数为${GRADE[c.gradeByPoints].zh}，因一票否决评为${GRADE[c.grade].zh}`
        : `${GRADE[c.gradeByPoints].en} by points, ${GRADE[c.grade].en} for the veto`
      : (c.verdict === "failed" || c.verdict === "vetoed") && c.grade !== "poor"
        ? zh
          ? `得分较高但${c.verdict === "vetoed" ? "触发一票否决" : `有 ${c.counts.fail} 项未达标`}：验收看每一项，不看总分`
          : `A good score, but ${c.verdict === "vetoed" ? "a veto item is triggered" : `${c.counts.fail} items failed`}: acceptance needs every item`
        : "";
  const border = { vetoed: "#eb2f96", failed: "#ff4d4f", incomplete: "#faad14", passed: "#52c41a" }[
    c.verdict
  ];
  return (
    <Card
      size="small"
      data-testid={`county-card-${c.code}`}
      style={{ borderTop: `3px solid ${border}`, height: "100%" }}
      title={
        <Link to={`/counties/${c.code}/acceptance?asOf=${asOf}`}>
          {c.name}
          <Typography.Text type="secondary" style={{ marginLeft: 6, fontWeight: "normal", fontSize: 12 }}>
            {c.cityName}
          </Typography.Text>
        </Link>
      }
      extra={
        <Tag color={VERDICT[c.verdict].color} data-testid="county-verdict" style={{ marginInlineEnd: 0 }}>
          {VERDICT[c.verdict][language]}
        </Tag>
      }
    >
      <Space orientation="vertical" size={6} style={{ width: "100%" }}>
        <Space size={4} wrap>
          <Tag color={GRADE[c.grade].color} data-testid="county-grade">
            {GRADE[c.grade][language]}
          </Tag>
          <Typography.Text strong>
            {c.points} {zh ? "分" : "pts"}
          </Typography.Text>
          {c.isProvisional && (
            <Typography.Text type="secondary">{zh ? "（暂定）" : "(provisional)"}</Typography.Text>
          )}
        </Space>
        {gradeNote && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="county-grade-note">
            {gradeNote}
          </Typography.Text>
        )}
        <Space size={4} wrap>
          <Tag color={STATUS.pass!.color}>
            {STATUS.pass![language]} {c.counts.pass}
          </Tag>
          <Tooltip title={itemTitles(c.failed, language)}>
            <Tag color={c.counts.fail ? STATUS.fail!.color : "default"}>
              {STATUS.fail![language]} {c.counts.fail}
            </Tag>
          </Tooltip>
          <Tooltip title={itemTitles(c.pending, language)}>
            <Tag color={c.counts.pending ? STATUS.pending!.color : "default"}>
              {STATUS.pending![language]} {c.counts.pending}
            </Tag>
          </Tooltip>
        </Space>
        <div data-testid="county-veto">
          {c.vetoRisk === "triggered" ? (
            <Tag color="magenta">
              {zh ? "否决：" : "Veto: "}
              <ItemNames ids={c.veto.triggered} />
            </Tag>
          ) : c.vetoRisk === "pending" ? (
            <Tag color="gold">
              {zh ? "否决项待确认：" : "Veto open: "}
              <ItemNames ids={c.veto.pending} />
            </Tag>
          ) : (
            <Tag color="green">{zh ? "否决项均未触发" : "No veto"}</Tag>
          )}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.signoff
            ? zh
              ? `已签署 ${c.signoff.signedAt.slice(0, 10)}（${VERDICT[c.signoff.verdict as Scorecard["verdict"]]?.zh ?? c.signoff.verdict}）`
              : `Signed ${c.signoff.signedAt.slice(0, 10)}`
            : zh
              ? "评估机构尚未签署"
              : "Not signed yet"}
        </Typography.Text>
      </Space>
    </Card>
  );
}

export default function ProvinceAcceptancePage() {
  const fallback = useDefaultAsOf();
  const [params] = useSearchParams();
  const asOf = params.get("asOf") ?? fallback?.asOf;
  if (!asOf) return <PageLoading />;
  return <ProvinceAcceptanceOn asOf={asOf} fallback={fallback} />;
}

function ProvinceAcceptanceOn({
  asOf,
  fallback,
}: {
  asOf: string;
  fallback: ReturnType<typeof useDefaultAsOf>;
}) {
  const { language } = useI18n();
  const zh = language === "zh";
  const [, setParams] = useSearchParams();
  const roll = useRequest((signal) => fetchProvinceAcceptance(asOf, signal), [asOf]);
  if (roll.error && !roll.data) return <ErrorResult error={roll.error} onRetry={roll.reload} />;
  if (!roll.data) return <PageLoading />;
  const data = roll.data;
  const verdicts = Object.keys(VERDICT) as Scorecard["verdict"][];
  const grades = Object.keys(GRADE_NAMES) as PerformanceGrade[];
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap align="center" style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {zh ? "验收与绩效评价汇总" : "Acceptance and performance"}
        </Typography.Title>
        <Space wrap>
          <Typography.Text type="secondary">
            {standardTitle(data.standard, data.standardVersion, language)}
          </Typography.Text>
          <DatePicker
            allowClear={false}
            value={dateValue(asOf)}
            onChange={(d) => d && setParams({ asOf: d.format("YYYY-MM-DD") })}
            aria-label={zh ? "评估基准日" : "As of"}
          />
          <AsOfNote asOf={asOf} fallback={fallback} />
          <ExcelExportButton path="/acceptance/province.xlsx" query={{ asOf }} />
        </Space>
      </Space>
      <Card size="small" data-testid="province-acceptance-summary">
        <Space wrap size={32}>
          {verdicts.map((v) => (
            <Statistic
              key={v}
              title={<Tag color={VERDICT[v].color}>{VERDICT[v][language]}</Tag>}
              value={data.verdicts[v] ?? 0}
            />
          ))}
          {grades.map((g) => (
            <Statistic
              key={g}
              title={<Tag color={GRADE[g].color}>{GRADE[g][language]}</Tag>}
              value={data.grades[g] ?? 0}
            />
          ))}
        </Space>
      </Card>
      {data.counties.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[12, 12]} data-testid="province-acceptance-grid">
          {data.counties.map((c) => (
            <Col key={c.code} xs={24} sm={12} lg={8} xl={6}>
              <CountyCard county={c} asOf={asOf} />
            </Col>
          ))}
        </Row>
      )}
      <OverridesCard counties={data.counties} asOf={asOf} />
    </Space>
  );
}

/** The province's list of overrides: every result an assessor overturned, with both results. */
function OverridesCard({ counties, asOf }: { counties: CountyAcceptanceSummary[]; asOf: string }) {
  const { language } = useI18n();
  const zh = language === "zh";
  const rows = counties.flatMap((c) =>
    c.overrides.map((o) => ({ ...o, county: c, key: `${c.code}:${o.id}` })),
  );
  const status = (s: string) => STATUS[s]?.[language] ?? s;
  return (
    <Card
      size="small"
      title={zh ? `评估机构改判清单（${rows.length} 项）` : `Assessor overrides (${rows.length})`}
      data-testid="province-overrides"
    >
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: zh ? "暂无改判" : "No overrides" }}
        columns={[
          {
            title: zh ? "示范县" : "County",
            key: "county",
            render: (_, r) => (
              <Link to={`/counties/${r.county.code}/acceptance?asOf=${asOf}`}>{r.county.name}</Link>
            ),
          },
          {
            title: zh ? "指标" : "Item",
            key: "item",
            render: (_, r) => <ItemNames ids={[r.id]} />,
          },
          {
            title: zh ? "数据判定" : "Data",
            key: "data",
            render: (_, r) => (
              <Tooltip title={r.dataNote}>
                <Tag color={STATUS[r.dataStatus]?.color}>{status(r.dataStatus)}</Tag>
              </Tooltip>
            ),
          },
          {
            title: zh ? "评估机构判定" : "Assessor",
            key: "status",
            render: (_, r) => <Tag color={STATUS[r.status]?.color}>{status(r.status)}</Tag>,
          },
          { title: zh ? "改判理由" : "Reason", dataIndex: "reason" },
        ]}
      />
    </Card>
  );
}
