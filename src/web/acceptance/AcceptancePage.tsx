/**
 * The acceptance scorecard of a county (验收评估): every item of the standard with what the data
 * measured; the third-party assessor decides what data cannot, attaches evidence and signs.
 */
import { DownloadOutlined, PrinterOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  Upload,
} from "antd";
import { useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { DEFAULT_DECISION_SETTINGS } from "../../rules/acceptance/decision-rules";
import { describeMeasures } from "../../rules/acceptance/labels";
import { HEBEI_2017, standardTitle } from "../../rules/acceptance/standard";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { dateValue } from "../components/china-date";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { ItemNames, RULE_COLUMN } from "../components/RuleTip";
import { AsOfNote, useDefaultAsOf } from "../components/use-default-as-of";
import { useRequest } from "../components/use-request";
import {
  decide,
  fetchPerformance,
  fetchProcess,
  fetchScorecard,
  fetchTimeline,
  sign,
  uploadEvidence,
} from "./acceptance.api";
import { STATUS, VERDICT } from "./acceptance.display";
import { PerformanceCard } from "./PerformanceCard";
import { ProcedureCard } from "./ProcedureCard";
import { TimelineCard } from "./TimelineCard";

const TITLES = new Map([...HEBEI_2017.items, ...HEBEI_2017.veto].map((i) => [i.id, i.title]));

const EVIDENCE_KIND: Record<string, { zh: string; en: string }> = {
  note: { zh: "说明", en: "Note" },
  file: { zh: "文件", en: "File" },
  photo: { zh: "照片", en: "Photo" },
};

type Deciding = { id: string; isVeto: boolean; dataStatus: string; asOf: string };

/** The status tag, with the assessor's mark and, for an override, what the data had decided. */
function StatusCell({
  r,
  zh,
  language,
}: {
  r: {
    status: string;
    decidedBy: string;
    overridden: boolean;
    dataResult?: { status: string; note: string };
  };
  zh: boolean;
  language: "zh" | "en";
}) {
  return (
    <Space size={4} wrap>
      <Tag color={STATUS[r.status]?.color}>{STATUS[r.status]?.[language]}</Tag>
      {r.overridden && r.dataResult ? (
        <Tooltip
          title={`${zh ? "数据判定" : "Data"}：${STATUS[r.dataResult.status]?.[language] ?? r.dataResult.status}（${r.dataResult.note}）`}
        >
          <Tag color="purple" data-testid="overridden">
            {zh ? "评估机构改判" : "Overridden"}
          </Tag>
        </Tooltip>
      ) : (
        r.decidedBy === "assessor" && <Tag>{zh ? "评估机构" : "assessor"}</Tag>
      )}
    </Space>
  );
}

export default function AcceptancePage() {
  const fallback = useDefaultAsOf();
  const [params] = useSearchParams();
  const asOf = params.get("asOf") ?? fallback?.asOf;
  if (!asOf) return <PageLoading />;
  return <AcceptanceOn asOf={asOf} fallback={fallback} />;
}

function AcceptanceOn({ asOf, fallback }: { asOf: string; fallback: ReturnType<typeof useDefaultAsOf> }) {
  const { code = "" } = useParams();
  const [, setParams] = useSearchParams();
  const user = useUser();
  const { language } = useI18n();
  const { message } = App.useApp();
  const card = useRequest((signal) => fetchScorecard(code, asOf, signal), [code, asOf]);
  const process = useRequest((signal) => fetchProcess(code, signal), [code]);
  const performance = useRequest((signal) => fetchPerformance(code, asOf, signal), [code, asOf]);
  const timeline = useRequest((signal) => fetchTimeline(code, asOf, signal), [code, asOf]);
  const [deciding, setDeciding] = useState<Deciding>();
  const isAssessor = user.role === "assessor";
  // The province may confirm or clear E5 (rules.md, "How the standard is applied").
  const mayDecide = (id: string) => isAssessor || (user.role === "province_admin" && id === "E5");
  const isSigned = Boolean(process.data?.signoff);
  const zh = language === "zh";

  if (card.error) return <ErrorResult error={card.error} onRetry={card.reload} />;
  if (!card.data) return <PageLoading />;
  const scorecard = card.data;
  const reload = () => {
    card.reload();
    process.reload();
    performance.reload();
    timeline.reload();
  };
  const decideButton = (id: string, isVeto: boolean, dataStatus: string) =>
    mayDecide(id) && !isSigned ? (
      <Button
        size="small"
        data-testid={`decide-${id}`}
        onClick={() => setDeciding({ id, isVeto, dataStatus, asOf })}
      >
        {zh ? "判定" : "Decide"}
      </Button>
    ) : null;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Space wrap align="center" style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="acceptance-title">
          {zh ? "验收评估" : "Acceptance"}{" "}
          <Tag color={VERDICT[scorecard.verdict].color} data-testid="verdict">
            {VERDICT[scorecard.verdict][language]}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: "normal" }}>
            {standardTitle(scorecard.standard, scorecard.standardVersion, language)}
          </Typography.Text>
        </Typography.Title>
        <Space wrap>
          <DatePicker
            allowClear={false}
            value={dateValue(asOf)}
            onChange={(d) => d && setParams({ asOf: d.format("YYYY-MM-DD") })}
            aria-label={zh ? "评估基准日" : "As of"}
          />
          <AsOfNote asOf={asOf} fallback={fallback} />
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/counties/${code}/acceptance-report.docx?asOf=${asOf}`}
          >
            {zh ? "验收报告（Word）" : "Report (.docx)"}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            href={`/api/v1/counties/${code}/acceptance-report.xlsx?asOf=${asOf}`}
          >
            {zh ? "验收报告（Excel）" : "Report (Excel)"}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            href={`/api/v1/counties/${code}/acceptance-report.html?asOf=${asOf}`}
            target="_blank"
            rel="noopener"
          >
            {zh ? "打印版" : "Printable"}
          </Button>
          {isAssessor && !isSigned && (
            <Button
              type="primary"
              data-testid="sign"
              onClick={() =>
                Modal.confirm({
                  title: zh
                    ? `签署 ${asOf} 的评分表？签署后不可修改。`
                    : `Sign the scorecard as of ${asOf}? It is final.`,
                  onOk: async () => {
                    await sign(code, asOf);
                    message.success(zh ? "已签署" : "Signed");
                    reload();
                  },
                })
              }
            >
              {zh ? "签署评估结论" : "Sign"}
            </Button>
          )}
        </Space>
      </Space>
      {process.data?.signoff && (
        <Alert
          type="info"
          data-testid="signoff"
          message={
            zh
              ? `已由 ${process.data.signoff.signedBy} 于 ${process.data.signoff.signedAt.slice(0, 16).replace("T", " ")} 签署（基准日 ${process.data.signoff.asOf}），结论不可再修改`
              : `Signed by ${process.data.signoff.signedBy} at ${process.data.signoff.signedAt.slice(0, 16)} (as of ${process.data.signoff.asOf}); final`
          }
        />
      )}
      <Card title={zh ? "验收指标" : "Items"} styles={{ body: { padding: 0 } }}>
        <Table
          data-testid="scorecard-table"
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={scorecard.items}
          columns={[
            { title: zh ? "编号" : "Id", dataIndex: "id", width: 60, ...RULE_COLUMN },
            {
              title: zh ? "指标" : "Item",
              key: "title",
              width: 180,
              render: (_, r) => TITLES.get(r.id)?.[language],
            },
            {
              title: zh ? "结论" : "Status",
              key: "status",
              width: 110,
              render: (_, r) => <StatusCell r={r} zh={zh} language={language} />,
            },
            {
              title: zh ? "测量值" : "Measured",
              key: "measured",
              render: (_, r) => describeMeasures(r.measured, language),
            },
            {
              title: zh ? "标准" : "Threshold",
              key: "threshold",
              render: (_, r) => describeMeasures(r.threshold, language),
            },
            {
              title: zh ? "规则" : "Rules",
              key: "rules",
              width: 90,
              render: (_, r) => r.rules.join(" "),
              ...RULE_COLUMN,
            },
            { title: zh ? "说明" : "Note", dataIndex: "note" },
            {
              key: "action",
              width: 80,
              render: (_, r) =>
                decideButton(
                  r.id,
                  false,
                  r.overridden ? r.dataResult!.status : r.decidedBy === "data" ? r.status : "pending",
                ),
            },
          ]}
        />
      </Card>
      <Card title={zh ? "一票否决项" : "Veto items"} styles={{ body: { padding: 0 } }}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={scorecard.veto}
          columns={[
            { title: zh ? "编号" : "Id", dataIndex: "id", width: 60, ...RULE_COLUMN },
            { title: zh ? "事项" : "Item", key: "title", render: (_, r) => TITLES.get(r.id)?.[language] },
            {
              title: zh ? "状态" : "Status",
              key: "status",
              width: 100,
              render: (_, r) => <StatusCell r={r} zh={zh} language={language} />,
            },
            { title: zh ? "说明" : "Note", dataIndex: "note" },
            {
              key: "action",
              width: 80,
              render: (_, r) =>
                decideButton(
                  r.id,
                  true,
                  r.overridden ? r.dataResult!.status : r.decidedBy === "data" ? r.status : "pending",
                ),
            },
          ]}
        />
      </Card>
      {performance.data && <PerformanceCard performance={performance.data} scorecard={scorecard} />}
      <Card title={zh ? "证据材料" : "Evidence"} styles={{ body: { padding: 0 } }}>
        <Table
          data-testid="evidence-table"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={process.data?.evidence ?? []}
          columns={[
            {
              title: zh ? "指标" : "Item",
              dataIndex: "itemId",
              width: 140,
              render: (id: string) => <ItemNames ids={[id]} />,
            },
            {
              title: zh ? "类型" : "Kind",
              dataIndex: "kind",
              width: 80,
              render: (kind: string) => EVIDENCE_KIND[kind]?.[language] ?? kind,
            },
            { title: zh ? "说明" : "Note", dataIndex: "note" },
            { title: zh ? "文件" : "File", dataIndex: "fileName" },
            { title: zh ? "提交人" : "By", dataIndex: "createdBy", width: 160 },
          ]}
        />
      </Card>
      <ProcedureCard
        key={process.data?.signoff?.signedAt ?? "unsigned"}
        code={code}
        asOf={asOf}
        onChange={reload}
      />
      {timeline.data && <TimelineCard timeline={timeline.data} />}
      {deciding && (
        <DecisionModal
          code={code}
          deciding={deciding}
          onClose={(changed) => {
            setDeciding(undefined);
            if (changed) reload();
          }}
        />
      )}
    </Space>
  );
}

function DecisionModal({
  code,
  deciding,
  onClose,
}: {
  code: string;
  deciding: Deciding;
  onClose: (changed: boolean) => void;
}) {
  const { language } = useI18n();
  const zh = language === "zh";
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: string; note: string }>();
  const [file, setFile] = useState<File>();
  const [isSaving, setSaving] = useState(false);
  const statuses = deciding.isVeto ? ["clear", "triggered"] : ["pass", "fail", "n/a", "pending"];
  const chosen = Form.useWatch("status", form);
  const isOverride = !!chosen && deciding.dataStatus !== "pending" && chosen !== deciding.dataStatus;
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      // Evidence first: an override (and an E5 finding) is refused without it.
      if (file) await uploadEvidence(code, deciding.id, values.note, file);
      await decide(code, { itemId: deciding.id, ...values, asOf: deciding.asOf });
      message.success(zh ? "已保存判定" : "Decision saved");
      onClose(true);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${deciding.id} ${TITLES.get(deciding.id)?.[language] ?? ""}`}
      onCancel={() => onClose(false)}
      onOk={save}
      okButtonProps={{ loading: isSaving, "data-testid": "decision-save" } as never}
      okText={zh ? "保存" : "Save"}
    >
      <Form form={form} layout="vertical">
        {isOverride && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="override-warning"
            title={
              zh
                ? `数据判定为「${STATUS[deciding.dataStatus]?.zh ?? deciding.dataStatus}」：改判须书面说明理由（不少于${DEFAULT_DECISION_SETTINGS.overrideReasonMinLength}字）并附证据，报告中将同时显示两种结论`
                : `The data decided otherwise: an override needs a written reason (${DEFAULT_DECISION_SETTINGS.overrideReasonMinLength}+ characters) and evidence; reports show both results`
            }
          />
        )}
        <Form.Item name="status" label={zh ? "结论" : "Status"} rules={[{ required: true }]}>
          <Select
            data-testid="decision-status"
            options={statuses.map((s) => ({ value: s, label: STATUS[s]?.[language] ?? s }))}
          />
        </Form.Item>
        <Form.Item name="note" label={zh ? "判定依据" : "Grounds"} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea data-testid="decision-note" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={zh ? "照片或文件（可选）" : "Photo or file (optional)"}>
          <Upload
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button data-testid="decision-file">{zh ? "选择文件" : "Choose file"}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
