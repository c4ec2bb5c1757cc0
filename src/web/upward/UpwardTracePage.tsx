/**
 * `/counties/:code/trace` — traceability (rule O7): the county's batches with their public trace
 * page and QR code to print on packs, and each batch's chain of EPCIS events, corrections shown
 * beside what they void.
 */
import { Button, Image, Space, Table, Tag, Typography } from "antd";
import { useParams } from "react-router";
import { TRACE_STEPS, TRACE_UNITS, type TraceUnit } from "../../rules/upward";
import { useI18n } from "../app/i18n";
import { DemoValue } from "../components/DemoValue";
import { ErrorResult } from "../components/ErrorResult";
import { useRequest } from "../components/use-request";
import { CheckAlert } from "./CheckAlert";
import { ExportLink } from "./ExportLink";
import { type TraceBatch, upwardApi } from "./upward.api";
import { today, useL } from "./upward-text";

const unitLabel = (unit: string | null) => (unit ? (TRACE_UNITS[unit as TraceUnit]?.zh ?? unit) : "");

export default function UpwardTracePage() {
  const { code = "" } = useParams();
  const L = useL();
  const batches = useRequest((signal) => upwardApi.batches(code, signal), [code]);
  const summary = useRequest((signal) => upwardApi.summary(code, today(), signal), [code]);
  if (batches.error) return <ErrorResult error={batches.error} onRetry={batches.reload} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {L("质量追溯", "Traceability")}
      </Typography.Title>
      {summary.data && (
        <CheckAlert
          title={L(
            `纳入追溯体系并有销售的企业：${summary.data.facts.traceEnterprisesWithSales} 家（要求 1–3 家）`,
            `Traced enterprises with sales: ${summary.data.facts.traceEnterprisesWithSales} (1–3 required)`,
          )}
          check={summary.data.checks.traceability}
        />
      )}
      <Space wrap>
        <ExportLink countyCode={code} path="trace/enterprises" label={L("追溯企业", "enterprises")} />
        <ExportLink countyCode={code} path="trace/sites" label={L("追溯地点", "sites")} />
      </Space>
      <Table<TraceBatch>
        data-testid="trace-batches"
        rowKey="id"
        size="small"
        loading={batches.isLoading}
        dataSource={batches.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        expandable={{ expandedRowRender: (b) => <BatchEvents countyCode={code} batchId={b.id} /> }}
        columns={[
          {
            title: L("产品", "Product"),
            render: (_, b) => <DemoValue isDemo={b.isDemo}>{b.productName}</DemoValue>,
          },
          { title: L("批号", "Lot"), dataIndex: "lot" },
          { title: L("企业", "Enterprise"), dataIndex: "enterpriseName" },
          { title: L("数量", "Quantity"), render: (_, b) => `${b.quantity}${unitLabel(b.unit)}` },
          { title: L("事件", "Events"), dataIndex: "events", align: "right" },
          {
            title: L("追溯码", "Trace code"),
            render: (_, b) => (
              <Space>
                <Image width={64} src={`/t/${b.code}.svg`} alt={b.code} />
                <Space orientation="vertical" size={0}>
                  <a href={`/t/${b.code}`} target="_blank" rel="noopener noreferrer">
                    {b.code}
                  </a>
                  <Button size="small" type="link" href={`/t/${b.code}.png`} download={`${b.code}.png`}>
                    {L("下载二维码", "QR code (PNG)")}
                  </Button>
                  <Button size="small" type="link" href={`/t/${b.code}.json`} target="_blank">
                    {L("追溯数据（EPCIS 2.0）", "EPCIS 2.0")}
                  </Button>
                </Space>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

function BatchEvents({ countyCode, batchId }: { countyCode: string; batchId: string }) {
  const L = useL();
  const { language } = useI18n();
  const detail = useRequest((signal) => upwardApi.batch(countyCode, batchId, signal), [countyCode, batchId]);
  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  return (
    <Table
      rowKey="id"
      size="small"
      loading={detail.isLoading}
      pagination={false}
      dataSource={detail.data?.events ?? []}
      columns={[
        {
          title: L("时间", "Time"),
          render: (_, e) => `${e.eventTime.slice(0, 10)} ${e.eventTime.slice(11, 16)}`,
        },
        {
          title: L("环节", "Step"),
          render: (_, e) => {
            const step = TRACE_STEPS[e.step];
            if (e.voidsEventId) return <Tag color="orange">{L("错误声明", "Error declaration")}</Tag>;
            return e.voidedBy ? (
              <Typography.Text delete>{step[language]}</Typography.Text>
            ) : (
              <span>{step[language]}</span>
            );
          },
        },
        {
          title: L("数量 / 检测", "Quantity / inspection"),
          render: (_, e) =>
            e.inspection
              ? `${e.inspection.item} ${e.inspection.result === "pass" ? L("合格", "pass") : L("不合格", "fail")}`
              : e.quantity !== null
                ? `${e.quantity}${unitLabel(e.unit)}`
                : "",
        },
        {
          title: L("说明（仅本县可见）", "Note (county only)"),
          render: (_, e) =>
            e.voidsEventId
              ? `${e.errorReason === "did_not_occur" ? L("该环节未发生", "did not occur") : L("记录有误", "incorrect data")}：${e.note}`
              : e.note,
        },
      ]}
    />
  );
}
