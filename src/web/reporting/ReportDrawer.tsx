/**
 * One monthly or annual report: the form (figures in yuan, projects), the same validation rules the
 * server applies on submission (shown live as the officer types), the actions the user's role
 * allows at this status, the approval history and the exports.
 */
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Tag,
  Timeline,
  Typography,
} from "antd";
import { useEffect, useMemo, useState } from "react";
import { formatYuan, yuanToFen } from "../../rules/money";
import {
  APPROVAL_LEVEL_NAMES,
  isEditable,
  type MonthlyReportContent,
  REPORT_KIND_NAMES,
  REPORT_STATUS_NAMES,
  validateReportContent,
} from "../../rules/reporting";
import { useUser } from "../app/auth";
import { useI18n } from "../app/i18n";
import { ErrorResult } from "../components/ErrorResult";
import { PageLoading } from "../components/PageLoading";
import { useRequest } from "../components/use-request";
import { type ReportDetail, reportingApi } from "./reporting.api";

const ACTIONS: Record<string, { zh: string; en: string }> = {
  created: { zh: "创建", en: "created" },
  saved: { zh: "保存", en: "saved" },
  assembled: { zh: "汇总生成", en: "assembled" },
  submitted: { zh: "提交", en: "submitted" },
  approved: { zh: "审核通过", en: "approved" },
  returned: { zh: "退回", en: "returned" },
  reopened: { zh: "重新打开", en: "reopened" },
};

type ProjectRow = { name: string; progressPct: number; contracted: string; disbursed: string; note: string };
type FormValues = {
  county: string;
  rural: string;
  agri: string;
  issues: string;
  summary?: string;
  projects: ProjectRow[];
};

const yuanText = (fen: unknown) => (typeof fen === "number" ? formatYuan(fen, "").replace(/,/g, "") : "");

function toValues(content: Record<string, unknown>): FormValues {
  const c = content as Partial<MonthlyReportContent> & { summary?: string };
  return {
    county: yuanText(c.countyEcommerceFen),
    rural: yuanText(c.ruralOnlineRetailFen),
    agri: yuanText(c.agriculturalOnlineRetailFen),
    issues: c.issues ?? "",
    summary: c.summary,
    projects: (c.projects ?? []).map((p) => ({
      name: p.name,
      progressPct: p.progressBp / 100,
      contracted: yuanText(p.contractedFen),
      disbursed: yuanText(p.disbursedFen),
      note: p.note,
    })),
  };
}

/** Form values to report content; a blank figure is "not reported", a bad one an error by field. */
function toContent(values: FormValues): {
  content: MonthlyReportContent & { summary?: string };
  errors: string[];
} {
  const errors: string[] = [];
  const fen = (text: string | undefined, field: string): number | null => {
    if (!text?.trim()) return null;
    const parsed = yuanToFen(text);
    if (parsed.ok) return parsed.value;
    errors.push(`${field}：${parsed.reason.zh}`);
    return null;
  };
  return {
    content: {
      countyEcommerceFen: fen(values.county, "县域电子商务交易额"),
      ruralOnlineRetailFen: fen(values.rural, "农村网络零售额"),
      agriculturalOnlineRetailFen: fen(values.agri, "农产品网络零售额"),
      projects: (values.projects ?? []).map((p, i) => ({
        name: p?.name ?? "",
        progressBp: Math.round((p?.progressPct ?? 0) * 100),
        contractedFen: fen(p?.contracted, `项目${i + 1}合同金额`) ?? 0,
        disbursedFen: fen(p?.disbursed, `项目${i + 1}已拨付`) ?? 0,
        note: p?.note ?? "",
      })),
      issues: values.issues ?? "",
      ...(values.summary !== undefined ? { summary: values.summary } : {}),
    },
    errors,
  };
}

