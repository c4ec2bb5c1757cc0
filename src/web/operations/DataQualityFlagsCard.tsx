/**
 * Data-quality flags (数据质量问题, evidence for the fraud veto E5) of a county or of the counties
 * the caller sees: each flag with its summary, the rows behind it on expanding, and — for the
 * county's administrator — a written explanation that closes it.
 */
import { App, Button, Card, Empty, Input, Modal, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { formatYuan } from "../../rules/money";
import { ErrorResult } from "../components/ErrorResult";
import { RuleTip } from "../components/RuleTip";
import { useRequest } from "../components/use-request";
import {
  type DataQualityFlag,
  fetchCountyFlags,
  fetchFlagDetail,
  fetchProvinceFlags,
  resolveFlag,
} from "./operations.api";

type Props = {
  /** A county's flags, or (undefined) those of every county the caller sees. */
  countyCode?: string;
  zh: boolean;
  /** The county's administrator may resolve its open flags. */
  canResolve?: boolean;
};

type StatusFilter = "open" | "resolved" | "all";

function FlagEvidence({ flag, zh }: { flag: DataQualityFlag; zh: boolean }) {
  const detail = useRequest((signal) => fetchFlagDetail(flag.countyCode, flag.id, signal), [flag.id]);
  if (detail.error) return <ErrorResult error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Typography.Text type="secondary">{zh ? "加载中…" : "Loading…"}</Typography.Text>;
  const { evidence } = detail.data;
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid="flag-evidence">
      {flag.resolution && (
        <Typography.Text>
          {zh ? "核实说明" : "Resolution"}（{flag.resolvedByName}，{flag.resolvedAt?.slice(0, 10)}）：
          {flag.resolution}
        </Typography.Text>
      )}
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={evidence.rows.length > 10 ? { pageSize: 10 } : false}
        scroll={{ x: true }}
        dataSource={evidence.rows}
        columns={evidence.columns.map((c) => ({
          key: c.key,
          dataIndex: c.key,
          title: zh ? c.title.zh : c.title.en,
          render: (v: unknown) =>
            v === null || v === undefined
              ? "—"
              : c.key.endsWith("Fen") && typeof v === "number"
                ? formatYuan(v, "元")
                : String(v),
        }))}
      />
      {evidence.total > evidence.rows.length && (
        <Typography.Text type="secondary">
          {zh
            ? `共 ${evidence.total} 条，显示前 ${evidence.rows.length} 条`
            : `${evidence.total} rows; first ${evidence.rows.length} shown`}
        </Typography.Text>
      )}
    </Space>
  );
}

export default function DataQualityFlagsCard({ countyCode, zh, canResolve = false }: Props) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>("open");
  const [resolving, setResolving] = useState<{ flag: DataQualityFlag; reason: string }>();
  const [busy, setBusy] = useState(false);
  const filter = { status: status === "all" ? undefined : status };
  const list = useRequest(
    (signal) =>
      countyCode ? fetchCountyFlags(countyCode, filter, signal) : fetchProvinceFlags(filter, signal),
    [countyCode, status],
  );

  const submit = async () => {
    if (!resolving) return;
    setBusy(true);
    try {
      await resolveFlag(resolving.flag.countyCode, resolving.flag.id, resolving.reason.trim());
      message.success(zh ? "已提交核实说明" : "Resolved");
      setResolving(undefined);
      list.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    ...(countyCode
      ? []
      : [
          {
            title: zh ? "县" : "County",
            key: "county",
            render: (f: DataQualityFlag) => f.countyName ?? f.countyCode,
          },
        ]),
    {
      title: zh ? "类型" : "Kind",
      key: "kind",
      render: (f: DataQualityFlag) => <Tag color="volcano">{zh ? f.kindName.zh : f.kindName.en}</Tag>,
    },
    { title: zh ? "站点" : "Station", key: "station", render: (f: DataQualityFlag) => f.stationCode ?? "—" },
    { title: zh ? "期间" : "Period", dataIndex: "period", key: "period" },
    {
      title: zh ? "说明" : "Finding",
      key: "summary",
      render: (f: DataQualityFlag) => (zh ? f.summary.zh : f.summary.en),
    },
    {
      title: zh ? "状态" : "Status",
      key: "status",
      render: (f: DataQualityFlag) =>
        f.status === "open" ? (
          <Tag color="red">{zh ? "待核实" : "Open"}</Tag>
        ) : (
          <Tag color="green">{zh ? "已核实" : "Resolved"}</Tag>
        ),
    },
    ...(canResolve
      ? [
          {
            title: "",
            key: "action",
            render: (f: DataQualityFlag) =>
              f.status === "open" && (
                <Button
                  size="small"
                  data-testid="flag-resolve"
                  onClick={(e) => {
                    e.stopPropagation();
                    setResolving({ flag: f, reason: "" });
                  }}
                >
                  {zh ? "核实说明" : "Resolve"}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const counts = list.data?.counts;
  return (
    <Card
      title={
        <RuleTip rule="E5">
          {zh ? "数据质量问题（弄虚作假线索）" : "Data-quality flags (fraud evidence)"}
        </RuleTip>
      }
      data-testid="data-quality-flags"
      extra={
        <Segmented<StatusFilter>
          value={status}
          onChange={setStatus}
          options={[
            { value: "open", label: `${zh ? "待核实" : "Open"}${counts ? ` ${counts.open}` : ""}` },
            {
              value: "resolved",
              label: `${zh ? "已核实" : "Resolved"}${counts ? ` ${counts.resolved}` : ""}`,
            },
            { value: "all", label: zh ? "全部" : "All" },
          ]}
        />
      }
    >
      {list.error ? (
        <ErrorResult error={list.error} onRetry={list.reload} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={zh ? "未发现数据质量问题" : "No flags"} /> }}
          expandable={{ expandedRowRender: (f) => <FlagEvidence flag={f} zh={zh} /> }}
        />
      )}
      <Modal
        open={!!resolving}
        title={zh ? "填写核实说明" : "Explain this flag"}
        okButtonProps={{ disabled: (resolving?.reason.trim().length ?? 0) < 5, loading: busy }}
        onCancel={() => setResolving(undefined)}
        onOk={submit}
      >
        <Typography.Paragraph>
          {resolving && (zh ? resolving.flag.summary.zh : resolving.flag.summary.en)}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {zh
            ? "请写明核实情况（至少5个字），将记入审计日志，并供省级和第三方评估机构查阅。"
            : "Write what was checked (at least 5 characters); it goes to the audit log and is shown to the province and the assessor."}
        </Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={resolving?.reason}
          onChange={(e) => resolving && setResolving({ ...resolving, reason: e.target.value })}
          data-testid="flag-reason"
        />
      </Modal>
    </Card>
  );
}