export function ReportDrawer({
  countyCode,
  id,
  onClose,
}: {
  countyCode: string;
  id: string;
  onClose: (changed: boolean) => void;
}) {
  const { language } = useI18n();
  const zh = language === "zh";
  const lang = zh ? "zh" : "en";
  const user = useUser();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [live, setLive] = useState<string[]>([]);
  const detail = useRequest((signal) => reportingApi.report(countyCode, id, signal), [countyCode, id]);
  const report = detail.data;

  useEffect(() => {
    if (report) form.setFieldsValue(toValues(report.content));
  }, [report, form]);

  const recheck = () => {
    if (!report) return;
    const { content, errors } = toContent(form.getFieldsValue(true));
    setLive([
      ...errors,
      ...validateReportContent(content, report.reporterKind).map((p) => `${p.rule} ${p.message[lang]}`),
    ]);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-check when the loaded report changes.
  useEffect(recheck, [report, lang]);

  const level = useMemo(
    () =>
      ({ province_admin: "province", city_viewer: "city", county_admin: "county" })[user.role as string] as
        | "province"
        | "city"
        | "county"
        | undefined,
    [user.role],
  );
  if (detail.error && !report) return <ErrorResult error={detail.error} onRetry={detail.reload} />;

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
      setChanged(true);
      detail.reload();
    } catch (error) {
      const e = error as Error & { details?: { message: string }[] };
      message.error([e.message, ...(e.details ?? []).map((d) => d.message)].join("；"));
    } finally {
      setBusy(false);
    }
  };
  const save = async (r: ReportDetail) => {
    const { content, errors } = toContent(form.getFieldsValue(true));
    if (errors.length) throw new Error(errors.join("；"));
    return reportingApi.saveReport(countyCode, id, r.version, content);
  };
  const withComment = (decision: "return" | "reopen", r: ReportDetail) => {
    let comment = "";
    modal.confirm({
      title:
        decision === "return"
          ? zh
            ? "退回报告"
            : "Return the report"
          : zh
            ? "重新打开报告"
            : "Reopen the report",
      content: (
        <Input.TextArea
          aria-label={zh ? "意见" : "Comment"}
          placeholder={zh ? "请填写意见（必填）" : "Comment (required)"}
          onChange={(e) => {
            comment = e.target.value;
          }}
        />
      ),
      onOk: () =>
        run(
          () => reportingApi.reviewReport(countyCode, id, decision, r.version, comment),
          zh ? "已完成" : "Done",
        ),
    });
  };

  const canWrite =
    report && isEditable(report.status) && (user.role === "county_admin" || user.role === "contractor");
  const canReview = report && level && report.status === "submitted";
  const canReopen = report && level && report.status === "approved";

  return (
    <Drawer
      open
      size="large"
      title={
        report ? `${REPORT_KIND_NAMES[report.kind][lang]} · ${report.period} · ${report.reporterName}` : ""
      }
      onClose={() => onClose(changed)}
      extra={
        report && (
          <Space>
            <a href={`/api/v1/counties/${countyCode}/reports/${id}/export.json`}>JSON</a>
            <a href={`/api/v1/counties/${countyCode}/reports/${id}/export.xlsx`}>Excel</a>
          </Space>
        )
      }
    >
      {!report ? (
        <PageLoading />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: "100%" }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={zh ? "状态" : "Status"}>
              <Tag data-testid="report-status">{REPORT_STATUS_NAMES[report.status][lang]}</Tag>
              {report.pendingLevel &&
                `${zh ? "待" : "awaiting "}${APPROVAL_LEVEL_NAMES[report.pendingLevel][lang]}${zh ? "审核" : ""}`}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? "应报日期" : "Due"}>{report.dueOn}</Descriptions.Item>
            <Descriptions.Item label={zh ? "首次报送" : "First submitted"}>
              {report.firstSubmittedOn ?? "—"}
            </Descriptions.Item>
            <Descriptions.Item label={zh ? "填报截止" : "Entry closes"}>
              {report.entry.closesOn}
              {report.entry.state === "closed" && <Tag color="red">{zh ? "已截止" : "closed"}</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {report.lastComment && (
            <Alert
              type="warning"
              showIcon
              title={`${zh ? "审核意见：" : "Reviewer: "}${report.lastComment}`}
            />
          )}
          {live.length > 0 && (
            <Alert
              type="error"
              showIcon
              title={zh ? "校验规则未通过（通过后方可提交）" : "Validation rules fail (must pass to submit)"}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {live.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Form form={form} layout="vertical" disabled={!canWrite} onValuesChange={recheck}>
            <Space wrap>
              <Form.Item name="county" label={zh ? "县域电子商务交易额（元）" : "County e-commerce (yuan)"}>
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name="rural" label={zh ? "农村网络零售额（元）" : "Rural online retail (yuan)"}>
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item
                name="agri"
                label={zh ? "农产品网络零售额（元）" : "Agricultural online retail (yuan)"}
              >
                <Input inputMode="decimal" />
              </Form.Item>
            </Space>
            <Typography.Text strong>
              {zh ? "项目进展与资金拨付" : "Projects and disbursement"}
            </Typography.Text>
            <Form.List name="projects">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} wrap align="end">
                      <Form.Item name={[field.name, "name"]} label={zh ? "项目名称" : "Project"}>
                        <Input style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, "progressPct"]} label={zh ? "进度（%）" : "Progress (%)"}>
                        <InputNumber min={0} max={100} step={1} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, "contracted"]}
                        label={zh ? "合同金额（元）" : "Contracted (yuan)"}
                      >
                        <Input inputMode="decimal" style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, "disbursed"]}
                        label={zh ? "已拨付（元）" : "Disbursed (yuan)"}
                      >
                        <Input inputMode="decimal" style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, "note"]} label={zh ? "说明" : "Note"}>
                        <Input style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item>
                        <Button onClick={() => remove(field.name)}>{zh ? "删除" : "Remove"}</Button>
                      </Form.Item>
                    </Space>
                  ))}
                  <Form.Item>
                    <Button
                      onClick={() =>
                        add({ name: "", progressPct: 0, contracted: "", disbursed: "", note: "" })
                      }
                    >
                      {zh ? "添加项目" : "Add project"}
                    </Button>
                  </Form.Item>
                </>
              )}
            </Form.List>
            <Form.Item name="issues" label={zh ? "存在问题" : "Issues"}>
              <Input.TextArea rows={3} />
            </Form.Item>
            {report.kind === "annual" && (
              <Form.Item name="summary" label={zh ? "年度总结" : "Summary of the year"}>
                <Input.TextArea rows={4} />
              </Form.Item>
            )}
          </Form>
          <Space wrap>
            {canWrite && (
              <>
                <Button loading={busy} onClick={() => run(() => save(report), zh ? "已保存" : "Saved")}>
                  {zh ? "保存" : "Save"}
                </Button>
                {report.kind === "annual" && (
                  <Button
                    loading={busy}
                    onClick={() =>
                      run(
                        () => reportingApi.reassemble(countyCode, id, report.version),
                        zh ? "已重新汇总" : "Reassembled",
                      )
                    }
                  >
                    {zh ? "按月报重新汇总" : "Reassemble from monthly reports"}
                  </Button>
                )}
                <Button
                  type="primary"
                  loading={busy}
                  disabled={live.length > 0}
                  onClick={() =>
                    run(
                      async () => {
                        const saved = await save(report);
                        await reportingApi.submitReport(countyCode, id, saved.version);
                      },
                      zh ? "已提交" : "Submitted",
                    )
                  }
                >
                  {zh ? "提交" : "Submit"}
                </Button>
              </>
            )}
            {canReview && (
              <>
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() =>
                    run(
                      () => reportingApi.reviewReport(countyCode, id, "approve", report.version, ""),
                      zh ? "已审核通过" : "Approved",
                    )
                  }
                >
                  {zh ? "审核通过" : "Approve"}
                </Button>
                <Button danger loading={busy} onClick={() => withComment("return", report)}>
                  {zh ? "退回" : "Return"}
                </Button>
              </>
            )}
            {canReopen && (
              <Button loading={busy} onClick={() => withComment("reopen", report)}>
                {zh ? "重新打开" : "Reopen"}
              </Button>
            )}
          </Space>
          <Typography.Text strong>{zh ? "审核记录" : "History"}</Typography.Text>
          <Timeline
            items={report.events.map((e) => ({
              content: `${e.at.slice(0, 16).replace("T", " ")} ${e.actorName} ${ACTIONS[e.action]?.[lang] ?? e.action}${
                e.level ? `（${APPROVAL_LEVEL_NAMES[e.level as "county"]?.[lang] ?? e.level}）` : ""
              }${e.comment ? `：${e.comment}` : ""}`,
            }))}
          />
        </Space>
      )}
    </Drawer>
  );
}
